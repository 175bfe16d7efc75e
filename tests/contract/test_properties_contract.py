"""Properties v3 and property groups through the official SDK."""

from __future__ import annotations

import pytest
from hubspot.crm.properties import (
    ApiException,
    BatchInputPropertyCreate,
    BatchInputPropertyName,
    BatchReadInputPropertyName,
    OptionInput,
    PropertyCreate,
    PropertyGroupCreate,
    PropertyGroupUpdate,
    PropertyName,
    PropertyUpdate,
)
from hubspot.crm.properties.exceptions import NotFoundException
from sdk_fixtures import body_of

from hubwizard import natives


def enum_prop(name: str, group: str = "dealinformation", **kw) -> PropertyCreate:
    options = kw.pop(
        "options",
        [
            OptionInput(label="LinkedIn", value="linkedin", hidden=False, display_order=0),
            OptionInput(label="Referral", value="referral", hidden=False, display_order=1),
        ],
    )
    return PropertyCreate(
        name=name,
        label=name.title(),
        type="enumeration",
        field_type="select",
        group_name=group,
        options=options,
        **kw,
    )


def text_prop(name: str, group: str = "dealinformation") -> PropertyCreate:
    return PropertyCreate(name=name, label=name.title(), type="string", field_type="text", group_name=group)


def test_fresh_portal_holds_hubspots_native_properties_and_groups(sb, api):
    deal_props = {p.name: p for p in api.properties.get_all("deals").results}
    for native in natives.natives_of("deals"):
        prop = deal_props[native.name]
        assert prop.hubspot_defined is True
        assert (prop.label, prop.type, prop.field_type, prop.group_name) == (
            native.label,
            native.type,
            native.field,
            native.group,
        )
    assert {o.value for o in deal_props["dealtype"].options} == {"newbusiness", "existingbusiness"}
    groups = {g.name for g in api.groups.get_all("deals").results}
    assert {"dealinformation", "deal_activity"} <= groups
    contact_props = {p.name for p in api.properties.get_all("contacts").results}
    assert {"firstname", "lastname", "email"} <= contact_props
    assert "hs_pipeline_stage" in {p.name for p in api.properties.get_all("tickets").results}


def test_create_read_update_archive(sb, api):
    created = api.properties.create(
        "deals", enum_prop("candidate_source", description="Where they came from")
    )
    assert created is not None, "201 must deserialise into a Property"
    assert (created.name, created.type, created.field_type, created.group_name) == (
        "candidate_source",
        "enumeration",
        "select",
        "dealinformation",
    )
    assert [o.value for o in created.options] == ["linkedin", "referral"]
    assert created.hubspot_defined is None
    assert created.archived is False and created.created_at is not None
    assert created.modification_metadata.archivable is True

    assert api.properties.get_by_name("deals", "candidate_source").label == "Candidate_Source"
    updated = api.properties.update(
        "deals",
        "candidate_source",
        PropertyUpdate(
            label="Source", options=[OptionInput(label="Event", value="event", hidden=False, display_order=0)]
        ),
    )
    assert updated.label == "Source" and [o.value for o in updated.options] == ["event"]

    assert api.properties.archive("deals", "candidate_source") is None
    with pytest.raises(NotFoundException):
        api.properties.get_by_name("deals", "candidate_source")
    archived = api.properties.get_all("deals", archived=True).results
    assert [p.name for p in archived] == ["candidate_source"]
    assert archived[0].archived is True and archived[0].archived_at is not None
    assert "candidate_source" not in {p.name for p in api.properties.get_all("deals").results}


def test_archived_names_stay_reserved(sb, api):
    api.properties.create("deals", text_prop("old_field"))
    api.properties.archive("deals", "old_field")
    with pytest.raises(ApiException) as err:
        api.properties.create("deals", text_prop("old_field"))
    assert err.value.status == 409
    assert "archived" in body_of(err.value)["message"]


def test_duplicate_names_conflict(sb, api):
    api.properties.create("deals", text_prop("region"))
    with pytest.raises(ApiException) as err:
        api.properties.create("deals", text_prop("region"))
    assert err.value.status == 409
    assert body_of(err.value)["category"] == "OBJECT_ALREADY_EXISTS"
    with pytest.raises(ApiException) as err:
        api.properties.create("deals", text_prop("dealname"))
    assert err.value.status == 409


