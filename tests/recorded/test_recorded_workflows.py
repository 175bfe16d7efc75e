"""Workflows of recorded portals, over HTTP through the gateway: export reads every flow without
a traceback, the export re-plans to nothing, and switching one workflow managed in HubSpot off
sends the portal's own body with only ``isEnabled`` changed."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from recorded_portal import RECORDINGS, RecordedPortal

from hubwizard import configfile, lint
from hubwizard.apply import apply_plan
from hubwizard.export import export_config
from hubwizard.gateway import Gateway
from hubwizard.journal import Journal
from hubwizard.plan import Action, make_plan
from hubwizard.state import PortalState, read_portal

PORTALS = sorted(p.name for p in RECORDINGS.iterdir() if (p / "automation" / "v4" / "flows.json").is_file())
SERVER_SET = {"id", "revisionId", "createdAt", "updatedAt", "crmObjectCreationStatus"}


@pytest.fixture(params=PORTALS)
def recorded(request: pytest.FixtureRequest) -> Iterator[tuple[RecordedPortal, Gateway]]:
    with RecordedPortal(request.param) as portal:
        gateway = Gateway(portal.url, "recorded", max_attempts=1)
        yield portal, gateway
        gateway.close()


def workflow_state(gateway: Gateway) -> PortalState:
    """The whole portal as hubwizard reads it (objects refused for a scope are reported, not fatal)."""
    return read_portal(gateway)


def recorded_flow(portal: RecordedPortal, flow_id: str) -> dict:
    return json.loads((portal.root / "automation" / "v4" / "flows" / f"{flow_id}.json").read_text())


def test_export_reads_every_recorded_flow_and_replans_to_nothing(recorded):
    portal, gateway = recorded
    state = workflow_state(gateway)
    listed = json.loads((portal.root / "automation" / "v4" / "flows.json").read_text())["results"]
    assert len(state.flows) == len(listed)
    result = export_config(state)
    config = configfile.loads(configfile.dumps(result.config), "export.yaml").config
    assert [f for f in lint.errors(config) if f.path.startswith("workflows")] == []
    assert len(config.workflows) == len(listed)
    for workflow in config.workflows:
        if workflow.managed_in_hubspot:
            assert any(s.startswith(f"workflow '{workflow.name}' is managed in HubSpot") for s in result.kept)
    plan = make_plan(config, state)
    assert [f for f in plan.refusals if f.path.startswith("workflows")] == []
    ops = [op for op in plan.operations if op.kind == "workflow"]
    assert len(ops) == len(listed) and {op.action for op in ops} == {Action.UNCHANGED}


def test_flipping_one_managed_workflow_sends_the_portal_body_with_only_is_enabled_changed(recorded, tmp_path):
    portal, gateway = recorded
    state = workflow_state(gateway)
    config = export_config(state).config
    workflow = next(w for w in config.workflows if w.managed_in_hubspot and w.enabled)
    workflow.enabled = False
    # only the workflow: the recorded pipelines break design rules the kinds module reports on
    config = config.model_copy(update={"workflows": [workflow], "pipelines": [], "property_groups": []})
    plan = make_plan(config, state)
    assert plan.ok, plan.refusals
    assert [(op.action, op.body) for op in plan.writes] == [(Action.UPDATE, {"isEnabled": False})]
    before = len(portal.writes)
    report = apply_plan(plan, config, state, gateway, journal=Journal.create(folder=tmp_path))
    assert report.ok, report.failed
    (put,) = portal.writes[before:]
    assert (put.method, put.path) == ("PUT", f"/automation/v4/flows/{workflow.hubspot_id}")
    original = recorded_flow(portal, workflow.hubspot_id)
    assert put.body["revisionId"] == original["revisionId"]
    expected = {k: v for k, v in original.items() if k not in SERVER_SET} | {"isEnabled": False}
    assert {k: v for k, v in put.body.items() if k != "revisionId"} == expected
