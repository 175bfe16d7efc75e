"""HW5xx: workflows and the references between items (HW501)."""

from __future__ import annotations

import pytest
from lint_builders import (
    PRODUCT_TYPE,
    application_object,
    config,
    delay,
    enum,
    found,
    group,
    labelled_stages,
    none_of,
    one,
    pipeline,
    prop,
    stage,
    stage_entered,
    task,
    ticket_pipeline,
    workflow,
)

from hubwizard import editing
from hubwizard.findings import Severity


def _with_products(*workflows, **extra):
    return config(
        pipelines=extra.pop(
            "pipelines",
            [
                pipeline(),
                pipeline("admin", "Administration", labelled_stages("Contract received", "Invoiced")),
            ],
        ),
        property_groups=[group(properties=[PRODUCT_TYPE, prop("paid", "Paid", "bool")])],
        workflows=list(workflows),
        **extra,
    )


# --- HW501 ----------------------------------------------------------------------------------


def test_hw501_unknown_pipeline_in_trigger():
    f = one(_with_products(workflow(trigger=stage_entered("sale", "quote_sent"))), "HW501")
    assert f.severity is Severity.ERROR
    assert f.path == "workflows[0].trigger.stage_entered.pipeline"
    assert "'Quote follow-up after 15 days'" in f.message and "pipeline this setup does not have" in f.message
    assert "'sale'" in f.hint and "did you mean 'sales'" in f.hint
    assert "'Sales'" in f.fix


def test_hw501_unknown_stage_of_that_pipeline():
    f = one(_with_products(workflow(trigger=stage_entered("admin", "quote_sent"))), "HW501")
    assert f.path == "workflows[0].trigger.stage_entered.stage"
    assert "'Administration'" in f.message and "'quote_sent'" in f.hint
    assert "'Invoice sent'" in f.fix or "Choose one of its stages" in f.fix


def test_hw501_trigger_pipeline_of_another_object():
    cfg = config(
        pipelines=[pipeline(), ticket_pipeline()],
        workflows=[workflow(trigger=stage_entered("support", "new"))],
    )
    f = one(cfg, "HW501")
    assert f.path == "workflows[0].trigger.stage_entered.pipeline"
    assert "runs on deal records" in f.message and "is a ticket pipeline" in f.message


def test_hw501_unknown_property_in_trigger():
    trigger = {"property_is": {"property": "product_typ", "values": ["Software"]}}
    f = one(_with_products(workflow(trigger=trigger)), "HW501")
    assert f.path == "workflows[0].trigger.property_is.property"
    assert "'product_typ'" in f.hint and "did you mean 'product_type'" in f.hint
    assert "(perhaps 'Product type')" in f.fix


def test_hw501_value_that_is_not_an_option():
    trigger = {"property_is": {"property": "product_type", "values": ["Software", "Hardwear"]}}
    f = one(_with_products(workflow(trigger=trigger)), "HW501")
    assert f.path == "workflows[0].trigger.property_is.values[1]"
    assert "'Hardwear'" in f.message and "'Product type'" in f.message
    assert "did you mean 'Hardware'" in f.hint


def test_hw501_option_label_instead_of_value():
    options = [{"label": "Software licence", "value": "software"}]
    cfg = config(
        property_groups=[group(properties=[enum("product_type", options)])],
        workflows=[
            workflow(trigger={"property_is": {"property": "product_type", "values": ["Software licence"]}})
        ],
    )
    f = one(cfg, "HW501")
    assert "label" in f.hint and "'software'" in f.hint


def test_hw501_native_properties_are_known_and_their_options_checked():
    ok = workflow("a", "A", trigger={"property_is": {"property": "dealtype", "values": ["newbusiness"]}})
    system = workflow("b", "B", trigger={"property_is": {"property": "hs_lead_status", "values": ["x"]}})
    label = workflow("c", "C", trigger={"property_is": {"property": "dealtype", "values": ["New Business"]}})
    cfg = _with_products(ok, system, label)
    f = one(cfg, "HW501")
    assert f.path == "workflows[2].trigger.property_is.values[0]"
    assert "'newbusiness'" in f.hint


def test_hw501_set_property_references():
    steps = [
        {"set_property": {"property": "amount", "value": "1000"}},
        {"set_property": {"property": "product_type", "value": "Sofware"}},
        {"set_property": {"property": "paid", "value": "yes"}},
        {"set_property": {"property": "paid", "value": "true"}},
        {"set_property": {"property": "budget", "value": "1"}},
    ]
    cfg = _with_products(workflow(steps=steps))
    assert [f.path for f in found(cfg, "HW501")] == [
        "workflows[0].steps[1].set_property.value",
        "workflows[0].steps[2].set_property.value",
        "workflows[0].steps[4].set_property.property",
    ]


