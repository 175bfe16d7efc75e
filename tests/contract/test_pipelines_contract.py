"""Pipelines v3 through the official SDK: shapes, status codes and HubSpot's rules."""

from __future__ import annotations

import pytest
from hubspot.crm.deals import SimplePublicObjectInputForCreate
from hubspot.crm.pipelines import (
    ApiException,
    PipelineInput,
    PipelinePatchInput,
    PipelineStageInput,
    PipelineStagePatchInput,
)
from hubspot.crm.pipelines.exceptions import NotFoundException
from sdk_fixtures import body_of


def stage(label: str, order: int, probability: str | None = None, closed: bool | None = None, **meta: str):
    metadata = dict(meta)
    if probability is not None:
        metadata["probability"] = probability
    if closed is not None:
        metadata["isClosed"] = "true" if closed else "false"
    return PipelineStageInput(label=label, display_order=order, metadata=metadata)


def recruiting() -> PipelineInput:
    return PipelineInput(
        label="Recruiting",
        display_order=1,
        stages=[
            stage("Quote sent", 0, "0.40"),
            stage("Won", 1, "1", closed=True),
            stage("Lost", 2, "0.0", closed=True),
        ],
    )


def test_fresh_portal_has_hubspots_default_deal_pipeline(sb, api):
    pipelines = api.pipelines.get_all("deals").results
    assert [p.id for p in pipelines] == ["default"]
    default = pipelines[0]
    assert default.label == "Sales Pipeline"
    assert default.archived is False
    assert default.created_at is not None and default.updated_at is not None
    got = {s.id: s.metadata for s in default.stages}
    assert list(got) == [
        "appointmentscheduled",
        "qualifiedtobuy",
        "presentationscheduled",
        "decisionmakerboughtin",
        "contractsent",
        "closedwon",
        "closedlost",
    ]
    assert [m["probability"] for m in got.values()] == ["0.2", "0.4", "0.6", "0.8", "0.9", "1.0", "0.0"]
    assert got["closedwon"]["isClosed"] == "true"
    assert got["closedlost"]["isClosed"] == "true"
    assert got["contractsent"]["isClosed"] == "false"
    assert api.pipelines.get_by_id("0-3", "default").label == "Sales Pipeline"


def test_fresh_portal_has_the_default_ticket_pipeline(sb, api):
    (tickets,) = api.pipelines.get_all("tickets").results
    assert tickets.id == "0"
    assert [(s.id, s.label, s.metadata["ticketState"]) for s in tickets.stages] == [
        ("1", "New", "OPEN"),
        ("2", "Waiting on contact", "OPEN"),
        ("3", "Waiting on us", "OPEN"),
        ("4", "Closed", "CLOSED"),
    ]


def test_create_read_replace_update_archive(sb, api):
    created = api.pipelines.create("deals", recruiting())
    assert created is not None, "201 must deserialise into a Pipeline"
    assert created.id.isdigit() and created.label == "Recruiting" and created.display_order == 1
    assert all(s.id.isdigit() for s in created.stages)
    assert [s.metadata["probability"] for s in created.stages] == ["0.4", "1.0", "0.0"]
    assert [s.metadata["isClosed"] for s in created.stages] == ["false", "true", "true"]
    assert [s.write_permissions for s in created.stages] == ["CRM_PERMISSIONS_ENFORCEMENT"] * 3

    fetched = api.pipelines.get_by_id("deals", created.id)
    assert fetched.to_dict() == created.to_dict()
    assert [p.id for p in api.pipelines.get_all("deals").results] == ["default", created.id]

    replaced = api.pipelines.replace(
        "deals",
        created.id,
        PipelineInput(
            label="Hiring", display_order=2, stages=[stage("Offer", 0, "0.5"), stage("Hired", 1, "1.0", True)]
        ),
    )
    assert replaced.label == "Hiring"
    assert [s.label for s in replaced.stages] == ["Offer", "Hired"]
    assert {s.id for s in replaced.stages}.isdisjoint({s.id for s in created.stages})

    updated = api.pipelines.update("deals", created.id, PipelinePatchInput(label="Talent", display_order=5))
    assert (updated.label, updated.display_order) == ("Talent", 5)
    assert [s.label for s in updated.stages] == ["Offer", "Hired"]

    assert api.pipelines.archive("deals", created.id) is None
    with pytest.raises(NotFoundException) as err:
        api.pipelines.get_by_id("deals", created.id)
    assert body_of(err.value)["category"] == "OBJECT_NOT_FOUND"
    assert [p.id for p in api.pipelines.get_all("deals").results] == ["default"]

    restored = api.pipelines.update("deals", created.id, PipelinePatchInput(archived=False))
    assert restored.archived is False and restored.label == "Talent"


