"""Weighted forecast: what the board is worth once each stage's win probability is applied.

The guide's point: correct probabilities give an accurate weighted forecast. For each stage,
weighted = deals × average amount × probability. A lost stage counts 0 and a won stage counts in
full whatever probability is written, so a typo never turns lost revenue into "unknown".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hubwizard.config import Pipeline, Stage
from hubwizard.i18n import N_, _
from hubwizard.wording import money, percent


@dataclass(frozen=True)
class StageDeals:
    """Deals sitting in one stage: a count and an average amount, or a list of amounts."""

    count: int = 0
    average_amount: float = 0.0
    amounts: tuple[float, ...] = ()

    @classmethod
    def of(cls, value: StageDeals | Sequence[float] | tuple[int, float]) -> StageDeals:
        """Accept ``StageDeals``, a list of deal amounts, or ``(count, average_amount)``."""
        if isinstance(value, StageDeals):
            return value
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], int):
            return cls(count=value[0], average_amount=float(value[1]))
        amounts = tuple(float(a) for a in value)
        return cls(amounts=amounts)

    @property
    def deals(self) -> int:
        return len(self.amounts) if self.amounts else max(self.count, 0)

    @property
    def amount(self) -> float:
        if self.amounts:
            return sum(self.amounts)
        return max(self.count, 0) * max(self.average_amount, 0.0)


@dataclass(frozen=True)
class StageForecast:
    stage_id: str
    label: str
    outcome: str  # "open", "won" or "lost"
    probability: float
    deals: int
    amount: float
    probability_missing: bool = False

    @property
    def weighted(self) -> float:
        return self.amount * self.probability


@dataclass(frozen=True)
class Forecast:
    pipeline_id: str
    pipeline_label: str
    stages: list[StageForecast] = field(default_factory=list)

    @property
    def total_amount(self) -> float:
        """Everything on the board, lost deals included."""
        return sum(s.amount for s in self.stages)

    @property
    def weighted_total(self) -> float:
        """The forecast: won in full, open stages weighted, lost at zero."""
        return sum(s.weighted for s in self.stages)

    @property
    def won_amount(self) -> float:
        return sum(s.amount for s in self.stages if s.outcome == "won")

    @property
    def open_amount(self) -> float:
        return sum(s.amount for s in self.stages if s.outcome == "open")

    @property
    def lost_amount(self) -> float:
        return sum(s.amount for s in self.stages if s.outcome == "lost")

    @property
    def open_weighted(self) -> float:
        return sum(s.weighted for s in self.stages if s.outcome == "open")

    @property
    def deals(self) -> int:
        return sum(s.deals for s in self.stages)


def effective_probability(stage: Stage) -> tuple[float, bool]:
    """The probability the forecast uses, and whether it had to assume one."""
    if stage.closed == "won":
        return 1.0, False
    if stage.closed == "lost" or stage.state == "closed":
        return 0.0, False
    if stage.probability is None:
        return 0.0, True
    return min(max(stage.probability, 0.0), 1.0), False


def forecast(
    pipeline: Pipeline, deals: Mapping[str, StageDeals | Sequence[float] | tuple[int, float]]
) -> Forecast:
    """The weighted forecast of ``pipeline`` for the deals per stage id (missing stages: none)."""
    rows = []
    for stage in pipeline.stages:
        in_stage = StageDeals.of(deals.get(stage.id, StageDeals()))
        probability, missing = effective_probability(stage)
        outcome = stage.closed or ("lost" if stage.state == "closed" else "open")
        rows.append(
            StageForecast(
                stage.id, stage.label, outcome, probability, in_stage.deals, in_stage.amount, missing
            )
        )
    return Forecast(pipeline.id, pipeline.label, rows)


def sample_deals(pipeline: Pipeline, average_amount: float = 5000.0) -> dict[str, StageDeals]:
    """A plausible funnel to start the wizard's chart with: fewer deals at each later stage."""
    out: dict[str, StageDeals] = {}
    open_count = 12
    for stage in pipeline.stages:
        if stage.closed == "won":
            out[stage.id] = StageDeals(3, average_amount)
        elif stage.closed == "lost" or stage.state == "closed":
            out[stage.id] = StageDeals(4, average_amount)
        else:
            out[stage.id] = StageDeals(open_count, average_amount)
            open_count = max(open_count - 3, 1)
    return out


COLUMNS = ["order", "stage", "outcome", "probability", "deals", "amount", "weighted"]

MEASURES = {"amount": N_("Amount in the stage"), "weighted": N_("Weighted by win probability")}
"""The two bars of an open stage, by their legend names (English; translated when drawn)."""
OUTCOME_NAMES = {"won": N_("Won: counts in full"), "lost": N_("Lost: counts for nothing")}
COLOURS = {
    MEASURES["amount"]: "#c9d6e8",
    MEASURES["weighted"]: "#ff7a59",
    OUTCOME_NAMES["won"]: "#00bda5",
    OUTCOME_NAMES["lost"]: "#b0c1d4",
}
OUTCOME_WORDS = {"open": N_("open"), "won": N_("won"), "lost": N_("lost")}
"""A stage's outcome in the command line's table."""
MONEY = ",.0f"
"""Amounts as money: thousands separated, no cents (d3 format, as the chart writes them)."""
BAR_STEP = 26
"""Pixels per bar: every stage label has room, none is hidden as overlapping."""


def forecast_rows(result: Forecast) -> list[dict[str, Any]]:
    """One row per stage, in pipeline order: what the chart and the tables show."""
    return [
        {
            "order": i,
            "stage": s.label,
            "outcome": s.outcome,
            "probability": s.probability,
            "deals": s.deals,
            "amount": s.amount,
            "weighted": s.weighted,
        }
        for i, s in enumerate(result.stages)
    ]