def test_hw501_multi_select_values_are_checked_one_by_one():
    checkbox = enum("products", ["Software", "Hardware"], "Products", field="checkbox")
    steps = [{"set_property": {"property": "products", "value": "Software;Hardware"}}]
    bad = [{"set_property": {"property": "products", "value": "Software;Cloud"}}]
    cfg = config(
        property_groups=[group(properties=[checkbox])],
        workflows=[workflow("a", "A", steps=steps), workflow("b", "B", steps=bad)],
    )
    f = one(cfg, "HW501")
    assert f.path == "workflows[1].steps[0].set_property.value"
    assert "'Cloud'" in f.message


def test_hw501_move_and_copy_steps():
    steps = [
        {"move_to_stage": {"pipeline": "sales", "stage": "won"}},
        {"copy_to_pipeline": {"pipeline": "admin", "stage": "s0"}},
        {"copy_to_pipeline": {"pipeline": "administration", "stage": "s0"}},
    ]
    cfg = _with_products(workflow(trigger=stage_entered("sales", "quote_signed"), steps=steps))
    assert [f.path for f in found(cfg, "HW501")] == [
        "workflows[0].steps[0].move_to_stage.stage",
        "workflows[0].steps[2].copy_to_pipeline.pipeline",
    ]


def test_hw501_sales_to_administration_copy_is_fine():
    steps = [{"copy_to_pipeline": {"pipeline": "admin", "stage": "s0"}}]
    cfg = _with_products(
        workflow("copy", "Copy signed deals", trigger=stage_entered("sales", "quote_signed"), steps=steps)
    )
    none_of(cfg, "HW501")


@pytest.mark.parametrize(
    ("section", "path"),
    [
        ("pipeline", "pipelines[0].object"),
        ("group", "property_groups[0].object"),
        ("workflow", "workflows[0].object"),
        ("association", "custom_objects[0].associations[0]"),
    ],
)
def test_hw501_unknown_custom_object(section, path):
    pipelines = [
        pipeline("recruiting", "Recruitment", [stage("new", "New", state="open")], object_="application")
    ]
    groups = [group("hr_more", [prop("cv_link")], object_="application")]
    workflows = [
        workflow(
            "w",
            "Welcome",
            object="application",
            trigger={"property_is": {"property": "application_source", "values": ["Mail"]}},
            steps=[task()],
        )
    ]
    obj = application_object()
    typo = "applicaton"
    if section == "pipeline":
        pipelines[0]["object"] = typo
    elif section == "group":
        groups[0]["object"] = typo
    elif section == "workflow":
        workflows[0]["object"] = typo
    else:
        obj["associations"] = [typo]
    cfg = config(
        tier="enterprise",
        pipelines=pipelines,
        property_groups=groups,
        custom_objects=[obj],
        workflows=workflows,
    )
    f = one(cfg, "HW501")
    assert f.path == path
    assert f"'{typo}'" in f.hint and "did you mean 'application'" in f.hint
    assert "'Applications'" in f.fix


def test_hw501_pipeline_on_an_object_without_pipelines():
    cfg = config(
        pipelines=[pipeline("leads", "Leads", [stage("new", "New", state="open")], object_="contacts")]
    )
    f = one(cfg, "HW501")
    assert f.path == "pipelines[0].object"
    assert "'Leads'" in f.message and "contacts" in f.message


def test_hw501_custom_object_workflow_with_its_own_properties_is_fine():
    pipelines = [
        pipeline("recruiting", "Recruitment", [stage("new", "New", state="open")], object_="application")
    ]
    trigger = {"property_is": {"property": "application_source", "values": ["LinkedIn"]}}
    wf = workflow("w", "LinkedIn applications", object="application", trigger=trigger, steps=[task("Call")])
    cfg = config(
        tier="enterprise", pipelines=pipelines, custom_objects=[application_object()], workflows=[wf]
    )
    none_of(cfg, "HW501")


# --- HW502 ----------------------------------------------------------------------------------


