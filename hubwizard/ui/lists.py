"""One editor for every list a page edits: pipelines, property groups, custom objects and their
groups, workflows. Pick one, add one (a small form in a popover), rename it, delete it.

Every page used to carry its own add / remove / rename callbacks; they differed only in the list
they touched and the words they used. Here each is written once, and each goes through
:func:`hubwizard.ui.state.change`, so every add, rename and deletion is checked again, saved,
recorded for undo and marks any plan stale. A deletion says what it removed, with "Undo" right
there. What a new item holds by default is decided in :mod:`hubwizard.editing`, not here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import streamlit as st

from hubwizard import editing
from hubwizard.config import Config
from hubwizard.i18n import _
from hubwizard.ui.state import bound, change, chooser, wizard

T = TypeVar("T")


@dataclass(frozen=True)
class AddField:
    """One input of the "Add …" form: a text input, or a select when ``options`` are given."""

    name: str
    label: str
    options: Sequence[str] | None = None
    placeholder: str = ""
    format_func: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class ListEditor(Generic[T]):
    key: str
    """Prefix of the widget keys: ``<key>.add``, ``<key>.delete.<index>``, ``<key>.new.<field>``."""
    select: str
    """Name under which the page remembers the open item (``WizardState.selected``)."""
    noun: str
    """"pipeline", "property group", ...: the words of the history and the messages (English,
    marked with ``N_``; translated where shown)."""
    items: Callable[[Config], list[T]]
    """The list in the config this editor changes (looked up again in each callback)."""
    name_of: Callable[[T], str]
    """The item's name as people read it ("Sales")."""
    removes: Callable[[T], str] = field(default=lambda _item: "")
    """What else a deletion takes with it ("6 stages"), said after the item's name."""
    include: Callable[[T], bool] = field(default=lambda _item: True)
    """The items this editor shows (the property groups of one object)."""

    # --- reading ------------------------------------------------------------------------

    def positions(self, config: Config) -> list[int]:
        """Indices, in the whole list, of the items this editor shows."""
        return [i for i, item in enumerate(self.items(config)) if self.include(item)]

    def current(self, config: Config) -> T | None:
        """The item the page has open, known before its selectbox is drawn (the advice beside
        the page is drawn first and may depend on it)."""
        positions = self.positions(config)
        picked = wizard().pick(self.select, len(positions))
        return None if picked is None else self.items(config)[positions[picked]]

    def choose(self, label: str, labels: Sequence[str], **kwargs: Any) -> int | None:
        """A selectbox over the shown items; the chosen item's index in the whole list."""
        positions = self.positions(wizard().config)
        if not positions:
            return None
        picked = chooser(label, self.select, list(labels), **kwargs)
        return positions[picked or 0]

    # --- adding -------------------------------------------------------------------------

    def add_form(
        self,
        label: str,
        fields: Sequence[AddField],
        make: Callable[[Config, dict[str, Any]], T],
        *,
        disabled: bool = False,
    ) -> None:
        """An "Add …" popover: the fields, then "Add". ``make(config, values)`` builds the item
        (from :mod:`hubwizard.editing`, which fills in what was left empty)."""
        with st.popover(label, icon=":material/add:", width="stretch", disabled=disabled):
            for f in fields:
                key = f"{self.key}.new.{f.name}"
                if f.options is None:
                    st.text_input(f.label, key=key, placeholder=f.placeholder)
                else:
                    st.selectbox(f.label, list(f.options), key=key, format_func=f.format_func or str)
            st.button(
                _("Add"),
                key=f"{self.key}.add",
                on_click=self._add,
                args=(tuple(fields), make),
                type="primary",
            )

    def _add(self, fields: tuple[AddField, ...], make: Callable[[Config, dict[str, Any]], T]) -> None:
        values = {f.name: st.session_state.get(f"{self.key}.new.{f.name}") for f in fields}
        w = wizard()
        added: list[T] = []

        def add() -> None:
            item = make(w.config, values)
            self.items(w.config).append(item)
            added.append(item)
            w.selected[self.select] = len(self.positions(w.config)) - 1

        name = values.get("label") or values.get("name") or values.get("singular") or ""
        said = _("Added the {noun} “{name}”").format(noun=_(self.noun), name=str(name).strip() or _("new"))
        if change(said, add):
            for f in fields:  # an empty form for the next one
                if f.options is None:
                    st.session_state[f"{self.key}.new.{f.name}"] = ""

    # --- renaming and deleting ------------------------------------------------------------

    def rename(self, index: int, label: str, key: str, attribute: str = "label", **kwargs: Any) -> None:
        """A text input bound to the item's ``attribute`` (its label by default)."""
        item = self.items(wizard().config)[index]

        def setter(value: str) -> None:
            items = self.items(wizard().config)
            items[index] = editing.replaced(items[index], **{attribute: (value or "").strip()})

        bound(st.text_input, label, key, getattr(item, attribute), setter, **kwargs)

    def delete_button(self, index: int, label: str = "", **kwargs: Any) -> None:
        st.button(
            label or _("Delete"),
            key=f"{self.key}.delete.{index}",
            on_click=self._delete,
            args=(index,),
            icon=":material/delete:",
            type="tertiary",
            **kwargs,
        )

    def _delete(self, index: int) -> None:
        w = wizard()
        items = self.items(w.config)
        if not 0 <= index < len(items):
            return
        item = items[index]
        name = self.name_of(item)
        extra = self.removes(item)
        empty = extra.startswith("0 ")  # "and its 0 properties" says nothing
        if extra and not empty:
            what = _("Deleted the {noun} “{name}” and its {extra}").format(
                noun=_(self.noun), name=name, extra=extra
            )
        else:
            what = _("Deleted the {noun} “{name}”").format(noun=_(self.noun), name=name)

        def delete() -> None:
            position = self.positions(w.config).index(index) if self.include(item) else 0
            del items[index]
            w.selected[self.select] = max(position - 1, 0)

        if change(what, delete):
            w.removed(f"{what}.")
