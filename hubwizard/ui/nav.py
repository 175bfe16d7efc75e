"""The wizard's steps: navigation, the sidebar with each step's state, page header and footer."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from hubwizard.findings import Severity, summarise
from hubwizard.ui.state import WizardState, show_messages, wizard


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
        "pages/stages.py",
        "Pipelines & stages",
        "pipelines",
        ":material/view_kanban:",
        "The boards your team works on, and the win probability of every stage.",
    ),
    WizardStep(
        "properties",
        "pages/fields.py",
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
        "pages/automation.py",
        "Workflows",
        "workflows",
        ":material/bolt:",
        "Reminders and small automations: a trigger, a wait, an action.",
    ),
    WizardStep(
        "review",
        "pages/summary.py",
        "Review",
        "review",
        ":material/fact_check:",
        "Everything the checks found, the weighted forecast, and your file to download.",
    ),
    WizardStep(
        "provision",
        "pages/deploy.py",
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


def is_done(w: WizardState, key: str) -> bool:
    if key == "start":
        return bool(w.source)
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
    counts = summarise(w.findings)
    with st.sidebar:
        st.markdown("## :material/explore: hubwizard")
        st.caption(f"**{w.config.name}** · for HubSpot {w.config.tier.value.capitalize()}")
        for number, s in enumerate(STEPS, 1):
            done = is_done(w, s.key)
            n = open_count(w, s.key) if s.key not in ("start", "provision") else 0
            label = f"{number}. {s.title}" + (f" · {n} open" if n else "")
            # no help tooltip: it would cover the next step's link while the mouse moves down
            st.page_link(s.file, label=label, icon=DONE_ICON if done else s.icon, width="stretch")
        st.divider()
        st.markdown(
            f"**Checks:** {counts['error']} error(s) · {counts['warning']} warning(s) · {counts['info']} tip(s)",
            help="Errors stop provisioning; warnings go against the Sales Hub guide; tips are hints.",
        )
        st.caption(":material/check_circle: marks a step done: visited, with no errors left.")


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


def header(key: str) -> WizardStep:
    w = wizard()
    target, w.goto = w.goto, None
    if target and target != key:
        st.switch_page(step(target).file)
    s = step(key)
    st.title(s.title)
    st.caption(s.blurb)
    show_messages()
    return s


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
