"""The portal the sandbox plays: its store, its tier, and how object types are named.

HubSpot accepts an object type as its name (``deals``), its id (``0-3``) or, for custom objects,
the ``objectTypeId`` (``2-1001``), the ``fullyQualifiedName`` (``p24681012_cars``) or the schema
name (``cars``). Everything is stored under the ``objectTypeId``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hubwizard import hubspot_rules as rules
from hubwizard.hubspot_rules import Tier
from hubwizard.sandbox.clock import Clock
from hubwizard.sandbox.errors import ApiError, bad_request, forbidden_for_tier
from hubwizard.sandbox.store import Store

PORTAL_ID = 24681012
"""The sandbox portal's id (``fullyQualifiedName`` of custom objects is ``p24681012_<name>``)."""


@dataclass(frozen=True)
class ObjectType:
    id: str  # objectTypeId: "0-3", "2-1001"
    name: str  # "deals", or the custom schema name
    singular: str
    plural: str
    custom: bool = False

    @property
    def has_pipelines(self) -> bool:
        return self.custom or self.name in rules.PIPELINE_OBJECTS

    @property
    def pipeline_property(self) -> str:
        return "pipeline" if self.name == "deals" and not self.custom else "hs_pipeline"

    @property
    def stage_property(self) -> str:
        return "dealstage" if self.name == "deals" and not self.custom else "hs_pipeline_stage"


STANDARD_TYPES: dict[str, ObjectType] = {
    "0-1": ObjectType("0-1", "contacts", "Contact", "Contacts"),
    "0-2": ObjectType("0-2", "companies", "Company", "Companies"),
    "0-3": ObjectType("0-3", "deals", "Deal", "Deals"),
    "0-5": ObjectType("0-5", "tickets", "Ticket", "Tickets"),
}
_ALIASES = {
    "contacts": "0-1",
    "contact": "0-1",
    "companies": "0-2",
    "company": "0-2",
    "deals": "0-3",
    "deal": "0-3",
    "tickets": "0-5",
    "ticket": "0-5",
}
assert all(_ALIASES[name] == type_id for name, type_id in rules.OBJECT_TYPE_IDS.items())


def custom_type(schema: dict[str, Any]) -> ObjectType:
    labels = schema.get("labels") or {}
    return ObjectType(
        schema["objectTypeId"],
        schema["name"],
        labels.get("singular", schema["name"]),
        labels.get("plural", schema["name"]),
        custom=True,
    )


class Portal:
    """Shared state of one sandbox: store, tier, and the seeding of a fresh portal."""

    def __init__(self, store: Store, tier: Tier, seed: Callable[[Portal], None]) -> None:
        self.store = store
        self._tier = tier
        self._seed = seed
        self.portal_id = PORTAL_ID
        self.clock = Clock()
        """The time records are stamped with (settable, so histories can be replayed)."""
        with store.transaction():
            if store.is_empty():
                seed(self)
                store.mark_seeded()

    @property
    def tier(self) -> Tier:
        return self._tier

    @tier.setter
    def tier(self, value: Tier | str) -> None:
        self._tier = Tier(value)

    def reset(self) -> None:
        """Back to a fresh portal."""
        with self.store.transaction():
            self.store.wipe()
            self._seed(self)
            self.store.mark_seeded()

    # --- object types ---------------------------------------------------------------------

    def object_type(self, name: str, *, include_archived: bool = False) -> ObjectType:
        """Resolve any of HubSpot's spellings of an object type, or a 400 like HubSpot's."""
        key = _ALIASES.get(name.lower(), name)
        if key in STANDARD_TYPES:
            return STANDARD_TYPES[key]
        schema = self.find_schema(name, include_archived=include_archived)
        if schema is None:
            raise bad_request(f"Unable to infer object type from: {name}")
        return custom_type(schema)

    def find_schema(self, name: str, *, include_archived: bool = False) -> dict[str, Any] | None:
        lowered = name.lower()
        for schema in self.store.list("schema"):
            if schema.get("archived") and not include_archived:
                continue
            if lowered in (
                schema["objectTypeId"].lower(),
                schema["fullyQualifiedName"].lower(),
                schema["name"].lower(),
            ):
                return schema
        return None

    def all_object_types(self) -> list[ObjectType]:
        customs = [custom_type(s) for s in self.store.list("schema") if not s.get("archived")]
        return [*STANDARD_TYPES.values(), *customs]

    # --- tiers ----------------------------------------------------------------------------

    def require_tier(self, feature: str, minimum: Tier) -> None:
        if not self.tier.at_least(minimum):
            raise forbidden_for_tier(feature, minimum.value, self.tier.value)

    def pipeline_limit(self) -> int:
        return rules.PIPELINES_PER_OBJECT[self.tier]

    def rate_limit_per_10s(self) -> int:
        return rules.RATE_LIMIT_PER_10S[self.tier]

    def rate_limit_daily(self) -> int:
        return rules.RATE_LIMIT_DAILY[self.tier]


def parse_tier(value: str) -> Tier:
    try:
        return Tier(value.lower())
    except ValueError:
        raise ApiError(
            400, f"Unknown tier '{value}'; use one of {', '.join(t.value for t in Tier)}", "VALIDATION_ERROR"
        )
