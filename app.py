"""hubwizard: the wizard from template to provisioned portal (``streamlit run app.py``).

The frame and router only: page setup, the one wizard state, the steps, the sidebar. Pages live
in ``pages/``, each file named after its step; the url paths stay those people bookmarked.
"""

import streamlit as st

from hubwizard.i18n import _
from hubwizard.ui import init_state, navigation, sidebar, style, sync_url

init_state()  # first: it sets the session's language, which the page title already speaks
st.set_page_config(
    page_title=_("hubwizard: HubSpot Sales Hub setup"),
    page_icon=":material/explore:",  # ASCII: an emoji would load Streamlit's emoji catalogue (0.4 s)
    layout="wide",
    initial_sidebar_state="expanded",
)
style()
sync_url()
page, step = navigation()
sidebar(step)
page.run()
