"""Reading a portal: everything the planner compares a config against, in one snapshot.

Reads run concurrently (they are independent) through the gateway, so its limiter and retries
apply; each kind module (``hubwizard.kinds``) knows how to read its part. Reading never raises
for one part it may not read: a missing scope or an answer of an unknown shape degrades that
part only and is recorded in ``PortalState.problems`` (naming the object and the scope), so an
export can say what it left out and a plan can refuse only when the config needs that part.
Only a refused token (401), an unreachable portal, or a rate limit or server error that outlasts
the gateway's retries stops the whole read.

The tier is not something HubSpot's API states. It is inferred from the limits the portal
reports (custom object types allowed → Enterprise; deal pipelines allowed: 100 Enterprise,
15 Professional, 2 Starter, 1 Free), else from evidence (custom object schemas → Enterprise;
workflows readable → at least Professional), else it is *unknown* (``tier_known`` is False):
the plan then refuses nothing for the tier (HubSpot answers each write) and paces its writes
for the lowest rate limit.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from hubwizard.errors import PortalError
from hubwizard.flows import Resolver
from hubwizard.gateway import Gateway
from hubwizard.hubspot_rules import OBJECT_TYPE_IDS, PIPELINES_PER_OBJECT, STANDARD_OBJECTS, Tier
from hubwizard.i18n import _, ngettext
from hubwizard.kinds import custom_objects as custom_object_kind
from hubwizard.kinds import owners as owner_kind
from hubwizard.kinds import pipelines as pipeline_kind
from hubwizard.kinds import properties as property_kind
from hubwizard.kinds import workflows as workflow_kind
from hubwizard.kinds.base import ReadProblem, UnexpectedShape, as_dicts
from hubwizard.kinds.pipelines import DEFAULT_PIPELINE_IDS

__all__ = [
    "DEFAULT_PIPELINE_IDS",
    "READ_KINDS",
    "Limits",
    "PortalState",
    "ReadProblem",
    "read_for",
    "read_portal",
]

READ_WORKERS = 16
"""Enough for one wave: a plan of a few objects asks about 15 things at once."""


@functools.cache
def read_pool() -> ThreadPoolExecutor:
    """The reader threads of a process, shared by every read wave (plan, re-check, read-back):
    starting a dozen threads per wave costs more than the reads' own work. A wave never waits
    on another inside it (a custom object's parts are submitted by the caller, once the
    schemas are in); two waves at once (two wizard sessions) share the threads."""
    return ThreadPoolExecutor(2 * READ_WORKERS, thread_name_prefix="hubwizard-read")


UNKNOWN_TIER_REASON = "assumed: its limits could not be read, so HubSpot decides what it accepts"
READ_KINDS = frozenset({"account", "schemas", "owners", "limits", "pipelines", "properties", "flows"})
"""What ``read_portal(kinds=...)`` can be asked to read (None: all of them)."""


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
    tier_known: bool = True
    """False when neither the limits nor any evidence tell the tier (``tier`` is then a guess
    for planning, never written into an export)."""
    problems: list[ReadProblem] = field(default_factory=list)
    """Parts that could not be read (missing scope, unknown answer), one per part."""

    def problem(self, kind: str, object_name: str = "") -> ReadProblem | None:
        """The problem that kept ``kind`` (of ``object_name``) from being read, if any."""
        return next(
            (
                p
                for p in self.problems
                if p.kind == kind and (not object_name or p.object in ("", object_name))
            ),
            None,
        )

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
        return owner_kind.ids_by_email(self.owners)

    def resolver(self) -> Resolver:
        """Ids known in the portal now (pipelines keyed by label, stages by (label, label));
        the planner adds the config's local ids on top."""
        object_ids = dict(OBJECT_TYPE_IDS)
        object_ids.update({str(s["name"]): str(s["objectTypeId"]) for s in self.schemas if s.get("name")})
        return Resolver(object_type_ids=object_ids, owner_ids=self.owner_ids())

    def custom_properties(self, object_name: str) -> list[dict[str, Any]]:
        """The object's properties that are not HubSpot's own (recognised from the data)."""
        return [p for p in self.properties.get(object_name, []) if not property_kind.is_hubspot_property(p)]

    def hubspot_groups(self, object_name: str) -> set[str]:
        """Names of HubSpot's own groups on the object (listed, flagged, or holding mostly
        HubSpot's properties)."""
        return property_kind.hubspot_group_names(
            object_name, self.groups.get(object_name, []), self.properties.get(object_name, [])
        )

    def custom_groups(self, object_name: str) -> list[dict[str, Any]]:
        own = self.hubspot_groups(object_name)
        return [g for g in self.groups.get(object_name, []) if g.get("name") not in own]

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


