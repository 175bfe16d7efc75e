"""Recorded real-shaped portals: export, validate and re-plan through the command line, and the
reader's behaviour on what real portals send (missing scopes, HubSpot's groups, odd fields)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from recorded_portal import RecordedPortal

from hubwizard import configfile, lint
from hubwizard.config import (
    Config,
    CustomObject,
    ObjectPropertyGroup,
    Pipeline,
    Portal,
    Property,
    PropertyGroup,
    Stage,
)
from hubwizard.export import export_config
from hubwizard.findings import Severity
from hubwizard.gateway import Gateway
from hubwizard.plan import Action, make_plan
from hubwizard.state import read_for, read_portal

PORTALS = ("agency-portal", "enterprise-portal")


def hubwizard(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HUBSPOT_ACCESS_TOKEN": "pat-recorded", "HUBWIZARD_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "hubwizard", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="module", params=PORTALS)
def recorded(request: pytest.FixtureRequest):
    with RecordedPortal(request.param) as portal:
        yield portal


@pytest.fixture(scope="module")
def agency():
    with RecordedPortal("agency-portal") as portal:
        yield portal


@pytest.fixture(scope="module")
def enterprise():
    with RecordedPortal("enterprise-portal") as portal:
        yield portal


def gateway(portal: RecordedPortal) -> Gateway:
    return Gateway(portal.url, "pat-recorded", max_attempts=1)


def test_export_validates_and_replans_to_nothing_through_the_cli(recorded: RecordedPortal, tmp_path: Path):
    out = tmp_path / "exported.yaml"
    exported = hubwizard("export", "--portal", recorded.url, "-o", str(out), home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert "Traceback" not in exported.stderr
    validated = hubwizard("validate", str(out), home=tmp_path)
    assert validated.returncode == 0, validated.stderr
    writes_before = len(recorded.writes)
    planned = hubwizard("plan", str(out), "--portal", recorded.url, "--format", "json", home=tmp_path)
    assert planned.returncode == 0, planned.stderr
    summary = json.loads(planned.stdout)["summary"]
    assert (summary["create"], summary["update"], summary["archive"]) == (0, 0, 0)
    assert summary["unchanged"] > 10
    assert len(recorded.writes) == writes_before  # planning never writes


def test_agency_export_names_what_it_left_out_and_the_missing_scope(agency: RecordedPortal, tmp_path: Path):
    result = hubwizard("export", "--portal", agency.url, home=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    tickets = [line for line in lines if line.startswith("not exported: tickets pipelines because")]
    assert tickets and "'tickets'" in tickets[0] and "Private apps" in tickets[0]
    assert any(
        line.startswith("not exported: custom objects because") and "crm.schemas.custom.read" in line
        for line in lines
    )
    assert any("Gross margin" in line and "calculated" in line for line in lines)
    assert any("Legacy score" in line and "'string' with field 'number'" in line for line in lines)
    config = configfile.loads(result.stdout).config
    # deals, contacts and companies were exported although tickets could not be read
    assert {g.object for g in config.property_groups} == {"deals", "contacts", "companies"}
    assert {p.object for p in config.pipelines} == {"deals"}
    # limits unreadable; the portal's workflows are the only evidence: at least Professional
    assert config.portal.tier == "professional"


def test_custom_properties_in_hubspot_groups_round_trip_without_touching_the_groups(agency: RecordedPortal):
    state = read_portal(gateway(agency))
    config = export_config(state).config
    groups = {(g.object, g.name): g for g in config.property_groups}
    deal_info = groups[("deals", "dealinformation")]
    assert deal_info.hubspot_defined
    assert {p.name for p in deal_info.properties} == {
        "contract_length_months",
        "lead_source_detail",
        "budget_confirmed",
    }
    assert groups[("deals", "deal_revenue")].hubspot_defined
    assert not groups[("deals", "agency_services")].hubspot_defined
    assert groups[("deals", "old_campaign_fields")].properties == []  # an empty custom group is kept
    # HubSpot's groups without custom properties and HubSpot's properties are not exported
    assert ("deals", "dealstages") not in groups and ("companies", "prospectingagent") not in groups
    names = {p.name for g in config.property_groups for p in g.properties}
    assert not any(n.startswith("hs_") for n in names) and "dealname" not in names
    # a renamed label on HubSpot's group is never sent back, marked as HubSpot's or not
    for marked in (True, False):
        renamed = config.model_copy(deep=True)
        for group in renamed.property_groups:
            if group.name == "dealinformation":
                group.label, group.hubspot_defined = "Our deal details", marked
        plan = make_plan(renamed, read_for(gateway(agency), renamed))
        assert plan.ok and not plan.writes
        op = next(op for op in plan.operations if op.id == "group:deals/dealinformation")
        assert op.action is Action.UNCHANGED and "never renamed" in op.notes[0]


def test_stage_metadata_and_ids_as_real_portals_send_them(agency: RecordedPortal):
    config = export_config(read_portal(gateway(agency))).config
    renewals = next(p for p in config.pipelines if p.label == "Renewals")
    assert renewals.hubspot_id == "12345678"
    assert [s.hubspot_id for s in renewals.stages] == ["20418311", "20418312", "20418313", "20418314"]
    assert [s.probability for s in renewals.stages] == [0.5, 0.8, 1.0, 0.0]
    assert [s.closed for s in renewals.stages] == [None, None, "won", "lost"]


def test_a_pipeline_without_a_lost_stage_is_exported_as_it_is_with_advice(agency: RecordedPortal):
    """HubSpot accepts a deal pipeline with no lost stage: the export keeps it, the linter advises
    (a warning), and planning the export changes nothing in it."""
    state = read_portal(gateway(agency))
    result = export_config(state)
    assert not any("Partner referrals" in line for line in result.skipped)
    partner = next(p for p in result.config.pipelines if p.label == "Partner referrals")
    assert not any(s.closed == "lost" for s in partner.stages)
    closed_lost = next(s for s in partner.stages if s.label == "Closed Lost")
    assert closed_lost.closed is None and closed_lost.probability == 0.1  # open at 10 %, as read
    i = result.config.pipelines.index(partner)
    advice = [f for f in lint.lint(result.config) if f.code == "HW104"]
    assert [f.path for f in advice] == [f"pipelines[{i}].stages"]
    assert advice[0].severity is Severity.WARNING
    plan = make_plan(result.config, state)
    assert plan.ok
    ops = [op for op in plan.operations if op.object == "deals" and "Partner referrals" in op.key]
    assert ops and all(op.action is Action.UNCHANGED for op in ops)


def test_plan_refuses_only_what_it_cannot_read(agency: RecordedPortal):
    deals_only = Config(
        pipelines=[
            Pipeline(
                id="p",
                object="deals",
                label="New deals",
                stages=[
                    Stage(id="a", label="Open", probability=0.5),
                    Stage(id="w", label="Won", probability=1.0, closed="won"),
                    Stage(id="l", label="Lost", probability=0.0, closed="lost"),
                ],
            )
        ]
    )
    state = read_for(gateway(agency), deals_only)
    assert make_plan(deals_only, state).ok
    with_tickets = deals_only.model_copy(
        update={
            "pipelines": [
                *deals_only.pipelines,
                Pipeline(
                    id="t",
                    object="tickets",
                    label="Support",
                    stages=[
                        Stage(id="n", label="New", state="open"),
                        Stage(id="c", label="Done", state="closed"),
                    ],
                ),
            ]
        }
    )
    plan = make_plan(with_tickets, read_for(gateway(agency), with_tickets))
    assert [f.code for f in plan.refusals] == ["PLAN110"]
    assert "'tickets'" in plan.refusals[0].message and "Private apps" in plan.refusals[0].message
    with_object = deals_only.model_copy(
        update={
            "portal": Portal(tier="enterprise"),
            "custom_objects": [
                CustomObject(
                    name="projects",
                    singular="Project",
                    plural="Projects",
                    primary_property="project_name",
                    property_groups=[
                        ObjectPropertyGroup(
                            name="project_details",
                            label="Project details",
                            properties=[Property(name="project_name", label="Project name")],
                        )
                    ],
                )
            ],
        }
    )
    plan = make_plan(with_object, read_for(gateway(agency), with_object))
    assert "PLAN410" in [f.code for f in plan.refusals]  # a schemas 403 is not "no custom objects"
    assert any("crm.schemas.custom.read" in f.message for f in plan.refusals)


def test_enterprise_custom_objects_come_back_with_groups_properties_and_pipeline(enterprise: RecordedPortal):
    state = read_portal(gateway(enterprise))
    assert state.tier.value == "enterprise" and state.tier_known
    config = export_config(state).config
    projects = config.custom_object("projects")
    assert projects is not None and projects.hubspot_id == "2-40010001"
    assert projects.primary_property == "project_name" and projects.required == ["project_name"]
    assert projects.associations == ["companies", "deals"]
    groups = {g.name: g for g in projects.property_groups}
    assert set(groups) == {"project_details", "project_budget", "projectinformation"}
    assert groups["projectinformation"].hubspot_defined  # HubSpot's group of the object, by its data
    assert [p.name for p in groups["projectinformation"].properties] == ["risk_notes"]
    delivery = next(p for p in config.pipelines if p.object == "projects")
    assert [s.state for s in delivery.stages] == ["open", "open", "closed"]
    assert delivery.stages[0].hubspot_id == "4e2b7c1d-0a9f-4d3e-b2c1-a0f9e8d7c6b5"
    assert lint.errors(config) == []


def test_scoped_read_asks_only_for_what_it_is_told(enterprise: RecordedPortal):
    before = len(enterprise.reads)
    state = read_portal(gateway(enterprise), {"deals"}, kinds=frozenset({"pipelines"}))
    asked = set(enterprise.reads[before:])
    assert asked == {"/crm/v3/pipelines/deals"}  # tickets only with the limits (a plan's read)
    assert [p["id"] for p in state.pipelines["deals"]] == ["default", "77120044"]
    assert state.properties == {} and state.flows == [] and state.problems == []


def test_contacts_and_companies_pipelines_are_never_asked_for(enterprise: RecordedPortal):
    before = len(enterprise.reads)
    state = read_portal(gateway(enterprise))
    asked = set(enterprise.reads[before:])
    assert "/crm/v3/pipelines/contacts" not in asked and "/crm/v3/pipelines/companies" not in asked
    assert "/crm/v3/properties/contacts" in asked and "/crm/v3/properties/2-40010002" in asked
    assert set(state.properties) == {"deals", "tickets", "contacts", "companies", "projects", "vendors"}


def test_exported_config_with_hubspot_group_applies_to_a_fresh_sandbox(agency: RecordedPortal):
    """The agency's custom properties in HubSpot's groups go into the sandbox's own copies of those
    groups: nothing creates or renames a HubSpot group."""
    from hubwizard.portals import Connection
    from hubwizard.provision import apply_reviewed, plan_against
    from hubwizard.sandbox import start_sandbox

    config = export_config(read_portal(gateway(agency))).config
    config = config.model_copy(
        update={
            "pipelines": [],
            "workflows": [],  # they live in the recorded portal only (see test_recorded_workflows)
            "portal": Portal(tier="professional"),
            "property_groups": [g for g in config.property_groups if g.object == "deals"],
        }
    )
    with start_sandbox(tier="professional", seed=3) as sandbox:
        connection = Connection("sandbox", sandbox.url, Gateway(sandbox.url, "t", max_attempts=2), "sandbox")
        planned = plan_against(connection, config)
        assert planned.plan.ok, [f.message for f in planned.plan.refusals]
        created_groups = {op.key for op in planned.plan.writes if op.kind == "property_group"}
        assert created_groups == {"deals/agency_services", "deals/old_campaign_fields"}
        assert apply_reviewed(connection, config, planned).report.ok
        again = plan_against(connection, config).plan
        assert [op.title for op in again.writes] == []
        connection.close()


def test_hubspot_group_missing_from_the_portal_is_refused_not_created(agency: RecordedPortal):
    config = Config(
        property_groups=[
            PropertyGroup(
                object="deals",
                name="deal_forecasting",
                label="Deal forecasting",
                hubspot_defined=True,
                properties=[Property(name="forecast_note", label="Forecast note")],
            )
        ]
    )
    plan = make_plan(config, read_for(gateway(agency), config))
    assert [f.code for f in plan.refusals] == ["PLAN303"]
    assert not any(op.kind == "property_group" and op.writes for op in plan.operations)
