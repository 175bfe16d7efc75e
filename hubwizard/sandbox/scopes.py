"""Token scopes: which scope a request needs, and HubSpot's 403 when the token lacks it.

A sandbox started with ``scopes=`` behaves like a private app or service key granted only those
scopes (by default it grants everything). The answer is HubSpot's own shape: status 403, category
``MISSING_SCOPES``, the scope named in ``errors[].context.requiredGranularScopes``.
"""

from __future__ import annotations

import re

from hubwizard.sandbox.errors import MISSING_SCOPES, ApiError

_OBJECT_SCHEMAS = {
    "deals": "crm.schemas.deals",
    "0-3": "crm.schemas.deals",
    "contacts": "crm.schemas.contacts",
    "0-1": "crm.schemas.contacts",
    "companies": "crm.schemas.companies",
    "0-2": "crm.schemas.companies",
}
_SCHEMA_PATH = re.compile(r"^/crm/v3/(?:pipelines|properties)/([^/]+)")


def required_scope(method: str, path: str) -> str | None:
    """The scope HubSpot checks for this request (None: any valid token may make it)."""
    access = "read" if method == "GET" else "write"
    if path.startswith("/automation/"):
        return "automation"
    if path.startswith("/crm/v3/owners"):
        return "crm.objects.owners.read"
    if path.startswith("/crm-object-schemas/"):
        return f"crm.schemas.custom.{access}"
    match = _SCHEMA_PATH.match(path)
    if match:
        object_type = match.group(1)
        if object_type in ("tickets", "0-5"):
            return "tickets"
        prefix = _OBJECT_SCHEMAS.get(object_type)
        return f"{prefix}.{access}" if prefix else f"crm.schemas.custom.{access}"
    if path.startswith("/crm/v3/objects/deals"):
        return f"crm.objects.deals.{access}"
    return None


def missing_scope(scope: str) -> ApiError:
    return ApiError(
        403,
        "This app hasn't been granted all required scopes to make this call.",
        MISSING_SCOPES,
        errors=[
            {
                "message": "One or more of the following scopes are required.",
                "context": {"requiredGranularScopes": [scope]},
            }
        ],
    )
