"""Review: every finding with the way to fix it, the weighted forecast, the file to download."""

from typing import Any

import streamlit as st

from hubwizard import editing, forecast, i18n
from hubwizard.findings import summarise
from hubwizard.i18n import N_, _
from hubwizard.ui import findings, nav
from hubwizard.ui.state import chooser, frame, table, wizard
from hubwizard.wording import money

# Items above which the YAML preview is built only when asked (it takes a while to write). A
# comment, not a docstring: Streamlit's "magic" would print a bare string above the title.
PREVIEW_LIMIT = 2_000
REVIEW_TABS = (N_("Findings"), N_("Weighted forecast"), N_("YAML preview"))


def downloads() -> None:
    """The setup as a file. The bytes are made on click, outside the script run (so no
    session state in there: the config is taken now)."""
    config = wizard().config
    yaml_name = f"{editing.file_stem(config)}.yaml"
    left, right, _gap = st.columns([1, 1, 2])
    left.download_button(
        _("Download YAML"),
        data=lambda: editing.export_file(config, "yaml").data,
        file_name=yaml_name,
        mime="application/x-yaml",
        key="review.download.yaml",
        icon=":material/download:",
        type="primary",
        on_click="ignore",
        width="stretch",
    )
    right.download_button(
        _("Download JSON"),
        data=lambda: editing.export_file(config, "json").data,
        file_name=f"{editing.file_stem(config)}.json",
        mime="application/json",
        key="review.download.json",
        icon=":material/data_object:",
        on_click="ignore",
        width="stretch",
    )


@st.cache_data(max_entries=64, show_spinner=False)
def chart_spec(result: forecast.Forecast, language: str) -> dict[str, Any]:
    """The forecast chart as Vega-Lite, made once per forecast and language: altair checks a
    chart against its schema each time it is drawn (about 130 ms here), a rerun of Review
    should not."""
    return forecast.forecast_chart(result).to_dict()


def forecast_section() -> None:
    w = wizard()
    config = w.config
    deal_pipelines = [p for p in config.pipelines if editing.is_deal_pipeline(p)]
    if not deal_pipelines:
        st.info(_("The forecast needs a deal pipeline."))
        return
    index = chooser(_("Pipeline"), "forecast", [p.label for p in deal_pipelines])
    pipeline = deal_pipelines[index or 0]
    deals = w.deals_for(pipeline.id)
    result = forecast.forecast(pipeline, deals)
    a, b, c, d = st.columns(4)  # open and won apart: lost deals are on no one's forecast
    a.metric(_("Weighted forecast"), money(result.weighted_total))
    b.metric(_("Won deals"), money(result.won_amount))
    c.metric(_("Open deals"), money(result.open_amount))
    d.metric(_("Open deals, weighted"), money(result.open_weighted))
    left, right = st.columns([2, 3])
    with left:
        st.markdown(_("**Sample deals per stage**: change them to see the forecast move."))
        rows = editing.deal_rows(pipeline, deals)

        def on_edit(delta: Any, pipeline_id: str = pipeline.id, rows: list[dict[str, Any]] = rows) -> bool:
            w.sample_deals[pipeline_id] = editing.deals_from_rows(editing.apply_table_edits(rows, delta))
            return False  # sample deals are not part of the setup

        table(
            f"forecast.{pipeline.id}",
            frame(rows, ["stage", "deals", "average"]),
            on_edit,
            column_config={
                "stage": st.column_config.TextColumn(_("Stage"), disabled=True),
                "deals": st.column_config.NumberColumn(_("Deals"), min_value=0, step=1),
                "average": st.column_config.NumberColumn(
                    _("Average amount"), min_value=0, step=100, format="%.0f"
                ),
            },
            width="stretch",
        )
    with right:
        st.vega_lite_chart(chart_spec(result, i18n.language()), width="stretch")
    missing = [s.label for s in result.stages if s.probability_missing]
    if missing:
        st.warning(
            _("No win probability on {stages}: counted as 0% until you set one.").format(
                stages=", ".join(missing)
            )
        )


nav.header("review")
w = wizard()

if not nav.needs_start():
    config = w.config
    counts = summarise(w.findings)
    cols = st.columns(6)
    cols[0].metric(_("Pipelines"), len(config.pipelines))
    cols[1].metric(_("Stages"), sum(len(p.stages) for p in config.pipelines))
    cols[2].metric(_("Custom properties"), sum(len(g.properties) for g in config.property_groups))
    cols[3].metric(_("Custom objects"), len(config.custom_objects))
    cols[4].metric(_("Workflows"), len(config.workflows))
    cols[5].metric(_("Errors · warnings"), f"{counts['error']} · {counts['warning']}")
    downloads()
    # Only the open tab is drawn (on_change="rerun"): the forecast chart and the YAML of a large
    # setup take longer to make than everything else on the page.
    tab_findings, tab_forecast, tab_yaml = st.tabs(
        [_(tab) for tab in REVIEW_TABS], key="review.tab", on_change="rerun"
    )
    if tab_findings.open:
        with tab_findings:
            findings.by_severity(w.findings)
    if tab_forecast.open:
        with tab_forecast:
            forecast_section()
    if tab_yaml.open:
        with tab_yaml:
            large = editing.size_of(config) > PREVIEW_LIMIT
            if not large or st.toggle(_("Show the YAML of this large setup"), key="review.yaml.large"):
                st.code(w.yaml(), language="yaml", line_numbers=True)
            else:
                st.caption(_("A large setup: its YAML is in the download above, or switch the preview on."))

nav.footer("review")
