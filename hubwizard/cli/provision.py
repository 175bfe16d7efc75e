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
from hubwizard.i18n import N_, _

if TYPE_CHECKING:  # the commands import what they use when they run: a fast start-up
    from hubwizard.apply import Event
    from hubwizard.config import Config
    from hubwizard.plan import Plan
    from hubwizard.portals import Connection

PORTAL_HELP = N_(
    "sandbox (default: the local sandbox), hubspot (token from HUBSPOT_ACCESS_TOKEN or a prompt), or a base URL"
)

KIND_WORDS = {
    "stage": N_("stage"),
    "pipeline": N_("pipeline"),
    "property": N_("property"),
    "property_group": N_("property group"),
    "workflow": N_("workflow"),
    "custom_object": N_("custom object"),
    "association": N_("association"),
    "move": N_("deal moves"),
}
"""What an undo undoes, in words (the journal keeps the machine kind)."""

SYMBOLS = {"create": "+", "update": "~", "unchanged": "=", "keep": "·", "archive": "-"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("plan", help=_("show what applying a config would change in a portal"))
    p.add_argument("file")
    p.add_argument("--portal", default="sandbox", help=_(PORTAL_HELP))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--prune", action="store_true", help=_("also archive what the portal has and the config does not")
    )
    p.add_argument("--all", action="store_true", help=_("list unchanged items too"))
    p.set_defaults(handler=_portal_command(cmd_plan))

    p = subparsers.add_parser("apply", help=_("make a portal match a config (shows the plan and asks first)"))
    p.add_argument("file")
    p.add_argument("--portal", default="sandbox", help=_(PORTAL_HELP))
    p.add_argument("--yes", "-y", action="store_true", help=_("do not ask"))
    p.add_argument(
        "--prune", action="store_true", help=_("also archive what the portal has and the config does not")
    )
    p.set_defaults(handler=_portal_command(cmd_apply))

    p = subparsers.add_parser("export", help=_("write a portal's setup as a config file"))
    p.add_argument("--portal", default="sandbox", help=_(PORTAL_HELP))
    p.add_argument("-o", "--output", help=_("file to write (default: standard output)"))
    p.add_argument("--name", default="Exported from portal")
    p.set_defaults(handler=_portal_command(cmd_export))

    p = subparsers.add_parser("undo", help=_("take back what one apply did"))
    p.add_argument("journal", nargs="?", help=_("an apply journal (default: the latest)"))
    p.add_argument("--portal", help=_("override the portal recorded in the journal"))
    p.add_argument("--yes", "-y", action="store_true", help=_("do not ask"))
    p.add_argument("--list", action="store_true", help=_("list the apply journals and stop"))
    p.set_defaults(handler=_portal_command(cmd_undo))


def _ask_token() -> str:
    if not sys.stdin.isatty():
        return ""
    return getpass.getpass(_("HubSpot access token (not echoed, not stored): "))


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
            print(_("portal error: {error}").format(error=exc), file=sys.stderr)
            if exc.advice:
                print(f"  {exc.advice}", file=sys.stderr)
            return 2

    return run


# --- rendering --------------------------------------------------------------------------


