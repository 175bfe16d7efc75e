"""Automation v4 flows (workflows): ``/automation/v4/flows[/{flowId}]``.

The sandbox stores the whole body and answers with it plus ``id``, ``revisionId``, ``createdAt``,
``updatedAt`` and ``crmObjectCreationStatus``. It checks the shape described in
``hubspot-api-notes.md`` §2.4: ``type`` against ``objectTypeId``, actions and their connections,
``startActionId``, enrollment criteria, and the fields of the action types hubwizard compiles to.
Updates are full PUTs that must carry the current ``revisionId``. Professional tier and up.
"""

from __future__ import annotations

import re
from typing import Any

from hubwizard import hubspot_rules as rules
from hubwizard.sandbox.errors import ApiError, bad_request, conflict, detail, not_found
from hubwizard.sandbox.portal import ObjectType, Portal
from hubwizard.sandbox.router import Request, Response, Router
from hubwizard.sandbox.routes import properties as props
from hubwizard.sandbox.store import now_iso

KIND = "flow"
FEATURE = "Workflows"
ACTION_TYPE_ID = re.compile(r"^\d+-\d+$")
OBJECT_TYPE_ID = re.compile(r"^\d+-\d+$")
FLOW_TYPES = {"PLATFORM_FLOW", "CONTACT_FLOW"}
ACTION_KINDS = {
    "SINGLE_CONNECTION",
    "STATIC_BRANCH",
    "LIST_BRANCH",
    "AB_TEST_BRANCH",
    "CUSTOM_CODE",
    "WEBHOOK",
}
ENROLLMENT_TYPES = {"LIST_BASED", "EVENT_BASED", "MANUAL", "DATASET"}
EDGE_TYPES = {"STANDARD", "GOTO"}
TIME_UNITS = {"MINUTES", "HOURS", "DAYS"}
BROKEN_ACTION_TYPES = {"0-13"}
"""Legacy list-membership action: HubSpot answers 500 (issue hubspot-api-python#498)."""
SERVER_FIELDS = (
    "id",
    "revisionId",
    "createdAt",
    "updatedAt",
    "crmObjectCreationStatus",
)
"""Set by HubSpot; everything else in a body is stored exactly as sent and returned verbatim
(action ids, every edge, ``description``, ``dataSources``, ``uuid``, keys unknown here...)."""
BRANCH_LISTS = {
    "STATIC_BRANCH": "staticBranches",
    "LIST_BRANCH": "listBranches",
    "AB_TEST_BRANCH": "testBranches",
}
WEEKDAYS = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}
SUMMARY_FIELDS = (
    "id",
    "isEnabled",
    "flowType",
    "revisionId",
    "name",
    "type",
    "objectTypeId",
    "createdAt",
    "updatedAt",
)
DEFAULTS: dict[str, Any] = {
    "flowType": "WORKFLOW",
    "isEnabled": False,
    "timeWindows": [],
    "blockedDates": [],
    "customProperties": {},
    "dataSources": [],
}


# --- validation -----------------------------------------------------------------------------


def _required(fields: dict[str, Any], where: str, *names: str) -> None:
    missing = [n for n in names if fields.get(n) in (None, "", [], {})]
    if missing:
        raise bad_request(
            f"{where}: some required fields were not set: [{', '.join(missing)}]",
            errors=[
                detail(f"{n} is required", "REQUIRED_FIELD", field=f"{where}.fields.{n}") for n in missing
            ],
        )


