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
