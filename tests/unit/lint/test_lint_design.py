"""HW105, HW106, HW107 (pipelines read from their names) and HW508 (workflows doing the same
thing): the rules' behaviour around the data sets of test_checks_held_apart.py."""

from __future__ import annotations

from lint_builders import (
    PRODUCT_TYPE,
    config,
    enum,
    found,
    group,
    labelled_stages,
    none_of,
    one,
    pipeline,
    stage,
    stage_entered,
    task,
    ticket_pipeline,
    workflow,
)

from hubwizard.findings import Severity
from hubwizard.i18n import using

DEFAULT_STAGES = labelled_stages(
    "Appointment scheduled", "Qualified to buy", "Presentation scheduled", "Contract sent"
)
OWN_STAGES = labelled_stages("Site visit", "Technical survey", "Installation planned")
ADMIN_STAGES = labelled_stages("Contract received", "Invoice sent", "Payment received")


def sales(**extra):
    return pipeline("sales", "Sales", adopt="default", **extra)


# --- HW105 ----------------------------------------------------------------------------------


def test_hw105_a_product_pipeline_with_hubspots_default_stages():
    f = one(config(pipelines=[sales(), pipeline("software", "Software products", DEFAULT_STAGES)]), "HW105")
    assert f.severity is Severity.WARNING and f.path == "pipelines[1].label"
    assert "one product (Software)" in f.message and "HubSpot's default stages" in f.message
    assert "Product type" in f.fix


def test_hw105_the_name_alone_is_enough_for_a_product_or_a_person():
    cfg = config(
        pipelines=[
            sales(),
            pipeline("hw", "Hardware", OWN_STAGES),
            pipeline("john", "John's deals", ADMIN_STAGES),
        ]
    )
    by_path = {f.path: f for f in found(cfg, "HW105")}
    assert set(by_path) == {"pipelines[1].label", "pipelines[2].label"}
    assert "one product" in by_path["pipelines[1].label"].message
    assert "one salesperson (John)" in by_path["pipelines[2].label"].message
    assert "default stages" not in by_path["pipelines[1].label"].message


def test_hw105_a_name_that_only_might_be_a_persons_needs_the_stages_to_agree():
    with_default = config(pipelines=[sales(), pipeline("anouk", "Pipeline Anouk", DEFAULT_STAGES)])
    assert "one salesperson (Anouk)" in one(with_default, "HW105").message
    own = config(pipelines=[sales(), pipeline("anouk", "Pipeline Anouk", OWN_STAGES)])
    none_of(own, "HW105")


def test_hw105_departments_a_single_pipeline_and_copies_already_reported_stay_quiet():
    none_of(config(pipelines=[sales(), pipeline("admin", "Administration", ADMIN_STAGES)]), "HW105")
    none_of(config(pipelines=[pipeline("software", "Software products", adopt="default")]), "HW105")
    copied = config(pipelines=[sales(), pipeline("hw", "Hardware")])  # same stages as Sales
    assert found(copied, "HW101") and not found(copied, "HW105")


def test_hw105_reads_product_names_from_a_product_dropdown():
    cfg = config(
        pipelines=[sales(), pipeline("svc", "Services", OWN_STAGES)],
        property_groups=[group(properties=[PRODUCT_TYPE])],
    )
    assert "one product (Services)" in one(cfg, "HW105").message


# --- HW106 ----------------------------------------------------------------------------------


def test_hw106_a_new_main_deal_pipeline_next_to_hubspots_unused_one():
    f = one(config(pipelines=[pipeline()]), "HW106")
    assert f.severity is Severity.WARNING and f.path == "pipelines[0]"
    assert "two deal pipelines where one would do" in f.message
    assert "adopt: default" in f.hint and "take the place of HubSpot's own pipeline" in f.fix


def test_hw106_adopting_or_pinning_the_default_pipeline_is_fine():
    none_of(config(pipelines=[sales()]), "HW106")
    none_of(config(pipelines=[pipeline(hubspot_id="default")]), "HW106")
    none_of(config(pipelines=[pipeline(hubspot_id="1234")]), "HW106")  # already in the portal
    none_of(config(pipelines=[ticket_pipeline()]), "HW106")  # tickets: not this rule
    second = config(
        pipelines=[pipeline(), pipeline("admin", "Administration", ADMIN_STAGES, adopt="default")]
    )
    none_of(second, "HW106")


