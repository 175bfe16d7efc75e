"""Client-side rate limiter: stay under HubSpot's 10-second budget so a normal run gets no 429.

HubSpot counts requests per app in a rolling 10-second window (100 or 190 by tier). Retrying
after a 429 works but wastes the window and counts as errors (HubSpot wants errors under 5% of
requests), so the gateway asks this limiter before every request. The limiter keeps its own log
of send times, learns the real budget from ``X-HubSpot-RateLimit-Max``, and defers to the
portal's ``-Remaining`` count when other clients share the budget.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Mapping

WINDOW_SECONDS = 10.0
SLACK_SECONDS = 0.3
"""Send times are taken before the request leaves; the server counts arrivals. The slack keeps
a request that arrives late from landing in a window the client thought had rolled over."""
SAFETY = 0.92
"""Use at most this share of the budget: leaves room for clock skew and a concurrent reader."""


class RateLimiter:
    """A rolling-window limiter shared by every thread of one gateway."""

    def __init__(
        self,
        budget: int = 100,
        *,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.window = window
        self._clock = clock
        self._sleep = sleep
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()
        self._budget = budget
        self._paused_until = 0.0
        self.waited_seconds = 0.0
        """Total time callers spent waiting: the benchmark reports it."""

    @property
    def budget(self) -> int:
        return self._budget

    @property
    def allowance(self) -> int:
        """Requests this client allows itself per window."""
        return max(1, int(self._budget * SAFETY))

    def acquire(self) -> None:
        """Block until one more request fits in the window, then record it."""
        while True:
            with self._lock:
                now = self._clock()
                horizon = now - self.window - SLACK_SECONDS
                while self._sent and self._sent[0] <= horizon:
                    self._sent.popleft()
                wait = self._paused_until - now
                if wait <= 0 and len(self._sent) < self.allowance:
                    self._sent.append(now)
                    return
                if wait <= 0:
                    wait = self._sent[0] - horizon
            wait = max(wait, 0.01)
            self.waited_seconds += wait
            self._sleep(wait)

    def observe(self, headers: Mapping[str, str] | None) -> None:
        """Learn from a response's rate-limit headers."""
        if not headers:
            return
        maximum = _int(headers.get("X-HubSpot-RateLimit-Max"))
        remaining = _int(headers.get("X-HubSpot-RateLimit-Remaining"))
        with self._lock:
            if maximum and maximum != self._budget:
                self._budget = maximum
            if remaining is not None and remaining <= max(2, (maximum or self._budget) * 0.03):
                # Someone else shares this budget: let the oldest sends age out first.
                self._paused_until = max(self._paused_until, self._clock() + self.window / 4)

    def pause(self, seconds: float) -> None:
        """Hold every sender for ``seconds`` (after a 429, per ``Retry-After``)."""
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + seconds)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
