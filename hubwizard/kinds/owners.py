"""Owners: read from the portal so workflows can name people by email.

Owners are not config items of their own (HubSpot's users are managed in HubSpot); a config
names them by email in workflow steps, and the planner resolves the email to the owner id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hubwizard.kinds.base import as_dicts

if TYPE_CHECKING:
    from hubwizard.gateway import Gateway


def read(gateway: Gateway) -> list[dict[str, Any]]:
    """Every active owner (paged through HubSpot's owners API)."""
    return [o for o in as_dicts(gateway.owners()) if o.get("id") is not None and not o.get("archived")]


def ids_by_email(owners: list[dict[str, Any]]) -> dict[str, str]:
    """Lower-cased email → owner id, as workflows resolve ``assign_to`` and ``assign_owner``."""
    return {str(o.get("email", "")).lower(): str(o.get("id")) for o in owners if o.get("email")}
