"""The questionnaire in a real browser: a two-team company with two product lines sold the same
way, that chases quotes by task and recruits, on Enterprise, designs its setup from Start."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from e2e_helpers import open_step, shoot, wait_for_app
from playwright.sync_api import Page, expect

from hubwizard import lint
from hubwizard.config import Config

pytestmark = pytest.mark.e2e


def saved_config(page: Page, home: Path) -> Config:
    """The setup exactly as the wizard saved it (the url names it)."""
    setup_id = parse_qs(urlparse(page.url).query)["setup"][0]
    return Config.model_validate_json((home / "setups" / setup_id / "config.json").read_bytes())


def pick(page: Page, label: str, option: str) -> None:
    """Choose ``option`` in the select or multiselect labelled ``label``."""
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)


def test_design_my_setup_as_a_two_team_company(page: Page, base_url: str, e2e_home: Path, screenshots: Path):
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.goto(base_url)
    wait_for_app(page)
    panel = page.get_by_test_id("stExpander").filter(has_text="Design my setup")
    panel.get_by_label("Company name").fill("Acme")
    panel.get_by_label("Company name").press("Enter")
    wait_for_app(page)
    pick(page, "HubSpot subscription", "HubSpot Enterprise")
    pick(
        page, "After Sales wins a deal, which teams take it over? Pick them in hand-over order.", "Onboarding"
    )
    lines = panel.get_by_label("Your product lines, one per line")
    lines.fill("Software\nHardware")
    lines.press("Control+Enter")
    wait_for_app(page)
    for line, owner in (("Software", "alex.martin@example.com"), ("Hardware", "sam.dubois@example.com")):
        field = panel.get_by_label(f"Who sells {line}? (their email in HubSpot, optional)")
        field.fill(owner)
        field.press("Enter")
        wait_for_app(page)
    panel.get_by_text("Yes, with a task for the salesperson").click()
    wait_for_app(page)
    panel.get_by_text("We recruit: keep track of job applications").click()
    wait_for_app(page)
    panel.get_by_role("button", name="Design my setup").click()
    wait_for_app(page)

    expect(page.get_by_text(re.compile(r"Your setup is ready: 7 decisions"))).to_be_visible()
    why = page.get_by_test_id("stExpander").filter(has_text="Why this setup: 7 decisions")
    for words in (
        "2 deal pipelines, one per team: Sales, Onboarding",
        "A hand-over workflow copies each won deal",
        "A dropdown property “Product line”",
        "2 workflows assign each deal to the salesperson",
        "15 days after a deal enters “Quote sent”, a task",
        "A custom object “Application”",
        "Only the essential stages",
    ):
        expect(why).to_contain_text(words)
    expect(why).to_contain_text("Your answer: Sales, then Onboarding.")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text("Checks: 0 errors · 0 warnings · 0 tips")
    expect(sidebar).not_to_contain_text(" open")
    shoot(page, screenshots, "questionnaire-1-designed")

    config = saved_config(page, e2e_home)
    deals = [p for p in config.pipelines if p.object == "deals"]
    assert [p.label for p in deals] == ["Sales", "Onboarding"] and deals[0].adopt == "default"
    steps = {s.kind for w in config.workflows for s in w.steps}
    assert {"copy_to_pipeline", "assign_owner", "create_task"} <= steps
    assert config.property_groups[0].properties[0].name == "product_line"
    assert [o.name for o in config.custom_objects] == ["application"]
    assert lint.lint(config) == []

    open_step(page, "Review")
    expect(page.get_by_text("No findings: the setup follows the guide")).to_be_visible()
    shoot(page, screenshots, "questionnaire-2-review")