def test_hw106_and_hw103_agree_on_free_the_unused_default_counts():
    free = config("free", pipelines=[pipeline()])
    assert one(free, "HW106") and one(free, "HW103")
    adopted = config("free", pipelines=[sales()])
    none_of(adopted, "HW106")
    none_of(adopted, "HW103")


def test_hw106_speaks_french_and_chinese():
    cfg = config(pipelines=[pipeline()])
    with using("fr"):
        assert "deux pipelines de transactions" in one(cfg, "HW106").message
    with using("zh"):
        assert "两个交易管道" in one(cfg, "HW106").message


# --- HW107 ----------------------------------------------------------------------------------


def test_hw107_names_every_deal_pipeline_that_is_not_a_department():
    cfg = config(
        pipelines=[
            sales(),
            pipeline("p2", "Pipeline 2", OWN_STAGES),
            pipeline("admin", "Administration", ADMIN_STAGES),
            pipeline("q3", "Q3 deals", labelled_stages("Call booked", "Offer made")),
        ]
    )
    f = one(cfg, "HW107")
    assert f.severity is Severity.WARNING and f.path == "pipelines[1]"
    assert "'Pipeline 2', 'Q3 deals' are not departments" in f.message


def test_hw107_the_main_pipeline_departments_and_other_findings_are_left_alone():
    none_of(
        config(
            pipelines=[pipeline("p", "Our deals", adopt="default"), pipeline("admin", "ADV", ADMIN_STAGES)]
        ),
        "HW107",
    )
    product = config(pipelines=[sales(), pipeline("hw", "Hardware", OWN_STAGES)])
    assert found(product, "HW105") and not found(product, "HW107")
    tickets = config(pipelines=[sales(), ticket_pipeline(), ticket_pipeline("vip", "VIP")])
    none_of(tickets, "HW107")


def test_hw107_in_french():
    cfg = config(pipelines=[sales(), pipeline("p2", "Pipeline 2", OWN_STAGES)])
    with using("fr"):
        assert "n'est ni un service ni une étape" in one(cfg, "HW107").message


# --- HW508 ----------------------------------------------------------------------------------


def test_hw508_every_later_copy_names_the_first():
    copies = [
        workflow("a", "Quote reminder"),
        workflow("b", "Relance devis", steps=[{"delay": {"days": 7}}, task("Relancer le client")]),
        workflow("c", "报价提醒", steps=[task("跟进报价")]),
    ]
    hits = found(config(pipelines=[sales()], workflows=copies), "HW508")
    assert [f.path for f in hits] == ["workflows[1]", "workflows[2]"]
    assert all("'Quote reminder'" in f.message for f in hits)


def test_hw508_another_stage_another_action_or_steps_kept_in_hubspot_are_different():
    other_stage = [
        workflow("a", "Quote reminder"),
        workflow("b", "Demo reminder", trigger=stage_entered("sales", "demo_sent")),
    ]
    none_of(config(pipelines=[sales()], workflows=other_stage), "HW508")
    other_action = [
        workflow("a", "Quote reminder"),
        workflow("b", "Quote alert", steps=[{"delay": {"days": 15}}, {"notify_owner": {"subject": "Quote"}}]),
    ]
    none_of(config(pipelines=[sales()], workflows=other_action), "HW508")
    managed = [
        workflow("a", "Quote reminder"),
        {"id": "b", "name": "Quote reminder", "managed_in_hubspot": True, "hubspot_id": "9001"},
    ]
    none_of(config(pipelines=[sales()], workflows=managed), "HW508")


def test_a_setup_edited_in_place_is_judged_again():
    """HW105 and HW107 share one reading per lint run: the next run must not reuse it."""
    from hubwizard.lint import lint

    cfg = config(pipelines=[sales(), pipeline("p2", "Hardware", OWN_STAGES)])
    assert [f.code for f in lint(cfg) if f.code in ("HW105", "HW107")] == ["HW105"]
    cfg.pipelines[1].label = "Pipeline 2"
    assert [f.code for f in lint(cfg) if f.code in ("HW105", "HW107")] == ["HW107"]
    cfg.pipelines[1].label = "Administration"
    assert [f.code for f in lint(cfg) if f.code in ("HW105", "HW107")] == []


def test_hw107_names_five_pipelines_then_counts_the_rest():
    teams = [
        pipeline(f"team_{n}", f"Team {n} pipeline", labelled_stages(f"Call {n}", f"Visit {n}"))
        for n in range(1, 9)
    ]
    f = one(config(pipelines=[sales(), *teams]), "HW107")
    assert "'Team 5 pipeline' and 3 more are not departments" in f.message
    with using("fr"):
        assert "et 3 autres" in one(config(pipelines=[sales(), *teams]), "HW107").message


