"""The plan on a portal whose subscription lacks what a template uses (real gateway, SDK, HTTP,
sandbox): workflows are left out with a note each, everything else is planned as usual; custom
objects and pipelines beyond the subscription's count are refused, saying why."""

from __future__ import annotations

import pytest

from hubwizard.i18n import using
from hubwizard.provision import plan_against
from hubwizard.templates import get_template, list_templates

SLUGS = [t.slug for t in list_templates()]
REFUSED = {
    ("free", "sales-and-admin"): ["PLAN103"],
    ("free", "hr-recruitment"): ["PLAN401"],
    ("starter", "hr-recruitment"): ["PLAN401"],
}


@pytest.mark.parametrize("tier", ["free", "starter"])
@pytest.mark.parametrize("slug", SLUGS)
def test_each_template_is_planned_with_its_workflows_left_out_or_refused(portal, sandbox, tier, slug):
    sandbox.set_tier(tier)
    config = get_template(slug).fresh_config()
    plan = plan_against(portal, config).plan
    assert [f.code for f in plan.refusals] == REFUSED.get((tier, slug), [])
    if not plan.ok:
        return
    assert [op.key for op in plan.left_out] == [w.name for w in config.workflows]
    for op, workflow in zip(plan.left_out, config.workflows, strict=True):
        assert (
            op.title == f"Leave out workflow '{workflow.name}': HubSpot {tier.capitalize()} has no workflows"
        )
        assert op.path.startswith("workflows[") and not op.writes
        what, instead = op.notes
        assert what.startswith("what it would have done: When a deal")
        assert "(created switched off)" not in what
        assert instead.startswith("instead, ") and "HubSpot Professional" in instead
    assert not [op for op in plan.writes if op.kind == "workflow"]
    assert plan.summary()["left_out"] == len(config.workflows)
    assert any(op.kind == "pipeline" and op.writes for op in plan.operations), "the rest is planned"


def test_what_to_do_instead_fits_each_workflow(portal, sandbox):
    sandbox.set_tier("starter")
    by_name = {}
    for slug in ("b2b-sales", "multi-product", "sales-and-admin"):
        plan = plan_against(portal, get_template(slug).fresh_config()).plan
        by_name.update({op.key: op.notes[1] for op in plan.left_out})
    assert (
        "create the task by hand on each deal, with a due date as the reminder"
        in by_name["Quote follow-up after 15 days"]
    )
    assert "set the deal owner by hand" in by_name["Software deals go to the software specialist"]
    assert (
        "create the deal by hand in the pipeline 'Administration'"
        in by_name["Copy signed deals into Administration"]
    )


def test_owners_of_a_left_out_workflow_are_not_checked(portal, sandbox):
    config = get_template("multi-product").fresh_config()
    config.workflows[0].steps[0].assign_owner.owner = "nobody@example.com"
    sandbox.set_tier("professional")
    assert "PLAN501" in [f.code for f in plan_against(portal, config).plan.refusals]
    sandbox.set_tier("free")
    plan = plan_against(portal, config).plan
    assert plan.ok, [f.message for f in plan.refusals]
    assert len(plan.left_out) == 2


def test_a_custom_object_below_enterprise_is_refused_once_saying_why_not_left_out(portal, sandbox):
    sandbox.set_tier("starter")
    plan = plan_against(portal, get_template("hr-recruitment").fresh_config()).plan
    [refusal] = plan.refusals  # no second "check the token's scopes": the subscription is why
    assert refusal.code == "PLAN401"
    assert "needs HubSpot Enterprise; this portal is HubSpot Starter" in refusal.message
    assert "cannot be left out the way a workflow is" in refusal.message
    assert plan.left_out == []


def test_a_second_pipeline_beyond_the_count_is_refused_naming_it(portal, sandbox):
    sandbox.set_tier("free")
    plan = plan_against(portal, get_template("sales-and-admin").fresh_config()).plan
    [refusal] = plan.refusals
    assert refusal.message == (
        "The portal allows 1 deal pipeline and already has 1; this plan would add 1 ('Administration')."
    )


def test_the_note_speaks_french_and_chinese(portal, sandbox):
    sandbox.set_tier("free")
    with using("fr"):
        plan = plan_against(portal, get_template("b2b-sales").fresh_config()).plan
    [op] = plan.left_out
    assert op.title == (
        "Workflow « Relance du devis après 15 jours » laissé de côté : HubSpot Gratuit n'a pas de workflows"
    )
    assert op.notes[1].startswith("à la place, créez la tâche à la main sur chaque")
    with using("zh"):
        plan = plan_against(portal, get_template("b2b-sales").fresh_config()).plan
    assert plan.left_out[0].title == "略过工作流“15 天后跟进报价”：HubSpot 免费版 不提供工作流"


def test_the_json_plan_carries_the_notes(portal, sandbox):
    sandbox.set_tier("free")
    data = plan_against(portal, get_template("b2b-sales").fresh_config()).plan.to_dict()
    [op] = [o for o in data["operations"] if o["kind"] == "workflow"]
    assert op["action"] == "keep" and len(op["notes"]) == 2
    assert data["summary"]["left_out"] == 1 and data["ok"]
