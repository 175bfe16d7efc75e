"""Provisioning tests run the real gateway over HTTP, through the official SDK, against the
sandbox. One in-memory sandbox per module, reset before each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hubwizard.gateway import Gateway
from hubwizard.portals import Connection
from hubwizard.sandbox import SandboxServer, start_sandbox

TOKEN = "pat-na1-test-token"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    with start_sandbox(tier="enterprise", seed=7) as server:
        yield server


def fresh_connection(sandbox: SandboxServer, **options: object) -> Connection:
    settings = {"backoff": 0.01, "max_wait": 0.05, **options}
    return Connection("sandbox", sandbox.url, Gateway(sandbox.url, TOKEN, **settings), "test sandbox")


@pytest.fixture
def portal(sandbox: SandboxServer) -> Iterator[Connection]:
    sandbox.reset()
    sandbox.set_tier("enterprise")
    sandbox.faults.update(latency_ms=0, fail_rate=0.0, rate_429=0.0, drop_after=None, stale_ms=0)
    connection = fresh_connection(sandbox)
    yield connection
    connection.gateway.close()
