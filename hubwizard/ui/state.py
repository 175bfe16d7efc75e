"""The wizard's state: one :class:`WizardState` per session, changed only in widget callbacks.

Every page edits the same ``Config`` (``wizard().config``). The config is the truth: a widget's
value is copied *from* the config before the widget is drawn (:func:`sync`), and copied back
*into* it by the widget's callback, which runs before the script. So moving between pages never
loses an edit (Streamlit drops the keys of widgets it does not draw), and the sidebar, drawn
before the page, already sees the new value.

Tables (``st.data_editor``) hand their edits over as a delta. :func:`table` registers how to
apply it; the delta is applied in the editor's ``on_change`` callback, or at the start of the
next run by :func:`init_state` when the delta arrived without a callback (``AppTest`` seeds it
through the session state). After an edit the table is drawn under a new key, so its delta is
never applied twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from hubwizard import configfile, editing, lint
from hubwizard.config import Config
from hubwizard.findings import Finding, Severity
from hubwizard.forecast import StageDeals, sample_deals

KEY = "wizard"


@dataclass
class PlanEntry:
    """A plan read from one portal for one revision of the config."""

    portal: str
    revision: int
    planned: Any  # hubwizard.provision.Planned
    label: str


@dataclass
class ApplyRun:
    """What the last apply (or install) did, kept to show it again on every rerun."""

    revision: int
    portal: str
    label: str
    events: list[str] = field(default_factory=list)
    applied: Any = None  # hubwizard.provision.Applied
    links: list[tuple[str, str]] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    """Operation id → what it does in business words, to report failures in those words."""
    error: tuple[str, str] | None = None
    undo: Any = None  # hubwizard.undo.UndoReport

    @property
    def ok(self) -> bool:
        return self.applied is not None and self.applied.report.ok


@dataclass
class WizardState:
    config: Config = field(default_factory=lambda: Config(name="My Sales Hub setup"))
    source: str = ""
    """Where the config came from ("" until the user picks a start)."""
    revision: int = 0
    visited: set[str] = field(default_factory=set)
    selected: dict[str, Any] = field(default_factory=dict)
    """The item each page has open: "pipeline" → index, "group.deals" → index, ..."""
    sample_deals: dict[str, dict[str, StageDeals]] = field(default_factory=dict)
    upload_problems: list[str] = field(default_factory=list)
    messages: list[tuple[str, str]] = field(default_factory=list)
    editors: dict[str, Callable[[Mapping[str, Any]], Any]] = field(default_factory=dict, repr=False)
    nonces: dict[str, int] = field(default_factory=dict)
    # portal -------------------------------------------------------------------------
    portal_kind: str = "sandbox"
    token: str = field(default="", repr=False)
    """The HubSpot token: this session's memory only (never cached, written or logged)."""
    hubspot: Any = field(default=None, repr=False)
    """This session's HubSpot connection (never shared with other sessions)."""
    hubspot_serial: int = 0
    plan: PlanEntry | None = None
    plan_error: tuple[str, str] | None = None
    plan_requested: bool = False
    apply_requested: bool = False
    install: bool = False
    """One-click install: plan as soon as the Provision page opens."""
    last_apply: ApplyRun | None = None
    confirm_undo: bool = False
    imported_skipped: list[str] = field(default_factory=list)
    goto: str | None = None
    """A step to open next (set by callbacks such as "Use this template" or "Fix")."""
    # caches per revision ----------------------------------------------------------------
    _lint: tuple[int, list[Finding], dict[str, list[Finding]]] | None = field(default=None, repr=False)
    _yaml: tuple[int, str] | None = field(default=None, repr=False)

    # edits ------------------------------------------------------------------------------

    def touch(self) -> None:
        """The config changed: findings, YAML and plan are recomputed for the new revision."""
        self.revision += 1

    def replace(self, config: Config, source: str) -> None:
        """A whole new config (template, file, portal, blank)."""
        self.config = config
        self.source = source
        self.selected.clear()
        self.sample_deals.clear()
        self.upload_problems = []
        self.imported_skipped = []
        for name in self.nonces:
            self.nonces[name] += 1
        self.touch()

    # derived, cached per revision -------------------------------------------------------

    def _linted(self) -> tuple[list[Finding], dict[str, list[Finding]]]:
        if self._lint is None or self._lint[0] != self.revision:
            findings = lint.lint(self.config)
            self._lint = (self.revision, findings, editing.by_page(findings))
        return self._lint[1], self._lint[2]

    @property
    def findings(self) -> list[Finding]:
        return self._linted()[0]

    def page_findings(self, page: str) -> list[Finding]:
        return self._linted()[1].get(page, [])

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    def yaml(self) -> str:
        if self._yaml is None or self._yaml[0] != self.revision:
            self._yaml = (self.revision, configfile.dumps(self.config))
        return self._yaml[1]

    def deals_for(self, pipeline_id: str) -> dict[str, StageDeals]:
        pipeline = self.config.pipeline(pipeline_id)
        if pipeline is None:
            return {}
        if pipeline_id not in self.sample_deals:
            self.sample_deals[pipeline_id] = sample_deals(pipeline)
        return self.sample_deals[pipeline_id]

    def pick(self, name: str, count: int) -> int | None:
        """The index the page has open for ``name`` (kept within ``count`` items)."""
        if count <= 0:
            return None
        index = int(self.selected.get(name, 0) or 0)
        index = min(max(index, 0), count - 1)
        self.selected[name] = index
        return index


