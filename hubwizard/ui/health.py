"""The Health check page's widgets: choose a pipeline, run the check with a progress bar, show
the charts and the stranded deals, and put the learned probabilities into the setup.

The deals read live only in this browser session's memory, under the ``health.`` keys of
``st.session_state`` (never in the wizard state, which may be saved): the report a user downloads
is the only copy that leaves the program.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from hubwizard.health import calibrate, charts
from hubwizard.health.report import Audit, audit_json, run_audit
from hubwizard.ui import nav, portal
from hubwizard.ui.state import say, wizard

RESULT = "health.result"
PIPELINES = "health.pipelines"


def _pipelines(key: str) -> list[dict[str, Any]] | None:
    """The portal's deal pipelines (cached per portal for this session), or None after an error."""
    cache = st.session_state.setdefault(PIPELINES, {})
    if key not in cache:
        w = wizard()
        try:
            cache[key] = portal.connection(w).gateway.pipelines("deals")
        except Exception as exc:
            portal.show_error(portal.explain(exc, w.token))
            return None
    return cache[key]


def choose() -> tuple[dict[str, Any], date] | None:
    """Portal, pipeline and period; None until there is something to check."""
    w = wizard()
    portal.picker()
    pipelines = _pipelines(portal.portal_key(w))
    if not pipelines:
        if pipelines == []:
            st.info("This portal has no deal pipeline yet.")
        return None
    left, right = st.columns([2, 1])
    labels = [str(p.get("label") or p["id"]) for p in pipelines]
    index = left.selectbox(
        "Pipeline", range(len(pipelines)), format_func=labels.__getitem__, key="health.pipeline"
    )
    since = right.date_input(
        "Deals created since",
        value=date.today() - timedelta(days=365),
        key="health.since",
        help="Deals still open are read whatever their age.",
    )
    return pipelines[int(index or 0)], since


def run(pipeline: dict[str, Any], since: date) -> None:
    w = wizard()
    bar = st.progress(0.0, text="Reading deals…")

    def tick(label: str, done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(total, 1)), text=f"Reading deals of {label}: {done:,} of {total:,}")

    try:
        audit = run_audit(
            portal.connection(w).gateway,
            pipeline_id=str(pipeline["id"]),
            since=datetime.combine(since, time(), tzinfo=UTC),
            progress=tick,
        )
    except Exception as exc:
        bar.empty()
        portal.show_error(portal.explain(exc, w.token))
        return
    bar.empty()
    st.session_state[RESULT] = (portal.portal_key(w), str(pipeline["id"]), audit)


def current(pipeline: dict[str, Any]) -> Audit | None:
    stored = st.session_state.get(RESULT)
    if not stored or stored[0] != portal.portal_key(wizard()) or stored[1] != str(pipeline["id"]):
        return None
    return stored[2]


def use_probabilities(audit: Audit) -> None:
    """Put the suggested probabilities into the setup (a button's callback)."""
    w = wizard()
    item = audit.pipelines[0]
    health = item.health
    learned = {s.id: s.suggested_probability for s in health.stages if s.interval is not None}
    labels = {s.id: s.label for s in health.stages}
    if calibrate.find_pipeline(w.config, health.id, health.label) is None:
        say(
            "warning",
            f"Your setup has no deal pipeline called “{health.label}”. Import this portal's setup on "
            "Start (Import from a portal), then use the probabilities again.",
        )
        return
    changes = calibrate.changes_for(w.config, health.id, health.label, learned, labels)
    if not changes:
        say("info", f"“{health.label}” in your setup already uses these probabilities.")
        return
    w.config = calibrate.apply_to_config(w.config, changes)
    w.touch()
    listed = "; ".join(
        f"{c.stage} {'none' if c.old is None else f'{c.old:.0%}'} → {c.new:.0%}" for c in changes
    )
    say(
        "success",
        f"Your setup now uses the learned probabilities for “{health.label}”: {listed}. "
        "See them on Pipelines & stages; Provision writes them to the portal.",
    )


def show(audit: Audit) -> None:
    item = audit.pipelines[0]
    h = item.health
    open_deals = sum(s.open_deals for s in h.stages)
    a, b, c, d = st.columns(4)
    a.metric("Deals read", f"{h.deals_read:,}")
    b.metric("Open deals", f"{open_deals:,}")
    c.metric("Pile-ups", len(h.pile_ups))
    d.metric("Stranded deals", len(h.stranded))

    st.subheader("Where deals pile up")
    if h.pile_up_messages:
        for message in h.pile_up_messages:
            st.warning(message, icon=":material/warning:")
    else:
        st.success("No stage holds deals far longer than the others.", icon=":material/check_circle:")
    st.altair_chart(charts.pile_up_chart(h), width="stretch")

    st.subheader("Win probabilities: configured and learned")
    st.altair_chart(charts.calibration_chart(h), width="stretch")
    rows = [
        {
            "Stage": s.label,
            "Configured": _pct(s.configured_probability),
            "Learned": _pct(s.historical_win_rate),
            "90% interval": f"{_pct(s.interval[0])} – {_pct(s.interval[1])}",
            "Deals": s.sample_size,
            "Suggested": _pct(s.suggested_probability),
            "Note": s.note or "",
        }
        for s in h.stages
        if s.interval is not None
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    bt = h.backtest
    if bt.get("deals"):
        better = "learned" if (bt["learned"] or 0) < (bt["configured"] or 0) else "configured"
        st.caption(
            f"Backtest on the {bt['deals']} deals closed last quarter (Brier score, lower is better): "
            f"configured {bt['configured']:.3f}, learned {bt['learned']:.3f}. The {better} probabilities "
            "would have forecast that quarter better."
        )
    st.button(
        "Use these probabilities",
        key="health.use",
        on_click=use_probabilities,
        args=(audit,),
        type="primary",
        icon=":material/auto_fix_high:",
        help="Puts the suggested probabilities into your setup; the plan on Provision then writes them.",
    )

    st.subheader("Forecast of the open deals")
    st.altair_chart(charts.forecast_chart(h), width="stretch")
    conf, learn = h.forecast["configured"], h.forecast["learned"]
    st.caption(
        f"With the configured probabilities {conf.expected:,.0f} (P10–P90 {conf.p10:,.0f} – {conf.p90:,.0f}); "
        f"with the learned ones {learn.expected:,.0f} (P10–P90 {learn.p10:,.0f} – {learn.p90:,.0f})."
    )

    st.subheader("Stranded deals")
    if h.stranded:
        st.caption("Open, no activity for 30 days or more, close date passed.")
        table = pd.DataFrame(
            [
                {
                    "Owner": item.owner(d.owner),
                    "Deal": d.name or d.id,
                    "Stage": d.stage,
                    "Days without activity": d.days_since_activity,
                    "Close date": d.close_date,
                    "Amount": d.amount,
                }
                for d in h.stranded
            ]
        )
        st.dataframe(table, hide_index=True, width="stretch")
    else:
        st.success("No stranded deals.", icon=":material/check_circle:")
    st.download_button(
        "Download the report (JSON)",
        data=json.dumps(audit_json(audit), indent=2),
        file_name=f"health-{h.id}.json",
        mime="application/json",
        key="health.download",
        icon=":material/download:",
        on_click="ignore",
    )
    st.page_link(nav.step("pipelines").file, label="Open Pipelines & stages", icon=":material/view_kanban:")


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"
