"""The ``hubwizard`` command line.

Exit status everywhere: 0 success, 1 findings or changes that fail the command, 2 unreadable or
invalid input (or a portal error), 130 interrupted. Errors are one clear line per problem, with
the file, line and column; never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from hubwizard import __version__

COMMAND_MODULES = ("core", "sandbox", "provision", "health")
"""Each module under ``hubwizard.cli`` adds its subcommands with ``register(subparsers)``."""


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hubwizard",
        description="Design, check and provision a HubSpot Sales Hub setup from one YAML file.",
    )
    parser.add_argument("--version", action="version", version=f"hubwizard {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in modules:
        try:
            module = importlib.import_module(f"hubwizard.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"hubwizard.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def _modules_for(words: Sequence[str]) -> Sequence[str]:
    """Only the offline commands' module when the command is one of them: ``hubwizard lint``
    then does not import the HubSpot client and the provisioning modules (about 0.2 s)."""
    from hubwizard.cli import core

    if words and words[0] in core.COMMANDS:
        return ("core",)
    return COMMAND_MODULES


FILE_COMMANDS = ("lint", "validate")
"""Short runs that read one file: many objects, few cycles."""


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    collecting = gc.isenabled()
    if words and words[0] in FILE_COMMANDS:
        gc.disable()  # the cyclic collector would walk every loaded object again and again
    try:
        return _run(words)
    finally:
        if collecting:
            gc.enable()


def _run(words: Sequence[str]) -> int:
    parser = build_parser(_modules_for(words))
    from hubwizard.configfile import ConfigError  # after gc.disable(): pydantic builds its models

    args = parser.parse_args(words)
    try:
        return int(args.handler(args) or 0)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `hubwizard schema | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
