"""The ``hubwizard`` command line.

Exit status everywhere: 0 success, 1 findings or changes that fail the command, 2 unreadable or
invalid input (or a portal error), 130 interrupted. Errors are one clear line per problem, with
the file, line and column; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from hubwizard import __version__
from hubwizard.configfile import ConfigError

COMMAND_MODULES = ("core", "sandbox", "provision")
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(_modules_for(sys.argv[1:] if argv is None else list(argv)))
    args = parser.parse_args(argv)
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
