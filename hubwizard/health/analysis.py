"""The health check of one pipeline: pile-ups, stranded deals, learned win probabilities,
the forecast band and a backtest. Pure functions of a :class:`DealFrame`; no I/O.

How each answer is reached (``docs/health.md`` says it for users):

- **Pile-up**: a stage whose open deals have waited at least twice as long as the open deals of
  the other stages (medians), and the rank test agrees (one-sided, p < 0.001 after a Bonferroni
  correction for the number of stages), with at least ``MIN_PILE_UP_DEALS`` open deals.
- **Stranded**: an open deal with no activity for ``stranded_days`` days (default 30) whose
  close date has passed.
- **Learned probability**: P(won | in the stage) from the moves deals made between stages
  (:func:`hubwizard.health.stats.win_probabilities`), with a 90% interval; the suggestion is the
  non-decreasing fit rounded to HubSpot's 10% steps, between 10% and 90% for open stages.
- **Forecast**: expected value of the open deals (amount × probability) and a P10–P90 band from
  the exact variance of a sum of independent win/lose deals (normal approximation).
- **Backtest**: Brier score (mean squared error of the probability against won = 1 / lost = 0)
  on the deals that closed in the last quarter, each scored with the probability of the stage it
  was in when the quarter began; learned probabilities use only moves made before that.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from hubwizard.health import STRANDED_DAYS, stats
from hubwizard.health.frame import DealFrame, PipelineInfo
from hubwizard.i18n import _

DAY = 86_400.0
LEVEL = 0.90
MIN_TRUSTED = 30
"""Below this many moves out of a stage, the learned probability is marked as not to be trusted."""
MIN_PILE_UP_DEALS = 10
PILE_UP_RATIO = 2.0
PILE_UP_P = 0.001
BACKTEST_DAYS = 91
Z90 = 1.2815515655446004
"""Standard normal quantile for P90 (and −P10)."""


@dataclass
class StageHealth:
    id: str
    label: str
    open_deals: int
    open_amount: float
    median_days_in_stage: float | None
    p90_days_in_stage: float | None
    configured_probability: float | None
    historical_win_rate: float | None
    interval: tuple[float, float] | None
    sample_size: int
    suggested_probability: float | None
    note: str | None = None


@dataclass
class StrandedDeal:
    id: str
    name: str
    owner: str
    stage: str
    days_since_activity: int
    close_date: str
    amount: float


@dataclass
class Band:
    expected: float
    p10: float
    p90: float


@dataclass
class PipelineHealth:
    id: str
    label: str
    deals_read: int
    stages: list[StageHealth]
    pile_ups: list[str]
    pile_up_messages: list[str]
    stranded: list[StrandedDeal]
    forecast: dict[str, Band]
    backtest: dict[str, float | int | None]
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for stage in out["stages"]:
            if stage["interval"] is not None:
                stage["interval"] = list(stage["interval"])
        return out

    def learned(self) -> dict[str, float]:
        """Stage id → suggested probability, for the open stages that have one."""
        return {s.id: s.suggested_probability for s in self.stages if s.suggested_probability is not None}


# --- pieces -------------------------------------------------------------------------------


def move_counts(frame: DealFrame, before: float | None = None) -> np.ndarray:
    """Moves between stages (see :func:`stats.win_probabilities` for the layout)."""
    pipeline = frame.pipeline
    open_ids = [s.id for s in pipeline.open_stages]
    index = {sid: i for i, sid in enumerate(open_ids)}
    k = len(open_ids)
    for sid in pipeline.won_ids:
        index[sid] = k
    for sid in pipeline.lost_ids:
        index[sid] = k + 1
    counts = np.zeros((k, k + 2), dtype=float)
    visits = frame.visits
    if visits.empty:
        return counts
    if before is not None:
        visits = visits[visits["entered"] < before]
    stages = visits["stage"].astype("category")
    lookup = np.array([index.get(str(c), np.nan) for c in stages.cat.categories] + [np.nan], dtype=float)
    codes = lookup[stages.cat.codes.to_numpy()]  # code -1 (missing) picks the trailing NaN
    same = pd.factorize(visits["deal_id"])[0]
    src, dst = codes[:-1], codes[1:]
    valid = (same[:-1] == same[1:]) & ~np.isnan(src) & ~np.isnan(dst)
    src, dst = src[valid].astype(int), dst[valid].astype(int)
    keep = (src < k) & (src != dst)
    np.add.at(counts, (src[keep], dst[keep]), 1.0)
    return counts


def suggest(point: np.ndarray, weights: np.ndarray) -> list[float]:
    """Non-decreasing along the pipeline, HubSpot's 10% steps, 10%..90% for open stages."""
    fitted = stats.isotonic([float(p) for p in point], [float(w) + 1.0 for w in weights])
    out, floor = [], 0.1
    for value in fitted:
        step = min(0.9, max(0.1, round(value * 10) / 10))
        floor = max(floor, step)
        out.append(round(floor, 1))
    return out


