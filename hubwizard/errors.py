"""One error type for everything a portal can answer or fail with.

The SDK raises a different ``ApiException`` class per package (they share no base class),
urllib3 raises its own errors when a connection drops, and ``requests`` (behind
``api_request``) raises a third family. Callers only ever see ``PortalError``, whose message is
written for a person and never carries the token.
"""

from __future__ import annotations

import json
from typing import Any

RETRYABLE_STATUSES = frozenset({423, 429, 477, 500, 502, 503, 504, 521, 523, 524})
"""HubSpot's error-handling page lists these as worth retrying."""

ADVICE = {
    401: "The access token was refused: use a private app token or service key of this portal "
    "(HUBSPOT_ACCESS_TOKEN on the command line, the token field in the wizard).",
    403: "The token or the portal's subscription does not allow this: check the app's scopes "
    "and the portal tier (custom objects need Enterprise, workflows Professional).",
    404: "HubSpot does not know this item any more: re-run the plan to read the portal again.",
    409: "The item already exists in the portal: re-run the plan, it will be matched instead.",
    429: "HubSpot's rate limit was reached: wait a little and apply again; nothing is duplicated.",
}


class PortalError(Exception):
    """A portal call that did not succeed, with HubSpot's own details when it answered."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 0,
        category: str = "",
        correlation_id: str = "",
        policy_name: str = "",
        method: str = "",
        path: str = "",
        errors: list[dict[str, Any]] | None = None,
        retry_after: float | None = None,
        ambiguous: bool = False,
    ) -> None:
        self.message = message
        self.status = status
        self.category = category
        self.correlation_id = correlation_id
        self.policy_name = policy_name
        self.method = method
        self.path = path
        self.errors = errors or []
        self.retry_after = retry_after
        self.ambiguous = ambiguous
        """True when a write may or may not have been applied (the connection broke after sending)."""
        super().__init__(str(self))

    @property
    def retryable(self) -> bool:
        return self.status in RETRYABLE_STATUSES or self.status == 0

    @property
    def is_daily_limit(self) -> bool:
        return self.status == 429 and self.policy_name.upper() == "DAILY"

    @property
    def advice(self) -> str:
        if self.is_daily_limit:
            return (
                "The portal's daily API limit is used up; it resets at midnight in the portal's "
                "time zone. Apply again then: what is done stays done."
            )
        if self.status == 0:
            return "The portal could not be reached: check the network or the portal URL, then apply again."
        return ADVICE.get(self.status, "")

    def __str__(self) -> str:
        where = f"{self.method} {self.path}: " if self.method else ""
        status = f"HTTP {self.status} " if self.status else ""
        category = f"{self.category}: " if self.category else ""
        details = "; ".join(e.get("message", "") for e in self.errors if e.get("message"))
        text = f"{where}{status}{category}{self.message}"
        if details and details not in self.message:
            text += f" ({details})"
        if self.correlation_id:
            text += f" [correlation id {self.correlation_id}]"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "category": self.category,
            "message": self.message,
            "correlation_id": self.correlation_id,
            "policy_name": self.policy_name,
            "method": self.method,
            "path": self.path,
        }

    @classmethod
    def from_response(
        cls,
        status: int,
        body: bytes | str | None,
        headers: Any = None,
        *,
        method: str = "",
        path: str = "",
    ) -> PortalError:
        """Build from an HTTP answer, reading HubSpot's error body when there is one."""
        data: dict[str, Any] = {}
        if body:
            try:
                parsed = json.loads(body)
                if isinstance(parsed, dict):
                    data = parsed
            except (ValueError, UnicodeDecodeError):
                data = {}
        message = str(data.get("message") or _reason(status))
        retry_after = None
        if headers is not None:
            raw = headers.get("Retry-After")
            try:
                retry_after = float(raw) if raw is not None else None
            except ValueError:
                retry_after = None
        return cls(
            message,
            status=status,
            category=str(data.get("category") or data.get("errorType") or ""),
            correlation_id=str(data.get("correlationId") or ""),
            policy_name=str(data.get("policyName") or ""),
            method=method,
            path=path,
            errors=[e for e in data.get("errors") or [] if isinstance(e, dict)],
            retry_after=retry_after,
        )


def _reason(status: int) -> str:
    return {
        400: "HubSpot rejected the request",
        401: "authentication failed",
        403: "forbidden",
        404: "not found",
        409: "conflict",
        429: "rate limit reached",
    }.get(status, "server error" if status >= 500 else "request failed")
