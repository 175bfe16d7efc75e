"""The ``hubwizard`` command line.

Exit status everywhere: 0 success, 1 findings or changes that fail the command, 2 unreadable or
invalid input (or a portal error), 130 interrupted. Errors are one clear line per problem, with
the file, line and column; never a traceback.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from hubwizard import __version__, i18n
from hubwizard.i18n import _

COMMAND_MODULES = ("core", "sandbox", "provision", "health")
"""Each module under ``hubwizard.cli`` adds its subcommands with ``register(subparsers)``."""


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hubwizard",
        description="Design, check and provision a HubSpot Sales Hub setup from one YAML file.",
    )
    parser.add_argument("--version", action="version", version=f"hubwizard {__version__}")
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=_(
            "the language of the messages: {languages} (default: HUBWIZARD_LANG, then the system's)"
        ).format(languages=", ".join(i18n.LANGUAGES)),
    )
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


COMMAND_WORDS = {
    "core": ("validate", "lint", "templates", "new", "schema"),
    "provision": ("plan", "apply", "export", "undo"),
}
"""The commands each module registers, known without importing it (a test checks they match)."""


def _modules_for(words: Sequence[str]) -> Sequence[str]:
    """Only the module of the command being run: ``hubwizard lint`` does not import the HubSpot
    client and the provisioning modules (about 0.2 s), and ``hubwizard apply`` does not import
    the config format (pydantic) before it has sent its first reads to the portal (see
    ``hubwizard.readahead``). Help and unknown words get every module."""
    for module, commands in COMMAND_WORDS.items():
        if words and words[0] in commands:
            return (module,)
    return COMMAND_MODULES


FILE_COMMANDS = ("lint", "validate")
"""Short runs that read one file: many objects, few cycles."""


def take_language(words: list[str]) -> tuple[str | None, list[str]]:
    """``--lang X`` (or ``--lang=X``) taken out of the words wherever it stands, so that
    ``hubwizard lint --lang fr file`` and ``hubwizard --lang fr lint file`` both work."""
    rest: list[str] = []
    chosen: str | None = None
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            rest.extend(words[index:])
            break
        if word == "--lang" and index + 1 < len(words):
            chosen = words[index + 1]
            index += 2
            continue
        if word.startswith("--lang="):
            chosen = word.split("=", 1)[1]
        else:
            rest.append(word)
        index += 1
    return chosen, rest


def choose_language(chosen: str | None) -> str | None:
    """Sets the process's language; returns an error line when the choice is not supported."""
    languages = ", ".join(i18n.LANGUAGES)
    try:
        lang = i18n.resolve(chosen) if chosen is not None else i18n.from_environment()
    except ValueError:
        value = os.environ.get("HUBWIZARD_LANG", "")
        return _("{value} is not a supported language (one of {languages})").format(
            value=f"HUBWIZARD_LANG={value}", languages=languages
        )
    if lang is None:
        return _("{value} is not a supported language (one of {languages})").format(
            value=f"--lang {chosen}", languages=languages
        )
    i18n.set_default(lang)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    # hubwizard's config models use no pydantic plugin; looking for some means reading the
    # metadata of every installed package (10 to 20 ms of every command). A user's own
    # setting of the variable stands.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    chosen, words = take_language(sys.argv[1:] if argv is None else list(argv))
    problem = choose_language(chosen)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    collecting = gc.isenabled()
    if words and words[0] in FILE_COMMANDS:
        gc.disable()  # the cyclic collector would walk every loaded object again and again
    try:
        return _run(words)
    finally:
        if collecting:
            gc.enable()


def run() -> None:
    """The ``hubwizard`` command: :func:`main`, then out of the process without tearing down
    every module one by one (pydantic's schemas, the SDK's models: 20 ms and more of a
    command's wall time, for nothing). What must happen at exit still happens first: the
    output is flushed and the exit handlers run (the journals are synced to disk then)."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `hubwizard schema | head`
        pass
    atexit._run_exitfuncs()
    os._exit(code)


def _run(words: Sequence[str]) -> int:
    parser = build_parser(_modules_for(words))
    args = parser.parse_args(words)
    try:
        return int(args.handler(args) or 0)
    except Exception as exc:
        # The config format is imported by the commands that read a file, when they read it
        # (``apply`` first sends its reads to the portal): an error of a module never imported
        # cannot be one of its errors.
        configfile = sys.modules.get("hubwizard.configfile")
        if configfile is None or not isinstance(exc, configfile.ConfigError):
            raise
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # `hubwizard schema | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
