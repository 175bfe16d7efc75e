"""Deal-move benchmark: adopting HubSpot's default pipeline when it already holds many deals.

A fresh Professional sandbox (its rate limit, 100 ms added to every request) gets N deals (1,000
by default) spread over HubSpot's default deal stages, with known amounts. Each deal template is
planned and applied; the script prints, per template, the plan's counts and amounts against the
truth counted here, the batch update calls made against the minimum (deals moved / 100, rounded
up), the 429s, the apply's time, and the baseline a first script would use (one PATCH per deal).
Then a second apply (must make zero writes) and an undo (every deal back in its stage).

Prints figures, asserts nothing (these machines are noisy).
Run: .venv/bin/python bench/pipeline_moves_bench.py [--deals 1000] [--latency-ms 100]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HUBWIZARD_HOME", tempfile.mkdtemp(prefix="hubwizard-bench-"))

from hubwizard.gateway import Gateway
from hubwizard.hubspot_rules import DEFAULT_DEAL_STAGE_IDS
from hubwizard.portals import Connection
from hubwizard.provision import apply_reviewed, plan_against, undo_last
from hubwizard.sandbox import start_sandbox
from hubwizard.sandbox.routes import objects
from hubwizard.templates import get_template

TOKEN = "pat-bench"
TEMPLATES = ("b2b-sales", "multi-product", "sales-and-admin")
BATCH_ROUTE = "POST /crm/v3/objects/{objectType}/batch/update"


def seed_deals(
    sandbox, count: int, rng: random.Random, stages: tuple[str, ...]
) -> dict[str, tuple[str, int]]:
    """``count`` deals straight into the sandbox's store (setup, not measured): id → (stage, amount)."""
    portal = sandbox.portal
    deals = portal.object_type("deals")
    out = {}
    for i in range(count):
        stage = rng.choice(stages)
        amount = rng.randrange(500, 50_000, 100)
        values = {
            "dealname": f"Bench deal {i}",
            "amount": str(amount),
            "dealstage": stage,
            "pipeline": "default",
        }
        record = objects.new_record(portal, deals, values)
        portal.store.put(objects.KIND, deals.id, record["id"], record)
        out[record["id"]] = (stage, amount)
    return out


def all_deals(connection: Connection) -> dict[str, tuple[str, str, float]]:
    """Every deal read back through the API: id → (pipeline, stage, amount)."""
    out = {}
    for record in connection.gateway._paged(
        "/crm/v3/objects/deals?properties=pipeline&properties=dealstage&properties=amount",
        "/crm/v3/objects/{objectType}",
    ):
        props = record["properties"]
        out[record["id"]] = (props["pipeline"], props["dealstage"], float(props.get("amount") or 0))
    return out


def run(slug: str, count: int, latency_ms: int, stages: tuple[str, ...]) -> None:
    rng = random.Random(13)
    with start_sandbox(tier="professional", seed=7, latency_ms=latency_ms) as sandbox:
        seed_deals(sandbox, count, rng, stages)
        connection = Connection(
            "sandbox", sandbox.url, Gateway(sandbox.url, TOKEN, backoff=0.05, max_wait=2.0), "bench"
        )
        config = get_template(slug).fresh_config()
        before = all_deals(connection)
        planned = plan_against(connection, config)
        move = next((op for op in planned.plan.operations if op.kind == "move"), None)
        print(
            f"\n== {slug}: {len(before)} deals in HubSpot's default pipeline ({count} generated + the seed's)"
        )
        if move is None:
            print("  no stage dropped: nothing to move")
            return
        exact = True
        for item in move.target["moves"]:
            sid = item["from"]
            in_stage = [a for _, s, a in before.values() if s == sid]  # counted here, every deal read
            ok = item["count"] == len(in_stage) and abs(item["amount"] - sum(in_stage)) < 0.005
            exact &= ok
            print(
                f"  plan: {item['count']} deals ({item['amount']:,.0f}) move from {sid}; "
                f"read back here: {len(in_stage)} deals ({sum(in_stage):,.0f}) {'EXACT' if ok else 'WRONG'}"
            )
        for change in move.changes:
            print(f"    {change.text}")
        moved = sum(m["count"] for m in move.target["moves"])
        stats_before = sandbox.stats()
        started = time.monotonic()
        applied = apply_reviewed(connection, config, planned)
        seconds = time.monotonic() - started
        stats_after = sandbox.stats()
        batches = stats_after["byRoute"].get(BATCH_ROUTE, 0) - stats_before["byRoute"].get(BATCH_ROUTE, 0)
        minimum = math.ceil(moved / 100)
        limited = stats_after["rateLimited"] - stats_before["rateLimited"]
        print(f"  apply: {applied.report.status}, matches after: {applied.matches}, {seconds:.1f} s")
        print(
            f"  deals moved: {moved}; batch update calls: {batches} (minimum {minimum}, "
            f"ratio {batches / max(1, minimum):.2f}); baseline one PATCH per deal: {moved} calls "
            f"({moved / max(1, batches):.0f}x more); 429s: {limited}"
        )
        after = all_deals(connection)
        print(f"  every deal present: {set(after) == set(before)}; plan counts exact: {exact}")
        writes = sandbox.stats()["writes"]
        second = apply_reviewed(connection, config, plan_against(connection, config))
        print(f"  second apply: {second.report.status}, writes {sandbox.stats()['writes'] - writes}")
        undone = undo_last(connection)
        back = all_deals(connection)
        print(f"  undo: ok={undone.ok}; every deal back in its stage: {back == before}")
        connection.gateway.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deals", type=int, default=1000)
    parser.add_argument("--latency-ms", type=int, default=100)
    parser.add_argument("--template", choices=TEMPLATES, action="append")
    parser.add_argument(
        "--into",
        action="append",
        choices=DEFAULT_DEAL_STAGE_IDS,
        help="default stages the generated deals go to (default: all seven)",
    )
    args = parser.parse_args()
    stages = tuple(args.into or DEFAULT_DEAL_STAGE_IDS)
    for slug in args.template or TEMPLATES:
        run(slug, args.deals, args.latency_ms, stages)


if __name__ == "__main__":
    main()
