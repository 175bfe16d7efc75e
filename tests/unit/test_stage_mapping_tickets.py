"""The proposed mapping for HubSpot's own ticket pipeline: ticket stages have a state (open or
closed) instead of a probability, so a closed stage goes to a closed stage, then the meaning of
the name decides (English, French, Chinese), then the position on the board."""

from __future__ import annotations

from hubwizard.config import Pipeline, Stage
from hubwizard.stage_mapping import (
    default_stages,
    default_ticket_stages,
    edit_rows,
    mapping_of,
    propose,
    table_rows,
)


def tickets(rows):
    """Portal ticket stages as HubSpot returns them: string metadata with ``ticketState``."""
    return [
        {"id": sid, "label": label, "displayOrder": i, "metadata": {"ticketState": state}}
        for i, (sid, label, state) in enumerate(rows)
    ]


def support() -> list[Stage]:
    """The support-tickets template's design."""
    return [
        Stage(id="new", label="New", state="open"),
        Stage(id="in_progress", label="In progress", state="open"),
        Stage(id="waiting_on_customer", label="Waiting on customer", state="open"),
        Stage(id="resolved", label="Resolved", state="closed"),
    ]


def targets(portal_stages, design):
    return {p.source_id: p.target for p in propose(portal_stages, design)}


def test_hubspots_default_ticket_stages_map_onto_the_support_design_as_the_template_says():
    proposals = propose(default_ticket_stages(), support())
    assert {p.source_id: p.target for p in proposals} == {
        "1": "new",  # same name
        "2": "waiting_on_customer",  # waiting on contact ~ waiting on customer
        "3": "in_progress",  # waiting on us ~ in progress
        "4": "resolved",  # closed stays closed
    }
    reasons = {p.source_id: p.reason for p in proposals}
    assert reasons["1"] == "same name"
    assert reasons["4"].startswith("closed stays closed")


def test_a_closed_ticket_stage_goes_to_a_closed_stage_whatever_its_name():
    rows = [("a", "Solved", "OPEN"), ("b", "New", "CLOSED")]
    got = targets(tickets(rows), support())
    assert got["b"] == "resolved", "closed beats the name 'New'"
    assert got["a"] != "resolved", "an open stage never goes to a closed stage"


def test_several_closed_stages_are_told_apart_by_name():
    design = [
        *support()[:3],
        Stage(id="duplicate", label="Duplicate request", state="closed"),
        Stage(id="resolved", label="Resolved", state="closed"),
    ]
    rows = [("1", "New", "OPEN"), ("9", "Résolu", "CLOSED"), ("8", "Spam", "CLOSED")]
    got = targets(tickets(rows), design)
    assert got["9"] == "resolved", "by name, although Duplicate request is the first closed stage"
    assert got["8"] == "duplicate", "no name matches: the first closed stage"


def test_a_design_without_a_closed_stage_leaves_the_row_for_the_user():
    design = [s for s in support() if s.state != "closed"]
    row = next(p for p in propose(default_ticket_stages(), design) if p.source_id == "4")
    assert row.target is None and "no closed stage" in row.reason


def test_french_ticket_stages_map_by_meaning():
    rows = [
        ("1", "Nouveau", "OPEN"),
        ("2", "En attente du client", "OPEN"),
        ("3", "En cours de traitement", "OPEN"),
        ("4", "Fermé", "CLOSED"),
    ]
    assert targets(tickets(rows), support()) == {
        "1": "new",
        "2": "waiting_on_customer",
        "3": "in_progress",
        "4": "resolved",
    }


def test_chinese_ticket_stages_map_by_meaning():
    rows = [
        ("1", "等待客户回复", "OPEN"),  # first on the board, but it waits on the customer
        ("2", "新建", "OPEN"),
        ("3", "处理中", "OPEN"),
        ("4", "已解决", "CLOSED"),
    ]
    assert targets(tickets(rows), support()) == {
        "1": "waiting_on_customer",
        "2": "new",
        "3": "in_progress",
        "4": "resolved",
    }


def test_without_a_name_match_the_nearest_position_on_the_board_wins():
    rows = [("x", "Triage", "OPEN"), ("y", "Escalated", "OPEN"), ("z", "Stage Z", "OPEN")]
    proposals = propose(tickets(rows), support())
    assert [p.target for p in proposals] == ["new", "in_progress", "waiting_on_customer"]
    assert {p.reason for p in proposals} == {"nearest position on the board"}, "no probability talk"


def test_deal_stages_keep_their_won_and_lost_outcome():
    """A ticket's closed state does not leak into deals: deal stages still map won and lost."""
    design = [
        Stage(id="open", label="Demo sent", probability=0.3),
        Stage(id="won", label="Closed won", probability=1.0, closed="won"),
        Stage(id="lost", label="Closed lost", probability=0.0, closed="lost"),
    ]
    got = targets(default_stages("deals"), design)
    assert (got["closedwon"], got["closedlost"]) == ("won", "lost")


def test_edited_rows_become_replaces_and_read_back():
    pipeline = Pipeline(id="support", object="tickets", label="Support", stages=support(), adopt="default")
    portal_stages = default_ticket_stages()
    rows = table_rows(pipeline, portal_stages)
    assert [r["existing"] for r in rows] == ["New", "Waiting on contact", "Waiting on us", "Closed"]
    assert rows[2]["moves_to"] == "In progress" and rows[2]["why"].startswith("proposed:")

    # the user: "Waiting on us" tickets go back to New
    mapped = edit_rows(pipeline, portal_stages, {2: {"moves_to": "New"}})
    assert mapped.stage("new").replaces == ["1", "3"]
    assert mapped.stage("in_progress").replaces == []
    assert mapped.stage("waiting_on_customer").replaces == ["2"]
    assert mapped.stage("resolved").replaces == ["4"]
    assert mapping_of(mapped, portal_stages) == {
        "1": "new",
        "2": "waiting_on_customer",
        "3": "new",
        "4": "resolved",
    }
    assert table_rows(mapped, portal_stages)[2]["why"] == "your choice"
    assert pipeline.stage("new").replaces == [], "the original is not changed"
