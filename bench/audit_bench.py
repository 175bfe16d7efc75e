"""Health-check benchmark: reading and analysing 100,000 deals of one pipeline.

An enterprise-tier sandbox in its own process (190 calls / 10 s, five searches a second) with
50 ms added to every request holds a generated history of 100,000 deals in its default pipeline (some older deals
with legacy stage dates, 3% with only a value history). The health check reads them through the
official SDK and analyses them.

The baseline is the least time any client could take under HubSpot's limits: search pages of 200
at five a second (the history batch reads of 50 deals run beside them under the ten-second
limit, so the bound is the larger of the two). Prints
counts, times and ratios (no assertions: these machines are noisy). Targets (issue 10): read
time within 1.2x of that bound, zero 429s, analysis under 2 s.
Run: .venv/bin/python bench/audit_bench.py [--deals 100000] [--latency-ms 50]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta

os.environ.setdefault("HUBWIZARD_HOME", tempfile.mkdtemp(prefix="hubwizard-bench-"))

from hubwizard.deals import (
    BASE_PROPERTIES,
    HISTORY_BATCH,
    SEARCH_PAGE,
    SEARCH_PER_SECOND,
    read_pipeline,
    search_body,
    stage_properties,
)
from hubwizard.gateway import Gateway
from hubwizard.health.analysis import analyse
from hubwizard.health.frame import PipelineInfo


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _call(url: str, method: str = "GET", body: dict | None = None, timeout: float = 5) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # our own localhost sandbox
        return json.loads(response.read())


def serve(latency_ms: int, now: datetime) -> tuple[subprocess.Popen, str]:
    """The sandbox in its own process, as HubSpot is a server of its own (no shared GIL)."""
    port = _free_port()
    command = [sys.executable, "-c", "import sys; from hubwizard.cli import main; sys.exit(main())", "sandbox", "serve", "--data", ":memory:",
               "--port", str(port), "--tier", "enterprise", "--latency-ms", str(latency_ms),
               "--clock", now.isoformat()]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            _call(f"{url}/_sandbox/health", timeout=1)
            return process, url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit("the sandbox did not start")
            time.sleep(0.2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    now = datetime.now(UTC).replace(microsecond=0)
    process, url = serve(args.latency_ms, now)
    try:
        started = time.perf_counter()
        planted = _call(f"{url}/_sandbox/seed-deals", "POST", {"deals": args.deals, "seed": args.seed}, 1800)
        _call(f"{url}/_sandbox/clock", "POST", {"now": None})
        gateway = Gateway(url, "pat-bench")
        # One untimed search with the reader's filters: the sandbox builds its match list once
        # (HubSpot has its index ready); it is the stand-in's start-up, not the reader's cost.
        raw = gateway.pipeline("deals", "default")
        properties = [*BASE_PROPERTIES, *stage_properties(PipelineInfo.from_hubspot(raw))]
        since = now - timedelta(days=3650)
        gateway.search_deals(search_body("default", str(int(since.timestamp() * 1000)), 0, properties))
        time.sleep(1.2)  # out of the search limit's window
        warm = gateway.stats.snapshot()["reads"]
        print(
            f"seeded {args.deals:,} deals in {time.perf_counter() - started:.1f} s (not part of the figures)"
        )

        frame, report = read_pipeline(gateway, "default", now=now, since=since)
        read_s = report.seconds
        sandbox_stats = _call(f"{url}/_sandbox/stats")
        budget = _call(f"{url}/_sandbox/config")["rateLimit"]
        deals = report.deals
        search_bound = math.ceil(deals / SEARCH_PAGE) / SEARCH_PER_SECOND
        history_bound = math.ceil(report.from_history / HISTORY_BATCH) / (budget / 10)
        bound = max(search_bound, history_bound)  # the two run side by side, under separate limits

        started = time.perf_counter()
        result = analyse(frame)
        analysis_s = time.perf_counter() - started

        print(f"deals read:              {deals:,} ({report.from_history:,} through their value history)")
        print(
            f"requests:                {report.search_pages} searches of up to {SEARCH_PAGE}, "
            f"{report.history_reads} history batch reads of {HISTORY_BATCH} "
            f"(+{warm} untimed warm-up calls)"
        )
        print(
            f"bound from the limits:   {bound:.1f} s (the larger of {search_bound:.1f} s searching at "
            f"{SEARCH_PER_SECOND}/s and {history_bound:.1f} s of history reads at {budget}/10 s)"
        )
        print(f"read time:               {read_s:.1f} s  = {read_s / bound:.3f} x the bound (target <= 1.2)")
        print(
            f"429s:                    client saw {gateway.stats.rate_limited}, "
            f"sandbox sent {sandbox_stats['rateLimited']} (target 0)"
        )
        print(f"analysis:                {analysis_s:.2f} s (target < 2 s)")
        print(f"pile-ups:                {result.pile_ups} (planted: {planted['bottleneck']})")
        print(f"stranded deals listed:   {len(result.stranded)} (planted: {planted['stranded']})")
        gateway.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