def learned_probabilities(frame: DealFrame, before: float | None = None) -> dict[str, Any]:
    counts = move_counts(frame, before)
    point, low, high = stats.win_probabilities(counts, level=LEVEL)
    sizes = counts.sum(axis=1)
    return {
        "counts": counts,
        "point": point,
        "low": low,
        "high": high,
        "sizes": sizes,
        "suggested": suggest(point, sizes),
    }


def _ages(frame: DealFrame) -> pd.Series:
    return (frame.now - frame.deals["entered_stage"]) / DAY


def pile_ups(frame: DealFrame) -> list[tuple[str, str]]:
    """(stage id, message) for each stage where open deals wait far longer than elsewhere."""
    deals = frame.deals[frame.open_mask]
    ages = _ages(frame)[frame.open_mask]
    open_stages = frame.pipeline.open_stages
    total = len(deals)
    found = []
    for position, stage in enumerate(open_stages):
        here = ages[deals["stage"] == stage.id].dropna().to_numpy()
        there = ages[deals["stage"] != stage.id].dropna().to_numpy()
        if len(here) < MIN_PILE_UP_DEALS or len(there) < MIN_PILE_UP_DEALS:
            continue
        mine, others = float(np.median(here)), float(np.median(there))
        if mine < PILE_UP_RATIO * max(others, 1.0):
            continue
        if stats.mann_whitney_greater(here, there) * len(open_stages) >= PILE_UP_P:
            continue
        nxt = open_stages[position + 1].label if position + 1 < len(open_stages) else _("closing")
        share = len(here) / total
        found.append(
            (
                stage.id,
                _(
                    "*{stage}* holds {share} of open deals, median {days} days against {others} "
                    "elsewhere: is a step missing between *{stage}* and *{next}*?"
                ).format(
                    stage=stage.label,
                    share=f"{share:.0%}",
                    days=f"{mine:.0f}",
                    others=f"{others:.0f}",
                    next=nxt,
                ),
            )
        )
    return found


def stranded(frame: DealFrame, days: int = STRANDED_DAYS) -> list[StrandedDeal]:
    deals = frame.deals[frame.open_mask]
    quiet = (frame.now - deals["last_activity"].fillna(deals["created"])) / DAY
    overdue = deals["close_date"] < frame.now
    stranded_mask = (quiet >= days) & overdue
    # only the picked rows' quiet days: assigning the whole Series to an empty frame would give
    # it every open deal back (with empty columns), as pandas adopts the Series' index
    picked = deals[stranded_mask].assign(quiet=quiet[stranded_mask])
    out = [
        StrandedDeal(
            id=str(row.id),
            name=str(row.name) if row.name is not None else "",
            owner=str(row.owner or ""),
            stage=frame.pipeline.label_of(str(row.stage)),
            days_since_activity=int(row.quiet),
            close_date=pd.Timestamp(row.close_date, unit="s", tz="UTC").strftime("%Y-%m-%d"),
            amount=float(row.amount) if not math.isnan(row.amount) else 0.0,
        )
        for row in picked.itertuples(index=False)
    ]
    out.sort(key=lambda d: (d.owner, -d.days_since_activity))
    return out


def forecast(frame: DealFrame, probabilities: dict[str, float | None]) -> Band:
    deals = frame.deals[frame.open_mask]
    amounts = deals["amount"].fillna(0.0).to_numpy()
    p = deals["stage"].map(lambda s: probabilities.get(s) or 0.0).to_numpy(dtype=float)
    expected = float((amounts * p).sum())
    sd = math.sqrt(float((amounts**2 * p * (1 - p)).sum()))
    return Band(round(expected, 2), round(max(0.0, expected - Z90 * sd), 2), round(expected + Z90 * sd, 2))


