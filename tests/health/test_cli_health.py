"""``hubwizard audit`` and ``hubwizard calibrate`` against a seeded sandbox (the default portal)."""

from __future__ import annotations

import json

import pytest

from hubwizard.cli import main

STAGE_KEYS = {
    "id",
    "label",
    "open_deals",
    "open_amount",
    "median_days_in_stage",
    "configured_probability",
    "historical_win_rate",
    "interval",
    "sample_size",
    "suggested_probability",
}


@pytest.fixture
def seeded(capsys):
    assert main(["sandbox", "seed-deals", "--deals", "2200", "--seed", "21"]) == 0
    out = capsys.readouterr().out
    return int(out.split("planted stranded deals: ")[1].split()[0])


def test_audit_json_schema_and_findings(seeded, capsys):
    assert main(["audit", "--format", "json"]) == 1  # findings: a pile-up and stranded deals
    report = json.loads(capsys.readouterr().out)
    (pipeline,) = report["pipelines"]
    assert set(pipeline) == {"id", "label", "stages", "pile_ups", "stranded", "forecast", "backtest"}
    assert all(set(stage) == STAGE_KEYS for stage in pipeline["stages"])
    assert pipeline["pile_ups"] == ["Decision Maker Bought-In"]
    assert len(pipeline["stranded"]) == seeded
    assert all(set(d) == {"id", "owner", "days_since_activity"} for d in pipeline["stranded"])
    assert {d["owner"] for d in pipeline["stranded"]} <= {
        "Alex Martin",
        "Sam Dubois",
        "Robin Schmidt",
        "Kim Garcia",
    }
    for name in ("configured", "learned"):
        band = pipeline["forecast"][name]
        assert band["p10"] < band["expected"] < band["p90"]
    # which side wins is tested against the known truth (test_truth.py); here: present, in range
    assert all(0 <= pipeline["backtest"][k] <= 1 for k in ("configured", "learned"))
    open_stages = [s for s in pipeline["stages"] if s["interval"]]
    assert len(open_stages) == 5
    for stage in open_stages:
        low, high = stage["interval"]
        assert low <= stage["historical_win_rate"] <= high
        assert stage["sample_size"] > 0


def test_audit_text_speaks_plainly(seeded, capsys):
    assert main(["audit"]) == 1
    out = capsys.readouterr().out
    assert "Decision Maker Bought-In holds" in out and "is a step missing" in out
    assert f"Stranded deals ({seeded})" in out
    assert "Backtest on" in out and "lower is better" in out


def test_audit_unknown_pipeline_is_a_clear_error(capsys):
    assert main(["audit", "--pipeline", "nope"]) == 2
    assert "no deal pipeline with the id 'nope'" in capsys.readouterr().err


def test_audit_rejects_a_bad_date(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["audit", "--since", "last tuesday"])
    assert exit_.value.code == 2
    assert "is not a date" in capsys.readouterr().err


CONFIG = """\
# Our sales process (keep this comment)
version: 1
name: Acme sales
pipelines:
  - id: sales
    object: deals
    label: "Sales Pipeline"   # matched by label
    stages:
      - id: appointment
        label: Appointment Scheduled
        probability: 0.2
      - id: qualified
        label: qualified to buy
        probability: 0.5    # too hopeful
      - id: presentation
        label: Presentation Scheduled
      - id: decision
        label: Decision Maker Bought-In
        probability: 0.9
      - id: contract
        label: Contract Sent
        probability: 0.9
      - {id: won, label: Closed Won, probability: 1.0, closed: won}
      - {id: lost, label: Closed Lost, probability: 0.0, closed: lost}
"""


def test_calibrate_changes_only_the_probabilities(seeded, tmp_path, capsys):
    path = tmp_path / "acme.yaml"
    path.write_text(CONFIG)
    assert main(["calibrate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Sales Pipeline › qualified to buy: 50% → 30%" in out
    text = path.read_text()
    before, after = CONFIG.splitlines(), text.splitlines()
    assert after[0] == "# Our sales process (keep this comment)"
    assert "        probability: 0.3    # too hopeful" in after
    assert after[after.index("        label: Presentation Scheduled") + 1] == "        probability: 0.4"
    changed = [line for line in after if line not in before]
    assert all("probability:" in line for line in changed)
    assert len(after) == len(before) + 1
    assert main(["validate", str(path)]) == 0  # still a valid setup
    capsys.readouterr()
    assert main(["calibrate", str(path)]) == 0
    assert "already uses the learned probabilities" in capsys.readouterr().out
    assert path.read_text() == text


def test_calibrate_unreadable_config_names_the_place(seeded, tmp_path, capsys):
    path = tmp_path / "broken.yaml"
    path.write_text("version: 1\nname: x\npipelines: [\n")
    assert main(["calibrate", str(path)]) == 2
    assert "broken.yaml" in capsys.readouterr().err


def test_deal_data_is_not_written_anywhere(seeded, capsys, hubwizard_home):
    """Only the portal (the sandbox's own database) holds deals; the audit leaves no copy."""
    assert main(["audit", "--format", "json"]) == 1
    assert "Seeded deal" not in capsys.readouterr().out  # ids and owners, not names, in JSON
    for path in hubwizard_home.rglob("*"):
        if path.is_file() and not path.name.startswith("sandbox.sqlite3"):
            assert b"Seeded deal" not in path.read_bytes(), path


def test_sandbox_clock_and_seed_deals_refuse_bad_input(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["sandbox", "serve", "--clock", "soon"])
    assert exit_.value.code == 2
    assert "is not an ISO time" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["sandbox", "seed-deals", "--deals", "0"])
    assert main(["sandbox", "seed-deals", "--deals", "5", "--pipeline", "nope"]) == 2
    assert "no deal pipeline 'nope'" in capsys.readouterr().err
