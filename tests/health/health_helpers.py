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


def by_name(result: dict, ids_to_names: dict[str, str] | None = None) -> dict:
    """An analysis as JSON with deal ids replaced by deal names (ids differ between portals)."""
    out = dict(result)
    out["stranded"] = [
        dict(d, id=(ids_to_names or {}).get(d["id"], d["id"]) if ids_to_names else d["name"])
        for d in result["stranded"]
    ]
    return out
