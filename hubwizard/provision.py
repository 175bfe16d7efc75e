"""Provisioning in three calls, shared by the command line and the wizard.

``plan_against`` reads the portal and plans; ``apply_reviewed`` applies exactly the plan the
user reviewed (re-reading first and refusing if the portal changed since, octoDNS-style), then
reads back what it wrote and re-plans to confirm the portal now matches; ``undo_last`` takes an
apply back.

Each of the three reads is one concurrent wave limited to what matters: the plan reads the
kinds the config touches; the re-check reads only the kinds the plan will write (laid over the
reviewed snapshot, so the plan it rebuilds is comparable); the verification reads back only
what was written.

HubSpot's reads can lag its writes. A read that does not yet show something created moments
ago (acknowledged within ``RECENT_SECONDS`` and not yet seen by a verification) is repeated
with backoff instead of planning a duplicate; an item created by an older apply that a read
does not show is simply gone (someone deleted it) and is planned again without waiting.
"""

from __future__ import annotations

import copy
import importlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hubwizard.config import Config
from hubwizard.errors import PortalError
from hubwizard.flows import stage_property
from hubwizard.hubspot_rules import STANDARD_OBJECTS
from hubwizard.journal import Journal, latest, read_journal, undoable
from hubwizard.plan import Operation, Plan, make_plan
from hubwizard.portals import Connection, open_portal
from hubwizard.readahead import Scope, scope
from hubwizard.state import PortalState, objects_of, read_pool, read_portal

if TYPE_CHECKING:  # the apply and undo machinery is imported while the re-check is in flight
    from hubwizard.apply import ApplyReport, Event
    from hubwizard.undo import UndoReport

RECENT_SECONDS = 5.0
"""How long after HubSpot acknowledged a create a read may still not show it. Past this, an
item missing from a read is gone, not late."""

STALE_WAITS = (0.1, 0.2, 0.4, 0.8, 1.6, 3.2)
"""Seconds between re-reads while the portal does not yet show what was just created."""

KIND_READS = {
    "property_group": "properties",
    "property": "properties",
    "custom_object": "schemas",
    "association": "schemas",
    "pipeline": "pipelines",
    "stage": "pipelines",
    "move": "pipelines",  # records moved out of dropped stages, which are then archived
    "workflow": "flows",
}
"""Which part of a portal shows the result of each kind of operation."""


def plan_scope(config: Config, prune: bool = False) -> Scope:
    """The kinds planning ``config`` needs: the account and limits (tier, budget, pre-flight),
    and for the rest only what the config has (the same function reads it from the raw file
    ahead of the config's validation: ``hubwizard.readahead``)."""
    return scope(
        objects_of(config),
        object_properties=any(o.property_groups for o in config.custom_objects),
        pipelines=bool(config.pipelines),
        properties=bool(config.property_groups),
        workflows=bool(config.workflows),
        owners=any(_names_an_owner(w) for w in config.workflows),
        prune=prune,
    )


def _names_an_owner(workflow: Any) -> bool:
    """Whether a workflow assigns to someone by email (the portal's owners resolve it)."""
    return any(
        (step.create_task is not None and "@" in step.create_task.assign_to) or step.assign_owner is not None
        for step in workflow.steps
    )


def write_scope(operations: Iterable[Operation]) -> Scope:
    """The kinds and objects that show the result of ``operations``."""
    ops = list(operations)
    kinds = {KIND_READS[op.kind] for op in ops if op.kind in KIND_READS}
    if any(op.object not in STANDARD_OBJECTS for op in ops if KIND_READS.get(op.kind) != "flows"):
        kinds.add("schemas")  # a custom object's parts are found through its schema
    objects = {op.object for op in ops if KIND_READS.get(op.kind) != "flows"}
    return Scope(frozenset(objects), frozenset(kinds))


def read(connection: Connection, scope: Scope, on_sent: Callable[[], None] | None = None) -> PortalState:
    return read_portal(
        connection.gateway,
        scope.objects,
        custom_object_names=scope.custom_objects,
        kinds=scope.kinds,
        on_sent=on_sent,
    )


