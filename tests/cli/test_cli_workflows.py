"""`hubwizard export / plan / apply` on a portal with real-shaped workflows (the recorded agency
flows seeded into a sandbox): no traceback, managed workflows listed, switching one off over
the command line changes nothing else in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from hubwizard.cli import main
from hubwizard.gateway import Gateway
from hubwizard.sandbox import start_sandbox

FLOWS = Path(__file__).resolve().parents[1] / "recordings" / "agency-portal" / "automation" / "v4" / "flows"
SERVER_SET = ("id", "revisionId", "createdAt", "updatedAt", "crmObjectCreationStatus")


@pytest.fixture
def portal(monkeypatch):
    with start_sandbox(tier="enterprise", seed=7) as server:
        gateway = Gateway(server.url, "pat-na1-cli-test")
        ids = {}
        for path in sorted(FLOWS.glob("*.json")):
            body = json.loads(path.read_text())
            ids[body["name"]] = gateway.create_flow({k: v for k, v in body.items() if k not in SERVER_SET})[
                "id"
            ]
        monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", "pat-na1-cli-test")
        yield server.url, gateway, ids
        gateway.close()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_then_switch_off_a_branched_workflow(capsys, tmp_path, portal):
    url, gateway, ids = portal
    exported = tmp_path / "portal.yaml"
    code, _, err = run(capsys, "export", "--portal", url, "-o", str(exported))
    assert code == 0, err
    assert "Traceback" not in err
    assert "kept as is: workflow 'Inbound deal routing' is managed in HubSpot" in err
    data = yaml.safe_load(exported.read_text())
    routing = next(w for w in data["workflows"] if w["name"] == "Inbound deal routing")
    assert routing["managed_in_hubspot"] is True and "steps" not in routing
    tuesday = next(w for w in data["workflows"] if w["name"] == "Proposal review on Tuesday")
    assert tuesday["steps"][0] == {"delay": {"until": "tuesday"}}
    assert run(capsys, "validate", str(exported))[0] == 0

    before = gateway.flow(ids["Inbound deal routing"])
    routing["enabled"] = False
    exported.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    code, out, err = run(capsys, "plan", "--portal", url, str(exported))
    assert code == 0, err
    assert "0 to create, 1 to update" in out and "switched off" in out
    code, out, err = run(capsys, "apply", "--portal", url, str(exported), "--yes")
    assert code == 0, err
    after = gateway.flow(ids["Inbound deal routing"])
    keep = [k for k in before if k not in (*SERVER_SET, "isEnabled")]
    assert {k: after[k] for k in keep} == {k: before[k] for k in keep}
    assert after["isEnabled"] is False
