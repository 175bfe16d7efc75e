"""Sandbox tests: one in-memory sandbox per module, fresh portal per test."""

from sdk_fixtures import api, client, sandbox, sb  # noqa: F401  (fixtures)
