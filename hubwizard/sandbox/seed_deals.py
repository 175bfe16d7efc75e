"""``hubwizard sandbox seed-deals``: write a generated deal history straight into the store.

Each deal goes through the same steps the API would take (created in its first stage, then moved
stage by stage at the history's times), so its calculated properties are exactly what a replay
through the public API at the sandbox's clock gives. Writing to the store directly makes 100,000
deals a matter of seconds instead of hours of API calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hubwizard.health.generator import History, iso
from hubwizard.sandbox import deals
from hubwizard.sandbox.routes import objects, pipelines

if TYPE_CHECKING:
    from hubwizard.sandbox.portal import Portal


def seed_deals(portal: Portal, history: History) -> list[str]:
    """Store every deal of ``history``; returns their record ids in the history's order."""
    ot = portal.object_type("deals")
    store = portal.store
    pipeline = store.get(pipelines.KIND, ot.id, history.pipeline_id)
    if pipeline is None or pipeline.get("archived"):
        raise ValueError(f"the sandbox has no deal pipeline '{history.pipeline_id}'")
    stages = {s["id"]: s for s in pipeline["stages"]}
    missing = [s.stage_id for s in history.stages if s.stage_id not in stages]
    missing += [s for s in (history.won_stage, history.lost_stage) if s not in stages]
    if missing:
        raise ValueError(f"pipeline '{history.pipeline_id}' has no stage {', '.join(missing)}")
    ids = []
    with store.transaction():
        for deal in history.deals:
            first = deal.visits[0][0]
            values = {
                "dealname": deal.name,
                "amount": f"{deal.amount:.0f}",
                "pipeline": history.pipeline_id,
                "dealstage": first,
                "hubspot_owner_id": deal.owner,
            }
            if deal.visits[-1][0] not in (history.won_stage, history.lost_stage) and deal.close_date:
                values["closedate"] = iso(deal.close_date)
            doc = objects.new_record(portal, ot, values, iso(deal.created), legacy=deal.legacy)
            props = doc["properties"]
            for stage_id, at in deal.visits[1:]:
                before = props["dealstage"]
                stage = stages[stage_id]
                props["dealstage"] = stage_id
                if "probability" in stage["metadata"]:
                    props["hs_deal_stage_probability"] = stage["metadata"]["probability"]
                deals.enter_stage(doc, props, before, stage, at)
                props["hs_lastmodifieddate"] = doc["updatedAt"] = iso(at)
            props["notes_last_updated"] = iso(deal.last_activity)
            if deal.history_only:
                for name in [n for n in props if deals.is_per_stage(n)]:
                    del props[name]
            store.put(objects.KIND, ot.id, doc["id"], doc)
            ids.append(doc["id"])
    return ids


def seed_summary(portal: Portal, deals: int, seed: int, pipeline_id: str = "default") -> dict[str, object]:
    """Generate at the portal's clock, store, and say what was planted (the known truth)."""
    from datetime import UTC, datetime

    from hubwizard.health.generator import generate

    now = datetime.fromtimestamp(portal.clock.now(), UTC)
    history = generate(deals, seed, now=now, pipeline_id=pipeline_id)
    ids = seed_deals(portal, history)
    portal.store.list_shared("record", "0-3")  # parse them now, not inside the first search
    return {
        "deals": len(ids),
        "pipeline": pipeline_id,
        "seed": seed,
        "bottleneck": history.bottleneck_label,
        "stranded": len(history.stranded_names),
        "winProbability": {k: round(v, 4) for k, v in history.true_win_probability().items()},
    }
