"""HW1xx and HW2xx: pipelines and stages. Each rule fires on a case and stays quiet on a near-miss."""

from __future__ import annotations

import pytest
from lint_builders import (
    PRODUCT_TYPE,
    application_object,
    config,
    deal_stages,
    found,
    group,
    labelled_stages,
    lost,
    none_of,
    one,
    pipeline,
    stage,
    ticket_pipeline,
    won,
)

from hubwizard.findings import Severity

ADMIN_STAGES = labelled_stages("Contract received", "Invoice sent", "Payment received", "Onboarding done")


# --- HW101 ----------------------------------------------------------------------------------


def test_hw101_per_product_pipelines_with_the_same_stages():
    cfg = config(pipelines=[pipeline("software", "Software"), pipeline("hardware", "Hardware")])
    f = one(cfg, "HW101")
    assert f.severity is Severity.WARNING
    assert f.path == "pipelines[1]"
    assert "'Hardware'" in f.message and "'Software'" in f.message
    assert "the same stages" in f.message
    assert "property" in f.hint


def test_hw101_nearly_the_same_stages():
    extra = labelled_stages(
        "Contact made", "Demo sent", "Quote sent", "Signed quote received", "Installation"
    )
    cfg = config(pipelines=[pipeline("a", "Team A"), pipeline("b", "Team B", extra)])
    f = one(cfg, "HW101")
    assert f.path == "pipelines[1]"
    assert "nearly the same stages (4 of 5 in common)" in f.message


def test_hw101_compares_folded_labels_case_accents_and_plurals():
    a = labelled_stages("Devis envoyé", "Démos faites", "Contrat signé")
    b = labelled_stages("DEVIS ENVOYE", "démo faite", "contrat-signé")
    cfg = config(pipelines=[pipeline("a", "Nord", a), pipeline("b", "Sud", b)])
    assert one(cfg, "HW101").path == "pipelines[1]"


def test_hw101_three_copies_report_each_later_copy_once():
    cfg = config(tier="enterprise", pipelines=[pipeline(f"p{i}", f"Region {i}") for i in range(3)])
    assert [f.path for f in found(cfg, "HW101")] == ["pipelines[1]", "pipelines[2]"]


def test_hw101_sales_and_administration_is_the_recommended_setup():
    cfg = config(pipelines=[pipeline(), pipeline("admin", "Administration", ADMIN_STAGES)])
    none_of(cfg, "HW101")
    none_of(cfg, "HW102")


def test_hw101_same_stages_on_different_objects_do_not_count():
    tickets = pipeline(
        "t", "Sales tickets", [dict(s, state="open") for s in labelled_stages("A b", "C d")[:2]]
    )
    tickets["object"] = "tickets"
    deals = pipeline("d", "Sales", labelled_stages("A b", "C d"))
    none_of(config(pipelines=[deals, tickets]), "HW101")


def test_hw101_half_the_stages_in_common_is_not_nearly_the_same():
    other = labelled_stages("Contact made", "Demo sent", "Needs analysis", "Proposal")
    none_of(config(pipelines=[pipeline(), pipeline("b", "Partners", other)]), "HW101")


# --- HW102 ----------------------------------------------------------------------------------

PERSON_LABELS = [
    ("John's pipeline", "John"),
    ("John’s deals", "John"),
    ("Pipeline Marie", "Marie"),
    ("Affaires de Pierre", "Pierre"),
    ("Hans' Pipeline", "Hans"),
    ("Pipeline von Jürgen", "Jürgen"),
    ("Embudo de María", "María"),
    ("Oportunidades de José", "José"),
    ("张伟的管道", "张伟"),
    ("小王的销售管道", "小王"),
]


@pytest.mark.parametrize(("label", "person"), PERSON_LABELS)
def test_hw102_pipeline_named_after_a_person(label, person):
    cfg = config(pipelines=[pipeline(), pipeline("p2", label)])
    f = one(cfg, "HW102")
    assert f.severity is Severity.WARNING
    assert f.path == "pipelines[1].label"
    assert f"'{label}'" in f.message and person in f.message and "'Sales'" in f.message
    assert "owner" in f.hint


