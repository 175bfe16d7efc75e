"""Answers of shapes the reader does not know degrade one part, with a reason; never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from recorded_portal import RECORDINGS, RecordedPortal

from hubwizard import lint
from hubwizard.export import export_config
from hubwizard.gateway import Gateway
from hubwizard.plan import make_plan
from hubwizard.state import read_portal


def _write(root: Path, relative: str, body: object) -> None:
    path = root / f"{relative}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body), encoding="utf-8")


def test_odd_answers_are_skipped_with_reasons(tmp_path: Path):
    root = tmp_path / "odd-portal"
    source = RECORDINGS / "enterprise-portal"
    for path in source.rglob("*.json"):  # start from a sound portal, then spoil some answers
        target = root / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    _write(root, "crm/v3/properties/contacts", {"results": "not a list"})
    _write(root, "crm/v3/properties/companies", ["a list, not an object"])
    _write(root, "crm/v3/owners", {"results": [{"email": "no-id@example.com"}, 7]})
    deals = json.loads((source / "crm/v3/pipelines/deals.json").read_text())
    deals["results"].append({"label": "No id at all", "stages": []})
    deals["results"][0]["stages"].append({"label": "Stage without id", "metadata": "not a mapping"})
    deals["results"][1]["stages"][0]["metadata"] = {"probability": "high", "isClosed": "false"}
    _write(root, "crm/v3/pipelines/deals", deals)
    _write(
        root,
        "crm/v3/limits/pipelines",
        {"hubspotDefinedObjectTypes": [{"objectTypeId": "0-3", "limit": "many"}]},
    )
    with RecordedPortal("odd-portal", directory=tmp_path) as portal:
        state = read_portal(Gateway(portal.url, "pat", max_attempts=1))
    assert state.owners == []
    unreadable = {p.what: p.reason for p in state.problems}
    assert "unexpected shape" in unreadable["contacts properties"]
    assert "unexpected shape" in unreadable["companies properties"]
    result = export_config(state)
    assert any(line.startswith("contacts properties because HubSpot's answer had") for line in result.skipped)
    assert lint.errors(result.config) == []
    assert any(line.startswith("a deals pipeline without an id") for line in result.skipped)
    assert any(line.startswith("a stage of pipeline 'Sales Pipeline'") for line in result.skipped)
    assert any(
        line.startswith(
            "pipeline 'Enterprise deals' because its stage 'Discovery' has the probability 'high'"
        )
        for line in result.skipped
    )  # left out, never rewritten to a number it is not
    assert [p.label for p in result.config.pipelines if p.object == "deals"] == ["Sales Pipeline"]
    assert {g.object for g in result.config.property_groups} == {"deals", "tickets"}
    plan = make_plan(result.config, state)  # planning against the odd portal does not raise either
    assert plan.ok and not plan.writes
    assert result.config.custom_object("projects") is not None
