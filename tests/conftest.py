"""Shared fixtures: every test gets its own hubwizard home, so nothing touches ~/.hubwizard."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["HUBWIZARD_LANG"] = "en"  # the tests read English unless they ask for another language

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def hubwizard_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("hubwizard-home")
    monkeypatch.setenv("HUBWIZARD_HOME", str(home))
    monkeypatch.delenv("HUBSPOT_ACCESS_TOKEN", raising=False)
    return home
