"""Kind round-trip tests: one Enterprise sandbox per module, reset before each use."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hubwizard.sandbox import SandboxServer, start_sandbox


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    with start_sandbox(tier="enterprise", seed=11) as server:
        yield server
