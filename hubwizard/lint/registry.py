"""Rule registry: each check registers itself with its code, severity and one-line summary.

A check is written as a function of the config that yields :class:`Issue` (path, message, hint,
fix)
and is registered with :func:`rule`; the registry turns each issue into a :class:`Finding` with
the rule's code and severity, so a check can never report under the wrong code or severity::

    @rule("HW204", Severity.ERROR, "probability outside 0.0..1.0 or not a multiple of 0.1")
    def probability_steps(config: Config) -> Iterator[Issue]:
        ...
        yield Issue("pipelines[0].stages[2].probability", "...", "...")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from hubwizard.config import Config
from hubwizard.configfile import parse_path
from hubwizard.findings import Finding, Severity
from hubwizard.i18n import _
from hubwizard.lint.common import one_run

Check = Callable[[Config], Iterable[Finding]]


@dataclass(frozen=True)
class Issue:
    """What a check reports: where, what (plain words), how to fix it in the config file
    (``hint``, YAML keys) and in the wizard (``fix``). The registry adds code and severity."""

    path: str
    message: str
    hint: str = ""
    fix: str = ""


IssueCheck = Callable[[Config], Iterable[Issue]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    """What the rule checks, in English as registered (marked ``N_()`` where it is written)."""
    check: Check

    @property
    def title(self) -> str:
        """The summary in the current language (the English one when it has no translation)."""
        return _(self.summary)


RULES: dict[str, Rule] = {}


def rule(code: str, severity: Severity, summary: str) -> Callable[[IssueCheck], IssueCheck]:
    """Register the decorated check under ``code``; the function itself is returned unchanged."""

    def register(func: IssueCheck) -> IssueCheck:
        if code in RULES:
            raise ValueError(f"lint rule {code} is registered twice")

        def check(config: Config) -> list[Finding]:
            return [Finding(code, severity, i.path, i.message, i.hint, i.fix) for i in func(config)]

        check.__name__ = func.__name__
        check.__doc__ = func.__doc__
        RULES[code] = Rule(code, severity, summary, check)
        return func

    return register


_TOP_LEVEL_ORDER = {
    name: position
    for position, name in enumerate(
        (
            "version",
            "name",
            "description",
            "tags",
            "portal",
            "pipelines",
            "property_groups",
            "custom_objects",
            "workflows",
        )
    )
}


def _file_order(path: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for a path in the order of the file: ``pipelines[2]`` before ``pipelines[10]``,
    top-level sections as the format writes them (pipelines before property groups ...)."""
    parts = parse_path(path)
    key: list[tuple[int, int | str]] = []
    for depth, part in enumerate(parts):
        if isinstance(part, int):
            key.append((0, part))
        elif depth == 0:
            key.append((0, _TOP_LEVEL_ORDER.get(part, len(_TOP_LEVEL_ORDER))))
        else:
            key.append((1, part))
    return tuple(key)


def run_rules(config: Config, only: Severity | None = None) -> list[Finding]:
    """Every registered check over ``config`` (or only those of severity ``only``): errors
    first, then warnings, then info; within a severity in the order of the file, then by code."""
    rules = [rule for rule in RULES.values() if only is None or rule.severity is only]
    with one_run(config):
        findings = [finding for rule in rules for finding in rule.check(config)]
    return sorted(findings, key=lambda f: (f.severity.rank, _file_order(f.path), f.code))
