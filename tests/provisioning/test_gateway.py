"""The gateway: one error type from every SDK package and from api_request, retries that never
duplicate a create, the daily-limit stop, and no token in any message."""

from __future__ import annotations

import http.server
import threading

import pytest
from provisioning_helpers import TOKEN, fresh_connection

from hubwizard.errors import PortalError
from hubwizard.gateway import Gateway


def test_errors_from_every_package_become_portal_errors(portal, sandbox):
    gateway = portal.gateway
    with pytest.raises(PortalError) as pipelines_error:  # hubspot.crm.pipelines
        gateway.create_pipeline(
            "deals", "Bad", 0, [{"label": "x", "displayOrder": 0, "metadata": {"probability": "0.55"}}]
        )
    assert pipelines_error.value.status == 400
    assert pipelines_error.value.category == "VALIDATION_ERROR"
    assert pipelines_error.value.correlation_id

    gateway.create_group("deals", "dup", "Dup")
    created, errors = gateway.create_properties(
        "deals",
        [{"name": "dup_prop", "label": "D", "type": "string", "fieldType": "text", "groupName": "dup"}],
    )
    assert [p["name"] for p in created] == ["dup_prop"] and errors == []
    with pytest.raises(PortalError) as properties_error:  # hubspot.crm.properties
        gateway.update_property("deals", "no_such_property", {"label": "x"})
    assert properties_error.value.status == 404

    sandbox.set_tier("professional")
    with pytest.raises(PortalError) as schemas_error:  # hubspot.crm.schemas
        gateway.create_schema(
            {
                "name": "thing",
                "labels": {"singular": "Thing", "plural": "Things"},
                "properties": [{"name": "n", "label": "N", "type": "string", "fieldType": "text"}],
                "primaryDisplayProperty": "n",
                "requiredProperties": ["n"],
                "associatedObjects": [],
            }
        )
    assert schemas_error.value.status == 403
    sandbox.set_tier("starter")
    with pytest.raises(PortalError) as flows_error:  # api_request
        gateway.create_flow(
            {
                "name": "x",
                "type": "PLATFORM_FLOW",
                "objectTypeId": "0-3",
                "flowType": "WORKFLOW",
                "actions": [],
                "enrollmentCriteria": {},
            }
        )
    assert flows_error.value.status == 403
    assert "Professional" in flows_error.value.advice
    for error in (pipelines_error, properties_error, schemas_error, flows_error):
        assert TOKEN not in str(error.value)


def test_wrong_token_is_a_clear_401(sandbox):
    sandbox.reset()
    with pytest.raises(PortalError) as caught:
        Gateway(sandbox.url, "", backoff=0.01).pipelines("deals")
    assert caught.value.status == 401
    assert "HUBSPOT_ACCESS_TOKEN" in caught.value.advice


def test_a_create_whose_answer_is_lost_is_read_back_not_sent_again(portal, sandbox):
    sandbox.faults.update(drop_after=0, drop_mode="after")  # the next request is applied, its answer lost
    pipeline = portal.gateway.create_pipeline(
        "deals", "Renewals", 3, [{"label": "Open", "displayOrder": 0, "metadata": {"probability": "0.5"}}]
    )
    assert pipeline["label"] == "Renewals"
    assert portal.gateway.stats.rechecks == 1
    labels = [p["label"] for p in portal.gateway.pipelines("deals")]
    assert labels.count("Renewals") == 1


def test_a_batch_create_whose_answer_is_lost_is_read_back(portal, sandbox):
    portal.gateway.create_group("deals", "g", "G")
    sandbox.faults.update(drop_after=0, drop_mode="after")
    inputs = [
        {"name": f"p{i}", "label": f"P{i}", "type": "string", "fieldType": "text", "groupName": "g"}
        for i in range(5)
    ]
    created, errors = portal.gateway.create_properties("deals", inputs)
    assert sorted(p["name"] for p in created) == [f"p{i}" for i in range(5)] and not errors


def test_daily_limit_stops_with_a_clear_message(sandbox):
    sandbox.reset()
    sandbox.daily_limit = 3
    connection = fresh_connection(sandbox)
    try:
        for _ in range(3):
            connection.gateway.pipelines("deals")
        with pytest.raises(PortalError) as caught:
            connection.gateway.pipelines("deals")
        assert caught.value.is_daily_limit
        assert "daily API limit" in caught.value.advice
        assert connection.gateway.stats.rate_limited == 1  # no retry storm against a daily limit
    finally:
        sandbox.daily_limit = None
        connection.gateway.close()


def test_every_call_has_a_timeout():
    """A portal that accepts the connection and never answers: the call ends, as a PortalError."""

    class Silent(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            threading.Event().wait(5)

        do_PATCH = do_GET  # noqa: N815 (the handler name http.server looks for)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Silent)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    gateway = Gateway(url, TOKEN, timeout=(0.5, 0.3), max_attempts=2, backoff=0.01)
    try:
        with pytest.raises(PortalError) as sdk_call:  # an SDK API object
            gateway.update_group("deals", "facts", "Facts")
        with pytest.raises(PortalError) as api_call:  # a plain request
            gateway.pipelines("deals")
        assert "no answer" in str(sdk_call.value) and "no answer" in str(api_call.value)
    finally:
        server.shutdown()
        server.server_close()


def test_read_only_posts_are_sent_again_after_a_dropped_connection(portal, sandbox):
    """Retries follow what a call does, not its method: a search and a flows batch read are
    reads, so a lost answer is simply asked again."""
    gateway = portal.gateway
    expected = gateway.stage_usage("deals", "dealstage", "appointmentscheduled")
    sandbox.faults.update(drop_after=0, drop_mode="after")
    assert gateway.stage_usage("deals", "dealstage", "appointmentscheduled") == expected
    assert sandbox.stats()["dropped"] == 1
    flow = gateway.create_flow(
        {
            "name": "Read me",
            "type": "PLATFORM_FLOW",
            "objectTypeId": "0-3",
            "flowType": "WORKFLOW",
            "isEnabled": False,
            "actions": [],
            "enrollmentCriteria": {"type": "MANUAL"},
        }
    )
    sandbox.faults.update(drop_after=1, drop_mode="after")  # the list answers, the batch read is lost
    assert [f["id"] for f in gateway.flows()] == [flow["id"]]
    assert sandbox.stats()["dropped"] == 2
    assert gateway.stats.rechecks == 0


def test_a_write_whose_fate_is_unknown_is_not_sent_twice_blind(portal, sandbox):
    """A non-idempotent write without a way to check it (here: a record create) is reported,
    not re-sent, when its answer is lost."""
    sandbox.faults.update(drop_after=0, drop_mode="after")
    with pytest.raises(PortalError) as caught:
        portal.gateway._api("POST", "/crm/v3/objects/deals", body={"properties": {"dealname": "Once"}})
    assert caught.value.ambiguous
    found = portal.gateway._api("GET", "/crm/v3/objects/deals", qs={"limit": 100}) or {}
    names = [r["properties"].get("dealname") for r in found.get("results", [])]
    assert names.count("Once") == 1
