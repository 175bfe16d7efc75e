"""Rule registry: each check registers itself with its code, severity and one-line summary."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from hubwizard.config import Config
from hubwizard.findings import Finding, Severity

Check = Callable[[Config], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    check: Check


RULES: dict[str, Rule] = {}


def run_rules(config: Config) -> list[Finding]:
    findings = [finding for rule in RULES.values() for finding in rule.check(config)]
    return sorted(findings, key=lambda f: (f.severity.rank, f.path, f.code))
