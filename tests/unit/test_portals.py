"""Connecting to a portal: the token's format is checked before any network call, and every
failure names its cause (a wrong token, a missing scope by name, no network) in about a second."""

from __future__ import annotations

import socket
import time

import pytest

from hubwizard.errors import PortalError
from hubwizard.portals import (
    TokenProblem,
    check_token,
    diagnose,
    missing_scopes,
    open_portal,
    probe,
)
from hubwizard.sandbox import start_sandbox

GOOD = "pat-na1-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
OTHER = "pat-eu1-11111111-2222-4333-8444-555555555555"


@pytest.mark.parametrize(
    ("token", "words"),
    [
        ("", "no token"),
        ("Bearer " + GOOD, "word 'Bearer'"),
        (GOOD[:20] + " " + GOOD[20:], "spaces or line breaks"),
        (GOOD + "\n", "spaces or line breaks"),
        (GOOD.replace("-", "–", 1), "characters a HubSpot token never has"),
        (GOOD[:-4], "cut or altered"),
        ("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "legacy HubSpot API key"),
        ("abc123", "too short"),
    ],
)
def test_a_malformed_token_is_named_before_any_network_call(token, words, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    with pytest.raises(TokenProblem, match=words) as caught:
        check_token(token)
    assert caught.value.status == 401
    assert diagnose(caught.value).cause == "token"
    if token.strip() not in ("", GOOD):  # open_portal strips a pasted line break itself
        with pytest.raises(TokenProblem):
            open_portal("hubspot", token=token)


@pytest.mark.parametrize(
    "url", ["http://", "https:///x", "http://[bad", "http://host:abc", "http://host:99999", "ftp://host"]
)
def test_an_address_that_is_not_one_is_named_not_a_traceback(url):
    with pytest.raises(PortalError, match="unknown portal"):
        open_portal(url, token=GOOD)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8765", "https://api.hubapi.com/", "http://localhost/prefix"]
)
def test_a_base_address_opens(url):
    with open_portal(url, token=GOOD) as connection:
        assert connection.url == url.rstrip("/")


@pytest.mark.parametrize(
    "token", [GOOD, OTHER, "CJSP5qf1MhICAQEYs-gDIIGOBii1hQIyGQAf3xBKmlwHjX7OIpuIFEavB2-qYAGQsF4"]
)
def test_well_formed_tokens_pass_the_format_check(token):
    check_token(token)  # private app tokens of any region, service keys and OAuth tokens


def test_a_wrong_token_against_the_sandbox_is_named_in_a_second():
    sandbox = start_sandbox(token=GOOD)
    try:
        started = time.perf_counter()
        with pytest.raises(PortalError) as caught:
            probe(sandbox.url, OTHER)
        assert time.perf_counter() - started < 2
        probe(sandbox.url, GOOD)  # the right one is accepted
    finally:
        sandbox.stop()
    found = diagnose(caught.value, label="the portal")
    assert caught.value.status == 401 and found.cause == "token"
    assert "did not accept the token" in found.what


def test_no_network_is_named_in_a_second():
    with socket.socket() as spare:  # a local port where nothing listens
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    started = time.perf_counter()
    with pytest.raises(PortalError) as caught:
        probe(f"http://127.0.0.1:{port}", GOOD)
    assert time.perf_counter() - started < 2
    found = diagnose(caught.value, label="the portal")
    assert caught.value.status == 0 and found.cause == "network"
    assert "connection was refused" in found.what
    assert "internet connection" in found.advice


def test_a_missing_scope_is_named_from_hubspots_403():
    sandbox = start_sandbox(scopes={"crm.objects.owners.read"})
    try:
        started = time.perf_counter()
        with pytest.raises(PortalError) as caught:
            probe(sandbox.url, GOOD)
        assert time.perf_counter() - started < 2
    finally:
        sandbox.stop()
    assert caught.value.status == 403 and caught.value.category == "MISSING_SCOPES"
    found = diagnose(caught.value, label="HubSpot")
    assert found.cause == "scope" and found.scopes == ("crm.schemas.deals.read",)
    assert "lacks the scope crm.schemas.deals.read" in found.what
    assert "add the scope crm.schemas.deals.read" in found.advice


def test_scopes_named_only_in_the_message_are_found_too():
    error = PortalError(
        "This oauth-token (app 1) is missing required 'crm.schemas.custom.write' scope", status=403
    )
    assert missing_scopes(error) == ("crm.schemas.custom.write",)
    error = PortalError("forbidden", status=403, errors=[{"context": {"requiredScopes": ["automation"]}}])
    assert missing_scopes(error) == ("automation",)


def test_the_wizard_explains_each_cause_in_its_own_words():
    from hubwizard.ui.portal import explain

    what, advice = explain(
        TokenProblem("the token is too short to be a HubSpot token; copy it again in full")
    )
    assert what.startswith("The token is not valid: the token is too short")
    what, _ = explain(PortalError("the connection was refused (nothing answers at that address)"))
    assert what.startswith("The portal could not be reached: the connection was refused")
    what, advice = explain(
        PortalError("forbidden", status=403, errors=[{"context": {"requiredGranularScopes": ["automation"]}}])
    )
    assert "lacks the scope automation" in what and "add the scope automation" in advice
    what, advice = explain(PortalError(f"bad token {GOOD}", status=401), GOOD)
    assert what.startswith("The portal did not accept the token") and "Check the token you pasted" in advice
