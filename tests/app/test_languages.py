"""The wizard in French and Chinese: every page speaks the session's language, the picker
switches it, the choice survives page switches, and English stays the default."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import click, goto, ok, use_template, wizard
from babel.messages.pofile import read_po
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from hubwizard import editing, forecast, i18n, templates
from hubwizard.i18n import _
from hubwizard.ui.nav import STEPS, step

APP = Path(__file__).resolve().parents[2] / "app.py"
LOCALE = Path(i18n.__file__).parent / "locale"

TRANSLATED_PAGES = tuple(s.key for s in STEPS)
"""The pages whose every sentence of the wizard's catalog is translated (the walk below)."""

ACTIONS = {"provision": "provision.plan", "health": "health.run"}
"""The button that draws the rest of a page (what it shows only after reading the portal)."""

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def english_sentences(lang: str) -> tuple[set[str], list[str]]:
    """What would betray an untranslated page: the wizard's English messages whose ``lang``
    translation differs. Whole messages of two words or more must not be shown as such, and
    no run of four words or more of any message may appear anywhere (a message with its
    placeholders filled in)."""
    whole: set[str] = set()
    pieces: set[str] = set()
    with (LOCALE / lang / "LC_MESSAGES" / "wizard.po").open("rb") as stream:
        catalog = read_po(stream, locale=lang)
    for entry in catalog:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple | list) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple | list) else (entry.string,)
        for english in ids:
            if english in strings:
                continue
            if len(english.split()) >= 2 and not PLACEHOLDER.search(english):
                whole.add(english)
            for piece in PLACEHOLDER.split(english):
                piece = piece.strip(" .,:;()*“”«»")
                if len(piece.split()) >= 4:
                    pieces.add(piece)
    return whole, sorted(pieces, key=len, reverse=True)


def _strings(message: Message) -> Iterator[str]:
    for _field, value in message.ListFields():
        values = value if isinstance(value, list | tuple) or hasattr(value, "append") else [value]
        for item in values:
            if isinstance(item, str):
                yield item
            elif isinstance(item, Message):
                yield from _strings(item)


