"""The Health check in a real browser: import the portal's setup, run the check on a seeded
deal history, see the findings and charts, use the learned probabilities, and see the normal
plan and apply write them to the portal."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from hubspot import HubSpot
from playwright.sync_api import Page, expect

from hubwizard.deals import read_pipeline
from hubwizard.gateway import Gateway
from hubwizard.health.analysis import analyse
from hubwizard.health.generator import generate
from hubwizard.sandbox.seed_deals import seed_deals

pytestmark = pytest.mark.e2e


def wait_for_app(page: Page) -> None:
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=20_000)
    page.wait_for_timeout(150)  # the script run begins just after connecting
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=30_000)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)


def open_step(page: Page, title: str) -> None:
    page.get_by_test_id("stSidebar").get_by_role("link", name=re.compile(rf"\d\. {re.escape(title)}")).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def shoot(page: Page, folder, name: str) -> None:
    page.wait_for_timeout(300)
    page.screenshot(path=str(folder / f"{name}.png"))


@pytest.fixture
def seeded(e2e_sandbox):
    now = datetime.now(UTC).replace(microsecond=0)
    history = generate(2000, 41, now=now, span_days=360)
    e2e_sandbox.portal.clock.set(now)
    seed_deals(e2e_sandbox.portal, history)
    e2e_sandbox.portal.clock.set(None)
    yield history
    e2e_sandbox.reset()  # the other browser tests start from a fresh portal


def test_health_check_to_plan(page: Page, base_url: str, e2e_sandbox, seeded, screenshots):
    history = seeded
    page.goto(base_url)
    wait_for_app(page)
    page.get_by_role("tab", name="Import from a portal").click()
    page.get_by_role("button", name="Read the portal and start from it").click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile("Imported .* pipeline")).first).to_be_visible()

    open_step(page, "Health check")
    page.get_by_role("button", name="Run the health check").click()
    wait_for_app(page)
    expect(page.get_by_text(f"{history.bottleneck_label} holds")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("is a step missing")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(3)
    expect(page.get_by_role("heading", name="Stranded deals")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    shoot(page, screenshots, "8-health-check")

    gateway = Gateway(e2e_sandbox.url, "e2e")
    now = datetime.now(UTC)
    frame, _ = read_pipeline(gateway, "default", now=now, since=now - timedelta(days=365))
    suggested = analyse(frame).learned()
    gateway.close()

    page.get_by_role("button", name="Use these probabilities").click()
    wait_for_app(page)
    expect(page.get_by_text("now uses the learned probabilities")).to_be_visible()

    open_step(page, "Provision")
    page.get_by_role("button", name="Read the portal and plan").click()
    wait_for_app(page)
    apply = page.get_by_role("button", name=re.compile(r"Apply \d+ changes? to sandbox"))
    expect(apply).to_be_enabled(timeout=20_000)
    shoot(page, screenshots, "8-health-plan")
    apply.click()
    wait_for_app(page)
    expect(page.get_by_text("The portal now matches your setup.")).to_be_visible(timeout=20_000)

    client = HubSpot(access_token="e2e", host=e2e_sandbox.url)
    stages = client.crm.pipelines.pipelines_api.get_by_id("deals", "default").stages
    written = {s.id: float(s.metadata["probability"]) for s in stages}
    assert {sid: written[sid] for sid in suggested} == suggested
    assert written["qualifiedtobuy"] != 0.4  # the default was off, and it changed
