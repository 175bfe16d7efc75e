"""Automation v4 flows through ``client.api_request`` (the SDK has no flows API)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

FLOWS = "/automation/v4/flows"


def reminder_flow(stage_id: str = "contractsent", name: str = "Quote sent 15d reminder") -> dict[str, Any]:
    """The candidate body of hubspot-api-notes.md §2.4, plus a set-property and a create-record action."""
    return {
        "type": "PLATFORM_FLOW",
        "objectTypeId": "0-3",
        "flowType": "WORKFLOW",
        "name": name,
        "isEnabled": False,
        "startActionId": "1",
        "timeWindows": [],
        "blockedDates": [],
        "customProperties": {},
        "dataSources": [],
        "enrollmentCriteria": {
            "type": "LIST_BASED",
            "shouldReEnroll": True,
            "unEnrollObjectsNotMeetingCriteria": True,
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
                        "filters": [
                            {
                                "filterType": "PROPERTY",
                                "property": "dealstage",
                                "operation": {
                                    "operationType": "ENUMERATION",
                                    "operator": "IS_ANY_OF",
                                    "values": [stage_id],
                                    "includeObjectsWithNoValueSet": False,
                                },
                            }
                        ],
                    }
                ],
            },
        },
        "actions": [
            {
                "actionId": "1",
                "type": "SINGLE_CONNECTION",
                "actionTypeId": "0-1",
                "actionTypeVersion": 0,
                "fields": {"delta": "15", "time_unit": "DAYS"},
                "connection": {"edgeType": "STANDARD", "nextActionId": "2"},
            },
            {
                "actionId": "2",
                "type": "SINGLE_CONNECTION",
                "actionTypeId": "0-3",
                "actionTypeVersion": 0,
                "fields": {
                    "task_type": "TODO",
                    "priority": "HIGH",
                    "subject": "Follow up quote: {{ enrolled_object.dealname }}",
                    "body": "<p>Quote sent 15 days ago.</p>",
                    "use_explicit_associations": "true",
                    "associations": [
                        {
                            "target": {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 216},
                            "value": {"type": "ENROLLED_OBJECT"},
                        }
                    ],
                    "owner_assignment": {
                        "type": "CUSTOM",
                        "value": {"type": "OBJECT_PROPERTY", "propertyName": "hubspot_owner_id"},
                    },
                },
                "connection": {"edgeType": "STANDARD", "nextActionId": "3"},
            },
            {
                "actionId": "3",
                "type": "SINGLE_CONNECTION",
                "actionTypeId": "0-8",
                "actionTypeVersion": 0,
                "fields": {
                    "subject": "Quote pending 15 days",
                    "body": "<p>Please follow up.</p>",
                    "owner_properties": ["hubspot_owner_id"],
                },
                "connection": {"edgeType": "STANDARD", "nextActionId": "4"},
            },
            {
                "actionId": "4",
                "type": "SINGLE_CONNECTION",
                "actionTypeId": "0-5",
                "actionTypeVersion": 0,
                "fields": {
                    "property_name": "dealstage",
                    "value": {"type": "STATIC_VALUE", "staticValue": "closedlost"},
                },
                "connection": {"edgeType": "STANDARD", "nextActionId": "5"},
            },
            {
                "actionId": "5",
                "type": "SINGLE_CONNECTION",
                "actionTypeId": "0-14",
                "actionTypeVersion": 0,
                "fields": {
                    "object_type_id": "0-3",
                    "properties": [{"targetProperty": "pipeline", "value": "default"}],
                },
            },
        ],
    }


def call(client, method: str, path: str, body: Any = None, **qs: Any):
    options: dict[str, Any] = {"method": method, "path": path}
    if body is not None:
        options["body"] = body
    if qs:
        options["qs"] = qs
    return client.api_request(options)


def test_create_get_list_replace_delete(sb, client):
    body = reminder_flow()
    created = call(client, "POST", FLOWS, body)
    assert created.status_code == 201
    flow = created.json()
    assert flow["id"].isdigit() and flow["revisionId"] == "1"
    assert flow["crmObjectCreationStatus"] == "COMPLETE"
    assert flow["createdAt"].endswith("Z") and flow["updatedAt"].endswith("Z")
    for key, value in body.items():
        assert flow[key] == value, key
    assert flow["nextAvailableActionId"] == "6"

    fetched = call(client, "GET", f"{FLOWS}/{flow['id']}")
    assert fetched.status_code == 200 and fetched.json() == flow
    listed = call(client, "GET", FLOWS).json()
    assert [f["id"] for f in listed["results"]] == [flow["id"]]
    assert listed["results"][0]["name"] == body["name"] and "paging" not in listed

    change = copy.deepcopy(flow)
    change["name"] = "Renamed"
    change["actions"][0]["fields"]["delta"] = "10"
    replaced = call(client, "PUT", f"{FLOWS}/{flow['id']}", change)
    assert replaced.status_code == 200
    assert replaced.json()["revisionId"] == "2" and replaced.json()["name"] == "Renamed"
    assert replaced.json()["createdAt"] == flow["createdAt"]

    stale = call(client, "PUT", f"{FLOWS}/{flow['id']}", change)
    assert stale.status_code == 409
    assert "revision" in stale.json()["message"]
    missing = dict(change)
    missing.pop("revisionId")
    assert call(client, "PUT", f"{FLOWS}/{flow['id']}", missing).status_code == 400

    assert call(client, "DELETE", f"{FLOWS}/{flow['id']}").status_code == 204
    gone = call(client, "GET", f"{FLOWS}/{flow['id']}")
    assert gone.status_code == 404 and gone.json()["category"] == "OBJECT_NOT_FOUND"


def test_full_replace_drops_what_is_left_out(sb, client):
    flow = call(client, "POST", FLOWS, reminder_flow()).json()
    smaller = {k: flow[k] for k in ("type", "objectTypeId", "name", "revisionId", "enrollmentCriteria")}
    replaced = call(client, "PUT", f"{FLOWS}/{flow['id']}", smaller).json()
    assert replaced["actions"] == [] and "startActionId" not in replaced


def test_list_is_paged(sb, client):
    ids = [call(client, "POST", FLOWS, reminder_flow(name=f"Flow {i}")).json()["id"] for i in range(5)]
    seen, after, pages = [], None, 0
    while True:
        qs = {"limit": 2, **({"after": after} if after else {})}
        page = call(client, "GET", FLOWS, **qs).json()
        seen += [f["id"] for f in page["results"]]
        pages += 1
        if "paging" not in page:
            break
        after = page["paging"]["next"]["after"]
    assert seen == ids and pages == 3


def broken(change) -> dict[str, Any]:
    body = reminder_flow()
    change(body)
    return body


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda b: b.pop("type"), "[type]"),
        (lambda b: b.update(type="CONTACT_FLOW"), "CONTACT_FLOW"),
        (lambda b: b.update(objectTypeId="0-1"), "0-1"),
        (lambda b: b.update(objectTypeId="2-999"), "2-999"),
        (lambda b: b.pop("enrollmentCriteria"), "enrollmentCriteria"),
        (lambda b: b.update(startActionId="99"), "startActionId"),
        (lambda b: b.pop("startActionId"), "startActionId"),
        (lambda b: b["actions"][0]["connection"].update(nextActionId="42"), "'42'"),
        (lambda b: b["actions"][0].pop("actionTypeId"), "actionTypeId"),
        (lambda b: b["actions"][0].update(actionTypeId="delay"), "actionTypeId"),
        (lambda b: b["actions"][1].update(actionId="1"), "actionId"),
        (lambda b: b["actions"][0]["fields"].pop("delta"), "delta"),
        (lambda b: b["actions"][3]["fields"].update(property_name="no_such_property"), "no_such_property"),
        (lambda b: b["actions"][2]["fields"].pop("owner_properties"), "recipients"),
        (
            lambda b: b["enrollmentCriteria"]["listFilterBranch"]["filterBranches"][0]["filters"][0][
                "operation"
            ].update(operator="IS_NOT_EQUAL_TO"),
            "IS_NONE_OF",
        ),
    ],
)
def test_shape_is_validated(sb, client, change, needle):
    answer = call(client, "POST", FLOWS, broken(change))
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["category"] == "VALIDATION_ERROR" and needle in body["message"]
    assert call(client, "GET", FLOWS).json()["results"] == []


def test_unknown_action_types_pass_but_0_13_is_a_500(sb, client):
    body = reminder_flow()
    body["actions"][4]["actionTypeId"] = "0-63809083"
    body["actions"][4]["fields"] = {"listId": "12", "targetObject": "{{ enrolled_object }}"}
    created = call(client, "POST", FLOWS, body)
    assert created.status_code == 201 and created.json()["actions"][4]["actionTypeId"] == "0-63809083"
    body["actions"][4]["actionTypeId"] = "0-13"
    failed = call(client, "POST", FLOWS, body)
    assert failed.status_code == 500


@pytest.mark.parametrize("tier", ["free", "starter"])
def test_workflows_need_professional(sb, client, tier):
    sb.set_tier(tier)
    for method, path, body in (("GET", FLOWS, None), ("POST", FLOWS, reminder_flow())):
        answer = call(client, method, path, body)
        assert answer.status_code == 403
        assert answer.json()["category"] == "MISSING_SCOPES"
        assert "Professional" in answer.json()["message"]
    sb.set_tier("professional")
    assert call(client, "POST", FLOWS, reminder_flow()).status_code == 201


def test_batch_read(sb, client):
    flow = call(client, "POST", FLOWS, reminder_flow()).json()
    answer = call(
        client, "POST", f"{FLOWS}/batch/read", {"inputs": [{"flowId": flow["id"], "type": "FLOW_ID"}]}
    )
    assert answer.status_code == 200 and [f["id"] for f in answer.json()["results"]] == [flow["id"]]


RECORDED = (
    Path(__file__).resolve().parents[1] / "recordings" / "agency-portal" / "automation" / "v4" / "flows"
)


def branched_flow() -> dict[str, Any]:
    """A real-shaped branched flow: custom code, a static branch with a default, a GOTO edge."""
    body = json.loads((RECORDED / "585051946.json").read_text())
    return {
        k: v
        for k, v in body.items()
        if k not in ("id", "revisionId", "createdAt", "updatedAt", "crmObjectCreationStatus")
    }


def test_a_branched_graph_is_kept_exactly_and_returned_verbatim(sb, client):
    body = branched_flow()
    created = call(client, "POST", FLOWS, body)
    assert created.status_code == 201, created.text
    flow = created.json()
    assert {k: v for k, v in flow.items() if k in body} == body
    change = copy.deepcopy(flow)
    change["isEnabled"] = False
    replaced = call(client, "PUT", f"{FLOWS}/{flow['id']}", change).json()
    assert replaced["revisionId"] == "2"
    assert {k: replaced[k] for k in body} == body | {"isEnabled": False}


def _branch(body: dict[str, Any]) -> dict[str, Any]:
    return next(a for a in body["actions"] if a["type"] == "STATIC_BRANCH")


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda b: _branch(b)["staticBranches"][0].pop("branchValue"), "branchValue"),
        (lambda b: _branch(b).update(staticBranches=[]), "staticBranches"),
        (lambda b: _branch(b).update(actionTypeId="0-1"), "no actionTypeId"),
        (lambda b: _branch(b).pop("inputValue"), "inputValue"),
        (lambda b: _branch(b)["defaultBranch"].update(nextActionId="77"), "'77'"),
        (lambda b: _branch(b)["defaultBranch"].update(edgeType="JUMP"), "defaultBranch"),
        (lambda b: b["actions"][5]["connection"].update(nextActionId="99"), "'99'"),
        (lambda b: b["actions"][0].pop("sourceCode"), "sourceCode"),
        (lambda b: b.update(nextAvailableActionId="3"), "nextAvailableActionId"),
    ],
)
def test_graph_shape_is_validated(sb, client, change, needle):
    body = branched_flow()
    change(body)
    answer = call(client, "POST", FLOWS, body)
    assert answer.status_code == 400, answer.text
    assert needle in answer.json()["message"]


def test_weekday_delay_is_accepted_and_bad_days_refused(sb, client):
    body = reminder_flow()
    body["actions"][0]["fields"] = {"delta": "0", "time_unit": "DAYS", "days_of_week": ["TUESDAY"]}
    assert call(client, "POST", FLOWS, body).status_code == 201
    body["actions"][0]["fields"]["days_of_week"] = ["TUESDAYS"]
    refused = call(client, "POST", FLOWS, body)
    assert refused.status_code == 400 and "days_of_week" in refused.json()["message"]
