"""Health check: where deals pile up, which are stranded, and win probabilities learned from
the portal's own deals, with one click to use them in the setup."""

import streamlit as st

from hubwizard.i18n import _
from hubwizard.ui import health, nav

nav.header("health")
st.markdown(
    _(
        "Reads the deals of one pipeline and shows where they pile up, which open deals are stranded, "
        "and how often deals in each stage are really won, beside the probability you configured."
    )
)
choice = health.choose()
if choice is not None:
    pipeline, since = choice
    if st.button(_("Run the health check"), key="health.run", icon=":material/monitor_heart:"):
        health.run(pipeline, since)
    audit = health.current(pipeline)
    if audit is not None:
        health.show(audit)
nav.footer("health")
