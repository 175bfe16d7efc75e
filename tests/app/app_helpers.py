"""Small helpers for the wizard's app tests: act, run, and check nothing blew up."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from hubwizard.ui.nav import DONE_ICON, STEPS, step
from hubwizard.ui.state import WizardState


def ok(at: AppTest) -> AppTest:
    """Run and assert the script raised nothing."""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def wizard(at: AppTest) -> WizardState:
    return at.session_state["wizard"]


def goto(at: AppTest, key: str) -> AppTest:
    at.switch_page(step(key).file)
    return ok(at)


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    return ok(at)


def use_template(at: AppTest, slug: str = "b2b-sales") -> AppTest:
    return click(at, f"start.use.{slug}")


def editor_key(at: AppTest, name: str) -> str:
    """The current widget key of the wizard's table ``name`` (it changes after each edit)."""
    keys = [e.key for e in at.data_editor if e.key and e.key.rpartition("#")[0] == name]
    assert keys, f"no table {name!r} on the page"
    return keys[0]


def edit_table(at: AppTest, name: str, **delta: Any) -> AppTest:
    """Seed a data_editor edit (AppTest cannot type in cells), then run."""
    full = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    full.update(delta)
    at.session_state[editor_key(at, name)] = full
    return ok(at)


def sidebar_steps(at: AppTest) -> dict[str, tuple[str, bool]]:
    """Step title → (link label, whether its icon says done) as the sidebar shows them."""
    links = at.sidebar.get("page_link")
    return {
        s.title: (link.proto.label, link.proto.icon == DONE_ICON)
        for s, link in zip(STEPS, links, strict=True)
    }


def texts(at: AppTest) -> str:
    """Every piece of text on the page, for "is it shown?" checks."""
    parts = []
    for kind in ("markdown", "caption", "error", "warning", "info", "success", "code", "title", "subheader"):
        parts.extend(str(e.value) for e in at.get(kind))
    return "\n".join(parts)


def start_tab(at: AppTest, label: str) -> AppTest:
    """Open a tab of the Start page (only the open tab is drawn), as a click on it does."""
    at.session_state["start.tab"] = label
    return ok(at)
