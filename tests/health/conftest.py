"""Health-check tests: the official SDK against one in-memory sandbox per module."""

from sdk_fixtures import api, client, sandbox, sb  # noqa: F401  (fixtures)
