"""Workflows managed in HubSpot (branches, custom code...): a badge, the preview of what the
wizard understands, and only the name and the switch to edit."""

from __future__ import annotations

from app_helpers import goto, texts, use_template, wizard
from streamlit.testing.v1 import AppTest

from hubwizard.config import Workflow

OUTLINE = [
    "When a deal enters *Appointment Scheduled*",
    "run custom code",
    "branch on the result of an earlier step (3 branches and a default)",
    "6 more steps managed in HubSpot",
]


def open_managed(at: AppTest) -> AppTest:
    use_template(at)
    config = wizard(at).config
    config.workflows.append(
        Workflow(
            id="inbound_deal_routing",
            name="Inbound deal routing",
            enabled=True,
            managed_in_hubspot=True,
            outline=OUTLINE,
            hubspot_id="585051946",
        )
    )
    wizard(at).selected["workflow"] = len(config.workflows) - 1
    return goto(at, "workflows")


def test_managed_workflow_shows_badge_preview_and_only_name_and_switch(at: AppTest):
    open_managed(at)
    assert any("badge[" in m.value and "Managed in HubSpot" in m.value for m in at.markdown)
    assert "Here you can rename it and switch it on or off" in texts(at)
    preview = next(i.value for i in at.info if i.value.startswith("**Preview:**"))
    assert preview == (
        "**Preview:** When a deal enters *Appointment Scheduled*, run custom code, then branch on the "
        "result of an earlier step (3 branches and a default); 6 more steps managed in HubSpot."
    )
    assert [
        t.key
        for t in at.text_input
        if t.key and t.key.startswith("workflows.") and t.key != "workflows.new.name"
    ] == ["workflows.name"]
    assert [t.key for t in at.toggle] == ["workflows.enabled"]
    assert not [s for s in at.selectbox if s.key and s.key.startswith("workflows.trigger")]
    assert not [b for b in at.button if b.key and b.key.startswith("workflows.step")]
    at.toggle(key="workflows.enabled").set_value(False).run()
    at.text_input(key="workflows.name").input("Inbound deal routing (paused)").run()
    assert not at.exception
    workflow = wizard(at).config.workflows[-1]
    assert (workflow.name, workflow.enabled, workflow.managed_in_hubspot) == (
        "Inbound deal routing (paused)",
        False,
        True,
    )
    assert workflow.outline == OUTLINE and workflow.steps == []


def test_weekday_delay_read_from_hubspot_is_shown_in_words(at: AppTest):
    use_template(at)
    workflow = wizard(at).config.workflows[0]
    workflow.steps[0] = workflow.steps[0].model_validate({"delay": {"until": "tuesday"}})
    goto(at, "workflows")
    assert "Wait until Tuesday, as set in HubSpot." in texts(at)
    assert "workflows.step.0.days" not in [n.key for n in at.number_input]
    preview = next(i.value for i in at.info if i.value.startswith("**Preview:**"))
    assert "wait until Tuesday, then create a task" in preview
