"""Limits, owners and account details: ``api_request`` and the SDK's owners API."""

from __future__ import annotations

import pytest
from hubspot.crm.owners.exceptions import NotFoundException
from hubspot.crm.pipelines import PipelineInput, PipelineStageInput
from hubspot.crm.properties import PropertyCreate
from hubspot.crm.schemas import ObjectSchemaEgg, ObjectTypeDefinitionLabels, ObjectTypePropertyCreate
from sdk_fixtures import body_of

from hubwizard import hubspot_rules as rules
from hubwizard.hubspot_rules import Tier


def get(client, path: str, **qs):
    answer = client.api_request({"method": "GET", "path": path, **({"qs": qs} if qs else {})})
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.mark.parametrize("tier", list(Tier))
def test_pipeline_limits_follow_the_tier(sb, client, tier):
    sb.set_tier(tier)
    limits = get(client, "/crm/v3/limits/pipelines")
    by_type = {e["objectTypeId"]: e for e in limits["hubspotDefinedObjectTypes"]}
    assert set(by_type) == {"0-3", "0-5"}
    deals = by_type["0-3"]
    assert (deals["singularLabel"], deals["pluralLabel"]) == ("Deal", "Deals")
    assert deals["limit"] == rules.PIPELINES_PER_OBJECT[tier]
    assert deals["usage"] == 1
    assert deals["percentage"] == pytest.approx(100 / rules.PIPELINES_PER_OBJECT[tier], abs=0.01)
    custom = limits["customObjectTypes"]
    assert custom["byObjectType"] == [] and custom["overallUsage"] == 0
    assert {"overallLimit", "overallPercentage"} <= set(custom)


def test_pipeline_limits_count_custom_object_pipelines(sb, api, client):
    schema = api.schemas.create(
        ObjectSchemaEgg(
            name="cars",
            labels=ObjectTypeDefinitionLabels(singular="Car", plural="Cars"),
            properties=[
                ObjectTypePropertyCreate(name="model", label="Model", type="string", field_type="text")
            ],
            required_properties=[],
            associated_objects=[],
        )
    )
    api.pipelines.create(
        schema.object_type_id,
        PipelineInput(
            label="P", display_order=0, stages=[PipelineStageInput(label="A", display_order=0, metadata={})]
        ),
    )
    custom = get(client, "/crm/v3/limits/pipelines")["customObjectTypes"]
    assert custom["byObjectType"] == [
        {"objectTypeId": schema.object_type_id, "singularLabel": "Car", "pluralLabel": "Cars", "usage": 1}
    ]
    assert custom["overallUsage"] == 1
    objects = get(client, "/crm/v3/limits/custom-object-types")
    assert objects == {"limit": 10, "usage": 1, "percentage": 10.0}


@pytest.mark.parametrize("tier", list(Tier))
def test_custom_object_limit_follows_the_tier(sb, client, tier):
    sb.set_tier(tier)
    limit = rules.CUSTOM_OBJECT_TYPES[tier]
    assert get(client, "/crm/v3/limits/custom-object-types") == {
        "limit": limit,
        "usage": 0,
        "percentage": 0.0,
    }


def test_custom_property_limits_count_custom_properties_only(sb, api, client):
    before = get(client, "/crm/v3/limits/custom-properties")
    deals = next(e for e in before["byObjectType"] if e["objectTypeId"] == "0-3")
    assert deals == {
        "objectTypeId": "0-3",
        "singularLabel": "Deal",
        "pluralLabel": "Deals",
        "usage": 0,
        "limit": rules.CUSTOM_PROPERTIES_PER_OBJECT,
        "percentage": 0.0,
    }
    assert before["overallUsage"] == 0 and before["overallLimit"] == 10_000
    api.properties.create(
        "deals",
        PropertyCreate(
            name="region", label="Region", type="string", field_type="text", group_name="dealinformation"
        ),
    )
    after = get(client, "/crm/v3/limits/custom-properties")
    assert next(e for e in after["byObjectType"] if e["objectTypeId"] == "0-3")["usage"] == 1
    assert after["overallUsage"] == 1 and after["overallPercentage"] == 0.01


def test_owners(sb, api):
    page = api.owners.get_page()
    assert page is not None
    owners = page.results
    assert len(owners) == 4
    for owner in owners:
        assert owner.id and owner.email.endswith("@example.com")
        assert owner.first_name and owner.last_name and isinstance(owner.user_id, int)
        assert owner.archived is False and owner.teams and owner.teams[0].name
    assert page.paging is None
    first = api.owners.get_page(limit=3)
    assert len(first.results) == 3 and first.paging.next.after
    rest = api.owners.get_page(limit=3, after=first.paging.next.after)
    assert [o.id for o in first.results + rest.results] == [o.id for o in owners] and rest.paging is None
    assert api.owners.get_by_id(owners[1].id).email == owners[1].email
    assert [o.id for o in api.owners.get_page(email=owners[2].email).results] == [owners[2].id]
    with pytest.raises(NotFoundException) as err:
        api.owners.get_by_id("1")
    assert body_of(err.value)["category"] == "OBJECT_NOT_FOUND"


def test_account_details(sb, client):
    details = get(client, "/account-info/v3/details")
    assert details["portalId"] == 24681012
    assert details["uiDomain"] == "app.hubspot.com"
    assert {"accountType", "timeZone", "companyCurrency"} <= set(details)
