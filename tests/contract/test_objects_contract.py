"""Records (deals, tickets, custom objects) through the official SDK: CRUD and search."""

from __future__ import annotations

import time

import pytest
from hubspot.crm.deals import (
    ApiException,
    Filter,
    FilterGroup,
    PublicObjectSearchRequest,
    SimplePublicObjectInput,
    SimplePublicObjectInputForCreate,
)
from hubspot.crm.deals.exceptions import NotFoundException
from hubspot.crm.tickets import SimplePublicObjectInputForCreate as TicketInput
from sdk_fixtures import body_of

from hubwizard.sandbox.routes.objects import SEARCH_PER_SECOND
from hubwizard.sandbox.seed import SAMPLE_DEALS


def search(api, *filters: Filter, properties=None, limit: int = 100, after=None, groups=None):
    request = PublicObjectSearchRequest(
        filter_groups=groups if groups is not None else [FilterGroup(filters=list(filters))],
        properties=properties or ["dealname", "amount", "dealstage"],
        limit=limit,
        after=after,
    )
    time.sleep(1 / SEARCH_PER_SECOND)  # HubSpot's (and the sandbox's) search limit per second
    return api.deal_search.do_search(request)


def test_fresh_portal_has_sample_deals_over_the_default_stages(sb, api):
    page = api.deals.get_page(
        limit=100, properties=["dealname", "amount", "dealstage", "pipeline", "hubspot_owner_id"]
    )
    deals = page.results
    assert len(deals) == len(SAMPLE_DEALS) == 8
    assert all(d.properties["pipeline"] == "default" and float(d.properties["amount"]) > 0 for d in deals)
    assert len({d.properties["dealstage"] for d in deals}) >= 6
    owners = {o.id for o in api.owners.get_page().results}
    assert {d.properties["hubspot_owner_id"] for d in deals} <= owners
    first = api.deals.get_page(limit=5)
    assert len(first.results) == 5 and first.paging.next.after


def test_create_read_update_archive(sb, api):
    created = api.deals.create(
        SimplePublicObjectInputForCreate(
            properties={"dealname": "New deal", "amount": "1500", "dealstage": "qualifiedtobuy"}
        )
    )
    assert created is not None and created.id.isdigit()
    assert created.properties["pipeline"] == "default"
    assert created.properties["hs_deal_stage_probability"] == "0.4"
    assert created.properties["hs_object_id"] == created.id
    got = api.deals.get_by_id(created.id, properties=["dealname", "amount"])
    assert got.properties["dealname"] == "New deal" and got.properties["amount"] == "1500"
    moved = api.deals.update(created.id, SimplePublicObjectInput(properties={"dealstage": "closedwon"}))
    assert (
        moved.properties["dealstage"] == "closedwon"
        and moved.properties["hs_deal_stage_probability"] == "1.0"
    )
    assert api.deals.archive(created.id) is None
    with pytest.raises(NotFoundException):
        api.deals.get_by_id(created.id)


def test_stage_must_belong_to_the_pipeline_and_properties_must_exist(sb, api):
    with pytest.raises(ApiException) as err:
        api.deals.create(SimplePublicObjectInputForCreate(properties={"dealname": "X", "dealstage": "nope"}))
    assert err.value.status == 400 and "nope" in body_of(err.value)["message"]
    with pytest.raises(ApiException) as err:
        api.deals.create(
            SimplePublicObjectInputForCreate(properties={"dealname": "X", "favourite_colour": "blue"})
        )
    body = body_of(err.value)
    assert err.value.status == 400 and body["errors"][0]["code"] == "PROPERTY_DOESNT_EXIST"


def test_search_by_pipeline_and_stage(sb, api):
    everything = search(api, Filter(property_name="pipeline", operator="EQ", value="default"))
    assert everything.total == 8
    qualified = search(api, Filter(property_name="dealstage", operator="EQ", value="qualifiedtobuy"))
    assert qualified.total == 2
    assert {d.properties["dealstage"] for d in qualified.results} == {"qualifiedtobuy"}
    closed = search(api, Filter(property_name="dealstage", operator="IN", values=["closedwon", "closedlost"]))
    assert closed.total == 2
    open_deals = search(
        api,
        Filter(property_name="dealstage", operator="NEQ", value="closedwon"),
        Filter(property_name="dealstage", operator="NEQ", value="closedlost"),
    )
    assert open_deals.total == 6
    either = search(
        api,
        groups=[
            FilterGroup(filters=[Filter(property_name="dealstage", operator="EQ", value="closedwon")]),
            FilterGroup(filters=[Filter(property_name="amount", operator="GTE", value="25000")]),
        ],
    )
    assert either.total == 3
    paged = search(api, Filter(property_name="pipeline", operator="EQ", value="default"), limit=5)
    assert len(paged.results) == 5 and paged.total == 8
    rest = search(
        api,
        Filter(property_name="pipeline", operator="EQ", value="default"),
        limit=5,
        after=paged.paging.next.after,
    )
    assert len(rest.results) == 3 and rest.paging is None
    with pytest.raises(ApiException) as err:
        search(api, Filter(property_name="dealstage", operator="LIKE", value="x"))
    assert err.value.status == 400


def test_tickets_and_custom_objects_use_hs_pipeline_stage(sb, api):
    ticket = api.tickets.create(
        TicketInput(properties={"subject": "Printer on fire", "hs_pipeline_stage": "2"})
    )
    assert ticket.properties["hs_pipeline"] == "0" and ticket.properties["hs_pipeline_stage"] == "2"
    answer = api.objects.get_page("tickets", properties=["hs_pipeline_stage"])
    assert [t.properties["hs_pipeline_stage"] for t in answer.results] == ["2"]
