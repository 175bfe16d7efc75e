"""The best-practice linter: every check of ``docs/lint-rules.md``.

``lint(config)`` returns every finding at once (never stops at the first), each with a stable
code, a severity, the path of the item in the config, a plain message and a hint.

Checks live one module per area and register themselves with :func:`registry.rule`:
``pipelines`` (HW1xx, HW2xx), ``properties`` (HW3xx), ``custom_objects`` (HW4xx),
``references`` (HW501) and ``workflows`` (HW502..HW507); ``design`` (HW105..HW107, pipelines
read from their names) ``duplicates`` (HW508) and ``step_text`` (HW509); ``text`` and ``names`` hold the multilingual
label heuristics. The catalogue as implemented is ``docs/lint-rules.md``.
"""

from __future__ import annotations

from hubwizard.config import Config
from hubwizard.findings import Finding, Severity
from hubwizard.lint import (
    custom_objects,
    design,
    duplicates,
    pipelines,
    properties,
    references,
    step_text,
    workflows,
)
from hubwizard.lint.registry import RULES, Issue, Rule, rule, run_rules

__all__ = [
    "RULES",
    "Finding",
    "Issue",
    "Rule",
    "Severity",
    "custom_objects",
    "design",
    "duplicates",
    "errors",
    "lint",
    "pipelines",
    "properties",
    "references",
    "rule",
    "step_text",
    "workflows",
]


def lint(config: Config) -> list[Finding]:
    """All findings for ``config``: errors first, then warnings, then info; each severity in the
    order of the file."""
    return run_rules(config)


def errors(config: Config) -> list[Finding]:
    """Only the findings HubSpot would reject or that break the setup: only the error rules
    run (a plan asks for these before every apply; the warnings' name reading is not needed)."""
    return run_rules(config, Severity.ERROR)
