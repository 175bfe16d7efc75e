"""HubSpot's request limits: a ten-second rolling window per token and a daily budget.

The window is per token (per private app at HubSpot); the daily budget is shared by the whole
portal and starts again at midnight (UTC here; HubSpot uses the account's time zone). A refused
request does not use up the window. Tokens are never kept: the limiter keys on a number it hands
out per token digest.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from hubwizard.sandbox.errors import new_correlation_id

WINDOW_SECONDS = 10.0
TEN_SECONDLY = "TEN_SECONDLY_ROLLING"
DAILY = "DAILY"


@dataclass
class Verdict:
    allowed: bool
    headers: dict[str, str]
    policy: str | None = None
    retry_after: int = 0
    group: str = ""


def rate_limit_body(policy: str, group: str) -> dict[str, str]:
    """HubSpot's 429 body (hubspot-api-python issue #117), without a ``category``."""
    name = "ten_secondly_rolling" if policy == TEN_SECONDLY else "daily"
    return {
        "status": "error",
        "message": f"You have reached your {name} limit.",
        "errorType": "RATE_LIMIT",
        "correlationId": new_correlation_id(),
        "policyName": policy,
        "groupName": group,
    }


class RateLimiter:
    def __init__(
        self,
        per_10s: Callable[[], int],
        daily: Callable[[], int],
        portal_id: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._per_10s = per_10s
        self._daily = daily
        self._portal_id = portal_id
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[int, deque[float]] = {}
        self._apps: dict[str, int] = {}
        self._day = ""
        self._day_count = 0

    def reset(self) -> None:
        with self._lock:
            self._windows.clear()
            self._day_count = 0

    def _app(self, token: str) -> int:
        digest = hashlib.sha256(token.encode()).hexdigest()
        return self._apps.setdefault(digest, len(self._apps) + 1)

    def check(self, token: str) -> Verdict:
        """Admit one request for this token, or say which limit refuses it."""
        with self._lock:
            now = self._clock()
            today = datetime.now(UTC).strftime("%Y-%m-%d")
            if today != self._day:
                self._day, self._day_count = today, 0
            app = self._app(token)
            window = self._windows.setdefault(app, deque())
            while window and window[0] <= now - WINDOW_SECONDS:
                window.popleft()
            limit, daily = self._per_10s(), self._daily()
            group = f"{TEN_SECONDLY}:{self._portal_id}:{app}"
            if self._day_count >= daily:
                midnight = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
                wait = 86_400 - int((datetime.now(UTC) - midnight).total_seconds())
                headers = self._headers(limit, 0, daily, 0)
                return Verdict(False, headers, DAILY, max(1, wait), f"{DAILY}:{self._portal_id}")
            if len(window) >= limit:
                wait = math.ceil(window[0] + WINDOW_SECONDS - now)
                headers = self._headers(limit, 0, daily, daily - self._day_count)
                return Verdict(False, headers, TEN_SECONDLY, max(1, wait), group)
            window.append(now)
            self._day_count += 1
            return Verdict(True, self._headers(limit, limit - len(window), daily, daily - self._day_count))

    @staticmethod
    def _headers(limit: int, remaining: int, daily: int, daily_remaining: int) -> dict[str, str]:
        return {
            "X-HubSpot-RateLimit-Max": str(limit),
            "X-HubSpot-RateLimit-Remaining": str(max(0, remaining)),
            "X-HubSpot-RateLimit-Interval-Milliseconds": str(int(WINDOW_SECONDS * 1000)),
            "X-HubSpot-RateLimit-Daily": str(daily),
            "X-HubSpot-RateLimit-Daily-Remaining": str(max(0, daily_remaining)),
        }
