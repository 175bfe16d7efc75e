"""Pipelines & stages: table edits reach the config, findings come and go, advice is shown."""

from __future__ import annotations

from app_helpers import click, edit_table, editor_key, goto, ok, texts, use_template, wizard
from streamlit.testing.v1 import AppTest


def stage_table(at: AppTest):
    return at.data_editor(key=editor_key(at, "stages.0"))


def test_probability_edit_shows_a_finding_until_fixed(at: AppTest):
    use_template(at)
    assert stage_table(at).value["probability"].tolist()[:3] == [10, 30, 60]
    edit_table(at, "stages.0", edited_rows={2: {"probability": 55}})
    stage = wizard(at).config.pipelines[0].stages[2]
    assert (stage.label, stage.probability) == ("Quote sent", 0.55)
    # inline: in the table's Check column of that row, and in the findings under the table
    assert "not a step of 10%" in stage_table(at).value["check"][2]
    assert "HW204" in texts(at)
    assert "· 1 open" in at.sidebar.get("page_link")[1].proto.label
    edit_table(at, "stages.0", edited_rows={2: {"probability": 70}})
    assert wizard(at).config.pipelines[0].stages[2].probability == 0.7
    assert stage_table(at).value["check"][2] == ""
    assert "HW204" not in texts(at)
    assert "open" not in at.sidebar.get("page_link")[1].proto.label


def test_add_remove_and_reorder_stages(at: AppTest):
    use_template(at)
    edit_table(
        at,
        "stages.0",
        added_rows=[{"order": 3.5, "label": "Negotiation", "probability": 70, "outcome": "open"}],
    )
    stages = wizard(at).config.pipelines[0].stages
    assert [s.label for s in stages][2:5] == ["Quote sent", "Negotiation", "Signed quote received"]
    assert stages[3].id == "negotiation"
    edit_table(at, "stages.0", deleted_rows=[3])
    assert "Negotiation" not in [s.label for s in wizard(at).config.pipelines[0].stages]
    edit_table(at, "stages.0", edited_rows={0: {"order": 2.5}})
    assert [s.id for s in wizard(at).config.pipelines[0].stages][:3] == [
        "demo_sent",
        "contact_made",
        "quote_sent",
    ]
    assert "the win probability goes down" in texts(at)  # HW203, shown next to the table


def test_edits_survive_switching_pages(at: AppTest):
    use_template(at)
    edit_table(at, "stages.0", edited_rows={1: {"label": "Demo given"}})
    goto(at, "review")
    goto(at, "pipelines")
    assert stage_table(at).value["label"][1] == "Demo given"


def test_add_rename_and_delete_a_pipeline(at: AppTest):
    use_template(at)
    at.text_input(key="pipelines.new.label").input("Administration")
    at.selectbox(key="pipelines.new.object").select("deals")
    click(at, "pipelines.add")
    config = wizard(at).config
    assert [p.label for p in config.pipelines] == ["Sales", "Administration"]
    assert [s.label for s in config.pipelines[1].stages][-2:] == ["Closed won", "Closed lost"]
    assert at.text_input(key="pipelines.label").value == "Administration"  # the new one is open
    at.text_input(key="pipelines.label").input("Admin").run()
    assert config.pipelines[1].label == "Admin"
    click(at, "pipelines.delete.1")
    assert [p.label for p in wizard(at).config.pipelines] == ["Sales"]


def test_ticket_pipelines_have_states_and_can_become_deal_pipelines(at: AppTest):
    use_template(at, "support-tickets")
    table = stage_table(at)
    assert "state" in table.value.columns and "probability" not in table.value.columns
    at.selectbox(key="pipelines.object").select("deals").run()
    stages = wizard(at).config.pipelines[0].stages
    assert all(s.state is None for s in stages)
    assert [(s.label, s.closed, s.probability) for s in stages][-1] == ("Resolved", "won", 1.0)
    assert "HW209" in texts(at)  # open stages now need a probability


def test_the_guide_advice_is_beside_the_table(at: AppTest):
    use_template(at)
    advice = at.info[0].value
    for words in ("One shared pipeline", "Only the essential stages", "A reminder is not a stage"):
        assert words in advice


def test_a_bad_edit_is_refused_with_the_reason(at: AppTest):
    use_template(at)
    edit_table(at, "stages.0", edited_rows={0: {"outcome": "maybe"}})
    assert wizard(at).config.pipelines[0].stages[0].closed is None
    assert "the outcome must be open, won or lost" in at.error[0].value
    ok(at)


def test_a_new_stage_keeps_what_was_typed_and_is_open(at: AppTest):
    """Nothing in the stage table is required: a row with only a name is a stage at once."""
    use_template(at)
    count = len(wizard(at).config.pipelines[0].stages)
    edit_table(at, "stages.0", added_rows=[{"label": "Negotiation"}])
    stages = wizard(at).config.pipelines[0].stages
    assert len(stages) == count + 1
    added = stages[-1]
    assert (added.label, added.id, added.closed) == ("Negotiation", "negotiation", None)
    assert added.is_open
    assert stage_table(at).value["outcome"].tolist()[-1] == "open"


def test_a_deletion_says_what_it_removed_with_undo_right_there(at: AppTest):
    use_template(at)
    click(at, "pipelines.delete.0")
    assert wizard(at).config.pipelines == []
    assert "Deleted the pipeline “Sales” and its 6 stages." in at.success[0].value
    assert (
        at.sidebar.button(key="history.undo").proto.help
        == "Undo: Deleted the pipeline “Sales” and its 6 stages"
    )
    click(at, "notice.undo")
    assert [p.label for p in wizard(at).config.pipelines] == ["Sales"]
    assert "Undone: Deleted the pipeline “Sales” and its 6 stages." in texts(at)
    assert "notice.undo" not in [b.key for b in at.button]
    assert at.text_input(key="pipelines.label").value == "Sales"
    click(at, "history.redo")
    assert wizard(at).config.pipelines == []
    click(at, "history.undo")
    assert len(wizard(at).config.pipelines[0].stages) == 6


def test_the_advice_follows_the_open_pipeline_deals_or_tickets(at: AppTest):
    """Win probabilities are a deal pipeline's; a ticket pipeline's stages are open or closed,
    and the advice beside the page says so once a ticket pipeline is open."""
    use_template(at, "sales-and-admin")
    config = wizard(at).config
    config.pipelines.append(
        config.pipelines[0].model_copy(update={"id": "support", "label": "Support", "object": "tickets"})
    )
    goto(at, "pipelines")
    assert "win probability" in at.info[0].value
    tickets = len(config.pipelines) - 1
    at.selectbox(key="pick.pipeline").set_value(tickets).run()
    advice = at.info[0].value
    assert "open or closed" in advice and "win probability" not in advice
    assert "updating tickets" in advice
    at.selectbox(key="pick.pipeline").set_value(0).run()
    assert "win probability" in at.info[0].value
