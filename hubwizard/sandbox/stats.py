"""What the sandbox has been asked: counters and a log of recent API requests.

Only API requests are counted (the sandbox's own ``/_sandbox/*`` paths are not). The log keeps
method, path (never the query string), route, status, duration and time: never a header, so never
a token.
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from typing import Any

from hubwizard.sandbox.store import now_iso

LOG_SIZE = 1000


class Stats:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self._total = 0
            self._writes = 0
            self._rate_limited = 0
            self._faults = 0
            self._dropped = 0
            self._by_method: Counter[str] = Counter()
            self._by_route: Counter[str] = Counter()
            self._by_status: Counter[str] = Counter()
            self._log: deque[dict[str, Any]] = deque(maxlen=LOG_SIZE)

    def record(
        self,
        method: str,
        path: str,
        route: str | None,
        status: int,
        duration_ms: float,
        *,
        write: bool = False,
        fault: str | None = None,
    ) -> None:
        """Count one API request; ``status`` 0 means the connection was dropped without an answer."""
        key = f"{method} {route or '<no route>'}"
        with self._lock:
            self._total += 1
            self._by_method[method] += 1
            self._by_route[key] += 1
            self._by_status[str(status) if status else "dropped"] += 1
            if write:
                self._writes += 1
            if status == 429:
                self._rate_limited += 1
            if fault:
                self._faults += 1
            if status == 0:
                self._dropped += 1
            entry: dict[str, Any] = {
                "method": method,
                "path": path,
                "route": key,
                "status": status,
                "durationMs": round(duration_ms, 2),
                "time": now_iso(),
            }
            if fault:
                entry["fault"] = fault
            self._log.append(entry)

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "total": self._total,
                "writes": self._writes,
                "rateLimited": self._rate_limited,
                "faultsInjected": self._faults,
                "dropped": self._dropped,
                "byMethod": dict(self._by_method),
                "byRoute": dict(self._by_route),
                "byStatus": dict(self._by_status),
            }

    def recent(self, limit: int) -> list[dict[str, Any]]:
        with self._lock:
            items = list(self._log)
        return items[-limit:] if limit > 0 else []
