"""Reading a portal: everything the planner compares a config against, in one snapshot.

Reads run concurrently (they are independent) through the gateway, so its limiter and retries
apply. The tier is not something HubSpot's API states; it is inferred from the limits the
portal reports (custom object types allowed → Enterprise; deal pipelines allowed: 100
Enterprise, 15 Professional, 2 Starter, 1 Free), and said so in the plan.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from hubwizard.errors import PortalError
from hubwizard.flows import Resolver
from hubwizard.gateway import Gateway
from hubwizard.hubspot_rules import (
    OBJECT_TYPE_IDS,
    PIPELINE_OBJECTS,
    PIPELINES_PER_OBJECT,
    STANDARD_OBJECTS,
    Tier,
)
from hubwizard.natives import NATIVE_GROUPS

DEFAULT_PIPELINE_IDS = frozenset({"default", "0"})
"""HubSpot's own deal ("default") and ticket ("0") pipelines: never archived."""

READ_WORKERS = 16
"""Enough for one wave: a plan of a few objects asks about 15 things at once."""


@functools.cache
def read_pool() -> ThreadPoolExecutor:
    """One pool of reader threads for the process: a command reads in two or three waves, and
    starting a dozen threads per wave costs more than the reads' own work. Reads never wait on
    each other inside it, so sharing it cannot deadlock."""
    return ThreadPoolExecutor(READ_WORKERS, thread_name_prefix="hubwizard-read")


@dataclass
class Limits:
    pipelines: dict[str, tuple[int, int]] = field(default_factory=dict)
    """objectTypeId → (limit, usage)."""
    custom_object_types: tuple[int, int] | None = None
    custom_properties: dict[str, tuple[int, int]] = field(default_factory=dict)
    """objectTypeId → (limit, usage)."""


@dataclass
class PortalState:
    """A snapshot of the parts of a portal a config describes."""

    portal_id: str = ""
    ui_domain: str = "app.hubspot.com"
    tier: Tier = Tier.FREE
    tier_reason: str = ""
    limits: Limits = field(default_factory=Limits)
    schemas: list[dict[str, Any]] = field(default_factory=list)
    pipelines: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    groups: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    properties: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    flows: list[dict[str, Any]] = field(default_factory=list)
    flows_allowed: bool = True
    owners: list[dict[str, Any]] = field(default_factory=list)
    reads: int = 0

    # --- lookups --------------------------------------------------------------------

    def schema(self, name: str) -> dict[str, Any] | None:
        return next((s for s in self.schemas if s.get("name") == name), None)

    def object_type_id(self, object_name: str) -> str | None:
        """HubSpot's id for an object named in a config: ``deals`` → 0-3, a custom object → 2-…"""
        if object_name in OBJECT_TYPE_IDS:
            return OBJECT_TYPE_IDS[object_name]
        schema = self.schema(object_name)
        return str(schema.get("objectTypeId")) if schema else None

    def api_object(self, object_name: str) -> str | None:
        """What goes in an API path for this object: ``deals``, or a custom object's type id."""
        if object_name in STANDARD_OBJECTS:
            return object_name
        return self.object_type_id(object_name)

    def owner_ids(self) -> dict[str, str]:
        return {str(o.get("email", "")).lower(): str(o.get("id")) for o in self.owners if o.get("email")}

    def resolver(self) -> Resolver:
        """Ids known in the portal now (pipelines keyed by label, stages by (label, label));
        the planner adds the config's local ids on top."""
        object_ids = dict(OBJECT_TYPE_IDS)
        object_ids.update({str(s["name"]): str(s["objectTypeId"]) for s in self.schemas if s.get("name")})
        return Resolver(object_type_ids=object_ids, owner_ids=self.owner_ids())

    def custom_properties(self, object_name: str) -> list[dict[str, Any]]:
        return [p for p in self.properties.get(object_name, []) if not p.get("hubspotDefined")]

    def custom_groups(self, object_name: str) -> list[dict[str, Any]]:
        native = {name for name, _ in NATIVE_GROUPS.get(object_name, ())}
        return [
            g
            for g in self.groups.get(object_name, [])
            if g.get("name") not in native and not g.get("hubspotDefined")
        ]

    def pipeline_limit(self, object_name: str) -> int | None:
        ot = self.object_type_id(object_name)
        if ot and ot in self.limits.pipelines:
            return self.limits.pipelines[ot][0]
        return None

    def link(self, kind: str, object_name: str = "deals", item_id: str = "") -> str | None:
        """A link into HubSpot's UI for a real portal (None for the sandbox)."""
        if not self.portal_id or "hubspot" not in self.ui_domain:
            return None
        base = f"https://{self.ui_domain}"
        ot = self.object_type_id(object_name) or object_name
        if kind == "workflow":
            return f"{base}/workflows/{self.portal_id}/platform/flow/{item_id}/edit"
        if kind == "pipeline":
            return (
                f"{base}/sales-products-settings/{self.portal_id}/deals"
                if ot == "0-3"
                else f"{base}/settings/{self.portal_id}/objects/{ot}/pipelines"
            )
        if kind in ("property", "property_group"):
            return f"{base}/property-settings/{self.portal_id}/properties?type={ot}"
        if kind == "custom_object":
            return f"{base}/sales-products-settings/{self.portal_id}/object/{ot}"
        return None


