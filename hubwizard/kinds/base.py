"""What every kind module shares: plan operations, read problems, export notes, local ids.

A *kind* is one sort of thing a HubSpot portal holds and a config describes (pipelines,
property groups and properties, custom objects, owners, workflows). Each kind module owns its
whole round trip, so that whatever it can write it reads back identically:

- ``read_*``: its part of a portal snapshot (``PortalState``), never raising for a shape it
  does not know (the item is kept verbatim or skipped with a reason);
- ``export(state, notes)``: the config items for what it read, plus what it kept as is or left out;
- ``plan(planner)``: operations comparing the config with the snapshot, in plain sentences;
- the request bodies it sends, and their normalised comparable forms.

``plan.py`` and ``export.py`` only orchestrate the kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from hubwizard.i18n import N_, _, ngettext
from hubwizard.wording import value_text

if TYPE_CHECKING:
    from hubwizard.config import Config
    from hubwizard.flows import Resolver
    from hubwizard.state import PortalState


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    KEEP = "keep"
    ARCHIVE = "archive"


WRITES = (Action.CREATE, Action.UPDATE, Action.ARCHIVE)


@dataclass
class Change:
    field: str
    before: Any
    after: Any
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after, "text": self.text}


@dataclass
class Operation:
    """One thing the apply will do (or deliberately not do) in the portal."""

    id: str
    action: Action
    kind: str
    key: str
    object: str
    title: str
    changes: list[Change] = field(default_factory=list)
    body: dict[str, Any] = field(default_factory=dict)
    """What is sent (create/update), in HubSpot's JSON."""
    target: dict[str, Any] = field(default_factory=dict)
    """Ids the call needs: pipeline id, stage id, flow id and revision..."""
    previous: dict[str, Any] = field(default_factory=dict)
    """The portal's values before an update, so undo can put them back."""
    depends_on: list[str] = field(default_factory=list)
    path: str = ""
    """Where the item stands in the config (for the wizard's "fix it" links)."""
    notes: list[str] = field(default_factory=list)

    @property
    def writes(self) -> bool:
        return self.action in WRITES

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "action": self.action.value,
            "kind": self.kind,
            "key": self.key,
            "object": self.object,
            "title": self.title,
            "changes": [c.to_dict() for c in self.changes],
            "path": self.path,
            "notes": list(self.notes),
        }


class Planner(Protocol):
    """What a kind's ``plan`` needs from the planner (``plan._Builder``)."""

    config: Config
    state: PortalState
    prune: bool
    resolver: Resolver
    unresolved: set[str]
    usage: Any
    ops: list[Operation]

    def add(self, op: Operation) -> Operation: ...

    def refuse(self, code: str, path: str, message: str, hint: str = "") -> None: ...


def object_deps(state: PortalState, object_name: str) -> list[str]:
    """Operations an item on ``object_name`` waits for: the custom object's creation."""
    from hubwizard.hubspot_rules import STANDARD_OBJECTS

    if object_name in STANDARD_OBJECTS or state.schema(object_name) is not None:
        return []
    return [f"object:{object_name}"]


FIELD_WORDS = {
    "label": N_("label"),
    "type": N_("type"),
    "fieldType": N_("field type"),
    "groupName": N_("group"),
    "description": N_("description"),
    "hidden": N_("hidden"),
    "primaryDisplayProperty": N_("primary display property"),
    "secondaryDisplayProperties": N_("secondary display properties"),
    "requiredProperties": N_("required properties"),
}
"""The compared fields as a change line names them (HubSpot's JSON keys stay in ``Change.field``)."""


