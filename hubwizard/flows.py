"""Workflows: the config's trigger/steps DSL to HubSpot's automation v4 flows, and back.

Action type ids and field shapes follow ``hubspot-api-notes.md`` §2.4 (several independent
implementations agree; unverified against a live portal): 0-1 delay, 0-3 create task, 0-4
marketing email, 0-5 set property (also stage moves via ``dealstage`` and owner assignment via
``hubspot_owner_id``), 0-8 internal email notification, 0-14 create record (copy into another
pipeline). Reading back, an action the DSL has no word for is kept verbatim as
``hubspot_action``, and enrollment criteria it cannot express as ``trigger.hubspot``, so an
export never loses anything.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from hubwizard.config import WEEKDAYS, Delay, Step, Trigger, Workflow

DELAY, CREATE_TASK, SEND_EMAIL, SET_PROPERTY, NOTIFY, CREATE_RECORD = (
    "0-1",
    "0-3",
    "0-4",
    "0-5",
    "0-8",
    "0-14",
)

STEP_OUTPUT_REFERENCE = re.compile(r"\{\{\s*([A-Za-z_][\w]*)\s*\.")
"""``{{ root.…`` in an action's text: HubSpot fills it in when the workflow runs."""
OWN_RECORD = frozenset({"enrolled_object"})
"""Template roots that name the enrolled record itself; any other root (``fetched_objects``,
``action_outputs``...) is another step's or a data source's result, which steps cannot express."""


def foreign_references(text: str) -> list[str]:
    """The roots of ``{{ root.… }}`` in ``text`` that are not the enrolled record, sorted."""
    return sorted({root for root in STEP_OUTPUT_REFERENCE.findall(text) if root not in OWN_RECORD})


TASK_ASSOCIATION_TYPES = {"0-3": 216, "0-5": 230, "0-1": 204, "0-2": 192}
"""HubSpot-defined association type ids from a task to the enrolled record (task→deal 216...)."""

STAGE_PROPERTY = {"0-3": "dealstage"}
PIPELINE_PROPERTY = {"0-3": "pipeline"}
OWNER_PROPERTY = "hubspot_owner_id"
COPIED_PROPERTIES = ("dealname", "amount", "closedate", "hubspot_owner_id")
"""What ``copy_to_pipeline`` carries over into the new deal."""


class UnresolvedReference(Exception):
    """A workflow names something the portal does not have (yet)."""


@dataclass
class Resolver:
    """Local names → HubSpot ids (to compile) and back (to read a portal)."""

    object_type_ids: dict[str, str] = field(default_factory=dict)
    pipeline_ids: dict[str, str] = field(default_factory=dict)
    stage_ids: dict[tuple[str, str], str] = field(default_factory=dict)
    owner_ids: dict[str, str] = field(default_factory=dict)
    """Lower-cased email → owner id."""

    def object_type_id(self, name: str) -> str:
        try:
            return self.object_type_ids[name]
        except KeyError:
            raise UnresolvedReference(f"object '{name}' does not exist in the portal yet") from None

    def stage(self, pipeline: str, stage: str) -> str:
        try:
            return self.stage_ids[(pipeline, stage)]
        except KeyError:
            raise UnresolvedReference(
                f"stage '{stage}' of pipeline '{pipeline}' does not exist in the portal yet"
            ) from None

    def pipeline(self, pipeline: str) -> str:
        try:
            return self.pipeline_ids[pipeline]
        except KeyError:
            raise UnresolvedReference(f"pipeline '{pipeline}' does not exist in the portal yet") from None

    def owner(self, email: str) -> str:
        try:
            return self.owner_ids[email.strip().lower()]
        except KeyError:
            known = ", ".join(sorted(self.owner_ids)) or "none"
            raise UnresolvedReference(
                f"no owner with email '{email}' in the portal (owners: {known})"
            ) from None

    def copy(self) -> Resolver:
        return Resolver(
            dict(self.object_type_ids), dict(self.pipeline_ids), dict(self.stage_ids), dict(self.owner_ids)
        )

    # reverse lookups, for reading a portal
    def object_name(self, object_type_id: str) -> str:
        return next((n for n, i in self.object_type_ids.items() if i == object_type_id), object_type_id)

    def stage_ref(self, stage_id: str) -> tuple[str, str] | None:
        return next((k for k, v in self.stage_ids.items() if v == stage_id), None)

    def pipeline_ref(self, pipeline_id: str) -> str | None:
        return next((k for k, v in self.pipeline_ids.items() if v == pipeline_id), None)

    def owner_email(self, owner_id: str) -> str | None:
        return next((e for e, i in self.owner_ids.items() if i == str(owner_id)), None)


def stage_property(object_type_id: str) -> str:
    return STAGE_PROPERTY.get(object_type_id, "hs_pipeline_stage")


def pipeline_property(object_type_id: str) -> str:
    return PIPELINE_PROPERTY.get(object_type_id, "hs_pipeline")


# --- compile ----------------------------------------------------------------------------


def compile_workflow(workflow: Workflow, resolver: Resolver) -> dict[str, Any]:
    """The v4 flow body for ``workflow``. Raises UnresolvedReference for unknown ids."""
    ot = resolver.object_type_id(workflow.object)
    actions = [compile_step(step, ot, resolver) for step in workflow.steps]
    for i, action in enumerate(actions):
        action["actionId"] = str(i + 1)
        if i + 1 < len(actions):
            action["connection"] = {"edgeType": "STANDARD", "nextActionId": str(i + 2)}
    return {
        "type": "CONTACT_FLOW" if ot == "0-1" else "PLATFORM_FLOW",
        "objectTypeId": ot,
        "flowType": "WORKFLOW",
        "name": workflow.name,
        "isEnabled": workflow.enabled,
        "startActionId": "1" if actions else None,
        "nextAvailableActionId": str(len(actions) + 1),
        "actions": actions,
        "enrollmentCriteria": compile_trigger(workflow, ot, resolver),
        "timeWindows": [],
        "blockedDates": [],
        "customProperties": {},
        "dataSources": [],
    }


def _filter(prop: str, values: list[str]) -> dict[str, Any]:
    return {
        "filterType": "PROPERTY",
        "property": prop,
        "operation": {
            "operationType": "ENUMERATION",
            "operator": "IS_ANY_OF",
            "values": values,
            "includeObjectsWithNoValueSet": False,
        },
    }


def compile_trigger(workflow: Workflow, ot: str, resolver: Resolver) -> dict[str, Any]:
    trigger = workflow.trigger
    if trigger.hubspot is not None:
        return copy.deepcopy(trigger.hubspot)
    if trigger.stage_entered is not None:
        ref = trigger.stage_entered
        flt = _filter(stage_property(ot), [resolver.stage(ref.pipeline, ref.stage)])
    else:
        assert trigger.property_is is not None
        flt = _filter(trigger.property_is.property, list(trigger.property_is.values))
    return {
        "type": "LIST_BASED",
        "shouldReEnroll": True,
        "unEnrollObjectsNotMeetingCriteria": workflow.exit_when_trigger_no_longer_true,
        "reEnrollmentTriggersFilterBranches": [],
        "listFilterBranch": {
            "filterBranchType": "OR",
            "filterBranchOperator": "OR",
            "filters": [],
            "filterBranches": [
                {
                    "filterBranchType": "AND",
                    "filterBranchOperator": "AND",
                    "filterBranches": [],
                    "filters": [flt],
                }
            ],
        },
    }


def _action(type_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    return {"type": "SINGLE_CONNECTION", "actionTypeId": type_id, "actionTypeVersion": 0, "fields": fields}


def _static(value: str) -> dict[str, Any]:
    return {"type": "STATIC_VALUE", "staticValue": value}


def delay_fields(delay: Delay) -> dict[str, Any]:
    """HubSpot's delay fields: the smallest unit that holds the whole wait, or a weekday wait
    (``delta: "0"`` with ``days_of_week``), the shape real portals use for "wait until Tuesday"."""
    if delay.until is not None:
        return {"delta": "0", "time_unit": "DAYS", "days_of_week": [d.upper() for d in delay.weekdays]}
    if delay.minutes:
        total = (delay.days * 24 + delay.hours) * 60 + delay.minutes
        return {"delta": str(total), "time_unit": "MINUTES"}
    if delay.hours:
        return {"delta": str(delay.days * 24 + delay.hours), "time_unit": "HOURS"}
    return {"delta": str(delay.days), "time_unit": "DAYS"}


def compile_step(step: Step, ot: str, resolver: Resolver) -> dict[str, Any]:
    kind, body = step.kind, step.body
    if kind == "hubspot_action":
        action = copy.deepcopy(body)
        action.pop("actionId", None)
        action.pop("connection", None)
        return action
    if kind == "delay":
        return _action(DELAY, delay_fields(body))
    if kind == "create_task":
        fields: dict[str, Any] = {
            "task_type": body.type.upper(),
            "subject": body.subject,
            "body": body.body or "",
            "priority": body.priority.upper(),
        }
        if body.assign_to == "owner":
            fields["owner_assignment"] = {
                "type": "CUSTOM",
                "value": {"type": "OBJECT_PROPERTY", "propertyName": OWNER_PROPERTY},
            }
        else:
            fields["owner_assignment"] = {"type": "CUSTOM", "value": _static(resolver.owner(body.assign_to))}
        association = TASK_ASSOCIATION_TYPES.get(ot)
        if association is not None:
            fields["use_explicit_associations"] = "true"
            fields["associations"] = [
                {
                    "target": {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": association},
                    "value": {"type": "ENROLLED_OBJECT"},
                }
            ]
        return _action(CREATE_TASK, fields)
    if kind == "notify_owner":
        return _action(
            NOTIFY,
            {
                "subject": body.subject,
                "body": body.body or body.subject,
                "owner_properties": [OWNER_PROPERTY],
            },
        )
    if kind == "send_email":
        return _action(SEND_EMAIL, {"content_id": body.email_id})
    if kind == "set_property":
        return _action(SET_PROPERTY, {"property_name": body.property, "value": _static(body.value)})
    if kind == "move_to_stage":
        return _action(
            SET_PROPERTY,
            {
                "property_name": stage_property(ot),
                "value": _static(resolver.stage(body.pipeline, body.stage)),
            },
        )
    if kind == "assign_owner":
        return _action(
            SET_PROPERTY, {"property_name": OWNER_PROPERTY, "value": _static(resolver.owner(body.owner))}
        )
    if kind == "copy_to_pipeline":
        properties = [
            {"targetProperty": p, "value": {"type": "OBJECT_PROPERTY", "propertyName": p}}
            for p in COPIED_PROPERTIES
            if ot == "0-3"
        ]
        properties += [
            {"targetProperty": pipeline_property(ot), "value": _static(resolver.pipeline(body.pipeline))},
            {
                "targetProperty": stage_property(ot),
                "value": _static(resolver.stage(body.pipeline, body.stage)),
            },
        ]
        return _action(CREATE_RECORD, {"object_type_id": ot, "properties": properties})
    raise ValueError(f"unknown step kind {kind}")  # pragma: no cover - the model forbids it


# --- read back --------------------------------------------------------------------------


def chain(flow: dict[str, Any]) -> list[dict[str, Any]]:
    """The flow's actions in execution order (start → next → ...), branches kept as found."""
    raw = flow.get("actions")
    listed = [a for a in raw if isinstance(a, dict)] if isinstance(raw, list) else []
    actions = {str(a.get("actionId")): a for a in listed}
    ordered, current, seen = [], str(flow.get("startActionId") or ""), set()
    while current and current in actions and current not in seen:
        seen.add(current)
        action = actions[current]
        ordered.append(action)
        connection = action.get("connection")
        current = str((connection.get("nextActionId") if isinstance(connection, dict) else "") or "")
    ordered.extend(a for i, a in actions.items() if i not in seen)  # branches or orphans: keep them
    return ordered


def decompile_workflow(flow: dict[str, Any], resolver: Resolver, local_id: str) -> Workflow:
    """A portal flow as a config workflow (export)."""
    ot = str(flow.get("objectTypeId", "0-3"))
    criteria = flow.get("enrollmentCriteria") or {}
    trigger = decompile_trigger(criteria, ot, resolver)
    return Workflow(
        id=local_id,
        name=flow.get("name") or local_id,
        object=resolver.object_name(ot),
        enabled=bool(flow.get("isEnabled", False)),
        trigger=trigger,
        exit_when_trigger_no_longer_true=bool(criteria.get("unEnrollObjectsNotMeetingCriteria", False))
        if trigger.hubspot is None
        else False,
        steps=[decompile_step(a, ot, resolver) for a in chain(flow)],
        hubspot_id=str(flow.get("id")) if flow.get("id") is not None else None,
    )


def _single_filter(criteria: dict[str, Any]) -> dict[str, Any] | None:
    if (
        criteria.get("type") != "LIST_BASED"
        or criteria.get("reEnrollmentTriggersFilterBranches")
        or not criteria.get("shouldReEnroll", False)
    ):
        return None
    top = criteria.get("listFilterBranch") or {}
    branches = top.get("filterBranches") or []
    if top.get("filters") or len(branches) != 1:
        return None
    inner = branches[0]
    if inner.get("filterBranches") or len(inner.get("filters") or []) != 1:
        return None
    flt = inner["filters"][0]
    operation = flt.get("operation") or {}
    if (
        flt.get("filterType") != "PROPERTY"
        or operation.get("operator") != "IS_ANY_OF"
        or operation.get("includeObjectsWithNoValueSet")
    ):
        return None
    return flt


def decompile_trigger(criteria: dict[str, Any], ot: str, resolver: Resolver) -> Trigger:
    """The DSL reading of enrollment criteria, or the criteria kept verbatim."""
    try:
        return _dsl_trigger(criteria, ot, resolver) or Trigger(hubspot=copy.deepcopy(criteria))
    except (ValueError, TypeError, AttributeError):
        return Trigger(hubspot=copy.deepcopy(criteria) if isinstance(criteria, dict) else {})


def _dsl_trigger(criteria: dict[str, Any], ot: str, resolver: Resolver) -> Trigger | None:
    flt = _single_filter(criteria)
    if flt is not None:
        values = [str(v) for v in (flt.get("operation") or {}).get("values") or []]
        if flt.get("property") == stage_property(ot) and len(values) == 1:
            ref = resolver.stage_ref(values[0])
            if ref is not None:
                return Trigger.model_validate({"stage_entered": {"pipeline": ref[0], "stage": ref[1]}})
        elif values:
            return Trigger.model_validate(
                {"property_is": {"property": flt.get("property"), "values": values}}
            )
    return None


def _verbatim(action: dict[str, Any]) -> Step:
    kept = {k: v for k, v in action.items() if k not in ("actionId", "connection")}
    return Step(hubspot_action=copy.deepcopy(kept))


def decompile_step(action: dict[str, Any], ot: str, resolver: Resolver) -> Step:
    """One action as a DSL step; anything unexpected is kept verbatim."""
    type_id = str(action.get("actionTypeId", ""))
    fields = action.get("fields") or {}
    step = (
        _known_step(type_id, fields, ot, resolver)
        if action.get("type", "SINGLE_CONNECTION") == "SINGLE_CONNECTION"
        else None
    )
    if step is None:
        return _verbatim(action)
    try:  # only accept the reading if compiling it gives the same action back
        again = compile_step(step, ot, resolver)
    except UnresolvedReference:
        return _verbatim(action)
    if again.get("actionTypeId") != type_id or again.get("fields") != fields:
        return _verbatim(action)
    return step


def _known_step(type_id: str, fields: dict[str, Any], ot: str, resolver: Resolver) -> Step | None:
    value = fields.get("value") or {}
    if type_id == DELAY:
        return _delay_step(fields)
    if type_id == CREATE_TASK:
        owner = (fields.get("owner_assignment") or {}).get("value") or {}
        if owner.get("type") == "OBJECT_PROPERTY" and owner.get("propertyName") == OWNER_PROPERTY:
            assign_to = "owner"
        elif owner.get("type") == "STATIC_VALUE":
            assign_to = resolver.owner_email(str(owner.get("staticValue"))) or ""
        else:
            return None
        data = {
            "subject": fields.get("subject", ""),
            "body": fields.get("body") or None,
            "assign_to": assign_to,
            "priority": str(fields.get("priority", "MEDIUM")).lower(),
            "type": str(fields.get("task_type", "TODO")).lower(),
        }
        return _validated({"create_task": data})
    if type_id == NOTIFY:
        return _validated(
            {"notify_owner": {"subject": fields.get("subject", ""), "body": fields.get("body", "")}}
        )
    if type_id == SEND_EMAIL:
        return _validated({"send_email": {"email_id": fields.get("content_id", "")}})
    if type_id == SET_PROPERTY and value.get("type") == "STATIC_VALUE":
        prop, static = fields.get("property_name"), str(value.get("staticValue"))
        if prop == stage_property(ot) and resolver.stage_ref(static):
            pipeline, stage = resolver.stage_ref(static)  # type: ignore[misc]
            return _validated({"move_to_stage": {"pipeline": pipeline, "stage": stage}})
        if prop == OWNER_PROPERTY and resolver.owner_email(static):
            return _validated({"assign_owner": {"owner": resolver.owner_email(static)}})
        return _validated({"set_property": {"property": prop, "value": static}})
    if type_id == CREATE_RECORD:
        targets = {
            p.get("targetProperty"): (p.get("value") or {}).get("staticValue")
            for p in fields.get("properties") or []
        }
        ref = resolver.stage_ref(str(targets.get(stage_property(ot))))
        if ref is not None:
            return _validated({"copy_to_pipeline": {"pipeline": ref[0], "stage": ref[1]}})
    return None


def _delay_step(fields: dict[str, Any]) -> Step | None:
    """A delay action as a step; None for a shape the DSL does not hold (kept verbatim)."""
    unit, delta = str(fields.get("time_unit") or ""), str(fields.get("delta") or "")
    if not delta.isdigit():
        return None
    days_of_week = fields.get("days_of_week")
    if days_of_week:
        if int(delta) != 0 or not isinstance(days_of_week, list):
            return None
        days = [str(d).lower() for d in days_of_week]
        if any(d not in WEEKDAYS for d in days):
            return None
        return _validated({"delay": {"until": days[0] if len(days) == 1 else days}})
    key = {"DAYS": "days", "HOURS": "hours", "MINUTES": "minutes"}.get(unit)
    if key is None:
        return None
    return _validated({"delay": {key: int(delta)}})


def _validated(data: dict[str, Any]) -> Step | None:
    try:
        return Step.model_validate(data)
    except ValueError:
        return None


# --- comparing --------------------------------------------------------------------------

COMPARED_FLOW_KEYS = ("name", "isEnabled", "objectTypeId", "type", "enrollmentCriteria")


def comparable_flow(flow: dict[str, Any]) -> dict[str, Any]:
    """The parts of a flow a config decides: compared between desired and portal."""
    out = {k: flow.get(k) for k in COMPARED_FLOW_KEYS}
    out["actions"] = [
        {"actionTypeId": str(a.get("actionTypeId")), "fields": a.get("fields") or {}} for a in chain(flow)
    ]
    return out
