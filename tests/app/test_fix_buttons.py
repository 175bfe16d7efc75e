"""Fixes in the wizard: each finding with a remedy shows it as a button; one click is one
undoable edit (the finding goes, none comes, the sidebar's counts follow), and "Undo" in the
notice brings back exactly the setup as it was."""

from __future__ import annotations

from collections import Counter

import pytest
from app_helpers import click, goto, ok, texts, use_template, wizard
from streamlit.testing.v1 import AppTest

from hubwizard import fixes, setups
from hubwizard.config import Config
from hubwizard.configfile import parse_path
from hubwizard.findings import summarise
from hubwizard.lint import RULES
from hubwizard.ui.nav import checks_line


def subjects(config: Config, findings) -> Counter:
    """Findings by code and by the id or name of what they are about (indexes shift)."""
    out: Counter = Counter()
    for finding in findings:
        item: object = config
        named: list = [finding.code]
        for part in parse_path(finding.path):
            if isinstance(part, int):
                item = item[part]
                named.append(getattr(item, "id", None) or getattr(item, "name", None) or part)
            else:
                item = getattr(item, part, None)
                named.append(part)
        out[tuple(named)] += 1
    return out


def broken(at: AppTest, change) -> AppTest:
    """b2b-sales with ``change`` made to it, as one edit; then the Review page."""
    use_template(at)
    data = wizard(at).config.model_dump()
    change(data)
    wizard(at).config = Config.model_validate(data)
    wizard(at).touch()
    return goto(at, "review")


def sidebar_checks(at: AppTest) -> str:
    return next(m.value for m in at.sidebar.markdown if "Checks" in m.value)


def fix_and_undo(at: AppTest, code: str, key: str) -> Config:
    """Click the fix ``key`` of the first finding ``code`` on Review; check the promise; undo."""
    w = wizard(at)
    before = setups.serialize(w.config)
    config = w.config
    findings = w.findings
    finding = next(f for f in findings if f.code == code)
    offered = {f.key: f for f in fixes.fixes_for(config, finding)}
    fix = offered[key]
    buttons = [
        b
        for b in at.button
        if b.key and b.key.startswith("fix.review.") and b.key.endswith(f"{finding.path}.{key}")
    ]
    assert len(buttons) == 1, [b.key for b in at.button]
    assert buttons[0].label == fix.title
    assert fix.explanation.split(":")[0] in texts(at)
    assert sidebar_checks(at) == f"**Checks:** {checks_line(summarise(findings))}"
    undos = len(w.history.undos)

    click(at, buttons[0].key)
    fixed = wizard(at).config
    assert setups.serialize(fixed) != before
    assert len(wizard(at).history.undos) == undos + 1, "one click, one edit"
    after = subjects(fixed, wizard(at).findings)
    gone = subjects(config, [finding])
    assert not (after & gone), "the finding is still shown"
    assert after - subjects(config, findings) == Counter(), "the fix added a finding"
    assert sidebar_checks(at) == f"**Checks:** {checks_line(summarise(wizard(at).findings))}"
    assert any(fix.done in s.value for s in at.success), [s.value for s in at.success]

    click(at, "notice.undo")
    assert setups.serialize(wizard(at).config) == before
    assert sidebar_checks(at) == f"**Checks:** {checks_line(summarise(findings))}"
    return fixed


def add_follow_up(data: dict) -> None:
    stages = data["pipelines"][0]["stages"]
    quote = next(i for i, s in enumerate(stages) if s["id"] == "quote_sent")
    stages.insert(quote + 1, {"id": "follow_up", "label": "Quote follow-up", "probability": 0.7})
    data["workflows"] = []


def test_a_follow_up_stage_turns_into_a_reminder_in_one_click(at: AppTest):
    broken(at, add_follow_up)
    fixed = fix_and_undo(at, "HW202", "reminder")
    assert "follow_up" not in [s.id for s in fixed.pipelines[0].stages]
    assert fixed.workflows[-1].trigger.stage_entered.stage == "quote_sent"


def add_product_pipelines(data: dict) -> None:
    sales = data["pipelines"][0]
    for n, label in enumerate(["Hardware deals", "Services deals"]):
        stages = [{**s, "replaces": []} for s in sales["stages"]]
        data["pipelines"].append({**sales, "id": f"copy{n}", "label": label, "adopt": None, "stages": stages})


