"""Lint benchmark: reading, validating and linting large and hostile config files.

Printed in one run, each figure against a baseline measured in the same run:

1. ``hubwizard lint`` on a block-style file of 50 pipelines and 5,000 properties, as a whole
   process, against a fresh Python that only loads the same file with PyYAML's C loader
   (``yaml.load(text, Loader=yaml.CSafeLoader)``). Target: ratio at most 1.0. The runs alternate
   and the medians are compared, because the machine is shared and noisy.
2. A 5 MB hostile file (tens of thousands of mistakes) judged by ``hubwizard lint`` as a whole
   process: under 2 s, the first 50 problems listed with their places and the rest counted.
3. The same 5,000-property file in one process, phase by phase (parse, validate, lint).

The files are generated in a temporary folder (block style, as PyYAML writes by default), so
the figures do not depend on the dumper's one-line mappings. Both processes run with Python's
bytecode cache (in a temporary ``PYTHONPYCACHEPREFIX``, warmed by one run first), as an installed
hubwizard and PyYAML have it: without it (``PYTHONDONTWRITEBYTECODE=1``) every hubwizard run
would compile its sources again, while PyYAML's came compiled by pip.
Run: .venv/bin/python bench/lint_bench.py [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reference_config import large_reference

from hubwizard import configfile, lint
from hubwizard.config import Config

BASELINE = "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"


def block_yaml(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)


def reference_text() -> str:
    data = json.loads(configfile.dumps_json(large_reference()))
    return block_yaml(data)


def hostile_text(target_bytes: int = 5 * 1024 * 1024) -> str:
    """About 5 MB of a setup gone wrong: every stage's probability is a word, every property's
    type unknown, unknown keys everywhere (what a bad export or an attack looks like)."""
    pipelines = [
        {
            "id": f"p{i}",
            "label": f"Pipeline {i}",
            "stages": [
                {"id": f"s{j}", "label": f"Stage {j}", "probability": "likely", "colour": "red"}
                for j in range(8)
            ],
        }
        for i in range(20)
    ]
    groups, size, g = [], 0, 0
    while size < target_bytes:
        properties = [
            {"name": f"field_{g}_{k}", "label": f"Field {g} {k}", "type": "text", "width": 3}
            for k in range(50)
        ]
        group = {"object": "deals", "name": f"group_{g}", "label": f"Group {g}", "properties": properties}
        groups.append(group)
        size += len(block_yaml(group))
        g += 1
    return block_yaml({"version": 1, "name": "Hostile", "pipelines": pipelines, "property_groups": groups})


def hubwizard_command() -> list[str]:
    script = Path(sys.executable).with_name("hubwizard")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hubwizard"]


ENV: dict[str, str] = {}


def run(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=ENV or None)
    return time.perf_counter() - started, done


def whole_process(path: Path, runs: int) -> tuple[list[float], list[float], int]:
    """Seconds of the baseline and of ``hubwizard lint`` per run, alternating; lint's exit code."""
    run([sys.executable, "-c", BASELINE, str(path)])  # warm the bytecode caches
    run([*hubwizard_command(), "lint", str(path)])
    base, ours, code = [], [], 0
    for _ in range(runs):
        seconds, done = run([sys.executable, "-c", BASELINE, str(path)])
        assert done.returncode == 0, done.stderr
        base.append(seconds)
        seconds, done = run([*hubwizard_command(), "lint", str(path)])
        assert done.returncode in (0, 1), done.stderr
        ours.append(seconds)
        code = done.returncode
    return base, ours, code


def timed(call, repeats: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="alternating whole-process runs (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ENV.update({k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
        ENV["PYTHONPYCACHEPREFIX"] = str(Path(folder, "pycache"))
        large = Path(folder, "large-block.yaml")
        large.write_text(reference_text(), encoding="utf-8")
        hostile = Path(folder, "hostile.yaml")
        hostile.write_text(hostile_text(), encoding="utf-8")

        base, ours, _ = whole_process(large, args.runs)
        text = large.read_text(encoding="utf-8")
        print(
            f"1. block-style 5,000-property file: {len(text.encode()) / 1024:.0f} KiB, {text.count(chr(10)):,} lines"
        )
        print(f"   {args.runs} alternating whole-process runs (load average {os.getloadavg()[0]:.1f}):")
        print("                                               median  fastest")
        for name, times in (
            ("fresh python, yaml.load(CSafeLoader) only", base),
            ("hubwizard lint (load, validate, lint)    ", ours),
        ):
            print(f"   {name}  {statistics.median(times) * 1000:6.0f}   {min(times) * 1000:6.0f} ms")
        ratio = statistics.median(ours) / statistics.median(base)
        print(
            f"   ratio of medians {ratio:.2f}, of fastest runs {min(ours) / min(base):.2f} "
            f"(target at most 1.00: {'met' if ratio <= 1.0 else 'NOT met'})"
        )

        judged = [run([*hubwizard_command(), "lint", str(hostile)]) for _ in range(3)]
        seconds, done = statistics.median(t for t, _ in judged), judged[-1][1]
        lines = done.stderr.strip().splitlines()
        listed = [line for line in lines if " more problem" not in line]
        counted = next((line for line in lines if " more problem" in line), "")
        size_mb = hostile.stat().st_size / 1024 / 1024
        print(
            f"2. hostile file: {size_mb:.1f} MB, judged by hubwizard lint in {seconds * 1000:.0f} ms (median of 3) "
            f"(target < 2000 ms: {'met' if seconds < 2 else 'NOT met'}), exit {done.returncode}"
        )
        print(f"   {len(listed)} problems listed with file:line:col, then: {counted.split(': ', 1)[-1]}")
        print(f"   first: {listed[0] if listed else '(none)'}")

        parse_s, (data, _) = timed(lambda: configfile.parse(text, "large.yaml"))
        validate_s, config = timed(lambda: Config.model_validate(data))
        lint_one_s, findings = timed(lambda: lint.lint(config))
        careful_s, _ = timed(lambda: configfile._parse_yaml_carefully(text, "large.yaml"))
        baseline_s, _ = timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
        properties = sum(len(g.properties) for g in config.property_groups)
        print(
            f"3. in one process, median of 5 ({len(config.pipelines)} pipelines, {properties:,} properties, "
            f"{len(findings)} findings):"
        )
        print(f"   parse, fast path (rapidyaml)          {parse_s * 1000:6.0f} ms")
        print(f"   parse, careful path (PyYAML, C)       {careful_s * 1000:6.0f} ms")
        print(
            f"   yaml.load(CSafeLoader), for reference {baseline_s * 1000:6.0f} ms (fast path x{parse_s / baseline_s:.2f})"
        )
        print(f"   validate (pydantic)                   {validate_s * 1000:6.0f} ms")
        print(f"   lint ({len(lint.RULES)} rules)                       {lint_one_s * 1000:6.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
