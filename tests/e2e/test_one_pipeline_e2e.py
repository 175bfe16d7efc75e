"""One pipeline, in a real browser: the wizard proposes where the deals of HubSpot's existing
stages go, the user changes one row, the plan moves the deals, apply, undo puts them back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e_helpers import choose_in_mapping as choose
from e2e_helpers import plan_and_apply_on_sandbox, shoot, wait_for_app
from hubspot import HubSpot
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def deal_stages(sandbox) -> dict[str, str]:
    """Deal name → stage id, read with HubSpot's own SDK."""
    client = HubSpot(access_token="e2e", host=sandbox.url)
    page = client.crm.deals.basic_api.get_page(limit=100, properties=["dealname", "dealstage"])
    return {d.properties["dealname"]: d.properties["dealstage"] for d in page.results}


def stage_labels(sandbox) -> dict[str, str]:
    client = HubSpot(access_token="e2e", host=sandbox.url)
    pipeline = client.crm.pipelines.pipelines_api.get_by_id("deals", "default")
    return {s.id: s.label for s in pipeline.stages}


def test_mapping_proposed_changed_planned_applied_and_undone(
    page: Page, base_url: str, e2e_sandbox, screenshots: Path
):
    e2e_sandbox.reset()  # HubSpot's default pipeline as a new portal has it, with its deals
    before = deal_stages(e2e_sandbox)
    assert before["Umbrella - expansion"] == "presentationscheduled"
    try:
        page.goto(base_url)
        wait_for_app(page)
        page.get_by_role("button", name="Use this template").first.click()
        wait_for_app(page)
        expect(page.get_by_text("Use HubSpot's own deal pipeline (recommended)")).to_be_visible()
        mapping = page.get_by_test_id("stDataFrame").nth(1)
        mapping.scroll_into_view_if_needed()
        expect(mapping.locator("#glide-cell-0-2")).to_have_text("Presentation Scheduled")
        expect(mapping.locator("#glide-cell-1-2")).to_have_text("Demo sent")  # the proposal
        expect(mapping.locator("#glide-cell-0-3")).to_have_text("Decision Maker Bought-In")
        expect(mapping.locator("#glide-cell-1-3")).to_have_text("Quote sent")

        choose(page, 2, "Quote sent")  # the user: presentations count as quotes here
        expect(mapping.locator("#glide-cell-2-2")).to_have_text("your choice")
        shoot(page, screenshots, "one-pipeline-mapping")

        plan_and_apply_on_sandbox(page, screenshots, "one-pipeline-plan")

        after = deal_stages(e2e_sandbox)
        labels = stage_labels(e2e_sandbox)
        assert set(after) == set(before), "every deal is still there"
        # Quote sent now takes over Presentation Scheduled (its first replaced stage: id and
        # deals kept); the deal of Decision Maker Bought-In moves there, and that stage goes
        assert labels[after["Umbrella - expansion"]] == "Quote sent", "where the user said"
        assert labels[after["Hooli - renewal"]] == "Quote sent"
        assert labels[after["Globex - pilot"]] == "Contact made"  # the template's mapping
        assert "decisionmakerboughtin" not in labels and "qualifiedtobuy" not in labels

        page.get_by_role("button", name="Undo this apply").click()
        wait_for_app(page)
        page.get_by_role("button", name="Yes, undo it").click()
        wait_for_app(page)
        expect(page.get_by_text(re.compile(r"Undone: \d+ changes? taken back"))).to_be_visible(timeout=20_000)
        assert deal_stages(e2e_sandbox) == before, "every deal back in its stage"
        assert stage_labels(e2e_sandbox)["presentationscheduled"] == "Presentation Scheduled"
    finally:
        e2e_sandbox.reset()  # the other browser tests start from a fresh portal