def test_stage_crud(sb, api):
    pipeline = api.pipelines.create("deals", recruiting())
    new = api.stages.create("deals", pipeline.id, stage("Interview", 1, "0.6"))
    assert (
        new is not None and new.id.isdigit() and new.metadata == {"probability": "0.6", "isClosed": "false"}
    )
    assert [s.label for s in api.stages.get_all("deals", pipeline.id).results] == [
        "Quote sent",
        "Interview",
        "Won",
        "Lost",
    ]
    assert api.stages.get_by_id("deals", pipeline.id, new.id).label == "Interview"
    replaced = api.stages.replace("deals", pipeline.id, new.id, stage("Interviewed", 1, "0.70"))
    assert (replaced.label, replaced.metadata["probability"]) == ("Interviewed", "0.7")
    patched = api.stages.update(
        "deals",
        pipeline.id,
        new.id,
        PipelineStagePatchInput(label="Final interview", metadata={"probability": "0.8"}),
    )
    assert (patched.label, patched.metadata["probability"]) == ("Final interview", "0.8")
    assert api.stages.archive("deals", pipeline.id, new.id) is None
    with pytest.raises(NotFoundException):
        api.stages.get_by_id("deals", pipeline.id, new.id)


@pytest.mark.parametrize(
    ("metadata", "needle"),
    [
        ({}, "probability"),
        ({"probability": "0.35"}, "multiple of 0.1"),
        ({"probability": "1.5"}, "between 0.0 and 1.0"),
        ({"probability": "-0.1"}, "between 0.0 and 1.0"),
        ({"probability": "high"}, "not a number"),
    ],
)
def test_deal_stage_probability_rules(sb, api, metadata, needle):
    bad = PipelineInput(
        label="Bad",
        display_order=1,
        stages=[PipelineStageInput(label="S", display_order=0, metadata=metadata)],
    )
    with pytest.raises(ApiException) as err:
        api.pipelines.create("deals", bad)
    assert err.value.status == 400
    body = body_of(err.value)
    assert body["category"] == "VALIDATION_ERROR"
    assert needle in body["message"]
    with pytest.raises(ApiException) as err:
        api.stages.create(
            "deals", "default", PipelineStageInput(label="S", display_order=9, metadata=metadata)
        )
    assert err.value.status == 400


def test_probabilities_come_back_normalised(sb, api):
    pipeline = api.pipelines.create(
        "deals",
        PipelineInput(
            label="Norm",
            display_order=1,
            stages=[
                stage("A", 0, "0.10"),
                stage("B", 1, "0.5000"),
                stage("C", 2, "1", True),
                stage("D", 3, "0", True),
            ],
        ),
    )
    assert [s.metadata["probability"] for s in pipeline.stages] == ["0.1", "0.5", "1.0", "0.0"]


def test_duplicate_stage_labels_are_refused(sb, api):
    with pytest.raises(ApiException) as err:
        api.pipelines.create(
            "deals",
            PipelineInput(
                label="Dup", display_order=1, stages=[stage("Same", 0, "0.1"), stage("same ", 1, "0.2")]
            ),
        )
    assert err.value.status == 400
    assert "unique" in body_of(err.value)["message"]
    with pytest.raises(ApiException) as err:
        api.stages.create("deals", "default", stage("Closed Won", 9, "1.0", True))
    assert err.value.status == 400


def test_default_pipelines_cannot_be_deleted(sb, api):
    for object_type, pipeline_id in (("deals", "default"), ("tickets", "0")):
        with pytest.raises(ApiException) as err:
            api.pipelines.archive(object_type, pipeline_id)
        assert err.value.status == 400
        assert "cannot be deleted" in body_of(err.value)["message"]


def test_validate_flags_refuse_to_drop_stages_holding_deals(sb, api):
    pipeline = api.pipelines.create("deals", recruiting())
    quote = pipeline.stages[0]
    deal = api.deals.create(
        SimplePublicObjectInputForCreate(
            properties={"dealname": "Jane", "pipeline": pipeline.id, "dealstage": quote.id, "amount": "100"}
        )
    )
    assert deal.properties["dealstage"] == quote.id
    without_quote = PipelineInput(label="Recruiting", display_order=1, stages=[stage("Won", 1, "1.0", True)])
    for flag in ("validate_deal_stage_usages_before_delete", "validate_references_before_delete"):
        with pytest.raises(ApiException) as err:
            api.pipelines.replace("deals", pipeline.id, without_quote, **{flag: True})
        assert err.value.status == 400
        assert quote.id in body_of(err.value)["message"]
        with pytest.raises(ApiException) as err:
            api.pipelines.archive("deals", pipeline.id, **{flag: True})
        assert err.value.status == 400
    assert len(api.pipelines.get_by_id("deals", pipeline.id).stages) == 3
    with pytest.raises(ApiException) as err:
        api.stages.archive("deals", pipeline.id, quote.id)
    assert err.value.status == 400
    # A stage without deals goes; without the flags a replace drops stages as asked.
    assert api.stages.archive("deals", pipeline.id, pipeline.stages[2].id) is None
    assert [s.label for s in api.pipelines.replace("deals", pipeline.id, without_quote).stages] == ["Won"]


