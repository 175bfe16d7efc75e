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
from hubwizard.i18n import _
from hubwizard.ui import nav, portal
from hubwizard.ui.state import say, wizard
from hubwizard.wording import money, number

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
            st.info(_("This portal has no deal pipeline yet."))
        return None
    left, right = st.columns([2, 1])
    labels = [str(p.get("label") or p["id"]) for p in pipelines]
    index = left.selectbox(
        _("Pipeline"), range(len(pipelines)), format_func=labels.__getitem__, key="health.pipeline"
    )
    since = right.date_input(
        _("Deals created since"),
        value=date.today() - timedelta(days=365),
        key="health.since",
        help=_("Deals still open are read whatever their age."),
    )
    return pipelines[int(index or 0)], since


def run(pipeline: dict[str, Any], since: date) -> None:
    w = wizard()
    bar = st.progress(0.0, text=_("Reading deals…"))

    def tick(label: str, done: int, total: int) -> None:
        bar.progress(
            min(1.0, done / max(total, 1)),
            text=_("Reading deals of {pipeline}: {done} of {total}").format(
                pipeline=label, done=number(done), total=number(total)
            ),
        )

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
            _(
                "Your setup has no deal pipeline called “{pipeline}”. Import this portal's setup on "
                "Start (Import from a portal), then use the probabilities again."
            ).format(pipeline=health.label),
        )
        return
    changes = calibrate.changes_for(w.config, health.id, health.label, learned, labels)
    if not changes:
        say(
            "info",
            _("“{pipeline}” in your setup already uses these probabilities.").format(pipeline=health.label),
        )
        return
    w.config = calibrate.apply_to_config(w.config, changes)
    w.commit(_("Used the learned probabilities for “{pipeline}”").format(pipeline=health.label))
    none = _("none")
    listed = "; ".join(
        f"{c.stage} {none if c.old is None else f'{c.old:.0%}'} → {c.new:.0%}" for c in changes
    )
    say(
        "success",
        _(
            "Your setup now uses the learned probabilities for “{pipeline}”: {changes}. "
            "See them on Pipelines & stages; Provision writes them to the portal."
        ).format(pipeline=health.label, changes=listed),
    )


def show(audit: Audit) -> None:
    item = audit.pipelines[0]
    h = item.health
    open_deals = sum(s.open_deals for s in h.stages)
    a, b, c, d = st.columns(4)
    a.metric(_("Deals read"), number(h.deals_read))
    b.metric(_("Open deals"), number(open_deals))
    c.metric(_("Pile-ups"), len(h.pile_ups))
    d.metric(_("Stranded deals"), len(h.stranded))

    st.subheader(_("Where deals pile up"))
    if h.pile_up_messages:
        for message in h.pile_up_messages:
            st.warning(message, icon=":material/warning:")
    else:
        st.success(_("No stage holds deals far longer than the others."), icon=":material/check_circle:")
    st.altair_chart(charts.pile_up_chart(h), width="stretch")

    st.subheader(_("Win probabilities: configured and learned"))
    st.altair_chart(charts.calibration_chart(h), width="stretch")
    rows = [
        {
            _("Stage"): s.label,
            _("Configured"): _pct(s.configured_probability),
            _("Learned"): _pct(s.historical_win_rate),
            _("90% interval"): f"{_pct(s.interval[0])} – {_pct(s.interval[1])}",
            _("Deals"): s.sample_size,
            _("Suggested"): _pct(s.suggested_probability),
            _("Note"): s.note or "",
        }
        for s in h.stages
        if s.interval is not None
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    bt = h.backtest
    if bt.get("deals"):
        if (bt["learned"] or 0) < (bt["configured"] or 0):
            verdict = _("The learned probabilities would have forecast that quarter better.")
        else:
            verdict = _("The configured probabilities would have forecast that quarter better.")
        st.caption(
            _(
                "Backtest on the {deals} deals closed last quarter (Brier score, lower is better): "
                "configured {configured}, learned {learned}."
            ).format(deals=bt["deals"], configured=f"{bt['configured']:.3f}", learned=f"{bt['learned']:.3f}")
            + " "
            + verdict
        )
    st.button(
        _("Use these probabilities"),
        key="health.use",
        on_click=use_probabilities,
        args=(audit,),
        type="primary",
        icon=":material/auto_fix_high:",
        help=_("Puts the suggested probabilities into your setup; the plan on Provision then writes them."),
    )

    st.subheader(_("Forecast of the open deals"))
    st.altair_chart(charts.forecast_chart(h), width="stretch")
    conf, learn = h.forecast["configured"], h.forecast["learned"]
    st.caption(
        _(
            "With the configured probabilities {configured} (P10–P90 {configured_p10} – {configured_p90}); "
            "with the learned ones {learned} (P10–P90 {learned_p10} – {learned_p90})."
        ).format(
            configured=money(conf.expected),
            configured_p10=money(conf.p10),
            configured_p90=money(conf.p90),
            learned=money(learn.expected),
            learned_p10=money(learn.p10),
            learned_p90=money(learn.p90),
        )
    )

    st.subheader(_("Stranded deals"))
    if h.stranded:
        st.caption(_("Open, no activity for 30 days or more, close date passed."))
        table = pd.DataFrame(
            [
                {
                    _("Owner"): item.owner(d.owner),
                    _("Deal"): d.name or d.id,
                    _("Stage"): d.stage,
                    _("Days without activity"): d.days_since_activity,
                    _("Close date"): d.close_date,
                    _("Amount"): d.amount,
                }
                for d in h.stranded
            ]
        )
        st.dataframe(table, hide_index=True, width="stretch")
    else:
        st.success(_("No stranded deals."), icon=":material/check_circle:")
    st.download_button(
        _("Download the report (JSON)"),
        data=json.dumps(audit_json(audit), indent=2),
        file_name=f"health-{h.id}.json",
        mime="application/json",
        key="health.download",
        icon=":material/download:",
        on_click="ignore",
    )
    st.page_link(
        nav.step("pipelines").file,
        label=_("Open {step}").format(step=nav.step("pipelines").name),
        icon=":material/view_kanban:",
    )


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"
