"""The hubwizard home folder: sandbox data and apply journals live here.

``HUBWIZARD_HOME`` moves it (tests point it at a temporary folder); default ``~/.hubwizard``.
Nothing secret is ever written here: tokens stay in memory.
"""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """The home folder, created on first use."""
    path = Path(os.environ.get("HUBWIZARD_HOME") or Path.home() / ".hubwizard").expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def sandbox_db() -> Path:
    """Default SQLite file of the embedded sandbox portal."""
    return home() / "sandbox.sqlite3"


def journal_dir() -> Path:
    path = home() / "journals"
    path.mkdir(parents=True, exist_ok=True)
    return path
