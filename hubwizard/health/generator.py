"""Deal histories with a known truth, so the health check can be tested against it.

A deal starts in the first open stage. In each open stage it waits a random number of whole
days (log-normal around the stage's median, at least one), then either moves on (with the
stage's advance rate; one time in ten it skips the next stage) or is lost. Moving on from the
last open stage wins it. One stage is a planted bottleneck: deals wait there several times
longer. A few open deals are planted as stranded: no activity for weeks and a close date in the
past. Every change happens at 09:00 UTC on some day, so a replay can set the clock once per day
and send that day's changes in batches.

The truth (win probability from each stage, the bottleneck, the stranded deals) is computed from
the same numbers the simulation used, independently of the analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np

DAY = 86_400.0
SKIP_RATE = 0.1
"""Share of forward moves that jump over the next stage (real pipelines skip stages)."""
LEGACY_BEFORE = datetime(2025, 4, 1, tzinfo=UTC)
"""Deals created before this carry HubSpot's legacy stage-date names instead of the v2 ones."""
OWNER_IDS = ("75000001", "75000002", "75000003", "75000004")


@dataclass(frozen=True)
class StageTruth:
    stage_id: str
    label: str
    advance: float
    """Chance that a deal leaving this stage moves on rather than being lost."""
    dwell_days: float
    """Median whole days a deal waits here."""


DEFAULT_STAGES = (
    StageTruth("appointmentscheduled", "Appointment Scheduled", 0.70, 6),
    StageTruth("qualifiedtobuy", "Qualified To Buy", 0.65, 8),
    StageTruth("presentationscheduled", "Presentation Scheduled", 0.60, 7),
    StageTruth("decisionmakerboughtin", "Decision Maker Bought-In", 0.75, 9),
    StageTruth("contractsent", "Contract Sent", 0.80, 5),
)
"""The sandbox's default Sales Pipeline, with rates unlike its configured 20–90%."""


@dataclass
class GeneratedDeal:
    index: int
    name: str
    created: float
    amount: float
    owner: str
    visits: list[tuple[str, float]]
    """(stage id, entered at) in order; the last one is where the deal is now."""
    close_date: float | None
    last_activity: float
    stranded: bool = False
    legacy: bool = False
    history_only: bool = False
    """No per-stage date properties at all: only ``propertiesWithHistory`` knows its path."""

    @property
    def stage(self) -> str:
        return self.visits[-1][0]


@dataclass
class History:
    pipeline_id: str
    stages: tuple[StageTruth, ...]
    won_stage: str
    lost_stage: str
    bottleneck: str
    now: float
    deals: list[GeneratedDeal] = field(default_factory=list)

    @property
    def stranded_names(self) -> set[str]:
        return {d.name for d in self.deals if d.stranded}

    @property
    def bottleneck_label(self) -> str:
        return next(s.label for s in self.stages if s.stage_id == self.bottleneck)

    def dwell(self, stage_id: str) -> float:
        factor = BOTTLENECK_FACTOR if stage_id == self.bottleneck else 1.0
        return next(s.dwell_days for s in self.stages if s.stage_id == stage_id) * factor

    def true_win_probability(self) -> dict[str, float]:
        """P(won | in stage), from the advance and skip rates (backwards along the pipeline)."""
        out: dict[str, float] = {}
        probs = [0.0] * (len(self.stages) + 2)
        probs[len(self.stages)] = 1.0  # "next" after the last stage is won
        probs[len(self.stages) + 1] = 1.0
        for i in range(len(self.stages) - 1, -1, -1):
            onward = (
                probs[i + 1]
                if i + 1 >= len(self.stages)
                else ((1 - SKIP_RATE) * probs[i + 1] + SKIP_RATE * probs[min(i + 2, len(self.stages))])
            )
            probs[i] = self.stages[i].advance * onward
            out[self.stages[i].stage_id] = probs[i]
        return out


BOTTLENECK_FACTOR = 6.0


def generate(
    deals: int,
    seed: int,
    *,
    now: datetime | None = None,
    pipeline_id: str = "default",
    stages: tuple[StageTruth, ...] = DEFAULT_STAGES,
    won_stage: str = "closedwon",
    lost_stage: str = "closedlost",
    bottleneck: str | None = None,
    span_days: int = 540,
    stranded_share: float = 0.15,
    legacy: bool = True,
    history_only_share: float = 0.03,
) -> History:
    """Simulate ``deals`` deals created over the last ``span_days`` days before ``now``."""
    rng = np.random.default_rng(seed)
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    now_s = float(int(moment.timestamp()))
    bottleneck = bottleneck or stages[len(stages) // 2 + 1 if len(stages) > 3 else 0].stage_id
    history = History(pipeline_id, stages, won_stage, lost_stage, bottleneck, now_s)
    today = datetime.fromtimestamp(now_s, UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    if today.timestamp() > now_s:
        today -= timedelta(days=1)
    last_day = today.timestamp()
    for index in range(deals):
        created = last_day - DAY * int(rng.integers(0, span_days))
        visits = [(stages[0].stage_id, created)]
        at, i = created, 0
        while True:
            wait = max(1, round(float(rng.lognormal(np.log(history.dwell(stages[i].stage_id)), 0.5))))
            at += wait * DAY
            if at > now_s:
                break
            if rng.random() >= stages[i].advance:
                visits.append((lost_stage, at))
                break
            step = 2 if rng.random() < SKIP_RATE else 1
            i = min(i + step, len(stages))
            if i >= len(stages):
                visits.append((won_stage, at))
                break
            visits.append((stages[i].stage_id, at))
        closed = visits[-1][0] in (won_stage, lost_stage)
        if closed:
            close_date = visits[-1][1]
            activity = close_date - DAY * int(rng.integers(0, 3))
        else:
            close_date = last_day + DAY * int(rng.integers(5, 90))
            activity = last_day - DAY * int(rng.integers(0, 14))
        history.deals.append(
            GeneratedDeal(
                index=index,
                name=f"Seeded deal {seed}-{index:06d}",
                created=created,
                amount=float(round(rng.lognormal(np.log(8000), 0.8), -1)),
                owner=OWNER_IDS[int(rng.integers(0, len(OWNER_IDS)))],
                visits=visits,
                close_date=close_date,
                last_activity=max(created, activity),
                legacy=legacy and created < LEGACY_BEFORE.timestamp(),
            )
        )
    _plant_stranded(history, rng, stranded_share, last_day)
    for deal in history.deals:
        if not deal.legacy and rng.random() < history_only_share:
            deal.history_only = True
    return history


def _plant_stranded(history: History, rng: np.random.Generator, share: float, last_day: float) -> None:
    """Some open deals older than 60 days: last activity 45+ days ago, close date in the past."""
    closed = {history.won_stage, history.lost_stage}
    candidates = [d for d in history.deals if d.stage not in closed and d.created <= last_day - 60 * DAY]
    count = min(len(candidates), max(1, round(share * len(candidates))))
    for position in rng.choice(len(candidates), size=count, replace=False):
        deal = candidates[int(position)]
        deal.stranded = True
        deal.last_activity = max(deal.created, last_day - DAY * int(rng.integers(45, 150)))
        deal.close_date = last_day - DAY * int(rng.integers(10, 60))


def iso(seconds: float) -> str:
    """HubSpot's timestamp text for a moment."""
    dt = datetime.fromtimestamp(seconds, UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"
