"""Workflows are graphs: real portals' flows (recorded under tests/recordings/*/automation) are
seeded into the sandbox through its flows API, exported, re-planned and applied over HTTP.
An update never rewires a flow: actions, edges and flow-level fields go back exactly as read."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from provisioning_helpers import apply, snapshot

from hubwizard import configfile, lint
from hubwizard.config import Config
from hubwizard.export import export_config
from hubwizard.plan import Action
from hubwizard.portals import Connection
from hubwizard.provision import plan_against, undo_last

RECORDINGS = Path(__file__).resolve().parents[1] / "recordings"
PORTALS = sorted(p.name for p in RECORDINGS.iterdir() if (p / "automation" / "v4" / "flows").is_dir())
SERVER_SET = {"id", "revisionId", "createdAt", "updatedAt", "crmObjectCreationStatus"}


def recorded_flows(portal: str) -> list[dict[str, Any]]:
    folder = RECORDINGS / portal / "automation" / "v4"
    listing = json.loads((folder / "flows.json").read_text())
    return [json.loads((folder / "flows" / f"{s['id']}.json").read_text()) for s in listing["results"]]


def seed(connection: Connection, portal: str) -> dict[str, dict[str, Any]]:
    """Each recorded flow created in the sandbox as sent; recorded name → the sandbox's copy."""
    created = {}
    for flow in recorded_flows(portal):
        body = {k: v for k, v in flow.items() if k not in SERVER_SET}
        created[flow["name"]] = connection.gateway.create_flow(body)
    return created


def graph(flow: dict[str, Any]) -> dict[str, Any]:
    """Everything a user set in HubSpot: all but what the server sets."""
    return {k: v for k, v in flow.items() if k not in SERVER_SET}


def spy_puts(connection: Connection) -> list[tuple[str, dict[str, Any]]]:
    sent: list[tuple[str, dict[str, Any]]] = []
    real = connection.gateway.replace_flow

    def replace_flow(flow_id: str, body: dict[str, Any]) -> dict[str, Any]:
        sent.append((flow_id, copy.deepcopy(body)))
        return real(flow_id, body)

    connection.gateway.replace_flow = replace_flow  # type: ignore[method-assign]
    return sent


def exported(connection: Connection) -> tuple[Config, list[str]]:
    result = export_config(snapshot(connection))
    text = configfile.dumps(result.config)
    return configfile.loads(text, "export.yaml").config, result.kept


@pytest.mark.parametrize("portal_name", PORTALS)
def test_export_reads_every_flow_and_replans_to_nothing(portal, portal_name):
    seed(portal, portal_name)
    config, kept = exported(portal)
    assert lint.errors(config) == []
    names = {w.name: w for w in config.workflows}
    assert set(names) == {f["name"] for f in recorded_flows(portal_name)}
    managed = {w.name for w in config.workflows if w.managed_in_hubspot}
    for name in managed:
        assert any(line.startswith(f"workflow '{name}' is managed in HubSpot") for line in kept)
        assert names[name].outline and names[name].trigger is None and not names[name].steps
    plan = plan_against(portal, config).plan
    assert plan.ok, plan.refusals
    assert [op.title for op in plan.writes] == []


@pytest.mark.parametrize("portal_name", PORTALS)
def test_switching_one_managed_workflow_off_sends_the_portal_body_with_only_is_enabled_changed(
    portal, portal_name
):
    seeded = seed(portal, portal_name)
    config, _ = exported(portal)
    workflow = next(w for w in config.workflows if w.managed_in_hubspot and w.enabled)
    before = portal.gateway.flow(workflow.hubspot_id)
    workflow.enabled = False
    plan = plan_against(portal, config).plan
    assert [(op.action, [c.text for c in op.changes]) for op in plan.writes] == [
        (Action.UPDATE, ["switched off"])
    ]
    sent = spy_puts(portal)
    applied = apply(portal, config)
    assert applied.report.ok and applied.matches
    assert len(sent) == 1
    flow_id, body = sent[0]
    assert flow_id == workflow.hubspot_id
    assert body["revisionId"] == before["revisionId"]
    expected = graph(before) | {"isEnabled": False}
    assert graph(body) == expected
    after = portal.gateway.flow(workflow.hubspot_id)
    assert graph(after) == expected
    assert int(after["revisionId"]) == int(before["revisionId"]) + 1
    assert graph(seeded[workflow.name]) == graph(before)


