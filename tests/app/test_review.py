"""Review: findings by severity with a jump to the fix, the forecast, the YAML and downloads."""

from __future__ import annotations

from app_helpers import click, edit_table, goto, ok, use_template, wizard
from streamlit.testing.v1 import AppTest

from hubwizard import configfile, editing


def open_tab(at: AppTest, label: str) -> AppTest:
    at.session_state["review.tab"] = label
    return ok(at)


def broken(at: AppTest) -> AppTest:
    """b2b-sales with one error (a probability), one warning (a reminder without exit)."""
    use_template(at)
    config = wizard(at).config
    config.pipelines[0].stages[2].probability = 0.55
    config.workflows[0].exit_when_trigger_no_longer_true = False
    wizard(at).touch()
    return goto(at, "review")


def test_findings_grouped_by_severity(at: AppTest):
    broken(at)
    assert [s.value for s in at.subheader][:2] == ["Errors (1)", "Warnings (1)"]
    assert at.button(key="review.fix.error.0").label == "Fix on Pipelines & stages"
    assert at.button(key="review.fix.warning.0").label == "Fix on Workflows"


def test_fix_opens_the_page_with_the_item_selected(at: AppTest):
    broken(at)
    config = wizard(at).config
    config.pipelines.insert(0, editing.new_pipeline(config, "Other", "tickets"))
    wizard(at).touch()
    at.run()
    click(at, "review.fix.error.0")
    assert at.title[0].value == "Pipelines & stages"
    assert at.selectbox(key="pick.pipeline").value == 1  # the Sales pipeline, now second
    edit_table(at, "stages.1", edited_rows={2: {"probability": 60}})
    goto(at, "review")
    assert at.subheader[0].value == "Warnings (1)"


def test_downloads_hand_out_the_yaml_and_json_of_the_config(at: AppTest):
    use_template(at)
    goto(at, "review")
    assert at.get("download_button")[0].proto.label == "Download YAML"
    config = wizard(at).config
    yaml_file = editing.export_file(config, "yaml")
    assert yaml_file.data == configfile.dumps(config).encode()
    assert yaml_file.name == "b2b-sales-starter.yaml"
    assert editing.export_file(config, "json").data == configfile.dumps_json(config).encode()
    assert configfile.loads(yaml_file.data, yaml_file.name).config == config


def test_yaml_preview_is_the_dump_of_the_config(at: AppTest):
    use_template(at)
    edit_table(at, "stages.0", edited_rows={0: {"label": "First call"}})
    goto(at, "review")
    assert not at.code  # only the open tab is drawn
    open_tab(at, "YAML preview")
    assert at.code[0].value == configfile.dumps(wizard(at).config).rstrip("\n")
    assert "label: First call" in at.code[0].value


def test_forecast_chart_and_sample_deals(at: AppTest):
    use_template(at)
    goto(at, "review")
    assert not at.get("arrow_vega_lite_chart")  # only the open tab is drawn
    open_tab(at, "Weighted forecast")
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    before = next(m.value for m in at.metric if m.label == "Weighted forecast")
    assert before == "66,000"  # 5,000 each: 12 at 10%, 9 at 30%, 6 at 60%, 3 at 90%, 3 won
    edit_table(at, "forecast.sales", edited_rows={4: {"deals": 5}})
    after = next(m.value for m in at.metric if m.label == "Weighted forecast")
    assert after == "76,000"
    assert wizard(at).sample_deals["sales"]["closed_won"].count == 5
