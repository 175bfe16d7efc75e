"""Custom object schemas through the official SDK (and the ``/crm/v3/schemas`` alias)."""

from __future__ import annotations

import pytest
from hubspot.crm.pipelines import PipelineInput, PipelineStageInput
from hubspot.crm.properties import PropertyCreate
from hubspot.crm.schemas import (
    ApiException,
    AssociationDefinitionEgg,
    ObjectSchemaEgg,
    ObjectTypeDefinitionLabels,
    ObjectTypeDefinitionPatch,
    ObjectTypePropertyCreate,
    OptionInput,
)
from hubspot.crm.schemas.exceptions import ForbiddenException, NotFoundException
from sdk_fixtures import body_of

PORTAL = 24681012


def cars(name: str = "cars", **kw) -> ObjectSchemaEgg:
    values = {
        "name": name,
        "labels": ObjectTypeDefinitionLabels(singular="Car", plural="Cars"),
        "properties": [
            ObjectTypePropertyCreate(name="model", label="Model", type="string", field_type="text"),
            ObjectTypePropertyCreate(name="year", label="Year", type="number", field_type="number"),
            ObjectTypePropertyCreate(
                name="fuel",
                label="Fuel",
                type="enumeration",
                field_type="select",
                options=[
                    OptionInput(label="Petrol", value="petrol", hidden=False, display_order=0),
                    OptionInput(label="Electric", value="electric", hidden=False, display_order=1),
                ],
            ),
        ],
        "required_properties": ["model"],
        "primary_display_property": "model",
        "secondary_display_properties": ["year"],
        "searchable_properties": ["model"],
        "associated_objects": ["CONTACT", "COMPANY", "DEAL"],
    }
    values.update(kw)
    return ObjectSchemaEgg(**values)


def test_create_read_update_archive(sb, api, client):
    schema = api.schemas.create(cars(description="Fleet"))
    assert schema is not None, "201 must deserialise into an ObjectSchema"
    assert schema.object_type_id.startswith("2-") and schema.id == schema.object_type_id[2:]
    assert schema.fully_qualified_name == f"p{PORTAL}_cars"
    assert (schema.labels.singular, schema.labels.plural) == ("Car", "Cars")
    assert schema.required_properties == ["model"] and schema.primary_display_property == "model"
    custom = {p.name: p for p in schema.properties if not p.hubspot_defined}
    assert set(custom) == {"model", "year", "fuel"}
    assert [o.value for o in custom["fuel"].options] == ["petrol", "electric"]
    assert {a.to_object_type_id for a in schema.associations} == {"0-1", "0-2", "0-3"}
    assert all(a.from_object_type_id == schema.object_type_id and a.id for a in schema.associations)

    for key in (schema.object_type_id, schema.fully_qualified_name, "cars"):
        assert api.schemas.get_by_id(key).object_type_id == schema.object_type_id
    alias = client.api_request({"method": "GET", "path": f"/crm/v3/schemas/{schema.object_type_id}"})
    assert alias.status_code == 200 and alias.json()["name"] == "cars"
    assert [s.name for s in api.schemas.get_all().results] == ["cars"]

    patched = api.schemas.update(
        schema.object_type_id,
        ObjectTypeDefinitionPatch(
            labels=ObjectTypeDefinitionLabels(singular="Vehicle", plural="Vehicles"),
            required_properties=["model", "year"],
        ),
    )
    assert type(patched).__name__ == "ObjectTypeDefinition"
    assert patched.labels.plural == "Vehicles" and patched.required_properties == ["model", "year"]
    assert patched.portal_id == PORTAL

    association = api.schemas.create_association(
        schema.object_type_id,
        AssociationDefinitionEgg(
            from_object_type_id=schema.object_type_id, to_object_type_id="0-5", name="car_ticket"
        ),
    )
    assert association is not None and association.to_object_type_id == "0-5"

    assert api.schemas.archive(schema.object_type_id) is None
    with pytest.raises(NotFoundException):
        api.schemas.get_by_id(schema.object_type_id)
    assert api.schemas.get_all().results == []
    assert [s.name for s in api.schemas.get_all(archived=True).results] == ["cars"]


def test_names_conflict_even_after_archive(sb, api):
    schema = api.schemas.create(cars())
    with pytest.raises(ApiException) as err:
        api.schemas.create(cars())
    assert err.value.status == 409
    api.schemas.archive(schema.object_type_id)
    with pytest.raises(ApiException) as err:
        api.schemas.create(cars())
    assert err.value.status == 409
    assert "archived" in body_of(err.value)["message"]


@pytest.mark.parametrize("tier", ["free", "starter", "professional"])
def test_custom_objects_need_enterprise(sb, api, tier):
    sb.set_tier(tier)
    with pytest.raises(ForbiddenException) as err:
        api.schemas.create(cars())
    assert err.value.status == 403
    body = body_of(err.value)
    assert body["category"] == "MISSING_SCOPES"
    assert "Enterprise" in body["message"]
    with pytest.raises(ForbiddenException):
        api.schemas.get_all()


@pytest.mark.parametrize(
    "change",
    [
        {"name": "1cars"},
        {"primary_display_property": "colour"},
        {"required_properties": ["colour"]},
        {"associated_objects": ["UNICORN"]},
        {"labels": ObjectTypeDefinitionLabels(singular="Car")},
        {"properties": [ObjectTypePropertyCreate(name="n", label="N", type="number", field_type="select")]},
    ],
)
def test_invalid_schemas_are_refused(sb, api, change):
    with pytest.raises(ApiException) as err:
        api.schemas.create(cars(**change))
    assert err.value.status == 400
    assert body_of(err.value)["category"] == "VALIDATION_ERROR"


def test_custom_objects_get_properties_and_pipelines(sb, api):
    schema = api.schemas.create(cars())
    type_id = schema.object_type_id
    properties = api.properties
    added = properties.create(
        type_id,
        PropertyCreate(
            name="colour", label="Colour", type="string", field_type="text", group_name="cars_information"
        ),
    )
    assert added.name == "colour"
    assert "colour" in {p.name for p in api.schemas.get_by_id(type_id).properties}
    for key in (type_id, schema.fully_qualified_name, "cars"):
        assert "colour" in {p.name for p in properties.get_all(key).results}
    pipeline = api.pipelines.create(
        type_id,
        PipelineInput(
            label="Lifecycle",
            display_order=0,
            stages=[
                PipelineStageInput(label="Ordered", display_order=0, metadata={}),
                PipelineStageInput(label="Delivered", display_order=1, metadata={"isClosed": "true"}),
            ],
        ),
    )
    assert [s.metadata["isClosed"] for s in pipeline.stages] == ["false", "true"]
    assert api.pipelines.get_all(schema.fully_qualified_name).results[0].id == pipeline.id
