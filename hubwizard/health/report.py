"""The health check of a portal: read each deal pipeline, analyse it, and say it as JSON (the
``hubwizard audit`` schema) or as text for a sales manager. Shared by the CLI and the wizard.

The JSON has ``pipelines[]``, each with ``stages[]`` (``id``, ``label``, ``open_deals``,
``open_amount``, ``median_days_in_stage``, ``configured_probability``,
``historical_win_rate``, ``interval``, ``sample_size``, ``suggested_probability``),
``pile_ups[]`` (stage labels), ``stranded[]`` (``id``, ``owner``, ``days_since_activity``),
``forecast`` (``configured`` and ``learned``, each ``expected``, ``p10``, ``p90``) and
``backtest`` (``configured`` and ``learned`` Brier scores; lower is better).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from hubwizard.deals import ReadReport, read_pipeline
from hubwizard.health.analysis import STRANDED_DAYS, PipelineHealth, analyse
from hubwizard.i18n import _
from hubwizard.wording import money

if TYPE_CHECKING:
    from hubwizard.gateway import Gateway

STAGE_KEYS = (
    "id",
    "label",
    "open_deals",
    "open_amount",
    "median_days_in_stage",
    "configured_probability",
    "historical_win_rate",
    "interval",
    "sample_size",
    "suggested_probability",
)


@dataclass
class PipelineAudit:
    health: PipelineHealth
    read: ReadReport
    owners: dict[str, str] = field(default_factory=dict)

    def owner(self, owner_id: str) -> str:
        return self.owners.get(owner_id, owner_id or "no owner")


@dataclass
class Audit:
    since: datetime | None
    pipelines: list[PipelineAudit]


def owner_names(gateway: Gateway) -> dict[str, str]:
    """Owner id → "First Last" (or the email); empty when the token may not read owners."""
    from hubwizard.errors import PortalError

    try:
        owners = gateway.owners()
    except PortalError:
        return {}
    out = {}
    for owner in owners:
        name = " ".join(p for p in (owner.get("firstName"), owner.get("lastName")) if p)
        out[str(owner.get("id"))] = name or str(owner.get("email") or owner.get("id"))
    return out


def run_audit(
    gateway: Gateway,
    *,
    pipeline_id: str | None = None,
    since: datetime | None = None,
    now: datetime | None = None,
    stranded_days: int = STRANDED_DAYS,
    progress: Callable[[str, int, int], None] | None = None,
) -> Audit:
    pipelines = gateway.pipelines("deals")
    if pipeline_id is not None:
        pipelines = [p for p in pipelines if str(p["id"]) == pipeline_id]
        if not pipelines:
            raise LookupError(_("The portal has no deal pipeline with the id '{id}'").format(id=pipeline_id))
    owners = owner_names(gateway)
    audits = []
    for pipeline in pipelines:
        label = str(pipeline.get("label") or pipeline["id"])

        def tick(done: int, total: int, label: str = label) -> None:
            if progress is not None:
                progress(label, done, total)

        frame, read = read_pipeline(gateway, str(pipeline["id"]), since=since, now=now, progress=tick)
        audits.append(PipelineAudit(analyse(frame, stranded_days=stranded_days), read, owners))
    return Audit(since, audits)


def audit_json(audit: Audit) -> dict[str, Any]:
    out = []
    for item in audit.pipelines:
        health = item.health
        stages = []
        for stage in health.stages:
            row = {key: getattr(stage, key) for key in STAGE_KEYS}
            row["interval"] = list(stage.interval) if stage.interval is not None else None
            stages.append(row)
        out.append(
            {
                "id": health.id,
                "label": health.label,
                "stages": stages,
                "pile_ups": list(health.pile_ups),
                "stranded": [
                    {"id": d.id, "owner": item.owner(d.owner), "days_since_activity": d.days_since_activity}
                    for d in health.stranded
                ],
                "forecast": {
                    name: {"expected": band.expected, "p10": band.p10, "p90": band.p90}
                    for name, band in health.forecast.items()
                },
                "backtest": {
                    "configured": health.backtest.get("configured"),
                    "learned": health.backtest.get("learned"),
                },
            }
        )
    return {"pipelines": out}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def audit_text(audit: Audit) -> str:
    lines: list[str] = []
    for item in audit.pipelines:
        h = item.health
        lines.append(
            _("Pipeline {pipeline}: {count} deals read").format(pipeline=repr(h.label), count=h.deals_read)
        )
        lines.append(
            f"  {_('stage'):28} {_('open'):>5} {_('amount'):>12} {_('median days'):>11}  {_('configured'):>10}  "
            + _("learned (90% interval, n)")
            + "  "
            + _("suggested")
        )
        for s in h.stages:
            interval = f"{_pct(s.interval[0])}–{_pct(s.interval[1])}, n={s.sample_size}" if s.interval else ""
            median = "" if s.median_days_in_stage is None else f"{s.median_days_in_stage:.0f}"
            lines.append(
                f"  {s.label[:28]:28} {s.open_deals:>5} {money(s.open_amount):>12} {median:>11}  "
                f"{_pct(s.configured_probability):>10}  "
                + (f"{_pct(s.historical_win_rate):>7} ({interval})  " if interval else " " * 29)
                + f"{_pct(s.suggested_probability)}"
            )
            if s.note:
                lines.append("    " + _("note: {note}").format(note=s.note))
        if h.pile_up_messages:
            lines.append("  " + _("Pile-ups:"))
            lines.extend(f"    {m.replace('*', '')}" for m in h.pile_up_messages)
        else:
            lines.append("  " + _("No stage holds deals far longer than the others."))
        if h.stranded:
            lines.append(
                "  "
                + _("Stranded deals ({count}): open, no activity for weeks, close date passed").format(
                    count=len(h.stranded)
                )
            )
            for d in h.stranded:
                lines.append(
                    "    "
                    + _("{owner}: {deal} ({stage}), {days} days without activity, close date {date}").format(
                        owner=item.owner(d.owner),
                        deal=d.name or d.id,
                        stage=d.stage,
                        days=d.days_since_activity,
                        date=d.close_date,
                    )
                )
        else:
            lines.append("  " + _("No stranded deals."))
        conf, learn = h.forecast["configured"], h.forecast["learned"]
        lines.append(
            "  "
            + _(
                "Weighted forecast of open deals: configured {configured} (P10–P90 {configured_low}–"
                "{configured_high}), learned {learned} (P10–P90 {learned_low}–{learned_high})"
            ).format(
                configured=money(conf.expected),
                configured_low=money(conf.p10),
                configured_high=money(conf.p90),
                learned=money(learn.expected),
                learned_low=money(learn.p10),
                learned_high=money(learn.p90),
            )
        )
        bt = h.backtest
        if bt.get("deals"):
            if (bt["learned"] or 0) < (bt["configured"] or 0):
                line = _(
                    "Backtest on {count} deals closed last quarter (Brier score, lower is better): "
                    "configured {configured}, learned {learned}: the learned probabilities forecast it better."
                )
            else:
                line = _(
                    "Backtest on {count} deals closed last quarter (Brier score, lower is better): "
                    "configured {configured}, learned {learned}: the configured probabilities forecast it better."
                )
            lines.append(
                "  "
                + line.format(
                    count=bt["deals"], configured=f"{bt['configured']:.3f}", learned=f"{bt['learned']:.3f}"
                )
            )
        else:
            lines.append("  " + _("Backtest: no deals closed last quarter."))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
