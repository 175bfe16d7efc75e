"""Finding the last apply on a portal: every plan asks, and the folder keeps every journal of
every portal, so the look-up reads first lines and file times, not whole journals."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from hubwizard import journal as journal_module
from hubwizard.journal import Journal, journal_dir, latest, read_start

OURS = {"kind": "url", "url": "http://127.0.0.1:1/ours"}
OTHER = {"kind": "url", "url": "http://127.0.0.1:1/other"}


def _apply_journal(portal: dict, creates: int = 3) -> Path:
    journal = Journal.create("apply")
    journal.write("start", portal=portal, config="x")
    journal.write_many(
        [("op", {"op": f"p{n}", "status": "done", "created": {"type": "property"}}) for n in range(creates)]
    )
    journal.write("finish", status="complete")
    journal.close()
    time.sleep(0.002)  # names sort by their start, to the microsecond
    return journal.path


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_the_newest_journal_of_this_portal_is_found_past_other_portals() -> None:
    ours = _apply_journal(OURS)
    for _ in range(3):
        _apply_journal(OTHER)
    assert latest("apply", OURS) == ours
    assert latest("apply", OTHER) != ours
    assert latest("apply") == sorted(journal_dir().glob("*-apply.jsonl"))[-1]


def test_only_first_lines_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    ours = _apply_journal(OURS, creates=2000)
    others = [_apply_journal(OTHER, creates=2000) for _ in range(3)]
    whole: list[Path] = []
    monkeypatch.setattr(journal_module, "read_journal", whole.append)
    assert latest("apply", OURS) == ours
    assert whole == []  # the start lines told the portal of each
    assert read_start(others[0])["portal"] == OTHER


def test_a_torn_or_odd_first_line_falls_back_to_the_whole_journal() -> None:
    path = _apply_journal(OURS)
    lines = path.read_text().splitlines()
    path.write_text("\n".join(["{torn", *lines]) + "\n")  # a start line that is not first
    assert read_start(path)["portal"] == OURS


def test_with_a_horizon_older_journals_are_not_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    old_ours = _apply_journal(OURS)
    _age(old_ours, 60)
    recent_other = _apply_journal(OTHER)
    opened: list[Path] = []
    real = journal_module.read_start
    monkeypatch.setattr(journal_module, "read_start", lambda path: opened.append(path) or real(path))
    assert latest("apply", OURS, since=time.time() - 5) is None
    assert opened == [recent_other]  # the old journal was ruled out by its time alone
    assert latest("apply", OURS) == old_ours  # without a horizon it is still the latest
