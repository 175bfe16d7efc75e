"""A fix in a real browser: a setup with a follow-up stage opens on Review, one click turns the
stage into a reminder (saved, the sidebar's checks follow), "Undo" in the notice brings back
exactly the setup as it was; pictures before, after and undone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e_helpers import shoot, wait_for_app
from playwright.sync_api import Page, expect

from hubwizard import lint, setups
from hubwizard.config import Config
from hubwizard.findings import summarise
from hubwizard.templates import get_template
from hubwizard.ui.nav import checks_line

pytestmark = pytest.mark.e2e


def broken_setup() -> Config:
    """b2b-sales with a "Quote follow-up" stage after "Quote sent" (and no reminder yet)."""
    data = get_template("b2b-sales").config.model_dump()
    stages = data["pipelines"][0]["stages"]
    quote = next(i for i, s in enumerate(stages) if s["id"] == "quote_sent")
    stages.insert(quote + 1, {"id": "follow_up", "label": "Quote follow-up", "probability": 0.7})
    data["workflows"] = []
    return Config.model_validate(data)


def saved(home: Path, setup: str) -> bytes:
    return (home / "setups" / setup / "config.json").read_bytes()


def sidebar_checks(page: Page) -> str:
    return page.get_by_test_id("stSidebar").get_by_text(re.compile(r"\d+ errors? ·")).inner_text()


def test_a_fix_clicked_in_the_browser_then_undone(
    page: Page, base_url: str, e2e_home: Path, screenshots: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("HUBWIZARD_HOME", str(e2e_home))
    config = broken_setup()
    data = setups.serialize(config)
    setup = setups.new_id()
    setups.save(setup, data, name="Fix me", source="test", contents="")
    before = checks_line(summarise(lint.lint(config)))

    page.goto(f"{base_url}/review?setup={setup}")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Review", level=1)).to_be_visible()
    button = page.get_by_role("button", name="Turn it into a reminder")
    expect(button).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Deletes the stage “Quote follow-up” and adds a workflow"))
    ).to_be_visible()
    assert before in sidebar_checks(page)
    button.scroll_into_view_if_needed()
    shoot(page, screenshots, "fixes-1-offered")

    button.click()
    wait_for_app(page)
    notice = page.get_by_test_id("stMain").get_by_text("Turned “Quote follow-up” into a reminder.")
    expect(notice).to_be_visible()
    fixed = Config.model_validate_json(saved(e2e_home, setup))
    assert [s.id for s in fixed.pipelines[0].stages if s.id == "follow_up"] == []
    assert fixed.workflows[0].trigger.stage_entered.stage == "quote_sent"
    assert not [f for f in lint.lint(fixed) if f.code == "HW202"]
    expect(page.get_by_role("button", name="Turn it into a reminder")).to_have_count(0)
    assert checks_line(summarise(lint.lint(fixed))) in sidebar_checks(page)
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, screenshots, "fixes-2-applied")

    page.get_by_test_id("stMain").get_by_role("button", name="Undo").click()
    wait_for_app(page)
    assert saved(e2e_home, setup) == data
    expect(page.get_by_role("button", name="Turn it into a reminder")).to_be_visible()
    assert before in sidebar_checks(page)
    shoot(page, screenshots, "fixes-3-undone")
