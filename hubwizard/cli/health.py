"""Health commands: ``audit`` (pile-ups, stranded deals, learned win probabilities) and
``calibrate`` (write the learned probabilities into a config file, keeping everything else).

Deal data is only held in memory; what is printed is what the user asked to see.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from hubwizard.errors import PortalError
from hubwizard.health import STRANDED_DAYS  # not .analysis: numpy and pandas load when a command runs
from hubwizard.i18n import N_, _

PORTAL_HELP = N_("sandbox (default), hubspot (token from HUBSPOT_ACCESS_TOKEN or a prompt), or a base URL")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "audit",
        help=_("health check of a portal's deals: pile-ups, stranded deals, learned win probabilities"),
    )
    p.add_argument("--portal", default="sandbox", help=_(PORTAL_HELP))
    p.add_argument("--pipeline", help=_("one deal pipeline id (default: every deal pipeline)"))
    p.add_argument("--since", type=_date, help=_("read deals created since this date (default: a year ago)"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--stranded-days",
        type=int,
        default=STRANDED_DAYS,
        help=_("days without activity that make a deal stranded"),
    )
    p.set_defaults(handler=cmd_audit)

    p = subparsers.add_parser(
        "calibrate", help=_("write the win probabilities learned from a portal's deals into a config file")
    )
    p.add_argument("file")
    p.add_argument("--portal", default="sandbox", help=_(PORTAL_HELP))
    p.add_argument("--pipeline", help=_("one deal pipeline id (default: every deal pipeline)"))
    p.add_argument(
        "--since", type=_date, help=_("learn from deals created since this date (default: a year ago)")
    )
    p.add_argument("-o", "--output", help=_("write here instead of changing FILE"))
    p.set_defaults(handler=cmd_calibrate)


def _date(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a date such as 2026-01-31").format(text=text))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _progress(label: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        width = 30
        filled = int(width * done / max(total, 1))
        print(
            "\r  "
            + _("reading {pipeline}").format(pipeline=label)
            + f": [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
            end="",
            file=sys.stderr,
        )
        if done >= total:
            print(file=sys.stderr)


def _run(args: argparse.Namespace):  # -> Audit
    from hubwizard.cli.provision import _open
    from hubwizard.health.report import run_audit

    with _open(args.portal) as connection:
        return run_audit(
            connection.gateway,
            pipeline_id=args.pipeline,
            since=args.since,
            stranded_days=getattr(args, "stranded_days", STRANDED_DAYS),
            progress=_progress,
        )


def cmd_audit(args: argparse.Namespace) -> int:
    from hubwizard.health.report import audit_json, audit_text

    try:
        audit = _run(args)
    except (PortalError, LookupError) as exc:
        return _fail(exc)
    if args.format == "json":
        print(json.dumps(audit_json(audit), indent=2))
    else:
        print(audit_text(audit), end="")
    findings = any(p.health.pile_ups or p.health.stranded for p in audit.pipelines)
    return 1 if findings else 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from hubwizard.configfile import ConfigError
    from hubwizard.health.calibrate import CalibrationError, calibrate_text

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        print(f"{path}: " + _("no such file"), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{path}: " + _("cannot read: {reason}").format(reason=exc.strerror), file=sys.stderr)
        return 2
    try:
        audit = _run(args)
    except (PortalError, LookupError) as exc:
        return _fail(exc)
    changed = []
    try:
        for item in audit.pipelines:
            health = item.health
            learned = {s.id: s.suggested_probability for s in health.stages if s.interval is not None}
            labels = {s.id: s.label for s in health.stages}
            text, changes = calibrate_text(text, str(path), learned, health.id, health.label, labels)
            changed.extend(changes)
    except (ConfigError, CalibrationError) as exc:
        print(exc, file=sys.stderr)
        return 2
    if not changed:
        print(_("The config already uses the learned probabilities (or has none of the portal's pipelines)."))
        return 0
    target = Path(args.output) if args.output else path
    target.write_text(text, encoding="utf-8")
    for change in changed:
        old = _("none") if change.old is None else f"{change.old:.0%}"
        print(f"{change.pipeline} › {change.stage}: {old} → {change.new:.0%}")
    print(_("wrote {count} probabilities to {file}").format(count=len(changed), file=target))
    return 0


def _fail(exc: Exception) -> int:
    if isinstance(exc, PortalError):
        print(_("portal error: {error}").format(error=exc), file=sys.stderr)
        if exc.advice:
            print(f"  {exc.advice}", file=sys.stderr)
    else:
        print(exc.args[0] if exc.args else exc, file=sys.stderr)
    return 2
