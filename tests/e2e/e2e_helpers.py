"""What every browser test does: wait for Streamlit to finish a run, open a step, take a picture."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect


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
