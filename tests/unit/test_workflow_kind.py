"""The workflow kind: which flows the steps express, reading that never raises, bodies that keep
HubSpot's ids and fields, and DSL workflows that re-plan to nothing after a round trip."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hubwizard import configfile, lint
from hubwizard.config import Config, Workflow
from hubwizard.export import export_config
from hubwizard.flows import Resolver, chain, compile_workflow, decompile_step
from hubwizard.hubspot_rules import Tier
from hubwizard.kinds import workflows as kind
from hubwizard.plan import Action, make_plan
from hubwizard.state import PortalState
from hubwizard.wording import describe_workflow, outline_sentence

RECORDINGS = Path(__file__).resolve().parents[1] / "recordings"


def recorded(portal: str, flow_id: str) -> dict[str, Any]:
    return json.loads((RECORDINGS / portal / "automation" / "v4" / "flows" / f"{flow_id}.json").read_text())


STAGES = {
    "appointmentscheduled": "Appointment scheduled",
    "presentationscheduled": "Presentation scheduled",
    "contractsent": "Contract sent",
    "closedwon": "Closed won",
    "closedlost": "Closed lost",
}


def deal_pipeline() -> dict[str, Any]:
    stages = [
        {
            "id": sid,
            "label": label,
            "displayOrder": i,
            "metadata": {
                "isClosed": str(sid.startswith("closed")).lower(),
                "probability": "1.0" if sid == "closedwon" else "0.0" if sid == "closedlost" else "0.4",
            },
        }
        for i, (sid, label) in enumerate(STAGES.items())
    ]
    return {"id": "default", "label": "Sales Pipeline", "displayOrder": 0, "stages": stages}


def state_with(flows: list[dict[str, Any]]) -> PortalState:
    return PortalState(tier=Tier.ENTERPRISE, pipelines={"deals": [deal_pipeline()]}, flows=flows)


# --- what the steps can express ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("portal", "flow_id", "expected"),
    [
        (
            "agency-portal",
            "585051946",
            {
                "custom code",
                "branches on a value",
                "a jump (GOTO) between steps",
                "steps that use another step's results",
            },
        ),
        ("agency-portal", "585051977", {"an event trigger"}),
        ("enterprise-portal", "912004417", {"branches on filters"}),
        ("enterprise-portal", "912004430", {"an A/B test split"}),
        ("agency-portal", "585051988", set()),
        ("agency-portal", "585051951", set()),
    ],
)
def test_read_only_reasons_name_what_the_steps_cannot_say(portal, flow_id, expected):
    assert set(kind.read_only_reasons(recorded(portal, flow_id))) == expected


def test_unknown_action_types_make_a_workflow_managed_and_say_which():
    flow = recorded("agency-portal", "585051963")
    workflow, reasons = kind.to_workflow(flow, state_with([]).resolver(), "renewals")
    assert workflow.managed_in_hubspot and workflow.hubspot_id == "585051963"
    assert reasons == [
        "actions hubwizard has no step for: add to a static list (0-63809083), in-app notification (0-9)"
    ]


def test_weekday_and_minute_delays_are_steps():
    resolver = Resolver()
    tuesday = {
        "actionTypeId": "0-1",
        "type": "SINGLE_CONNECTION",
        "fields": {"delta": "0", "time_unit": "DAYS", "days_of_week": ["TUESDAY"]},
    }
    week = {
        "actionTypeId": "0-1",
        "type": "SINGLE_CONNECTION",
        "fields": {"delta": "10080", "time_unit": "MINUTES"},
    }
    odd = {
        "actionTypeId": "0-1",
        "type": "SINGLE_CONNECTION",
        "fields": {"delta": "2", "time_unit": "DAYS", "days_of_week": ["TUESDAY"]},
    }
    assert decompile_step(tuesday, "0-3", resolver).delay.until == "tuesday"
    assert decompile_step(week, "0-3", resolver).delay.minutes == 10080
    assert decompile_step(odd, "0-3", resolver).hubspot_action is not None  # kept verbatim, no error
    workflow = Workflow.model_validate(
        {
            "id": "w",
            "name": "w",
            "trigger": {"property_is": {"property": "x", "values": ["y"]}},
            "steps": [
                {"delay": {"until": ["thursday", "monday"]}},
                {"delay": {"minutes": 90}},
                {"notify_owner": {"subject": "s"}},
            ],
        }
    )
    fields = [
        a["fields"]
        for a in compile_workflow(workflow, Resolver(object_type_ids={"deals": "0-3"}))["actions"][:2]
    ]
    assert fields == [
        {"delta": "0", "time_unit": "DAYS", "days_of_week": ["MONDAY", "THURSDAY"]},
        {"delta": "90", "time_unit": "MINUTES"},
    ]
    assert describe_workflow(workflow).startswith(
        "When a deal's x is “y”, wait until Monday or Thursday, wait 1 hour and 30 minutes"
    )


# --- reading never raises ---------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.sampled_from(
        [
            "",
            "0",
            "1",
            "2",
            "0-1",
            "0-3",
            "GOTO",
            "STATIC_BRANCH",
            "DAYS",
            "MINUTES",
            "{{ fetched_objects.x.y }}",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "actionId",
                    "type",
                    "actionTypeId",
                    "fields",
                    "connection",
                    "nextActionId",
                    "edgeType",
                    "delta",
                    "time_unit",
                    "days_of_week",
                    "staticBranches",
                    "filters",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)
odd_actions = st.fixed_dictionaries(
    {"actionId": st.sampled_from(["1", "2", "3", 4, None])},
    optional={
        "type": st.sampled_from(["SINGLE_CONNECTION", "STATIC_BRANCH", "CUSTOM_CODE", "WEIRD", 7]),
        "actionTypeId": st.sampled_from(["0-1", "0-3", "0-5", "0-8", "0-14", "0-9", None]),
        "fields": json_values,
        "connection": json_values,
    },
)
odd_flows = st.fixed_dictionaries(
    {"id": st.sampled_from(["1", "2", 3, None])},
    optional={
        "name": st.none() | st.text(max_size=12),
        "isEnabled": json_values,
        "objectTypeId": st.sampled_from(["0-3", "0-5", "2-77", "", None]),
        "startActionId": st.sampled_from(["1", "2", None, 9]),
        "actions": st.lists(odd_actions, max_size=4) | json_values,
        "enrollmentCriteria": json_values,
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(odd_flows, max_size=3, unique_by=lambda f: str(f.get("id"))))
def test_export_of_any_flow_shape_never_raises_and_reports_what_it_kept(flows):
    result = export_config(state_with(flows))
    text = configfile.dumps(result.config)
    assert configfile.loads(text).config == result.config
    managed = [w for w in result.config.workflows if w.managed_in_hubspot]
    kept = [s for s in result.kept if s.startswith("workflow '") and "managed in HubSpot" in s]
    left_out = [s for s in result.skipped if s.startswith("workflow '")]
    assert len(managed) == len(kept)
    assert len(result.config.workflows) + len(left_out) == len(flows)
    assert left_out == [s for s in left_out if "without an id" in s]  # every flow with an id is read
    plan = make_plan(result.config, state_with(flows))  # planning odd flows never raises either
    assert not [op for op in plan.writes if op.kind == "workflow"]


# --- bodies -----------------------------------------------------------------------------------


def test_fit_keeps_portal_ids_unchanged_actions_and_flow_fields():
    current = copy.deepcopy(recorded("agency-portal", "585051988"))
    for action, new_id in zip(current["actions"], ["7", "9", "12"], strict=True):
        action["actionId"] = new_id
    current["actions"][0]["connection"]["nextActionId"] = "9"
    current["actions"][1]["connection"]["nextActionId"] = "12"
    current["startActionId"], current["nextAvailableActionId"] = "7", "13"
    resolver = state_with([]).resolver()
    resolver.stage_ids[("sales", "contract")] = "contractsent"
    workflow = Workflow.model_validate(
        {
            "id": "w",
            "name": current["name"],
            "trigger": {"stage_entered": {"pipeline": "sales", "stage": "contract"}},
            "exit_when_trigger_no_longer_true": True,
            "steps": [
                {"delay": {"days": 15}},
                {
                    "create_task": {
                        "subject": "Follow up quote: {{ enrolled_object.dealname }}",
                        "body": "<p>Quote sent 15 days ago.</p>",
                        "priority": "high",
                    }
                },
                {
                    "notify_owner": {
                        "subject": "Quote pending 15 days: {{ enrolled_object.dealname }}",
                        "body": "<p>Please follow up.</p>",
                    }
                },
                {"notify_owner": {"subject": "Still pending", "body": "Last call"}},
            ],
        }
    )
    body = kind.fit(current, compile_workflow(workflow, resolver))
    assert [a["actionId"] for a in body["actions"]] == ["7", "9", "12", "13"]
    assert body["actions"][:2] == current["actions"][:2]
    assert body["actions"][2]["connection"] == {"edgeType": "STANDARD", "nextActionId": "13"}
    assert "connection" not in body["actions"][3]
    assert body["nextAvailableActionId"] == "14" and body["startActionId"] == "7"
    for key in (
        "description",
        "uuid",
        "customProperties",
        "enrollmentCriteria",
        "revisionId",
        "suppressionListIds",
    ):
        assert body[key] == current[key]
    assert not set(kind.SERVER_FIELDS) & set(body)


def test_patched_changes_only_the_patch():
    current = recorded("agency-portal", "585051946")
    body = kind.patched(current, {"isEnabled": False})
    assert {k: v for k, v in body.items() if k != "isEnabled"} == {
        k: v for k, v in current.items() if k not in kind.SERVER_FIELDS and k != "isEnabled"
    } | {"revisionId": current["revisionId"]}
    assert body["isEnabled"] is False


def test_managed_workflow_plans_only_name_and_switch_and_refuses_a_missing_flow():
    flow = recorded("agency-portal", "585051946")
    config = export_config(state_with([flow])).config
    config.workflows[0].enabled = False
    ops = [op for op in make_plan(config, state_with([flow])).operations if op.kind == "workflow"]
    assert [(op.action, op.body, op.target.get("patch")) for op in ops] == [
        (Action.UPDATE, {"isEnabled": False}, True)
    ]
    missing = make_plan(config, state_with([]))
    assert [f.code for f in missing.refusals] == ["PLAN104"]


def test_managed_workflow_in_the_file_cannot_carry_steps():
    with pytest.raises(ValueError, match="managed in HubSpot has no trigger, steps"):
        Workflow.model_validate(
            {
                "id": "w",
                "name": "w",
                "managed_in_hubspot": True,
                "hubspot_id": "1",
                "steps": [{"delay": {"days": 1}}],
            }
        )
    with pytest.raises(ValueError, match="needs its hubspot_id"):
        Workflow.model_validate({"id": "w", "name": "w", "managed_in_hubspot": True})


def test_outline_sentence_reads_as_one_line():
    outline = [
        "When a deal enters *New*",
        "run custom code",
        "branch on dealstage (2 branches)",
        "3 more steps managed in HubSpot",
    ]
    assert outline_sentence(outline) == (
        "When a deal enters *New*, run custom code, then branch on dealstage (2 branches); 3 more steps managed in HubSpot"
    )


def test_an_outline_exported_in_french_reads_as_one_line_in_any_language():
    """The outline is written in the export's language; its last line is told apart by what it is
    (:func:`kind.more_steps` in any language), not by the English words."""
    from hubwizard import i18n

    with i18n.using("fr"):
        outline = [
            "Quand une transaction entre en phase *Nouveau*",
            "exécuter du code personnalisé",
            kind.more_steps(3),
        ]
        assert outline[-1] == "3 étapes de plus gérées dans HubSpot"
        french = outline_sentence(outline)
    assert french == outline_sentence(outline)  # the same sentence in an English session
    assert french == (
        "Quand une transaction entre en phase *Nouveau*, exécuter du code personnalisé; "
        "3 étapes de plus gérées dans HubSpot"
    )
    assert not kind.is_more_steps("exécuter du code personnalisé")


# --- export(apply(config)) re-plans to nothing --------------------------------------------------

STAGE_IDS = list(STAGES)
steps = st.one_of(
    st.builds(lambda d, h: {"delay": {"days": d, "hours": h}}, st.integers(0, 60), st.integers(0, 23)).filter(
        lambda s: s["delay"]["days"] or s["delay"]["hours"]
    ),
    st.builds(lambda m: {"delay": {"minutes": m}}, st.integers(1, 20000)),
    st.builds(lambda d: {"delay": {"until": d}}, st.sampled_from(["monday", "tuesday", "friday"])),
    st.builds(
        lambda s, p, t: {"create_task": {"subject": s, "priority": p, "type": t}},
        st.text("abc XYZ{}.", min_size=1, max_size=20).filter(str.strip),
        st.sampled_from(["low", "medium", "high"]),
        st.sampled_from(["todo", "call", "email"]),
    ),
    st.builds(
        lambda s, b: {"notify_owner": {"subject": s, "body": b}},
        st.sampled_from(["Call", "Quote waiting"]),
        st.sampled_from(["", "Please call"]),
    ),
    st.builds(
        lambda s: {"move_to_stage": {"pipeline": "sales_pipeline", "stage": s}},
        st.sampled_from(["contract_sent", "closed_won"]),
    ),
)
dsl_workflows = st.builds(
    lambda name, stage, exit_, enabled, body: {
        "id": "w",
        "name": name,
        "enabled": enabled,
        "trigger": {"stage_entered": {"pipeline": "sales_pipeline", "stage": stage}},
        "exit_when_trigger_no_longer_true": exit_,
        "steps": [*body, {"notify_owner": {"subject": "Done"}}],
    },
    st.sampled_from(["Quote reminder", "Follow up", "Renewal"]),
    st.sampled_from(["appointment_scheduled", "contract_sent"]),
    st.booleans(),
    st.booleans(),
    st.lists(steps, max_size=4),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dsl_workflows)
def test_dsl_workflows_round_trip_to_no_change(data):
    base = export_config(state_with([])).config
    config = base.model_copy(update={"workflows": [Workflow.model_validate(data)]})
    # A text with another step's result ({{ x.… }}) cannot round-trip: HW509 refuses it first.
    assume(not [f for f in lint.errors(config) if f.code == "HW509"])
    resolver = state_with([]).resolver()
    for pipeline in config.pipelines:
        resolver.pipeline_ids[pipeline.id] = pipeline.hubspot_id
        for stage in pipeline.stages:
            resolver.stage_ids[(pipeline.id, stage.id)] = stage.hubspot_id
    applied = compile_workflow(config.workflows[0], resolver) | {
        "id": "9001",
        "revisionId": "1",
        "description": "set in HubSpot",
    }
    state = state_with([applied])
    exported = export_config(state).config
    assert lint.errors(exported) == []
    (workflow,) = exported.workflows
    assert not workflow.managed_in_hubspot
    again = compile_workflow(workflow, resolver)
    assert again["actions"] == applied["actions"]
    assert again["enrollmentCriteria"] == applied["enrollmentCriteria"]
    plan = make_plan(Config.model_validate(exported.model_dump()), state)
    assert [op.action for op in plan.operations if op.kind == "workflow"] == [Action.UNCHANGED]
    assert plan.writes == []


def test_an_old_export_of_a_branched_workflow_can_still_switch_it_off_without_rewiring():
    """Exports made before workflows were graphs wrote a branched flow as a list of verbatim
    actions; flipping its switch patches only isEnabled, changing a step is refused."""
    flow = recorded("agency-portal", "585051946")
    steps = [
        {"hubspot_action": {k: v for k, v in a.items() if k not in ("actionId", "connection")}}
        for a in chain(flow)
    ]
    old = Workflow.model_validate(
        {
            "id": "routing",
            "name": flow["name"],
            "enabled": False,
            "hubspot_id": flow["id"],
            "trigger": {"hubspot": flow["enrollmentCriteria"]},
            "steps": steps,
        }
    )
    config = export_config(state_with([])).config.model_copy(update={"workflows": [old]})
    plan = make_plan(config, state_with([flow]))
    assert [(op.action, op.body, op.target.get("patch")) for op in plan.writes] == [
        (Action.UPDATE, {"isEnabled": False}, True)
    ]
    old.steps.pop()
    refused = make_plan(config, state_with([flow]))
    assert [f.code for f in refused.refusals] == ["PLAN506"] and refused.writes == []
