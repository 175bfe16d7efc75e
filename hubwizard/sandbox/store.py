"""SQLite storage of the sandbox portal: one JSON document per entity.

Documents live in one table keyed by ``(kind, scope, key)``: ``kind`` is what the entity is
(``pipeline``, ``property``, ``group``, ``schema``, ``flow``, ``record``, ``owner``), ``scope``
the object type it belongs to (``0-3``, ``2-1001``; empty for portal-wide kinds) and ``key`` its
id or name. Lists come back in creation order.

One connection, guarded by one re-entrant lock: a request runs its whole read-check-write inside
:meth:`Store.transaction`, so concurrent requests never lose a write and never see half of one.
``:memory:`` works the same way. Python's ``sqlite3`` is used in autocommit mode with explicit
``BEGIN``/``COMMIT`` so a failing request leaves nothing behind.

Stale reads (a fault the tests turn on) are kept here too: while ``stale_ms`` is set, every write
to a collection first remembers the collection as it was, and reads that ask for it
(``stale=True``) see the state of ``stale_ms`` ago.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA_VERSION = "1"

_DDL = """
CREATE TABLE IF NOT EXISTS docs (
    seq   INTEGER PRIMARY KEY AUTOINCREMENT,
    kind  TEXT NOT NULL,
    scope TEXT NOT NULL,
    key   TEXT NOT NULL,
    body  TEXT NOT NULL,
    UNIQUE (kind, scope, key)
);
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

Doc = dict[str, Any]
Collection = tuple[str, str]