@pytest.mark.parametrize("name", ["Region", "hs_region", "1region", "re-gion", "région"])
def test_invalid_names_are_refused(sb, api, name):
    with pytest.raises(ApiException) as err:
        api.properties.create("deals", text_prop(name))
    assert err.value.status == 400
    body = body_of(err.value)
    assert body["category"] == "VALIDATION_ERROR"
    assert name in body["message"]
    assert body["errors"][0]["code"] == "INVALID_PROPERTY_NAME"


@pytest.mark.parametrize(
    ("type_", "field_type"),
    [("number", "select"), ("string", "number"), ("date", "text"), ("bool", "text"), ("colour", "text")],
)
def test_impossible_type_field_pairs_are_refused(sb, api, type_, field_type):
    prop = PropertyCreate(
        name="pair", label="Pair", type=type_, field_type=field_type, group_name="dealinformation"
    )
    with pytest.raises(ApiException) as err:
        api.properties.create("deals", prop)
    assert err.value.status == 400
    assert body_of(err.value)["category"] == "VALIDATION_ERROR"


def test_enumerations_need_options_and_bools_get_theirs(sb, api):
    with pytest.raises(ApiException) as err:
        api.properties.create("deals", enum_prop("stage_reason", options=[]))
    assert err.value.status == 400
    assert "option" in body_of(err.value)["message"]
    flag = api.properties.create(
        "deals",
        PropertyCreate(
            name="is_hot",
            label="Hot",
            type="bool",
            field_type="booleancheckbox",
            group_name="dealinformation",
        ),
    )
    assert [o.value for o in flag.options] == ["true", "false"]


def test_unknown_group_is_refused(sb, api):
    with pytest.raises(ApiException) as err:
        api.properties.create("deals", text_prop("orphan", group="no_such_group"))
    assert err.value.status == 400
    assert "no_such_group" in body_of(err.value)["message"]


def test_hubspot_defined_properties_are_protected(sb, api):
    with pytest.raises(ApiException) as err:
        api.properties.archive("deals", "amount")
    assert err.value.status == 400
    with pytest.raises(ApiException) as err:
        api.properties.update("deals", "amount", PropertyUpdate(type="string", field_type="text"))
    assert err.value.status == 400
    assert api.properties.update("deals", "amount", PropertyUpdate(label="Deal value")).label == "Deal value"


def test_batch_create_all_good_is_201(sb, api):
    result = api.batch.create(
        "deals", BatchInputPropertyCreate(inputs=[text_prop("a_one"), enum_prop("a_two")])
    )
    assert type(result).__name__ == "BatchResponseProperty"
    assert result.status == "COMPLETE" and result.started_at and result.completed_at
    assert [p.name for p in result.results] == ["a_one", "a_two"]


def test_batch_create_partial_is_207_and_keeps_the_good_ones(sb, api):
    api.properties.create("deals", text_prop("exists_already"))
    inputs = [
        text_prop("good_one"),
        text_prop("Bad Name"),
        enum_prop("no_options", options=[]),
        text_prop("exists_already"),
        text_prop("good_two"),
        text_prop("good_one"),
    ]
    result = api.batch.create("deals", BatchInputPropertyCreate(inputs=inputs))
    assert type(result).__name__ == "BatchResponsePropertyWithErrors"
    assert [p.name for p in result.results] == ["good_one", "good_two"]
    assert result.num_errors == 4
    assert [e.category for e in result.errors] == [
        "VALIDATION_ERROR",
        "VALIDATION_ERROR",
        "OBJECT_ALREADY_EXISTS",
        "OBJECT_ALREADY_EXISTS",
    ]
    assert [e.context["index"] for e in result.errors] == [["1"], ["2"], ["3"], ["5"]]
    assert api.properties.get_by_name("deals", "good_two").name == "good_two"


def test_batch_size_is_capped(sb, api):
    with pytest.raises(ApiException) as err:
        api.batch.create("deals", BatchInputPropertyCreate(inputs=[text_prop(f"p{i}") for i in range(101)]))
    assert err.value.status == 400


