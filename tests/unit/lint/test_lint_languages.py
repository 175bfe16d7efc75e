"""Every rule of the catalogue speaks French and Chinese: the whole message, fix and hint of each
finding, built in the language current when the linter runs."""

from __future__ import annotations

import re

import pytest
from test_lint_wording import _hostile_configs

from hubwizard import catalogs, i18n
from hubwizard.findings import Finding
from hubwizard.lint import RULES, lint

HAN = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORDS = re.compile(r"\b(?:the|has|is|with|and|of|in|its|or|to|a)\b")
"""Words every English sentence of the linter uses, none of its French or Chinese ones."""
QUOTED = re.compile(r"(?<!\w)'[^']*'(?!\w)|“[^”]*”|«[^»]*»")
"""Labels from the setup and quoted HubSpot names: not words of the translation."""


SUMMARISED = (
    *("HW101", "HW102", "HW103", "HW104"),
    *("HW201", "HW202", "HW203", "HW204", "HW205", "HW206", "HW207", "HW208", "HW209"),
    *("HW301", "HW302", "HW303", "HW304", "HW305", "HW306", "HW307", "HW308"),
    *("HW401", "HW402", "HW501", "HW502", "HW503", "HW504", "HW505", "HW506", "HW507"),
)
"""The rules of the modules ``pipelines``, ``properties``, ``custom_objects``, ``references`` and
``workflows``, whose summaries are marked for translation."""


def _findings(lang: str) -> list[Finding]:
    with i18n.using(lang):
        return [f for cfg in _hostile_configs() for f in lint(cfg)]


@pytest.fixture(scope="module")
def english() -> list[Finding]:
    return _findings("en")


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_every_rule_speaks_the_language_current_at_lint_time(lang, english):
    translated = _findings(lang)
    assert {f.code for f in translated} == set(RULES)
    assert [(f.code, f.path, f.severity) for f in translated] == [
        (f.code, f.path, f.severity) for f in english
    ]
    same = []
    for there, here in zip(english, translated, strict=True):
        for field in ("message", "fix", "hint"):
            if getattr(there, field) == getattr(here, field):
                same.append(f"{here.code} {here.path} {field}: {getattr(here, field)}")
    assert same == [], "\n".join(same)


def test_french_messages_have_no_english_sentence_left():
    leftovers = []
    for f in _findings("fr"):
        for field in ("message", "fix"):
            words = ENGLISH_WORDS.findall(QUOTED.sub("", getattr(f, field)))
            if len(words) > 1:
                leftovers.append(f"{f.code} {field}: {words}: {getattr(f, field)}")
    assert leftovers == [], "\n".join(leftovers)


def test_chinese_messages_are_written_in_chinese():
    for f in _findings("zh"):
        for field in ("message", "fix", "hint"):
            text = getattr(f, field)
            assert HAN.search(QUOTED.sub("", text)), f"{f.code} {field}: {text}"
            assert not ENGLISH_WORDS.search(QUOTED.sub("", text).replace("Marketing Hub", "")), (
                f"{f.code} {field}: {text}"
            )


def test_the_language_is_the_callers_not_the_process():
    """Two sessions, one process: each lints in its own language (the wizard's case)."""
    with i18n.using("zh"):
        chinese = lint(_hostile_configs()[1])
    english = lint(_hostile_configs()[1])
    assert HAN.search(chinese[0].message)
    assert not HAN.search(english[0].message)
    assert i18n.language() == "en"


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_every_lint_message_has_its_translation_with_the_same_placeholders(lang):
    messages = {
        key: message
        for key, message in catalogs.extract().items()
        if any(place.startswith("hubwizard/lint/") for place, _line in message.places)
    }
    assert len(messages) > 150
    assert catalogs.problems(lang, messages) == []


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_every_rule_summary_is_translated_when_shown(lang):
    """Summaries are registered at import (in English, marked ``N_``) and translated by
    ``Rule.title`` at the moment they are shown."""
    english = {code: RULES[code].title for code in SUMMARISED}
    with i18n.using(lang):
        shown = {code: RULES[code].title for code in SUMMARISED}
    assert english == {code: RULES[code].summary for code in SUMMARISED}
    assert [code for code in SUMMARISED if shown[code] == english[code]] == []
