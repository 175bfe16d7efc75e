"""Setups the questionnaire composes apply to a portal (the sandbox, through the official SDK
over HTTP) and converge: a second plan changes nothing."""

from __future__ import annotations

import pytest
from provisioning_helpers import apply, duplicates, snapshot

from hubwizard import i18n
from hubwizard.hubspot_rules import Tier
from hubwizard.provision import plan_against
from hubwizard.questionnaire import Answers, Chase, ProductLine, compose

ANSWERS = {
    "two-teams-enterprise": Answers(
        company="Acme",
        teams=("onboarding",),
        lines=(
            ProductLine("Software", "alex.martin@example.com"),
            ProductLine("Hardware", "sam.dubois@example.com"),
        ),
        chase=Chase.TASK,
        recruits=True,
        tier=Tier.ENTERPRISE,
    ),
    "other-process-professional": Answers(
        company="Globex",
        teams=("administration", "customer_success"),
        lines=(
            ProductLine("Licences", "robin.schmidt@example.com"),
            ProductLine("Consulting", "robin.schmidt@example.com", different=True),
        ),
        steps=("first_contact", "needs_confirmed", "proposal_sent"),
        other_steps=("site_visit", "quote_sent", "negotiation"),
        recruits=True,
        tier=Tier.PROFESSIONAL,
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr", "zh"])
@pytest.mark.parametrize("name", list(ANSWERS))
def test_a_composed_setup_applies_then_converges(portal, name, lang):
    with i18n.using(lang):
        config = compose(ANSWERS[name]).config
    applied = apply(portal, config)
    assert applied.report.status == "complete", applied.report.failed
    assert applied.matches, [op.title for op in applied.verification.writes]
    again = plan_against(portal, config)
    assert again.plan.ok and [op.title for op in again.plan.writes] == []
    state = snapshot(portal, config)
    assert duplicates(state) == []
    # one deal pipeline per team: HubSpot's own one reshaped into Sales, no second one beside it
    live = [p for p in state.pipelines["deals"] if not p.get("archived")]
    assert sorted(p["label"] for p in live) == sorted(
        p.label for p in config.pipelines if p.object == "deals"
    )
    assert next(p for p in live if p["id"] == "default")["label"] == config.pipelines[0].label
