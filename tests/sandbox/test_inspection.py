"""The sandbox's own paths: health, stats, recent requests, reset and config."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request

import pytest
from hubspot import HubSpot
from hubspot.crm.properties import BatchInputPropertyCreate, PropertyCreate

SECRET = "pat-na1-very-secret-token"


def admin(sb, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"{sb.url}{path}", data=data, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.fixture(scope="module")
def secret_client(sandbox):
    return HubSpot(access_token=SECRET, host=sandbox.url, base_url=sandbox.url)


def test_health(sb):
    assert admin(sb, "GET", "/_sandbox/health") == (
        200,
        {"ok": True, "tier": "enterprise", "portalId": 24681012},
    )


def test_stats_count_by_method_and_route_template(sb, secret_client):
    properties = secret_client.crm.properties
    core, batch = properties.core_api, properties.batch_api
    core.get_all("deals")
    core.get_by_name("deals", "amount")
    core.get_by_name("deals", "dealname")
    batch.create(
        "deals",
        BatchInputPropertyCreate(
            inputs=[
                PropertyCreate(
                    name="s1", label="S", type="string", field_type="text", group_name="dealinformation"
                )
            ]
        ),
    )
    secret_client.api_request({"method": "GET", "path": "/crm/v3/nowhere"})
    status, stats = admin(sb, "GET", "/_sandbox/stats")
    assert status == 200
    assert stats == sb.stats()
    assert stats["total"] == 5
    assert stats["byMethod"] == {"GET": 4, "POST": 1}
    assert stats["byRoute"] == {
        "GET /crm/v3/properties/{objectType}": 1,
        "GET /crm/v3/properties/{objectType}/{propertyName}": 2,
        "POST /crm/v3/properties/{objectType}/batch/create": 1,
        "GET <no route>": 1,
    }
    assert stats["writes"] == 1
    assert stats["byStatus"] == {"200": 3, "201": 1, "404": 1}
    assert stats["rateLimited"] == 0 and stats["faultsInjected"] == 0


def test_recent_requests_never_hold_tokens(sb, secret_client):
    core = secret_client.crm.properties.core_api
    for name in ("amount", "dealname", "closedate"):
        core.get_by_name("deals", name)
    secret_client.api_request({"method": "GET", "path": "/crm/v3/owners", "qs": {"hapikey": SECRET}})
    status, recent = admin(sb, "GET", "/_sandbox/requests?limit=3")
    assert status == 200
    entries = recent["results"]
    assert [e["path"] for e in entries] == [
        "/crm/v3/properties/deals/dealname",
        "/crm/v3/properties/deals/closedate",
        "/crm/v3/owners",
    ]
    first = entries[0]
    assert first["method"] == "GET" and first["status"] == 200
    assert first["route"] == "GET /crm/v3/properties/{objectType}/{propertyName}"
    assert first["durationMs"] >= 0 and first["time"].endswith("Z")
    everything = json.dumps(admin(sb, "GET", "/_sandbox/requests?limit=1000")[1])
    assert SECRET not in everything and "Bearer" not in everything and "hapikey" not in everything


def test_reset_gives_a_fresh_portal_and_clears_stats(sb, secret_client):
    core = secret_client.crm.properties.core_api
    core.create(
        "deals",
        PropertyCreate(
            name="temp", label="T", type="string", field_type="text", group_name="dealinformation"
        ),
    )
    assert admin(sb, "POST", "/_sandbox/reset", {}) == (200, {"ok": True})
    assert sb.stats()["total"] == 0
    assert "temp" not in {p.name for p in core.get_all("deals").results}


def test_config_changes_the_tier(sb, secret_client):
    status, config = admin(sb, "POST", "/_sandbox/config", {"tier": "starter"})
    assert status == 200 and config["tier"] == "starter" and config["rateLimit"] == 100
    assert config["tokenRequired"] is False
    answer = secret_client.api_request({"method": "GET", "path": "/automation/v4/flows"})
    assert answer.status_code == 403
    assert admin(sb, "GET", "/_sandbox/health")[1]["tier"] == "starter"
    status, config = admin(sb, "POST", "/_sandbox/config", {"tier": "platinum"})
    assert status == 400 and config["category"] == "VALIDATION_ERROR"
    status, config = admin(sb, "POST", "/_sandbox/config", {"rateLimit": 7, "dailyLimit": 50})
    assert (config["rateLimit"], config["dailyLimit"]) == (7, 50)
    answer = secret_client.api_request({"method": "GET", "path": "/crm/v3/owners"})
    assert answer.headers["X-HubSpot-RateLimit-Max"] == "7"
    assert answer.headers["X-HubSpot-RateLimit-Daily"] == "50"


def test_sandbox_paths_reject_bad_input_too(sb):
    status, body = admin(sb, "POST", "/_sandbox/config", {"colour": "blue"})
    assert status == 400 and body["status"] == "error"
    status, body = admin(sb, "DELETE", "/_sandbox/stats")
    assert status == 405 and body["status"] == "error"


def test_refused_requests_are_counted_under_their_route(sb):
    host, port = sb.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.request("GET", "/crm/v3/properties/deals")  # no token
    conn.getresponse().read()
    conn.close()
    assert sb.stats()["byRoute"] == {"GET /crm/v3/properties/{objectType}": 1}
    assert sb.stats()["byStatus"] == {"401": 1}
