"""One pipeline, really: each deal template adopts HubSpot's default deal pipeline, moves the
deals of the stages it drops (exactly once, in batches), archives the emptied stages, and undo
puts every stage and every deal back. Real gateway, official SDK, HTTP, sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from provisioning_helpers import apply, snapshot

from hubwizard import deal_moves
from hubwizard.config import Config
from hubwizard.errors import PortalError
from hubwizard.journal import read_journal, undoable
from hubwizard.provision import apply_reviewed, plan_against, undo_last
from hubwizard.templates import get_template
from hubwizard.undo import unconfirmed_moves

DEAL_TEMPLATES = ("b2b-sales", "multi-product", "sales-and-admin")


def deals(portal) -> dict[str, tuple[str, str]]:
    """Every live deal: id → (pipeline, stage)."""
    out = {}
    for record in portal.gateway._paged(
        "/crm/v3/objects/deals?properties=pipeline&properties=dealstage", "/crm/v3/objects/{objectType}"
    ):
        props = record["properties"]
        out[record["id"]] = (props["pipeline"], props["dealstage"])
    return out


def deal_pipelines(portal) -> list[dict]:
    return [p for p in snapshot(portal).pipelines["deals"] if not p.get("archived")]


def stage_labels(pipeline: dict) -> dict[str, str]:
    return {s["id"]: s["label"] for s in pipeline["stages"] if not s.get("archived")}


def expected_stage(config: Config, before_stage: str, live_ids: dict[str, str]) -> str:
    """The stage a deal of ``before_stage`` must end in, by the template's mapping."""
    pipeline = next(p for p in config.pipelines if p.adopt == "default")
    stage = next(s for s in pipeline.stages if before_stage in s.replaces)
    return next(sid for sid, label in live_ids.items() if label == stage.label)


@pytest.mark.parametrize("slug", DEAL_TEMPLATES)
def test_template_adopts_the_default_pipeline_moves_deals_and_undo_puts_all_back(portal, sandbox, slug):
    config = get_template(slug).fresh_config()
    before_deals = deals(portal)
    before_pipeline = next(p for p in deal_pipelines(portal) if p["id"] == "default")
    assert {s for _, s in before_deals.values()} >= {"appointmentscheduled", "qualifiedtobuy"}

    planned = plan_against(portal, config)
    assert planned.plan.ok, [f.message for f in planned.plan.refusals]
    moves = [op for op in planned.plan.operations if op.kind == "move"]
    assert len(moves) == 1
    texts = [c.text for c in moves[0].changes]
    assert all(" move from *" in t for t in texts), texts

    applied = apply_reviewed(portal, config, planned)
    assert applied.report.status == "complete", applied.report.failed
    assert applied.matches, [op.title for op in applied.verification.writes]

    pipelines = deal_pipelines(portal)
    assert len(pipelines) == len([p for p in config.pipelines if p.object == "deals"])
    default = next(p for p in pipelines if p["id"] == "default")
    live = stage_labels(default)
    adopted = next(p for p in config.pipelines if p.adopt == "default")
    assert default["label"] == adopted.label
    assert sorted(live.values()) == sorted(s.label for s in adopted.stages)
    after = deals(portal)
    assert set(after) == set(before_deals), "every deal is still there"
    for deal_id, (_, stage) in before_deals.items():
        assert after[deal_id] == ("default", expected_stage(config, stage, live)), deal_id
    assert "closedwon" in live and "closedlost" in live, "won and lost stages keep their ids"

    writes = sandbox.stats()["writes"]
    second = plan_against(portal, config)
    assert [op.title for op in second.plan.writes] == []
    assert apply_reviewed(portal, config, second).report.status == "nothing-to-do"
    assert sandbox.stats()["writes"] == writes, "a second apply makes no write"

    undone = undo_last(portal)
    assert undone.ok, undone.failed
    restored = next(p for p in deal_pipelines(portal) if p["id"] == "default")
    assert restored["label"] == before_pipeline["label"]

    def shape(pipeline):
        return sorted(
            (s["id"], s["label"], s["displayOrder"], s["metadata"]["probability"]) for s in pipeline["stages"]
        )

    assert shape(restored) == shape(before_pipeline), "every stage back, with its id"
    assert deals(portal) == before_deals, "every deal back in its stage"
    assert len(deal_pipelines(portal)) == 1


def test_a_dropped_stage_with_deals_and_no_mapping_is_refused_naming_it(portal):
    config = get_template("b2b-sales").fresh_config()
    config.pipelines[0].stages[0].replaces = ["appointmentscheduled"]  # qualifiedtobuy has no home
    plan = plan_against(portal, config).plan
    assert not plan.ok
    message = next(f.message for f in plan.refusals if f.code == "PLAN107")
    assert "'Qualified To Buy'" in message and "2 deals" in message and "12,500" in message


