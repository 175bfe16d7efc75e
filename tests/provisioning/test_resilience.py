"""Apply under failure: dropped connections, injected 429s and 5xx, stale reads, tier refusals."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from provisioning_helpers import apply, duplicates, fresh_connection, snapshot

from hubwizard.provision import apply_reviewed, plan_against
from hubwizard.sandbox import start_sandbox
from hubwizard.templates import get_template

DROP_CASES = [
    (t, k, mode)
    for t, writes in (("b2b-sales", 4), ("hr-recruitment", 6))
    for k in range(writes)
    for mode in ("after", "before")
]


@pytest.mark.parametrize(
    ("template", "k", "mode"), DROP_CASES, ids=[f"{t}-request{k}-{m}" for t, k, m in DROP_CASES]
)
def test_a_dropped_connection_at_any_write_ends_complete_without_duplicates(
    portal, sandbox, template, k, mode
):
    """The k-th request of the apply loses its connection (processed first with 'after'). The
    gateway re-reads instead of re-sending a create whose fate is unknown; whatever is left is
    finished by applying again. Either way: complete, nothing twice."""
    config = get_template(template).fresh_config()
    planned = plan_against(portal, config)
    sandbox.faults.update(drop_after=k, drop_mode=mode)
    first = apply_reviewed(portal, config, planned, recheck=False, verify=False)
    assert sandbox.stats()["dropped"] == 1
    assert first.report.status in ("complete", "failed")
    second = apply(portal, config)
    assert second.report.ok, second.report.failed
    assert second.matches
    assert duplicates(snapshot(portal, config)) == []


def test_completes_with_30_percent_429_and_10_percent_5xx(portal, sandbox):
    config = get_template("hr-recruitment").fresh_config()
    sandbox.faults.update(rate_429=0.3, fail_rate=0.1, seed=3)
    applied = apply(portal, config)
    stats = sandbox.stats()
    sandbox.faults.update(rate_429=0.0, fail_rate=0.0)
    assert applied.report.status == "complete", applied.report.failed
    assert stats["faultsInjected"] > 0
    assert portal.gateway.stats.rate_limited > 0
    assert plan_against(portal, config).plan.writes == []
    assert duplicates(snapshot(portal, config)) == []


def test_custom_object_on_professional_portal_is_refused_before_any_write(portal, sandbox):
    sandbox.set_tier("professional")
    config = get_template("hr-recruitment").fresh_config()
    planned = plan_against(portal, config)
    assert not planned.plan.ok
    messages = [f.message for f in planned.plan.refusals]
    assert any("needs HubSpot Enterprise" in m and "Professional" in m for m in messages)
    writes = sandbox.stats()["writes"]
    applied = apply_reviewed(portal, config, planned, recheck=False)
    assert applied.report.status == "refused"
    assert sandbox.stats()["writes"] == writes


def test_workflows_left_out_on_a_starter_portal_with_a_note_and_the_rest_applied(portal, sandbox):
    """A Starter subscription has no workflows: the plan leaves the reminder out, says so in
    plain words, writes nothing for it, and applies everything else."""
    sandbox.set_tier("starter")
    config = get_template("b2b-sales").fresh_config()
    planned = plan_against(portal, config)
    plan = planned.plan
    assert plan.ok, [f.message for f in plan.refusals]
    [left_out] = plan.left_out
    assert left_out.kind == "workflow" and not left_out.writes
    assert left_out.title == (
        "Leave out workflow 'Quote follow-up after 15 days': HubSpot Starter has no workflows"
    )
    what, instead = left_out.notes
    assert "When a deal enters *Quote sent*, wait 15 days, then create a task" in what
    assert "create the task by hand on each deal, with a due date as the reminder" in instead
    assert "upgrade the portal to HubSpot Professional" in instead
    assert plan.summary()["left_out"] == 1
    assert not [op for op in plan.writes if op.kind == "workflow"]

    before = sandbox.stats()["writes"]
    applied = apply_reviewed(portal, config, planned)
    assert applied.report.status == "complete", applied.report.failed
    assert applied.matches
    assert not [op for op in applied.report.done if op.startswith("workflow:")]
    assert sandbox.stats()["writes"] - before == plan.write_calls()
    state = snapshot(portal, config)
    assert [p["label"] for p in state.pipelines["deals"] if not p.get("archived")] == ["Sales"]
    assert {"product_type", "licence_count", "contract_term_months"} <= {
        p["name"] for p in state.properties["deals"]
    }


def test_a_professional_portal_whose_token_lacks_the_automation_scope_is_still_refused():
    """Not the subscription but the token: the scope can be added, so nothing is left out."""
    scopes = ["crm.schemas.deals.read", "crm.schemas.deals.write", "crm.objects.deals.read"]
    scopes += ["crm.objects.deals.write", "crm.objects.owners.read", "tickets"]
    with start_sandbox(tier="professional", seed=7, scopes=scopes) as server:
        connection = fresh_connection(server)
        try:
            planned = plan_against(connection, get_template("b2b-sales").fresh_config())
        finally:
            connection.gateway.close()
    assert planned.state.problem("flows").scopes == ["automation"]
    plan = planned.plan
    assert [f.code for f in plan.refusals] == ["PLAN505"]
    assert "automation scope" in plan.refusals[0].message
    assert plan.left_out == []


def test_stale_reads_do_not_cause_duplicates(portal, sandbox):
    config = get_template("b2b-sales").fresh_config()
    sandbox.faults.update(stale_ms=600)
    first = apply(portal, config)
    assert first.report.status == "complete"
    second = apply(portal, config)  # reads lag the writes: it waits instead of re-creating
    sandbox.faults.update(stale_ms=0)
    assert second.report.status == "nothing-to-do"
    assert duplicates(snapshot(portal, config)) == []


def test_no_429_from_concurrent_callers_with_the_proactive_limiter(sandbox):
    """8 threads make 16 calls to a portal that allows 12 per 10 s: the limiter learns the
    budget from the first answer's headers and holds the rest back; HubSpot never says 429."""
    sandbox.reset()
    sandbox.rate_limit = 12
    connection = fresh_connection(sandbox)
    try:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda _: connection.gateway.pipelines("deals"), range(16)))
        assert connection.gateway.stats.rate_limited == 0
        assert connection.gateway.limiter.budget == 12
        assert connection.gateway.limiter.waited_seconds > 0
        assert sandbox.stats()["rateLimited"] == 0
    finally:
        sandbox.rate_limit = None
        connection.gateway.close()


