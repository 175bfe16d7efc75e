"""Faults on demand: each one does what it says, and the SDK sees what a client of HubSpot would."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
import urllib3
from hubspot import HubSpot
from hubspot.crm.properties import ApiException, PropertyCreate
from hubspot.crm.properties.exceptions import NotFoundException, ServiceException
from sdk_fixtures import body_of
from urllib3.util.retry import Retry

from hubwizard.sandbox import Faults

NO_RETRY = Retry(total=0, respect_retry_after_header=False, raise_on_status=False)


def prop(name: str) -> PropertyCreate:
    return PropertyCreate(
        name=name, label=name, type="string", field_type="text", group_name="dealinformation"
    )


@pytest.fixture(scope="module")
def props(sandbox):
    return HubSpot(access_token="pat-test", host=sandbox.url, retry=NO_RETRY).crm.properties.core_api


def names(props) -> set[str]:
    return {p.name for p in props.get_all("deals").results}


def test_latency_is_added_to_api_requests(sb, props):
    sb.faults.latency_ms = 150
    started = time.perf_counter()
    props.get_by_name("deals", "amount")
    assert time.perf_counter() - started >= 0.15
    sb.faults.latency_ms = 0
    started = time.perf_counter()
    props.get_by_name("deals", "amount")
    assert time.perf_counter() - started < 0.15


def test_fail_rate_answers_5xx_and_applies_nothing(sb, props):
    sb.faults.fail_rate = 1.0
    statuses = set()
    for i in range(12):
        with pytest.raises(ServiceException) as err:
            props.create("deals", prop(f"never_{i}"))
        statuses.add(err.value.status)
        assert body_of(err.value)["category"] in {"INTERNAL_ERROR", "BAD_GATEWAY", "SERVICE_UNAVAILABLE"}
    assert statuses <= {500, 502, 503} and len(statuses) > 1
    sb.faults.fail_rate = 0.0
    assert not any(n.startswith("never_") for n in names(props))
    stats = sb.stats()
    assert stats["faultsInjected"] == 12 and stats["writes"] == 0


def test_rate_429_answers_429_and_applies_nothing(sb, props):
    sb.faults.rate_429 = 1.0
    with pytest.raises(ApiException) as err:
        props.create("deals", prop("limited"))
    assert err.value.status == 429
    body = body_of(err.value)
    assert body["policyName"] == "TEN_SECONDLY_ROLLING" and body["errorType"] == "RATE_LIMIT"
    assert err.value.headers["Retry-After"] == "1"
    sb.faults.rate_429 = 0.0
    assert "limited" not in names(props)
    assert sb.stats()["rateLimited"] == 1


def test_same_seed_same_faults(sb, props):
    def run() -> list[int]:
        sb.reset(settings=True)
        sb.faults.update(fail_rate=0.3, rate_429=0.3, seed=42)
        out = []
        for _ in range(30):
            try:
                props.get_by_name("deals", "amount")
                out.append(200)
            except ApiException as exc:
                out.append(exc.status)
        return out

    first, second = run(), run()
    assert first == second
    assert {200, 429} <= set(first) and set(first) & {500, 502, 503}


def test_drop_after_applies_the_write_and_drops_the_connection(sb, props):
    sb.faults.drop_after = 2
    props.get_by_name("deals", "amount")
    props.get_by_name("deals", "dealname")
    with pytest.raises(urllib3.exceptions.HTTPError):
        props.create("deals", prop("dropped_but_saved"))
    assert sb.faults.drop_after is None, "the drop fires once"
    assert props.get_by_name("deals", "dropped_but_saved").name == "dropped_but_saved"
    stats = sb.stats()
    assert stats["dropped"] == 1 and stats["writes"] == 1 and stats["byStatus"]["dropped"] == 1


def test_drop_before_does_not_apply_the_write(sb, props):
    sb.faults.update(drop_after=0, drop_mode="before")
    with pytest.raises(urllib3.exceptions.HTTPError):
        props.create("deals", prop("dropped_unsaved"))
    with pytest.raises(NotFoundException):
        props.get_by_name("deals", "dropped_unsaved")


def test_stale_reads_show_the_state_before_a_write(sb, props):
    sb.faults.stale_ms = 400
    props.create("deals", prop("fresh_one"))
    assert "fresh_one" not in names(props)
    with pytest.raises(NotFoundException):
        props.get_by_name("deals", "fresh_one")
    with pytest.raises(ApiException) as err:  # writes always see the truth
        props.create("deals", prop("fresh_one"))
    assert err.value.status == 409
    time.sleep(0.45)
    assert "fresh_one" in names(props)
    assert props.get_by_name("deals", "fresh_one").name == "fresh_one"


def test_stale_reads_are_per_collection(sb, props, api):
    sb.faults.stale_ms = 5000
    props.create("deals", prop("only_deals"))
    assert "dealinformation" in {g.name for g in api.groups.get_all("deals").results}
    assert any(p.name == "firstname" for p in api.properties.get_all("contacts").results)


def test_faults_over_http_and_validation(sb, props):
    def post(body: dict) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"{sb.url}/_sandbox/faults",
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    status, body = post({"failRate": 1.0, "latency_ms": 5})
    assert status == 200 and body["fail_rate"] == 1.0 and body["latency_ms"] == 5
    with pytest.raises(ServiceException):
        props.get_by_name("deals", "amount")
    status, body = post({"fail_rate": 2})
    assert status == 400 and body["category"] == "VALIDATION_ERROR"
    status, body = post({"clear": True})
    assert status == 200 and body["fail_rate"] == 0.0
    assert props.get_by_name("deals", "amount").name == "amount"


def test_fault_settings_are_checked():
    faults = Faults()
    with pytest.raises(ValueError):
        faults.fail_rate = 1.5
    with pytest.raises(ValueError):
        faults.drop_mode = "sideways"
    with pytest.raises(AttributeError):
        faults.fail_rat = 0.5  # type: ignore[attr-defined]
    assert Faults(fail_rate=0.25, seed=1).as_dict()["fail_rate"] == 0.25


def test_a_dropped_get_is_retried_by_the_sdks_default_retry(sb, client):
    """What a client should know: urllib3's default retry re-sends an idempotent GET."""
    default = client.crm.properties.core_api
    default.get_all("deals")
    sb.faults.drop_after = 0
    assert default.get_by_name("deals", "amount").name == "amount"
    stats = sb.stats()
    assert stats["dropped"] == 1 and stats["total"] == 3