def test_product_pipelines_merge_into_one_in_one_click(at: AppTest):
    broken(at, add_product_pipelines)
    fixed = fix_and_undo(at, "HW101", "merge")
    assert [p.id for p in fixed.pipelines] == ["sales"]
    options = [o.label for o in fixed.property_groups[0].properties[0].options]
    assert options[-2:] == ["Hardware deals", "Services deals"]


def add_custom_amount(data: dict) -> None:
    data["property_groups"][0]["properties"].append(
        {"name": "deal_value", "label": "Deal value", "type": "number"}
    )


def test_a_custom_amount_gives_way_to_hubspots_amount_in_one_click(at: AppTest):
    broken(at, add_custom_amount)
    fixed = fix_and_undo(at, "HW301", "native")
    assert "deal_value" not in [p.name for p in fixed.property_groups[0].properties]


def equal_probabilities(data: dict) -> None:
    data["pipelines"][0]["stages"][2]["probability"] = 0.3  # Quote sent = Demo sent


@pytest.mark.parametrize("key", ["lower", "raise"])
def test_equal_probabilities_offer_two_clicks(at: AppTest, key: str):
    broken(at, equal_probabilities)
    finding = next(f for f in wizard(at).findings if f.code == "HW208")
    assert [f.key for f in fixes.fixes_for(wizard(at).config, finding)] == ["lower", "raise"]
    fixed = fix_and_undo(at, "HW208", key)
    probabilities = [s.probability for s in fixed.pipelines[0].stages[:4]]
    assert probabilities == ([0.1, 0.2, 0.3, 0.9] if key == "lower" else [0.1, 0.3, 0.4, 0.9])


def default_unused(data: dict) -> None:
    data["pipelines"][0]["adopt"] = None
    for stage in data["pipelines"][0]["stages"]:
        stage["replaces"] = []


def test_the_default_pipeline_is_adopted_in_one_click(at: AppTest):
    if fixes.DEFAULT_UNUSED not in RULES:
        pytest.skip(f"the {fixes.DEFAULT_UNUSED} check is not on this branch yet (tests/unit covers the fix)")
    broken(at, default_unused)
    fixed = fix_and_undo(at, fixes.DEFAULT_UNUSED, "adopt")
    assert fixed.pipelines[0].adopt == "default"


def test_the_fix_is_offered_next_to_the_stage_on_pipelines_too(at: AppTest):
    broken(at, add_follow_up)
    goto(at, "pipelines")
    key = next(b.key for b in at.button if b.key and b.key.startswith("fix.box.HW202."))
    before = setups.serialize(wizard(at).config)
    click(at, key)
    assert not [f for f in wizard(at).findings if f.code == "HW202"]
    assert at.title[0].value == "Pipelines & stages", "the fix keeps the user where they are"
    assert "Turned “Quote follow-up” into a reminder." in [s.value for s in at.success]
    click(at, "notice.undo")
    assert setups.serialize(wizard(at).config) == before
    ok(at)


def test_findings_without_a_fix_keep_the_way_to_their_page(at: AppTest):
    use_template(at)
    config = wizard(at).config
    config.workflows[0].exit_when_trigger_no_longer_true = False
    wizard(at).touch()
    goto(at, "review")
    assert at.button(key="review.fix.warning.0").label == "Fix on Workflows"
    assert not [b for b in at.button if b.key and b.key.startswith("fix.")]


def test_a_fix_that_fails_says_so_and_changes_nothing(at: AppTest, monkeypatch: pytest.MonkeyPatch):
    """A fix that breaks on a setup nobody foresaw: the user reads why, the setup stays."""

    def broken_fix(config, finding):
        def apply(config):
            raise ValueError("the stage moved")

        return [fixes.Fix("boom", "Try it", "Does something.", "Did something", apply)]

    monkeypatch.setitem(fixes.FIXES, "HW503", broken_fix)
    use_template(at)
    wizard(at).config.workflows[0].exit_when_trigger_no_longer_true = False
    wizard(at).touch()
    goto(at, "review")
    before = setups.serialize(wizard(at).config)
    key = next(
        b.key for b in at.button if b.key and b.key.startswith("fix.review.") and b.key.endswith(".boom")
    )
    click(at, key)
    assert setups.serialize(wizard(at).config) == before
    assert any("this fix could not be applied (the stage moved)" in e.value for e in at.error)