def now_iso(moment: float | None = None) -> str:
    """HubSpot's timestamp format: ISO-8601, milliseconds, ``Z``."""
    dt = datetime.fromtimestamp(time.time() if moment is None else moment, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


@dataclass
class _Snapshot:
    written_at: float  # monotonic time of the write this snapshot precedes
    docs: dict[str, Doc] = field(default_factory=dict)


class Store:
    """Thread-safe document store over one SQLite connection."""

    def __init__(self, path: str | Path, stale_ms: Callable[[], int] = lambda: 0) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.executescript(_DDL)
        self._stale_ms = stale_ms
        self._history: dict[Collection, list[_Snapshot]] = {}
        self._pending: dict[Collection, _Snapshot] | None = None
        self._depth = 0
        self._closed = False

    # --- transactions ---------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Run a block alone and atomically: commit when it ends, roll back when it raises."""
        with self._lock:
            if self._closed:
                raise RuntimeError("sandbox store is closed")
            outer = self._depth == 0
            if outer:
                self._conn.execute("BEGIN IMMEDIATE")
                self._pending = {}
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if outer:
                    self._conn.execute("ROLLBACK")
                    self._pending = None
                raise
            self._depth -= 1
            if outer:
                self._conn.execute("COMMIT")
                for collection, snap in (self._pending or {}).items():
                    self._history.setdefault(collection, []).append(snap)
                self._pending = None

    # --- documents ------------------------------------------------------------------------

    def get(self, kind: str, scope: str, key: str, *, stale: bool = False) -> Doc | None:
        with self._lock:
            if stale:
                snap = self._stale_snapshot((kind, scope))
                if snap is not None:
                    doc = snap.docs.get(key)
                    return json.loads(json.dumps(doc)) if doc is not None else None
            row = self._conn.execute(
                "SELECT body FROM docs WHERE kind = ? AND scope = ? AND key = ?", (kind, scope, key)
            ).fetchone()
            return json.loads(row[0]) if row else None

    def list(self, kind: str, scope: str | None = "", *, stale: bool = False) -> list[Doc]:
        """Documents of one collection in creation order; ``scope=None`` lists every scope."""
        with self._lock:
            if stale and scope is not None:
                snap = self._stale_snapshot((kind, scope))
                if snap is not None:
                    return json.loads(json.dumps(list(snap.docs.values())))
            if scope is None:
                rows = self._conn.execute("SELECT body FROM docs WHERE kind = ? ORDER BY seq", (kind,))
            else:
                rows = self._conn.execute(
                    "SELECT body FROM docs WHERE kind = ? AND scope = ? ORDER BY seq", (kind, scope)
                )
            return [json.loads(r[0]) for r in rows.fetchall()]

    def count(self, kind: str, scope: str | None = "") -> int:
        with self._lock:
            if scope is None:
                row = self._conn.execute("SELECT COUNT(*) FROM docs WHERE kind = ?", (kind,)).fetchone()
            else:
                row = self._conn.execute(
                    "SELECT COUNT(*) FROM docs WHERE kind = ? AND scope = ?", (kind, scope)
                ).fetchone()
            return int(row[0])

    def put(self, kind: str, scope: str, key: str, doc: Doc) -> None:
        with self.transaction():
            self._remember((kind, scope))
            self._conn.execute(
                "INSERT INTO docs (kind, scope, key, body) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (kind, scope, key) DO UPDATE SET body = excluded.body",
                (kind, scope, key, json.dumps(doc, separators=(",", ":"))),
            )

    def delete(self, kind: str, scope: str, key: str) -> bool:
        with self.transaction():
            self._remember((kind, scope))
            cur = self._conn.execute(
                "DELETE FROM docs WHERE kind = ? AND scope = ? AND key = ?", (kind, scope, key)
            )
            return cur.rowcount > 0

    # --- counters and settings ------------------------------------------------------------

    def next_id(self, counter: str, start: int) -> int:
        """The next number of a named counter (first value ``start``); survives restarts."""
        with self.transaction():
            value = self.meta_get(f"counter:{counter}")
            number = int(value) + 1 if value is not None else start
            self.meta_set(f"counter:{counter}", str(number))
            return number

    def meta_get(self, key: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            return row[0] if row else None

    def meta_set(self, key: str, value: str) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # --- whole portal ---------------------------------------------------------------------

    def is_empty(self) -> bool:
        return self.meta_get("schema_version") is None

    def wipe(self) -> None:
        """Remove every document and counter (the caller seeds a fresh portal afterwards)."""
        with self.transaction():
            self._conn.execute("DELETE FROM docs")
            self._conn.execute("DELETE FROM meta")
            self._history.clear()
            self._pending = {}

    def mark_seeded(self) -> None:
        self.meta_set("schema_version", SCHEMA_VERSION)

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()

    # --- stale reads ----------------------------------------------------------------------

    def _remember(self, collection: Collection) -> None:
        """Before the first write of a transaction to a collection, keep what it was."""
        if self._stale_ms() <= 0 or self._pending is None or collection in self._pending:
            return
        rows = self._conn.execute(
            "SELECT key, body FROM docs WHERE kind = ? AND scope = ? ORDER BY seq", collection
        ).fetchall()
        self._pending[collection] = _Snapshot(time.monotonic(), {k: json.loads(b) for k, b in rows})

    def _stale_snapshot(self, collection: Collection) -> _Snapshot | None:
        """The collection as it was ``stale_ms`` ago, or None when it has not changed since."""
        window = self._stale_ms() / 1000
        snaps = self._history.get(collection)
        if not snaps:
            return None
        if window <= 0:
            self._history.pop(collection, None)
            return None
        horizon = time.monotonic() - window
        while snaps and snaps[0].written_at <= horizon:
            snaps.pop(0)
        return snaps[0] if snaps else None

    # --- shared read cache (large record collections) ---------------------------------------

    def list_shared(self, kind: str, scope: str) -> list[Doc]:
        """Like :meth:`list`, but the parsed documents are shared between calls until the next
        write on this store: callers must not change them. Searching 100,000 deals then parses
        them once, not once per page. With stale reads on, this is :meth:`list` with ``stale``.
        """
        with self._lock:
            if self._stale_ms() > 0:
                return self.list(kind, scope, stale=True)
            version = self._conn.total_changes
            cache = self.__dict__.setdefault("_shared", {})
            hit = cache.get((kind, scope))
            if hit is not None and hit[0] == version:
                return hit[1]
            docs = self.list(kind, scope)
            cache.clear()  # one collection at a time: bounded memory
            cache[(kind, scope)] = (version, docs)
            return docs