PRODUCT_LABELS = [
    ("Software", "Software"),  # an option of the product_type property
    ("Hardware deals", "Hardware"),
    ("Services pipeline", "Services"),
    ("Product A", "Product"),
    ("Produit X", "Produit"),
    ("Produkte B", "Produkte"),
    ("Produktlinie C", "Produktlinie"),
    ("Producto D", "Producto"),
    ("产品A管道", "产品"),
]


@pytest.mark.parametrize(("label", "product"), PRODUCT_LABELS)
def test_hw102_pipeline_named_after_a_product(label, product):
    cfg = config(
        pipelines=[pipeline(), pipeline("p2", label)],
        property_groups=[group(properties=[PRODUCT_TYPE])],
    )
    f = one(cfg, "HW102")
    assert f.path == "pipelines[1].label"
    assert f"'{label}'" in f.message and product in f.message
    assert "product property" in f.hint


def test_hw102_product_names_come_from_product_like_properties_only():
    region = dict(PRODUCT_TYPE, name="region", label="Region")
    cfg = config(
        pipelines=[pipeline(), pipeline("p2", "Software")], property_groups=[group(properties=[region])]
    )
    none_of(cfg, "HW102")


def test_hw102_fires_when_stages_are_shared_but_not_nearly_the_same():
    half = labelled_stages("Contact made", "Demo sent", "Needs analysis", "Proposal")
    cfg = config(pipelines=[pipeline(), pipeline("marie", "Pipeline Marie", half)])
    assert one(cfg, "HW102").path == "pipelines[1].label"
    none_of(cfg, "HW101")


def test_hw102_every_personal_pipeline_is_reported():
    cfg = config(
        tier="enterprise", pipelines=[pipeline("a", "Pipeline Marie"), pipeline("b", "Pipeline Pierre")]
    )
    assert [f.path for f in found(cfg, "HW102")] == ["pipelines[0].label", "pipelines[1].label"]


@pytest.mark.parametrize(
    "label", ["Partner's pipeline", "Pipeline de vente", "Administration", "Key accounts", "Team's deals"]
)
def test_hw102_not_a_person_or_product(label):
    cfg = config(
        pipelines=[pipeline(), pipeline("p2", label)], property_groups=[group(properties=[PRODUCT_TYPE])]
    )
    none_of(cfg, "HW102")


def test_hw102_personal_name_without_shared_stages_is_left_alone():
    cfg = config(pipelines=[pipeline(), pipeline("marie", "Pipeline Marie", ADMIN_STAGES)])
    none_of(cfg, "HW102")


# --- HW103 ----------------------------------------------------------------------------------


def test_hw103_more_pipelines_than_the_tier_allows():
    cfg = config(
        tier="starter",
        pipelines=[
            pipeline("a", "Sales", adopt="default"),
            pipeline("b", "Administration", ADMIN_STAGES),
            pipeline("c", "Renewals", labelled_stages("Notice sent", "Renewal quote")),
        ],
    )
    f = one(cfg, "HW103")
    assert f.severity is Severity.ERROR
    assert f.path == "pipelines[2]"
    assert "'Renewals'" in f.message and "number 3" in f.message and "HubSpot Starter allows 2" in f.message
    assert "HubSpot's own pipeline" not in f.message
    assert "professional" in f.hint and "Professional subscription" in f.fix


def test_hw103_counts_per_object():
    cfg = config(
        tier="starter",
        pipelines=[
            pipeline(adopt="default"),
            pipeline("admin", "Administration", ADMIN_STAGES),
            ticket_pipeline(),
        ],
    )
    none_of(cfg, "HW103")


def test_hw103_free_tier_allows_one():
    cfg = config(
        tier="free",
        pipelines=[pipeline(adopt="default"), pipeline("admin", "Administration", ADMIN_STAGES)],
    )
    assert one(cfg, "HW103").path == "pipelines[1]"


