"""The wizard's edit history: every change to a setup can be undone and redone.

An edit is recorded as the setup *before* it (the serialized config, see
:func:`hubwizard.setups.serialize`) with a label in the wizard's words ("Deleted the pipeline
“Sales”"). Undo swaps the current setup for the one before the last edit and keeps the current
one for redo; any new edit clears what could be redone, as in every editor.

Snapshots are compressed (a 1 MB setup of 5,000 properties takes about 50 KB) and the history
keeps the last :data:`LIMIT` edits, so a long session never grows without bound.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

LIMIT = 100
"""Edits kept for undo."""


@dataclass(frozen=True)
class Edit:
    label: str
    packed: bytes

    @classmethod
    def of(cls, label: str, data: bytes) -> Edit:
        return cls(label, zlib.compress(data, 1))

    @property
    def data(self) -> bytes:
        return zlib.decompress(self.packed)


@dataclass
class Undone:
    """What undo or redo hands back: the setup to show, and the edit it took back or redid."""

    data: bytes
    label: str


@dataclass
class History:
    limit: int = LIMIT
    undos: list[Edit] = field(default_factory=list)
    redos: list[Edit] = field(default_factory=list)

    def record(self, before: bytes, label: str) -> None:
        """An edit was made: ``before`` is the setup as it was, ``label`` says what changed."""
        self.undos.append(Edit.of(label, before))
        del self.undos[: -self.limit]
        self.redos.clear()

    def undo(self, current: bytes) -> Undone | None:
        """The setup before the last edit (None when there is nothing to undo)."""
        if not self.undos:
            return None
        edit = self.undos.pop()
        self.redos.append(Edit.of(edit.label, current))
        return Undone(edit.data, edit.label)

    def redo(self, current: bytes) -> Undone | None:
        """The setup after the last undone edit (None when there is nothing to redo)."""
        if not self.redos:
            return None
        edit = self.redos.pop()
        self.undos.append(Edit.of(edit.label, current))
        return Undone(edit.data, edit.label)

    def clear(self) -> None:
        self.undos.clear()
        self.redos.clear()

    @property
    def next_undo(self) -> str | None:
        """The label of the edit undo would take back."""
        return self.undos[-1].label if self.undos else None

    @property
    def next_redo(self) -> str | None:
        return self.redos[-1].label if self.redos else None

    @property
    def last(self) -> Edit | None:
        """The edit undo would take back (a deletion's "Undo" is offered while it is this one)."""
        return self.undos[-1] if self.undos else None
