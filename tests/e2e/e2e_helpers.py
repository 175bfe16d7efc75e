"""What every browser test does: wait for Streamlit to finish a run, open a step, take a picture."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Locator, Page, expect


def wait_for_app(page: Page) -> None:
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=20_000)
    page.wait_for_timeout(150)  # the script run begins just after connecting
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=20_000)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)


def open_step(page: Page, title: str) -> None:
    page.get_by_test_id("stSidebar").get_by_role("link", name=re.compile(rf"\d\. {re.escape(title)}")).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def shoot(page: Page, folder: Path, name: str) -> None:
    page.wait_for_timeout(300)  # let the canvas tables paint
    page.screenshot(path=str(folder / f"{name}.png"))


def edit_until(page: Page, cell: Locator, text: str, edit: Callable[[], None], attempts: int = 3) -> None:
    """Run ``edit`` (one try at changing a cell of a canvas grid) until ``cell`` shows ``text``:
    the grid's editor now and then misses the first keys, and Escape closes a half-open editor
    before the next try."""
    for _attempt in range(attempts):
        wait_for_app(page)
        edit()
        wait_for_app(page)
        try:
            expect(cell).to_have_text(text, timeout=5_000)
            return
        except AssertionError:
            page.keyboard.press("Escape")
    expect(cell).to_have_text(text)


MAPPING_HEADER = 36
MAPPING_ROW = 35
MAPPING_MOVES_TO_X = 300
"""Middle of the mapping table's "Its deals/tickets go to" column: "Existing stage" (200) + half
of 200."""


def choose_in_mapping(page: Page, row: int, option: str) -> None:
    """Pick ``option`` in the select cell of ``row`` of the adoption mapping table (the page's
    second table): select the cell, open its editor with Enter, choose the option."""
    grid = page.get_by_test_id("stDataFrame").nth(1)

    def choose() -> None:
        grid.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        box = grid.bounding_box()
        assert box is not None
        page.mouse.click(
            box["x"] + MAPPING_MOVES_TO_X, box["y"] + MAPPING_HEADER + MAPPING_ROW * row + MAPPING_ROW / 2
        )
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        chosen = page.get_by_role("option", name=option, exact=True)
        if chosen.count():
            chosen.first.click()
        else:
            page.keyboard.type(option, delay=50)
            page.keyboard.press("Enter")

    edit_until(page, grid.locator(f"#glide-cell-1-{row}"), option, choose)


def plan_and_apply_on_sandbox(page: Page, screenshots: Path, shot: str) -> None:
    """Provision: read the portal and plan, then apply, and wait for "matches" (the plan's
    screenshot is ``shot``)."""
    open_step(page, "Provision")
    page.get_by_role("button", name="Read the portal and plan").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stDataFrame").last).to_be_visible()
    apply = page.get_by_role("button", name=re.compile(r"Apply \d+ changes? to sandbox"))
    expect(apply).to_be_enabled()
    shoot(page, screenshots, shot)
    apply.click()
    wait_for_app(page)
    expect(page.get_by_text("The portal now matches your setup.")).to_be_visible(timeout=20_000)
