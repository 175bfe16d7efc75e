"""Health-check benchmark: reading and analysing 100,000 deals of one pipeline.

An enterprise-tier sandbox (190 calls / 10 s, five searches a second) with 50 ms added to every
request holds a generated history of 100,000 deals in its default pipeline (some older deals
with legacy stage dates, 3% with only a value history). The health check reads them through the
official SDK and analyses them.

The baseline is the least time any client could take under HubSpot's limits: search pages of 200
at five a second, plus the history batch reads (50 deals each) at the ten-second limit. Prints
counts, times and ratios (no assertions: these machines are noisy). Targets (issue 10): read
time within 1.2x of that bound, zero 429s, analysis under 2 s.
Run: .venv/bin/python bench/audit_bench.py [--deals 100000] [--latency-ms 50]
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

os.environ.setdefault("HUBWIZARD_HOME", tempfile.mkdtemp(prefix="hubwizard-bench-"))

from hubwizard.deals import HISTORY_BATCH, SEARCH_PAGE, SEARCH_PER_SECOND, read_pipeline
from hubwizard.gateway import Gateway
from hubwizard.health.analysis import analyse
from hubwizard.health.generator import generate
from hubwizard.sandbox import start_sandbox
from hubwizard.sandbox.seed_deals import seed_deals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    now = datetime.now(UTC).replace(microsecond=0)
    sandbox = start_sandbox(tier="enterprise", latency_ms=args.latency_ms)
    try:
        started = time.perf_counter()
        history = generate(args.deals, args.seed, now=now)
        sandbox.portal.clock.set(now)
        seed_deals(sandbox.portal, history)
        sandbox.portal.clock.set(None)
        planted = history.bottleneck_label, len(history.stranded_names)
        del history
        # The sandbox parses its stored deals once, as HubSpot has its search index ready: that
        # is the stand-in's start-up, not the reader's cost, so it happens before the clock runs.
        sandbox.store.list_shared("record", "0-3")
        gc.collect()
        gc.freeze()  # the sandbox's parsed deals live in this process: keep the collector off them
        print(
            f"seeded {args.deals:,} deals in {time.perf_counter() - started:.1f} s (not part of the figures)"
        )

        gateway = Gateway(sandbox.url, "pat-bench")
        frame, report = read_pipeline(gateway, "default", now=now, since=now - timedelta(days=3650))
        read_s = report.seconds
        sandbox_stats = sandbox.stats()
        budget = sandbox.config()["rateLimit"]
        deals = report.deals
        search_bound = math.ceil(deals / SEARCH_PAGE) / SEARCH_PER_SECOND
        history_bound = math.ceil(report.from_history / HISTORY_BATCH) / (budget / 10)
        bound = search_bound + history_bound

        started = time.perf_counter()
        result = analyse(frame)
        analysis_s = time.perf_counter() - started

        print(f"deals read:              {deals:,} ({report.from_history:,} through their value history)")
        print(
            f"requests:                {report.search_pages} searches of up to {SEARCH_PAGE}, "
            f"{report.history_reads} history batch reads of {HISTORY_BATCH}"
        )
        print(
            f"bound from the limits:   {bound:.1f} s ({search_bound:.1f} s searching at "
            f"{SEARCH_PER_SECOND}/s + {history_bound:.1f} s of history reads at {budget}/10 s)"
        )
        print(f"read time:               {read_s:.1f} s  = {read_s / bound:.3f} x the bound (target <= 1.2)")
        print(
            f"429s:                    client saw {gateway.stats.rate_limited}, "
            f"sandbox sent {sandbox_stats['rateLimited']} (target 0)"
        )
        print(f"analysis:                {analysis_s:.2f} s (target < 2 s)")
        print(f"pile-ups:                {result.pile_ups} (planted: {planted[0]})")
        print(f"stranded deals listed:   {len(result.stranded)} (planted: {planted[1]})")
        gateway.close()
    finally:
        sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