def backtest(frame: DealFrame, days: int = BACKTEST_DAYS) -> dict[str, float | int | None]:
    """Brier scores of configured and learned probabilities on the last quarter's closed deals."""
    cutoff = frame.now - days * DAY
    pipeline = frame.pipeline
    closed_ids = pipeline.won_ids | pipeline.lost_ids
    visits = frame.visits
    last = visits.groupby("deal_id", sort=False).tail(1)
    closing = last[last["stage"].isin(closed_ids) & (last["entered"] >= cutoff)]
    if closing.empty:
        return {"configured": None, "learned": None, "deals": 0}
    ids = set(closing["deal_id"])
    mine = visits[visits["deal_id"].isin(ids)]
    before = mine[mine["entered"] < cutoff].groupby("deal_id").tail(1).set_index("deal_id")["stage"]
    first = mine.groupby("deal_id").head(1).set_index("deal_id")["stage"]
    start = first.copy()
    start.loc[before.index] = before
    outcome = closing.set_index("deal_id")["stage"].isin(pipeline.won_ids).astype(float)
    start = start.loc[outcome.index]
    learned = learned_probabilities(frame, before=cutoff)
    learned_map = {s.id: p for s, p in zip(pipeline.open_stages, learned["suggested"], strict=True)}
    configured_map = {s.id: (s.probability or 0.0) for s in pipeline.stages}
    y = outcome.to_numpy()
    p_conf = start.map(lambda s: configured_map.get(s, 0.0)).to_numpy(dtype=float)
    p_learn = start.map(lambda s: learned_map.get(s, configured_map.get(s, 0.0))).to_numpy(dtype=float)
    return {
        "configured": round(float(np.mean((p_conf - y) ** 2)), 4),
        "learned": round(float(np.mean((p_learn - y) ** 2)), 4),
        "deals": len(y),
    }


# --- the whole check ----------------------------------------------------------------------


def analyse(frame: DealFrame, *, stranded_days: int = STRANDED_DAYS) -> PipelineHealth:
    pipeline: PipelineInfo = frame.pipeline
    deals = frame.deals
    open_deals = deals[frame.open_mask]
    ages = _ages(frame)[frame.open_mask]
    learned = learned_probabilities(frame)
    stages: list[StageHealth] = []
    open_index = {s.id: i for i, s in enumerate(pipeline.open_stages)}
    for stage in pipeline.stages:
        here = open_deals["stage"] == stage.id
        days = ages[here].dropna().to_numpy()
        i = open_index.get(stage.id)
        note = None
        if i is not None:
            n = int(learned["sizes"][i])
            rate: float | None = round(float(learned["point"][i]), 4)
            interval: tuple[float, float] | None = (
                round(float(learned["low"][i]), 4),
                round(float(learned["high"][i]), 4),
            )
            suggested: float | None = learned["suggested"][i]
            if n < MIN_TRUSTED:
                note = _(
                    "Only {count} deals have left this stage so far: too few to trust the learned rate."
                ).format(count=n)
        else:
            n, rate, interval = 0, (1.0 if stage.won else 0.0), None
            suggested = 1.0 if stage.won else 0.0
        stages.append(
            StageHealth(
                id=stage.id,
                label=stage.label,
                open_deals=int(here.sum()),
                open_amount=round(float(open_deals.loc[here, "amount"].fillna(0).sum()), 2),
                median_days_in_stage=round(float(np.median(days)), 1) if len(days) else None,
                p90_days_in_stage=round(float(np.quantile(days, 0.9)), 1) if len(days) else None,
                configured_probability=stage.probability,
                historical_win_rate=rate,
                interval=interval,
                sample_size=n,
                suggested_probability=suggested,
                note=note,
            )
        )
    piles = pile_ups(frame)
    configured = {s.id: s.probability for s in pipeline.stages}
    learned_map = {s.id: s.suggested_probability for s in stages}
    notes = []
    if deals.empty:
        notes.append(_("No deals in this pipeline in the period read."))
    return PipelineHealth(
        id=pipeline.id,
        label=pipeline.label,
        deals_read=len(deals),
        stages=stages,
        pile_ups=[pipeline.label_of(sid) for sid, _ in piles],
        pile_up_messages=[message for _, message in piles],
        stranded=stranded(frame, stranded_days),
        forecast={"configured": forecast(frame, configured), "learned": forecast(frame, learned_map)},
        backtest=backtest(frame),
        notes=notes,
    )
