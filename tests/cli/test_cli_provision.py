"""plan / apply / export / undo from the command line, against the embedded sandbox (its data
file lives under the per-test HUBWIZARD_HOME)."""

from __future__ import annotations

import json

import yaml

from hubwizard.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def new_config(capsys, tmp_path, template="b2b-sales"):
    path = tmp_path / f"{template}.yaml"
    assert main(["new", "Acme", "-t", template, "-o", str(path)]) == 0
    capsys.readouterr()
    return path


def test_plan_json_lists_operations_and_a_summary(capsys, tmp_path):
    path = new_config(capsys, tmp_path)
    code, out, _ = run(capsys, "plan", str(path), "--format", "json")
    assert code == 0
    plan = json.loads(out)
    assert {"operations", "summary"} <= set(plan)
    for op in plan["operations"]:
        assert {"action", "kind", "key", "changes"} <= set(op)
    summary = plan["summary"]
    # b2b-sales adopts HubSpot's default pipeline: renamed and restaged in place, one stage's
    # deals moved (one batch call) and that stage archived
    assert summary["create"] == 5 and summary["update"] == 8 and summary["archive"] == 1
    assert summary["write_calls"] == 12 and summary["estimated_seconds"] > 0
    assert summary["read_calls"] > 0


def test_apply_then_nothing_to_do_then_export_and_undo(capsys, tmp_path):
    path = new_config(capsys, tmp_path)
    code, out, err = run(capsys, "apply", str(path), "--yes")
    assert code == 0, err
    assert "The portal now matches the config." in out
    code, out, _ = run(capsys, "apply", str(path), "--yes")
    assert code == 0 and "nothing to do" in out

    exported = tmp_path / "export.yaml"
    code, _, err = run(capsys, "export", "-o", str(exported))
    assert code == 0
    data = yaml.safe_load(exported.read_text())
    assert "Sales" in [p["label"] for p in data["pipelines"]]
    code, out, _ = run(capsys, "plan", str(exported))
    assert code == 0 and "0 to create, 0 to update" in out

    code, out, _ = run(capsys, "undo", "--list")
    assert "complete" in out
    code, out, err = run(capsys, "undo", "--yes")
    assert code == 0, err
    assert "14 undone, 0 failed" in out, out
    code, out, _ = run(capsys, "plan", str(path))
    assert "5 to create, 8 to update" in out and "1 to archive" in out, out


def test_apply_changes_are_shown_in_business_words(capsys, tmp_path):
    path = new_config(capsys, tmp_path)
    assert run(capsys, "apply", str(path), "--yes")[0] == 0
    path.write_text(path.read_text().replace("probability: 0.6", "probability: 0.5"))
    code, out, _ = run(capsys, "plan", str(path))
    assert "stage *Quote sent*: probability 60% → 50%" in out
    assert "0 to create, 1 to update" in out


def test_apply_without_yes_and_without_a_terminal_does_nothing(capsys, tmp_path):
    path = new_config(capsys, tmp_path)
    code, out, err = run(capsys, "apply", str(path))
    assert code == 1 and "pass --yes" in err
    assert "5 to create" in run(capsys, "plan", str(path))[1]


def test_refused_plan_writes_nothing(capsys, tmp_path):
    path = new_config(capsys, tmp_path)
    text = path.read_text().replace("assign_to: owner", "assign_to: nobody@example.com")
    path.write_text(text)
    code, out, err = run(capsys, "apply", str(path), "--yes")
    assert code == 1
    assert "REFUSED before any write" in out and "nobody@example.com" in out
    assert "Nothing was written." in err


def test_hubspot_without_a_token_is_a_clear_error(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("HUBSPOT_ACCESS_TOKEN", raising=False)
    path = new_config(capsys, tmp_path)
    code, _, err = run(capsys, "plan", str(path), "--portal", "hubspot")
    assert code == 2
    assert "set HUBSPOT_ACCESS_TOKEN" in err
    code, _, err = run(capsys, "plan", str(path), "--portal", "staging")
    assert code == 2 and "unknown portal 'staging'" in err


def test_a_url_portal_uses_the_token_variable_and_never_prints_it(capsys, tmp_path, monkeypatch):
    from hubwizard.sandbox import start_sandbox

    secret = "pat-na1-0123456789abcdef"
    with start_sandbox(token=secret) as sandbox:
        path = new_config(capsys, tmp_path)
        monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", "pat-na1-wrong")
        code, out, err = run(capsys, "plan", str(path), "--portal", sandbox.url)
        assert code == 2 and "HTTP 401" in err and "pat-na1-wrong" not in out + err
        monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", secret)
        code, out, err = run(capsys, "apply", str(path), "--portal", sandbox.url, "--yes")
        assert code == 0, err
        assert secret not in out + err
    for journal in (tmp_path.parent.parent).rglob("*.jsonl"):
        assert secret not in journal.read_text()


def test_an_unexpected_error_in_one_step_is_reported_in_plain_words(capsys, tmp_path, monkeypatch):
    from hubwizard.gateway import Gateway
    from hubwizard.home import journal_dir
    from hubwizard.journal import journals, read_journal

    def broken(self, *args, **kwargs):
        raise ValueError("an answer of a shape nobody expected")

    working = Gateway.create_pipeline
    monkeypatch.setattr(Gateway, "create_pipeline", broken)
    path = new_config(capsys, tmp_path)
    alongside = path.read_text().replace("    adopt: default\n", "")  # a pipeline of its own, created
    assert alongside != path.read_text()
    path.write_text(alongside)
    code, out, err = run(capsys, "apply", str(path), "--yes")
    assert code == 1
    assert "Traceback" not in out + err
    assert "failed: pipeline:sales: hubwizard hit an unexpected problem on this step" in err
    assert "skipped (they depend on a failed step): workflow:" in err
    assert "The portal still differs" in err
    assert str(journal_dir()).startswith(str(tmp_path.parent.parent))  # the test's own home
    record = read_journal(journals("apply")[-1])
    assert record.finished["status"] == "failed"
    monkeypatch.setattr(Gateway, "create_pipeline", working)  # not undo(): that drops HUBWIZARD_HOME too
    code, out, err = run(capsys, "apply", str(path), "--yes")  # applying again finishes the rest
    assert code == 0 and "The portal now matches the config." in out
