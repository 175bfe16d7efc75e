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

COMMAND_MODULES = ("core", "sandbox", "provision", "health")
"""Each module under ``hubwizard.cli`` adds its subcommands with ``register(subparsers)``."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hubwizard",
        description="Design, check and provision a HubSpot Sales Hub setup from one YAML file.",
    )
    parser.add_argument("--version", action="version", version=f"hubwizard {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"hubwizard.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"hubwizard.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
