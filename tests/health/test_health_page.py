"""The Health check page in Streamlit's AppTest, against an in-memory sandbox holding a
generated history: run the check, see the findings, use the probabilities in the setup."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from health_helpers import NOW
from streamlit.testing.v1 import AppTest

from hubwizard.health.generator import generate
from hubwizard.sandbox import SandboxServer, start_sandbox
from hubwizard.sandbox.seed_deals import seed_deals
from hubwizard.ui.nav import step
from hubwizard.ui.portal import SANDBOX_DATA_ENV, SANDBOX_URL_ENV

APP = Path(__file__).resolve().parents[2] / "app.py"


@pytest.fixture
def seeded(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[SandboxServer, object]]:
    monkeypatch.setenv(SANDBOX_DATA_ENV, ":memory:")
    st.cache_data.clear()
    st.cache_resource.clear()
    server = start_sandbox()
    history = generate(2200, 31, now=NOW.replace(year=2026), span_days=360)
    server.portal.clock.set(NOW)
    seed_deals(server.portal, history)
    server.portal.clock.set(None)
    monkeypatch.setenv(SANDBOX_URL_ENV, server.url)
    yield server, history
    st.cache_resource.clear()
    server.stop()


def ok(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_run_the_check_and_use_the_probabilities(seeded):
    _, history = seeded
    at = ok(AppTest.from_file(str(APP), default_timeout=60))
    at.session_state["start.tab"] = "Import from a portal"  # only the open tab is drawn
    ok(at)
    at.button(key="start.import").click()
    ok(at)
    at.switch_page(step("health").file)
    ok(at)
    assert at.title[0].value == "Health check"
    at.button(key="health.run").click()
    ok(at)
    warnings = [w.value for w in at.warning]
    assert any(f"*{history.bottleneck_label}* holds" in w for w in warnings)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Pile-ups"] == "1"
    assert int(metrics["Stranded deals"]) >= 1
    before = {s.label: s.probability for s in at.session_state["wizard"].config.pipelines[0].stages}
    at.button(key="health.use").click()
    ok(at)
    after = {s.label: s.probability for s in at.session_state["wizard"].config.pipelines[0].stages}
    assert after != before
    assert after["Closed Won"] == 1.0 and after["Closed Lost"] == 0.0
    open_values = [
        after[s]
        for s in (
            "Appointment Scheduled",
            "Qualified To Buy",
            "Presentation Scheduled",
            "Decision Maker Bought-In",
            "Contract Sent",
        )
    ]
    assert open_values == sorted(open_values)
    assert any("now uses the learned probabilities" in s.value for s in at.success)


def test_use_without_a_matching_pipeline_says_what_to_do(seeded):
    at = ok(AppTest.from_file(str(APP), default_timeout=60))
    at.button(key="start.use.b2b-sales").click()
    ok(at)
    at.switch_page(step("health").file)
    ok(at)
    at.button(key="health.run").click()
    ok(at)
    at.button(key="health.use").click()
    ok(at)
    assert any("Import this portal's setup on Start" in w.value for w in at.warning)
