"""Plan cases as data (pyinfra style): each ``cases/*.yaml`` gives a desired config, the
portal's current state in HubSpot's JSON, and the operations (and refusals) expected.
``make_plan`` is pure, so adding a regression needs a file, not code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from hubwizard.config import Config
from hubwizard.hubspot_rules import Tier
from hubwizard.plan import Action, make_plan
from hubwizard.state import Limits, PortalState

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def state_from(data: dict[str, Any]) -> PortalState:
    limits = Limits(pipelines={k: tuple(v) for k, v in (data.get("pipeline_limits") or {}).items()})
    return PortalState(
        tier=Tier(data.get("tier", "enterprise")),
        tier_reason="from the test case",
        limits=limits,
        schemas=data.get("schemas", []),
        pipelines=data.get("pipelines", {}),
        groups=data.get("groups", {}),
        properties=data.get("properties", {}),
        flows=data.get("flows", []),
        flows_allowed=data.get("flows_allowed", True),
        owners=data.get("owners", []),
    )


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_plan_case(path):
    case = yaml.safe_load(path.read_text())
    config = Config.model_validate(case["desired"])
    usage = case.get("usage", {})
    plan = make_plan(
        config,
        state_from(case["current"]),
        prune=case.get("prune", False),
        usage=lambda o, p, s: tuple(usage.get(s, (0, 0.0))),
    )
    assert sorted(f.code for f in plan.refusals) == sorted(case.get("refusals", []))
    shown = [op for op in plan.operations if op.action is not Action.UNCHANGED]
    assert [(op.action.value, op.kind, op.key) for op in shown] == [
        (w["action"], w["kind"], w["key"]) for w in case["expected"]
    ]
    for op, want in zip(shown, case["expected"], strict=True):
        if "changes" in want:
            assert [c.text for c in op.changes] == want["changes"]
        if "title" in want:
            assert op.title == want["title"]
    if "unchanged" in case:
        assert plan.count(Action.UNCHANGED) == case["unchanged"]
    if "write_calls" in case:
        assert plan.write_calls() == case["write_calls"]
