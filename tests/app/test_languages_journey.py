"""The whole journey in French and in Chinese shows no English message of any catalog: Start,
a template, every page, the questionnaire composing a setup, then Provision: the plan against
the sandbox, apply, undo. Unlike ``test_languages`` (the wizard's own catalog, page by page),
this walk checks every message of the product (plan sentences, apply and undo reports, engine
refusals, findings) on the pages that show them, in the page's texts and its tables' cells."""

from __future__ import annotations

import pandas as pd
import pytest
from app_helpers import click, goto, ok, start_tab, use_template
from streamlit.testing.v1 import AppTest
from test_languages import APP, opened, shown_texts

from hubwizard import catalogs, i18n
from hubwizard.i18n import _
from hubwizard.ui.nav import STEPS


def cell_strings(at: AppTest) -> list[str]:
    """The strings in the page's tables (a dataframe's cells travel as Arrow bytes, not text)."""
    found: list[str] = []
    for table in list(at.dataframe) + list(at.get("data_editor")) + list(at.table):
        value = table.value
        if isinstance(value, pd.DataFrame):
            found += [str(c) for c in value.columns]
            for column in value.columns:
                found += [v for v in value[column].tolist() if isinstance(v, str)]
    return found


def english_on(at: AppTest, lang: str) -> list[str]:
    """The English messages (of any catalog) the page shows in ``lang``."""
    return catalogs.english_in(shown_texts(at) + cell_strings(at), lang)


def check(at: AppTest, lang: str, where: str, seen: dict[str, list[str]]) -> None:
    left = english_on(at, lang)
    if left:
        seen[where] = left


def journey(lang: str) -> dict[str, list[str]]:
    """The journey; where each page shows English (empty when it shows none)."""
    seen: dict[str, list[str]] = {}
    with i18n.using(lang):
        at = opened(lang)
        check(at, lang, "start", seen)
        use_template(at)
        for s in STEPS:
            goto(at, s.key)
            check(at, lang, s.key, seen)
        goto(at, "provision")
        click(at, "provision.plan")
        check(at, lang, "plan", seen)
        at.toggle(key="provision.everything").set_value(True)
        ok(at)
        check(at, lang, "plan, every item", seen)
        click(at, "provision.apply")
        check(at, lang, "apply", seen)
        click(at, "provision.undo")
        click(at, "provision.undo.yes")
        check(at, lang, "undo", seen)
        goto(at, "health")
        click(at, "health.run")
        check(at, lang, "health", seen)
        goto(at, "start")
        start_tab(at, _("Design my setup"))
        at.text_input(key="quest.company").input("Acme")
        at.multiselect(key="quest.teams").select("onboarding")
        at.text_area(key="quest.lines").input("Logiciel\nMatériel")
        ok(at)
        click(at, "quest.submit")
        check(at, lang, "questionnaire", seen)
        goto(at, "review")
        check(at, lang, "review of the composed setup", seen)
        goto(at, "start")
        start_tab(at, _("Import from a portal"))
        click(at, "start.import")  # the sandbox's pipelines, properties and workflows, read back
        check(at, lang, "import from the portal", seen)
        for key in ("pipelines", "properties", "workflows", "review"):
            goto(at, key)
            check(at, lang, f"{key} of the imported setup", seen)
    return seen


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_the_whole_journey_shows_no_english(lang: str, sandbox):
    assert journey(lang) == {}


def test_the_walk_finds_english_on_an_english_journey(sandbox):
    """The walk can fail: the same journey in English shows the plan's and apply's messages."""
    at = AppTest.from_file(str(APP), default_timeout=20)
    ok(at)
    use_template(at)
    goto(at, "provision")
    click(at, "provision.plan")
    plan = " ".join(english_on(at, "fr"))
    assert "to the stages that replace theirs" in plan, plan
    click(at, "provision.apply")
    assert "The portal now matches your setup" in " ".join(english_on(at, "fr"))