# --- the questionnaire's own pipelines ------------------------------------------------------


def test_every_pipeline_the_questionnaire_names_is_a_department_in_every_language():
    """The questionnaire names its pipelines after the teams it offers (a closed list: the user
    picks, never types, a team) and "Sales, other process": in every language each must read as
    a department, or a composed setup would get the per-product or not-a-department warning."""
    from hubwizard import i18n
    from hubwizard.lint import names
    from hubwizard.questionnaire.answers import TEAMS

    for lang in i18n.LANGUAGES:
        with using(lang):
            labels = [i18n._(t.label) for t in TEAMS] + [i18n._("Sales"), i18n._("Sales, other process")]
            for label in labels:
                assert names.classify(label).kind == "department", (lang, label, names.classify(label))


# --- the four kinds of names ----------------------------------------------------------------


def test_hw105_a_product_read_only_by_elimination_is_worded_as_a_product_line_or_offer():
    cfg = config(pipelines=[sales(), pipeline("heat", "Heat pumps", OWN_STAGES)])
    f = one(cfg, "HW105")
    assert "one product line or offer (Heat pumps)" in f.message
    assert "Product type" in f.fix
    none_of(cfg, "HW107")
    with using("fr"):
        assert "une seule gamme ou offre (Heat pumps)" in one(cfg, "HW105").message
    with using("zh"):
        assert "某一条产品线或某一项服务的管道（Heat pumps）" in one(cfg, "HW105").message


def test_hw105_a_product_word_names_the_product_plainly():
    cfg = config(pipelines=[sales(), pipeline("acc", "Accounting software", OWN_STAGES)])
    assert "one product (Accounting software)" in one(cfg, "HW105").message
    wine = config(pipelines=[sales(), pipeline("wine", "Wine sales", OWN_STAGES)])
    assert "one product line or offer (Wine)" in one(wine, "HW105").message


def test_hw105_never_judges_the_main_pipeline():
    main_named_after_a_product = config(
        pipelines=[
            pipeline("hw", "Hardware", adopt="default"),
            pipeline("admin", "Administration", ADMIN_STAGES),
        ]
    )
    none_of(main_named_after_a_product, "HW105")
    first_is_main = config(pipelines=[pipeline("hw", "Hardware"), pipeline("heat", "Heat pumps", OWN_STAGES)])
    assert [f.path for f in found(first_is_main, "HW105")] == ["pipelines[1].label"]


def test_hw105_a_ticket_pipeline_is_a_product_only_when_a_word_says_so():
    def tickets(id_, label, *steps):
        stages = [stage(f"{id_}_{n}", step, state="open") for n, step in enumerate(steps)]
        return pipeline(id_, label, [*stages, stage(f"{id_}_done", "Done", state="closed")], "tickets")

    cfg = config(
        pipelines=[
            sales(),
            tickets("support", "Support", "New", "Waiting on contact"),
            tickets("it", "Heat pumps", "Logged", "Technician booked"),
            tickets("hw", "Hardware", "Received", "Parts ordered"),
        ]
    )
    assert [f.path for f in found(cfg, "HW105")] == ["pipelines[3].label"]


def test_hw107_regions_segments_and_leftovers_are_not_departments():
    cfg = config(
        pipelines=[
            sales(),
            pipeline("emea", "EMEA", OWN_STAGES),
            pipeline("pme", "PME", ADMIN_STAGES),
            pipeline("copy", "销售管道（复制）", labelled_stages("Call", "Offer")),
            pipeline("tenders", "Appels d'offres", labelled_stages("Dossier reçu", "Offre déposée")),
        ]
    )
    f = one(cfg, "HW107")
    assert "'EMEA', 'PME', '销售管道（复制）' are not departments" in f.message
    none_of(cfg, "HW105")


def test_hw105_a_setups_own_product_option_makes_a_product_but_never_overrides_a_department():
    options = [group(properties=[enum("product_type", ["Heat pumps", "Delivery"], "Product type")])]
    cfg = config(
        pipelines=[
            sales(),
            pipeline("heat", "Heat pumps", OWN_STAGES),
            pipeline("delivery", "Delivery", ADMIN_STAGES),
        ],
        property_groups=options,
    )
    assert [f.path for f in found(cfg, "HW105")] == ["pipelines[1].label"]
    assert "one product (Heat pumps)" in one(cfg, "HW105").message  # sure: the setup says so
    none_of(cfg, "HW107")
