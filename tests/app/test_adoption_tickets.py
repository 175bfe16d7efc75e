"""Pipelines & stages for a ticket pipeline: HubSpot's own ticket pipeline (the Support Pipeline)
or one alongside, and where the tickets of its existing stages go; the plan moves them, and undo
takes an edit of the table back."""

from __future__ import annotations

import pytest
from app_helpers import click, edit_table, editor_key, goto, texts, use_template, wizard
from hubspot import HubSpot
from hubspot.crm.tickets import SimplePublicObjectInputForCreate
from streamlit.testing.v1 import AppTest
from test_languages import english_left, opened, shown_texts

from hubwizard import i18n
from hubwizard.config import Pipeline


def mapping(at: AppTest):
    return at.data_editor(key=editor_key(at, "adoption.0")).value


def replaces(pipeline: Pipeline) -> dict[str, list[str]]:
    return {s.id: list(s.replaces) for s in pipeline.stages}


TEMPLATE = {"new": ["1"], "in_progress": ["3"], "waiting_on_customer": ["2"], "resolved": ["4"]}
"""What support-tickets says: HubSpot's stages 1-4 taken over by the design's."""


def open_ticket(sandbox, subject: str, stage: str) -> str:
    """A ticket in HubSpot's own ticket pipeline, created with HubSpot's SDK."""
    client = HubSpot(access_token="test", host=sandbox.url)
    body = SimplePublicObjectInputForCreate(
        properties={"subject": subject, "hs_pipeline": "0", "hs_pipeline_stage": stage}
    )
    return client.crm.tickets.basic_api.create(body).id


def test_support_tickets_use_hubspots_ticket_pipeline_and_the_user_changes_where_tickets_go(
    at: AppTest, sandbox
):
    open_ticket(sandbox, "Printer on fire", "3")  # Waiting on us
    use_template(at, "support-tickets")
    goto(at, "pipelines")
    pipeline = wizard(at).config.pipelines[0]
    assert pipeline.object == "tickets" and pipeline.adopt == "default"
    assert at.radio(key="pipelines.adopt").value == "adopt"
    page = texts(at)
    assert "HubSpot's own ticket pipeline" in page
    assert "one shared pipeline" in page and "only one ticket pipeline" in page
    assert "**Where the tickets go** (the stages of “Support Pipeline” in" in page, "read from the portal"
    table = mapping(at)
    assert list(table["existing"]) == ["New", "Waiting on contact", "Waiting on us", "Closed"]
    assert list(table["moves_to"]) == ["New", "Waiting on customer", "In progress", "Resolved"]
    assert set(table["why"]) == {"your choice"}, "the template states every row"
    assert replaces(wizard(at).config.pipelines[0]) == TEMPLATE

    edit_table(at, "adoption.0", edited_rows={2: {"moves_to": "New"}})
    changed = replaces(wizard(at).config.pipelines[0])
    assert changed == {**TEMPLATE, "new": ["1", "3"], "in_progress": []}
    assert wizard(at).config.pipelines[0].adopt == "default"
    assert mapping(at)["moves_to"][2] == "New"
    assert "Changed where the tickets of “Customer support” go" in wizard(at).history.next_undo

    goto(at, "provision")
    click(at, "provision.plan")
    details = " ".join(at.dataframe[-1].value["details"])
    assert "1 ticket move from *Waiting on us* to *New*" in details, details

    click(at, "history.undo")
    restored = wizard(at).config.pipelines[0]
    assert replaces(restored) == TEMPLATE and restored.adopt == "default"
    goto(at, "pipelines")
    assert mapping(at)["moves_to"][2] == "In progress"


def test_a_ticket_pipeline_alongside_forgets_the_mapping_and_adopting_proposes_it_again(at: AppTest):
    use_template(at, "support-tickets")
    goto(at, "pipelines")
    at.radio(key="pipelines.adopt").set_value("alongside").run()
    pipeline = wizard(at).config.pipelines[0]
    assert pipeline.adopt is None and all(not s.replaces for s in pipeline.stages)
    assert not [e for e in at.data_editor if e.key and e.key.startswith("adoption.")]
    assert "Where the tickets go" not in texts(at)

    at.radio(key="pipelines.adopt").set_value("adopt").run()
    pipeline = wizard(at).config.pipelines[0]
    assert pipeline.adopt == "default"
    assert replaces(pipeline) == TEMPLATE, "proposed again: by name and by closed state"
    assert set(mapping(at)["why"]) == {"your choice"}

    click(at, "history.undo")  # back to the pipeline alongside
    pipeline = wizard(at).config.pipelines[0]
    assert pipeline.adopt is None and all(not s.replaces for s in pipeline.stages)
    assert at.radio(key="pipelines.adopt").value == "alongside"


def test_a_ticket_pipeline_added_to_a_deal_setup_can_take_over_hubspots_ticket_pipeline(at: AppTest):
    use_template(at)  # b2b-sales: one deal pipeline that takes over HubSpot's
    goto(at, "pipelines")
    deals = wizard(at).config.pipelines[0].model_copy(deep=True)
    at.text_input(key="pipelines.new.label").input("Support")
    at.selectbox(key="pipelines.new.object").select("tickets")
    click(at, "pipelines.add")
    support = wizard(at).config.pipelines[1]
    assert support.object == "tickets" and support.adopt is None
    assert at.radio(key="pipelines.adopt").value == "alongside"
    assert "HubSpot's own ticket pipeline" in texts(at)

    at.radio(key="pipelines.adopt").set_value("adopt").run()
    config = wizard(at).config
    assert config.pipelines[1].adopt == "default"
    # New and Waiting on us (~ in progress) by name, Waiting on contact half-way between the two
    # open stages (the earlier one wins the tie), Closed to Done by its closed state
    assert replaces(config.pipelines[1]) == {"new": ["1", "2"], "in_progress": ["3"], "done": ["4"]}
    table = at.data_editor(key=editor_key(at, "adoption.1")).value
    assert list(table["moves_to"]) == ["New", "New", "In progress", "Done"]
    assert set(table["why"]) == {"your choice"}, "adopting writes the proposal into the setup"
    assert config.pipelines[0] == deals, "the deal pipeline still takes over HubSpot's deal pipeline"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ("Le pipeline de tickets de HubSpot", "Où vont les tickets")),
        ("zh", ("HubSpot 自带的工单管道", "工单的去向")),
    ],
)
def test_the_ticket_choice_and_table_speak_french_and_chinese(lang: str, words: tuple[str, ...], sandbox):
    with i18n.using(lang):
        at = opened(lang)
        use_template(at, "support-tickets")
        goto(at, "pipelines")
        shown = "\n".join(shown_texts(at))
        for word in words:
            assert word in shown, word
        assert english_left(at, lang) == []
