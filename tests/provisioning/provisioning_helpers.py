"""Small helpers shared by the provisioning tests."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hubwizard.config import Config
from hubwizard.gateway import Gateway
from hubwizard.portals import Connection
from hubwizard.provision import Applied, apply_reviewed, plan_against
from hubwizard.state import PortalState, read_portal

TOKEN = "pat-na1-test-token"


def fresh_connection(sandbox: Any, **options: object) -> Connection:
    settings = {"backoff": 0.01, "max_wait": 0.05, **options}
    return Connection("sandbox", sandbox.url, Gateway(sandbox.url, TOKEN, **settings), "test sandbox")


def apply(connection: Connection, config: Config, *, prune: bool = False, **options: object) -> Applied:
    planned = plan_against(connection, config, prune=prune)
    return apply_reviewed(connection, config, planned, prune=prune, **options)


def snapshot(connection: Connection, config: Config | None = None) -> PortalState:
    objects = {"deals", "tickets", "contacts", "companies"}
    names = []
    if config is not None:
        names = [o.name for o in config.custom_objects]
    return read_portal(connection.gateway, objects, custom_object_names=names)


def duplicates(state: PortalState) -> list[str]:
    """Anything that exists twice: pipelines by label per object, flows by name, schemas by name."""
    found = []
    for object_name, pipelines in state.pipelines.items():
        counts = Counter(p.get("label") for p in pipelines if not p.get("archived"))
        found += [f"{object_name} pipeline {label}" for label, n in counts.items() if n > 1]
        for pipeline in pipelines:
            stages = Counter(s.get("label") for s in pipeline.get("stages") or [])
            found += [f"stage {label}" for label, n in stages.items() if n > 1]
    found += [f"flow {name}" for name, n in Counter(f.get("name") for f in state.flows).items() if n > 1]
    found += [f"schema {name}" for name, n in Counter(s.get("name") for s in state.schemas).items() if n > 1]
    return found


def alongside(config: Config) -> Config:
    """``config`` with its pipelines created next to HubSpot's default ones instead of adopting
    them (for tests about creating a pipeline)."""
    for pipeline in config.pipelines:
        pipeline.adopt = None
        for stage in pipeline.stages:
            stage.replaces = []
    return config