def test_hw103_hubspots_default_pipeline_counts_unless_adopted():
    alongside = config(tier="free", pipelines=[pipeline()])
    f = one(alongside, "HW103")
    assert f.path == "pipelines[0]"
    assert "number 2" in f.message and "HubSpot's own pipeline" in f.message
    assert "adopt: default" in f.hint and "use HubSpot's own pipeline" in f.fix
    none_of(config(tier="free", pipelines=[pipeline(adopt="default")]), "HW103")
    none_of(config(tier="free", pipelines=[pipeline(hubspot_id="default")]), "HW103")
    # tickets too: a Starter portal has the default ticket pipeline and room for one more
    none_of(config(tier="starter", pipelines=[pipeline(adopt="default"), ticket_pipeline()]), "HW103")


# --- HW104 ----------------------------------------------------------------------------------


def test_hw104_deal_pipeline_without_lost_stage():
    stages = [stage("a", "Contact made", 0.1), won()]
    f = one(config(pipelines=[pipeline(stages=stages)]), "HW104")
    assert f.severity is Severity.WARNING  # HubSpot accepts it: advice, never a refusal
    assert f.path == "pipelines[0].stages"
    assert "'Sales'" in f.message and "no lost stage" in f.message


def test_hw104_two_won_stages():
    stages = [*deal_stages(), won("won_again", "Won again")]
    f = one(config(pipelines=[pipeline(stages=stages)]), "HW104")
    assert "2 won stages" in f.message and "'Won again'" in f.message


def test_hw104_ticket_pipelines_need_no_won_stage():
    none_of(config(pipelines=[pipeline(), ticket_pipeline()]), "HW104")


def test_hw104_one_won_and_two_lost_is_fine():
    stages = [*deal_stages(), lost("lost_no_budget", "Lost: no budget")]
    none_of(config(pipelines=[pipeline(stages=stages)]), "HW104")


# --- HW201 ----------------------------------------------------------------------------------


def test_hw201_more_than_seven_open_stages():
    labels = [f"Step {n}" for n in range(8)]
    rows = [(f"s{n}", label, 0.1) for n, label in enumerate(labels)]
    f = one(config(pipelines=[pipeline(stages=deal_stages(rows))]), "HW201")
    assert f.severity is Severity.WARNING
    assert f.path == "pipelines[0].stages"
    assert "'Sales'" in f.message and "8 open stages" in f.message
    assert "essential" in f.hint


def test_hw201_seven_open_stages_and_closed_ones_are_fine():
    rows = [(f"s{n}", f"Step {n}", round(0.1 * (n + 1), 1)) for n in range(7)]
    stages = [*deal_stages(rows), lost("lost2", "Lost to competitor")]
    none_of(config(pipelines=[pipeline(stages=stages)]), "HW201")


# --- HW202 ----------------------------------------------------------------------------------

FOLLOW_UPS = [
    "Follow-up",
    "Follow up",
    "Followup",
    "Follow-ups",
    "Reminder 2",
    "Reminders",
    "Chase quote",
    "Relaunch",
    "Relance",
    "Relances",
    "Relance client",
    "2e relance",
    "Rappel",
    "Rappels",
    "Relancé",
    "Nachfassen",
    "Erinnerung",
    "Zahlungserinnerungen",
    "Angebot nachgefasst",
    "Wiedervorlage",
    "Seguimiento",
    "Seguimientos",
    "Recordatorio",
    "跟进",
    "提醒",
    "第二次重新启动",
    "客户回访",
]


@pytest.mark.parametrize("label", FOLLOW_UPS)
def test_hw202_follow_up_stage(label):
    rows = [
        ("quote_sent", "Quote sent", 0.6),
        ("chase", label, 0.6),
        ("signed", "Signed quote received", 0.9),
    ]
    f = one(config(pipelines=[pipeline(stages=deal_stages(rows))]), "HW202")
    assert f.severity is Severity.WARNING
    assert f.path == "pipelines[0].stages[1].label"
    assert f"'{label}'" in f.message and "'Sales'" in f.message
    assert "tasks for the deal owner" in f.hint
    assert "'Quote sent'" in f.hint and "'Signed quote received'" in f.hint


