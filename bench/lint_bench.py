"""Lint benchmark: load, validate and lint a config of 50 pipelines and 5,000 properties.

Target (issue 2): under 1 s for the three together on a 2-core machine. The file is generated
in the same run (YAML written by hubwizard's own dumper), then each phase is timed over several
repeats and the median printed; the pure-PyYAML parse of the same text is printed alongside as a
baseline, so the figure can be read on a noisy machine.
Run: .venv/bin/python bench/lint_bench.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reference_config import large_reference

from hubwizard import configfile, lint
from hubwizard.config import Config

REPEATS = 5


def timed(call, repeats: int = REPEATS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    text = configfile.dumps(large_reference())
    size_kib = len(text.encode()) / 1024
    parse_s, (data, _) = timed(lambda: configfile.parse(text, "large.yaml"))
    validate_s, config = timed(lambda: Config.model_validate(data))
    lint_s, findings = timed(lambda: lint.lint(config))
    total_s, _ = timed(lambda: lint.lint(configfile.loads(text, "large.yaml").config))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    baseline_s, _ = timed(lambda: yaml.load(text, Loader=loader))

    properties = sum(len(g.properties) for g in config.property_groups)
    print(
        f"config: {len(config.pipelines)} pipelines, {properties} properties, {size_kib:.0f} KiB of YAML; {len(findings)} findings"
    )
    print(f"median of {REPEATS} runs:")
    print(
        f"  parse (safe YAML, positions, caps)  {parse_s * 1000:7.0f} ms   (plain yaml.load of the same text: {baseline_s * 1000:.0f} ms, x{parse_s / baseline_s:.2f})"
    )
    print(f"  validate (pydantic)                 {validate_s * 1000:7.0f} ms")
    print(f"  lint ({len(lint.RULES)} rules)                     {lint_s * 1000:7.0f} ms")
    print(
        f"  load + validate + lint, end to end  {total_s * 1000:7.0f} ms   (target < 1000 ms: {'met' if total_s < 1 else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