@pytest.mark.parametrize("template", ["b2b-sales", "sales-and-admin"])
def test_workflows_point_at_the_right_stage_ids(portal, template):
    config = get_template(template).fresh_config()
    assert apply(portal, config).report.ok
    state = snapshot(portal, config)
    stage_ids = {
        (p.get("label"), s.get("label")): str(s["id"]) for p in state.pipelines["deals"] for s in p["stages"]
    }
    flows = {f["name"]: f for f in state.flows}
    for workflow in config.workflows:
        flow = flows[workflow.name]
        assert flow["isEnabled"] is False
        criteria = flow["enrollmentCriteria"]["listFilterBranch"]["filterBranches"][0]["filters"][0]
        ref = workflow.trigger.stage_entered
        pipeline = config.pipeline(ref.pipeline)
        assert criteria["property"] == "dealstage"
        assert criteria["operation"]["values"] == [
            stage_ids[(pipeline.label, pipeline.stage(ref.stage).label)]
        ]
        for step, action in zip(workflow.steps, flow["actions"], strict=True):
            if step.copy_to_pipeline:
                target = config.pipeline(step.copy_to_pipeline.pipeline)
                values = {
                    p["targetProperty"]: p["value"].get("staticValue") for p in action["fields"]["properties"]
                }
                assert (
                    values["dealstage"]
                    == stage_ids[(target.label, target.stage(step.copy_to_pipeline.stage).label)]
                )
                assert values["pipeline"] == next(
                    str(p["id"]) for p in state.pipelines["deals"] if p["label"] == target.label
                )
