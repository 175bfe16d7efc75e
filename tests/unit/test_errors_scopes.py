"""Missing scopes are read from every shape HubSpot uses, and the advice says where to add them."""

from __future__ import annotations

import json

import pytest

from hubwizard.errors import SCOPES_SETTINGS, PortalError, required_scopes

SHAPES = [
    (
        {
            "status": "error",
            "category": "MISSING_SCOPES",
            "message": "This app hasn't been granted all required scopes to make this call.",
            "errors": [
                {
                    "message": "One or more of the following scopes are required.",
                    "context": {"requiredGranularScopes": ["tickets", "crm.objects.tickets.read"]},
                }
            ],
        },
        ["tickets", "crm.objects.tickets.read"],
    ),
    (
        {
            "status": "error",
            "category": "MISSING_SCOPES",
            "message": "...",
            "errors": [{"context": {"requiredScopes": ["automation"]}}],
        },
        ["automation"],
    ),
    (
        {
            "status": "error",
            "category": "MISSING_SCOPES",
            "message": "...",
            "context": {"requiredScopes": ["tickets"]},
        },
        ["tickets"],
    ),
    (
        {
            "status": "error",
            "message": "The OAuth token used to make this call is missing required 'crm.schemas.custom.read' scope",
        },
        ["crm.schemas.custom.read"],
    ),
    (
        {
            "status": "error",
            "message": "This access token does not have proper permissions! (requires any of [automation, automation.read])",
        },
        ["automation", "automation.read"],
    ),
    ({"status": "error", "message": "This access token does not have proper permissions!"}, []),
]


@pytest.mark.parametrize(("body", "scopes"), SHAPES)
def test_scopes_from_every_shape(body, scopes):
    assert required_scopes(body) == scopes
    error = PortalError.from_response(403, json.dumps(body), method="GET", path="/crm/v3/pipelines/tickets")
    assert error.scopes == scopes
    if scopes:
        assert error.missing_scope
        assert all(f"'{s}'" in error.advice for s in scopes)
        assert SCOPES_SETTINGS in error.advice
    else:
        assert not error.missing_scope and "scopes" in error.advice  # the general 403 advice


def test_scopes_are_only_read_from_403s():
    body = {"message": "missing required 'tickets' scope", "context": {"requiredScopes": ["tickets"]}}
    assert PortalError.from_response(400, json.dumps(body)).scopes == []


def test_a_subscription_refusal_keeps_the_tier_advice():
    body = {
        "status": "error",
        "category": "MISSING_SCOPES",
        "message": "Workflows need a HubSpot Professional subscription",
    }
    error = PortalError.from_response(403, json.dumps(body))
    assert error.scopes == [] and "Professional" in error.advice