def test_the_custom_property_limit_counts_the_batch_itself(sb, api):
    """HubSpot's limit of custom properties per object holds inside one batch: the inputs past
    it fail, the ones before it are created (and HubSpot's own properties never count)."""
    from hubwizard.hubspot_rules import CUSTOM_PROPERTIES_PER_OBJECT as LIMIT

    for start in range(0, LIMIT - 50, 100):
        names = [f"p{i}" for i in range(start, min(start + 100, LIMIT - 50))]
        api.batch.create(
            "contacts", BatchInputPropertyCreate(inputs=[text_prop(n, "contactinformation") for n in names])
        )
    inputs = [text_prop(f"q{i}", "contactinformation") for i in range(60)]
    result = api.batch.create("contacts", BatchInputPropertyCreate(inputs=inputs))
    assert [p.name for p in result.results] == [f"q{i}" for i in range(50)]
    assert [e.context["index"] for e in result.errors] == [[str(i)] for i in range(50, 60)]
    assert all("limit" in e.message for e in result.errors)


def test_batch_read_and_archive(sb, api):
    api.batch.create("deals", BatchInputPropertyCreate(inputs=[text_prop("r_one"), text_prop("r_two")]))
    read = api.batch.read(
        "deals",
        BatchReadInputPropertyName(
            archived=False, inputs=[PropertyName(name="r_one"), PropertyName(name="amount")]
        ),
    )
    assert type(read).__name__ == "BatchResponseProperty"
    assert {p.name for p in read.results} == {"r_one", "amount"}
    partial = api.batch.read(
        "deals",
        BatchReadInputPropertyName(
            archived=False, inputs=[PropertyName(name="r_one"), PropertyName(name="nope")]
        ),
    )
    assert type(partial).__name__ == "BatchResponsePropertyWithErrors" and partial.num_errors == 1
    archive = BatchInputPropertyName(
        inputs=[PropertyName(name="r_one"), PropertyName(name="r_two"), PropertyName(name="nope")]
    )
    assert api.batch.archive("deals", archive) is None
    assert {p.name for p in api.properties.get_all("deals", archived=True).results} == {"r_one", "r_two"}
    with pytest.raises(ApiException) as err:
        api.batch.archive("deals", BatchInputPropertyName(inputs=[PropertyName(name="dealname")]))
    assert err.value.status == 400


def test_group_crud(sb, api):
    group = api.groups.create(
        "deals", PropertyGroupCreate(name="hr_recruitment", label="Recruitment", display_order=3)
    )
    assert group is not None
    assert (group.name, group.label, group.display_order, group.archived) == (
        "hr_recruitment",
        "Recruitment",
        3,
        False,
    )
    assert api.groups.get_by_name("deals", "hr_recruitment").label == "Recruitment"
    updated = api.groups.update(
        "deals", "hr_recruitment", PropertyGroupUpdate(label="Hiring", display_order=4)
    )
    assert (updated.label, updated.display_order) == ("Hiring", 4)
    api.properties.create("deals", text_prop("interviewer", group="hr_recruitment"))
    with pytest.raises(ApiException) as err:
        api.groups.archive("deals", "hr_recruitment")
    assert err.value.status == 400
    api.properties.archive("deals", "interviewer")
    assert api.groups.archive("deals", "hr_recruitment") is None
    with pytest.raises(NotFoundException):
        api.groups.get_by_name("deals", "hr_recruitment")


def test_group_rules(sb, api):
    with pytest.raises(ApiException) as err:
        api.groups.create("deals", PropertyGroupCreate(name="dealinformation", label="Again"))
    assert err.value.status == 409
    with pytest.raises(ApiException) as err:
        api.groups.create("deals", PropertyGroupCreate(name="Bad Group", label="Bad"))
    assert err.value.status == 400
    with pytest.raises(ApiException) as err:
        api.groups.archive("deals", "dealinformation")
    assert err.value.status == 400


def test_each_object_type_has_its_own_properties(sb, api):
    api.properties.create("contacts", text_prop("pronouns", group="contactinformation"))
    assert "pronouns" in {p.name for p in api.properties.get_all("0-1").results}
    assert "pronouns" not in {p.name for p in api.properties.get_all("deals").results}