def overlay(base: PortalState, fresh: PortalState, kinds: Iterable[str]) -> PortalState:
    """``base`` with the parts ``fresh`` read (``kinds``) replaced by the fresh ones."""
    kinds = set(kinds)
    state = copy.copy(base)
    state.pipelines, state.groups, state.properties = (
        dict(base.pipelines),
        dict(base.groups),
        dict(base.properties),
    )
    if "schemas" in kinds or fresh.schemas:
        state.schemas = fresh.schemas
    if "pipelines" in kinds:
        state.pipelines.update(fresh.pipelines)
    if "properties" in kinds:
        state.groups.update(fresh.groups)
        state.properties.update(fresh.properties)
    if "flows" in kinds:
        state.flows, state.flows_allowed = fresh.flows, fresh.flows_allowed
    if "owners" in kinds:
        state.owners = fresh.owners
    state.reads = fresh.reads
    return state


# --- read-your-writes -------------------------------------------------------------------


def recent_creates(connection: Connection, now: float | None = None) -> list[dict[str, Any]]:
    """What the last apply on this portal created moments ago and no read has shown yet: each
    ``created`` record with ``at``, the time HubSpot acknowledged it."""
    horizon = (time.time() if now is None else now) - RECENT_SECONDS
    path = latest("apply", connection.describe(), since=horizon)  # an older one has nothing recent
    if path is None:
        return []
    record = read_journal(path)
    if record.verified:
        return []
    return [
        {**r["created"], "at": float(r["at"])}
        for r in record.done
        if isinstance(r.get("created"), dict) and float(r.get("at") or 0) > horizon
    ]


def missing(state: PortalState, created: list[dict[str, Any]], kinds: Iterable[str]) -> list[dict[str, Any]]:
    """Items of ``created`` that this read (of ``kinds``) should show and does not."""
    kinds = set(kinds)
    names = {str(s.get("objectTypeId")): str(s.get("name")) for s in state.schemas}
    pipelines = {str(p.get("id")) for items in state.pipelines.values() for p in items}
    flows = {str(f.get("id")) for f in state.flows}
    schemas = set(names)
    properties = {(o, str(p.get("name"))) for o, items in state.properties.items() for p in items}
    out = []
    for item in created:
        kind = item.get("type")
        obj = names.get(str(item.get("object")), str(item.get("object")))
        if kind == "pipeline" and "pipelines" in kinds and obj in state.pipelines:
            gone = item.get("pipelineId") not in pipelines
        elif kind == "workflow" and "flows" in kinds:
            gone = item.get("flowId") not in flows
        elif kind == "custom_object" and "schemas" in kinds:
            gone = item.get("objectTypeId") not in schemas
        elif kind == "property" and "properties" in kinds and obj in state.properties:
            gone = (obj, item.get("name")) not in properties
        else:
            continue
        if gone:
            out.append(item)
    return out


_KIND_OF_ITEM = {
    "pipeline": "pipelines",
    "workflow": "flows",
    "custom_object": "schemas",
    "property": "properties",
}


def settle(
    connection: Connection,
    state: PortalState,
    scope: Scope,
    created: list[dict[str, Any]],
    *,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
) -> PortalState:
    """Re-read (only the kinds concerned) while ``state`` lacks something created moments ago,
    until it shows or is old enough to be gone rather than late."""
    for wait in STALE_WAITS:
        late = missing(state, created, scope.kinds)
        if not late:
            return state
        deadline = max(item["at"] for item in late) + RECENT_SECONDS
        now = clock()
        if now >= deadline:
            return state  # deleted since, not late: plan it again
        sleep(min(wait, deadline - now))
        kinds = frozenset(_KIND_OF_ITEM[i["type"]] for i in late) | (
            {"schemas"} if scope.custom_objects else set()
        )
        state = overlay(state, read(connection, Scope(scope.objects, kinds & scope.kinds)), kinds)
    return state


# --- the three calls ----------------------------------------------------------------------


@dataclass
class Planned:
    plan: Plan
    state: PortalState


