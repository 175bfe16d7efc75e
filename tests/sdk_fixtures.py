"""Fixtures shared by the sandbox and contract tests: the official SDK against one in-memory
sandbox per module.

Each SDK API object is built once (every ``client.crm...`` attribute access builds a new client and
connection pool); each test starts from a fresh portal with default settings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from hubspot import HubSpot

from hubwizard.sandbox import SandboxServer, start_sandbox

TOKEN = "pat-test"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    sb = start_sandbox(seed=7)
    yield sb
    sb.stop()


@pytest.fixture
def sb(sandbox: SandboxServer) -> SandboxServer:
    sandbox.reset(settings=True)
    return sandbox


@pytest.fixture(scope="module")
def client(sandbox: SandboxServer) -> HubSpot:
    return HubSpot(access_token=TOKEN, host=sandbox.url, base_url=sandbox.url)


@pytest.fixture(scope="module")
def api(client: HubSpot) -> SimpleNamespace:
    """Every SDK API object the contract tests use, built once."""
    return SimpleNamespace(
        pipelines=client.crm.pipelines.pipelines_api,
        stages=client.crm.pipelines.pipeline_stages_api,
        properties=client.crm.properties.core_api,
        groups=client.crm.properties.groups_api,
        batch=client.crm.properties.batch_api,
        schemas=client.crm.schemas.core_api,
        owners=client.crm.owners.owners_api,
        deals=client.crm.deals.basic_api,
        deal_search=client.crm.deals.search_api,
        tickets=client.crm.tickets.basic_api,
        objects=client.crm.objects.basic_api,
    )


def body_of(exc: Any) -> dict[str, Any]:
    """The JSON body of an SDK ApiException, checked to be HubSpot's error shape."""
    body = json.loads(exc.body)
    assert body["status"] == "error"
    assert body["message"]
    assert body["correlationId"]
    if exc.status != 429:
        assert body["category"]
    return body
