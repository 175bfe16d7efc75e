"""Weighted forecast: what the board is worth once each stage's win probability is applied.

The guide's point: correct probabilities give an accurate weighted forecast. For each stage,
weighted = deals × average amount × probability. A lost stage counts 0 and a won stage counts in
full whatever probability is written, so a typo never turns lost revenue into "unknown".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import altair as alt
import pandas as pd

from hubwizard.config import Pipeline, Stage


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


def forecast_frame(result: Forecast) -> pd.DataFrame:
    """One row per stage, in pipeline order: what the chart and the wizard's table show."""
    return pd.DataFrame(
        [
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
        ],
        columns=["order", "stage", "outcome", "probability", "deals", "amount", "weighted"],
    )


def forecast_chart(result: Forecast) -> alt.LayerChart:
    """Bars per stage: the amount on the board (light) and its weighted value (dark)."""
    frame = forecast_frame(result)
    order = list(frame["stage"])
    base = alt.Chart(frame).encode(
        y=alt.Y("stage:N", sort=order, title=None),
        tooltip=[
            alt.Tooltip("stage:N", title="Stage"),
            alt.Tooltip("deals:Q", title="Deals"),
            alt.Tooltip("probability:Q", title="Win probability", format=".0%"),
            alt.Tooltip("amount:Q", title="Amount", format=",.0f"),
            alt.Tooltip("weighted:Q", title="Weighted", format=",.0f"),
        ],
    )
    amount = base.mark_bar(color="#c9d6e8").encode(x=alt.X("amount:Q", title="Amount"))
    weighted = base.mark_bar(color="#ff7a59", height=10).encode(x="weighted:Q")
    labels = base.mark_text(align="left", dx=4, color="#33475b").encode(
        x="amount:Q", text=alt.Text("weighted:Q", format=",.0f")
    )
    return alt.layer(amount, weighted, labels).properties(
        title=f"{result.pipeline_label}: weighted forecast {result.weighted_total:,.0f} "
        f"of {result.total_amount:,.0f} on the board",
        height=max(120, 32 * len(order)),
    )