def change(name: str, before: Any, after: Any) -> Change:
    """One field's change in plain words (options: which were added and removed)."""
    if name == "options":
        b = [o["label"] for o in before] if isinstance(before, list) else []
        a = [o["label"] for o in after] if isinstance(after, list) else []
        added = [x for x in a if x not in b]
        removed = [x for x in b if x not in a]
        parts = []
        if added:
            parts.append(_("adds {options}").format(options=", ".join(f"'{x}'" for x in added)))
        if removed:
            parts.append(_("removes {options}").format(options=", ".join(f"'{x}'" for x in removed)))
        if not parts:
            parts.append(_("changes option values or order"))
        return Change(name, before, after, _("options: {changes}").format(changes="; ".join(parts)))
    word = _(FIELD_WORDS[name]) if name in FIELD_WORDS else name
    return Change(
        name,
        before,
        after,
        _("{field}: {before} → {after}").format(
            field=word, before=value_text(before), after=value_text(after)
        ),
    )


# --- reading ----------------------------------------------------------------------------


@dataclass
class ReadProblem:
    """A part of the portal that could not be read, and why (named for the person reading)."""

    what: str
    """"tickets pipelines", "custom objects", "deals properties", "workflows", "limits"..."""
    kind: str
    """The read kind: account, schemas, owners, limits, pipelines, properties, flows."""
    object: str = ""
    status: int = 0
    scopes: list[str] = field(default_factory=list)
    reason: str = ""

    @property
    def sentence(self) -> str:
        """ "tickets pipelines: the token lacks the scope 'tickets' (add it in HubSpot: …)"."""
        from hubwizard.errors import SCOPES_SETTINGS

        if self.scopes:
            named = ", ".join(f"'{s}'" for s in self.scopes)
            return ngettext(
                "the token lacks the scope {scopes} (add it in HubSpot: {settings}, then use the new token)",
                "the token lacks the scopes {scopes} (add it in HubSpot: {settings}, then use the new token)",
                len(self.scopes),
            ).format(scopes=named, settings=_(SCOPES_SETTINGS))
        if self.status == 403:
            return _(
                "HubSpot refused to show it (403: {reason}); check the token's scopes in {settings}"
            ).format(reason=self.reason or "forbidden", settings=_(SCOPES_SETTINGS))
        return self.reason or _("HubSpot answered {status}").format(status=self.status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "kind": self.kind,
            "object": self.object,
            "status": self.status,
            "scopes": list(self.scopes),
            "reason": self.reason,
        }


@dataclass
class ExportNotes:
    """What an export kept verbatim and what it left out, with the reason (the CLI prints both)."""

    kept: list[str] = field(default_factory=list)
    """"kept as is: …" — items written into the config verbatim because the format has no words for them."""
    skipped: list[str] = field(default_factory=list)
    """"not exported: … because …"."""

    def skip(self, what: str, because: str) -> None:
        self.skipped.append(_("{what} because {reason}").format(what=what, reason=because))

    def keep(self, what: str) -> None:
        self.kept.append(what)


def local_id(label: str, taken: set[str], fallback: str) -> str:
    """A config key from a label: 'Quote sent' → quote_sent; unique within ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
    if not base or not base[0].isalpha():
        base = f"{fallback}_{base}" if base else fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


def as_dicts(value: Any) -> list[dict[str, Any]]:
    """``results`` of a HubSpot list answer, keeping only JSON objects (never raises)."""
    if isinstance(value, dict):
        value = value.get("results", [])
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


class UnexpectedShape(ValueError):
    """A HubSpot answer whose shape the reader does not know (recorded as a read problem)."""


def results_of(answer: Any) -> list[dict[str, Any]]:
    """The ``results`` list of a HubSpot list answer; raises ``UnexpectedShape`` when the answer
    is not ``{"results": [...]}`` (the reader then records the part as unreadable)."""
    if answer is None:
        return []
    if isinstance(answer, list):  # the gateway already unwrapped ``results``
        return [item for item in answer if isinstance(item, dict)]
    raise UnexpectedShape(f"expected a list of results, got {type(answer).__name__}")


def order_of(item: dict[str, Any]) -> int:
    """``displayOrder`` as a number whatever HubSpot sent ("3", 3, null)."""
    try:
        return int(item.get("displayOrder", 0) or 0)
    except (TypeError, ValueError):
        return 0