def test_hw502_tasks_on_most_stages():
    workflows = [
        workflow(f"t_{s}", f"Task on {s}", trigger=stage_entered("sales", s), steps=[task()])
        for s in ("contact_made", "demo_sent", "quote_sent")
    ]
    f = one(config(workflows=workflows), "HW502")
    assert f.severity is Severity.WARNING
    assert f.path == "workflows[0]"
    assert editing.locate(f.path).page == "workflows"  # shown where the tasks are made
    assert (
        "3 of the 4 open stages" in f.message
        and "'Sales'" in f.message
        and "'Task on demo_sent'" in f.message
    )


def test_hw502_more_than_three_task_workflows_on_a_pipeline():
    workflows = [workflow(f"t{n}", f"Reminder {n}", steps=[delay(n + 1), task()]) for n in range(4)]
    f = one(config(workflows=workflows), "HW502")
    assert "4 workflows create tasks" in f.message and "'Reminder 3'" in f.message


def test_hw502_half_of_the_stages_and_notifications_are_fine():
    workflows = [
        workflow("a", "Quote reminder"),
        workflow("b", "Demo task", trigger=stage_entered("sales", "demo_sent"), steps=[task()]),
        *[
            workflow(
                f"n{n}",
                f"Notify {n}",
                trigger=stage_entered("sales", s),
                steps=[{"notify_owner": {"subject": "x"}}],
            )
            for n, s in enumerate(("contact_made", "quote_signed"))
        ],
    ]
    none_of(config(workflows=workflows), "HW502")


# --- HW503 ----------------------------------------------------------------------------------


def test_hw503_delayed_reminder_without_exit():
    f = one(config(workflows=[workflow(exit_when_trigger_no_longer_true=False)]), "HW503")
    assert f.severity is Severity.WARNING
    assert f.path == "workflows[0].exit_when_trigger_no_longer_true"
    assert "'Quote follow-up after 15 days'" in f.message
    assert "exit_when_trigger_no_longer_true: true" in f.hint


def test_hw503_no_delay_or_exit_set_is_fine():
    cfg = config(
        workflows=[
            workflow("a", "Immediate task", steps=[task()], exit_when_trigger_no_longer_true=False),
            workflow("b", "Reminder that exits"),
        ]
    )
    none_of(cfg, "HW503")


# --- HW504 ----------------------------------------------------------------------------------


def test_hw504_send_email():
    steps = [delay(), {"send_email": {"email_id": "12345"}}]
    f = one(config(workflows=[workflow(steps=steps)]), "HW504")
    assert f.severity is Severity.INFO
    assert f.path == "workflows[0].steps[1].send_email"
    assert "Marketing Hub" in f.message
    assert "create_task" in f.hint and "notify_owner" in f.hint
    assert "Create a task" in f.fix and "Email the owner" in f.fix


def test_hw504_task_needs_no_marketing_hub():
    none_of(config(workflows=[workflow()]), "HW504")


# --- HW505 ----------------------------------------------------------------------------------


def test_hw505_workflows_below_professional():
    cfg = config(tier="starter", workflows=[workflow(), workflow("b", "Other")])
    hits = found(cfg, "HW505")
    assert [f.path for f in hits] == ["workflows[0]", "workflows[1]"]
    assert hits[0].severity is Severity.ERROR
    assert "'Quote follow-up after 15 days'" in hits[0].message and "HubSpot Starter" in hits[0].message


def test_hw505_professional_is_fine():
    none_of(config(tier="professional", workflows=[workflow()]), "HW505")


# --- HW506 ----------------------------------------------------------------------------------


def test_hw506_ends_with_a_delay():
    f = one(config(workflows=[workflow(steps=[delay(), task(), delay(3)])]), "HW506")
    assert f.severity is Severity.ERROR
    assert f.path == "workflows[0].steps[2]"
    assert "'Quote follow-up after 15 days'" in f.message and "delay" in f.message


@pytest.mark.parametrize("steps", [[], [{"delay": {"days": 15}}]])
def test_hw506_no_action(steps):
    f = one(config(workflows=[workflow(steps=steps)]), "HW506")
    assert f.path == "workflows[0].steps"
    assert "no action" in f.message


def test_hw506_delay_then_action_is_fine():
    none_of(config(workflows=[workflow()]), "HW506")


# --- HW507 ----------------------------------------------------------------------------------


def test_hw507_enabled_workflow():
    f = one(config(workflows=[workflow(enabled=True)]), "HW507")
    assert f.severity is Severity.INFO
    assert f.path == "workflows[0].enabled"
    assert "'Quote follow-up after 15 days'" in f.message


def test_hw507_switched_off_is_fine():
    none_of(config(workflows=[workflow()]), "HW507")