def test_branched_workflow_keeps_edges_goto_description_and_data_sources(portal):
    seed(portal, "agency-portal")
    config, kept = exported(portal)
    routing = next(w for w in config.workflows if w.name == "Inbound deal routing")
    assert routing.managed_in_hubspot
    assert routing.outline[1:] == [
        "run custom code",
        "branch on the result of an earlier step (3 branches and a default)",
        "6 more steps managed in HubSpot",
    ]
    reason = next(line for line in kept if "'Inbound deal routing'" in line)
    for words in ("branches on a value", "custom code", "GOTO", "another step's results"):
        assert words in reason
    routing.enabled = False
    routing.name = "Inbound deal routing (paused)"
    sent = spy_puts(portal)
    assert apply(portal, config).report.ok
    ((_, body),) = sent
    recorded = next(f for f in recorded_flows("agency-portal") if f["name"] == "Inbound deal routing")
    assert body["actions"] == recorded["actions"]
    assert body["dataSources"] == recorded["dataSources"]
    assert body["description"] == recorded["description"]
    for key in (
        "customProperties",
        "suppressionListIds",
        "timeWindows",
        "blockedDates",
        "uuid",
        "startActionId",
    ):
        assert body[key] == recorded[key]
    goto = next(a for a in body["actions"] if a["actionId"] == "6")["connection"]
    assert goto == {"edgeType": "GOTO", "nextActionId": "4"}
    assert (body["name"], body["isEnabled"]) == ("Inbound deal routing (paused)", False)


def test_editable_workflow_update_keeps_action_ids_and_flow_fields(portal):
    seeded = seed(portal, "agency-portal")
    config, _ = exported(portal)
    reminder = next(w for w in config.workflows if w.name == "Quote sent 15d reminder")
    tuesday = next(w for w in config.workflows if w.name == "Proposal review on Tuesday")
    assert not reminder.managed_in_hubspot and not tuesday.managed_in_hubspot
    assert tuesday.steps[0].delay.until == "tuesday"
    reminder.steps[0].delay.days = 10
    sent = spy_puts(portal)
    plan = plan_against(portal, config).plan
    assert [c.text for op in plan.writes for c in op.changes] == ["step 1: wait 15 days → wait 10 days"]
    assert apply(portal, config).report.ok
    ((_, body),) = sent
    before = seeded["Quote sent 15d reminder"]
    assert [a["actionId"] for a in body["actions"]] == ["1", "2", "3"]
    assert body["actions"][0]["fields"] == {"delta": "10", "time_unit": "DAYS"}
    assert body["actions"][1:] == before["actions"][1:]
    for key in ("description", "uuid", "customProperties", "enrollmentCriteria", "nextAvailableActionId"):
        assert body[key] == before[key]


def test_a_save_in_hubspot_between_plan_and_apply_is_kept(portal):
    seed(portal, "agency-portal")
    config, _ = exported(portal)
    workflow = next(w for w in config.workflows if w.name == "Renewal nudges")
    workflow.enabled = True
    plan_against(portal, config)  # reviewed ...
    current = portal.gateway.flow(workflow.hubspot_id)  # ... then someone edits it in HubSpot
    edited = graph(current) | {"description": "Edited in HubSpot", "revisionId": current["revisionId"]}
    portal.gateway.replace_flow(workflow.hubspot_id, edited)
    assert apply(portal, config).report.ok
    after = portal.gateway.flow(workflow.hubspot_id)
    assert after["description"] == "Edited in HubSpot" and after["isEnabled"] is True


def test_steps_written_over_a_branched_workflow_are_refused(portal):
    seed(portal, "agency-portal")
    config, _ = exported(portal)
    routing = next(i for i, w in enumerate(config.workflows) if w.name == "Inbound deal routing")
    simple = next(w for w in config.workflows if not w.managed_in_hubspot and w.name.startswith("Quote"))
    config.workflows[routing] = simple.model_copy(
        update={
            "id": "routing",
            "name": "Inbound deal routing",
            "hubspot_id": config.workflows[routing].hubspot_id,
        }
    )
    plan = plan_against(portal, config).plan
    assert not plan.ok
    assert any(f.code == "PLAN506" and "rewire" in f.message for f in plan.refusals)


def test_undo_puts_a_managed_workflow_back_exactly(portal):
    seed(portal, "agency-portal")
    config, _ = exported(portal)
    routing = next(w for w in config.workflows if w.name == "Inbound deal routing")
    before = portal.gateway.flow(routing.hubspot_id)
    routing.enabled = False
    applied = apply(portal, config)
    assert applied.report.ok
    report = undo_last(portal, Path(applied.report.journal))
    assert report.ok and report.undone, report.failed
    after = portal.gateway.flow(routing.hubspot_id)
    assert graph(after) == graph(before)
    assert after["isEnabled"] is True


@pytest.mark.parametrize("name", ["Quote sent 15d reminder", "Proposal review on Tuesday"])
def test_flipping_an_editable_workflow_changes_only_is_enabled(portal, name):
    seed(portal, "agency-portal")
    config, _ = exported(portal)
    workflow = next(w for w in config.workflows if w.name == name)
    assert not workflow.managed_in_hubspot
    before = portal.gateway.flow(workflow.hubspot_id)
    workflow.enabled = not workflow.enabled
    sent = spy_puts(portal)
    assert apply(portal, config).matches
    ((_, body),) = sent
    assert graph(body) == graph(before) | {"isEnabled": workflow.enabled}
