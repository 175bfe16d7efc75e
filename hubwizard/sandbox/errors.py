"""HubSpot-shaped errors.

Every error the sandbox sends has HubSpot's body: ``status``, ``message``, ``correlationId`` and
``category``, plus ``errors[]``, ``subCategory`` and ``context`` when they say more. Route code
raises :class:`ApiError`; the HTTP layer turns it into the response.
"""

from __future__ import annotations

import uuid
from typing import Any

VALIDATION_ERROR = "VALIDATION_ERROR"
OBJECT_NOT_FOUND = "OBJECT_NOT_FOUND"
OBJECT_ALREADY_EXISTS = "OBJECT_ALREADY_EXISTS"
CONFLICT = "CONFLICT"
MISSING_SCOPES = "MISSING_SCOPES"
INVALID_AUTHENTICATION = "INVALID_AUTHENTICATION"
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
INTERNAL_ERROR = "INTERNAL_ERROR"
BAD_GATEWAY = "BAD_GATEWAY"
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"


def new_correlation_id() -> str:
    return str(uuid.uuid4())


def detail(message: str, code: str | None = None, **context: Any) -> dict[str, Any]:
    """One entry of ``errors[]`` (HubSpot's ``ErrorDetail``)."""
    out: dict[str, Any] = {"message": message}
    if code:
        out["code"] = code
    if context:
        out["context"] = {
            k: [str(v) for v in (vs if isinstance(vs, list | tuple) else [vs])] for k, vs in context.items()
        }
    return out


class ApiError(Exception):
    """An answer other than success: raised by route code, sent by the server."""

    def __init__(
        self,
        status: int,
        message: str,
        category: str = VALIDATION_ERROR,
        *,
        errors: list[dict[str, Any]] | None = None,
        sub_category: str | None = None,
        context: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.category = category
        self.errors = errors
        self.sub_category = sub_category
        self.context = context
        self.headers = headers or {}

    def body(self, correlation_id: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "status": "error",
            "message": self.message,
            "correlationId": correlation_id,
            "category": self.category,
        }
        if self.sub_category:
            out["subCategory"] = self.sub_category
        if self.context:
            out["context"] = self.context
        if self.errors:
            out["errors"] = self.errors
        return out


def bad_request(
    message: str, *, errors: list[dict[str, Any]] | None = None, sub_category: str | None = None
) -> ApiError:
    return ApiError(400, message, VALIDATION_ERROR, errors=errors, sub_category=sub_category)


def not_found(message: str) -> ApiError:
    return ApiError(404, message, OBJECT_NOT_FOUND)


def conflict(message: str, category: str = OBJECT_ALREADY_EXISTS) -> ApiError:
    return ApiError(409, message, category)


def forbidden_for_tier(feature: str, needed: str, tier: str) -> ApiError:
    return ApiError(
        403,
        f"{feature} need a HubSpot {needed.capitalize()} subscription; this portal is on "
        f"{tier.capitalize()}.",
        MISSING_SCOPES,
        sub_category="FEATURE_NOT_AVAILABLE_FOR_TIER",
        context={"requiredTier": [needed], "currentTier": [tier]},
    )
