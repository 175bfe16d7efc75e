"""Shared pieces of the health-check tests: the sandbox's default pipeline as the analysis sees
it, and a fixed 'now' so histories are the same on every run."""

from __future__ import annotations

from datetime import UTC, datetime

from hubwizard.health.frame import PipelineInfo, StageInfo
from hubwizard.sandbox.seed import DEFAULT_DEAL_STAGES

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def default_pipeline() -> PipelineInfo:
    return PipelineInfo(
        "default",
        "Sales Pipeline",
        tuple(
            StageInfo(sid, label, float(p), closed, closed and float(p) >= 1.0)
            for sid, label, p, closed in DEFAULT_DEAL_STAGES
        ),
    )


def by_name(result: dict) -> dict:
    """An analysis as JSON with each stranded deal's id replaced by its name: record ids differ
    between a portal and the generator's truth, names do not."""
    return {**result, "stranded": [dict(d, id=d["name"]) for d in result["stranded"]]}
