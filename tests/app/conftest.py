"""AppTest fixtures: the wizard built from ``app.py``, clean caches, an in-memory sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from hubwizard.sandbox import SandboxServer, start_sandbox
from hubwizard.ui.portal import SANDBOX_DATA_ENV, SANDBOX_URL_ENV

APP = Path(__file__).resolve().parents[2] / "app.py"


@pytest.fixture(autouse=True)
def clear_caches(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Caches are process-global across AppTest instances: every test starts clean, and never
    on a sandbox another test (or the developer's machine) runs."""
    monkeypatch.delenv(SANDBOX_URL_ENV, raising=False)
    monkeypatch.setenv(SANDBOX_DATA_ENV, ":memory:")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()  # closes the connections the test opened


@pytest.fixture
def sandbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[SandboxServer]:
    """An in-memory sandbox the wizard uses as its portal (through HUBWIZARD_SANDBOX_URL)."""
    server = start_sandbox()
    monkeypatch.setenv(SANDBOX_URL_ENV, server.url)
    yield server
    server.stop()


@pytest.fixture
def at() -> AppTest:
    """The wizard after its first run, on the Start page."""
    app = AppTest.from_file(str(APP), default_timeout=10)
    return run(app)


def run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app
