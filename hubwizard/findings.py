"""Findings: what the linter, the validator and the planner's pre-flight say about a config.

A finding is data, not an exception: the wizard shows it next to the item it concerns, the command
line prints it with ``file:line:col``, and ``--format json`` emits it as is.

One finding speaks to two readers. ``message`` and ``fix`` are for a sales manager in the wizard:
labels rather than internal names, percent rather than fractions, HubSpot's own words for property
types, and the wizard's own controls ("set the win probability to 30%"). ``hint`` is for someone
editing the config file (YAML keys such as ``probability: 0.3``) and is printed only by the command
line. ``code`` and ``path`` are the details line: shown small, never inside a sentence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """error: HubSpot would reject it or it breaks the setup, so it blocks provisioning; warning:
    against the guide's advice; info: a hint. The same finding has the same severity everywhere:
    the wizard's pages, the sidebar counts, ``hubwizard lint``/``validate`` and the plan."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    """One thing to say about a setup.

    - ``code``: the rule (``HW204``, ``PLAN501``), for the details line and the docs.
    - ``severity``: see :class:`Severity`.
    - ``path``: where in the config (``pipelines[0].stages[2].probability``), for the details line
      and to open the right page.
    - ``message``: what is wrong, in plain words (labels, percent, HubSpot's type names).
    - ``hint``: how to fix it in the config file (YAML keys), for the command line only.
    - ``fix``: how to fix it with the wizard's own controls; falls back to nothing, never to
      ``hint``.
    """

    code: str
    severity: Severity
    path: str
    message: str
    hint: str = ""
    fix: str = ""

    @property
    def details(self) -> str:
        """The details line: ``HW204 · pipelines[0].stages[2].probability``."""
        return f"{self.code} · {self.path}"

    def to_dict(self) -> dict[str, str]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    def __str__(self) -> str:
        return f"{self.path}: {self.severity.value} {self.code} {self.message}"


def summarise(findings: list[Finding]) -> dict[str, int]:
    """Counts per severity, every severity present (zero included)."""
    counts = {s.value: 0 for s in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    return counts


def fails(findings: list[Finding], *, strict: bool = False) -> bool:
    """Errors always fail; with ``strict`` warnings fail too (info never does)."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(f.severity in failing for f in findings)
