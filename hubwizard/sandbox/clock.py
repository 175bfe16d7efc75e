"""The sandbox's clock: the time records are stamped with.

HubSpot stamps deals with the time a change happens (``createdate``, the stage-history dates).
To replay a history through the normal API, the sandbox's time can be set
(``POST /_sandbox/clock``, ``--clock`` on ``sandbox serve``). A set clock stands still at that
moment until it is set again; ``None`` gives back the real time. Only record timestamps follow
this clock; rate limits and statistics keep the machine's time.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from hubwizard.sandbox.store import now_iso


def parse_moment(text: str) -> datetime:
    """An ISO-8601 time (``2026-03-01T09:00:00Z``; no zone means UTC), or ValueError."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class Clock:
    """Real time, or a fixed moment set by a test or a replay."""

    def __init__(self) -> None:
        self._fixed: float | None = None
        self._lock = threading.Lock()

    def set(self, moment: datetime | None) -> None:
        with self._lock:
            self._fixed = None if moment is None else moment.timestamp()

    @property
    def is_set(self) -> bool:
        return self._fixed is not None

    def now(self) -> float:
        """Seconds since the epoch."""
        with self._lock:
            return self._fixed if self._fixed is not None else time.time()

    def iso(self) -> str:
        return now_iso(self.now())
