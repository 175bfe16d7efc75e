"""Start-up: the command line imports only the module of the command being run."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hubwizard.cli import COMMAND_MODULES, COMMAND_WORDS, _modules_for, build_parser


def _commands(module: str) -> set[str]:
    parser = build_parser((module,))
    action = next(a for a in parser._actions if a.dest == "command")
    return set(action.choices)


@pytest.mark.parametrize("module", sorted(COMMAND_WORDS))
def test_the_static_table_names_what_each_module_registers(module: str) -> None:
    assert set(COMMAND_WORDS[module]) == _commands(module)


def test_a_command_gets_its_module_and_anything_else_all_of_them() -> None:
    assert _modules_for(["apply", "x.yaml"]) == ("provision",)
    assert _modules_for(["lint", "x.yaml"]) == ("core",)
    assert _modules_for(["--help"]) == COMMAND_MODULES
    assert _modules_for([]) == COMMAND_MODULES


def test_building_the_apply_parser_does_not_import_the_config_format() -> None:
    """``apply`` sends its first reads before pydantic and the config models are imported."""
    probe = (
        "import sys\n"
        "from hubwizard.cli import _modules_for, build_parser\n"
        "build_parser(_modules_for(['apply']))\n"
        "print(','.join(m for m in ('pydantic', 'hubwizard.configfile', 'hubwizard.config') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_command_leaves_quickly_with_its_output_and_journal_whole(tmp_path) -> None:
    """``run`` skips the interpreter's module teardown, not the output or the journal's sync."""
    import json
    import os
    from pathlib import Path

    from hubwizard.sandbox import start_sandbox

    template = Path(__file__).resolve().parents[2] / "templates" / "hr-recruitment.yaml"
    env = {**os.environ, "HUBSPOT_ACCESS_TOKEN": "pat-test", "HUBWIZARD_HOME": str(tmp_path)}
    with start_sandbox(tier="enterprise") as sandbox:
        done = subprocess.run(
            [sys.executable, "-m", "hubwizard", "apply", str(template), "--portal", sandbox.url, "--yes"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("The portal now matches the config.")
    (journal,) = (tmp_path / "journals").glob("*-apply.jsonl")
    events = [json.loads(line)["event"] for line in journal.read_text().splitlines()]
    assert events[0] == "start" and events[-2:] == ["finish", "verified"]


def test_a_plan_reads_the_portal_without_the_sdk_or_urllib3(tmp_path) -> None:
    """Every read travels on the gateway's own http.client pool: the first reads leave before
    anything heavy is imported, and the SDK (with urllib3) is only imported for writes."""
    import os
    from pathlib import Path

    from hubwizard.sandbox import start_sandbox

    template = Path(__file__).resolve().parents[2] / "templates" / "hr-recruitment.yaml"
    env = {**os.environ, "HUBSPOT_ACCESS_TOKEN": "pat-test", "HUBWIZARD_HOME": str(tmp_path)}
    with start_sandbox(tier="enterprise") as sandbox:
        probe = (
            "import sys\n"
            "from hubwizard.cli import main\n"
            f"code = main(['plan', {str(template)!r}, '--portal', {sandbox.url!r}])\n"
            "print('exit', code, ','.join(m for m in ('urllib3', 'hubspot') if m in sys.modules))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120, check=True
        )
    assert "to create" in out.stdout  # a real plan was made from real reads
    assert out.stdout.rstrip().splitlines()[-1] == "exit 0"
