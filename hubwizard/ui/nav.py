"""The wizard's steps: navigation, the sidebar with each step's state, page header and footer."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from hubwizard import i18n
from hubwizard.findings import Severity, summarise
from hubwizard.i18n import N_, _, ngettext
from hubwizard.ui.state import WizardState, bound, say, set_language, show_messages, wizard


@dataclass(frozen=True)
class WizardStep:
    """One step; ``title`` and ``blurb`` are English (marked for the catalogs): show them
    through :attr:`name` and :attr:`about`, in the session's language."""

    key: str
    file: str
    title: str
    url_path: str
    icon: str
    blurb: str

    @property
    def name(self) -> str:
        return _(self.title)

    @property
    def about(self) -> str:
        return _(self.blurb)


STEPS: tuple[WizardStep, ...] = (
    WizardStep(
        "start",
        "pages/start.py",
        N_("Start"),
        "welcome",
        ":material/rocket_launch:",
        N_("Start from a template, your own file, an existing portal, or a blank page."),
    ),
    WizardStep(
        "pipelines",
        "pages/pipelines.py",
        N_("Pipelines & stages"),
        "pipelines",
        ":material/view_kanban:",
        N_("The boards your team works on, and the win probability of every stage."),
    ),
    WizardStep(
        "properties",
        "pages/properties.py",
        N_("Properties"),
        "properties",
        ":material/list_alt:",
        N_("The information you keep on deals, contacts, companies and tickets."),
    ),
    WizardStep(
        "custom_objects",
        "pages/objects.py",
        N_("Custom objects"),
        "custom-objects",
        ":material/category:",
        N_("Records of your own, such as job applications (HubSpot Enterprise)."),
    ),
    WizardStep(
        "workflows",
        "pages/workflows.py",
        N_("Workflows"),
        "workflows",
        ":material/bolt:",
        N_("Reminders and small automations: a trigger, a wait, an action."),
    ),
    WizardStep(
        "review",
        "pages/review.py",
        N_("Review"),
        "review",
        ":material/fact_check:",
        N_("Everything the checks found, the weighted forecast, and your file to download."),
    ),
    WizardStep(
        "provision",
        "pages/provision.py",
        N_("Provision"),
        "provision",
        ":material/cloud_upload:",
        N_("Create it all in a portal: see the plan, apply it, undo it."),
    ),
    WizardStep(
        "health",
        "pages/health.py",
        N_("Health check"),
        "health-check",
        ":material/monitor_heart:",
        N_("Where deals pile up, stranded deals, and win probabilities learned from your own deals."),
    ),
)
BY_KEY = {s.key: s for s in STEPS}
DONE_ICON = ":material/check_circle:"


def step(key: str) -> WizardStep:
    return BY_KEY[key]


def navigation() -> tuple[st.navigation, WizardStep]:  # type: ignore[valid-type]
    """Register the pages (explicit url paths, never the file stems) and pick the current one."""
    pages = {
        s.key: st.Page(s.file, title=s.name, icon=s.icon, url_path=s.url_path, default=(i == 0))
        for i, s in enumerate(STEPS)
    }
    current = st.navigation(list(pages.values()), position="hidden")
    key = next((k for k, p in pages.items() if p.url_path == current.url_path), "start")
    return current, BY_KEY[key]


def checks_line(counts: dict[str, int]) -> str:
    """ "0 errors · 1 warning · 2 tips" """
    errors, warnings, tips = counts["error"], counts["warning"], counts["info"]
    return " · ".join(
        (
            ngettext("{count} error", "{count} errors", errors).format(count=errors),
            ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
            ngettext("{count} tip", "{count} tips", tips).format(count=tips),
        )
    )


def is_done(w: WizardState, key: str) -> bool:
    if not w.source:
        return False
    if key == "provision":
        run = w.last_apply
        return run is not None and run.ok and run.undo is None and run.revision == w.revision
    if key == "review":
        return key in w.visited and not w.errors()
    errors = [f for f in w.page_findings(key) if f.severity is Severity.ERROR]
    return bool(w.source) and key in w.visited and not errors


def open_count(w: WizardState, key: str) -> int:
    """Findings a step shows: its own; Review shows them all."""
    return len(w.findings) if key == "review" else len(w.page_findings(key))


def sidebar(current: WizardStep) -> None:
    w = wizard()
    w.visited.add(current.key)
    with st.sidebar:
        st.markdown("## :material/explore: hubwizard")
        st.caption(
            _("**{name}** · for HubSpot {tier}").format(
                name=w.config.name, tier=tier_name(w.config.tier.value)
            )
        )
        language_picker(w)
        if w.source:
            history_buttons(w)
        for number, s in enumerate(STEPS, 1):
            done = is_done(w, s.key)
            n = open_count(w, s.key) if w.source and s.key not in ("start", "provision") else 0
            label = f"{number}. {s.name}" + (" · " + _("{count} open").format(count=n) if n else "")
            # no help tooltip: it would cover the next step's link while the mouse moves down
            st.page_link(s.file, label=label, icon=DONE_ICON if done else s.icon, width="stretch")
        st.divider()
        if not w.source:  # nothing to check yet (and the first page need not load the checks)
            st.markdown(_("**Checks:** pick a start first."))
            return
        counts = summarise(w.findings)
        st.markdown(
            _("**Checks:** {counts}").format(counts=checks_line(counts)),
            help=_("Errors stop provisioning; warnings go against the Sales Hub guide; tips are hints."),
        )
        st.caption(_(":material/check_circle: marks a step done: visited, with no errors left."))


