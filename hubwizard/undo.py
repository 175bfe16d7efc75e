"""Undo: take back what one apply did, from its journal.

What the apply created is archived in reverse dependency order: workflows first (they point at
stages, properties and objects), then stages, pipelines, properties and property groups, and
custom objects last. Archiving a custom object takes everything on it along (its groups,
properties, pipelines and associations; HubSpot refuses to archive a group of an object that is
gone), so those children are recorded as done with their parent instead of being sent one by
one. If HubSpot refuses the parent (it still holds records), its children are archived
separately so as much as possible is taken back.

What the apply updated is put back to the values recorded before. Nothing that existed before
the apply is archived. HubSpot refuses to archive a stage or a pipeline that now holds deals,
and a custom object that holds records: those are reported, not forced. Undo writes its own
journal, always finished, and undoing twice is harmless (already archived = done).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hubwizard import deal_moves
from hubwizard.errors import PortalError
from hubwizard.gateway import Gateway
from hubwizard.hubspot_rules import BATCH_SIZE
from hubwizard.i18n import _, ngettext
from hubwizard.journal import Journal, read_journal

UNDO_ORDER = (
    "move",
    "workflow",
    "association",
    "stage",
    "pipeline",
    "property",
    "property_group",
    "custom_object",
)
"""Reverse dependency order: what points at something is taken back before what it points at.
Records moved out of dropped stages go back first (bringing their stages back with them), so
that the stages the apply created are empty again when they are archived."""


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


def _explain(exc: BaseException) -> tuple[str, dict[str, Any]]:
    """A failure in words for people, and its record for the journal."""
    if isinstance(exc, PortalError):
        return f"{exc} {exc.advice}".strip(), exc.to_dict()
    text = _(
        "hubwizard hit an unexpected problem while taking this change back ({error}); the rest of "
        "the undo went on. Run undo again to retry it."
    ).format(error=f"{type(exc).__name__}: {exc}")
    return text, {"status": 0, "message": text, "exception": type(exc).__name__}


def _entry_object(entry: dict[str, Any]) -> str:
    """The API object (``deals``, ``2-1001``) a journal entry's item lives on."""
    item = entry.get("created") or entry.get("updated") or {}
    return str(item.get("object") or item.get("objectTypeId") or "")


def _kind(entry: dict[str, Any]) -> str | None:
    kind = entry.get("kind")
    return kind if kind in UNDO_ORDER else None


class _Undo:
    def __init__(self, gateway: Gateway, journal: Journal) -> None:
        self.gateway = gateway
        self.journal = journal
        self.report = UndoReport(str(journal.path))

    def done(self, op: str, action: str) -> None:
        if op not in self.report.undone:  # a record move is journaled batch by batch
            self.report.undone.append(op)
        self.journal.write("op", op=op, status="done", undo=action)

    def fail(self, op: str, exc: BaseException) -> None:
        text, record = _explain(exc)
        self.report.failed.append((op, text))
        self.journal.write("op", op=op, status="failed", error=record)

    def run(self, entries: list[dict[str, Any]]) -> None:
        """Take ``entries`` (newest first) back in reverse dependency order."""
        for kind in (*UNDO_ORDER, None):
            batch = [e for e in entries if _kind(e) == kind]
            if kind == "property":
                self.archive_properties([e for e in batch if "created" in e])
                batch = [e for e in batch if "created" not in e]
            for entry in batch:
                self.one(entry)

    def one(self, entry: dict[str, Any]) -> None:
        op = str(entry.get("op"))
        try:
            action = _undo_one(self.gateway, entry)
        except Exception as exc:  # one refusal or surprise must not stop the rest
            self.fail(op, exc)
            return
        if action is None:
            self.report.not_undoable.append(op)
            self.journal.write("op", op=op, status="not-undoable")
        else:
            self.done(op, action)

    def archive_properties(self, entries: list[dict[str, Any]]) -> None:
        """Created properties go in batch archives of up to 100 per object."""
        by_object: dict[str, list[tuple[str, str]]] = {}
        for entry in entries:
            created = entry["created"]
            by_object.setdefault(created["object"], []).append((str(entry.get("op")), created["name"]))
        for object_type, items in by_object.items():
            for start in range(0, len(items), BATCH_SIZE):
                chunk = items[start : start + BATCH_SIZE]
                try:
                    self.gateway.archive_properties(object_type, [name for _, name in chunk])
                except Exception as exc:
                    for op, _name in chunk:
                        self.fail(op, exc)
                else:
                    for op, name in chunk:
                        self.done(op, _("archived property {name}").format(name=name))


