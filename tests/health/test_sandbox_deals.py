"""Deals in the sandbox behave as HubSpot documents them, through the official SDK: stage
history at the sandbox clock, closed/won flags, batch endpoints, propertiesWithHistory, and
search with its page size, 10,000-result cap and per-second limit."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest
from hubspot.crm.deals import (
    ApiException,
    BatchInputSimplePublicObjectBatchInput,
    BatchInputSimplePublicObjectBatchInputForCreate,
    BatchReadInputSimplePublicObjectId,
    PublicObjectSearchRequest,
    SimplePublicObjectBatchInput,
    SimplePublicObjectBatchInputForCreate,
    SimplePublicObjectId,
    SimplePublicObjectInput,
    SimplePublicObjectInputForCreate,
)
from sdk_fixtures import body_of

from hubwizard.sandbox.routes.objects import SEARCH_PER_SECOND

DAY_MS = 86_400_000


def set_clock(sb, when: str | None) -> dict:
    request = urllib.request.Request(
        f"{sb.url}/_sandbox/clock",
        data=json.dumps({"now": when}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def ms(text: str) -> int:
    from datetime import datetime

    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


STAGE_PROPS = [
    "dealstage",
    "hs_is_closed",
    "hs_is_closed_won",
    "closedate",
    "createdate",
    "hs_v2_date_entered_current_stage",
    "hs_v2_time_in_current_stage",
    *(
        f"{p}{s}"
        for s in ("appointmentscheduled", "qualifiedtobuy", "closedwon")
        for p in (
            "hs_v2_date_entered_",
            "hs_v2_date_exited_",
            "hs_v2_latest_time_in_",
            "hs_v2_cumulative_time_in_",
        )
    ),
]


def test_stage_history_follows_the_sandbox_clock(sb, api):
    assert set_clock(sb, "2026-03-02T09:00:00Z") == {"now": "2026-03-02T09:00:00.000Z", "set": True}
    created = api.deals.create(
        SimplePublicObjectInputForCreate(
            properties={"dealname": "Clocked", "dealstage": "appointmentscheduled"}
        )
    )
    p = created.properties
    assert p["createdate"] == "2026-03-02T09:00:00.000Z"
    assert p["hs_v2_date_entered_current_stage"] == "2026-03-02T09:00:00.000Z"
    assert p["hs_is_closed"] == "false"
    # a write's answer carries only the current-stage pair, not the per-stage history
    assert not any(k.startswith("hs_v2_date_entered_appointment") for k in p)

    set_clock(sb, "2026-03-05T09:00:00Z")
    api.deals.update(created.id, SimplePublicObjectInput(properties={"dealstage": "qualifiedtobuy"}))
    set_clock(sb, "2026-03-12T09:00:00Z")
    api.deals.update(created.id, SimplePublicObjectInput(properties={"dealstage": "closedwon"}))

    p = api.deals.get_by_id(created.id, properties=STAGE_PROPS).properties
    assert p["hs_v2_date_entered_appointmentscheduled"] == "2026-03-02T09:00:00.000Z"
    assert p["hs_v2_date_exited_appointmentscheduled"] == "2026-03-05T09:00:00.000Z"
    assert p["hs_v2_latest_time_in_appointmentscheduled"] == str(3 * DAY_MS)  # milliseconds
    assert p["hs_v2_cumulative_time_in_qualifiedtobuy"] == str(7 * DAY_MS)
    assert p["hs_v2_date_entered_closedwon"] == "2026-03-12T09:00:00.000Z"
    assert p["hs_v2_date_exited_closedwon"] is None
    assert (p["hs_is_closed"], p["hs_is_closed_won"]) == ("true", "true")
    assert p["closedate"] == "2026-03-12T09:00:00.000Z"  # set on closing when it was empty

    set_clock(sb, "2026-03-20T09:00:00Z")
    api.deals.update(created.id, SimplePublicObjectInput(properties={"dealstage": "qualifiedtobuy"}))
    p = api.deals.get_by_id(created.id, properties=STAGE_PROPS).properties
    assert (p["hs_is_closed"], p["hs_is_closed_won"]) == ("false", "false")
    assert p["hs_v2_cumulative_time_in_qualifiedtobuy"] == str(7 * DAY_MS)  # back in it, still counting
    assert p["hs_v2_date_entered_qualifiedtobuy"] == "2026-03-20T09:00:00.000Z"

    history = api.deals.get_by_id(created.id, properties_with_history=["dealstage"]).properties_with_history
    assert [(h.value, h.timestamp.isoformat()) for h in history["dealstage"]] == [
        ("qualifiedtobuy", "2026-03-20T09:00:00+00:00"),
        ("closedwon", "2026-03-12T09:00:00+00:00"),
        ("qualifiedtobuy", "2026-03-05T09:00:00+00:00"),
        ("appointmentscheduled", "2026-03-02T09:00:00+00:00"),
    ]
    assert set_clock(sb, None)["set"] is False


def test_calculated_properties_are_read_only(sb, api):
    with pytest.raises(ApiException) as err:
        api.deals.create(
            SimplePublicObjectInputForCreate(
                properties={"dealname": "x", "hs_v2_date_entered_closedwon": "1"}
            )
        )
    assert err.value.status == 400
    assert "read-only" in body_of(err.value)["message"]


def test_clock_refuses_bad_input(sb):
    for body in ({"now": "yesterday"}, {"later": 1}):
        request = urllib.request.Request(
            f"{sb.url}/_sandbox/clock",
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(request, timeout=5)
        assert err.value.code == 400
        assert "ISO time" in json.loads(err.value.read())["message"]


def test_batch_create_update_read(sb, client):
    batch = client.crm.deals.batch_api
    set_clock(sb, "2026-05-01T09:00:00Z")
    created = batch.create(
        BatchInputSimplePublicObjectBatchInputForCreate(
            inputs=[
                SimplePublicObjectBatchInputForCreate(
                    properties={"dealname": f"B{i}", "amount": str(i * 100)}
                )
                for i in range(3)
            ]
        )
    )
    assert created.status == "COMPLETE" and len(created.results) == 3
    ids = [r.id for r in created.results]
    set_clock(sb, "2026-05-04T09:00:00Z")
    updated = batch.update(
        BatchInputSimplePublicObjectBatchInput(
            inputs=[SimplePublicObjectBatchInput(id=i, properties={"dealstage": "closedlost"}) for i in ids]
        )
    )
    assert {r.properties["hs_is_closed"] for r in updated.results} == {"true"}
    read = batch.read(
        BatchReadInputSimplePublicObjectId(
            inputs=[SimplePublicObjectId(id=i) for i in [*ids, "999999999"]],
            properties=["hs_v2_latest_time_in_appointmentscheduled", "hs_is_closed_won"],
            properties_with_history=["dealstage"],
        )
    )
    assert len(read.results) == 3  # the unknown id is reported, not fatal (207)
    assert read.errors[0].context["ids"] == ["999999999"]
    for record in read.results:
        assert record.properties["hs_v2_latest_time_in_appointmentscheduled"] == str(3 * DAY_MS)
        assert [h.value for h in record.properties_with_history["dealstage"]] == [
            "closedlost",
            "appointmentscheduled",
        ]
    with pytest.raises(ApiException) as err:
        batch.create(
            BatchInputSimplePublicObjectBatchInputForCreate(
                inputs=[SimplePublicObjectBatchInputForCreate(properties={"dealname": "x"})] * 101
            )
        )
    assert err.value.status == 400 and "at most 100" in body_of(err.value)["message"]


def test_list_with_history_pages_by_fifty(sb, api):
    from hubwizard.health.generator import generate
    from hubwizard.sandbox.seed_deals import seed_deals

    seed_deals(sb.portal, generate(120, 1))
    page = api.deals.get_page(limit=100, properties_with_history=["dealstage"])
    assert len(page.results) == 50
    assert all(r.properties_with_history["dealstage"] for r in page.results)
    assert len(api.deals.get_page(limit=100).results) == 100


def test_search_caps_and_limit(sb, api):
    from hubwizard.health.generator import generate
    from hubwizard.sandbox.seed_deals import seed_deals

    seed_deals(sb.portal, generate(300, 2))
    with pytest.raises(ApiException) as err:
        api.deal_search.do_search(PublicObjectSearchRequest(limit=201))
    assert err.value.status == 400
    time.sleep(1.1)
    with pytest.raises(ApiException) as err:
        api.deal_search.do_search(PublicObjectSearchRequest(limit=100, after="9950"))
    assert err.value.status == 400 and "10000" in body_of(err.value)["message"]
    time.sleep(1.1)
    page = api.deal_search.do_search(PublicObjectSearchRequest(limit=200))
    assert page.total == 308 and len(page.results) == 200 and page.paging.next.after == "200"
    # the search limit: a sixth search within a second is refused, others are not
    time.sleep(1.1)
    statuses = []
    for _ in range(SEARCH_PER_SECOND + 1):
        try:
            api.deal_search.do_search(PublicObjectSearchRequest(limit=1))
            statuses.append(200)
        except ApiException as exc:
            statuses.append(exc.status)
            assert body_of(exc)["policyName"] == "SECONDLY"
    assert statuses == [200] * SEARCH_PER_SECOND + [429]
    time.sleep(1.1)
    assert api.deal_search.do_search(PublicObjectSearchRequest(limit=1)).total == 308


def test_search_compares_dates_as_dates(sb, api):
    from hubspot.crm.deals import Filter, FilterGroup

    set_clock(sb, "2026-01-10T09:00:00Z")
    api.deals.create(SimplePublicObjectInputForCreate(properties={"dealname": "January"}))
    set_clock(sb, None)
    time.sleep(0.25)
    since = str(ms("2026-01-01T00:00:00Z"))
    until = str(ms("2026-02-01T00:00:00Z"))
    found = api.deal_search.do_search(
        PublicObjectSearchRequest(
            filter_groups=[
                FilterGroup(
                    filters=[
                        Filter(property_name="createdate", operator="GTE", value=since),
                        Filter(property_name="createdate", operator="LT", value=until),
                    ]
                )
            ],
            properties=["dealname"],
        )
    )
    assert [r.properties["dealname"] for r in found.results] == ["January"]
