"""Putting learned win probabilities into a setup: into the config model (the wizard's
"use these probabilities") or into the text of a config file (``hubwizard calibrate``), where
only the probability values change and every other character (comments, order, quoting) stays.

A config pipeline matches a portal pipeline by its ``hubspot_id``, else by label; a stage by its
``hubspot_id``, else by label (both case-insensitive). Only open stages change; won and lost
stay at 100% and 0%.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hubwizard.config import Config, Pipeline
from hubwizard.configfile import SourceMap, loads
from hubwizard.i18n import _

_SCALAR_END = re.compile(r"[\s,}\]#]")


class CalibrationError(ValueError):
    """A change that cannot be written into the file as is (the message says where)."""


@dataclass(frozen=True)
class Change:
    path: tuple[str | int, ...]
    pipeline: str
    stage: str
    old: float | None
    new: float


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def find_pipeline(config: Config, portal_id: str, portal_label: str) -> int | None:
    deals = [(i, p) for i, p in enumerate(config.pipelines) if p.object == "deals"]
    for i, p in deals:
        if p.hubspot_id and str(p.hubspot_id) == portal_id:
            return i
    return next((i for i, p in deals if _same(p.label, portal_label)), None)


def changes_for(
    config: Config, portal_id: str, portal_label: str, learned: dict[str, float], labels: dict[str, str]
) -> list[Change]:
    """The probability changes that make the config's pipeline use ``learned`` (stage id → p).

    ``labels`` maps the portal's stage ids to their labels, for matching by label.
    """
    index = find_pipeline(config, portal_id, portal_label)
    if index is None:
        return []
    pipeline: Pipeline = config.pipelines[index]
    out = []
    for stage_id, probability in learned.items():
        for j, stage in enumerate(pipeline.stages):
            if not stage.is_open:
                continue
            if (stage.hubspot_id and str(stage.hubspot_id) == stage_id) or (
                not stage.hubspot_id and _same(stage.label, labels.get(stage_id))
            ):
                if stage.probability is None or abs(stage.probability - probability) > 1e-9:
                    out.append(
                        Change(
                            ("pipelines", index, "stages", j, "probability"),
                            pipeline.label,
                            stage.label,
                            stage.probability,
                            probability,
                        )
                    )
                break
    return out


def apply_to_config(config: Config, changes: list[Change]) -> Config:
    """A copy of ``config`` with the changes made (the wizard's setup)."""
    data = config.model_copy(deep=True)
    for change in changes:
        _, i, _, j, _ = change.path
        data.pipelines[int(i)].stages[int(j)].probability = change.new
    return data


def apply_to_text(text: str, sourcemap: SourceMap, changes: list[Change]) -> str:
    """The file's text with each probability value replaced (or added under the stage's label)."""
    lines = text.splitlines(keepends=True)
    inserts: list[tuple[int, str]] = []
    for change in changes:
        value = f"{change.new:.1f}"
        where = sourcemap.locate(change.path) if change.old is not None else None
        if where is not None:
            line, column = where[0] - 1, where[1] - 1
            row = lines[line]
            end = _SCALAR_END.search(row, column)
            stop = end.start() if end else len(row.rstrip("\r\n"))
            lines[line] = row[:column] + value + row[stop:]
            continue
        label = sourcemap.locate((*change.path[:-1], "label"), key=True)
        row = lines[label[0] - 1] if label else ""
        if label is None or "{" in row[: label[1] - 1] or not row[: label[1] - 1].strip(" -") == "":
            raise CalibrationError(
                _(
                    "Stage {stage} in pipeline {pipeline} has no probability line to update; add "
                    "'probability: {value}' to it and run again"
                ).format(stage=repr(change.stage), pipeline=repr(change.pipeline), value=value)
            )
        indent = " " * (label[1] - 1)
        newline = "\r\n" if row.endswith("\r\n") else "\n"
        inserts.append((label[0], f"{indent}probability: {value}{newline}"))
    for position, line in sorted(inserts, reverse=True):
        lines.insert(position, line)
    return "".join(lines)


def calibrate_text(
    text: str,
    source: str,
    learned: dict[str, float],
    portal_id: str,
    portal_label: str,
    labels: dict[str, str],
) -> tuple[str, list[Change]]:
    """Edit a config file's text; the result is loaded again to prove it still reads the same."""
    loaded = loads(text, source)
    changes = changes_for(loaded.config, portal_id, portal_label, learned, labels)
    if not changes:
        return text, []
    if source.lower().endswith(".json") or text.lstrip().startswith("{"):
        edited = _json_edit(text, loaded.config, changes)
    else:
        edited = apply_to_text(text, loaded.sourcemap, changes)
    check = loads(edited, source).config
    for change in changes:
        _, i, _, j, _ = change.path
        assert check.pipelines[int(i)].stages[int(j)].probability == change.new
    return edited, changes


def _json_edit(text: str, config: Config, changes: list[Change]) -> str:
    """JSON files are written back whole (JSON has no comments to keep), with the same indent."""
    import json

    data = json.loads(text)
    for change in changes:
        _, i, _, j, _ = change.path
        data["pipelines"][int(i)]["stages"][int(j)]["probability"] = change.new
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
