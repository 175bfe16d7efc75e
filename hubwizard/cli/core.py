"""Offline commands: validate, lint, templates, new, schema."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import TextIO

from hubwizard import configfile, forecast, lint
from hubwizard.configfile import ConfigError, LoadedConfig, Problem
from hubwizard.findings import Finding, Severity, fails, summarise
from hubwizard.i18n import _, ngettext, pgettext

COMMANDS = ("validate", "lint", "templates", "new", "schema")
"""The commands this module adds: they need no portal, so the command line loads only them."""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "validate",
        help=_("check a config file: structure and everything HubSpot would reject"),
        description=_(
            "Exit 0 when the file is valid, 2 when it cannot be read or HubSpot would reject "
            "something in it. Best-practice warnings are `hubwizard lint`'s job."
        ),
    )
    p.add_argument("file", help=_("YAML or JSON config file ('-' reads standard input)"))
    p.set_defaults(handler=cmd_validate)

    p = subparsers.add_parser(
        "lint",
        help=_("best-practice findings for a config file"),
        description=_(
            "Exit 0 when clean (or only warnings/info without --strict), 1 when findings fail, 2 "
            "when the file cannot be read or is not a config."
        ),
    )
    p.add_argument("file", help=_("YAML or JSON config file ('-' reads standard input)"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--strict", action="store_true", help=_("warnings fail too"))
    p.set_defaults(handler=cmd_lint)

    p = subparsers.add_parser("templates", help=_("the ready-made setups"))
    sub = p.add_subparsers(dest="templates_command", metavar="ACTION", required=True)
    q = sub.add_parser("list", help=_("list the templates"))
    q.set_defaults(handler=cmd_templates_list)
    q = sub.add_parser("show", help=_("print a template's YAML"))
    q.add_argument("name")
    q.set_defaults(handler=cmd_templates_show)

    p = subparsers.add_parser(
        "new", help=_("start a config file from a template, its labels in the language of --lang")
    )
    p.add_argument("name", help=_("the setup's name, e.g. 'Acme sales'"))
    p.add_argument("--template", "-t", required=True, help=_("template slug: see `templates list`"))
    p.add_argument("-o", "--output", help=_("file to write (default: NAME as a file name, .yaml)"))
    p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    p.set_defaults(handler=cmd_new)

    p = subparsers.add_parser("schema", help=_("print the JSON Schema of the config format"))
    p.set_defaults(handler=cmd_schema)


def read_config(file: str) -> LoadedConfig:
    """Load a config from a path or standard input; ConfigError names the place."""
    if file == "-":
        return configfile.loads(sys.stdin.buffer.read(), "<stdin>")
    return configfile.load(file)


def severity_word(severity: Severity) -> str:
    """``error`` in the current language, for the lines people read (JSON keeps the value)."""
    words = {
        Severity.ERROR: pgettext("severity", "error"),
        Severity.WARNING: pgettext("severity", "warning"),
        Severity.INFO: pgettext("severity", "info"),
    }
    return words[severity]


def _located(loaded: LoadedConfig, finding: Finding) -> str:
    return (
        f"{loaded.place(finding.path)} {finding.path}: {severity_word(finding.severity)} "
        f"{finding.code} {finding.message}"
    )


def _print_findings(loaded: LoadedConfig, findings: list[Finding], out: TextIO) -> None:
    """The first ``MAX_PROBLEMS`` findings with their place and the config-file hint, then one
    line counting the rest (``--format json`` lists them all)."""
    for finding in findings[: configfile.MAX_PROBLEMS]:
        print(_located(loaded, finding), file=out)
        if finding.hint:
            print("    " + _("hint: {hint}").format(hint=finding.hint), file=out)
    rest = len(findings) - configfile.MAX_PROBLEMS
    if rest > 0:
        more = ngettext("{file}: and {count} more finding", "{file}: and {count} more findings", rest)
        print(more.format(file=loaded.sourcemap.source, count=f"{rest:,}"), file=out)


FORECASTS_SHOWN = 3


def _print_forecasts(loaded: LoadedConfig) -> None:
    """The wizard's forecast chart as a table for each deal pipeline (the first three), with the
    sample deals the wizard starts from: open deals weighted, then won and lost apart."""
    deal_pipelines = [p for p in loaded.config.pipelines if p.object == "deals" and p.stages]
    if not deal_pipelines:
        return
    print("\n" + _("Weighted forecast with sample deals (the figures the wizard starts from):"))
    for pipeline in deal_pipelines[:FORECASTS_SHOWN]:
        print(forecast.forecast_table(forecast.forecast(pipeline, forecast.sample_deals(pipeline))))
    rest = len(deal_pipelines) - FORECASTS_SHOWN
    if rest > 0:
        print(
            ngettext("and {count} more deal pipeline", "and {count} more deal pipelines", rest).format(
                count=rest
            )
        )
    print()


def cmd_validate(args: argparse.Namespace) -> int:
    from hubwizard import templates  # reads the template folder: only for the commands that need it

    loaded = read_config(args.file)
    errors = lint.errors(loaded.config)
    if errors:
        _print_findings(loaded, errors, sys.stderr)
        invalid = _("{file}: invalid, {count} error(s)")
        print(invalid.format(file=loaded.sourcemap.source, count=len(errors)), file=sys.stderr)
        return 2
    what = "; ".join(templates.contents(loaded.config)) or _("empty")
    print(_("{file}: valid ({contents})").format(file=loaded.sourcemap.source, contents=what))
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    try:
        loaded = read_config(args.file)
    except ConfigError as exc:
        if args.format == "json":
            print(
                json.dumps(
                    {"file": args.file, "valid": False, "problems": [_problem_dict(p) for p in exc.problems]},
                    indent=2,
                )
            )
            return 2
        raise
    findings = lint.lint(loaded.config)
    failed = fails(findings, strict=args.strict)
    if args.format == "json":
        rows = []
        for finding in findings:
            row = finding.to_dict()
            where = loaded.sourcemap.locate(configfile.parse_path(finding.path))
            row["line"], row["column"] = where if where else (None, None)
            rows.append(row)
        summary = {**summarise(findings), "total": len(findings), "failed": failed, "strict": args.strict}
        print(
            json.dumps(
                {"file": loaded.sourcemap.source, "valid": True, "findings": rows, "summary": summary},
                indent=2,
                ensure_ascii=False,
            )
        )
        return 1 if failed else 0
    _print_findings(loaded, findings, sys.stdout)
    _print_forecasts(loaded)
    counts = summarise(findings)
    words = {
        "file": loaded.sourcemap.source,
        "count": len(findings),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
    }
    if failed:
        line = _("{file}: {count} finding(s): {errors} error(s), {warnings} warning(s), {infos} info; failed")
    else:
        line = _("{file}: {count} finding(s): {errors} error(s), {warnings} warning(s), {infos} info; passed")
    print(line.format(**words) + (" (--strict)" if args.strict else ""))
    return 1 if failed else 0


def _problem_dict(problem: Problem) -> dict[str, object]:
    return {
        "path": problem.path,
        "message": problem.message,
        "file": problem.source,
        "line": problem.line,
        "column": problem.column,
    }


def cmd_templates_list(args: argparse.Namespace) -> int:
    from hubwizard import templates  # reads the template folder: only for the commands that need it

    rows = [(t.slug, t.tier, t.title, ", ".join(t.tags)) for t in templates.list_templates()]
    header = (_("TEMPLATE"), _("TIER"), _("TITLE"), _("TAGS"))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return 0


def cmd_templates_show(args: argparse.Namespace) -> int:
    from hubwizard import templates  # reads the template folder: only for the commands that need it

    template = templates.get_template(args.name)
    sys.stdout.write(configfile.dumps(template.config))
    return 0


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "setup"


def cmd_new(args: argparse.Namespace) -> int:
    from hubwizard import templates  # reads the template folder: only for the commands that need it

    template = templates.get_template(args.template)
    config = template.fresh_config()
    config.name = args.name
    config.tags = []
    target = Path(args.output or f"{slugify(args.name)}.yaml")
    if target.exists() and not args.force:
        raise ConfigError(
            [Problem(_("already exists; choose another -o FILE or pass --force"), "", str(target))]
        )
    configfile.save(config, target)
    print(
        _("wrote {file} from template '{slug}' ({contents})").format(
            file=target, slug=template.slug, contents="; ".join(templates.contents(config))
        )
    )
    print(_("next: edit it, then `hubwizard lint {file}` and `hubwizard plan {file}`").format(file=target))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(configfile.json_schema(), indent=2))
    return 0


__all__ = ["Severity", "read_config", "register"]
