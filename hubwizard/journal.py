"""The apply journal: one JSON line per event, under ``$HUBWIZARD_HOME/journals``.

Written as it happens (flushed and synced line by line), so a crash, a dropped connection or a
Ctrl-C still leaves a true record of what was done and of every id created. ``undo`` reads it
back. It never holds a token: only the portal's kind, URL and id.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hubwizard.home import journal_dir


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Journal:
    """Append-only JSON lines. Thread-safe: apply tasks finish concurrently.

    Each line is flushed to the operating system as it is written, so a crash of hubwizard
    loses nothing; a background thread syncs it to disk right after (a disk sync takes
    milliseconds, and the next call of the apply must not wait for it). ``close`` syncs
    whatever is left: before returning, or (``wait=False``) on that thread, while the command
    goes on with its verification; the process waits for it before it exits (``settle``)."""

    def __init__(self, path: Path, run_id: str) -> None:
        self.path = path
        self.run_id = run_id
        self._lock = threading.Lock()
        self._file = path.open("a", encoding="utf-8")
        self._dirty = threading.Event()
        self._closing = False
        self._synced = threading.Event()
        self._thread = threading.Thread(target=self._sync_loop, name="journal-sync", daemon=True)
        self._thread.start()

    def _sync_loop(self) -> None:
        try:
            while True:
                self._dirty.wait()
                self._dirty.clear()
                with self._lock:
                    if self._file.closed:
                        return
                    fd = self._file.fileno()
                    closing = self._closing
                with contextlib.suppress(OSError):  # closed meanwhile: close() synced it
                    os.fsync(fd)
                if closing:
                    with self._lock:
                        if not self._file.closed:
                            self._file.close()
                    return
        finally:
            self._synced.set()
            _PENDING.discard(self)

    @classmethod
    def create(cls, kind: str = "apply", folder: Path | None = None) -> Journal:
        now = time.time()
        # sortable to the microsecond: "newest journal" must not depend on a random suffix
        run_id = (
            time.strftime("%Y%m%d-%H%M%S", time.gmtime(now))
            + f".{int(now * 1e6) % 1_000_000:06d}-"
            + uuid.uuid4().hex[:4]
        )
        folder = folder or journal_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return cls(folder / f"{run_id}-{kind}.jsonl", run_id)

    def write(self, event: str, **data: Any) -> None:
        self.write_many([(event, data)])

    def write_many(self, events: list[tuple[str, dict[str, Any]]]) -> None:
        """Several lines in one write: a batch of 100 properties is one line each, one flush."""
        stamp, at = _now(), round(time.time(), 3)
        text = "".join(
            json.dumps(
                {"time": stamp, "at": at, "run": self.run_id, "event": event, **data},
                ensure_ascii=False,
                default=str,
            )
            + "\n"
            for event, data in events
        )
        with self._lock:
            self._file.write(text)
            self._file.flush()
        self._dirty.set()

    @classmethod
    def append(cls, path: Path, event: str, **data: Any) -> None:
        """Add one line to a finished journal (the verification after an apply)."""
        run_id = path.stem.rsplit("-", 1)[0]
        journal = cls(path, run_id)
        journal.write(event, **data)
        journal.close(wait=False)  # on disk before the process exits

    def close(self, *, wait: bool = True) -> None:
        """Flush and sync the journal, and close it. With ``wait=False`` the sync (milliseconds
        of disk) happens on the journal's thread and the caller goes on; the journal is on disk
        before the process exits (``settle``) or ``wait_synced`` returns."""
        with self._lock:
            if self._file.closed or self._closing:
                return
            self._file.flush()
            if wait:
                os.fsync(self._file.fileno())
                self._file.close()
            else:
                self._closing = True
                _PENDING.add(self)
        self._dirty.set()  # lets the sync thread sync (if asked) and end

    def wait_synced(self, timeout: float | None = None) -> bool:
        """Block until the journal's thread has synced and ended."""
        return self._synced.wait(timeout)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_PENDING: set[Journal] = set()
"""Journals closed without waiting whose last sync is still to come."""


@atexit.register
def settle(timeout: float = 10.0) -> None:
    """Wait until every journal closed without waiting is on disk (runs as the process exits)."""
    for journal in list(_PENDING):
        journal.wait_synced(timeout)


@dataclass
class JournalRecord:
    path: Path
    records: list[dict[str, Any]]

    @property
    def start(self) -> dict[str, Any]:
        return next((r for r in self.records if r.get("event") == "start"), {})

    @property
    def done(self) -> list[dict[str, Any]]:
        return [r for r in self.records if r.get("event") == "op" and r.get("status") == "done"]

    @property
    def verified(self) -> bool:
        """Whether a read after the apply showed everything it did (its writes have settled)."""
        return any(r.get("event") == "verified" for r in self.records)

    @property
    def finished(self) -> dict[str, Any] | None:
        return next((r for r in reversed(self.records) if r.get("event") == "finish"), None)


def read_journal(path: Path) -> JournalRecord:
    """Every readable line of a journal (a torn last line from a crash is skipped)."""
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            continue
    return JournalRecord(path, records)


def journals(kind: str = "apply") -> list[Path]:
    """Journals of one kind, newest last."""
    return sorted(journal_dir().glob(f"*-{kind}.jsonl"))


def same_portal(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two portal descriptions name the same portal (a sandbox by its data file)."""
    if a.get("kind") == b.get("kind") == "sandbox" and a.get("data") and b.get("data"):
        return a["data"] == b["data"] and a["data"] != ":memory:"
    return bool(a.get("url")) and a.get("url") == b.get("url")


def read_start(path: Path) -> dict[str, Any]:
    """A journal's ``start`` record, read from its first line (the whole journal only when the
    first line is not it): enough to tell which portal a journal is about."""
    try:
        with path.open(encoding="utf-8") as file:
            first = json.loads(file.readline())
    except (OSError, ValueError):
        first = None
    if isinstance(first, dict) and first.get("event") == "start":
        return first
    return read_journal(path).start


def latest(
    kind: str = "apply", portal: dict[str, Any] | None = None, *, since: float | None = None
) -> Path | None:
    """The newest journal of ``kind`` (for ``portal`` when given; with ``since``, among those
    written to since that time). Each candidate costs a look at its first line, an older one
    with ``since`` only a look at its time: every plan asks this, and a user's folder keeps
    every journal of every portal."""
    for path in reversed(journals(kind)):
        if since is not None:
            try:
                if path.stat().st_mtime < since:
                    continue
            except OSError:
                continue
        if portal is None or same_portal(read_start(path).get("portal", {}), portal):
            return path
    return None


def undone_paths() -> set[str]:
    """Apply journals that an undo journal already took back."""
    return {str(read_journal(p).start.get("undoes")) for p in journals("undo")}


def undoable(portal: dict[str, Any] | None = None) -> Path | None:
    """The newest apply journal that changed something and has not been undone."""
    taken_back = undone_paths()
    for path in reversed(journals("apply")):
        record = read_journal(path)
        if str(path) in taken_back or not record.done:
            continue
        if portal is None or same_portal(record.start.get("portal", {}), portal):
            return path
    return None
