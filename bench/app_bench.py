"""Wizard benchmark: how long each page takes to rerun with a large setup loaded, and how long
`streamlit run` takes to show its first page in a browser.

The large setup is the lint benchmark's reference (``reference_config.large_reference``): 50 deal
pipelines of 8 stages, 5,000 custom properties in 200 groups over four objects, a custom object
and 5 workflows. Each page is rerun through ``AppTest`` (the script as Streamlit runs it, without
a browser): the median of plain reruns (what every click costs) and of reruns right after an
edit (the findings are computed again). Targets (issue 11): a median rerun under 100 ms, the
first page in the browser under 2.5 s after `streamlit run`.

Prints figures and ratios, no assertions: these machines are shared and noisy.
Run: .venv/bin/python bench/app_bench.py [--reruns 15] [--no-browser]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HUBWIZARD_HOME", tempfile.mkdtemp(prefix="hubwizard-bench-"))
os.environ["HUBWIZARD_SANDBOX_DATA"] = ":memory:"

from reference_config import large_reference
from streamlit.testing.v1 import AppTest

from hubwizard import editing
from hubwizard.ui import nav
from hubwizard.ui.nav import STEPS
from hubwizard.ui.state import WizardState

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 100.0
FIRST_PAGE_TARGET_S = 2.5


def rerun_times(config, step, reruns: int, *, plan: bool = False) -> tuple[float, float, float]:
    """(first run, median plain rerun, median rerun after an edit) in ms for one page; with
    ``plan`` the Provision page shows the plan against the in-memory sandbox (read once)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["wizard"] = WizardState(config=config, source="bench")
    at.run()
    at.switch_page(step.file)
    at.run()
    if plan:
        started = time.perf_counter()
        at.button(key="provision.plan").click().run()
        operations = len(at.session_state["wizard"].plan.planned.plan.operations)
        print(f"  (plan of {operations:,} operations read and made in {time.perf_counter() - started:.1f} s)")
    start = time.perf_counter()
    at.run()
    first = (time.perf_counter() - start) * 1000
    if at.exception:
        raise SystemExit(f"{step.title}: {at.exception[0].value}")
    plain = []
    for _ in range(reruns):
        start = time.perf_counter()
        at.run()
        plain.append((time.perf_counter() - start) * 1000)
    edited = []
    wizard = at.session_state["wizard"]
    for n in range(0 if plan else max(3, reruns // 3)):
        # what a callback does after an edit: committed (saved, recorded for undo), then the
        # rerun lints the new content
        wizard.config.pipelines[0].stages[0].label = f"Lead in {n}"
        wizard.commit("bench edit")
        start = time.perf_counter()
        at.run()
        edited.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(plain), statistics.median(edited) if edited else float("nan")


def commit_ms(config, edits: int = 15) -> tuple[float, float, float]:
    """(median commit, median undo, median stat of the saved setup) in ms: what every change
    costs before the rerun (serialize, compare, record for undo, save, fingerprint)."""
    wizard = WizardState(config=config, source="bench")
    commits, undos, stats = [], [], []
    for n in range(edits):
        wizard.config.pipelines[0].stages[0].label = f"Lead in {n}"
        start = time.perf_counter()
        wizard.commit("bench edit")
        commits.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        wizard.follow_other_tabs()  # what every rerun does: one stat of the saved setup
        stats.append((time.perf_counter() - start) * 1000)
    for _ in range(edits // 2):
        start = time.perf_counter()
        wizard.undo()
        undos.append((time.perf_counter() - start) * 1000)
    return statistics.median(commits), statistics.median(undos), statistics.median(stats)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


BASELINE_APP = """import streamlit as st

st.title("Start")
st.button("Use this template")
"""
"""The same first page without the wizard: what `streamlit run` and the browser cost on this
machine right now, so the wizard's own share can be told from the machine's load."""


STREAMLIT_RUN = ("-m", "streamlit", "run", "app.py")
MAKE_RUN = ("-m", "hubwizard.ui.launch")
"""What `make run` starts: the same server on app.py, with the wizard's imports done while the
browser loads Streamlit's JavaScript (see hubwizard/ui/launch.py)."""


def first_page_seconds(
    folder: Path = ROOT, command: tuple[str, ...] = STREAMLIT_RUN
) -> tuple[float, float, float] | None:
    """(server healthy, first page rendered, browser launch) in seconds after starting
    ``command`` in ``folder`` (`streamlit run app.py` by default)."""
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        print("first page: skipped (no Chromium; apt-get install chromium)")
        return None
    from playwright.sync_api import expect, sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
    port = _free_port()
    with sync_playwright() as p:
        start = time.perf_counter()
        browser = p.chromium.launch(executable_path=chromium, args=args)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        launch = time.perf_counter() - start
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, *command, "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
            cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                        break
                except OSError:
                    if proc.poll() is not None or time.perf_counter() - start > 60:
                        raise SystemExit("streamlit did not start") from None
                    time.sleep(0.02)
            healthy = time.perf_counter() - start
            page.goto(url)
            app = page.get_by_test_id("stApp")
            expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=60_000)
            expect(page.get_by_role("heading", name="Start", level=1)).to_be_visible(timeout=60_000)
            expect(page.get_by_role("button", name="Use this template").first).to_be_visible(timeout=60_000)
            rendered = time.perf_counter() - start
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            browser.close()
    return healthy, rendered, launch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=15)
    parser.add_argument("--no-browser", action="store_true", help="skip the `streamlit run` timing")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of first-page timings (best is shown)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # AppTest's bare-mode warnings

    start = time.perf_counter()
    config = large_reference()
    built = (time.perf_counter() - start) * 1000
    stages = sum(len(p.stages) for p in config.pipelines)
    properties = sum(len(g.properties) for g in config.property_groups)
    print(
        f"large setup: {len(config.pipelines)} pipelines, {stages} stages, {properties} properties in "
        f"{len(config.property_groups)} groups, {len(config.custom_objects)} custom object, "
        f"{len(config.workflows)} workflows ({editing.size_of(config):,} items, built in {built:.0f} ms)"
    )
    commit, undo, stat = commit_ms(config.model_copy(deep=True))
    print(
        f"an edit is committed (compared, recorded for undo, saved, fingerprinted) in {commit:.1f} ms, "
        f"undone in {undo:.1f} ms; each rerun checks for another tab's save in {stat:.2f} ms"
    )
    print(f"\n{'page':<20} {'first run':>10} {'rerun':>9} {'after edit':>11} {'rerun/target':>13}")
    worst = 0.0
    worst_edit = 0.0
    for step in STEPS:
        first, plain, edited = rerun_times(config.model_copy(deep=True), step, args.reruns)
        worst = max(worst, plain)
        worst_edit = max(worst_edit, edited)
        print(
            f"{step.title:<20} {first:>8.0f}ms {plain:>7.0f}ms {edited:>9.0f}ms {plain / TARGET_MS:>12.2f}x"
        )
    first, plain, _ = rerun_times(config.model_copy(deep=True), nav.step("provision"), args.reruns, plan=True)
    worst = max(worst, plain)
    print(f"{'Provision + plan':<20} {first:>8.0f}ms {plain:>7.0f}ms {'':>11} {plain / TARGET_MS:>12.2f}x")
    print(
        f"\nslowest median rerun: {worst:.0f} ms = {worst / TARGET_MS:.2f} of the {TARGET_MS:.0f} ms target; "
        f"slowest median rerun right after an edit (saved, checked again): {worst_edit:.0f} ms"
    )

    if not args.no_browser:
        baseline_dir = Path(tempfile.mkdtemp(prefix="hubwizard-bench-baseline-"))
        (baseline_dir / "app.py").write_text(BASELINE_APP)
        runs: dict[str, list[tuple[float, float, float]]] = {
            "baseline": [],
            "make run": [],
            "streamlit run": [],
        }
        for _round in range(args.rounds):  # interleaved, so a burst of load hits all three alike
            for name, folder, command in (
                ("baseline", baseline_dir, STREAMLIT_RUN),
                ("make run", ROOT, MAKE_RUN),
                ("streamlit run", ROOT, STREAMLIT_RUN),
            ):
                timing = first_page_seconds(folder, command)
                if timing is None:
                    return
                runs[name].append(timing)
        best = {name: min(times, key=lambda t: t[1]) for name, times in runs.items()}
        base = best["baseline"][1]
        print(
            f"\nfirst page in the browser, best of {args.rounds} interleaved rounds (browser launch not counted):"
        )
        for name, label in (
            ("make run", "`make run` (python -m hubwizard.ui.launch)"),
            ("streamlit run", "`streamlit run app.py`"),
            ("baseline", "a two-line Streamlit app"),
        ):
            healthy, rendered, _launch = best[name]
            print(
                f"  {label:<45} server healthy {healthy:.2f} s, first page rendered {rendered:.2f} s "
                f"({rendered / base:.2f}x the two-line app, {rendered - base:+.2f} s)"
            )
        print(f"  target: {FIRST_PAGE_TARGET_S} s")


if __name__ == "__main__":
    main()
