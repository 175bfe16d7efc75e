"""The health check's charts (Altair, no Streamlit): open deals and their age per stage, the
configured against the learned win probabilities with their intervals, and the forecast band."""

from __future__ import annotations

import altair as alt
import pandas as pd

from hubwizard.health.analysis import PipelineHealth
from hubwizard.i18n import _

PILE_UP = "#d94f3d"
NORMAL = "#5b7fa6"
CONFIGURED = "#8c8c8c"
LEARNED = "#1f77b4"


def pile_up_chart(health: PipelineHealth) -> alt.HConcatChart:
    piles = set(health.pile_ups)
    # machine column names: the titles people see are set (translated) on each encoding
    rows = [
        {
            "Stage": s.label,
            "open_deals": s.open_deals,
            "median_days": s.median_days_in_stage or 0.0,
            "p90_days": s.p90_days_in_stage or 0.0,
            "open_amount": s.open_amount,
            "pile_up": "pile-up" if s.label in piles else "normal",
        }
        for s in health.stages
        if s.interval is not None
    ]
    data = pd.DataFrame(rows)
    order = [r["Stage"] for r in rows]
    color = alt.Color(
        "pile_up:N", scale=alt.Scale(domain=["normal", "pile-up"], range=[NORMAL, PILE_UP]), legend=None
    )
    tooltip = [
        alt.Tooltip("Stage:N", title=_("Stage")),
        alt.Tooltip("open_deals:Q", title=_("Open deals")),
        alt.Tooltip("open_amount:Q", format=",.0f", title=_("Open amount")),
        alt.Tooltip("median_days:Q", format=".0f", title=_("Median days in stage")),
        alt.Tooltip("p90_days:Q", format=".0f", title=_("P90 days")),
    ]
    base = alt.Chart(data).encode(y=alt.Y("Stage:N", sort=order, title=None), color=color, tooltip=tooltip)
    deals = (
        base.mark_bar()
        .encode(x=alt.X("open_deals:Q", title=_("Open deals")))
        .properties(title=_("Open deals"), width=260)
    )
    days = (
        base.mark_bar()
        .encode(x=alt.X("median_days:Q", title=_("Median days in stage")))
        .properties(title=_("Median days in the stage"), width=260)
    )
    return alt.hconcat(deals, days)


def calibration_chart(health: PipelineHealth) -> alt.LayerChart:
    rows = []
    for s in health.stages:
        if s.interval is None:
            continue
        rows.append(
            {
                "Stage": s.label,
                "Configured": (s.configured_probability or 0.0) * 100,
                "Learned": (s.historical_win_rate or 0.0) * 100,
                "Low": s.interval[0] * 100,
                "High": s.interval[1] * 100,
                "Suggested": (s.suggested_probability or 0.0) * 100,
                "Deals": s.sample_size,
            }
        )
    data = pd.DataFrame(rows)
    order = [r["Stage"] for r in rows]
    y = alt.Y("Stage:N", sort=order, title=None)
    tooltip = [
        alt.Tooltip("Stage:N", title=_("Stage")),
        alt.Tooltip("Configured:Q", format=".0f", title=_("Configured %")),
        alt.Tooltip("Learned:Q", format=".0f", title=_("Learned %")),
        alt.Tooltip("Low:Q", format=".0f", title=_("90% interval from")),
        alt.Tooltip("High:Q", format=".0f", title=_("90% interval to")),
        alt.Tooltip("Suggested:Q", format=".0f", title=_("Suggested %")),
        alt.Tooltip("Deals:Q", title=_("Deals that left the stage")),
    ]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    band = base.mark_rule(strokeWidth=3, color=LEARNED, opacity=0.5).encode(
        x=alt.X("Low:Q", title=_("Win probability (%)"), scale=alt.Scale(domain=[0, 100])), x2="High:Q"
    )
    learned = base.mark_point(filled=True, size=90, color=LEARNED).encode(x="Learned:Q")
    configured = base.mark_point(shape="diamond", size=110, color=CONFIGURED, filled=True).encode(
        x="Configured:Q"
    )
    suggested = base.mark_tick(color="#2ca02c", thickness=3, size=18).encode(x="Suggested:Q")
    return (band + learned + configured + suggested).properties(
        title=_("Configured (grey) against learned (blue, with its 90% interval); suggested in green"),
        width="container",
    )


def forecast_chart(health: PipelineHealth) -> alt.LayerChart:
    rows = [
        {
            "Probabilities": _("configured") if name == "configured" else _("learned"),
            "Expected": band.expected,
            "P10": band.p10,
            "P90": band.p90,
        }
        for name, band in health.forecast.items()
    ]
    data = pd.DataFrame(rows)
    tooltip = [
        alt.Tooltip("Probabilities:N", title=_("Probabilities")),
        alt.Tooltip("Expected:Q", format=",.0f", title=_("Expected")),
        alt.Tooltip("P10:Q", format=",.0f"),
        alt.Tooltip("P90:Q", format=",.0f"),
    ]
    base = alt.Chart(data).encode(y=alt.Y("Probabilities:N", title=None), tooltip=tooltip)
    band = base.mark_rule(strokeWidth=14, opacity=0.35, color=LEARNED).encode(
        x=alt.X("P10:Q", title=_("Weighted forecast of open deals (P10 to P90)")), x2="P90:Q"
    )
    point = base.mark_tick(thickness=3, size=24, color="#222").encode(x="Expected:Q")
    return (band + point).properties(width="container", height=110)
