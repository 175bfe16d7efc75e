"""Always current: every button, input, choice and table of every page is used once, and after
each the findings are those of the setup on screen, the setup is saved, and a plan made before a
change is stale (one made before something that is not a change stays current).

The walk is generic: it reads the widgets a page draws and acts on each, so a widget added later
is walked too, and one whose change escapes the wizard's change path fails here.
"""

from __future__ import annotations

from typing import Any

import pytest
from app_helpers import goto, ok, use_template, wizard
from streamlit.runtime.state.common import TESTING_KEY
from streamlit.testing.v1 import AppTest

from hubwizard import lint, setups, templates
from hubwizard.editing import plural
from hubwizard.findings import Severity
from hubwizard.portals import open_portal
from hubwizard.provision import plan_against
from hubwizard.ui import portal
from hubwizard.ui.nav import step
from hubwizard.ui.state import PlanEntry

KINDS = (
    "button",
    "text_input",
    "text_area",
    "selectbox",
    "multiselect",
    "radio",
    "button_group",
    "toggle",
    "checkbox",
    "number_input",
    "data_editor",
)
NOT_WALKED = {
    "portal.token": "typing a token would send it to HubSpot; the token is tested in test_provision",
    "language.pick": "the language is not part of the setup; the picker is tested in test_languages",
}
PAGES = [
    ("b2b-sales", "start"),
    ("b2b-sales", "start:Upload a file"),
    ("b2b-sales", "start:Import from a portal"),
    ("b2b-sales", "start:Start blank"),
    ("b2b-sales", "pipelines"),
    ("b2b-sales", "properties"),
    ("hr-recruitment", "custom_objects"),
    ("b2b-sales", "workflows"),
    ("b2b-sales", "review:Findings"),
    ("b2b-sales", "review:Weighted forecast"),
    ("b2b-sales", "review:YAML preview"),
    ("b2b-sales", "provision"),
]


@pytest.fixture
def planned_once(sandbox):
    """One real plan read from the sandbox; the walk pins it to each setup it checks."""
    with open_portal(sandbox.url, token="walk") as connection:
        return plan_against(connection, templates.get_template("b2b-sales").fresh_config())


def keyed_widgets(at: AppTest) -> list[tuple[str, str]]:
    found = []
    for kind in KINDS:
        for element in getattr(at, kind):
            if element.key and element.key not in NOT_WALKED:
                found.append((kind, element.key))
    return found


def _pick_label(element: Any, label: Any) -> None:
    """Choose an option by the label the browser shows (the browser sends labels, too)."""
    element.root.session_state[TESTING_KEY][element.id] = str
    element.set_value(label)


def act(at: AppTest, kind: str, key: str) -> bool:
    """Use the widget once, as a person would; False when it offers nothing to do."""
    element = getattr(at, kind)(key=key)
    if getattr(element, "disabled", False):
        return False
    if kind == "button":
        element.click()
    elif kind in ("text_input", "text_area"):
        element.input(f"{element.value or ''}x")
    elif kind in ("selectbox", "radio"):
        others = [o for i, o in enumerate(element.options) if i != element.index]
        if not others:
            return False
        _pick_label(element, others[0])
    elif kind == "button_group":
        others = [o for i, o in enumerate(element.options) if i not in element.indices]
        if not others:
            return False
        _pick_label(element, others[0])
    elif kind == "multiselect":
        chosen = [element.format_func(v) for v in element.value]
        extra = [o for o in element.options if o not in chosen]
        element.root.session_state[TESTING_KEY][element.id] = str
        element.set_value(chosen + extra[:1] if extra else chosen[1:])
    elif kind in ("toggle", "checkbox"):
        element.set_value(not element.value)
    elif kind == "number_input":
        element.set_value((element.value or 0) + 1)
    elif kind == "data_editor":
        name = key.rpartition("#")[0]
        edit = {0: {"deals": 9}} if name.startswith("forecast.") else {0: {"label": "Walked"}}
        at.session_state[key] = {"edited_rows": edit, "added_rows": [], "deleted_rows": []}
    return True


def pin_plan(at: AppTest, planned: Any) -> None:
    w = wizard(at)
    w.portal_kind = "sandbox"
    w.plan = PlanEntry(portal.portal_key(w), w.revision, planned, "sandbox")


def check(at: AppTest, before: bytes, what: str) -> None:
    w = wizard(at)
    assert not at.exception, (what, [e.value for e in at.exception])
    now = setups.serialize(w.config)
    assert w.revision == setups.fingerprint(now), f"{what} changed the setup outside the change path"
    assert w.findings == lint.lint(w.config), f"{what}: the findings are not those of the setup"
    errors = sum(1 for f in w.findings if f.severity is Severity.ERROR)
    assert f"{plural(errors, 'error')} ·" in at.sidebar.markdown[-1].value, what
    if w.setup_id:
        assert setups.load(w.setup_id).data == now, f"{what}: the setup on screen is not the one saved"
    entry = portal.current_plan(w)
    if now != before:
        assert entry is None, f"{what} changed the setup but the plan still looks current"
    elif w.portal_kind == "sandbox" and w.plan is not None:
        assert entry is not None, f"{what} changed nothing, yet the plan went stale"


@pytest.mark.parametrize(("slug", "key"), PAGES, ids=[p[1] for p in PAGES])
def test_every_widget_keeps_findings_and_plan_current(at: AppTest, planned_once, slug, key):
    key, _, tab = key.partition(":")
    use_template(at, slug)
    config = wizard(at).config
    config.pipelines[0].stages[2].probability = 0.55  # a finding, so its "Fix" button is walked too
    wizard(at).commit("a finding to fix")

    def open_page() -> None:
        goto(at, key)
        if tab:
            at.session_state[f"{key}.tab"] = tab
            ok(at)

    open_page()
    walked = []
    for kind, widget in keyed_widgets(at):
        if at.title[0].value != step(key).title or (tab and at.session_state[f"{key}.tab"] != tab):
            open_page()
        if widget not in [k for _, k in keyed_widgets(at)]:
            continue  # gone since (its item was deleted, the setup replaced)
        pin_plan(at, planned_once)
        before = setups.serialize(wizard(at).config)
        if not act(at, kind, widget):
            continue
        ok(at)
        check(at, before, f"{kind} {widget!r} on {key}")
        walked.append(widget)
    assert walked
    print(f"{key}: {len(walked)} widgets walked")