NOT_FOLLOW_UPS = [
    "Quote sent",
    "Signed quote received",
    "Relations established",
    "Remise du devis",
    "Devis envoyé",
    "Rapport envoyé",
    "Lancement",
    "Launch",
    "Purchase order",
    "Appel de découverte",
    "Suivi de commande",
    "Angebot gesendet",
    "Erneuerung",
    "Presupuesto enviado",
    "Recogida de requisitos",
    "报价已发送",
    "已签名报价已收到",
    "启动项目",
]


@pytest.mark.parametrize("label", NOT_FOLLOW_UPS)
def test_hw202_near_misses(label):
    rows = [("first", "Contact made", 0.1), ("x", label, 0.5)]
    none_of(config(pipelines=[pipeline(stages=deal_stages(rows))]), "HW202")


def test_hw202_closed_stage_named_after_reminders_is_a_lost_reason():
    stages = [*deal_stages(), lost("no_answer", "Lost: no answer after reminders")]
    none_of(config(pipelines=[pipeline(stages=stages)]), "HW202")


# --- HW203 ----------------------------------------------------------------------------------


def test_hw203_probability_goes_down():
    rows = [("contact", "Contact made", 0.1), ("quote", "Quote sent", 0.6), ("demo", "Demo sent", 0.3)]
    f = one(config(pipelines=[pipeline(stages=deal_stages(rows))]), "HW203")
    assert f.severity is Severity.WARNING
    assert f.path == "pipelines[0].stages[2].probability"
    assert "'Demo sent' (30%)" in f.message and "'Quote sent' (60%)" in f.message
    assert "at least 60%" in f.fix


def test_hw203_closed_stages_are_ignored_for_ordering():
    stages = [
        stage("a", "Contact made", 0.1),
        lost("early_lost", "Disqualified"),
        stage("b", "Demo sent", 0.3),
        won(),
    ]
    stages.append(lost())
    none_of(config(pipelines=[pipeline(stages=stages)]), "HW203")


# --- HW204 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words", "fix"),
    [
        (0.55, "55%, not a step of 10%", "50% or 60%"),
        (0.35, "35%, not a step of 10%", "30% or 40%"),
        (1.5, "150%, outside 0% to 100%", "100%"),
        (-0.1, "-10%, outside 0% to 100%", "0%"),
    ],
)
def test_hw204_probability_hubspot_rejects(value, words, fix):
    rows = [("contact", "Contact made", 0.1), ("quote", "Quote sent", value)]
    f = one(config(pipelines=[pipeline(stages=deal_stages(rows))]), "HW204")
    assert f.severity is Severity.ERROR
    assert f.path == "pipelines[0].stages[1].probability"
    assert "'Quote sent'" in f.message and words in f.message
    assert f.fix == f"Set the win probability to {fix}."
    assert str(value) in f.hint


def test_hw204_float_noise_of_a_tenth_is_fine():
    rows = [("a", "Contact made", 0.1 + 0.2), ("b", "Quote sent", 0.7000000000000001)]
    none_of(config(pipelines=[pipeline(stages=deal_stages(rows))]), "HW204")


# --- HW205 ----------------------------------------------------------------------------------


def test_hw205_won_stage_not_at_one():
    stages = [*deal_stages()[:-2], won(p=0.9), lost()]
    f = one(config(pipelines=[pipeline(stages=stages)]), "HW205")
    assert f.severity is Severity.ERROR
    assert f.path == "pipelines[0].stages[4].probability"
    assert "'Closed won'" in f.message and "90%" in f.message and "100%" in f.fix
    assert "probability: 1.0" in f.hint


def test_hw205_lost_stage_not_at_zero():
    stages = [*deal_stages()[:-1], lost(p=0.1)]
    assert (
        one(config(pipelines=[pipeline(stages=stages)]), "HW205").path == "pipelines[0].stages[5].probability"
    )


def test_hw205_guide_pipeline_is_fine():
    none_of(config(), "HW205")


# --- HW206 ----------------------------------------------------------------------------------


