"""The offline commands, as a user runs them: exit codes, messages with places, JSON output."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from hubwizard.cli import main
from hubwizard.templates import list_templates

BAD_PROBABILITY = """\
version: 1
name: Sales
portal: {tier: professional}
pipelines:
  - id: sales
    label: Sales
    stages:
      - {id: contact, label: Contact made, probability: 0.1}
      - {id: quote, label: Quote sent, probability: 0.55}
      - {id: won, label: Won, probability: 1.0, closed: won}
      - {id: lost, label: Lost, probability: 0.0, closed: lost}
"""

FOLLOW_UP_STAGE = BAD_PROBABILITY.replace("probability: 0.55", "probability: 0.6").replace(
    "      - {id: won", "      - {id: relance, label: Relance client, probability: 0.7}\n      - {id: won"
)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def write(tmp_path):
    def _write(name, text):
        path = tmp_path / name
        path.write_text(text)
        return str(path)

    return _write


def test_validate_names_file_line_column_and_path(capsys, write):
    path = write("sales.yaml", BAD_PROBABILITY)
    code, out, err = run(capsys, "validate", path)
    assert code == 2
    assert f"{path}:9:53 pipelines[0].stages[1].probability: error HW204" in err
    assert "invalid, 1 error(s)" in err
    code, out, _ = run(capsys, "validate", write("ok.yaml", FOLLOW_UP_STAGE))
    assert code == 0 and "valid" in out


def test_validate_reports_syntax_errors_without_traceback(capsys, write):
    code, out, err = run(capsys, "validate", write("broken.yaml", "pipelines: [\n  {id: x\n"))
    assert code == 2
    assert "broken.yaml:3:1: YAML syntax error" in err
    assert "Traceback" not in err


def test_lint_exit_codes_follow_severity_and_strict(capsys, write):
    warning_only = write("w.yaml", FOLLOW_UP_STAGE)
    code, out, _ = run(capsys, "lint", warning_only)
    assert code == 0 and "HW202" in out and "passed" in out
    code, out, _ = run(capsys, "lint", warning_only, "--strict")
    assert code == 1 and "failed (--strict)" in out
    code, out, _ = run(capsys, "lint", write("e.yaml", BAD_PROBABILITY))
    assert code == 1
    code, _, err = run(capsys, "lint", write("x.yaml", "pipelines: 3\n"))
    assert code == 2 and "pipelines: must be a list" in err


def test_lint_json_is_one_object_with_findings_and_summary(capsys, write):
    code, out, _ = run(capsys, "lint", write("w.yaml", FOLLOW_UP_STAGE), "--format", "json")
    data = json.loads(out)
    assert code == 0
    finding = next(f for f in data["findings"] if f["code"] == "HW202")
    assert set(finding) >= {"code", "severity", "path", "message", "hint", "line", "column"}
    assert finding["path"] == "pipelines[0].stages[2].label" or finding["path"].startswith(
        "pipelines[0].stages[2]"
    )
    assert finding["line"] == 10
    assert data["summary"]["warning"] >= 1 and data["summary"]["error"] == 0
    code, out, _ = run(capsys, "lint", write("bad.yaml", "version: 7\n"), "--format", "json")
    data = json.loads(out)
    assert code == 2 and data["valid"] is False and data["problems"][0]["path"] == "version"


def test_lint_reads_standard_input(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD_PROBABILITY.encode())))
    code, out, _ = run(capsys, "lint", "-")
    assert code == 1 and "<stdin>:9:53" in out


def test_templates_list_and_show(capsys):
    code, out, _ = run(capsys, "templates", "list")
    assert code == 0
    for template in list_templates():
        assert template.slug in out and template.tier in out
    code, out, _ = run(capsys, "templates", "show", "b2b-sales")
    assert code == 0 and yaml.safe_load(out)["name"] == "B2B sales starter"
    code, _, err = run(capsys, "templates", "show", "nope")
    assert code == 2 and "known templates: b2b-sales" in err


def test_new_writes_a_lint_clean_file_and_never_overwrites(capsys, tmp_path):
    target = tmp_path / "acme.yaml"
    code, out, _ = run(capsys, "new", "Acme sales", "--template", "b2b-sales", "-o", str(target))
    assert code == 0 and target.exists()
    assert yaml.safe_load(target.read_text())["name"] == "Acme sales"
    code, out, _ = run(capsys, "lint", str(target), "--strict")
    assert code == 0
    code, _, err = run(capsys, "new", "Other", "-t", "b2b-sales", "-o", str(target))
    assert code == 2 and "already exists" in err


def test_schema_is_json_schema(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["type"] == "object" and "pipelines" in schema["properties"]


def test_console_script_is_installed():
    result = subprocess.run(
        [sys.executable, "-m", "hubwizard", "templates", "list"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "b2b-sales" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "hubwizard", "validate", "/nonexistent.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "no such file" in result.stderr and "Traceback" not in result.stderr


def test_building_the_command_line_loads_no_analysis_or_ui_library():
    """Every command pays for what the parser imports: the health command's defaults must not
    bring numpy and pandas (0.6 s) into ``hubwizard apply`` or ``hubwizard lint``."""
    probe = (
        "import sys\n"
        "from hubwizard.cli import build_parser\n"
        "build_parser()\n"
        "print(','.join(m for m in ('numpy', 'pandas', 'altair', 'streamlit') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
