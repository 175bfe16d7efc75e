"""The best-practice linter: every check of ``../shared/domain/lint-rules.md``.

``lint(config)`` returns every finding at once (never stops at the first), each with a stable
code, a severity, the path of the item in the config, a plain message and a hint.
"""

from __future__ import annotations

from hubwizard.config import Config
from hubwizard.findings import Finding, Severity
from hubwizard.lint.registry import RULES, Rule, run_rules

__all__ = ["RULES", "Finding", "Rule", "Severity", "errors", "lint"]


def lint(config: Config) -> list[Finding]:
    """All findings for ``config``, errors first, then in the order of the file."""
    return run_rules(config)


def errors(config: Config) -> list[Finding]:
    """Only the findings HubSpot would reject or that break the setup."""
    return [f for f in lint(config) if f.severity is Severity.ERROR]
