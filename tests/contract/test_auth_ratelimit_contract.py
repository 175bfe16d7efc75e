"""Authentication and HubSpot's rate limits, as the SDK sees them."""

from __future__ import annotations

import pytest
from hubspot import HubSpot
from hubspot.crm.pipelines import ApiException
from hubspot.crm.pipelines.exceptions import UnauthorizedException
from hubspot.crm.properties import PropertyCreate
from sdk_fixtures import body_of
from urllib3.util.retry import Retry

from hubwizard.sandbox import start_sandbox

NO_RETRY = Retry(total=0, respect_retry_after_header=False, raise_on_status=False)
"""The SDK's default urllib3 retry honours Retry-After on GETs: it would sleep through a 429."""

RATE_HEADERS = (
    "X-HubSpot-RateLimit-Max",
    "X-HubSpot-RateLimit-Remaining",
    "X-HubSpot-RateLimit-Interval-Milliseconds",
    "X-HubSpot-RateLimit-Daily",
    "X-HubSpot-RateLimit-Daily-Remaining",
)


def test_no_token_is_401(sb):
    anonymous = HubSpot(host=sb.url).crm.pipelines.pipelines_api
    with pytest.raises(UnauthorizedException) as err:
        anonymous.get_all("deals")
    assert err.value.status == 401
    assert body_of(err.value)["category"] == "INVALID_AUTHENTICATION"


def test_configured_token_must_match():
    with start_sandbox(token="pat-na1-right") as sb:
        wrong = HubSpot(access_token="pat-na1-wrong", host=sb.url).crm.pipelines.pipelines_api
        with pytest.raises(UnauthorizedException) as err:
            wrong.get_all("deals")
        body = body_of(err.value)
        assert "pat-na1-right" not in err.value.body and "pat-na1-wrong" not in err.value.body
        assert body["category"] == "INVALID_AUTHENTICATION"
        right = HubSpot(access_token="pat-na1-right", host=sb.url).crm.pipelines.pipelines_api
        assert right.get_all("deals").results[0].id == "default"
        assert "pat-na1-right" not in repr(sb)


@pytest.mark.parametrize(
    ("tier", "per_10s", "daily"), [("free", 100, 250_000), ("enterprise", 190, 1_000_000)]
)
def test_rate_limit_headers_on_every_answer(sb, api, tier, per_10s, daily):
    sb.set_tier(tier)
    assert sb.stats()["total"] == 0
    _, status, headers = api.pipelines.get_all_with_http_info("deals")
    assert status == 200
    assert headers["X-HubSpot-RateLimit-Max"] == str(per_10s)
    assert headers["X-HubSpot-RateLimit-Remaining"] == str(per_10s - 1)
    assert headers["X-HubSpot-RateLimit-Interval-Milliseconds"] == "10000"
    assert headers["X-HubSpot-RateLimit-Daily"] == str(daily)
    assert headers["X-HubSpot-RateLimit-Daily-Remaining"] == str(daily - 1)
    with pytest.raises(ApiException) as err:
        api.pipelines.get_by_id("deals", "nope")
    assert all(h in err.value.headers for h in RATE_HEADERS)


@pytest.fixture(scope="module")
def pipelines_no_retry(sandbox):
    return HubSpot(access_token="pat-test", host=sandbox.url, retry=NO_RETRY).crm.pipelines.pipelines_api


def test_ten_secondly_limit_is_429_with_hubspots_body(sb, pipelines_no_retry):
    sb.rate_limit = 5
    for _ in range(5):
        pipelines_no_retry.get_all("deals")
    with pytest.raises(ApiException) as err:
        pipelines_no_retry.get_all("deals")
    assert err.value.status == 429
    body = body_of(err.value)
    assert body["message"] == "You have reached your ten_secondly_rolling limit."
    assert body["errorType"] == "RATE_LIMIT"
    assert body["policyName"] == "TEN_SECONDLY_ROLLING"
    assert body["groupName"]
    assert set(body) == {"status", "message", "errorType", "correlationId", "policyName", "groupName"}
    assert 1 <= int(err.value.headers["Retry-After"]) <= 10
    assert err.value.headers["X-HubSpot-RateLimit-Remaining"] == "0"
    assert sb.stats()["rateLimited"] == 1


def test_window_is_per_token(sb):
    sb.rate_limit = 3
    first = HubSpot(access_token="pat-app-one", host=sb.url, retry=NO_RETRY).crm.pipelines.pipelines_api
    second = HubSpot(access_token="pat-app-two", host=sb.url, retry=NO_RETRY).crm.pipelines.pipelines_api
    for _ in range(3):
        first.get_all("deals")
    with pytest.raises(ApiException):
        first.get_all("deals")
    assert second.get_all("deals") is not None


def test_daily_limit_is_429_daily(sb, pipelines_no_retry):
    sb.daily_limit = 3
    for _ in range(3):
        pipelines_no_retry.get_all("deals")
    with pytest.raises(ApiException) as err:
        pipelines_no_retry.get_all("deals")
    body = body_of(err.value)
    assert err.value.status == 429 and body["policyName"] == "DAILY"
    assert body["message"] == "You have reached your daily limit."
    assert int(err.value.headers["Retry-After"]) >= 1
    assert err.value.headers["X-HubSpot-RateLimit-Daily-Remaining"] == "0"


def test_sdk_retry_with_all_methods_rides_out_429s(sb):
    sb.faults.update(rate_429=0.5, seed=3)
    retry = Retry(
        total=12,
        status=12,
        status_forcelist=(429,),
        allowed_methods=None,
        backoff_factor=0,
        respect_retry_after_header=False,
        raise_on_status=False,
    )
    properties = HubSpot(access_token="pat-retry", host=sb.url, retry=retry).crm.properties.core_api
    for i in range(6):
        created = properties.create(
            "deals",
            PropertyCreate(
                name=f"retried_{i}", label="R", type="string", field_type="text", group_name="dealinformation"
            ),
        )
        assert created.name == f"retried_{i}"
    stats = sb.stats()
    assert stats["faultsInjected"] == stats["rateLimited"] > 0
    assert stats["byStatus"]["201"] == 6


def test_sandbox_paths_need_no_token_and_are_not_limited(sb):
    import http.client

    sb.rate_limit = 1
    host, port = sb.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    for _ in range(5):
        conn.request("GET", "/_sandbox/health")
        answer = conn.getresponse()
        assert answer.status == 200 and answer.getheader("X-HubSpot-RateLimit-Max") is None
        answer.read()
    conn.close()
    assert sb.stats()["total"] == 0
