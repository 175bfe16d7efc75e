"""Workflows: trigger, wait and actions from forms, the plain-sentence preview, findings."""

from __future__ import annotations

from app_helpers import click, goto, texts, use_template, wizard
from streamlit.testing.v1 import AppTest


def open_workflows(at: AppTest) -> AppTest:
    use_template(at)
    return goto(at, "workflows")


def preview(at: AppTest) -> str:
    return next(i.value for i in at.info if i.value.startswith("**Preview:**"))


def test_preview_follows_the_form(at: AppTest):
    open_workflows(at)
    assert preview(at) == (
        "**Preview:** When a deal enters *Quote sent*, wait 15 days, then create a task “Follow up the quote” "
        "for the deal owner (high priority); stop if the deal leaves the stage (created switched off)."
    )
    at.number_input(key="workflows.step.0.days").set_value(10).run()
    at.text_input(key="workflows.step.1.subject").input("Call about the quote").run()
    at.selectbox(key="workflows.trigger.stage").select("sales/demo_sent").run()
    assert "enters *Demo sent*, wait 10 days, then create a task “Call about the quote”" in preview(at)
    workflow = wizard(at).config.workflows[0]
    assert workflow.steps[0].delay.days == 10
    assert workflow.trigger.stage_entered.stage == "demo_sent"


def test_reminder_without_exit_is_flagged_until_switched_back(at: AppTest):
    open_workflows(at)
    at.toggle(key="workflows.exit").set_value(False).run()
    assert "HW503" in texts(at)
    at.toggle(key="workflows.exit").set_value(True).run()
    assert "HW503" not in texts(at)


def test_add_move_and_remove_steps(at: AppTest):
    open_workflows(at)
    at.selectbox(key="workflows.step.kind").select("notify_owner")
    click(at, "workflows.step.add")
    kinds = [s.kind for s in wizard(at).config.workflows[0].steps]
    assert kinds == ["delay", "create_task", "notify_owner"]
    click(at, "workflows.step.2.up")
    assert [s.kind for s in wizard(at).config.workflows[0].steps] == ["delay", "notify_owner", "create_task"]
    click(at, "workflows.step.2.remove")
    click(at, "workflows.step.1.remove")
    assert [s.kind for s in wizard(at).config.workflows[0].steps] == ["delay"]
    assert "HW506" in texts(at)  # ends with a delay, no action
    name = wizard(at).config.workflows[0].name
    assert f"Removed the step “Email the owner” from “{name}”." in at.success[0].value
    click(at, "notice.undo")
    assert [s.kind for s in wizard(at).config.workflows[0].steps] == ["delay", "notify_owner"]


def test_deleting_a_workflow_says_so_with_undo(at: AppTest):
    open_workflows(at)
    name = wizard(at).config.workflows[0].name
    click(at, "workflows.delete.0")
    assert wizard(at).config.workflows == []
    assert f"Deleted the workflow “{name}” and its 2 steps." in at.success[0].value
    click(at, "notice.undo")
    assert [w.name for w in wizard(at).config.workflows] == [name]


def test_property_trigger_and_a_new_workflow(at: AppTest):
    open_workflows(at)
    at.text_input(key="workflows.new.name").input("Hardware deals to Sam")
    click(at, "workflows.add")
    assert at.selectbox(key="pick.workflow").value == 1
    at.radio(key="workflows.trigger.kind").set_value("property_is").run()
    at.selectbox(key="workflows.trigger.property").select("product_type").run()
    at.multiselect(key="workflows.trigger.values").set_value(["Hardware"]).run()
    workflow = wizard(at).config.workflows[1]
    assert workflow.trigger.property_is.model_dump() == {"property": "product_type", "values": ["Hardware"]}
    assert "When a deal's product_type is “Hardware”" in preview(at)
    assert "Don't automate everything" in texts(at)


def test_a_delay_of_nothing_is_refused(at: AppTest):
    open_workflows(at)
    at.number_input(key="workflows.step.0.days").set_value(0).run()
    assert wizard(at).config.workflows[0].steps[0].delay.days == 15
    assert "delay needs days or hours" in at.error[0].value
