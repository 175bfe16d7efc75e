"""The sandbox: a local HubSpot-compatible portal (stdlib HTTP server + SQLite).

It answers HubSpot's configuration APIs (pipelines, properties, custom object schemas, workflows,
limits, owners, account details, records) with HubSpot's paths, status codes and JSON shapes, and
validates with the rules the linter uses (:mod:`hubwizard.hubspot_rules`). It is the embedded
portal of the app and the CLI, and the test double of every contract test. See ``docs/sandbox.md``.

>>> from hubwizard.sandbox import start_sandbox
>>> with start_sandbox() as sb:                     # doctest: +SKIP
...     HubSpot(access_token="pat-test", host=sb.url)
"""

from __future__ import annotations

from hubwizard.sandbox.discovery import find_running_sandbox
from hubwizard.sandbox.faults import Faults
from hubwizard.sandbox.server import SandboxServer, start_sandbox

__all__ = ["Faults", "SandboxServer", "find_running_sandbox", "start_sandbox"]
