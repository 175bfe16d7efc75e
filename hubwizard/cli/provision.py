"""Portal commands: plan, apply, export, undo."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hubwizard.errors import PortalError

if TYPE_CHECKING:  # the commands import what they use when they run: a fast start-up
    from hubwizard.apply import Event
    from hubwizard.config import Config
    from hubwizard.plan import Plan
    from hubwizard.portals import Connection

PORTAL_HELP = "sandbox (default: the local sandbox), hubspot (token from HUBSPOT_ACCESS_TOKEN or a prompt), or a base URL"

SYMBOLS = {"create": "+", "update": "~", "unchanged": "=", "keep": "·", "archive": "-"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("plan", help="show what applying a config would change in a portal")
    p.add_argument("file")
    p.add_argument("--portal", default="sandbox", help=PORTAL_HELP)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--prune", action="store_true", help="also archive what the portal has and the config does not"
    )
    p.add_argument("--all", action="store_true", help="list unchanged items too")
    p.set_defaults(handler=_portal_command(cmd_plan))

    p = subparsers.add_parser("apply", help="make a portal match a config (shows the plan and asks first)")
    p.add_argument("file")
    p.add_argument("--portal", default="sandbox", help=PORTAL_HELP)
    p.add_argument("--yes", "-y", action="store_true", help="do not ask")
    p.add_argument(
        "--prune", action="store_true", help="also archive what the portal has and the config does not"
    )
    p.set_defaults(handler=_portal_command(cmd_apply))

    p = subparsers.add_parser("export", help="write a portal's setup as a config file")
    p.add_argument("--portal", default="sandbox", help=PORTAL_HELP)
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.add_argument("--name", default="Exported from portal")
    p.set_defaults(handler=_portal_command(cmd_export))

    p = subparsers.add_parser("undo", help="take back what one apply did")
    p.add_argument("journal", nargs="?", help="an apply journal (default: the latest)")
    p.add_argument("--portal", help="override the portal recorded in the journal")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask")
    p.add_argument("--list", action="store_true", help="list the apply journals and stop")
    p.set_defaults(handler=_portal_command(cmd_undo))


def _ask_token() -> str:
    if not sys.stdin.isatty():
        return ""
    return getpass.getpass("HubSpot access token (not echoed, not stored): ")


def _open(name: str) -> Connection:
    from hubwizard.portals import open_portal

    return open_portal(name, ask_token=_ask_token)


def _token_at_hand(portal: str) -> bool:
    """Whether opening ``portal`` needs no prompt (the sandbox, or a token in the environment)."""
    from hubwizard.portals import TOKEN_VARIABLE

    return portal.strip() == "sandbox" or bool(os.environ.get(TOKEN_VARIABLE, "").strip())


def _config_and_portal(args: argparse.Namespace) -> tuple[Config, Connection]:
    """The config of ``args.file`` and the open portal of ``args.portal``.

    The portal is opened first and the plan's reads sent ahead (``hubwizard.readahead``), so
    that the portal answers while the config format is imported and the file checked. A
    problem with the file is still reported before one with the portal, and nothing is
    prompted for before the file is known to be good."""
    connection: Connection | None = None
    problem: PortalError | None = None
    if _token_at_hand(args.portal):
        try:
            connection = _open(args.portal)
            from hubwizard.readahead import read_ahead

            read_ahead(connection.gateway, args.file, prune=args.prune)
        except PortalError as exc:
            problem = exc
    try:
        from hubwizard import configfile  # the config format: after the reads left

        config = (
            configfile.loads(sys.stdin.buffer.read(), "<stdin>")
            if args.file == "-"
            else configfile.load(args.file)
        ).config
    except BaseException:
        if connection is not None:
            connection.close()
        raise
    if problem is not None:
        raise problem
    return config, connection or _open(args.portal)


def _portal_command(handler: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        try:
            return int(handler(args))
        except PortalError as exc:
            print(f"portal error: {exc}", file=sys.stderr)
            if exc.advice:
                print(f"  {exc.advice}", file=sys.stderr)
            return 2

    return run


# --- rendering --------------------------------------------------------------------------


def render_plan(plan: Plan, *, show_all: bool = False) -> str:
    from hubwizard.plan import Action

    portal = plan.portal
    lines = [
        f"Plan for {portal.get('label', 'the portal')}: tier {plan.portal.get('tier', '?').capitalize()} ({plan.portal.get('tier_reason', '')})",
        "",
    ]
    if not plan.ok:
        lines.append("REFUSED before any write:")
        for finding in plan.refusals:
            lines.append(f"  {finding.code} {finding.path}: {finding.message}")
            if finding.hint:
                lines.append(f"      hint: {finding.hint}")
        lines.append("")
    unchanged = 0
    for op in plan.operations:
        if op.action is Action.UNCHANGED and not show_all:
            unchanged += 1
            continue
        lines.append(f"  {SYMBOLS[op.action.value]} {op.title}")
        if op.action in (Action.UPDATE, Action.CREATE) and op.kind in (
            "stage",
            "workflow",
            "pipeline",
            "property",
            "property_group",
            "custom_object",
            "move",
        ):
            for change in op.changes:
                if op.action is Action.UPDATE or op.kind == "workflow":
                    lines.append(f"      {change.text}")
        for note in op.notes:
            lines.append(f"      ({note})")
    if unchanged:
        lines.append(f"  = {unchanged} item(s) unchanged")
    summary = plan.summary()
    lines.append("")
    lines.append(
        f"{summary['create']} to create, {summary['update']} to update, {summary['unchanged']} unchanged, "
        f"{summary['keep']} kept, {summary['archive']} to archive."
    )
    lines.append(
        f"About {summary['write_calls']} write call(s) (+{summary['read_calls']} reads done), "
        f"~{summary['estimated_seconds']} s at {summary['rate_limit_per_10s']} calls / 10 s. Checksum {plan.checksum()}."
    )
    return "\n".join(lines)


class _Progress:
    """A one-line progress bar on standard error."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()

    def __call__(self, event: Event) -> None:
        if event.kind in ("task_start",):
            return
        width = 24
        filled = int(width * event.done / event.total) if event.total else width
        bar = "#" * filled + "." * (width - filled)
        line = f"[{bar}] {event.done}/{event.total} {event.message}"
        if event.kind == "finish":
            print(("\r" if self.tty else "") + event.message, file=sys.stderr)
        elif self.tty:
            print("\r" + line[:120].ljust(120), end="", file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr)


