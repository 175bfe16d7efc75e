"""Updates in plain words, undo back to the previous portal, prune that never loses deals."""

from __future__ import annotations

import json

from provisioning_helpers import TOKEN, apply, snapshot

from hubwizard.config import Config
from hubwizard.export import export_config
from hubwizard.journal import read_journal
from hubwizard.plan import Action
from hubwizard.provision import plan_against, undo_last
from hubwizard.templates import get_template


def portal_as_config(connection, config=None) -> Config:
    return export_config(snapshot(connection, config)).config


def test_probability_change_is_planned_in_plain_words_and_applied(portal):
    config = get_template("b2b-sales").fresh_config()
    assert apply(portal, config).report.ok
    config.pipelines[0].stage("quote_sent").probability = 0.5
    config.property_groups[0].properties[0].options.append(
        config.property_groups[0]
        .properties[0]
        .options[0]
        .model_copy(update={"label": "Training", "value": "Training"})
    )
    plan = plan_against(portal, config).plan
    texts = [c.text for op in plan.writes for c in op.changes]
    assert "stage *Quote sent*: probability 60% → 50%" in texts
    assert "options: adds 'Training'" in texts
    assert {op.action for op in plan.writes} == {Action.UPDATE}
    applied = apply(portal, config)
    assert applied.matches
    stages = {s["label"]: s for p in snapshot(portal).pipelines["deals"] for s in p["stages"]}
    assert stages["Quote sent"]["metadata"]["probability"] == "0.5"


def test_undo_leaves_the_portal_as_it_was(portal):
    before = portal_as_config(portal)
    config = get_template("sales-and-admin").fresh_config()
    applied = apply(portal, config)
    assert applied.report.ok
    assert portal_as_config(portal) != before
    report = undo_last(portal)
    assert report.ok, report.failed
    assert len(report.undone) == len(applied.report.done)
    assert portal_as_config(portal) == before
    again = undo_last(portal, applied.report.journal and __import__("pathlib").Path(applied.report.journal))
    assert again.ok  # undoing twice is harmless


def test_undo_reverts_updates_and_keeps_what_existed(portal):
    config = get_template("b2b-sales").fresh_config()
    assert apply(portal, config).report.ok
    after_first = portal_as_config(portal)
    config.pipelines[0].stage("demo_sent").probability = 0.4
    config.property_groups[0].properties[1].label = "Seats"
    config.workflows[0].steps[0].delay.days = 10
    second = apply(portal, config)
    assert second.report.ok
    assert {op.split(":")[0] for op in second.report.done} == {"stage", "property", "workflow"}
    assert undo_last(portal).ok  # only the second apply: what the first created stays
    assert portal_as_config(portal) == after_first


def test_journal_records_every_operation_and_never_the_token(portal):
    config = get_template("b2b-sales").fresh_config()
    applied = apply(portal, config)
    record = read_journal(__import__("pathlib").Path(applied.report.journal))
    text = record.path.read_text()
    assert TOKEN not in text
    assert record.start["portal"]["url"] == portal.url
    assert record.finished["status"] == "complete"
    ops = {r["op"] for r in record.done}
    assert ops == set(applied.report.done)
    created = [r["created"] for r in record.done if "created" in r]
    # b2b-sales adopts HubSpot's default pipeline: no pipeline is created, the dropped stage's
    # deals are moved (each with its previous stage) and the stage is archived
    assert {c["type"] for c in created} == {"property_group", "property", "workflow"}
    moved = [rec for r in record.done if "moved" in r for rec in r["moved"]["records"]]
    assert moved and all(m["from"] == "qualifiedtobuy" for m in moved)
    assert all(json.loads(line) for line in text.splitlines())


def _add_pipeline_with_deals(portal, label: str, deals: int) -> str:
    gateway = portal.gateway
    pipeline = gateway.create_pipeline(
        "deals",
        label,
        5,
        [
            {"label": "Open", "displayOrder": 0, "metadata": {"probability": "0.5"}},
            {"label": "Won", "displayOrder": 1, "metadata": {"probability": "1.0", "isClosed": "true"}},
        ],
    )
    stage = pipeline["stages"][0]["id"]
    for i in range(deals):
        gateway._api(
            "POST",
            "/crm/v3/objects/deals",
            body={
                "properties": {
                    "dealname": f"D{i}",
                    "amount": "1000",
                    "pipeline": pipeline["id"],
                    "dealstage": stage,
                }
            },
        )
    return str(pipeline["id"])


def test_prune_archives_only_empty_extras_and_states_what_stages_hold(portal):
    config = get_template("b2b-sales").fresh_config()
    assert apply(portal, config).report.ok
    busy = _add_pipeline_with_deals(portal, "Old products", 3)
    empty = _add_pipeline_with_deals(portal, "Unused", 0)
    without_prune = plan_against(portal, config).plan
    assert not without_prune.writes
    kept = {op.title for op in without_prune.operations if op.action is Action.KEEP}
    assert "Keep pipeline 'Old products' (not in the config)" in kept

    plan = plan_against(portal, config, prune=True).plan
    by_target = {op.target.get("pipelineId"): op for op in plan.operations if op.kind == "pipeline"}
    assert by_target[empty].action is Action.ARCHIVE
    assert by_target[busy].action is Action.KEEP
    assert "holds 3 records worth 3,000" in by_target[busy].title
    assert by_target["default"].action is Action.UNCHANGED  # adopted by b2b-sales, never archived
    applied = apply(portal, config, prune=True)
    assert applied.report.ok
    ids = {str(p["id"]) for p in snapshot(portal).pipelines["deals"]}
    assert busy in ids and "default" in ids and empty not in ids