def _usage(connection: Connection, state: PortalState) -> Callable[[str, str, str], tuple[int, float]]:
    def usage(object_name: str, pipeline_id: str, stage_id: str) -> tuple[int, float]:
        api = state.api_object(object_name) or object_name
        ot = state.object_type_id(object_name) or ""
        return connection.gateway.stage_usage(api, stage_property(ot), stage_id)

    return usage


def _plan(connection: Connection, config: Config, state: PortalState, prune: bool) -> Plan:
    plan = make_plan(
        config, state, prune=prune, usage=_usage(connection, state), portal=connection.describe()
    )
    plan.budget = connection.gateway.limiter.budget
    return plan


def read_settled(connection: Connection, config: Config, *, prune: bool = False) -> PortalState:
    """One read for planning ``config``, waiting only for what was created moments ago."""
    scope = plan_scope(config, prune)
    state = read(connection, scope)
    connection.gateway.forget_read_ahead()  # no later read may take an early answer
    return settle(connection, state, scope, recent_creates(connection))


def plan_against(connection: Connection, config: Config, *, prune: bool = False) -> Planned:
    """Read the portal and plan ``config`` against it."""
    state = read_settled(connection, config, prune=prune)
    return Planned(_plan(connection, config, state, prune), state)


class PlanChanged(Exception):
    """The portal changed between review and apply: the user must review the new plan."""

    def __init__(self, planned: Planned) -> None:
        self.planned = planned
        super().__init__("the portal changed since the plan was shown; review the new plan")


@dataclass
class Applied:
    report: ApplyReport
    verification: Plan | None
    """A fresh plan after the apply: no creates or updates means the portal matches."""
    verify_error: PortalError | None = None
    """Why the portal could not be read back after the apply (the apply itself stands)."""

    @property
    def matches(self) -> bool:
        return self.verification is not None and self.verification.ok and not self.verification.writes


def recheck_reviewed(
    connection: Connection,
    config: Config,
    reviewed: Planned,
    *,
    prune: bool = False,
    on_sent: Callable[[], None] | None = None,
) -> Planned:
    """Re-read only what the reviewed plan will write and plan again on that; raises
    PlanChanged when the plan is no longer the one reviewed. ``on_sent`` runs once the reads
    are on their way."""
    scope = write_scope(reviewed.plan.writes)
    fresh = read(connection, scope, on_sent)
    state = settle(connection, overlay(reviewed.state, fresh, scope.kinds), scope, recent_creates(connection))
    planned = Planned(_plan(connection, config, state, prune), state)
    if planned.plan.checksum() != reviewed.plan.checksum():
        raise PlanChanged(planned)
    return planned


def verify_applied(connection: Connection, config: Config, planned: Planned, report: ApplyReport) -> Plan:
    """Read back what the apply wrote and plan again: a plan without writes means it is there."""
    done = set(report.done)
    ops = [op for op in planned.plan.writes if op.id in done]
    scope = write_scope(ops)
    if not scope.kinds:
        return _plan(connection, config, planned.state, False)
    state = settle(
        connection, read_back(connection, planned.state, ops, report), scope, recent_creates(connection)
    )
    return _plan(connection, config, state, False)


