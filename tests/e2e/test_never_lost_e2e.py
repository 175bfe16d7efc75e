"""Never lost, always current, in a real browser: a reload or a second tab opens the same setup,
a deletion can be undone and redone, every "Add …" updates the checks and makes the plan stale;
then a picture of every page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from e2e_helpers import open_step, shoot, wait_for_app
from playwright.sync_api import Browser, Page, expect

from hubwizard import lint
from hubwizard.config import Config
from hubwizard.findings import summarise
from hubwizard.ui.nav import STEPS, checks_line

pytestmark = pytest.mark.e2e


def setup_id(page: Page) -> str:
    return parse_qs(urlparse(page.url).query)["setup"][0]


def start_template(page: Page, base_url: str) -> str:
    page.goto(base_url)
    wait_for_app(page)
    page.get_by_role("button", name="Use this template").first.click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/pipelines\?setup=[a-z0-9]{12}$"))
    return setup_id(page)


def rename_pipeline(page: Page, label: str) -> None:
    field = page.get_by_label("Pipeline label")
    field.fill(label)
    field.press("Enter")
    wait_for_app(page)


def sidebar_checks(page: Page) -> str:
    return page.get_by_test_id("stSidebar").get_by_text(re.compile(r"\d+ errors? ·")).inner_text()


def checks_of_saved_setup(home: Path, setup: str) -> str:
    """What the sidebar must say: the checks of the setup as saved on disk, linted here."""
    saved = Config.model_validate_json((home / "setups" / setup / "config.json").read_bytes())
    counts = summarise(lint.lint(saved))
    return checks_line(counts)


def test_a_reload_mid_edit_and_a_second_tab_keep_the_setup(page: Page, base_url: str, browser: Browser):
    setup = start_template(page, base_url)
    rename_pipeline(page, "Team sales")
    page.reload()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Pipelines & stages", level=1)).to_be_visible()
    expect(page.get_by_label("Pipeline label")).to_have_value("Team sales")
    assert setup_id(page) == setup

    other = browser.new_context(viewport={"width": 1280, "height": 800})  # another tab, its own session
    tab = other.new_page()
    tab.goto(f"{base_url}/pipelines?setup={setup}")
    wait_for_app(tab)
    expect(tab.get_by_label("Pipeline label")).to_have_value("Team sales")
    rename_pipeline(tab, "Team sales EMEA")
    page.get_by_test_id("stSidebar").get_by_role("link", name=re.compile(r"2\. Pipelines")).click()
    wait_for_app(page)
    expect(page.get_by_label("Pipeline label")).to_have_value("Team sales EMEA")
    expect(page.get_by_text("changed in another tab")).to_be_visible()
    other.close()


def test_undo_and_redo_of_a_deletion(page: Page, base_url: str):
    start_template(page, base_url)
    page.get_by_role("button", name="Delete").click()
    wait_for_app(page)
    expect(page.get_by_text("Deleted the pipeline “Sales” and its 6 stages.")).to_be_visible()
    expect(page.get_by_label("Pipeline label")).to_have_count(0)
    page.get_by_test_id("stMain").get_by_role("button", name="Undo").click()
    wait_for_app(page)
    expect(page.get_by_label("Pipeline label")).to_have_value("Sales")
    expect(page.get_by_text("Undone: Deleted the pipeline “Sales” and its 6 stages.")).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("button", name="Redo").click()
    wait_for_app(page)
    expect(page.get_by_label("Pipeline label")).to_have_count(0)
    sidebar.get_by_role("button", name="Undo").click()
    wait_for_app(page)
    expect(page.get_by_label("Pipeline label")).to_have_value("Sales")
    page.reload()  # the undone deletion is what was saved
    wait_for_app(page)
    expect(page.get_by_label("Pipeline label")).to_have_value("Sales")


def plan(page: Page) -> None:
    open_step(page, "Provision")
    page.get_by_role("button", name="Read the portal and plan").click()
    wait_for_app(page)
    expect(page.get_by_role("button", name=re.compile(r"^Apply \d+ change"))).to_be_visible(timeout=20_000)


def add(page: Page, step: str, opener: str, fields: dict[str, str]) -> None:
    open_step(page, step)
    page.get_by_role("button", name=opener).click()
    form = page.get_by_test_id("stPopoverBody")
    for label, value in fields.items():
        form.get_by_label(label, exact=True).fill(value)
    form.get_by_role("button", name="Add", exact=True).click()
    wait_for_app(page)


def test_every_add_updates_the_checks_and_makes_the_plan_stale(
    page: Page, base_url: str, e2e_home: Path, screenshots: Path
):
    page.set_viewport_size({"width": 1280, "height": 1400})
    setup = start_template(page, base_url)
    open_step(page, "Custom objects")
    page.get_by_role("button", name=re.compile("switch this setup to Enterprise")).click()
    wait_for_app(page)
    adds = [
        ("Pipelines & stages", "Add a pipeline", {"Label": "Administration"}),
        ("Properties", "Add a group", {"Group label": "Contract"}),
        ("Custom objects", "Add an object", {"Singular label": "Application"}),
        ("Workflows", "Add a workflow", {"Name": "Quote reminder 2"}),
        ("Workflows", "Add a workflow", {"Name": "Quote reminder 3"}),
        ("Workflows", "Add a workflow", {"Name": "Quote reminder 4"}),
    ]
    changed = []
    for step, opener, fields in adds:
        plan(page)
        before = sidebar_checks(page)
        add(page, step, opener, fields)
        expected = checks_of_saved_setup(e2e_home, setup)
        expect(page.get_by_test_id("stSidebar")).to_contain_text(expected)
        open_step(page, "Provision")
        expect(page.get_by_text("Your setup changed since this plan")).to_be_visible()
        expect(page.get_by_role("button", name=re.compile(r"^Apply \d+ change"))).to_have_count(0)
        if expected not in before:
            changed.append(opener)
    assert changed  # the fourth task workflow on one pipeline is one too many: a warning appears

    for number, s in enumerate(STEPS, 1):
        open_step(page, s.title)
        shoot(page, screenshots, f"after-journey-{number}-{s.key}")