# --- commands ---------------------------------------------------------------------------


def cmd_plan(args: argparse.Namespace) -> int:
    config, connection = _config_and_portal(args)
    from hubwizard.provision import plan_against

    with connection:
        planned = plan_against(connection, config, prune=args.prune)
    if args.format == "json":
        print(json.dumps(planned.plan.to_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        print(render_plan(planned.plan, show_all=args.all))
    return 0 if planned.plan.ok else 1


def cmd_apply(args: argparse.Namespace) -> int:
    config, connection = _config_and_portal(args)
    from hubwizard.provision import PlanChanged, apply_reviewed, plan_against

    with connection:
        planned = plan_against(connection, config, prune=args.prune)
        print(render_plan(planned.plan))
        if not planned.plan.ok:
            print("\nNothing was written.", file=sys.stderr)
            return 1
        if not planned.plan.writes:
            print("\nThe portal already matches the config: nothing to do.")
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                print("\nNot applied: pass --yes to apply without a prompt.", file=sys.stderr)
                return 1
            answer = input(
                f"\nApply these {len(planned.plan.writes)} change(s) to {connection.label}? [y/N] "
            )
            if answer.strip().lower() not in ("y", "yes"):
                print("Not applied.")
                return 1
        try:
            applied = apply_reviewed(connection, config, planned, prune=args.prune, on_event=_Progress())
        except PlanChanged as exc:
            print(
                "\nThe portal changed since the plan above; nothing was written. New plan:\n", file=sys.stderr
            )
            print(render_plan(exc.planned.plan), file=sys.stderr)
            return 1
        report = applied.report
        print(f"\nJournal: {report.journal}")
        for op, error in report.failed:
            print(f"  failed: {op}: {error}", file=sys.stderr)
        if report.skipped:
            print(f"  skipped (they depend on a failed step): {', '.join(report.skipped)}", file=sys.stderr)
        calls = report.calls
        print(
            f"{len(report.done)} change(s) in {report.seconds:.1f} s with {calls.get('writes', 0)} write call(s), {calls.get('rate_limited', 0)} rate-limit answer(s), {calls.get('retries', 0)} retr(ies)."
        )
        if applied.verify_error is not None:
            print(
                f"The portal could not be read back to confirm the result: {applied.verify_error.message}. "
                "Run plan to check it.",
                file=sys.stderr,
            )
        if applied.matches:
            print("The portal now matches the config.")
        elif applied.verification is not None:
            print(
                f"The portal still differs in {len(applied.verification.writes)} item(s): run apply again.",
                file=sys.stderr,
            )
        _print_left_out(planned.plan)
        if report.status == "complete" and not applied.matches:
            return 1
        return 0 if report.ok else 1


def _print_left_out(plan: Plan) -> None:
    """What the apply left out because the portal's subscription lacks it, with its notes."""
    from hubwizard.i18n import _

    if plan.left_out:
        print(_("Left out, because this portal's HubSpot subscription does not have it:"))
    for op in plan.left_out:
        print(f"  {op.title}")
        for note in op.notes:
            print(f"      ({note})")


def cmd_export(args: argparse.Namespace) -> int:
    from hubwizard import configfile
    from hubwizard.export import export_config
    from hubwizard.state import read_portal

    with _open(args.portal) as connection:
        state = read_portal(connection.gateway)
    result = export_config(state, name=args.name)
    for item in result.kept:
        print(f"kept as is: {item}", file=sys.stderr)
    for item in result.skipped:
        print(f"not exported: {item}", file=sys.stderr)
    if args.output:
        configfile.save(result.config, args.output)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(configfile.dumps(result.config))
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    from hubwizard.journal import journals, read_journal, undoable
    from hubwizard.provision import portal_of_journal, reopen, undo_last

    if args.list:
        for path in journals("apply"):
            record = read_journal(path)
            finished = record.finished or {}
            print(
                f"{path}  {record.start.get('config', '?')}  {record.start.get('portal', {}).get('label', '?')}  {finished.get('status', 'unfinished')}  {len(record.done)} done"
            )
        return 0
    path = Path(args.journal) if args.journal else undoable()
    if path is None or not path.exists():
        print("no apply journal to undo (see `hubwizard undo --list`)", file=sys.stderr)
        return 2
    record = read_journal(path)
    done = [r for r in record.done if "created" in r or "updated" in r]
    if not done:
        print(f"{path}: that apply changed nothing; nothing to undo.")
        return 0
    print(f"Undo {path.name} ({record.start.get('config', '?')}):")
    for entry in done:
        verb = "archive" if "created" in entry else "restore"
        print(f"  {verb} {entry.get('kind')} {entry.get('key')}")
    if not args.yes:
        if not sys.stdin.isatty():
            print("Not undone: pass --yes to undo without a prompt.", file=sys.stderr)
            return 1
        if input("Undo these changes? [y/N] ").strip().lower() not in ("y", "yes"):
            print("Not undone.")
            return 1
    connection = _open(args.portal) if args.portal else reopen(portal_of_journal(path), ask_token=_ask_token)
    with connection:
        report = undo_last(connection, path)
    print(f"{len(report.undone)} undone, {len(report.failed)} failed. Journal: {report.journal}")
    for op, error in report.failed:
        print(f"  failed: {op}: {error}", file=sys.stderr)
    return 0 if report.ok else 1