def forecast_frame(result: Forecast) -> Any:
    """:func:`forecast_rows` as a pandas DataFrame (pandas is imported only here)."""
    import pandas as pd

    return pd.DataFrame(forecast_rows(result), columns=COLUMNS)


def headline(result: Forecast) -> str:
    """The forecast in one line: won in full plus open deals weighted; lost deals apart."""
    return _(
        "weighted forecast {forecast} = won {won} + open {open_weighted} weighted (of {open} open); lost {lost}"
    ).format(
        forecast=money(result.weighted_total),
        won=money(result.won_amount),
        open_weighted=money(result.open_weighted),
        open=money(result.open_amount),
        lost=money(result.lost_amount),
    )


def forecast_chart(result: Forecast) -> Any:
    """Open deals (two bars per stage: the amount and its weighted value) above won and lost
    stages, every stage labelled in full, a legend for the colours, amounts as money, and room
    on the right for the value written at the end of each bar."""
    import altair as alt

    rows = forecast_rows(result)
    open_rows = [r for r in rows if r["outcome"] == "open"]
    closed_rows = [r for r in rows if r["outcome"] != "open"]
    widest = max([r["amount"] for r in rows] + [1.0])
    x_scale = alt.Scale(domain=[0, widest * 1.3], nice=False)
    colour = alt.Color(
        "measure:N",
        title=None,
        scale=alt.Scale(domain=[_(name) for name in COLOURS], range=list(COLOURS.values())),
        legend=alt.Legend(orient="top", labelLimit=0),
    )

    def stage_axis(labels: list[str]) -> alt.Y:
        return alt.Y(
            "stage:N",
            sort=labels,
            title=None,
            axis=alt.Axis(labelLimit=0, labelOverlap=False, labelPadding=6),
        )

    tooltip = [
        alt.Tooltip("stage:N", title=_("Stage")),
        alt.Tooltip("deals:Q", title=_("Deals")),
        alt.Tooltip("probability:Q", title=_("Win probability"), format=".0%"),
        alt.Tooltip("amount:Q", title=_("Amount"), format=MONEY),
        alt.Tooltip("weighted:Q", title=_("Weighted"), format=MONEY),
    ]
    bars = [
        {**r, "measure": _(MEASURES[m]), "value": r[m], "text": money(r[m])}
        for r in open_rows
        for m in ("amount", "weighted")
    ]
    open_labels = [r["stage"] for r in open_rows]
    open_chart = (
        alt.Chart(alt.Data(values=bars))
        .encode(
            y=stage_axis(open_labels),
            yOffset=alt.YOffset("measure:N", sort=[_(name) for name in MEASURES.values()]),
            x=alt.X("value:Q", title=_("Amount"), scale=x_scale, axis=alt.Axis(format=MONEY)),
            color=colour,
            tooltip=tooltip,
        )
        .properties(height=alt.Step(BAR_STEP))
    )
    ink = alt.value("#33475b")
    open_layer = (
        open_chart.mark_bar() + open_chart.mark_text(align="left", dx=4).encode(text="text:N", color=ink)
    ).properties(
        title=_("Open deals: {weighted} weighted of {amount}").format(
            weighted=money(result.open_weighted), amount=money(result.open_amount)
        )
    )
    closed = [
        {**r, "measure": _(OUTCOME_NAMES[r["outcome"]]), "value": r["amount"], "text": money(r["amount"])}
        for r in closed_rows
    ]
    closed_chart = (
        alt.Chart(alt.Data(values=closed))
        .encode(
            y=stage_axis([r["stage"] for r in closed_rows]),
            x=alt.X("value:Q", title=_("Amount"), scale=x_scale, axis=alt.Axis(format=MONEY)),
            color=colour,
            tooltip=tooltip,
        )
        .properties(height=alt.Step(BAR_STEP))
    )
    closed_layer = (
        closed_chart.mark_bar() + closed_chart.mark_text(align="left", dx=4).encode(text="text:N", color=ink)
    ).properties(
        title=_("Won {won} and lost {lost}").format(
            won=money(result.won_amount), lost=money(result.lost_amount)
        )
    )
    charts = [open_layer] + ([closed_layer] if closed_rows else [])
    return (
        alt.vconcat(*charts, spacing=18)
        .properties(title=f"{result.pipeline_label}: {headline(result)}")
        .resolve_scale(color="shared", x="shared")
    )


def forecast_table(result: Forecast) -> str:
    """The chart as a text table for the command line: open stages, then won and lost."""
    header = (_("Stage"), _("Outcome"), _("Win %"), _("Deals"), _("Amount"), _("Weighted"))
    body = [
        (
            s.label,
            _(OUTCOME_WORDS.get(s.outcome, s.outcome)),
            percent(s.probability),
            str(s.deals),
            money(s.amount),
            money(s.weighted),
        )
        for s in sorted(result.stages, key=lambda s: s.outcome != "open")
    ]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    right = {2, 3, 4, 5}

    def line(row: tuple[str, ...]) -> str:
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)]
        return "  " + "  ".join(cells).rstrip()

    rule = "  " + "  ".join("-" * w for w in widths)
    lines = [f"{result.pipeline_label}: {headline(result)}", line(header), rule]
    open_count = sum(1 for s in result.stages if s.outcome == "open")
    for n, row in enumerate(body):
        if n == open_count and open_count:
            lines.append(rule)
        lines.append(line(row))
    return "\n".join(lines)