def infer_tier(
    limits: Limits, flows_allowed: bool, *, has_schemas: bool = False, limits_read: bool = True
) -> tuple[Tier, str, bool]:
    """The portal's tier as far as its limits or its contents tell: (tier, why, known).
    When nothing tells, the tier is a planning assumption and ``known`` is False."""
    if limits.custom_object_types and limits.custom_object_types[0] > 0:
        return Tier.ENTERPRISE, _("it allows custom objects"), True
    if has_schemas:
        return Tier.ENTERPRISE, _("it has custom objects"), True
    deals = limits.pipelines.get("0-3")
    if deals:
        for tier in reversed(list(Tier)):
            if deals[0] >= PIPELINES_PER_OBJECT[tier]:
                if tier is Tier.ENTERPRISE:
                    tier = Tier.PROFESSIONAL  # no custom objects: not Enterprise after all
                if tier.at_least(Tier.PROFESSIONAL) and not flows_allowed:
                    tier = Tier.STARTER
                return (
                    tier,
                    ngettext(
                        "it allows {count} deal pipeline", "it allows {count} deal pipelines", deals[0]
                    ).format(count=deals[0]),
                    True,
                )
    if flows_allowed:
        return Tier.PROFESSIONAL, _("it allows workflows"), True
    if not limits_read:
        # Unknown: nothing is refused offline for the tier; HubSpot answers each write itself.
        return Tier.ENTERPRISE, _(UNKNOWN_TIER_REASON), False
    return Tier.FREE, _("it allows neither workflows nor more than one pipeline"), True


def _limit_rows(data: Any) -> dict[str, tuple[int, int]]:
    rows: dict[str, tuple[int, int]] = {}
    for row in as_dicts((data or {}).get("hubspotDefinedObjectTypes") if isinstance(data, dict) else None):
        try:
            rows[str(row.get("objectTypeId"))] = (
                int(row.get("limit", 0) or 0),
                int(row.get("usage", 0) or 0),
            )
        except (TypeError, ValueError):
            continue
    for row in as_dicts((data or {}).get("byObjectType") if isinstance(data, dict) else None):
        try:
            rows.setdefault(
                str(row.get("objectTypeId")), (int(row.get("limit", 0) or 0), int(row.get("usage", 0) or 0))
            )
        except (TypeError, ValueError):
            continue
    return rows


def _custom_object_limit(data: Any) -> tuple[int, int] | None:
    """``{limit, usage}`` (custom-object-types) or ``customObjectTypes.overall*`` (other shapes)."""
    if not isinstance(data, dict):
        return None
    try:
        if "limit" in data:
            return int(data.get("limit") or 0), int(data.get("usage") or 0)
        overall = data.get("customObjectTypes") or {}
        if isinstance(overall, dict) and "overallLimit" in overall:
            return int(overall.get("overallLimit") or 0), int(overall.get("overallUsage") or 0)
    except (TypeError, ValueError):
        return None
    return None


class _Reader:
    """One read of a portal: guarded calls that record what could not be read."""

    def __init__(self, gateway: Gateway, state: PortalState, pool: ThreadPoolExecutor) -> None:
        self.gateway = gateway
        self.state = state
        self.pool = pool
        self._lock = threading.Lock()
        self.reads = 0
        """HTTP reads this read made (answers sent ahead and taken included)."""

    def submit(
        self, kind: str, what: str, obj: str, call: Callable[..., Any], *args: Any, default: Any
    ) -> Future[Any]:
        return self.pool.submit(self.guard, kind, what, obj, call, *args, default=default)

    def guard(
        self, kind: str, what: str, obj: str, call: Callable[..., Any], *args: Any, default: Any
    ) -> Any:
        """Run one read; on a refusal or an answer of an unknown shape, record it and return
        ``default``. A refused token (401), an unreachable portal, or a rate limit or server
        error that outlasted the retries still stops the read: that is the portal, not a part."""
        before = self.gateway.thread_reads()
        try:
            return call(*args)
        except PortalError as exc:
            if exc.status in (0, 401) or exc.retryable:  # the portal, not this part: say so
                raise
            reason = exc.message
            if exc.status == 404:
                reason = "HubSpot does not offer it for this portal (404)"
            self.record(ReadProblem(what, kind, obj, exc.status, list(exc.scopes), reason))
        except UnexpectedShape as exc:
            self.record(
                ReadProblem(what, kind, obj, 0, [], f"HubSpot's answer had an unexpected shape ({exc})")
            )
        except Exception as exc:  # a shape the reader does not know: keep going without it
            self.record(
                ReadProblem(
                    what, kind, obj, 0, [], f"HubSpot's answer had an unexpected shape ({type(exc).__name__})"
                )
            )
        finally:
            with self._lock:
                self.reads += self.gateway.thread_reads() - before
        return default

    def record(self, problem: ReadProblem) -> None:
        with self._lock:
            self.state.problems.append(problem)

    def object(self, name: str, api_object: str, kinds: frozenset[str]) -> dict[str, Future[Any]]:
        futures: dict[str, Future[Any]] = {}
        if "pipelines" in kinds and pipeline_kind.has_pipelines(name):
            futures["pipelines"] = self.submit(
                "pipelines",
                f"{name} pipelines",
                name,
                pipeline_kind.read,
                self.gateway,
                api_object,
                default=None,
            )
        if "properties" in kinds:
            futures["groups"] = self.submit(
                "properties",
                f"{name} property groups",
                name,
                property_kind.read_groups,
                self.gateway,
                api_object,
                default=None,
            )
            futures["properties"] = self.submit(
                "properties",
                f"{name} properties",
                name,
                property_kind.read_properties,
                self.gateway,
                api_object,
                default=None,
            )
        return futures


