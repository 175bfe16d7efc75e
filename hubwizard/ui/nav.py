"""The wizard's steps: navigation, the sidebar with each step's state, page header and footer."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from hubwizard.editing import plural
from hubwizard.findings import Severity, summarise
from hubwizard.ui.state import WizardState, say, show_messages, wizard


@dataclass(frozen=True)
class WizardStep:
    key: str
    file: str
    title: str
    url_path: str
    icon: str
    blurb: str


STEPS: tuple[WizardStep, ...] = (
    WizardStep(
        "start",
        "pages/start.py",
        "Start",
        "welcome",
        ":material/rocket_launch:",
        "Start from a template, your own file, an existing portal, or a blank page.",
    ),
    WizardStep(
        "pipelines",
        "pages/pipelines.py",
        "Pipelines & stages",
        "pipelines",
        ":material/view_kanban:",
        "The boards your team works on, and the win probability of every stage.",
    ),
    WizardStep(
        "properties",
        "pages/properties.py",
        "Properties",
        "properties",
        ":material/list_alt:",
        "The information you keep on deals, contacts, companies and tickets.",
    ),
    WizardStep(
        "custom_objects",
        "pages/objects.py",
        "Custom objects",
        "custom-objects",
        ":material/category:",
        "Records of your own, such as job applications (HubSpot Enterprise).",
    ),
    WizardStep(
        "workflows",
        "pages/workflows.py",
        "Workflows",
        "workflows",
        ":material/bolt:",
        "Reminders and small automations: a trigger, a wait, an action.",
    ),
    WizardStep(
        "review",
        "pages/review.py",
        "Review",
        "review",
        ":material/fact_check:",
        "Everything the checks found, the weighted forecast, and your file to download.",
    ),
    WizardStep(
        "provision",
        "pages/provision.py",
        "Provision",
        "provision",
        ":material/cloud_upload:",
        "Create it all in a portal: see the plan, apply it, undo it.",
    ),
    WizardStep(
        "health",
        "pages/health.py",
        "Health check",
        "health-check",
        ":material/monitor_heart:",
        "Where deals pile up, stranded deals, and win probabilities learned from your own deals.",
    ),
)
BY_KEY = {s.key: s for s in STEPS}
DONE_ICON = ":material/check_circle:"


def step(key: str) -> WizardStep:
    return BY_KEY[key]


def navigation() -> tuple[st.navigation, WizardStep]:  # type: ignore[valid-type]
    """Register the pages (explicit url paths, never the file stems) and pick the current one."""
    pages = {
        s.key: st.Page(s.file, title=s.title, icon=s.icon, url_path=s.url_path, default=(i == 0))
        for i, s in enumerate(STEPS)
    }
    current = st.navigation(list(pages.values()), position="hidden")
    key = next((k for k, p in pages.items() if p.url_path == current.url_path), "start")
    return current, BY_KEY[key]


def checks_line(counts: dict[str, int]) -> str:
    """ "0 errors · 1 warning · 2 tips" """
    return " · ".join(
        plural(counts[key], word)
        for key, word in (("error", "error"), ("warning", "warning"), ("info", "tip"))
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
        st.caption(f"**{w.config.name}** · for HubSpot {w.config.tier.value.capitalize()}")
        if w.source:
            history_buttons(w)
        for number, s in enumerate(STEPS, 1):
            done = is_done(w, s.key)
            n = open_count(w, s.key) if w.source and s.key not in ("start", "provision") else 0
            label = f"{number}. {s.title}" + (f" · {n} open" if n else "")
            # no help tooltip: it would cover the next step's link while the mouse moves down
            st.page_link(s.file, label=label, icon=DONE_ICON if done else s.icon, width="stretch")
        st.divider()
        if not w.source:  # nothing to check yet (and the first page need not load the checks)
            st.markdown("**Checks:** pick a start first.")
            return
        counts = summarise(w.findings)
        st.markdown(
            f"**Checks:** {checks_line(counts)}",
            help="Errors stop provisioning; warnings go against the Sales Hub guide; tips are hints.",
        )
        st.caption(":material/check_circle: marks a step done: visited, with no errors left.")


def undo() -> None:
    label = wizard().undo()
    if label:
        say("info", f"Undone: {label}.")


def redo() -> None:
    label = wizard().redo()
    if label:
        say("info", f"Redone: {label}.")


def history_buttons(w: WizardState) -> None:
    """Undo and redo of the setup's last edits, on every page (the sidebar)."""
    left, right = st.columns(2)
    left.button(
        "Undo",
        key="history.undo",
        on_click=undo,
        icon=":material/undo:",
        disabled=w.history.next_undo is None,
        help=f"Undo: {w.history.next_undo}" if w.history.next_undo else "Nothing to undo",
        width="stretch",
    )
    right.button(
        "Redo",
        key="history.redo",
        on_click=redo,
        icon=":material/redo:",
        disabled=w.history.next_redo is None,
        help=f"Redo: {w.history.next_redo}" if w.history.next_redo else "Nothing to redo",
        width="stretch",
    )
    st.caption(":material/cloud_done: Every change is saved on this computer.")


def notice() -> None:
    """What the last deletion removed, with "Undo" right there (while it is the last edit)."""
    w = wizard()
    if w.notice is None or w.notice.edit is None or w.notice.edit is not w.history.last:
        w.notice = None
        return
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.success(w.notice.text, icon=":material/delete:")
    button.button("Undo", key="notice.undo", on_click=undo, icon=":material/undo:", type="primary")


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
    st.title(s.title)
    st.caption(s.blurb)
    show_messages()
    notice()
    return s


def with_advice(advice: str, title: str = "The guide's advice") -> DeltaGenerator:
    """The page's two columns: the advice beside, the work in the returned main column."""
    main, side = st.columns([2.7, 1], gap="medium")
    with side:
        st.markdown(f"#### {title}")
        st.info(advice, icon=":material/school:")
    return main


def footer(key: str) -> None:
    index = next(i for i, s in enumerate(STEPS) if s.key == key)
    st.divider()
    back, _, forward = st.columns([1, 2, 1])
    if index > 0:
        prev = STEPS[index - 1]
        back.page_link(prev.file, label=f"Back: {prev.title}", icon=":material/arrow_back:")
    if index < len(STEPS) - 1:
        nxt = STEPS[index + 1]
        forward.page_link(nxt.file, label=f"Next: {nxt.title}", icon=":material/arrow_forward:")


def needs_start() -> bool:
    """On a step page before anything was picked: offer the Start page. True when shown."""
    if wizard().source:
        return False
    st.info("Nothing to edit yet: pick a template, upload a file or start blank first.")
    st.page_link(step("start").file, label="Go to Start", icon=":material/rocket_launch:")
    return True
