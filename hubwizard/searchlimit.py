"""HubSpot's separate limit on CRM searches (five a second per portal), kept on the client side.

The portal counts a search some time between the moment it is sent and the moment its answer
comes back (a pause on its side moves that point late). So :class:`SearchPacer` lets a search go
only while fewer than ``per_second`` searches are in flight or were answered within the last
second (plus a small margin): no second can then hold more than ``per_second`` of them, whatever
the delays, even with several threads searching at once. The cost is about one round trip per
``per_second`` searches.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

SEARCH_PER_SECOND = 5


class SearchPacer:
    def __init__(
        self,
        per_second: int = SEARCH_PER_SECOND,
        window: float = 1.0,
        margin: float = 0.02,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.per_second = per_second
        self.window = window + margin
        self._clock = clock
        self._sleep = sleep
        self._slots: list[list[float | None]] = []
        """One per recent search: [answered at], or [None] while it is in flight."""
        self._lock = threading.Lock()

    def acquire(self) -> list[float | None]:
        """Wait for a search's turn; pass what it returns to :meth:`done` when the answer is in."""
        while True:
            with self._lock:
                now = self._clock()
                self._slots = [s for s in self._slots if s[0] is None or s[0] > now - self.window]
                if len(self._slots) < self.per_second:
                    slot: list[float | None] = [None]
                    self._slots.append(slot)
                    return slot
                answered = [s[0] for s in self._slots if s[0] is not None]
                wait = min(answered) + self.window - now if answered else 0.02
            self._sleep(max(wait, 0.001))

    def done(self, slot: list[float | None]) -> None:
        """The search's answer (or error) came back."""
        with self._lock:
            slot[0] = self._clock()