def _check_action_fields(portal: Portal, ot: ObjectType, action: dict[str, Any], where: str) -> None:
    type_id = action["actionTypeId"]
    fields = action.get("fields", {})
    if not isinstance(fields, dict):
        raise bad_request(f"{where}.fields must be an object")
    if type_id == "0-1":
        _required(fields, where, "delta", "time_unit")
        try:
            delta = int(str(fields["delta"]))
        except ValueError:
            raise bad_request(f"{where}: delay delta must be a whole number, got '{fields['delta']}'")
        if delta < 0:
            raise bad_request(f"{where}: delay delta must not be negative")
        if str(fields["time_unit"]).upper() not in TIME_UNITS:
            raise bad_request(f"{where}: time_unit must be one of {', '.join(sorted(TIME_UNITS))}")
        days = fields.get("days_of_week")
        if days is not None and (
            not isinstance(days, list) or not days or any(str(d) not in WEEKDAYS for d in days)
        ):
            raise bad_request(f"{where}: days_of_week must list days such as TUESDAY")
    elif type_id == "0-3":
        _required(fields, where, "subject")
    elif type_id == "0-4":
        _required(fields, where, "content_id")
    elif type_id == "0-5":
        _required(fields, where, "property_name", "value")
        name = fields["property_name"]
        prop = portal.store.get(props.KIND, ot.id, str(name))
        if prop is None or prop.get("archived"):
            raise bad_request(f"{where}: property '{name}' does not exist on {ot.name}")
        if not isinstance(fields["value"], dict) or "type" not in fields["value"]:
            raise bad_request(
                f'{where}: value must be an object such as {{"type": "STATIC_VALUE", "staticValue": ...}}'
            )
    elif type_id == "0-8":
        _required(fields, where, "subject", "body")
        if not any(fields.get(k) for k in ("user_ids", "owner_properties", "team_ids")):
            raise bad_request(
                f"{where}: an internal email needs recipients: user_ids, owner_properties or team_ids"
            )


