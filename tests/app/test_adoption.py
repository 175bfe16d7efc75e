"""Pipelines & stages: HubSpot's own deal pipeline or one alongside, and where the deals of its
existing stages go; the plan shows the moves in business words."""

from __future__ import annotations

from app_helpers import click, edit_table, editor_key, goto, texts, use_template, wizard
from streamlit.testing.v1 import AppTest


def mapping(at: AppTest):
    return at.data_editor(key=editor_key(at, "adoption.0")).value


def test_a_template_uses_hubspots_pipeline_and_the_user_changes_where_deals_go(at: AppTest, sandbox):
    use_template(at)
    goto(at, "pipelines")
    assert at.radio(key="pipelines.adopt").value == "adopt"
    assert "one shared pipeline" in texts(at)
    table = mapping(at)
    assert list(table["existing"]) == [
        "Appointment Scheduled",
        "Qualified To Buy",
        "Presentation Scheduled",
        "Decision Maker Bought-In",
        "Contract Sent",
        "Closed Won",
        "Closed Lost",
    ]
    assert table["moves_to"][1] == "Contact made"
    assert table["moves_to"][5] == "Closed won"

    edit_table(at, "adoption.0", edited_rows={1: {"moves_to": "Demo sent"}})
    stages = {s.id: s for s in wizard(at).config.pipelines[0].stages}
    assert "qualifiedtobuy" in stages["demo_sent"].replaces
    assert "qualifiedtobuy" not in stages["contact_made"].replaces
    assert mapping(at)["moves_to"][1] == "Demo sent"

    goto(at, "provision")
    click(at, "provision.plan")
    details = " ".join(at.dataframe[-1].value["details"])
    # Demo sent now takes over Qualified To Buy (its first replaced stage, deals stay) and the
    # deal of Presentation Scheduled moves there
    assert "stage *Qualified To Buy*: renamed to *Demo sent*" in details
    assert "1 deal (25,000) move from *Presentation Scheduled* to *Demo sent*" in details


def test_create_alongside_forgets_the_mapping(at: AppTest):
    use_template(at)
    goto(at, "pipelines")
    at.radio(key="pipelines.adopt").set_value("alongside").run()
    pipeline = wizard(at).config.pipelines[0]
    assert pipeline.adopt is None and all(not s.replaces for s in pipeline.stages)
    assert not [e for e in at.data_editor if e.key and e.key.startswith("adoption.")]
    at.radio(key="pipelines.adopt").set_value("adopt").run()
    pipeline = wizard(at).config.pipelines[0]
    assert pipeline.adopt == "default"
    assert pipeline.stage("closed_won").replaces == ["closedwon"]  # proposed again