def read_back(
    connection: Connection, before: PortalState, ops: list[Operation], report: ApplyReport
) -> PortalState:
    """What ``ops`` wrote, read by the ids the apply learnt, in one concurrent wave (no list of
    schemas first to find a new custom object, no list of workflows to find new ones), laid
    over the snapshot the apply started from."""
    gateway = connection.gateway
    object_ids = {str(s.get("name")): str(s.get("objectTypeId")) for s in before.schemas}
    flow_ids: set[str] = set()
    for op in ops:
        created = report.created.get(op.id) or {}
        if created.get("type") == "custom_object":
            object_ids[str(created["name"])] = str(created["objectTypeId"])
        if op.kind == "workflow":
            flow_ids.add(str(created.get("flowId") or op.target.get("flowId") or ""))
    flow_ids.discard("")

    def api(object_name: str) -> str | None:
        return object_name if object_name in STANDARD_OBJECTS else object_ids.get(object_name)

    parts = {KIND_READS[op.kind] for op in ops if op.kind in KIND_READS}
    by_part = {
        part: sorted({op.object for op in ops if KIND_READS.get(op.kind) == part and api(op.object)})
        for part in ("pipelines", "properties")
    }
    fresh = PortalState()
    pool = read_pool()
    schemas = pool.submit(gateway.schemas) if "schemas" in parts else None
    flows = pool.submit(gateway.flows_by_id, sorted(flow_ids)) if flow_ids else None
    pipelines = {o: pool.submit(gateway.pipelines, api(o)) for o in by_part["pipelines"]}
    groups = {o: pool.submit(gateway.groups, api(o)) for o in by_part["properties"]}
    properties = {o: pool.submit(gateway.properties, api(o)) for o in by_part["properties"]}
    fresh.schemas = schemas.result() if schemas else []
    fresh.pipelines = {o: f.result() for o, f in pipelines.items()}
    fresh.groups = {o: f.result() for o, f in groups.items()}
    fresh.properties = {o: f.result() for o, f in properties.items()}
    read_flows = flows.result() if flows else []
    seen = {str(f.get("id")) for f in read_flows}
    fresh.flows = [f for f in before.flows if str(f.get("id")) not in flow_ids] + [
        f for f in read_flows if str(f.get("id")) in seen
    ]
    fresh.flows_allowed = before.flows_allowed
    return overlay(before, fresh, parts)


def apply_reviewed(
    connection: Connection,
    config: Config,
    reviewed: Planned,
    *,
    prune: bool = False,
    on_event: Callable[[Event], None] | None = None,
    recheck: bool = True,
    verify: bool = True,
) -> Applied:
    """Apply the reviewed plan. With ``recheck`` the portal is read again first and a plan
    with a different checksum is refused (raises PlanChanged with the new plan); with
    ``verify`` what was written is read back afterwards (``Applied.matches``)."""
    planned = reviewed

    def prepare() -> None:
        """What the writes need (the SDK's API objects, the apply machinery), made on threads
        of their own once the re-check's reads have left (started earlier, their imports
        would hold the interpreter while the re-check waits to send)."""
        connection.gateway.prepare_writes()
        threading.Thread(target=importlib.import_module, args=("hubwizard.apply",), daemon=True).start()

    if recheck and reviewed.plan.ok and reviewed.plan.writes:
        planned = recheck_reviewed(connection, config, reviewed, prune=prune, on_sent=prepare)
    from hubwizard.apply import apply_plan

    report = apply_plan(
        planned.plan,
        config,
        planned.state,
        connection.gateway,
        on_event=on_event,
        portal=connection.describe(),
    )
    verification, problem = None, None
    if verify and report.status != "refused":
        try:
            verification = verify_applied(connection, config, planned, report)
        except PortalError as exc:  # what was written stays written: say the check failed
            problem = exc
        if verification is not None and verification.ok and not verification.writes and report.done:
            Journal.append(Path(report.journal), "verified")
    return Applied(report, verification, problem)


def portal_of_journal(path: Path) -> dict[str, Any]:
    return read_journal(path).start.get("portal") or {}


def reopen(portal: dict[str, Any], **options: Any) -> Connection:
    """Open the portal a journal was written for (the embedded sandbox by its data file)."""
    if portal.get("kind") == "sandbox":
        return open_portal("sandbox", sandbox_data=portal.get("data"), **options)
    if portal.get("kind") == "hubspot":
        return open_portal("hubspot", **options)
    return open_portal(str(portal.get("url", "sandbox")), **options)


def undo_last(connection: Connection, journal_path: Path | None = None) -> UndoReport:
    path = journal_path or undoable(connection.describe())
    if path is None:
        raise FileNotFoundError("no apply journal to undo")
    from hubwizard.undo import undo

    return undo(path, connection.gateway, journal=Journal.create("undo"))


__all__ = [
    "Applied",
    "PlanChanged",
    "Planned",
    "apply_reviewed",
    "plan_against",
    "recheck_reviewed",
    "reopen",
    "undo_last",
    "verify_applied",
]
