"""Undo: take back what one apply did, from its journal.

What the apply created is archived (newest dependency first: workflows, stages, pipelines,
custom objects, properties, groups); what it updated is put back to the values recorded before.
Nothing that existed before the apply is archived. HubSpot refuses to archive a stage or a
pipeline that now holds deals, and a custom object that holds records: those are reported, not
forced. Undo writes its own journal, and undoing twice is harmless (already archived = done).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hubwizard import deal_moves
from hubwizard.errors import PortalError
from hubwizard.gateway import Gateway
from hubwizard.journal import Journal, read_journal

UNDO_ORDER = (
    "move",
    "workflow",
    "association",
    "stage",
    "pipeline",
    "property",
    "custom_object",
    "property_group",
)


@dataclass
class UndoReport:
    journal: str
    undone: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    not_undoable: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "journal": self.journal,
            "undone": self.undone,
            "failed": [{"operation": o, "error": e} for o, e in self.failed],
            "not_undoable": self.not_undoable,
        }


def _gone(exc: PortalError) -> bool:
    return exc.status == 404


def undo(path: Path, gateway: Gateway, *, journal: Journal | None = None) -> UndoReport:
    """Undo the apply recorded in ``path``."""
    record = read_journal(path)
    journal = journal or Journal.create("undo")
    report = UndoReport(str(journal.path))
    journal.write("start", undoes=str(path), portal=record.start.get("portal", {}))
    newest_first = list(reversed(record.done))
    for kind in (*UNDO_ORDER, None):
        entries = [
            e for e in newest_first if (e.get("kind") if e.get("kind") in UNDO_ORDER else None) == kind
        ]
        if kind == "property":
            pending: dict[str, list[tuple[str, str]]] = {}
            for entry in entries:
                if "created" in entry:
                    pending.setdefault(entry["created"]["object"], []).append(
                        (str(entry.get("op")), entry["created"]["name"])
                    )
            _archive_properties(gateway, pending, report, journal)
            entries = [e for e in entries if "created" not in e]
        for entry in entries:
            op = str(entry.get("op"))
            try:
                action = _undo_one(gateway, entry)
            except PortalError as exc:
                report.failed.append((op, f"{exc} {exc.advice}".strip()))
                journal.write("op", op=op, status="failed", error=exc.to_dict())
                continue
            if action is None:
                report.not_undoable.append(op)
                journal.write("op", op=op, status="not-undoable")
            else:
                if op not in report.undone:  # a record move is journaled batch by batch
                    report.undone.append(op)
                journal.write("op", op=op, status="done", undo=action)
    journal.write(
        "finish",
        status="complete" if report.ok else "failed",
        undone=len(report.undone),
        failed=len(report.failed),
    )
    journal.close()
    return report


def _archive_properties(
    gateway: Gateway, pending: dict[str, list[tuple[str, str]]], report: UndoReport, journal: Journal
) -> None:
    for object_type, items in list(pending.items()):
        try:
            for start in range(0, len(items), 100):
                gateway.archive_properties(object_type, [name for _, name in items[start : start + 100]])
        except PortalError as exc:
            for op, _ in items:
                report.failed.append((op, str(exc)))
                journal.write("op", op=op, status="failed", error=exc.to_dict())
        else:
            for op, name in items:
                report.undone.append(op)
                journal.write("op", op=op, status="done", undo=f"archived property {name}")
    pending.clear()


def _undo_one(gateway: Gateway, entry: dict[str, Any]) -> str | None:
    if "moved" in entry:
        return deal_moves.undo_batch(gateway, entry["moved"])
    if entry.get("kind") == "move":
        return f"{entry.get('moved_total', 0)} record(s) moved back batch by batch"
    if "archived" in entry and entry["archived"].get("type") == "stage" and entry.get("previous"):
        return deal_moves.restore_stage(gateway, entry["archived"], entry["previous"])
    if "created" in entry:
        return _archive_created(gateway, entry["created"])
    if "updated" in entry:
        return _revert(gateway, entry["updated"], entry.get("previous") or {})
    return None  # archived by a prune: HubSpot keeps it restorable in its own UI


def _archive_created(gateway: Gateway, created: dict[str, Any]) -> str | None:
    kind = created.get("type")
    try:
        if kind == "workflow":
            gateway.delete_flow(created["flowId"])
            return f"deleted workflow {created['flowId']}"
        if kind == "stage":
            gateway.archive_stage(created["object"], created["pipelineId"], created["stageId"])
            return f"archived stage {created['stageId']}"
        if kind == "pipeline":
            gateway.archive_pipeline(created["object"], created["pipelineId"])
            return f"archived pipeline {created['pipelineId']}"
        if kind == "custom_object":
            gateway.archive_schema(created["objectTypeId"])
            return f"archived custom object {created['name']}"
        if kind == "property_group":
            gateway.archive_group(created["object"], created["name"])
            return f"archived property group {created['name']}"
    except PortalError as exc:
        if _gone(exc):
            return f"{kind} already gone"
        raise
    return None  # associations: removed with their custom object


def _revert(gateway: Gateway, updated: dict[str, Any], previous: dict[str, Any]) -> str | None:
    kind = updated.get("type")
    if kind == "property":
        changes = {k: v for k, v in previous.items() if v is not None}
        gateway.update_property(updated["object"], updated["name"], changes)
        return f"restored property {updated['name']}"
    if kind == "property_group":
        gateway.update_group(updated["object"], updated["name"], previous["label"])
        return f"restored group {updated['name']}"
    if kind == "pipeline":
        gateway.update_pipeline(updated["object"], updated["pipelineId"], label=previous.get("label"))
        return f"restored pipeline {updated['pipelineId']}"
    if kind == "stage":
        gateway.update_stage(updated["object"], updated["pipelineId"], updated["stageId"], previous)
        return f"restored stage {updated['stageId']}"
    if kind == "custom_object":
        gateway.update_schema(updated["objectTypeId"], previous)
        return f"restored custom object {updated['objectTypeId']}"
    if kind == "workflow":
        current = gateway.flow(updated["flowId"])
        if current is None:
            return None
        body = {
            k: v
            for k, v in previous.items()
            if k not in ("id", "createdAt", "updatedAt", "crmObjectCreationStatus")
        }
        body["revisionId"] = current.get("revisionId")
        gateway.replace_flow(updated["flowId"], body)
        return f"restored workflow {updated['flowId']}"
    return None