def _next_ids(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "nextActionId" and value is not None:
                found.append(str(value))
            else:
                found.extend(_next_ids(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_next_ids(value))
    return found


def _check_filters(node: Any) -> None:
    """ENUMERATION filters reject IS_NOT_EQUAL_TO (third-party reports; use IS_NONE_OF)."""
    if isinstance(node, dict):
        op = node.get("operation")
        if (
            isinstance(op, dict)
            and op.get("operationType") == "ENUMERATION"
            and op.get("operator") == "IS_NOT_EQUAL_TO"
        ):
            raise bad_request("ENUMERATION filters do not accept IS_NOT_EQUAL_TO; use IS_NONE_OF")
        for value in node.values():
            _check_filters(value)
    elif isinstance(node, list):
        for value in node:
            _check_filters(value)


def _check_enrollment(raw: Any) -> None:
    if not isinstance(raw, dict):
        raise bad_request("Some required fields were not set: [enrollmentCriteria]")
    kind = raw.get("type")
    if kind not in ENROLLMENT_TYPES:
        raise bad_request(f"enrollmentCriteria.type must be one of {', '.join(sorted(ENROLLMENT_TYPES))}")
    if kind == "LIST_BASED" and not isinstance(raw.get("listFilterBranch"), dict):
        raise bad_request("LIST_BASED enrollment needs enrollmentCriteria.listFilterBranch")
    if kind == "EVENT_BASED" and not isinstance(raw.get("eventFilterBranches"), list):
        raise bad_request("EVENT_BASED enrollment needs enrollmentCriteria.eventFilterBranches")
    _check_filters(raw)


def validate_flow(portal: Portal, body: dict[str, Any]) -> dict[str, Any]:
    """The flow to store (defaults filled in), or an ApiError like HubSpot's."""
    flow = {k: v for k, v in body.items() if k not in SERVER_FIELDS}
    for key, value in DEFAULTS.items():
        flow.setdefault(key, value)
    missing = [k for k in ("type", "objectTypeId", "name") if flow.get(k) in (None, "")]
    if missing:
        raise bad_request(f"Some required fields were not set: [{', '.join(missing)}]")
    if flow["type"] not in FLOW_TYPES:
        raise bad_request(f"type must be PLATFORM_FLOW or CONTACT_FLOW, got '{flow['type']}'")
    type_id = str(flow["objectTypeId"])
    if not OBJECT_TYPE_ID.match(type_id):
        raise bad_request(f"objectTypeId must be an object type id such as 0-3 or 2-1001, got '{type_id}'")
    ot = portal.object_type(type_id)
    if flow["type"] == "CONTACT_FLOW" and ot.id != "0-1":
        raise bad_request(f"CONTACT_FLOW is for contacts (objectTypeId 0-1); use PLATFORM_FLOW for {ot.id}")
    if flow["type"] == "PLATFORM_FLOW" and ot.id == "0-1":
        raise bad_request(
            'Expected an object type other than "0-1" for a PLATFORM_FLOW: contact workflows are CONTACT_FLOW'
        )
    if flow["flowType"] != "WORKFLOW":
        raise bad_request(f"flowType must be WORKFLOW, got '{flow['flowType']}'")
    if not isinstance(flow["isEnabled"], bool):
        raise bad_request("isEnabled must be true or false")
    _check_enrollment(flow.get("enrollmentCriteria"))

    actions = flow.get("actions", [])
    if not isinstance(actions, list):
        raise bad_request("actions must be a list")
    flow["actions"] = actions
    ids: list[str] = []
    for i, action in enumerate(actions):
        where = f"actions[{i}]"
        if not isinstance(action, dict):
            raise bad_request(f"{where} must be an object")
        if action.get("actionId") in (None, ""):
            raise bad_request(f"{where}.actionId is required")
        action["actionId"] = str(action["actionId"])
        if action["actionId"] in ids:
            raise bad_request(f"{where}.actionId '{action['actionId']}' is used by another action")
        ids.append(action["actionId"])
        if action.get("type") not in ACTION_KINDS:
            raise bad_request(f"{where}.type must be one of {', '.join(sorted(ACTION_KINDS))}")
        if action["type"] == "SINGLE_CONNECTION":
            type_id = action.get("actionTypeId")
            if not isinstance(type_id, str) or not ACTION_TYPE_ID.match(type_id):
                raise bad_request(f"{where}.actionTypeId is required, in the form 0-5")
            if type_id in BROKEN_ACTION_TYPES:
                raise ApiError(500, "internal error", "INTERNAL_ERROR")
            action.setdefault("actionTypeVersion", 0)
            action.setdefault("fields", {})
            _check_action_fields(portal, ot, action, where)
        elif action["type"] in BRANCH_LISTS:
            _check_branches(action, where)
        elif action["type"] == "CUSTOM_CODE":
            for name in ("sourceCode", "runtime"):
                if not isinstance(action.get(name), str) or not action[name]:
                    raise bad_request(f"{where}.{name} is required for a CUSTOM_CODE action")
        _check_edge(action.get("connection"), f"{where}.connection")
    for i, action in enumerate(actions):
        for target in _next_ids(action):
            if target not in ids:
                raise bad_request(f"actions[{i}] connects to action '{target}', which the flow does not have")
            if target == action["actionId"]:
                raise bad_request(f"actions[{i}] connects to itself")
    start = flow.get("startActionId")
    if actions:
        if start in (None, ""):
            raise bad_request("startActionId is required when the flow has actions")
        if str(start) not in ids:
            raise bad_request(f"startActionId '{start}' is not one of the flow's actions")
        flow["startActionId"] = str(start)
    elif start not in (None, ""):
        raise bad_request(f"startActionId '{start}' is not one of the flow's actions (the flow has none)")
    numeric = [int(a) for a in ids if a.isdigit()]
    lowest = max(numeric, default=0) + 1
    sent = str(flow.get("nextAvailableActionId") or "")
    if sent and (not sent.isdigit() or int(sent) < lowest):
        raise bad_request(f"nextAvailableActionId '{sent}' must be above every action id (at least {lowest})")
    flow["nextAvailableActionId"] = sent or str(lowest)
    return flow


def _check_edge(edge: Any, where: str) -> None:
    if edge is None:
        return
    if (
        not isinstance(edge, dict)
        or edge.get("edgeType") not in EDGE_TYPES
        or edge.get("nextActionId") in (None, "")
    ):
        raise bad_request(f"{where} needs edgeType STANDARD or GOTO and a nextActionId")


def _check_branches(action: dict[str, Any], where: str) -> None:
    """Branch actions carry no actionTypeId; each branch has its own edge, plus an optional
    default branch. Several branches may lead to the same action."""
    if "actionTypeId" in action:
        raise bad_request(f"{where}: a {action['type']} action has no actionTypeId")
    key = BRANCH_LISTS[action["type"]]
    branches = action.get(key)
    if not isinstance(branches, list) or not branches:
        raise bad_request(f"{where}.{key} must list at least one branch")
    for b, branch in enumerate(branches):
        if not isinstance(branch, dict):
            raise bad_request(f"{where}.{key}[{b}] must be an object")
        if action["type"] == "STATIC_BRANCH" and branch.get("branchValue") in (None, ""):
            raise bad_request(f"{where}.{key}[{b}].branchValue is required")
        _check_edge(branch.get("connection"), f"{where}.{key}[{b}].connection")
    if action["type"] == "STATIC_BRANCH" and not isinstance(action.get("inputValue"), dict):
        raise bad_request(f"{where}.inputValue is required for a STATIC_BRANCH action")
    _check_edge(action.get("defaultBranch"), f"{where}.defaultBranch")


# --- handlers -------------------------------------------------------------------------------


def _require_tier(req: Request) -> None:
    req.portal.require_tier(FEATURE, rules.WORKFLOWS_MIN_TIER)


def _flow(req: Request, *, stale: bool = False) -> dict[str, Any]:
    flow_id = req.params["flowId"]
    doc = req.portal.store.get(KIND, "", flow_id, stale=stale)
    if doc is None:
        raise not_found(f"Flow {flow_id} does not exist")
    return doc


def list_flows(req: Request) -> Response:
    _require_tier(req)
    limit = req.q_int("limit", 100, high=100)
    after = req.q("after") or "0"
    if not after.isdigit():
        raise bad_request(f"Invalid paging cursor 'after': {after}")
    start = int(after)
    docs = req.portal.store.list(KIND, "", stale=True)
    page = docs[start : start + limit]
    out: dict[str, Any] = {"results": [{k: d[k] for k in SUMMARY_FIELDS if k in d} for d in page]}
    if start + limit < len(docs):
        nxt = str(start + limit)
        out["paging"] = {"next": {"after": nxt, "link": f"/automation/v4/flows?after={nxt}&limit={limit}"}}
    return Response(200, out)


def get_flow(req: Request) -> Response:
    _require_tier(req)
    return Response(200, _flow(req, stale=True))


def create_flow(req: Request) -> Response:
    _require_tier(req)
    flow = validate_flow(req.portal, req.json_object())
    at = now_iso()
    flow_id = str(req.portal.store.next_id("flow", 500000001))
    doc = {
        "id": flow_id,
        "revisionId": "1",
        **flow,
        "createdAt": at,
        "updatedAt": at,
        "crmObjectCreationStatus": "COMPLETE",
    }
    req.portal.store.put(KIND, "", flow_id, doc)
    return Response(201, doc)


def replace_flow(req: Request) -> Response:
    _require_tier(req)
    current = _flow(req)
    body = req.json_object()
    revision = body.get("revisionId")
    if revision in (None, ""):
        raise bad_request("Some required fields were not set: [revisionId]")
    if str(revision) != current["revisionId"]:
        raise conflict(
            f"revisionId {revision} is stale: flow {current['id']} is at revision {current['revisionId']}; "
            "GET the flow, apply the change and PUT again",
            category="CONFLICT",
        )
    flow = validate_flow(req.portal, body)
    doc = {
        "id": current["id"],
        "revisionId": str(int(current["revisionId"]) + 1),
        **flow,
        "createdAt": current["createdAt"],
        "updatedAt": now_iso(),
        "crmObjectCreationStatus": "COMPLETE",
    }
    req.portal.store.put(KIND, "", current["id"], doc)
    return Response(200, doc)


def delete_flow(req: Request) -> Response:
    _require_tier(req)
    doc = _flow(req)
    req.portal.store.delete(KIND, "", doc["id"])
    return Response(204)


def batch_read(req: Request) -> Response:
    _require_tier(req)
    body = req.json_object()
    inputs = body.get("inputs")
    if not isinstance(inputs, list):
        raise bad_request("'inputs' must be a list of {flowId, type: FLOW_ID}")
    started = now_iso()
    results = []
    for item in inputs:
        flow_id = item.get("flowId") if isinstance(item, dict) else None
        doc = req.portal.store.get(KIND, "", str(flow_id), stale=True) if flow_id is not None else None
        if doc is not None:
            results.append(doc)
    return Response(
        200, {"status": "COMPLETE", "results": results, "startedAt": started, "completedAt": now_iso()}
    )


def register(router: Router) -> None:
    base = "/automation/v4/flows"
    router.add("GET", base, list_flows)
    router.add("POST", base, create_flow)
    router.add("POST", base + "/batch/read", batch_read, write=False)
    router.add("GET", base + "/{flowId}", get_flow)
    router.add("PUT", base + "/{flowId}", replace_flow)
    router.add("DELETE", base + "/{flowId}", delete_flow)
