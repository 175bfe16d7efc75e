"""Plain words for workflows: the wizard's preview sentence."""

from __future__ import annotations

from hubwizard.config import Workflow
from hubwizard.templates import get_template
from hubwizard.wording import describe_workflow, percent


def test_the_issue_sentence():
    config = get_template("b2b-sales").config
    assert describe_workflow(config.workflows[0], config) == (
        "When a deal enters *Quote sent*, wait 15 days, then create a task “Follow up the quote” for the deal "
        "owner (high priority); stop if the deal leaves the stage (created switched off)"
    )


def test_property_trigger_and_custom_objects():
    config = get_template("multi-product").config
    assert describe_workflow(config.workflows[0], config).startswith(
        "When a deal's product_line is “software”, assign the deal to kim.garcia@example.com"
    )
    hr = get_template("hr-recruitment").config
    workflow = Workflow.model_validate(
        {
            "id": "w",
            "name": "n",
            "object": "application",
            "enabled": True,
            "trigger": {"stage_entered": {"pipeline": "recruitment", "stage": "screening"}},
            "steps": [{"notify_owner": {"subject": "New"}}],
        }
    )
    assert (
        describe_workflow(workflow, hr)
        == "When an application enters *Screening*, email the application owner “New”"
    )


def test_percent():
    assert [percent(0.1), percent(1.0), percent(None)] == ["10%", "100%", "no probability"]


def test_numbers_are_grouped_as_the_sessions_language_writes_them():
    from hubwizard import i18n
    from hubwizard.wording import money, number

    assert number(34000) == money(34000.4) == "34,000"
    with i18n.using("fr"):
        assert number(34000).replace("\u202f", " ").replace("\xa0", " ") == "34 000"
    with i18n.using("zh"):
        assert number(1234567) == "1,234,567"
