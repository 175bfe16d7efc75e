"""Every page opens, deep links and reruns keep the frame, the sidebar tells each step's state."""

from __future__ import annotations

import pytest
from app_helpers import goto, ok, sidebar_steps, use_template, wizard
from streamlit.testing.v1 import AppTest

from hubwizard.ui.nav import STEPS
from hubwizard.ui.state import _stale

WIZARD_STEPS = ("start", "pipelines", "properties", "custom_objects", "workflows", "review", "provision")


def test_page_files_are_named_after_their_steps_and_old_urls_stay():
    """Files are named after the steps; the url paths people bookmarked before stay the same."""
    by_key = {s.key: s for s in STEPS}
    stems = {key: by_key[key].file.rsplit("/", 1)[-1].removesuffix(".py") for key in WIZARD_STEPS}
    assert stems == {
        "start": "start",
        "pipelines": "pipelines",
        "properties": "properties",
        "custom_objects": "objects",
        "workflows": "workflows",
        "review": "review",
        "provision": "provision",
    }
    assert [by_key[key].url_path for key in WIZARD_STEPS] == [
        "welcome",
        "pipelines",
        "properties",
        "custom-objects",
        "workflows",
        "review",
        "provision",
    ]
    assert all(s.file.startswith("pages/") for s in STEPS)


@pytest.mark.parametrize("step", STEPS, ids=[s.key for s in STEPS])
def test_every_page_opens_before_and_after_a_template(at: AppTest, step):
    goto(at, step.key)
    assert at.title[0].value == step.title
    goto(at, "start")
    use_template(at)
    goto(at, step.key)
    assert at.title[0].value == step.title


def test_reruns_and_deep_links_keep_the_frame(at: AppTest):
    """Regression for the pages/ folder: the second run and a switched page still run app.py."""
    assert at.sidebar.get("page_link")
    ok(at)
    assert len(at.sidebar.get("page_link")) == len(STEPS)
    goto(at, "review")
    assert at.title[0].value == "Review"
    assert len(at.sidebar.get("page_link")) == len(STEPS)
    ok(at)
    assert at.title[0].value == "Review"
    assert "hubwizard" in at.sidebar.markdown[0].value


def test_pages_ask_for_a_start_first(at: AppTest):
    goto(at, "pipelines")
    assert "pick a template" in at.info[0].value


def test_sidebar_marks_steps_done_and_counts_findings(at: AppTest):
    steps = sidebar_steps(at)
    assert not steps["Start"][1]
    use_template(at)  # opens Pipelines & stages: visited, no errors
    steps = sidebar_steps(at)
    assert steps["Start"][1]
    assert steps["Pipelines & stages"][1]
    assert not steps["Properties"][1]
    # an error on a stage: the step is not done and shows one open finding, in the same run
    wizard(at).config.pipelines[0].stages[2].probability = 0.55
    wizard(at).touch()
    ok(at)
    label, done = sidebar_steps(at)["Pipelines & stages"]
    assert label.endswith("· 1 open")
    assert not done
    assert "1 error ·" in at.sidebar.markdown[-1].value


def test_state_survives_page_switches(at: AppTest):
    use_template(at)
    at.text_input(key="pipelines.label").input("Team sales").run()
    for step in STEPS:
        goto(at, step.key)
    goto(at, "pipelines")
    assert at.text_input(key="pipelines.label").value == "Team sales"
    assert wizard(at).config.pipelines[0].label == "Team sales"


def test_a_choice_whose_label_changed_since_it_was_drawn_is_not_an_edit():
    """Streamlit answers a selectbox with the option's label; a label that changed (a count, a
    renamed stage) comes back as a string that is no option: it must be ignored, not applied."""
    assert _stale("Sales · deals · 6 stages", [0, 1])
    assert _stale(["a", "gone"], ["a", "b"])
    assert not _stale(1, range(2))
    assert not _stale("text", None)


@pytest.mark.parametrize("step", STEPS, ids=[s.key for s in STEPS])
def test_nothing_is_drawn_above_a_page_title(at: AppTest, step):
    """A bare string in a page file (an attribute's docstring) once showed above Review's title."""
    use_template(at)
    goto(at, step.key)
    first = at.main.children[0]
    while not hasattr(first, "value") and getattr(first, "children", None):
        first = next(iter(first.children.values()))
    assert first.type == "title", first
    assert first.value == step.title