def test_won_deals_never_move_to_an_open_stage(portal):
    config = get_template("b2b-sales").fresh_config()
    stages = config.pipelines[0].stages
    stages[-2].replaces = []
    stages[-2].label = "Won"  # nothing else takes HubSpot's closed won stage
    stages[0].replaces = ["appointmentscheduled", "qualifiedtobuy", "closedwon"]
    plan = plan_against(portal, config).plan
    assert any(f.code == "PLAN108" and "won" in f.message for f in plan.refusals), plan.refusals


def test_plan_counts_and_amounts_are_exact_over_many_pages(portal, sandbox):
    created = 0
    amount = 0
    for start in range(0, 450, 100):
        inputs = [
            {"properties": {"dealname": f"Bulk {i}", "amount": str(100 + i), "dealstage": "qualifiedtobuy"}}
            for i in range(start, min(start + 100, 450))
        ]
        for item in inputs:
            portal.gateway._api("POST", "/crm/v3/objects/deals", body=item)
            created += 1
            amount += int(item["properties"]["amount"])
    config = get_template("b2b-sales").fresh_config()
    plan = plan_against(portal, config).plan
    move = next(op for op in plan.operations if op.kind == "move")
    # the seed holds 2 deals in Qualified to buy: 4,500 + 8,000
    text = next(c.text for c in move.changes if "Qualified To Buy" in c.text)
    assert text.startswith(f"{created + 2} deals ({amount + 12_500:,}) move from *Qualified To Buy*"), text
    before = sandbox.stats()
    applied = apply_reviewed(portal, config, plan_against(portal, config))
    assert applied.report.status == "complete", applied.report.failed
    batch_calls = sandbox.stats()["writes"] - before["writes"]
    assert applied.report.calls["rate_limited"] == 0
    path = undoable(portal.describe())
    moved = [r for r in read_journal(path).done if "moved" in r]
    assert sum(len(r["moved"]["records"]) for r in moved) == created + 2
    assert len(moved) == -(-(created + 2) // 100), "the fewest batch calls"
    assert batch_calls >= len(moved)


def test_an_apply_cut_half_way_then_applied_again_moves_each_deal_once(portal, sandbox, monkeypatch):
    for i in range(250):
        portal.gateway._api(
            "POST",
            "/crm/v3/objects/deals",
            body={"properties": {"dealname": f"Cut {i}", "amount": "10", "dealstage": "qualifiedtobuy"}},
        )
    config = get_template("b2b-sales").fresh_config()
    planned = plan_against(portal, config)
    calls = []
    real = deal_moves.update_stages

    def portal_goes_away_during_the_second_batch(*args, **kwargs):
        calls.append(args[-1])
        answer = real(*args, **kwargs)
        if len(calls) == 2:  # applied, its answer lost, then every request fails
            # (not the sandbox's drop_after: with other operations' requests in flight, the drop
            # could hit one of them and this batch would be refused instead of applied)
            sandbox.faults.update(fail_rate=1.0)
            raise PortalError("the connection was lost before HubSpot answered", ambiguous=True)
        return answer

    monkeypatch.setattr(deal_moves, "update_stages", portal_goes_away_during_the_second_batch)
    first = apply_reviewed(portal, config, planned, recheck=False, verify=False)
    sandbox.faults.update(drop_after=None, fail_rate=0.0)
    monkeypatch.setattr(deal_moves, "update_stages", real)
    assert first.report.status == "failed"
    assert any(op.startswith("move:") for op, _ in first.report.failed)
    first_record = read_journal(Path(first.report.journal))
    confirmed = [r for r in first_record.done if "moved" in r]
    unconfirmed = unconfirmed_moves(first_record.records, first_record.done)
    assert [len(r["moved"]["records"]) for r in confirmed] == [100]
    assert [len(r["moved"]["records"]) for r in unconfirmed] == [100], "sent before its answer was lost"

    again = apply(portal, config)
    assert again.report.status == "complete", again.report.failed
    assert again.matches
    second_moves = [r for r in read_journal(Path(again.report.journal)).done if "moved" in r]
    ids = [rec["id"] for r in confirmed + unconfirmed + second_moves for rec in r["moved"]["records"]]
    assert len(ids) == len(set(ids)) == 252, "each deal moved exactly once"

    assert undo_last(portal).ok  # the second apply
    assert undo_last(portal).ok  # the first, cut one: its unanswered batch goes back too
    back = deals(portal)
    assert sum(1 for _, stage in back.values() if stage == "qualifiedtobuy") == 252


def test_free_portal_takes_the_b2b_pipeline_without_edits_because_it_adopts(portal, sandbox):
    sandbox.set_tier("free")
    config = get_template("b2b-sales").fresh_config()
    # workflows need Professional: the reminder is the only part a Free portal cannot take
    config.workflows = []
    plan = plan_against(portal, config).plan
    assert plan.ok, [f.message for f in plan.refusals]
    applied = apply_reviewed(portal, config, plan_against(portal, config))
    assert applied.report.status == "complete", applied.report.failed
    assert [p["label"] for p in deal_pipelines(portal)] == ["Sales"]

    alongside = get_template("b2b-sales").fresh_config()
    alongside.workflows = []
    alongside.pipelines[0].adopt = None
    alongside.pipelines[0].label = "Sales (new)"
    refused = plan_against(portal, alongside).plan
    assert [f.code for f in refused.refusals] == ["PLAN103"]


def test_creating_alongside_says_the_default_pipeline_stays_unused(portal):
    config = get_template("b2b-sales").fresh_config()
    config.pipelines[0].adopt = None
    for stage in config.pipelines[0].stages:
        stage.replaces = []
    plan = plan_against(portal, config).plan
    assert plan.ok
    assert any(op.kind == "pipeline" and op.action.value == "create" for op in plan.operations)
    assert not any(op.kind == "move" for op in plan.operations)
    keep = next(op for op in plan.operations if op.target.get("pipelineId") == "default")
    assert any(
        "stays next to 'Sales'" in note and "2 pipelines where one would do" in note for note in keep.notes
    )


# --- tickets: support-tickets adopts HubSpot's default ticket pipeline ("Support Pipeline", 0)


def tickets(portal) -> dict[str, str]:
    """Every live ticket: id → stage."""
    page = portal.gateway.search_records(
        "tickets", {"filterGroups": [], "properties": ["hs_pipeline_stage"], "limit": 200}
    )
    return {t["id"]: t["properties"]["hs_pipeline_stage"] for t in page.get("results", [])}


def add_tickets(portal, stages: list[str]) -> None:
    for i, stage in enumerate(stages):
        portal.gateway._api(
            "POST",
            "/crm/v3/objects/tickets",
            body={"properties": {"subject": f"Ticket {i}", "hs_pipeline": "0", "hs_pipeline_stage": stage}},
        )


def ticket_pipelines(portal) -> list[dict]:
    return [p for p in snapshot(portal).pipelines["tickets"] if not p.get("archived")]


def test_support_tickets_adopts_the_default_ticket_pipeline_and_undo_puts_it_back(portal, sandbox):
    add_tickets(portal, ["1", "2", "3", "4"])
    before_tickets = tickets(portal)
    [before] = ticket_pipelines(portal)
    assert (before["id"], before["label"]) == ("0", "Support Pipeline")
    config = get_template("support-tickets").fresh_config()
    applied = apply(portal, config)
    assert applied.report.status == "complete", applied.report.failed
    assert applied.matches
    [after] = ticket_pipelines(portal)
    assert (after["id"], after["label"]) == ("0", "Customer support")
    assert {s["id"]: s["label"] for s in after["stages"] if not s.get("archived")} == {
        "1": "New",
        "3": "In progress",
        "2": "Waiting on customer",
        "4": "Resolved",
    }, "each default stage taken over: its id and its tickets kept"
    assert tickets(portal) == before_tickets
    writes = sandbox.stats()["writes"]
    assert plan_against(portal, config).plan.writes == []
    assert sandbox.stats()["writes"] == writes
    assert undo_last(portal).ok
    [restored] = ticket_pipelines(portal)
    assert restored["label"] == "Support Pipeline"
    assert sorted((s["id"], s["label"], s["displayOrder"]) for s in restored["stages"]) == sorted(
        (s["id"], s["label"], s["displayOrder"]) for s in before["stages"]
    )


def test_a_dropped_ticket_stage_with_tickets_and_no_mapping_is_refused_naming_it(portal):
    add_tickets(portal, ["3", "3"])
    config = get_template("support-tickets").fresh_config()
    config.pipelines[0].stages[1].replaces = []  # nothing takes HubSpot's "Waiting on us"
    plan = plan_against(portal, config).plan
    [refusal] = plan.refusals
    assert refusal.code == "PLAN107"
    assert "stage 'Waiting on us' of 'Customer support' holds 2 tickets" in refusal.message
    assert "add '3' to that stage's 'replaces' list" in refusal.hint


def test_tickets_of_a_dropped_stage_move_and_come_back_on_undo(portal):
    add_tickets(portal, ["1", "3", "3", "4"])
    before = tickets(portal)
    config = get_template("support-tickets").fresh_config()
    config.pipelines[0].stages[1].replaces = []
    config.pipelines[0].stages[0].replaces = ["1", "3"]  # "Waiting on us" folds into "New"
    planned = plan_against(portal, config)
    [move] = [op for op in planned.plan.operations if op.kind == "move"]
    assert [c.text for c in move.changes] == ["2 tickets move from *Waiting on us* to *New*"]
    applied = apply_reviewed(portal, config, planned)
    assert applied.report.status == "complete", applied.report.failed
    assert sorted(tickets(portal).values()) == ["1", "1", "1", "4"]
    assert "3" not in {s["id"] for s in ticket_pipelines(portal)[0]["stages"] if not s.get("archived")}
    assert undo_last(portal).ok
    assert tickets(portal) == before
