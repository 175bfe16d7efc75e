"""Streamlit widgets shared by the wizard's pages (the only Streamlit code inside ``hubwizard``).

``state`` holds the one ``WizardState`` per session, the one change path and the widgets bound
to the config, ``nav`` the steps, the sidebar (with undo and redo) and page headers, ``lists`` the
list editor every page uses (pick, add, rename, delete with "Undo"), ``findings`` the inline
findings and "fix it" jumps, ``groups`` the property group editor, ``portal`` the sandbox/HubSpot
connections, plan, apply and undo of an apply.
"""

from hubwizard.ui.nav import STEPS, footer, header, navigation, sidebar, style
from hubwizard.ui.state import WizardState, init_state, sync_url, wizard

__all__ = [
    "STEPS",
    "WizardState",
    "footer",
    "header",
    "init_state",
    "navigation",
    "sidebar",
    "style",
    "sync_url",
    "wizard",
]
