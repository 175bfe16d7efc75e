"""HubSpot's own ticket pipeline, in a real browser: a support manager loads the support-tickets
template, sees where the tickets of HubSpot's ticket stages go, changes one row, plans against
the sandbox and applies; the tickets are where the table said, and undo puts them back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e_helpers import choose_in_mapping as choose
from e2e_helpers import plan_and_apply_on_sandbox, shoot, wait_for_app
from hubspot import HubSpot
from hubspot.crm.tickets import SimplePublicObjectInputForCreate
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

TICKETS = {"Printer on fire": "3", "Cannot log in": "2", "Old invoice": "4"}
"""Subject → HubSpot's default ticket stage: Waiting on us, Waiting on contact, Closed."""


def client(sandbox) -> HubSpot:
    return HubSpot(access_token="e2e", host=sandbox.url)


def open_tickets(sandbox) -> None:
    for subject, stage in TICKETS.items():
        body = SimplePublicObjectInputForCreate(
            properties={"subject": subject, "hs_pipeline": "0", "hs_pipeline_stage": stage}
        )
        client(sandbox).crm.tickets.basic_api.create(body)


def ticket_stages(sandbox) -> dict[str, str]:
    """Ticket subject → stage id, read with HubSpot's own SDK."""
    page = client(sandbox).crm.tickets.basic_api.get_page(
        limit=100, properties=["subject", "hs_pipeline_stage"]
    )
    return {t.properties["subject"]: t.properties["hs_pipeline_stage"] for t in page.results}


def support_pipeline(sandbox):
    return client(sandbox).crm.pipelines.pipelines_api.get_by_id("tickets", "0")


def test_ticket_mapping_proposed_changed_planned_applied_and_undone(
    page: Page, base_url: str, e2e_sandbox, screenshots: Path
):
    e2e_sandbox.reset()  # HubSpot's default ticket pipeline as a new portal has it
    open_tickets(e2e_sandbox)
    before = ticket_stages(e2e_sandbox)
    assert before == TICKETS
    try:
        page.goto(base_url)
        wait_for_app(page)
        page.locator(".st-key-start-use-support-tickets").get_by_role("button").click()
        wait_for_app(page)
        expect(page.get_by_text("Use HubSpot's own ticket pipeline (recommended)")).to_be_visible()
        expect(page.get_by_text("Where the tickets go")).to_be_visible()
        mapping = page.get_by_test_id("stDataFrame").nth(1)
        mapping.scroll_into_view_if_needed()
        expect(mapping.locator("#glide-cell-0-1")).to_have_text("Waiting on contact")
        expect(mapping.locator("#glide-cell-1-1")).to_have_text("Waiting on customer")
        expect(mapping.locator("#glide-cell-0-2")).to_have_text("Waiting on us")
        expect(mapping.locator("#glide-cell-1-2")).to_have_text("In progress")
        expect(mapping.locator("#glide-cell-0-3")).to_have_text("Closed")
        expect(mapping.locator("#glide-cell-1-3")).to_have_text("Resolved")

        choose(page, 2, "New")  # the manager: what waits on us is treated as new again
        expect(mapping.locator("#glide-cell-2-2")).to_have_text("your choice")
        shoot(page, screenshots, "ticket-adoption-mapping")

        plan_and_apply_on_sandbox(page, screenshots, "ticket-adoption-plan")

        after = ticket_stages(e2e_sandbox)
        pipeline = support_pipeline(e2e_sandbox)
        labels = {s.id: s.label for s in pipeline.stages if not s.archived}
        assert pipeline.label == "Customer support"
        assert set(after) == set(before), "every ticket is still there"
        assert labels[after["Printer on fire"]] == "New", "where the manager said"
        assert after["Cannot log in"] == "2" and labels["2"] == "Waiting on customer", "taken over in place"
        assert after["Old invoice"] == "4" and labels["4"] == "Resolved", "a closed ticket stays closed"
        assert "3" not in labels, "the emptied stage is gone"
        assert "In progress" in labels.values(), "the design's stage that replaces nothing is created"

        page.get_by_role("button", name="Undo this apply").click()
        wait_for_app(page)
        page.get_by_role("button", name="Yes, undo it").click()
        wait_for_app(page)
        expect(page.get_by_text(re.compile(r"Undone: \d+ changes? taken back"))).to_be_visible(timeout=20_000)
        back = {s.id: s.label for s in support_pipeline(e2e_sandbox).stages if not s.archived}
        undone = ticket_stages(e2e_sandbox)
        assert {back[stage] for stage in undone.values()} == {"Waiting on us", "Waiting on contact", "Closed"}
        assert back[undone["Printer on fire"]] == "Waiting on us", "back in its stage"
    finally:
        e2e_sandbox.reset()  # the other browser tests start from a fresh portal
