"""Provisioning tests run the real gateway over HTTP, through the official SDK, against the
sandbox. One in-memory sandbox per module, reset before each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from provisioning_helpers import fresh_connection

from hubwizard.portals import Connection
from hubwizard.sandbox import SandboxServer, start_sandbox


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    with start_sandbox(tier="enterprise", seed=7) as server:
        yield server


@pytest.fixture
def portal(sandbox: SandboxServer) -> Iterator[Connection]:
    sandbox.reset()
    sandbox.set_tier("enterprise")
    sandbox.faults.update(latency_ms=0, fail_rate=0.0, rate_429=0.0, drop_after=None, stale_ms=0)
    connection = fresh_connection(sandbox)
    yield connection
    connection.gateway.close()