def read_portal(
    gateway: Gateway,
    objects: Iterable[str] = (),
    *,
    custom_object_names: Iterable[str] = (),
    kinds: frozenset[str] | None = None,
    on_sent: Callable[[], None] | None = None,
) -> PortalState:
    """Read a portal. With no ``objects``: every standard object and every custom object (an
    export). With ``objects``: deals, tickets and those objects, plus the custom objects named
    (a plan). ``kinds`` (a subset of ``READ_KINDS``, None for all) limits what is read, for a
    re-read after an apply. All reads run concurrently in one wave; a custom object's own reads
    start as soon as the schemas are in. Never raises for a part it may not read (see
    ``PortalState.problems``), only for a refused token or an unreachable portal. ``on_sent``
    is called once the wave's reads are handed to the reader threads."""
    wanted_kinds = READ_KINDS if kinds is None else frozenset(kinds) & READ_KINDS
    state = PortalState()
    objects = set(objects)
    everything = not objects and not list(custom_object_names)
    # a plan's read (it reads the limits) also takes deals and tickets: every portal has their
    # pipelines, which the tier and the pipeline limits are judged by; a re-read does not
    always = {"deals", "tickets"} if "limits" in wanted_kinds else set()
    wanted = set(STANDARD_OBJECTS) if everything else always | objects
    need_schemas = "schemas" in wanted_kinds or (
        bool({"pipelines", "properties"} & wanted_kinds)
        and (everything or any(o not in STANDARD_OBJECTS for o in [*wanted, *custom_object_names]))
    )

    pool = read_pool()
    reader = _Reader(gateway, state, pool)
    f_account = (
        reader.submit("account", "account details", "", gateway.account, default={})
        if "account" in wanted_kinds
        else None
    )
    f_schemas = (
        reader.submit("schemas", "custom objects", "", custom_object_kind.read, gateway, default=None)
        if need_schemas
        else None
    )
    f_owners = (
        reader.submit("owners", "owners", "", owner_kind.read, gateway, default=[])
        if "owners" in wanted_kinds
        else None
    )
    f_flows = (
        reader.submit("flows", "workflows", "", workflow_kind.read, gateway, default=None)
        if "flows" in wanted_kinds
        else None
    )
    f_limits = (
        {
            name: reader.submit("limits", f"{name} limits", "", gateway.limits, name, default=None)
            for name in ("pipelines", "custom-object-types", "custom-properties")
        }
        if "limits" in wanted_kinds
        else {}
    )
    per_object = {o: reader.object(o, o, wanted_kinds) for o in sorted(wanted) if o in STANDARD_OBJECTS}
    if on_sent is not None:  # the wave is on its way: the caller may use the wait
        on_sent()
    schemas = f_schemas.result() if f_schemas else None
    state.schemas = schemas or []
    customs = (
        {s["name"] for s in state.schemas}
        if everything
        else {o for o in wanted | set(custom_object_names) if o not in STANDARD_OBJECTS}
    )
    for name in sorted(customs):
        schema = state.schema(name)
        if schema is not None:
            per_object[name] = reader.object(name, str(schema["objectTypeId"]), wanted_kinds)
    if f_account:
        account = f_account.result() or {}
        state.portal_id = str(account.get("portalId", "") or "") if isinstance(account, dict) else ""
        state.ui_domain = str(
            (account.get("uiDomain") if isinstance(account, dict) else "") or "app.hubspot.com"
        )
    state.owners = f_owners.result() if f_owners else []
    limits = {k: f.result() for k, f in f_limits.items()}
    state.limits.pipelines = _limit_rows(limits.get("pipelines"))
    state.limits.custom_properties = _limit_rows(limits.get("custom-properties"))
    state.limits.custom_object_types = _custom_object_limit(limits.get("custom-object-types"))
    for name, futures in per_object.items():
        for part, future in futures.items():
            value = future.result()
            if value is not None:
                getattr(state, part)[name] = value
    flows = f_flows.result() if f_flows else None
    state.flows = [f for f in flows or [] if isinstance(f, dict)]
    flows_problem = state.problem("flows")
    state.flows_allowed = flows_problem is None  # not asked for: not refused either
    limits_read = bool(state.limits.pipelines or state.limits.custom_object_types)
    state.tier, state.tier_reason, state.tier_known = infer_tier(
        state.limits,
        state.flows_allowed,
        has_schemas=any(not s.get("archived") for s in state.schemas),
        limits_read=limits_read,
    )
    state.problems.sort(key=lambda p: (p.kind, p.object, p.what))
    state.reads = reader.reads
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
