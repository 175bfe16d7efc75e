"""Findings: what the linter, the validator and the planner's pre-flight say about a config.

A finding is data, not an exception: the wizard shows it next to the item it concerns, the command
line prints it with ``file:line:col``, and ``--format json`` emits it as is.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """error: HubSpot would reject it or it breaks the setup; warning: against the guide's
    advice; info: a hint."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    path: str
    message: str
    hint: str = ""

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