def shown_texts(at: AppTest) -> list[str]:
    """Every text of the page as drawn: bodies, labels, help, options, captions, column titles."""
    texts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            texts.extend(_strings(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return [t for t in texts if t.strip()]


def english_left(at: AppTest, lang: str) -> list[str]:
    whole, pieces = english_sentences(lang)
    found = []
    for text in shown_texts(at):
        bare = re.sub(r"^#+\s*", "", text).strip("* ")  # a heading or a bold line: its words
        if text in whole or bare in whole:
            found.append(text)
            continue
        found += [f"{piece!r} in {text[:120]!r}" for piece in pieces if piece in text]
    return found


# AppTest formats a choice widget's value with the app's own ``format_func`` in the test's
# thread: the tests speak the session's language there too (``i18n.using``), as the browser
# only ever sees the labels the script drew.


def opened(lang: str | None = None) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=20)
    if lang:
        app.query_params["lang"] = lang
    return ok(app)


@pytest.mark.parametrize("lang", ["fr", "zh"])
@pytest.mark.parametrize("page", TRANSLATED_PAGES)
def test_every_page_speaks_the_chosen_language(page: str, lang: str, sandbox):
    with i18n.using(lang):
        at = opened(lang)
        assert english_left(at, lang) == [], "before a start is picked"
        use_template(at)
        goto(at, page)
        assert at.title[0].value == _(step(page).title)
        assert at.caption[0].value == _(step(page).blurb) != step(page).blurb
        assert english_left(at, lang) == []
        action = ACTIONS.get(page)
        if action:  # the page's main action: the plan, the health check
            click(at, action)
            assert english_left(at, lang) == [], action


def test_the_english_messages_are_found_on_an_english_page():
    """The walk above can fail: on an English page it finds the catalog's English sentences."""
    at = opened()
    use_template(at)
    goto(at, "start")
    left = english_left(at, "fr")
    assert any("Each template is a complete setup" in found for found in left), left


def test_english_is_the_default_and_an_unsupported_language_falls_back_to_it():
    at = opened()
    assert at.title[0].value == "Start"
    assert wizard(at).language == "en"
    at = opened("de")
    assert at.title[0].value == "Start"
    assert not wizard(at).language_chosen


def test_the_picker_switches_the_language_and_it_survives_page_switches():
    at = opened()
    picker = at.sidebar.selectbox(key="language.pick")
    assert picker.options == ["English", "Français", "中文"]
    picker.select("fr")
    ok(at)
    assert at.title[0].value == "Démarrer"
    assert at.query_params["lang"] in (["fr"], "fr")
    with i18n.using("fr"):
        use_template(at)  # a callback: its message is in French too
        assert any("chargé" in s.value for s in at.success), [s.value for s in at.success]
        for key in ("pipelines", "review", "start"):
            goto(at, key)
            assert at.title[0].value == _(step(key).title)
        at.sidebar.selectbox(key="language.pick").select("zh")
        ok(at)  # the widgets' states are sent in the labels drawn last (French)
    with i18n.using("zh"):
        assert at.title[0].value == "开始"
        ok(at)
        labels = [link.proto.label for link in at.sidebar.get("page_link")]
        assert labels[0].startswith("1. 开始"), labels


def test_each_session_keeps_its_own_language():
    french, chinese, english = opened("fr"), opened("zh"), opened()
    ok(french)
    assert french.title[0].value == "Démarrer"
    assert chinese.title[0].value == "开始"
    assert english.title[0].value == "Start"
    assert i18n.language() == "en"


def test_findings_are_checked_again_in_each_language():
    """The findings cache is per language: a French session never shows another's sentences."""
    english = opened()
    use_template(english)
    french = opened("fr")
    # the same setup (a template installed in French would have French labels, another setup)
    wizard(french).replace(wizard(english).config.model_copy(deep=True), "template:b2b-sales")
    ok(french)
    assert wizard(english).revision == wizard(french).revision
    assert "Contrôles" in french.sidebar.markdown[-1].value
    assert "Checks" in english.sidebar.markdown[-1].value


def test_every_step_has_a_title_in_each_language():
    for lang in ("fr", "zh"):
        titles = {i18n.translations(lang).gettext(s.title) for s in STEPS}
        assert len(titles) == len(STEPS)
        assert not titles & {s.title for s in STEPS if s.title != "Workflows"}


def test_new_items_get_default_labels_in_the_sessions_language():
    """Defaults are written in the session's language; from then on they are the user's data."""
    for lang, won in (("fr", "Conclu gagné"), ("zh", "已赢单")):
        with i18n.using(lang):
            config = editing.blank_setup(tier="professional")
            pipeline = editing.new_pipeline(config, None, "deals")
        assert pipeline.label != "New pipeline"
        assert won in [s.label for s in pipeline.stages]
        assert len({s.id for s in pipeline.stages}) == len(pipeline.stages)  # ids stay ASCII, unique
        assert all(s.id.isascii() for s in pipeline.stages)
    with i18n.using("fr"):
        assert editing.blank_setup().name == "Ma configuration Sales Hub"


ENGLISH_ONLY = """
import sys
from pathlib import Path
from streamlit.testing.v1 import AppTest
from hubwizard import i18n
app = AppTest.from_file(sys.argv[1], default_timeout=30)
app.run()
app.button(key="start.use.b2b-sales").click().run()
for page in ("pages/pipelines.py", "pages/review.py", "pages/workflows.py"):
    app.switch_page(page).run()
assert not app.exception, [e.value for e in app.exception]
print(i18n.translations.cache_info().currsize, "babel" in sys.modules)
"""


def test_english_loads_no_catalog_and_no_babel(tmp_path):
    """English is the messages as written: no catalog is read, Babel is not imported."""
    env = {**os.environ, "HUBWIZARD_HOME": str(tmp_path), "HUBWIZARD_SANDBOX_DATA": ":memory:"}
    done = subprocess.run(
        [sys.executable, "-c", ENGLISH_ONLY, str(APP)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-2:] == ["0", "False"]


def test_the_forecast_chart_and_money_speak_the_language():
    """Review's chart: legend, axis, tooltips and titles translated, amounts as the language
    writes them (French: a space between thousands)."""
    pipeline = templates.get_template("b2b-sales").fresh_config().pipelines[0]
    result = forecast.forecast(pipeline, forecast.sample_deals(pipeline))
    with i18n.using("fr"):
        spec = json.dumps(forecast.forecast_chart(result).to_dict(), ensure_ascii=False)
        money = forecast.money(34000)
    assert "Pondéré par la probabilité de conclusion" in spec and "Montant" in spec
    assert "Weighted by win probability" not in spec and "Open deals" not in spec
    assert money.replace("\u202f", " ").replace("\xa0", " ") == "34 000"
    with i18n.using("zh"):
        assert "按成交概率加权" in json.dumps(forecast.forecast_chart(result).to_dict(), ensure_ascii=False)
    assert forecast.money(34000) == "34,000"