def test_references_flag_refuses_stages_a_workflow_uses(sb, api, client):
    pipeline = api.pipelines.create("deals", recruiting())
    quote = pipeline.stages[0]
    flow = {
        "type": "PLATFORM_FLOW",
        "objectTypeId": "0-3",
        "name": "Quote follow-up",
        "enrollmentCriteria": {
            "type": "LIST_BASED",
            "listFilterBranch": {
                "filterBranchType": "OR",
                "filters": [
                    {
                        "filterType": "PROPERTY",
                        "property": "dealstage",
                        "operation": {
                            "operationType": "ENUMERATION",
                            "operator": "IS_ANY_OF",
                            "values": [quote.id],
                        },
                    }
                ],
            },
        },
        "actions": [],
    }
    assert (
        client.api_request({"method": "POST", "path": "/automation/v4/flows", "body": flow}).status_code
        == 201
    )
    smaller = PipelineInput(label="Recruiting", display_order=1, stages=[stage("Won", 1, "1.0", True)])
    with pytest.raises(ApiException) as err:
        api.pipelines.replace("deals", pipeline.id, smaller, validate_references_before_delete=True)
    assert "Quote follow-up" in body_of(err.value)["message"]
    # The usage flag looks at records only.
    assert api.pipelines.replace("deals", pipeline.id, smaller, validate_deal_stage_usages_before_delete=True)


def test_pipeline_count_is_limited_by_tier(sb, api):
    sb.set_tier("free")
    with pytest.raises(ApiException) as err:
        api.pipelines.create("deals", recruiting())
    assert err.value.status == 400
    message = body_of(err.value)["message"]
    assert "free tier allows 1 pipeline" in message
    sb.set_tier("starter")
    assert api.pipelines.create("deals", recruiting()) is not None
    with pytest.raises(ApiException) as err:
        api.pipelines.create(
            "deals", PipelineInput(label="Third", display_order=2, stages=[stage("A", 0, "0.1")])
        )
    assert "starter tier allows 2 pipelines" in body_of(err.value)["message"]


def test_duplicate_pipeline_label_is_a_conflict(sb, api):
    api.pipelines.create("deals", recruiting())
    with pytest.raises(ApiException) as err:
        api.pipelines.create("deals", recruiting())
    assert err.value.status == 409


def test_ticket_stages_carry_ticket_state(sb, api):
    created = api.pipelines.create(
        "tickets",
        PipelineInput(
            label="Escalations",
            display_order=1,
            stages=[stage("Open", 0, ticketState="open"), stage("Done", 1, ticketState="CLOSED")],
        ),
    )
    assert [s.metadata["ticketState"] for s in created.stages] == ["OPEN", "CLOSED"]
    with pytest.raises(ApiException) as err:
        api.stages.create("0-5", created.id, stage("Odd", 2, ticketState="MAYBE"))
    assert err.value.status == 400


def test_object_type_spellings_and_unknown_types(sb, api):
    assert api.pipelines.get_all("0-3").results[0].id == "default"
    assert api.pipelines.get_all("0-5").results[0].id == "0"
    with pytest.raises(ApiException) as err:
        api.pipelines.get_all("unicorns")
    assert err.value.status == 400
    with pytest.raises(ApiException) as err:
        api.pipelines.get_all("contacts")
    assert err.value.status == 400


def test_missing_fields_are_validation_errors(sb, api):
    with pytest.raises(ApiException) as err:
        api.pipelines.create("deals", PipelineInput(label="No stages", display_order=1, stages=[]))
    assert err.value.status == 400
    with pytest.raises(ApiException) as err:
        api.pipelines.create("deals", PipelineInput(label="", display_order=1, stages=[stage("A", 0, "0.1")]))
    assert err.value.status == 400
    with pytest.raises(ApiException) as err:
        api.pipelines.update("deals", "default", PipelinePatchInput(archived=True))
    assert err.value.status == 400