def undo(path: Path, gateway: Gateway, *, journal: Journal | None = None) -> UndoReport:
    """Undo the apply recorded in ``path``."""
    record = read_journal(path)
    journal = journal or Journal.create("undo")
    run = _Undo(gateway, journal)
    journal.write("start", undoes=str(path), portal=record.start.get("portal", {}))
    try:
        newest_first = list(reversed(record.done + unconfirmed_moves(record.records, record.done)))
        parents = [
            e for e in newest_first if _kind(e) == "custom_object" and "created" in e
        ]  # custom objects this apply created: archiving them takes their children along
        parent_ids = {str(e["created"]["objectTypeId"]) for e in parents}
        children = [e for e in newest_first if e not in parents and _entry_object(e) in parent_ids]
        run.run([e for e in newest_first if e not in parents and e not in children])
        for parent in parents:
            ot = str(parent["created"]["objectTypeId"])
            mine = [e for e in children if _entry_object(e) == ot]
            before = len(run.report.failed)
            run.one(parent)
            if len(run.report.failed) == before:
                name = parent["created"].get("name", ot)
                for child in mine:
                    run.done(str(child.get("op")), _("archived with custom object {name}").format(name=name))
            else:  # the object stays (it holds records): take its children back one by one
                run.run(mine)
    finally:
        journal.write(
            "finish",
            status="complete" if run.report.ok else "failed",
            undone=len(run.report.undone),
            failed=len(run.report.failed),
        )
        journal.close()
    return run.report


def unconfirmed_moves(records: list[dict[str, Any]], done: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Record batches sent but never confirmed (the apply was cut while waiting for the answer):
    they may have landed, so undo moves them back too (harmless if they had not)."""
    confirmed = {(r.get("op"), r.get("batch")) for r in done if "moved" in r}
    return [
        r
        for r in records
        if r.get("event") == "op"
        and r.get("status") == "sent"
        and "moved" in r
        and (r.get("op"), r.get("batch")) not in confirmed
    ]


def _undo_one(gateway: Gateway, entry: dict[str, Any]) -> str | None:
    if "moved" in entry:
        return deal_moves.undo_batch(gateway, entry["moved"])
    if entry.get("kind") == "move":
        count = int(entry.get("moved_total", 0))
        return ngettext(
            "{count} record moved back batch by batch", "{count} records moved back batch by batch", count
        ).format(count=count)
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
            return _("deleted workflow {id}").format(id=created["flowId"])
        if kind == "stage":
            gateway.archive_stage(created["object"], created["pipelineId"], created["stageId"])
            return _("archived stage {id}").format(id=created["stageId"])
        if kind == "pipeline":
            gateway.archive_pipeline(created["object"], created["pipelineId"])
            return _("archived pipeline {id}").format(id=created["pipelineId"])
        if kind == "custom_object":
            gateway.archive_schema(created["objectTypeId"])
            return _("archived custom object {name}").format(name=created["name"])
        if kind == "property_group":
            gateway.archive_group(created["object"], created["name"])
            return _("archived property group {name}").format(name=created["name"])
        if kind == "property":
            gateway.archive_properties(created["object"], [created["name"]])
            return _("archived property {name}").format(name=created["name"])
        if kind == "association" and created.get("associationId"):
            gateway.archive_association(created["objectTypeId"], str(created["associationId"]))
            return _("removed association {object} → {to}").format(
                object=created["objectTypeId"], to=created.get("to")
            )
    except PortalError as exc:
        if _gone(exc):
            return _("{kind} already gone").format(kind=kind)
        raise
    return None  # an association recorded without its id (older journals)


def _revert(gateway: Gateway, updated: dict[str, Any], previous: dict[str, Any]) -> str | None:
    kind = updated.get("type")
    if kind == "property":
        changes = {k: v for k, v in previous.items() if v is not None}
        if not changes:
            return None
        gateway.update_property(updated["object"], updated["name"], changes)
        return _("restored property {name}").format(name=updated["name"])
    if kind == "property_group":
        gateway.update_group(updated["object"], updated["name"], previous["label"])
        return _("restored group {name}").format(name=updated["name"])
    if kind == "pipeline":
        gateway.update_pipeline(updated["object"], updated["pipelineId"], label=previous.get("label"))
        return _("restored pipeline {id}").format(id=updated["pipelineId"])
    if kind == "stage":
        gateway.update_stage(updated["object"], updated["pipelineId"], updated["stageId"], previous)
        return _("restored stage {id}").format(id=updated["stageId"])
    if kind == "custom_object":
        gateway.update_schema(updated["objectTypeId"], previous)
        return _("restored custom object {id}").format(id=updated["objectTypeId"])
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
        return _("restored workflow {id}").format(id=updated["flowId"])
    return None
