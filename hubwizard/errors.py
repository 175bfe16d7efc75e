"""One error type for everything a portal can answer or fail with.

The SDK raises a different ``ApiException`` class per package (they share no base class),
urllib3 raises its own errors when a connection drops, and ``requests`` (behind
``api_request``) raises a third family. Callers only ever see ``PortalError``, whose message is
written for a person and never carries the token.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hubwizard.i18n import N_, _

RETRYABLE_STATUSES = frozenset({423, 429, 477, 500, 502, 503, 504, 521, 523, 524})
"""HubSpot's error-handling page lists these as worth retrying."""

ADVICE = {
    401: N_(
        "The access token was refused: use a private app token or service key of this portal "
        "(HUBSPOT_ACCESS_TOKEN on the command line, the token field in the wizard)."
    ),
    403: N_(
        "The token or the portal's subscription does not allow this: check the app's scopes "
        "and the portal tier (custom objects need Enterprise, workflows Professional)."
    ),
    404: N_("HubSpot does not know this item any more: re-run the plan to read the portal again."),
    409: N_("The item already exists in the portal: re-run the plan, it will be matched instead."),
    429: N_("HubSpot's rate limit was reached: wait a little and apply again; nothing is duplicated."),
}
"""What to do about an error, by status (English here; :attr:`PortalError.advice` translates)."""


SCOPES_SETTINGS = N_("Settings → Integrations → Private apps → your app → Scopes")
"""Where a HubSpot private app's scopes are added (service keys: Settings → Keys → Service keys)."""

_MESSAGE_SCOPES = (
    re.compile(r"missing required '([^']+)' scope", re.IGNORECASE),
    re.compile(r"missing (?:the )?scopes? '([^']+)'", re.IGNORECASE),
    re.compile(r"requires any of \[([^\]]+)\]", re.IGNORECASE),
)


def required_scopes(body: dict[str, Any], message: str = "") -> list[str]:
    """The scopes a 403 names, in every shape HubSpot uses: ``errors[].context`` with
    ``requiredGranularScopes`` or ``requiredScopes``, a top-level ``context``, or only the
    message ("missing required 'tickets' scope"). Empty when none is named."""
    found: list[str] = []
    contexts = [body.get("context")] + [
        e.get("context") for e in body.get("errors") or [] if isinstance(e, dict)
    ]
    for context in contexts:
        if not isinstance(context, dict):
            continue
        for key in ("requiredGranularScopes", "requiredScopes", "requiredScope", "scopes"):
            value = context.get(key)
            for scope in [value] if isinstance(value, str) else value or []:
                if isinstance(scope, str) and scope and scope not in found:
                    found.append(scope)
    texts = [message, str(body.get("message") or "")] + [
        str(e.get("message") or "") for e in body.get("errors") or [] if isinstance(e, dict)
    ]
    for text in texts:
        for pattern in _MESSAGE_SCOPES:
            for match in pattern.finditer(text):
                for scope in re.split(r"[,\s]+", match.group(1)):
                    scope = scope.strip("'\" ")
                    if scope and scope not in found:
                        found.append(scope)
    return found


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
        scopes: list[str] | None = None,
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
        self.scopes = list(scopes or [])
        """Scopes HubSpot named as missing (403 MISSING_SCOPES), in HubSpot's spelling."""
        super().__init__(str(self))

    @property
    def retryable(self) -> bool:
        return self.status in RETRYABLE_STATUSES or self.status == 0

    @property
    def is_daily_limit(self) -> bool:
        return self.status == 429 and self.policy_name.upper() == "DAILY"

    @property
    def missing_scope(self) -> bool:
        """A 403 that names the scopes the token lacks. (HubSpot also answers MISSING_SCOPES
        when the subscription is too low, without naming a scope: that keeps the general advice.)"""
        return self.status == 403 and bool(self.scopes)

    @property
    def advice(self) -> str:
        if self.missing_scope:
            named = ", ".join(f"'{s}'" for s in self.scopes)
            return _(
                "Add {scopes} to the token's scopes in HubSpot ({settings}), then run the command "
                "again with the new token."
            ).format(scopes=named, settings=_(SCOPES_SETTINGS))
        if self.is_daily_limit:
            return _(
                "The portal's daily API limit is used up; it resets at midnight in the portal's "
                "time zone. Apply again then: what is done stays done."
            )
        if self.status == 0:
            return _(
                "The portal could not be reached: check the network or the portal URL, then apply again."
            )
        return _(ADVICE.get(self.status, ""))

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
            "scopes": list(self.scopes),
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
        scopes = required_scopes(data) if status == 403 else []
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
            scopes=scopes,
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