def infer_tier(limits: Limits, flows_allowed: bool) -> tuple[Tier, str]:
    """The portal's tier as far as its limits tell."""
    if limits.custom_object_types and limits.custom_object_types[0] > 0:
        return Tier.ENTERPRISE, "it allows custom objects"
    deals = limits.pipelines.get("0-3")
    if deals:
        for tier in reversed(list(Tier)):
            if deals[0] >= PIPELINES_PER_OBJECT[tier]:
                if tier is Tier.ENTERPRISE:
                    tier = Tier.PROFESSIONAL  # no custom objects: not Enterprise after all
                if tier.at_least(Tier.PROFESSIONAL) and not flows_allowed:
                    tier = Tier.STARTER
                return tier, f"it allows {deals[0]} deal pipelines"
    if flows_allowed:
        return Tier.PROFESSIONAL, "it allows workflows"
    return Tier.FREE, "its limits could not be read"


def _limit_rows(data: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {
        str(row.get("objectTypeId")): (int(row.get("limit", 0) or 0), int(row.get("usage", 0) or 0))
        for row in data.get("hubspotDefinedObjectTypes") or []
    }


def _custom_object_limit(data: dict[str, Any]) -> tuple[int, int] | None:
    """``{limit, usage}`` (custom-object-types) or ``customObjectTypes.overall*`` (other shapes)."""
    if "limit" in data:
        return int(data.get("limit") or 0), int(data.get("usage") or 0)
    overall = data.get("customObjectTypes") or {}
    if "overallLimit" in overall:
        return int(overall.get("overallLimit") or 0), int(overall.get("overallUsage") or 0)
    return None


READ_KINDS = frozenset({"account", "schemas", "owners", "limits", "pipelines", "properties", "flows"})
"""What ``read_portal(kinds=...)`` can be asked to read (None: all of them)."""


def read_portal(
    gateway: Gateway,
    objects: Iterable[str] = (),
    *,
    custom_object_names: Iterable[str] = (),
    kinds: frozenset[str] | None = None,
) -> PortalState:
    """Read what a config about ``objects`` needs (deals and tickets when no object is named);
    custom objects named in the config are read when they exist. ``kinds`` (a subset of
    ``READ_KINDS``, None for all) limits what is read, for the re-check before an apply and the
    verification after it. All reads run concurrently in one wave; a custom object's own reads
    start as soon as the schemas are in. Pipelines are asked only of objects that have them."""
    wanted_kinds = READ_KINDS if kinds is None else frozenset(kinds) & READ_KINDS
    before = gateway.stats.reads
    state = PortalState()
    wanted = set(objects) or {"deals", "tickets"}
    customs = {o for o in wanted | set(custom_object_names) if o not in STANDARD_OBJECTS}
    need_schemas = "schemas" in wanted_kinds or (
        bool({"pipelines", "properties"} & wanted_kinds) and bool(customs)
    )

    pool = read_pool()
    f_account = pool.submit(_quiet, gateway.account, {}) if "account" in wanted_kinds else None
    f_schemas = pool.submit(_quiet, gateway.schemas, []) if need_schemas else None  # 403 below Enterprise
    f_owners = pool.submit(_quiet, gateway.owners, []) if "owners" in wanted_kinds else None
    f_flows = pool.submit(_flows, gateway) if "flows" in wanted_kinds else None
    f_limits = (
        {
            kind: pool.submit(_quiet, gateway.limits, kind, {})
            for kind in ("pipelines", "custom-object-types", "custom-properties")
        }
        if "limits" in wanted_kinds
        else {}
    )
    standard = [o for o in sorted(wanted) if o in STANDARD_OBJECTS]
    f_std = {o: _submit_object(pool, gateway, o, o, wanted_kinds) for o in standard}
    state.schemas = f_schemas.result() if f_schemas else []
    f_custom = {}
    for name in sorted(customs):
        schema = state.schema(name)
        if schema is not None:
            f_custom[name] = _submit_object(pool, gateway, name, str(schema["objectTypeId"]), wanted_kinds)
    if f_account:
        account = f_account.result()
        state.portal_id = str(account.get("portalId", "") or "")
        state.ui_domain = str(account.get("uiDomain", "") or "app.hubspot.com")
    state.owners = f_owners.result() if f_owners else []
    limits = {k: f.result() for k, f in f_limits.items()}
    state.limits.pipelines = _limit_rows(limits.get("pipelines", {}))
    state.limits.custom_properties = _limit_rows(limits.get("custom-properties", {}))
    state.limits.custom_object_types = _custom_object_limit(limits.get("custom-object-types", {}))
    for name, futures in {**f_std, **f_custom}.items():
        for part, future in futures.items():
            getattr(state, part)[name] = future.result()
    flows = f_flows.result() if f_flows else []
    state.flows_allowed = flows is not None  # not asked: not refused either
    state.flows = flows or []
    state.tier, state.tier_reason = infer_tier(state.limits, state.flows_allowed)
    state.reads = gateway.stats.reads - before
    return state


def objects_of(config: Any) -> set[str]:
    """Every object a config touches (pipelines, property groups, workflows, custom objects)."""
    return (
        {p.object for p in config.pipelines}
        | {g.object for g in config.property_groups}
        | {w.object for w in config.workflows}
        | {o.name for o in config.custom_objects}
    )


def read_for(gateway: Gateway, config: Any) -> PortalState:
    """Read what planning ``config`` needs."""
    return read_portal(
        gateway, objects_of(config), custom_object_names=[o.name for o in config.custom_objects]
    )


def _submit_object(
    pool: ThreadPoolExecutor, gateway: Gateway, name: str, api_object: str, kinds: frozenset[str]
) -> dict[str, Any]:
    futures: dict[str, Any] = {}
    if "pipelines" in kinds and (name in PIPELINE_OBJECTS or name not in STANDARD_OBJECTS):
        futures["pipelines"] = pool.submit(_quiet_404, gateway.pipelines, api_object)
    if "properties" in kinds:
        futures["groups"] = pool.submit(gateway.groups, api_object)
        futures["properties"] = pool.submit(gateway.properties, api_object)
    return futures


def _flows(gateway: Gateway) -> list[dict[str, Any]] | None:
    """Every workflow; None when the portal or the token may not use workflows (403)."""
    try:
        return gateway.flows()
    except PortalError as exc:
        if exc.status == 403:
            return None
        raise


def _quiet(call: Any, *args: Any) -> Any:
    """Optional reads (limits, owners, account): a missing scope must not stop a plan."""
    default = args[-1]
    try:
        return call(*args[:-1])
    except PortalError as exc:
        if exc.status in (400, 403, 404):
            return default
        raise


def _quiet_404(call: Any, *args: Any) -> list[dict[str, Any]]:
    try:
        return call(*args)
    except PortalError as exc:
        if exc.status in (400, 404):  # objects without pipelines
            return []
        raise