def test_hw206_duplicate_labels_ignore_case_and_spaces():
    rows = [("demo", "Demo sent", 0.3), ("demo2", "  demo   SENT ", 0.4)]
    f = one(config(pipelines=[pipeline(stages=deal_stages(rows))]), "HW206")
    assert f.severity is Severity.ERROR
    assert f.path == "pipelines[0].stages[1].label"
    assert "demo   SENT" in f.message and "'Sales'" in f.message


def test_hw206_duplicate_stage_ids():
    rows = [("demo", "Demo sent", 0.3), ("demo", "Quote sent", 0.6)]
    f = one(config(pipelines=[pipeline(stages=deal_stages(rows))]), "HW206")
    assert f.path == "pipelines[0].stages[1].id"
    assert "'demo'" in f.message


def test_hw206_duplicate_pipeline_ids_and_labels():
    cfg = config(
        pipelines=[
            pipeline(),
            pipeline("sales", "Administration", ADMIN_STAGES),
            pipeline("x", "SALES", ADMIN_STAGES),
        ]
    )
    assert [f.path for f in found(cfg, "HW206")] == ["pipelines[1].id", "pipelines[2].label"]


def test_hw206_same_labels_in_different_pipelines_or_different_words_are_fine():
    rows = [("demo", "Demo sent", 0.3), ("demo2", "Demo sent again", 0.4)]
    cfg = config(pipelines=[pipeline(stages=deal_stages(rows)), ticket_pipeline("t", "Sales")])
    none_of(cfg, "HW206")


# --- HW207 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "sure"), [(1.0, "won"), (0.0, "lost")])
def test_hw207_open_stage_at_zero_or_one(value, sure):
    rows = [("contact", "Contact made", 0.1), ("done", "Verbal yes", value)]
    f = one(config(pipelines=[pipeline(stages=deal_stages(rows))]), "HW207")
    assert f.severity is Severity.WARNING
    assert f.path == "pipelines[0].stages[1].probability"
    assert "'Verbal yes'" in f.message and sure in f.message


def test_hw207_closed_stages_at_zero_and_one_are_fine():
    none_of(config(), "HW207")


# --- HW208 ----------------------------------------------------------------------------------


def test_hw208_neighbouring_open_stages_with_same_probability():
    rows = [("a", "Contact made", 0.1), ("b", "Demo sent", 0.3), ("c", "Demo done", 0.3)]
    f = one(config(pipelines=[pipeline(stages=deal_stages(rows))]), "HW208")
    assert f.severity is Severity.INFO
    assert f.path == "pipelines[0].stages[2].probability"
    assert "'Demo sent'" in f.message and "'Demo done'" in f.message


def test_hw208_rising_probabilities_are_fine():
    none_of(config(), "HW208")


# --- HW209 ----------------------------------------------------------------------------------


def test_hw209_deal_stage_without_probability():
    stages = [stage("a", "Contact made", 0.1), stage("b", "Demo sent"), won(), lost()]
    f = one(config(pipelines=[pipeline(stages=stages)]), "HW209")
    assert f.severity is Severity.ERROR
    assert f.path == "pipelines[0].stages[1]"
    assert "'Demo sent'" in f.message and "probability" in f.message


def test_hw209_ticket_stage_without_state():
    t = ticket_pipeline()
    del t["stages"][1]["state"]
    f = one(config(pipelines=[pipeline(), t]), "HW209")
    assert f.path == "pipelines[1].stages[1]"
    assert "'Waiting on contact'" in f.message and "state" in f.message


def test_hw209_custom_object_stages_use_state():
    recruiting = pipeline(
        "recruiting",
        "Recruitment",
        [stage("received", "Application received", state="open"), stage("interview", "Interview")],
        object_="application",
    )
    cfg = config(tier="enterprise", pipelines=[recruiting], custom_objects=[application_object()])
    f = one(cfg, "HW209")
    assert f.path == "pipelines[0].stages[1]"
    assert "Application stage 'Interview'" in f.message


def test_hw209_ticket_stages_with_state_need_no_probability():
    none_of(config(pipelines=[pipeline(), ticket_pipeline()]), "HW209")
