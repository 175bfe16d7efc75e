"""Fixes benchmark: what offering fixes adds to drawing the findings of a large setup.

The wizard asks for the fixes of every finding it draws, on every rerun. Printed in one run,
against a baseline measured in the same run: linting the setup (what every change already
costs). The setup is b2b-sales with 5,000 more properties, a follow-up stage, a copy of its
pipeline (per product), a custom amount and two stages at one probability, so every kind of fix
is offered.

1. Finding the fixes of all findings, against one lint of the setup. Target: ratio under 0.1
   (a fix copies only what it may change, never the 5,000 properties).
2. Applying each fix and linting the result, as one click does, against one lint.

Run: .venv/bin/python bench/fixes_bench.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import time

from hubwizard import fixes, lint
from hubwizard.config import Config
from hubwizard.templates import get_template

PROPERTIES = 5_000


def large_broken_setup() -> Config:
    data = get_template("b2b-sales").config.model_dump()
    stages = data["pipelines"][0]["stages"]
    stages[1]["probability"] = stages[0]["probability"]  # Demo sent = Contact made
    quote = next(i for i, s in enumerate(stages) if s["id"] == "quote_sent")
    stages.insert(quote + 1, {"id": "follow_up", "label": "Quote follow-up", "probability": 0.7})
    copy = {**data["pipelines"][0], "id": "hardware", "label": "Hardware", "adopt": None}
    copy["stages"] = [{**s, "replaces": []} for s in stages]
    data["pipelines"].append(copy)
    data["property_groups"][0]["properties"].append(
        {"name": "deal_value", "label": "Deal value", "type": "number"}
    )
    data["property_groups"].append(
        {
            "object": "deals",
            "name": "many",
            "label": "Many",
            "properties": [
                {"name": f"field_{n}", "label": f"Field {n}", "type": "string"} for n in range(PROPERTIES)
            ],
        }
    )
    return Config.model_validate(data)


def timed(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    config = large_broken_setup()
    findings = lint.lint(config)
    offered = list(fixes.all_fixes(config, findings))  # warms the imports a first fix loads
    codes = sorted({finding.code for finding, _fix in offered})
    print(
        f"setup: {len(config.pipelines)} pipelines, {PROPERTIES + 4} custom properties, {len(findings)} findings"
    )
    print(f"fixes offered: {len(offered)} ({', '.join(codes)})")

    baseline = timed(lambda: lint.lint(config), runs)
    finding_fixes = timed(lambda: list(fixes.all_fixes(config, findings)), runs)
    print(f"lint of the setup (baseline):      {baseline * 1000:8.1f} ms")
    print(
        f"fixes of every finding:            {finding_fixes * 1000:8.1f} ms   ratio {finding_fixes / baseline:.3f}"
    )
    for finding, fix in offered:
        click = timed(lambda fix=fix: lint.lint(fix.apply(config)), runs)
        print(
            f"apply {finding.code} {fix.key:<9} + lint:    {click * 1000:8.1f} ms   ratio {click / baseline:.2f}"
        )


if __name__ == "__main__":
    main()
