"""The questionnaire: every answer composes a setup that follows the guide, each decision is the
guide's, and recomposing keeps the user's own edits."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubwizard import configfile, i18n, lint
from hubwizard.config import Property
from hubwizard.findings import Severity
from hubwizard.hubspot_rules import PIPELINES_PER_OBJECT, Tier
from hubwizard.questionnaire import (
    STEPS,
    TEAMS,
    Answers,
    Chase,
    Problems,
    ProductLine,
    compose,
    edit_size,
    merge,
    recompose,
)
from hubwizard.templates import required_tier

STEP_IDS = [s.id for s in STEPS]
TEAM_IDS = [t.id for t in TEAMS]
OWNERS = ["alex.martin@example.com", "sam.dubois@example.com", "robin.schmidt@example.com", ""]
LINE_NAMES = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABCXYZéèçà-&0123456789软件硬件服务")),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())


@st.composite
def answers(draw: st.DrawFn) -> Answers:
    names = draw(st.lists(LINE_NAMES, max_size=5, unique_by=lambda s: s.strip().casefold()))
    lines = tuple(ProductLine(n, draw(st.sampled_from(OWNERS)), draw(st.booleans())) for n in names)
    different = any(line.different for line in lines)
    return Answers(
        company=draw(st.text(min_size=1, max_size=40).filter(lambda s: s.strip())),
        teams=tuple(draw(st.permutations(TEAM_IDS))[: draw(st.integers(0, len(TEAM_IDS)))]),
        lines=lines,
        steps=tuple(draw(st.lists(st.sampled_from(STEP_IDS), min_size=1, unique=True))),
        other_steps=tuple(
            draw(st.lists(st.sampled_from(STEP_IDS), min_size=1 if different else 0, unique=True))
        ),
        chase=draw(st.sampled_from(list(Chase))),
        email_id=draw(st.sampled_from(["", "123456"])),
        recruits=draw(st.booleans()),
        tier=draw(st.sampled_from(list(Tier))),
    )


def not_info(config) -> list:
    return [(f.code, f.message) for f in lint.lint(config) if f.severity is not Severity.INFO]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers(), st.sampled_from(list(i18n.LANGUAGES)))
def test_every_answer_composes_a_setup_without_error_or_warning(answers, lang):
    with i18n.using(lang):
        composition = compose(answers)
    config = composition.config
    assert not_info(config) == []
    assert configfile.loads(configfile.dumps(config)).config == config
    # what the setup needs fits the subscription answered
    assert required_tier(config).rank <= answers.tier.rank
    deal_pipelines = [p for p in config.pipelines if p.object == "deals"]
    assert len(deal_pipelines) <= PIPELINES_PER_OBJECT[answers.tier]
    assert deal_pipelines[0].adopt == "default" and sum(p.adopts_default for p in deal_pipelines) == 1
    assert composition.decisions and all(d.what and d.answer and d.why for d in composition.decisions)
    for item in [*config.pipelines, *config.workflows]:
        assert item.id.isascii()


def two_teams(**changes) -> Answers:
    base = {
        "company": "Acme",
        "teams": ("onboarding",),
        "lines": (
            ProductLine("Software", "alex.martin@example.com"),
            ProductLine("Hardware", "sam.dubois@example.com"),
        ),
        "chase": Chase.TASK,
        "recruits": True,
        "tier": Tier.ENTERPRISE,
    }
    return Answers(**{**base, **changes})


def decision(composition, topic: str):
    found = [d for d in composition.decisions if d.topic == topic]
    assert found, f"no decision {topic}: {[d.topic for d in composition.decisions]}"
    return found[0]


def test_the_issue_s_company_gets_one_pipeline_per_team_and_every_piece():
    composition = compose(two_teams())
    config = composition.config
    deals = [p for p in config.pipelines if p.object == "deals"]
    assert [p.id for p in deals] == ["sales", "onboarding"]
    assert deals[0].adopt == "default" and deals[1].adopt is None
    hand_over = [w for w in config.workflows if any(s.copy_to_pipeline for s in w.steps)]
    assert len(hand_over) == 1
    assert hand_over[0].trigger.stage_entered.pipeline == "sales"
    assert hand_over[0].trigger.stage_entered.stage == "closed_won"
    assert hand_over[0].steps[0].copy_to_pipeline.pipeline == "onboarding"
    product = config.property_groups[0].properties[0]
    assert product.name == "product_line" and [o.label for o in product.options] == ["Software", "Hardware"]
    routing = [w for w in config.workflows if w.trigger.property_is]
    assert {w.steps[0].assign_owner.owner for w in routing} == {
        "alex.martin@example.com",
        "sam.dubois@example.com",
    }
    reminder = next(w for w in config.workflows if w.id == "quote_reminder")
    assert reminder.steps[0].delay.days == 15 and reminder.steps[1].create_task is not None
    assert reminder.exit_when_trigger_no_longer_true
    assert [o.name for o in config.custom_objects] == ["application"]
    assert lint.lint(config) == []
    topics = [d.topic for d in composition.decisions]
    for topic in (
        "departments",
        "stages",
        "hand_over",
        "products",
        "owner_by_product",
        "reminders",
        "recruiting",
    ):
        assert topic in topics


def test_every_default_stage_of_hubspot_is_mapped_when_sales_adopts_it():
    sales = compose(two_teams()).config.pipelines[0]
    mapped = [r for s in sales.stages for r in s.replaces]
    assert sorted(mapped) == sorted(
        ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin",
         "contractsent", "closedwon", "closedlost"]
    )  # fmt: skip


def test_stages_are_the_chosen_steps_with_rising_probabilities_then_won_and_lost():
    sales = compose(two_teams(steps=("quote_sent", "first_contact", "demo_given"))).config.pipelines[0]
    assert [(s.id, s.probability) for s in sales.stages] == [
        ("first_contact", 0.1), ("demo_given", 0.3), ("quote_sent", 0.6),
        ("closed_won", 1.0), ("closed_lost", 0.0),
    ]  # fmt: skip
    every = compose(two_teams(steps=tuple(STEP_IDS))).config.pipelines[0]
    probabilities = [s.probability for s in every.stages if s.is_open]
    assert probabilities == sorted(set(probabilities)) and len(probabilities) == 7


def test_chasing_quotes_adds_the_quote_stage_and_says_why():
    composition = compose(two_teams(steps=("first_contact", "demo_given")))
    assert composition.config.pipelines[0].stage("quote_sent") is not None
    assert "Quote sent" in decision(composition, "quote_stage").what
    without = compose(two_teams(steps=("first_contact", "demo_given"), chase=Chase.NONE))
    assert without.config.pipelines[0].stage("quote_sent") is None
    assert not any(w.id.startswith("quote_reminder") for w in without.config.workflows)
    assert decision(without, "reminders").what == "No quote reminder."


def test_email_reminder_sends_the_named_email_and_falls_back_to_a_task_without_one():
    by_email = compose(two_teams(chase=Chase.EMAIL, email_id="4242"))
    step = next(w for w in by_email.config.workflows if w.id == "quote_reminder").steps[1]
    assert step.send_email is not None and step.send_email.email_id == "4242"
    no_id = compose(two_teams(chase=Chase.EMAIL))
    step = next(w for w in no_id.config.workflows if w.id == "quote_reminder").steps[1]
    assert step.create_task is not None
    assert decision(no_id, "reminder_email")


def test_lines_sold_the_same_way_are_a_property_not_pipelines():
    composition = compose(two_teams(teams=()))
    assert [p.id for p in composition.config.pipelines if p.object == "deals"] == ["sales"]
    assert "Several products do not justify several pipelines" in decision(composition, "products").why


def test_a_line_sold_truly_differently_gets_its_own_pipeline_with_its_own_steps():
    lines = (ProductLine("Software"), ProductLine("Consulting", different=True))
    composition = compose(two_teams(lines=lines, other_steps=("site_visit", "proposal_sent")))
    other = composition.config.pipeline("other_way")
    assert other is not None and other.label == "Sales, other process" and other.adopt is None
    assert [s.id for s in other.stages if s.is_open] == ["site_visit", "proposal_sent"]
    # won deals of that pipeline are handed over to the next team as well
    assert any(
        w.trigger.stage_entered and w.trigger.stage_entered.pipeline == "other_way"
        for w in composition.config.workflows
    )
    assert lint.lint(composition.config) == []


def test_a_line_said_different_but_sharing_most_steps_stays_in_sales():
    lines = (ProductLine("Software"), ProductLine("Consulting", different=True))
    composition = compose(two_teams(lines=lines, other_steps=("first_contact", "quote_sent", "site_visit")))
    assert composition.config.pipeline("other_way") is None
    assert "common stages first" in decision(composition, "other_way").why


def test_the_subscription_limits_pipelines_and_workflows_and_says_so():
    free = compose(two_teams(tier=Tier.FREE, teams=("administration", "onboarding")))
    assert [p.id for p in free.config.pipelines] == ["sales"]
    assert free.config.workflows == [] and free.config.custom_objects == []
    assert "Administration, Onboarding" in decision(free, "pipeline_limit").what
    assert "HubSpot Free has no workflows" in decision(free, "workflows").why
    starter = compose(two_teams(tier=Tier.STARTER, teams=("administration", "onboarding")))
    assert [p.id for p in starter.config.pipelines] == ["sales", "administration"]
    assert starter.config.workflows == []
    assert "by hand" in decision(starter, "hand_over").what


def test_recruiting_is_the_application_object_on_enterprise_else_an_hr_group_on_contacts():
    enterprise = compose(two_teams())
    assert enterprise.config.custom_objects[0].name == "application"
    assert enterprise.config.pipeline("recruitment").object == "application"
    professional = compose(two_teams(tier=Tier.PROFESSIONAL))
    assert professional.config.custom_objects == []
    hr = next(g for g in professional.config.property_groups if g.name == "hr")
    assert hr.object == "contacts" and [p.name for p in hr.properties] == [
        "application_source", "position_sought", "education_level",
    ]  # fmt: skip
    assert "Enterprise" in decision(professional, "recruiting").why
    assert not any(d.topic == "recruiting" for d in compose(two_teams(recruits=False)).decisions)


def test_one_workflow_per_salesperson_even_with_several_lines():
    lines = (
        ProductLine("Software", "alex.martin@example.com"),
        ProductLine("Hardware", "alex.martin@example.com"),
        ProductLine("Services"),
    )
    routing = [w for w in compose(two_teams(lines=lines)).config.workflows if w.trigger.property_is]
    assert len(routing) == 1 and routing[0].trigger.property_is.values == ["software", "hardware"]


def test_bad_answers_are_refused_in_plain_words():
    with pytest.raises(Problems) as refused:
        compose(
            Answers(
                company=" ",
                lines=(ProductLine("A", "not an email"), ProductLine("a"), ProductLine("B", different=True)),
                steps=(),
            )
        )
    text = str(refused.value)
    for words in (
        "company's name",
        "not an email address",
        "named twice",
        "at least one step",
        "sold differently",
    ):
        assert words in text


def test_french_and_chinese_labels_and_still_no_finding():
    with i18n.using("fr"):
        fr = compose(two_teams(tier=Tier.PROFESSIONAL))
    sales = fr.config.pipelines[0]
    assert [s.label for s in sales.stages][:2] == ["Premier contact", "Démo faite"]
    assert sales.label == "Ventes" and fr.config.pipelines[1].label == "Intégration"
    assert "Plusieurs produits" in decision(fr, "products").why
    assert lint.lint(fr.config) == []
    with i18n.using("zh"):
        zh = compose(two_teams())
    assert zh.config.pipelines[0].stages[0].label == "首次接触"
    assert [s.id for s in zh.config.pipelines[0].stages] == [s.id for s in sales.stages]
    assert lint.lint(zh.config) == []


# --- recomposition ------------------------------------------------------------------------


def test_user_edits_survive_a_changed_tier_answer():
    before = two_teams()
    composed = compose(before).config
    edited = composed.model_copy(deep=True)
    edited.pipelines[0].stages[1].label = "Demo done"
    edited.property_groups[0].properties.append(
        Property(name="licence_count", label="Number of licences", type="number")
    )
    after = two_teams(tier=Tier.PROFESSIONAL)
    composition, merged = recompose(before, edited, after)
    config = merged.config
    assert config.portal.tier is Tier.PROFESSIONAL
    assert config.pipelines[0].stages[1].label == "Demo done"
    assert [p.name for p in config.property_groups[0].properties] == ["product_line", "licence_count"]
    # and the new answer took effect: no custom object on Professional, the HR group instead
    assert config.custom_objects == [] and any(g.name == "hr" for g in config.property_groups)
    assert merged.dropped == []
    assert not_info(config) == []


def test_user_deletions_stay_deleted_and_untouched_parts_follow_the_answers():
    before = two_teams()
    edited = compose(before).config.model_copy(deep=True)
    edited.workflows = [w for w in edited.workflows if w.id != "quote_reminder"]
    edited.name = "Our own name"
    after = two_teams(teams=("onboarding", "administration"))
    merged = merge(compose(before).config, edited, compose(after).config).config
    assert merged.name == "Our own name"
    assert merged.pipeline("administration") is not None
    assert not any(w.id == "quote_reminder" for w in merged.workflows)
    assert any(w.id == "hand_over_to_administration_from_onboarding" for w in merged.workflows)


def test_edits_inside_what_the_answers_no_longer_have_are_dropped_and_reported():
    before = two_teams()
    edited = compose(before).config.model_copy(deep=True)
    edited.pipeline("onboarding").stages[0].label = "Kick-off done"
    merged = merge(compose(before).config, edited, compose(two_teams(teams=())).config)
    assert merged.config.pipeline("onboarding") is None
    assert merged.dropped == ["pipelines[onboarding]"]


def test_a_reordered_stage_list_keeps_the_user_s_order():
    before = two_teams()
    edited = compose(before).config.model_copy(deep=True)
    stages = edited.pipelines[0].stages
    stages[0], stages[1] = stages[1], stages[0]
    merged = merge(
        compose(before).config,
        edited,
        compose(two_teams(steps=("first_contact", "demo_given", "site_visit", "quote_sent"))).config,
    )
    assert [s.id for s in merged.config.pipelines[0].stages][:4] == [
        "demo_given",
        "first_contact",
        "site_visit",
        "quote_sent",
    ]


def test_the_closest_composition_is_the_one_a_setup_came_from():
    one, other = compose(two_teams()).config, compose(two_teams(teams=())).config
    edited = one.model_copy(deep=True)
    edited.pipelines[0].label = "Our sales"
    assert edit_size(one, edited) == 1
    assert edit_size(one, edited) < edit_size(other, edited)


def test_recomposing_in_another_language_keeps_the_user_s_words_and_translates_the_rest():
    before = two_teams()
    edited = compose(before).config.model_copy(deep=True)
    edited.pipelines[0].stages[0].label = "Premier rendez-vous"
    with i18n.using("fr"):
        new = compose(two_teams(teams=("onboarding", "delivery"))).config
    merged = merge(compose(before).config, edited, new).config
    labels = [s.label for s in merged.pipelines[0].stages]
    assert labels[:3] == ["Premier rendez-vous", "Démo faite", "Devis envoyé"]
    assert [p.label for p in merged.pipelines if p.object == "deals"] == [
        "Ventes",
        "Intégration",
        "Livraison",
    ]
    assert not_info(merged) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers(), answers())
def test_without_user_edits_a_recomposition_is_the_new_composition(before, after):
    old, new = compose(before).config, compose(after).config
    merged = merge(old, old, new)
    assert merged.config == new and merged.dropped == []
    assert merge(old, new, new).config == new  # the user's edits were the new answers' result
