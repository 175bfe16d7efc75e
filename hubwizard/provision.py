"""Provisioning in three calls, shared by the command line and the wizard.

``plan_against`` reads the portal and plans; ``apply_reviewed`` applies exactly the plan the
user reviewed (re-reading first and refusing if the portal changed since, octoDNS-style), then
re-reads and re-plans to confirm the portal now matches; ``undo_last`` takes an apply back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hubwizard.apply import ApplyReport, Event, apply_plan
from hubwizard.config import Config
from hubwizard.deal_moves import stage_totals
from hubwizard.flows import pipeline_property, stage_property
from hubwizard.journal import Journal, latest, read_journal, undoable
from hubwizard.plan import Plan, make_plan
from hubwizard.portals import Connection, open_portal
from hubwizard.state import PortalState, read_for
from hubwizard.undo import UndoReport, undo


@dataclass
class Planned:
    plan: Plan
    state: PortalState


def _usage(connection: Connection, state: PortalState) -> Callable[[str, str, str], tuple[int, float]]:
    def usage(object_name: str, pipeline_id: str, stage_id: str) -> tuple[int, float]:
        api = state.api_object(object_name) or object_name
        ot = state.object_type_id(object_name) or ""
        # every page counted: a plan's figures are exact, never the first page only
        return stage_totals(
            connection.gateway, api, pipeline_property(ot), stage_property(ot), pipeline_id, stage_id
        )

    return usage


STALE_WAITS = (0.25, 0.5, 1.0, 2.0, 4.0)
"""Seconds to wait between re-reads while the portal does not yet show what we just created."""


def _created_by_last_apply(connection: Connection) -> list[dict[str, Any]]:
    path = latest("apply", connection.describe())
    if path is None:
        return []
    return [r["created"] for r in read_journal(path).done if isinstance(r.get("created"), dict)]


def _missing(state: PortalState, created: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items the last apply created that this read does not show (a stale read, or deleted)."""
    pipelines = {str(p.get("id")) for items in state.pipelines.values() for p in items}
    flows = {str(f.get("id")) for f in state.flows}
    schemas = {str(s.get("objectTypeId")) for s in state.schemas}
    properties = {(o, str(p.get("name"))) for o, items in state.properties.items() for p in items}
    present = {
        "pipeline": ("pipelineId", pipelines),
        "workflow": ("flowId", flows),
        "custom_object": ("objectTypeId", schemas),
    }
    missing = []
    for item in created:
        kind = item.get("type")
        if kind in present:
            key, ids = present[kind]
            if item.get(key) not in ids:
                missing.append(item)
        elif (
            kind == "property"
            and item.get("object") in state.properties
            and (item.get("object"), item.get("name")) not in properties
        ):
            missing.append(item)
    return missing


def read_settled(
    connection: Connection, config: Config, sleep: Callable[[float], None] = time.sleep
) -> PortalState:
    """Read the portal; if it does not yet show what the last apply created (HubSpot's reads
    can lag its writes), wait and read again rather than plan a duplicate."""
    state = read_for(connection.gateway, config)
    created = _created_by_last_apply(connection)
    for wait in STALE_WAITS:
        if not created or not _missing(state, created):
            break
        sleep(wait)
        state = read_for(connection.gateway, config)
    return state


def plan_against(connection: Connection, config: Config, *, prune: bool = False) -> Planned:
    """Read the portal and plan ``config`` against it."""
    state = read_settled(connection, config)
    plan = make_plan(
        config, state, prune=prune, usage=_usage(connection, state), portal=connection.describe()
    )
    plan.budget = connection.gateway.limiter.budget
    return Planned(plan, state)


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

    @property
    def matches(self) -> bool:
        return self.verification is not None and self.verification.ok and not self.verification.writes


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
    with a different checksum is refused (raises PlanChanged with the new plan)."""
    planned = reviewed
    if recheck:
        fresh = plan_against(connection, config, prune=prune)
        if fresh.plan.checksum() != reviewed.plan.checksum():
            raise PlanChanged(fresh)
        planned = fresh
    report = apply_plan(
        planned.plan,
        config,
        planned.state,
        connection.gateway,
        on_event=on_event,
        portal=connection.describe(),
    )
    verification = (
        plan_against(connection, config, prune=False).plan if verify and report.status != "refused" else None
    )
    return Applied(report, verification)


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
    return undo(path, connection.gateway, journal=Journal.create("undo"))


__all__ = ["Applied", "PlanChanged", "Planned", "apply_reviewed", "plan_against", "reopen", "undo_last"]
