"""Start's "Design my setup": the answers compose the setup as one undoable edit, "Why" gives each
decision, and changed answers recompose it without losing the user's own edits."""

from __future__ import annotations

from pathlib import Path

from app_helpers import click, goto, ok, texts, wizard
from streamlit.testing.v1 import AppTest

from hubwizard import lint, setups
from hubwizard.config import Property

APP = Path(__file__).resolve().parents[2] / "app.py"


def answer_as_the_issue_s_company(at: AppTest) -> AppTest:
    at.text_input(key="quest.company").input("Acme")
    at.selectbox(key="quest.tier").select("enterprise")
    at.multiselect(key="quest.teams").select("onboarding")
    at.text_area(key="quest.lines").input("Software\nHardware")
    ok(at)
    at.text_input(key="quest.owner.Software").input("alex.martin@example.com")
    at.text_input(key="quest.owner.Hardware").input("sam.dubois@example.com")
    at.radio(key="quest.chase").set_value("task")
    at.checkbox(key="quest.recruits").check()
    return click(at, "quest.submit")


def test_answers_compose_the_setup_and_why_lists_each_decision(at: AppTest):
    answer_as_the_issue_s_company(at)
    w = wizard(at)
    config = w.config
    assert w.source == "questionnaire"
    assert [p.id for p in config.pipelines if p.object == "deals"] == ["sales", "onboarding"]
    assert [o.name for o in config.custom_objects] == ["application"]
    assert {wf.id for wf in config.workflows} == {
        "hand_over_to_onboarding", "assign_owner_1", "assign_owner_2", "quote_reminder",
    }  # fmt: skip
    assert lint.lint(config) == []
    shown = texts(at)
    assert "Why this setup: 7 decisions" in at.expander[-1].label
    for words in ("one per department", "Several products do not justify", "A follow-up is not a stage"):
        assert words in shown
    assert "Your answer: Sales, then Onboarding." in shown
    assert at.button(key="quest.submit").label == "Recompose my setup"


def test_designing_is_one_undoable_edit_over_the_setup_being_edited(at: AppTest):
    click(at, "start.use.b2b-sales")
    goto(at, "start")
    assert "Designing replaces the setup you are editing" in texts(at)
    before = wizard(at).config.model_copy(deep=True)
    answer_as_the_issue_s_company(at)
    assert wizard(at).config.pipeline("onboarding") is not None
    click(at, "history.undo")
    assert wizard(at).config == before
    # after the undo the setup no longer comes from the questionnaire: no reasons shown
    assert "Why this setup" not in " ".join(e.label for e in at.expander)


def test_changed_answers_recompose_keeping_the_user_s_edits(at: AppTest):
    answer_as_the_issue_s_company(at)
    w = wizard(at)
    w.config.pipelines[0].stages[1].label = "Demo done"
    w.config.property_groups[0].properties.append(
        Property(name="licence_count", label="Number of licences", type="number")
    )
    w.commit("Edited by hand")
    ok(at)
    at.selectbox(key="quest.tier").select("professional")
    click(at, "quest.submit")
    config = wizard(at).config
    assert config.tier.value == "professional"
    assert config.custom_objects == [] and any(
        g.name == "hr" and g.object == "contacts" for g in config.property_groups
    )
    assert config.pipelines[0].stages[1].label == "Demo done"
    assert "licence_count" in [p.name for p in config.property_groups[0].properties]
    assert wizard(at).history.next_undo == "Recomposed the setup from your changed answers"


def test_answers_that_cannot_be_composed_say_why_and_change_nothing(at: AppTest):
    at.text_input(key="quest.company").input(" ")
    at.text_area(key="quest.lines").input("Software")
    ok(at)
    at.text_input(key="quest.owner.Software").input("alex at example")
    click(at, "quest.submit")
    errors = [e.value for e in at.error]
    assert "Give the company's name." in errors
    assert any("is not an email address" in e for e in errors)
    assert wizard(at).source == ""


def test_after_an_undo_the_form_shows_the_answers_the_setup_came_from(at: AppTest):
    answer_as_the_issue_s_company(at)
    at.multiselect(key="quest.teams").select("administration")
    click(at, "quest.submit")
    assert wizard(at).config.pipeline("administration") is not None
    click(at, "history.undo")
    assert wizard(at).config.pipeline("administration") is None
    assert at.multiselect(key="quest.teams").value == ["onboarding"]
    assert at.button(key="quest.submit").label == "Recompose my setup"
    assert "Your answer: Sales, then Onboarding." in texts(at)


def test_the_answers_are_kept_with_the_saved_setup_for_a_later_session(at: AppTest):
    answer_as_the_issue_s_company(at)
    setup_id = wizard(at).setup_id
    later = AppTest.from_file(str(APP), default_timeout=10)
    later.query_params["setup"] = setup_id
    ok(later)
    assert wizard(later).setup_id == setup_id
    assert later.text_input(key="quest.company").value == "Acme"
    assert later.multiselect(key="quest.teams").value == ["onboarding"]
    assert later.button(key="quest.submit").label == "Recompose my setup"
    later.selectbox(key="quest.tier").select("professional")
    click(later, "quest.submit")
    assert wizard(later).config.custom_objects == []
    assert wizard(later).history.next_undo == "Recomposed the setup from your changed answers"


def test_damaged_saved_answers_are_ignored_not_an_error(at: AppTest):
    answer_as_the_issue_s_company(at)
    setup_id = wizard(at).setup_id
    saved = setups.folder() / setup_id / "questionnaire.json"
    assert saved.exists()
    saved.write_text('[{"answers": {"tier": "platinum"}, "lang": "fr"}, 7, "garbage", {}]', encoding="utf-8")
    later = AppTest.from_file(str(APP), default_timeout=10)
    later.query_params["setup"] = setup_id
    ok(later)
    assert later.button(key="quest.submit").label == "Design my setup"


def test_the_subscription_chosen_on_start_is_the_answer_a_recomposition_keeps(at: AppTest):
    answer_as_the_issue_s_company(at)
    at.selectbox(key="setup.tier").select("professional")
    ok(at)
    assert at.selectbox(key="quest.tier").value == "professional"
    at.checkbox(key="quest.recruits").uncheck()
    click(at, "quest.submit")
    config = wizard(at).config
    assert config.tier.value == "professional" and config.custom_objects == []
    assert lint.lint(config) == []
