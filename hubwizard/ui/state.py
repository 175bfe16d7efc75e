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

Every change, whatever widget made it, ends in :func:`change` and :meth:`WizardState.commit`:
the setup is serialized and compared with the last commit; when it differs the edit is recorded
for undo (:mod:`hubwizard.history`), the setup saved under its id (:mod:`hubwizard.setups`, the
url's ``?setup=``) and fingerprinted. Findings are cached per fingerprint, and a plan belongs to
the fingerprint it was made for, so both follow every change (and an undo) on their own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import streamlit as st

from hubwizard import configfile, editing, i18n, setups, templates
from hubwizard.config import Config
from hubwizard.findings import Finding, Severity
from hubwizard.history import Edit, History
from hubwizard.i18n import _

if TYPE_CHECKING:  # pandas and the forecast (altair) load when a page first needs them
    import pandas as pd

    from hubwizard.forecast import StageDeals

KEY = "wizard"


@dataclass
class PlanEntry:
    """A plan read from one portal for one content of the config."""

    portal: str
    revision: str
    """The fingerprint of the config the plan was made for (see :attr:`WizardState.revision`)."""
    planned: Any  # hubwizard.provision.Planned
    label: str


@dataclass
class ApplyRun:
    """What the last apply (or install) did, kept to show it again on every rerun."""

    revision: str
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
class Notice:
    """A message about the last edit with an "Undo" right next to it (a deletion, an undo)."""

    text: str
    edit: Edit | None
    """Undo is offered while this is still the last edit."""


_LINTED: OrderedDict[tuple[str, str], tuple[list[Finding], dict[str, list[Finding]]]] = OrderedDict()
_LINTED_LOCK = threading.Lock()
LINT_CACHE_SIZE = 16
"""Findings per config fingerprint, shared by the server's sessions: a rerun, a reload, a second
tab or an undo back to a known setup never lints the same content twice. Keyed by language too:
the findings' sentences are written when the setup is checked, in the session's language."""


def linted(data_fingerprint: str, config: Config) -> tuple[list[Finding], dict[str, list[Finding]]]:
    key = (i18n.language(), data_fingerprint)
    with _LINTED_LOCK:
        hit = _LINTED.get(key)
        if hit is not None:
            _LINTED.move_to_end(key)
            return hit
    from hubwizard import lint  # the checks load with the first setup, not with the first page

    findings = lint.lint(config)
    result = (findings, editing.by_page(findings))
    with _LINTED_LOCK:
        _LINTED[key] = result
        while len(_LINTED) > LINT_CACHE_SIZE:
            _LINTED.popitem(last=False)
    return result


@dataclass
class WizardState:
    config: Config = field(default_factory=lambda: Config(name=_(editing.DEFAULT_SETUP_NAME)))
    source: str = ""
    """Where the config came from ("" until the user picks a start)."""
    setup_id: str = ""
    """The saved setup this session edits (the url's ``?setup=``); "" before a start is picked."""
    visited: set[str] = field(default_factory=set)
    selected: dict[str, Any] = field(default_factory=dict)
    """The item each page has open: "pipeline" → index, "group.deals" → index, ..."""
    sample_deals: dict[str, dict[str, StageDeals]] = field(default_factory=dict)
    upload_problems: list[str] = field(default_factory=list)
    messages: list[tuple[str, str]] = field(default_factory=list)
    notice: Notice | None = None
    history: History = field(default_factory=History, repr=False)
    editors: dict[str, Callable[[Mapping[str, Any]], Any]] = field(default_factory=dict, repr=False)
    nonces: dict[str, int] = field(default_factory=dict)
    table_labels: dict[str, str] = field(default_factory=dict, repr=False)
    memo: dict[str, tuple[Any, Any, Any]] = field(default_factory=dict, repr=False)
    """Things a page draws from an object that does not change between reruns (a plan's table)."""
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
    language: str = i18n.SOURCE
    """The language this session speaks (see :func:`choose_language`)."""
    language_chosen: bool = False
    """True once the user picked a language (the picker, or the url's ``?lang=``): the
    browser's language no longer decides."""
    # the config as last committed -----------------------------------------------------------
    _data: bytes = field(default=b"", repr=False)
    _fingerprint: str = field(default="", repr=False)
    _stamp: setups.Stamp | None = field(default=None, repr=False)
    _yaml: tuple[str, str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._data = setups.serialize(self.config)
        self._fingerprint = setups.fingerprint(self._data)
        if self.source and not self.setup_id:
            self.setup_id = setups.new_id()
        self._save()

    # the one path every change takes --------------------------------------------------------

    @property
    def revision(self) -> str:
        """The fingerprint of the config as last committed: findings, the YAML and a plan
        belong to one revision, so a plan made before a change is stale after it (and current
        again after an undo back to the same content)."""
        return self._fingerprint

    def commit(self, label: str = "") -> bool:
        """Every change to the config ends here, whatever widget made it: the setup is
        compared with what was last committed and, if it differs, the edit is recorded for
        undo, the setup saved, and findings and any plan are from then on those of the new
        content. False when nothing changed."""
        data = setups.serialize(self.config)
        if data == self._data:
            return False
        self.history.record(self._data, label or _("Changed the setup"))
        self._set_data(data)
        self.notice = None
        return True

    def rollback(self) -> None:
        """Back to the setup as last committed (an edit that was refused halfway)."""
        if setups.serialize(self.config) != self._data:
            self.config = Config.model_validate_json(self._data)
            self._redraw_tables()

    def touch(self) -> bool:
        """Kept for callers that changed the config without saying what (tests, the bench)."""
        return self.commit()

    def _set_data(self, data: bytes) -> None:
        self._data = data
        self._fingerprint = setups.fingerprint(data)
        self._save()

    def _save(self) -> None:
        if not self.setup_id:
            return
        self._stamp = setups.save(
            self.setup_id,
            self._data,
            name=self.config.name,
            source=self.source,
            contents=", ".join(templates.contents(self.config)[:3]),
        )

    def _redraw_tables(self) -> None:
        for name in self.nonces:
            self.nonces[name] += 1

    def _restore(self, data: bytes) -> None:
        self.config = Config.model_validate_json(data)
        self._set_data(data)
        self._redraw_tables()

    def undo(self) -> str | None:
        """Take the last edit back; its label, or None when there was nothing to undo."""
        step = self.history.undo(self._data)
        if step is None:
            return None
        self._restore(step.data)
        self.notice = None
        return step.label

    def redo(self) -> str | None:
        step = self.history.redo(self._data)
        if step is None:
            return None
        self._restore(step.data)
        self.notice = None
        return step.label

    def removed(self, text: str) -> None:
        """Say what a deletion removed, with "Undo" next to it (after its :meth:`commit`)."""
        self.notice = Notice(text, self.history.last)

    def replace(self, config: Config, source: str) -> None:
        """A whole new setup (template, file, portal, blank): saved under a new id; the one
        edited before stays saved and listed on Start. A setup read from a portal is named
        after the portal, never after the file the sandbox keeps its data in."""
        if source.startswith("portal:"):
            label = source.partition(":")[2]
            config.name = editing.imported_name(label)
            source = f"portal:{'sandbox' if label.startswith('sandbox') else label}"
        self.config = config
        self.source = source
        self.setup_id = setups.new_id()
        self.selected.clear()
        self.sample_deals.clear()
        self.upload_problems = []
        self.imported_skipped = []
        self.history.clear()
        self.notice = None
        self._redraw_tables()
        self._set_data(setups.serialize(config))

    def open_saved(self, stored: setups.Stored) -> None:
        """Continue a saved setup (a reload, a second tab, a pick on Start)."""
        self.config = stored.config
        self.source = stored.info.source or "saved"
        self.setup_id = stored.info.id
        self.selected.clear()
        self.sample_deals.clear()
        self.history.clear()
        self.notice = None
        self._redraw_tables()
        self._data = stored.data
        self._fingerprint = setups.fingerprint(stored.data)
        self._stamp = stored.stamp

    def follow_other_tabs(self) -> bool:
        """When another tab saved this setup since, show its version (undo brings ours back).
        One ``stat`` per run; True when the setup was reloaded."""
        if not self.setup_id:
            return False
        now = setups.stamp(self.setup_id)
        if now is None or now == self._stamp:
            return False
        try:
            stored = setups.load(self.setup_id)
        except setups.SetupError:
            return False
        self._stamp = stored.stamp
        if stored.data == self._data:
            return False
        self.history.record(self._data, _("Changes made in another tab"))
        self.config = stored.config
        self._data = stored.data
        self._fingerprint = setups.fingerprint(stored.data)
        self._redraw_tables()
        return True

    # derived, cached per revision -------------------------------------------------------

    def _linted(self) -> tuple[list[Finding], dict[str, list[Finding]]]:
        return linted(self._fingerprint, self.config)

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
            from hubwizard.forecast import sample_deals

            self.sample_deals[pipeline_id] = sample_deals(pipeline)
        return self.sample_deals[pipeline_id]

    def remember(self, name: str, source: object, variant: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once for this ``source`` object (by identity) and ``variant``."""
        hit = self.memo.get(name)
        if hit is not None and hit[0] is source and hit[1] == variant:
            return hit[2]
        value = compute()
        self.memo[name] = (source, variant, value)
        return value

    def pick(self, name: str, count: int) -> int | None:
        """The index the page has open for ``name`` (kept within ``count`` items)."""
        if count <= 0:
            return None
        index = int(self.selected.get(name, 0) or 0)
        index = min(max(index, 0), count - 1)
        self.selected[name] = index
        return index


def wizard() -> WizardState:
    """This session's state; also makes the session's language the current one. Widget
    callbacks run before the script (and before :func:`init_state`): nearly every callback
    starts here, so its messages are in the session's language too."""
    w: WizardState = st.session_state[KEY]
    if i18n.language() != w.language:
        i18n.set_language(w.language)
    return w


LANG_KEY = "lang"
"""The url's query parameter naming a chosen language (a reload keeps the choice)."""


def browser_language() -> str:
    """The language the browser asks for, English when it asks for one we do not speak."""
    return i18n.resolve(st.context.locale) or i18n.SOURCE


def _asked() -> tuple[str, bool]:
    """The language a new run asks for, and whether the user chose it (``?lang=``)."""
    asked = i18n.resolve(st.query_params.get(LANG_KEY))
    if asked:
        return asked, True
    return browser_language(), False


def choose_language(w: WizardState) -> str:
    """The session's language: the user's choice (picker or ``?lang=``), else the browser's.
    Set at the start of every run, before anything is drawn."""
    if not w.language_chosen:
        w.language, w.language_chosen = _asked()
    i18n.set_language(w.language)
    return w.language


def set_language(lang: str) -> bool:
    """The picker's callback: this session speaks ``lang`` from now on (the url remembers it).
    Not an edit of the setup (False)."""
    w = wizard()
    w.language, w.language_chosen = lang, True
    i18n.set_language(lang)
    st.query_params[LANG_KEY] = lang
    return False


URL_KEY = "setup"
"""The url's query parameter naming the setup: a reload or a second tab opens the same one."""


def _first_state() -> WizardState:
    """A new session: the setup the url names, if it is saved; else nothing picked yet."""
    language, chosen = _asked()
    i18n.set_language(language)  # first: the new setup's default name is in this language
    w = WizardState(language=language, language_chosen=chosen)
    wanted = st.query_params.get(URL_KEY)
    if wanted:
        try:
            w.open_saved(setups.load(wanted))
        except setups.SetupError:
            w.messages.append(
                (
                    "warning",
                    _(
                        "The setup this link points to is not saved on this computer. "
                        "Continue a recent setup or start a new one below."
                    ),
                )
            )
    return w


def init_state() -> WizardState:
    """Called once per run by ``app.py``, before anything is drawn."""
    if KEY not in st.session_state:
        st.session_state[KEY] = _first_state()
    w = wizard()
    choose_language(w)
    if w.follow_other_tabs():
        say("info", _("This setup was changed in another tab: you now see the latest version."))
    for key in list(w.editors):  # table edits that arrived without their callback
        if key in st.session_state:
            _consume(key)
    w.editors.clear()
    return w


def sync_url() -> None:
    """Put the setup's id in the url (after the callbacks: a new setup shows its own id)."""
    w = wizard()
    if w.setup_id and st.query_params.get(URL_KEY) != w.setup_id:
        st.query_params[URL_KEY] = w.setup_id
    if w.language_chosen and st.query_params.get(LANG_KEY) != w.language:
        st.query_params[LANG_KEY] = w.language


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


def change(label: str, edit: Callable[..., Any], *args: Any) -> bool:
    """The one path of every change to the setup, whatever widget made it: run ``edit`` (in a
    callback, before the script), then commit it (history, autosave, findings and plan follow).
    ``edit`` returns False when it changed nothing in the config (opening another item);
    ``EditRefused`` leaves the setup exactly as it was and says why."""
    w = wizard()
    try:
        result = edit(*args)
    except editing.EditRefused as exc:
        w.rollback()
        say("error", _("Not changed: {reason}").format(reason=exc))
        return False
    if result is False:
        return False
    return w.commit(label)


def _set_field(key: str, setter: Callable[[Any], Any], options: list[Any] | None, label: str) -> None:
    value = st.session_state[key]
    if _stale(value, options):
        return  # not a choice the user made: the next run shows the config's value again
    change(_("Changed “{field}”").format(field=label), setter, value)


def bound(
    widget: Callable[..., Any], label: str, key: str, value: Any, setter: Callable[[Any], Any], **kwargs: Any
) -> Any:
    """Draw ``widget`` showing ``value``; a change calls ``setter(new)`` in the callback, through
    :func:`change` (unless it returns False). ``EditRefused`` shows why and keeps the config."""
    sync(key, value)
    options = list(kwargs["options"]) if "options" in kwargs else None
    return widget(label, key=key, on_change=_set_field, args=(key, setter, options, label), **kwargs)


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


def _act(what: str, removed: bool, action: Callable[..., Any], *args: Any) -> None:
    if change(what, action, *args) and removed:
        wizard().removed(f"{what}.")


def action_button(
    label: str,
    key: str,
    action: Callable[..., Any],
    *args: Any,
    what: str | None = None,
    removes: bool = False,
    **kwargs: Any,
) -> bool:
    """A button whose click runs ``action(*args)`` on the config in its callback (``what`` says
    what the click changed, for the edit history; the button's label by default). A button
    that ``removes`` something says so after the click, with "Undo" right there."""
    return st.button(label, key=key, on_click=_act, args=(what or label, removes, action, *args), **kwargs)


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
    change(w.table_labels.get(name) or _("Edited a table"), handler, delta)


def table(
    name: str,
    frame: pd.DataFrame,
    on_edit: Callable[[Mapping[str, Any]], Any],
    *,
    what: str = "",
    **kwargs: Any,
) -> None:
    """An editable table; ``on_edit(delta)`` applies its edits to the config (return False
    when they are not config edits, such as the forecast's sample deals); ``what`` names the
    edit in the history ("Edited the stages of “Sales”")."""
    key = editor_key(name)
    w = wizard()
    w.editors[key] = on_edit
    w.table_labels[name] = what
    st.data_editor(frame, key=key, on_change=_consume, args=(key,), hide_index=True, **kwargs)


def frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)
