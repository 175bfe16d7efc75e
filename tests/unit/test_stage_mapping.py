"""The proposed stage mapping for a pipeline read from a portal: outcome first, then meaning of
the name (English, French, Chinese), then probability and position."""

from __future__ import annotations

from hubwizard.config import Pipeline, Stage
from hubwizard.stage_mapping import concepts, fold, mapping_of, propose, with_mapping

HUBSPOT_DEFAULT = [
    ("appointmentscheduled", "Appointment Scheduled", "0.2", "false"),
    ("qualifiedtobuy", "Qualified To Buy", "0.4", "false"),
    ("presentationscheduled", "Presentation Scheduled", "0.6", "false"),
    ("decisionmakerboughtin", "Decision Maker Bought-In", "0.8", "false"),
    ("contractsent", "Contract Sent", "0.9", "false"),
    ("closedwon", "Closed Won", "1.0", "true"),
    ("closedlost", "Closed Lost", "0.0", "true"),
]


def portal(rows):
    return [
        {"id": sid, "label": label, "displayOrder": i, "metadata": {"probability": p, "isClosed": closed}}
        for i, (sid, label, p, closed) in enumerate(rows)
    ]


def b2b() -> list[Stage]:
    return [
        Stage(id="contact_made", label="Contact made", probability=0.1),
        Stage(id="demo_sent", label="Demo sent", probability=0.3),
        Stage(id="quote_sent", label="Quote sent", probability=0.6),
        Stage(id="quote_signed", label="Signed quote received", probability=0.9),
        Stage(id="closed_won", label="Closed won", probability=1.0, closed="won"),
        Stage(id="closed_lost", label="Closed lost", probability=0.0, closed="lost"),
    ]


def targets(rows, design):
    return {p.source_id: p.target for p in propose(portal(rows), design)}


def test_hubspots_default_stages_map_onto_the_b2b_design():
    got = targets(HUBSPOT_DEFAULT, b2b())
    assert got == {
        "appointmentscheduled": "contact_made",  # same step by name (appointment ~ contact)
        "qualifiedtobuy": "demo_sent",  # nearest probability and position
        "presentationscheduled": "demo_sent",  # presentation ~ demo
        "decisionmakerboughtin": "quote_sent",
        "contractsent": "quote_signed",  # contract ~ signed
        "closedwon": "closed_won",
        "closedlost": "closed_lost",
    }


def test_closed_stages_keep_their_outcome_even_against_the_name():
    rows = [("a", "Won", "0.5", "false"), ("b", "Gagné", "1.0", "true"), ("c", "Perdu", "0.0", "true")]
    got = targets(rows, b2b())
    assert got["b"] == "closed_won" and got["c"] == "closed_lost"
    assert got["a"] != "closed_won", "an open stage never goes to a won stage"


def test_french_labels_map_by_meaning():
    rows = [
        ("1", "Premier contact", "0.1", "false"),
        ("2", "Démo envoyée", "0.3", "false"),
        ("3", "Devis envoyé", "0.6", "false"),
        ("4", "Contrat signé", "0.9", "false"),
        ("5", "Gagné", "1.0", "true"),
        ("6", "Perdu", "0.0", "true"),
    ]
    got = targets(rows, b2b())
    assert got == {
        "1": "contact_made",
        "2": "demo_sent",
        "3": "quote_sent",
        "4": "quote_signed",
        "5": "closed_won",
        "6": "closed_lost",
    }


def test_chinese_labels_map_by_meaning():
    rows = [
        ("1", "初次接触", "0.2", "false"),
        ("2", "产品演示", "0.5", "false"),
        ("3", "已发送报价", "0.3", "false"),
        ("4", "合同已签", "0.8", "false"),
        ("5", "赢单", "1.0", "true"),
        ("6", "输单", "0.0", "true"),
    ]
    got = targets(rows, b2b())
    assert got["1"] == "contact_made"
    assert got["2"] == "demo_sent"
    assert got["3"] == "quote_sent", "by name, although its probability is nearer Demo sent"
    assert got["4"] == "quote_signed"
    assert (got["5"], got["6"]) == ("closed_won", "closed_lost")


def test_without_a_name_match_the_nearest_probability_and_position_wins():
    rows = [("x", "Stage A", "0.35", "false"), ("y", "Stage B", "0.85", "false")]
    got = targets(rows, b2b())
    assert got == {"x": "demo_sent", "y": "quote_signed"}


def test_a_design_without_a_lost_stage_leaves_the_row_for_the_user():
    design = [s for s in b2b() if s.closed != "lost"]
    row = next(p for p in propose(portal(HUBSPOT_DEFAULT), design) if p.source_id == "closedlost")
    assert row.target is None and "no lost stage" in row.reason


def test_the_users_mapping_becomes_replaces_lists_and_reads_back():
    pipeline = Pipeline(id="sales", label="Sales", stages=b2b(), adopt="default")
    mapping = {p.source_id: p.target for p in propose(portal(HUBSPOT_DEFAULT), pipeline.stages)}
    mapping["qualifiedtobuy"] = "contact_made"  # the user changes one row
    mapped = with_mapping(pipeline, mapping)
    assert mapped.stage("contact_made").replaces == ["appointmentscheduled", "qualifiedtobuy"]
    assert mapped.stage("demo_sent").replaces == ["presentationscheduled"]
    assert mapping_of(mapped, portal(HUBSPOT_DEFAULT)) == mapping
    assert pipeline.stage("contact_made").replaces == [], "the original is not changed"


def test_fold_and_concepts():
    assert fold("Rendez-vous planifié") == "rendez vous planifie"
    assert "contact" in concepts("Rendez-vous planifié")
    assert "quote" in concepts("Devis envoyé")
    assert concepts("Stage A") == set()


def test_a_blank_setups_first_deal_pipeline_adopts_hubspots_and_maps_every_stage():
    from hubwizard import editing

    config = editing.blank_setup("Acme")
    first = editing.new_pipeline(config, "Sales")
    assert first.adopt == "default"
    mapped = mapping_of(first, portal(HUBSPOT_DEFAULT))
    assert all(mapped.values()), mapped  # every existing stage has somewhere to go
    assert mapped["closedwon"] == "closed_won" and mapped["closedlost"] == "closed_lost"
    config.pipelines.append(first)
    second = editing.new_pipeline(config, "Administration")
    assert second.adopt is None and all(not s.replaces for s in second.stages)
    assert editing.new_pipeline(config, "Support", "tickets").adopt is None
