"""Faults on demand, for tests and benchmarks of the provisioner's resilience.

One mutable :class:`Faults` object per sandbox, changeable while it runs (``sb.faults.fail_rate =
0.2``, ``sb.faults.update(...)``, ``POST /_sandbox/faults``):

- ``latency_ms``: added to every API request;
- ``fail_rate``: that fraction of API requests answered 500, 502 or 503, the request not applied;
- ``rate_429``: that fraction answered 429 (HubSpot's ten-secondly body), not applied;
- ``drop_after``: after N more API requests, the next one loses its connection without an answer:
  with ``drop_mode`` ``"after"`` (default) it is processed first, so a write *is* applied; with
  ``"before"`` it is not. One-shot: it clears itself once it fires;
- ``stale_ms``: for that long after a write, reads of that collection return what was there before;
- ``seed``: seeds the random draws so a test sees the same faults every run.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from typing import Any

DROP_MODES = ("after", "before")
FAIL_STATUSES = (500, 502, 503)
FIELDS = ("latency_ms", "fail_rate", "rate_429", "drop_after", "drop_mode", "stale_ms", "seed")
_JSON_NAMES = {
    "latencyMs": "latency_ms",
    "failRate": "fail_rate",
    "rate429": "rate_429",
    "dropAfter": "drop_after",
    "dropMode": "drop_mode",
    "staleMs": "stale_ms",
}


@dataclass(frozen=True)
class Decision:
    """What to do to one API request."""

    latency_ms: int = 0
    kind: str | None = None  # None, "fail", "429", "drop"
    status: int = 0
    drop_mode: str = "after"


class Faults:
    """Thread-safe fault settings; every attribute can be set while the sandbox runs."""

    def __init__(
        self,
        *,
        latency_ms: int = 0,
        fail_rate: float = 0.0,
        rate_429: float = 0.0,
        drop_after: int | None = None,
        drop_mode: str = "after",
        stale_ms: int = 0,
        seed: int | None = None,
    ) -> None:
        object.__setattr__(self, "_lock", threading.RLock())
        object.__setattr__(self, "_rng", random.Random(seed))
        self.latency_ms = latency_ms
        self.fail_rate = fail_rate
        self.rate_429 = rate_429
        self.drop_after = drop_after
        self.drop_mode = drop_mode
        self.stale_ms = stale_ms
        self.seed = seed

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in FIELDS:
            raise AttributeError(f"unknown fault setting {name!r}; use one of {', '.join(FIELDS)}")
        value = _checked(name, value)
        with self._lock:
            object.__setattr__(self, name, value)
            if name == "seed":
                self._rng.seed(value)

    def update(self, **settings: Any) -> Faults:
        """Set several at once (also accepts the camelCase names of ``POST /_sandbox/faults``)."""
        with self._lock:
            checked = {}
            for key, value in settings.items():
                name = _JSON_NAMES.get(key, key)
                if name not in FIELDS:
                    raise ValueError(f"unknown fault setting {key!r}; use one of {', '.join(FIELDS)}")
                checked[name] = _checked(name, value)
            for name, value in checked.items():
                setattr(self, name, value)
        return self

    def clear(self) -> None:
        """No faults; the dice start again from the seed."""
        self.update(latency_ms=0, fail_rate=0.0, rate_429=0.0, drop_after=None, drop_mode="after", stale_ms=0)
        with self._lock:
            self._rng.seed(self.seed)

    def as_dict(self) -> dict[str, Any]:
        with self._lock:
            return {name: getattr(self, name) for name in FIELDS}

    def decide(self) -> Decision:
        """Draw the fate of one API request (counts it towards ``drop_after``)."""
        with self._lock:
            latency = self.latency_ms
            if self.drop_after is not None:
                if self.drop_after <= 0:
                    mode = self.drop_mode
                    object.__setattr__(self, "drop_after", None)
                    return Decision(latency, "drop", 0, mode)
                object.__setattr__(self, "drop_after", self.drop_after - 1)
            if self.fail_rate and self._rng.random() < self.fail_rate:
                return Decision(latency, "fail", self._rng.choice(FAIL_STATUSES))
            if self.rate_429 and self._rng.random() < self.rate_429:
                return Decision(latency, "429", 429)
            return Decision(latency)


def _checked(name: str, value: Any) -> Any:
    if name in ("latency_ms", "stale_ms"):
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(f"{name} must be a number of milliseconds >= 0")
        return int(value)
    if name in ("fail_rate", "rate_429"):
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise ValueError(f"{name} must be a fraction between 0 and 1")
        return float(value)
    if name == "drop_after":
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("drop_after must be a whole number >= 0, or null")
        return value
    if name == "drop_mode":
        if value not in DROP_MODES:
            raise ValueError(f"drop_mode must be one of {', '.join(DROP_MODES)}")
        return value
    if name == "seed":
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError("seed must be a whole number or null")
        return value
    return value


def fault_body(status: int, correlation_id: str) -> dict[str, Any]:
    """HubSpot-ish bodies of the injected server errors."""
    messages = {
        500: ("internal error", "INTERNAL_ERROR"),
        502: ("Bad Gateway: the upstream service did not answer", "BAD_GATEWAY"),
        503: ("Service Unavailable: please retry later", "SERVICE_UNAVAILABLE"),
    }
    message, category = messages[status]
    return {"status": "error", "message": message, "correlationId": correlation_id, "category": category}