def wizard() -> WizardState:
    return st.session_state[KEY]


def init_state() -> WizardState:
    """Called once per run by ``app.py``, before anything is drawn."""
    if KEY not in st.session_state:
        st.session_state[KEY] = WizardState()
    w = wizard()
    for key in list(w.editors):  # table edits that arrived without their callback
        if key in st.session_state:
            _consume(key)
    w.editors.clear()
    return w


# --- messages ---------------------------------------------------------------------------


def say(kind: str, text: str) -> None:
    """A message shown once at the top of the next page drawn (success, info, warning, error)."""
    wizard().messages.append((kind, text))


def show_messages() -> None:
    w = wizard()
    for kind, text in w.messages:
        getattr(st, kind)(text)
    w.messages.clear()


# --- widgets bound to the config ----------------------------------------------------------


def sync(key: str, value: Any) -> None:
    """Give the widget ``key`` the config's value before it is drawn."""
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value


def _stale(value: Any, options: list[Any] | None) -> bool:
    """A choice widget answers with the *label* of its option; when a label changed since it was
    drawn (a count, a renamed stage), the old label comes back instead of an option."""
    if options is None:
        return False
    if isinstance(value, list):
        return any(v not in options for v in value)
    return value not in options


def _set_field(key: str, setter: Callable[[Any], Any], options: list[Any] | None) -> None:
    value = st.session_state[key]
    if _stale(value, options):
        return  # not a choice the user made: the next run shows the config's value again
    try:
        changed = setter(value)
    except editing.EditRefused as exc:
        say("error", f"Not changed: {exc}")
        return
    if changed is not False:
        wizard().touch()


def bound(
    widget: Callable[..., Any], label: str, key: str, value: Any, setter: Callable[[Any], Any], **kwargs: Any
) -> Any:
    """Draw ``widget`` showing ``value``; a change calls ``setter(new)`` in the callback and
    bumps the revision (unless it returns False). ``EditRefused`` shows why and keeps the config."""
    sync(key, value)
    options = list(kwargs["options"]) if "options" in kwargs else None
    return widget(label, key=key, on_change=_set_field, args=(key, setter, options), **kwargs)


def _selecter(name: str) -> Callable[[Any], bool]:
    def setter(value: Any) -> bool:
        wizard().selected[name] = value
        return False  # opening another item is not an edit

    return setter


def chooser(label: str, name: str, labels: list[str], **kwargs: Any) -> int | None:
    """A selectbox over ``labels`` that keeps its choice in ``selected[name]``; the index, or
    None when there is nothing to choose."""
    w = wizard()
    index = w.pick(name, len(labels))
    if index is None:
        return None
    bound(
        st.selectbox,
        label,
        f"pick.{name}",
        index,
        _selecter(name),
        options=range(len(labels)),
        format_func=labels.__getitem__,
        **kwargs,
    )
    return index


def _run_action(action: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        changed = action(*args)
    except editing.EditRefused as exc:
        say("error", f"Not changed: {exc}")
        return
    if changed is not False:
        wizard().touch()


def action_button(label: str, key: str, action: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """A button whose click runs ``action(*args)`` on the config in its callback."""
    return st.button(label, key=key, on_click=_run_action, args=(action, args), **kwargs)


# --- tables -----------------------------------------------------------------------------


def editor_key(name: str) -> str:
    """The current widget key of the table ``name`` (changes after every applied edit)."""
    return f"{name}#{wizard().nonces.get(name, 0)}"


def _consume(key: str) -> None:
    w = wizard()
    handler = w.editors.pop(key, None)
    delta = st.session_state.get(key)
    if handler is None or not editing.has_changes(delta):
        return
    name = key.rpartition("#")[0]
    w.nonces[name] = w.nonces.get(name, 0) + 1
    try:
        changed = handler(delta)
    except editing.EditRefused as exc:
        say("error", f"Not changed: {exc}")
        return
    if changed is not False:
        w.touch()


def table(name: str, frame: pd.DataFrame, on_edit: Callable[[Mapping[str, Any]], Any], **kwargs: Any) -> None:
    """An editable table; ``on_edit(delta)`` applies its edits to the config (return False
    when they are not config edits, such as the forecast's sample deals)."""
    key = editor_key(name)
    wizard().editors[key] = on_edit
    st.data_editor(frame, key=key, on_change=_consume, args=(key,), hide_index=True, **kwargs)


def frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)
