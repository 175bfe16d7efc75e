"""The recorded-portal server answers the official SDK and our gateway like HubSpot does."""

from __future__ import annotations

import json

import pytest
from hubspot import HubSpot
from recorded_portal import RECORDINGS, RecordedPortal

from hubwizard.errors import PortalError
from hubwizard.gateway import Gateway


@pytest.fixture(scope="module")
def agency():
    with RecordedPortal("agency-portal") as portal:
        yield portal


def test_sdk_reads_recorded_bodies(agency: RecordedPortal) -> None:
    client = HubSpot(access_token="recorded", host=agency.url, base_url=agency.url)
    page = client.crm.properties.core_api.get_all("deals")
    recorded = json.loads((RECORDINGS / "agency-portal/crm/v3/properties/deals.json").read_text())
    assert len(page.results) == len(recorded["results"]) >= 150
    assert {p.name for p in page.results} == {p["name"] for p in recorded["results"]}


def test_non_200_recording_is_served_with_its_status(agency: RecordedPortal) -> None:
    gateway = Gateway(agency.url, "recorded", max_attempts=1)
    with pytest.raises(PortalError) as caught:
        gateway.pipelines("tickets")
    assert caught.value.status == 403
    assert caught.value.category == "MISSING_SCOPES"


def test_missing_file_is_a_hubspot_404_and_query_strings_are_ignored(agency: RecordedPortal) -> None:
    gateway = Gateway(agency.url, "recorded", max_attempts=1)
    with pytest.raises(PortalError) as caught:
        gateway.pipelines("nonexistent")
    assert caught.value.status == 404
    assert caught.value.category == "OBJECT_NOT_FOUND"
    assert len(gateway.owners()) == 3  # asked with ?limit=100


def test_writes_are_captured_and_answered_plausibly(agency: RecordedPortal) -> None:
    gateway = Gateway(agency.url, "recorded", max_attempts=1)
    before = len(agency.writes)
    created = gateway.create_group("deals", "new_group", "New group")
    assert created["name"] == "new_group" and created["id"]
    replaced = gateway.replace_flow("123", {"name": "Flow", "revisionId": "7", "isEnabled": False})
    assert replaced["revisionId"] == "8"
    writes = agency.writes[before:]
    assert [(w.method, w.path) for w in writes] == [
        ("POST", "/crm/v3/properties/deals/groups"),
        ("PUT", "/automation/v4/flows/123"),
    ]
    assert writes[1].body == {"name": "Flow", "revisionId": "7", "isEnabled": False}
    # recordings never change: the portal still reads as recorded
    assert "new_group" not in {g["name"] for g in gateway.groups("deals")}
