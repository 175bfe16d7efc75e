"""The deals of one pipeline as the analysis sees them: two tables, in memory only.

``deals`` has one row per deal (``id``, ``name``, ``stage``, ``amount``, ``created``,
``close_date``, ``owner``, ``last_activity``, ``entered_stage``; times are seconds since the
epoch, missing ones NaN). ``visits`` has one row per stage a deal entered (``deal_id``,
``stage``, ``entered``), ordered by deal and time: the path each deal took. The frames are never
written anywhere; the report a user downloads is the only way deal data leaves memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

DEAL_COLUMNS = (
    "id",
    "name",
    "stage",
    "amount",
    "created",
    "close_date",
    "owner",
    "last_activity",
    "entered_stage",
)
VISIT_COLUMNS = ("deal_id", "stage", "entered")


@dataclass(frozen=True)
class StageInfo:
    id: str
    label: str
    probability: float | None
    closed: bool = False
    won: bool = False


@dataclass(frozen=True)
class PipelineInfo:
    id: str
    label: str
    stages: tuple[StageInfo, ...]

    @property
    def open_stages(self) -> list[StageInfo]:
        return [s for s in self.stages if not s.closed]

    @property
    def won_ids(self) -> set[str]:
        return {s.id for s in self.stages if s.won}

    @property
    def lost_ids(self) -> set[str]:
        return {s.id for s in self.stages if s.closed and not s.won}

    def label_of(self, stage_id: str) -> str:
        return next((s.label for s in self.stages if s.id == stage_id), stage_id)

    @classmethod
    def from_hubspot(cls, pipeline: dict[str, Any]) -> PipelineInfo:
        """From a pipeline as HubSpot's pipelines API returns it (stages in display order)."""
        stages = []
        for stage in sorted(pipeline.get("stages") or [], key=lambda s: s.get("displayOrder", 0)):
            if stage.get("archived"):
                continue
            meta = stage.get("metadata") or {}
            try:
                probability: float | None = float(meta.get("probability"))
            except (TypeError, ValueError):
                probability = None
            closed = str(meta.get("isClosed", "false")).lower() == "true"
            won = closed and probability is not None and probability >= 1.0
            stages.append(
                StageInfo(str(stage["id"]), str(stage.get("label") or stage["id"]), probability, closed, won)
            )
        return cls(str(pipeline["id"]), str(pipeline.get("label") or pipeline["id"]), tuple(stages))


@dataclass
class DealFrame:
    pipeline: PipelineInfo
    now: float
    deals: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(DEAL_COLUMNS)))
    visits: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(VISIT_COLUMNS)))

    @classmethod
    def build(
        cls,
        pipeline: PipelineInfo,
        now: float,
        rows: list[dict[str, Any]],
        visits: list[tuple[str, str, float]],
    ) -> DealFrame:
        deals = pd.DataFrame(rows, columns=list(DEAL_COLUMNS))
        for column in ("amount", "created", "close_date", "last_activity", "entered_stage"):
            deals[column] = pd.to_numeric(deals[column], errors="coerce").astype(float)
        for column in ("id", "name", "stage", "owner"):
            deals[column] = deals[column].astype(object)
        table = pd.DataFrame(visits, columns=list(VISIT_COLUMNS))
        table["entered"] = table["entered"].astype(float)
        table = table.sort_values(["deal_id", "entered"], kind="stable").reset_index(drop=True)
        return cls(pipeline, now, deals.reset_index(drop=True), table)

    @property
    def open_mask(self) -> np.ndarray:
        closed = {s.id for s in self.pipeline.stages if s.closed}
        return ~self.deals["stage"].isin(closed).to_numpy()


def frame_from_history(history: Any, pipeline: PipelineInfo, since: float | None = None) -> DealFrame:
    """The truth's own frame: what a perfect read of a generated history gives (deals created
    since ``since`` and every open deal, like the reader)."""
    rows, visits = [], []
    for deal in history.deals:
        closed = deal.visits[-1][0] in (history.won_stage, history.lost_stage)
        if since is not None and closed and deal.created < since:
            continue
        rows.append(
            {
                "id": deal.name,
                "name": deal.name,
                "stage": deal.visits[-1][0],
                "amount": deal.amount,
                "created": deal.created,
                "close_date": deal.visits[-1][1] if closed else deal.close_date,
                "owner": deal.owner,
                "last_activity": deal.last_activity,
                "entered_stage": deal.visits[-1][1],
            }
        )
        # A stage entered twice keeps its latest date only (as HubSpot's per-stage dates do).
        latest: dict[str, float] = {}
        for stage, at in deal.visits:
            latest[stage] = at
        visits.extend((deal.name, stage, at) for stage, at in latest.items())
    return DealFrame.build(pipeline, history.now, rows, visits)
