"""The wizard as a French and as a Chinese user sees it: a browser that asks for ``fr-FR`` (or
``zh-CN``) gets every page in that language, with no English sentence of the wizard's catalog
on screen, and a screenshot of each page in each language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from e2e_helpers import shoot, wait_for_app
from playwright.sync_api import Browser, Page, expect

from hubwizard import editing, i18n
from hubwizard.ui.nav import STEPS

pytestmark = pytest.mark.e2e

LOCALE = Path(i18n.__file__).parent / "locale"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
BROWSER_LOCALES = {"fr": "fr-FR", "zh": "zh-CN"}
DATA = {
    editing.DEFAULT_SETUP_NAME,
    "Imported from the sandbox portal",
    "Imported from HubSpot",
    "Imported from a portal",
    *(label for label, _p, _c in editing.DEAL_STAGES),
    *(label for label, _s in editing.OTHER_STAGES),
}
"""Messages that become the user's data once written: a setup saved by an English session of
the same server (the Start page lists it) keeps its English name, as it should."""


def english_pieces(lang: str) -> tuple[set[str], list[str]]:
    """The wizard's English messages whose ``lang`` translation differs: whole ones of two words
    or more (a heading, a button), and runs of four words or more of any (a sentence with its
    placeholders filled in); markdown marks taken off, as the browser shows the text."""
    with (LOCALE / lang / "LC_MESSAGES" / "wizard.po").open("rb") as stream:
        catalog = read_po(stream, locale=lang)
    whole: set[str] = set()
    pieces: set[str] = set()
    for entry in catalog:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple | list) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple | list) else (entry.string,)
        for english in ids:
            if english in strings:
                continue
            bare = english.replace("*", "").strip()
            if english in DATA:
                continue
            if len(bare.split()) >= 2 and not PLACEHOLDER.search(bare) and "\n" not in bare:
                whole.add(bare)
            for piece in PLACEHOLDER.split(english):
                for line in piece.replace("*", "").split("\n"):
                    line = re.sub(r":material/[a-z_]+:", "", line).strip(" -.,:;()“”")
                    if len(line.split()) >= 4:
                        pieces.add(line)
    return whole, sorted(pieces, key=len, reverse=True)


def english_on_screen(page: Page, english: tuple[set[str], list[str]]) -> list[str]:
    whole, pieces = english
    shown = page.locator("body").inner_text()
    lines = {line.strip() for line in shown.splitlines()}
    text = " ".join(shown.split())
    return sorted(lines & whole) + [piece for piece in pieces if " ".join(piece.split()) in text]


def translated(lang: str, message: str) -> str:
    return i18n.translations(lang).gettext(message)


def open_translated_step(page: Page, lang: str, title: str) -> None:
    name = translated(lang, title)
    link = page.get_by_test_id("stSidebar").get_by_role("link", name=re.compile(rf"\d\. {re.escape(name)}"))
    link.click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible(timeout=20_000)


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_the_whole_wizard_in_the_browsers_language(
    browser: Browser, base_url: str, screenshots: Path, e2e_sandbox, lang: str
):
    pieces = english_pieces(lang)
    assert len(pieces[0]) > 100 and len(pieces[1]) > 100, "the catalog's English sentences were not found"
    context = browser.new_context(
        locale=BROWSER_LOCALES[lang], viewport={"width": 1280, "height": 1600}, accept_downloads=True
    )
    try:
        page = context.new_page()
        page.goto(base_url)
        wait_for_app(page)
        expect(page.get_by_role("heading", name=translated(lang, "Start"), level=1)).to_be_visible()
        assert english_on_screen(page, pieces) == []
        page.get_by_role("button", name=translated(lang, "Use this template")).first.click()
        wait_for_app(page)
        for step in STEPS:
            open_translated_step(page, lang, step.title)
            if step.key == "provision":
                page.get_by_role("button", name=translated(lang, "Read the portal and plan")).click()
                wait_for_app(page)
                expect(page.get_by_text(translated(lang, "To create"), exact=True)).to_be_visible(
                    timeout=30_000
                )
            assert english_on_screen(page, pieces) == [], step.key
            shoot(page, screenshots, f"language-{lang}-{step.key}")
        # the choice is the browser's until the picker changes it; the url keeps a picked one
        picker = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox")
        picker.click()
        page.get_by_role("option", name="English").click()
        wait_for_app(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("Health check")
        expect(page).to_have_url(re.compile(r"[?&]lang=en"))
    finally:
        context.close()