def render_plan(plan: Plan, *, show_all: bool = False) -> str:
    from hubwizard.plan import Action

    portal = plan.portal
    lines = [
        _("Plan for {portal}: tier {tier} ({reason})").format(
            portal=portal.get("label", _("the portal")),
            tier=plan.portal.get("tier", "?").capitalize(),
            reason=plan.portal.get("tier_reason", ""),
        ),
        "",
    ]
    if not plan.ok:
        lines.append(_("REFUSED before any write:"))
        for finding in plan.refusals:
            lines.append(f"  {finding.code} {finding.path}: {finding.message}")
            if finding.hint:
                lines.append("      " + _("hint: {hint}").format(hint=finding.hint))
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
        lines.append("  = " + _("{count} item(s) unchanged").format(count=unchanged))
    summary = plan.summary()
    lines.append("")
    lines.append(
        _(
            "{create} to create, {update} to update, {unchanged} unchanged, {keep} kept, {archive} to archive."
        ).format(**summary)
    )
    lines.append(
        _(
            "About {write_calls} write call(s) (+{read_calls} reads done), ~{estimated_seconds} s at "
            "{rate_limit_per_10s} calls / 10 s. Checksum {checksum}."
        ).format(checksum=plan.checksum(), **summary)
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
            print("\n" + _("Nothing was written."), file=sys.stderr)
            return 1
        if not planned.plan.writes:
            print("\n" + _("The portal already matches the config: nothing to do."))
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                print("\n" + _("Not applied: pass --yes to apply without a prompt."), file=sys.stderr)
                return 1
            answer = input(
                "\n"
                + _("Apply these {count} change(s) to {portal}? [y/N] ").format(
                    count=len(planned.plan.writes), portal=connection.title
                )
            )
            if answer.strip().lower() not in ("y", "yes"):
                print(_("Not applied."))
                return 1
        try:
            applied = apply_reviewed(connection, config, planned, prune=args.prune, on_event=_Progress())
        except PlanChanged as exc:
            print(
                "\n" + _("The portal changed since the plan above; nothing was written. New plan:") + "\n",
                file=sys.stderr,
            )
            print(render_plan(exc.planned.plan), file=sys.stderr)
            return 1
        report = applied.report
        print("\n" + _("Journal: {journal}").format(journal=report.journal))
        for op, error in report.failed:
            print("  " + _("failed: {operation}: {error}").format(operation=op, error=error), file=sys.stderr)
        if report.skipped:
            print(
                "  "
                + _("skipped (they depend on a failed step): {operations}").format(
                    operations=", ".join(report.skipped)
                ),
                file=sys.stderr,
            )
        calls = report.calls
        print(
            _(
                "{count} change(s) in {seconds} s with {writes} write call(s), {limited} rate-limit answer(s), "
                "{retries} retr(ies)."
            ).format(
                count=len(report.done),
                seconds=f"{report.seconds:.1f}",
                writes=calls.get("writes", 0),
                limited=calls.get("rate_limited", 0),
                retries=calls.get("retries", 0),
            )
        )
        if applied.verify_error is not None:
            print(
                _(
                    "The portal could not be read back to confirm the result: {error}. Run plan to check it."
                ).format(error=applied.verify_error.message),
                file=sys.stderr,
            )
        if applied.matches:
            print(_("The portal now matches the config."))
        elif applied.verification is not None:
            print(
                _("The portal still differs in {count} item(s): run apply again.").format(
                    count=len(applied.verification.writes)
                ),
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
        print(_("kept as is: {item}").format(item=item), file=sys.stderr)
    for item in result.skipped:
        print(_("not exported: {item}").format(item=item), file=sys.stderr)
    if args.output:
        configfile.save(result.config, args.output)
        print(_("wrote {file}").format(file=args.output), file=sys.stderr)
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
        print(_("no apply journal to undo (see `hubwizard undo --list`)"), file=sys.stderr)
        return 2
    record = read_journal(path)
    done = [r for r in record.done if "created" in r or "updated" in r]
    if not done:
        print(f"{path}: " + _("that apply changed nothing; nothing to undo."))
        return 0
    print(_("Undo {journal} ({config}):").format(journal=path.name, config=record.start.get("config", "?")))
    for entry in done:
        verb = _("archive") if "created" in entry else _("restore")
        kind = str(entry.get("kind"))
        print(f"  {verb} {_(KIND_WORDS[kind]) if kind in KIND_WORDS else kind} {entry.get('key')}")
    if not args.yes:
        if not sys.stdin.isatty():
            print(_("Not undone: pass --yes to undo without a prompt."), file=sys.stderr)
            return 1
        if input(_("Undo these changes? [y/N] ")).strip().lower() not in ("y", "yes"):
            print(_("Not undone."))
            return 1
    connection = _open(args.portal) if args.portal else reopen(portal_of_journal(path), ask_token=_ask_token)
    with connection:
        report = undo_last(connection, path)
    print(
        _("{undone} undone, {failed} failed. Journal: {journal}").format(
            undone=len(report.undone), failed=len(report.failed), journal=report.journal
        )
    )
    for op, error in report.failed:
        print("  " + _("failed: {operation}: {error}").format(operation=op, error=error), file=sys.stderr)
    return 0 if report.ok else 1
