"""apply(config) to a fresh sandbox → export the whole portal → re-plan: the helpers."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from hubwizard import configfile, lint
from hubwizard.config import Config
from hubwizard.export import Export, export_config
from hubwizard.gateway import Gateway
from hubwizard.plan import Plan
from hubwizard.portals import Connection
from hubwizard.provision import apply_reviewed, plan_against
from hubwizard.sandbox import SandboxServer
from hubwizard.state import read_portal


@dataclass
class RoundTrip:
    exported: Export
    replanned: Plan
    """The export, written to YAML and read back, planned against the same portal."""
    original: Plan
    """The applied config planned again."""


def fresh(sandbox: SandboxServer) -> Connection:
    """A fresh portal and a fresh hubwizard home (the journals of an earlier run on the reset
    sandbox would make the next plan wait for items the reset removed)."""
    os.environ["HUBWIZARD_HOME"] = tempfile.mkdtemp(prefix="hubwizard-kinds-")
    sandbox.reset()
    sandbox.set_tier("enterprise")
    gateway = Gateway(sandbox.url, "pat-kinds", backoff=0.01, max_wait=0.05)
    return Connection("sandbox", sandbox.url, gateway, "kinds sandbox")


def round_trip(sandbox: SandboxServer, config: Config) -> RoundTrip:
    with fresh(sandbox) as connection:
        planned = plan_against(connection, config)
        assert planned.plan.ok, [f.message for f in planned.plan.refusals]
        applied = apply_reviewed(connection, config, planned)
        assert applied.report.ok, applied.report.failed
        exported = export_config(read_portal(connection.gateway))
        text = configfile.dumps(exported.config)
        reread = configfile.loads(text, "exported.yaml").config
        assert lint.errors(reread) == [], [f.message for f in lint.errors(reread)]
        replanned = plan_against(connection, reread).plan
        original = plan_against(connection, config).plan
    return RoundTrip(exported, replanned, original)


def writes(plan: Plan) -> list[str]:
    return [op.title for op in plan.writes] + [f.message for f in plan.refusals]
