"""Workflows DSL ↔ HubSpot v4 flows: compile, read back, keep what the DSL cannot say."""

from __future__ import annotations

import pytest

from hubwizard.config import Workflow
from hubwizard.flows import (
    Resolver,
    UnresolvedReference,
    comparable_flow,
    compile_workflow,
    decompile_workflow,
)

RESOLVER = Resolver(
    object_type_ids={"deals": "0-3", "tickets": "0-5", "application": "2-99"},
    pipeline_ids={"sales": "11", "admin": "12"},
    stage_ids={("sales", "quote"): "101", ("sales", "signed"): "102", ("admin", "filed"): "201"},
    owner_ids={"kim@example.com": "7"},
)


def workflow(**overrides) -> Workflow:
    data = {
        "id": "w",
        "name": "Quote reminder",
        "trigger": {"stage_entered": {"pipeline": "sales", "stage": "quote"}},
        "exit_when_trigger_no_longer_true": True,
        "steps": [
            {"delay": {"days": 15}},
            {"create_task": {"subject": "Follow up", "priority": "high"}},
            {"notify_owner": {"subject": "Quote waiting", "body": "Please call"}},
            {"set_property": {"property": "product_type", "value": "Software"}},
            {"move_to_stage": {"pipeline": "sales", "stage": "signed"}},
            {"copy_to_pipeline": {"pipeline": "admin", "stage": "filed"}},
            {"assign_owner": {"owner": "kim@example.com"}},
            {"send_email": {"email_id": "555"}},
            {"delay": {"days": 1, "hours": 2}},
        ],
        **overrides,
    }
    return Workflow.model_validate(data)


def test_compile_builds_a_linked_chain_with_hubspot_ids():
    body = compile_workflow(workflow(), RESOLVER)
    assert body["type"] == "PLATFORM_FLOW" and body["objectTypeId"] == "0-3" and body["isEnabled"] is False
    actions = body["actions"]
    assert [a["actionTypeId"] for a in actions] == [
        "0-1",
        "0-3",
        "0-8",
        "0-5",
        "0-5",
        "0-14",
        "0-5",
        "0-4",
        "0-1",
    ]
    assert [a["connection"]["nextActionId"] for a in actions[:-1]] == [str(i) for i in range(2, 10)]
    assert "connection" not in actions[-1]
    criteria = body["enrollmentCriteria"]
    assert criteria["unEnrollObjectsNotMeetingCriteria"] is True
    assert criteria["listFilterBranch"]["filterBranches"][0]["filters"][0]["operation"]["values"] == ["101"]
    assert actions[1]["fields"]["owner_assignment"]["value"]["propertyName"] == "hubspot_owner_id"
    assert actions[1]["fields"]["associations"][0]["target"]["associationTypeId"] == 216
    assert actions[4]["fields"] == {
        "property_name": "dealstage",
        "value": {"type": "STATIC_VALUE", "staticValue": "102"},
    }
    assert actions[6]["fields"]["value"]["staticValue"] == "7"
    assert actions[8]["fields"] == {"delta": "26", "time_unit": "HOURS"}


def test_read_back_gives_an_equivalent_workflow():
    original = workflow()
    body = compile_workflow(original, RESOLVER)
    back = decompile_workflow({**body, "id": "9"}, RESOLVER, "w")
    assert comparable_flow(compile_workflow(back, RESOLVER)) == comparable_flow(body)
    assert back.trigger == original.trigger
    assert [s.kind for s in back.steps] == [s.kind for s in original.steps]
    assert back.hubspot_id == "9"


def test_unknown_actions_and_criteria_are_kept_verbatim():
    body = compile_workflow(workflow(), RESOLVER)
    body["actions"][2] = {
        "actionId": "3",
        "actionTypeId": "0-9",
        "type": "SINGLE_CONNECTION",
        "fields": {"message": "hi"},
        "connection": {"edgeType": "STANDARD", "nextActionId": "4"},
    }
    body["enrollmentCriteria"]["type"] = "EVENT_BASED"
    back = decompile_workflow(body, RESOLVER, "w")
    assert back.steps[2].hubspot_action == {
        "actionTypeId": "0-9",
        "type": "SINGLE_CONNECTION",
        "fields": {"message": "hi"},
    }
    assert back.trigger.hubspot["type"] == "EVENT_BASED"
    again = compile_workflow(back, RESOLVER)
    assert comparable_flow(again) == comparable_flow(body)


def test_unresolved_references_name_what_is_missing():
    with pytest.raises(UnresolvedReference, match=r"no owner with email 'nobody@x\.com'.*kim@example\.com"):
        compile_workflow(workflow(steps=[{"assign_owner": {"owner": "nobody@x.com"}}]), RESOLVER)
    with pytest.raises(UnresolvedReference, match="stage 'gone' of pipeline 'sales'"):
        compile_workflow(
            workflow(trigger={"stage_entered": {"pipeline": "sales", "stage": "gone"}}), RESOLVER
        )


def test_ticket_and_custom_object_flows_use_their_stage_property():
    body = compile_workflow(
        workflow(object="tickets", steps=[{"move_to_stage": {"pipeline": "sales", "stage": "signed"}}]),
        RESOLVER,
    )
    assert body["actions"][0]["fields"]["property_name"] == "hs_pipeline_stage"
    assert compile_workflow(workflow(object="application", steps=[]), RESOLVER)["objectTypeId"] == "2-99"