TIER_NAMES = {
    "free": N_("Free"),
    "starter": N_("Starter"),
    "professional": N_("Professional"),
    "enterprise": N_("Enterprise"),
}
"""HubSpot's subscription tiers as its pricing page names them in each language."""


def tier_name(tier: str) -> str:
    return _(TIER_NAMES.get(tier, tier.capitalize()))


def language_picker(w: WizardState) -> None:
    """The session's language, each named in its own language (the browser's by default)."""
    bound(
        st.selectbox,
        _("Language"),
        "language.pick",
        w.language,
        set_language,
        options=list(i18n.LANGUAGES),
        format_func=i18n.LANGUAGES.__getitem__,
        label_visibility="collapsed",
    )


def undo() -> None:
    label = wizard().undo()
    if label:
        say("info", _("Undone: {what}.").format(what=label))


def redo() -> None:
    label = wizard().redo()
    if label:
        say("info", _("Redone: {what}.").format(what=label))


def history_buttons(w: WizardState) -> None:
    """Undo and redo of the setup's last edits, on every page (the sidebar)."""
    left, right = st.columns(2)
    left.button(
        _("Undo"),
        key="history.undo",
        on_click=undo,
        icon=":material/undo:",
        disabled=w.history.next_undo is None,
        help=_("Undo: {what}").format(what=w.history.next_undo)
        if w.history.next_undo
        else _("Nothing to undo"),
        width="stretch",
    )
    right.button(
        _("Redo"),
        key="history.redo",
        on_click=redo,
        icon=":material/redo:",
        disabled=w.history.next_redo is None,
        help=_("Redo: {what}").format(what=w.history.next_redo)
        if w.history.next_redo
        else _("Nothing to redo"),
        width="stretch",
    )
    st.caption(_(":material/cloud_done: Every change is saved on this computer."))


def notice() -> None:
    """What the last deletion removed, with "Undo" right there (while it is the last edit)."""
    w = wizard()
    if w.notice is None or w.notice.edit is None or w.notice.edit is not w.history.last:
        w.notice = None
        return
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.success(w.notice.text, icon=":material/delete:")
    button.button(_("Undo"), key="notice.undo", on_click=undo, icon=":material/undo:", type="primary")


CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 2.5rem 2.5rem 3rem 2.5rem; max-width: 1440px; }
[data-testid="stSidebarHeader"] { height: 1rem; }
</style>"""


def style() -> None:
    """A little less empty space than Streamlit's default, so a table fits beside the advice."""
    st.html(CSS)


def go(key: str) -> None:
    """Open another step once the callbacks are done (a callback cannot switch pages itself)."""
    wizard().goto = key


def _run_by_the_frame() -> None:
    """Make sure ``app.py`` runs this page. A folder named ``pages/`` next to the entrypoint
    switches Streamlit to its legacy directory mode until some session calls ``st.navigation``:
    on a fresh server a deep link such as ``/pipelines`` would run ``pages/pipelines.py`` alone,
    without the state, the sidebar or the wizard's own navigation. ``st.navigation`` (in
    ``app.py``) always clears the flag before a page runs, so finding it set means the page runs
    alone: clear it and run again, through ``app.py`` this time (same url, same page)."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def header(key: str) -> WizardStep:
    _run_by_the_frame()
    w = wizard()
    target, w.goto = w.goto, None
    if target and target != key:
        st.switch_page(step(target).file)
    s = step(key)
    st.title(s.name)
    st.caption(s.about)
    show_messages()
    notice()
    return s


def with_advice(advice: str, title: str = "") -> DeltaGenerator:
    """The page's two columns: the advice beside, the work in the returned main column
    (``advice`` and ``title`` already in the session's language)."""
    main, side = st.columns([2.7, 1], gap="medium")
    with side:
        st.markdown("#### " + (title or _("The guide's advice")))
        st.info(advice, icon=":material/school:")
    return main


def footer(key: str) -> None:
    index = next(i for i, s in enumerate(STEPS) if s.key == key)
    st.divider()
    back, _gap, forward = st.columns([1, 2, 1])
    if index > 0:
        prev = STEPS[index - 1]
        back.page_link(
            prev.file, label=_("Back: {step}").format(step=prev.name), icon=":material/arrow_back:"
        )
    if index < len(STEPS) - 1:
        nxt = STEPS[index + 1]
        forward.page_link(
            nxt.file, label=_("Next: {step}").format(step=nxt.name), icon=":material/arrow_forward:"
        )


def needs_start() -> bool:
    """On a step page before anything was picked: offer the Start page. True when shown."""
    if wizard().source:
        return False
    st.info(_("Nothing to edit yet: pick a template, upload a file or start blank first."))
    st.page_link(step("start").file, label=_("Go to Start"), icon=":material/rocket_launch:")
    return True
