"""What HubSpot calculates on a deal when it is created or changes stage.

At HubSpot, a deal carries per-stage history properties that HubSpot maintains itself:

- today's deals: ``hs_v2_date_entered_<stageId>``, ``hs_v2_date_exited_<stageId>``,
  ``hs_v2_latest_time_in_<stageId>`` and ``hs_v2_cumulative_time_in_<stageId>``, plus
  ``hs_v2_date_entered_current_stage`` and ``hs_v2_time_in_current_stage`` (a date, despite
  its name);
- deals created before about April 2025: the legacy ``hs_date_entered_<stageId>``,
  ``hs_date_exited_<stageId>`` and ``hs_time_in_<stageId>`` instead of the per-stage v2 ones.

Times in stage are milliseconds. The closed/won flags (``hs_is_closed``, ``hs_is_closed_won``)
follow the stage's metadata, and a deal that closes without a close date gets the moment it
closed. The sandbox also keeps the value history of a few properties, so
``propertiesWithHistory`` can answer.
"""

from __future__ import annotations

from typing import Any

from hubwizard.sandbox.store import now_iso

V2_ENTERED = "hs_v2_date_entered_"
V2_EXITED = "hs_v2_date_exited_"
V2_LATEST = "hs_v2_latest_time_in_"
V2_CUMULATIVE = "hs_v2_cumulative_time_in_"
LEGACY_ENTERED = "hs_date_entered_"
LEGACY_EXITED = "hs_date_exited_"
LEGACY_TIME = "hs_time_in_"
CURRENT_ENTERED = "hs_v2_date_entered_current_stage"
CURRENT_TIME = "hs_v2_time_in_current_stage"
PER_STAGE_PREFIXES = (
    V2_ENTERED,
    V2_EXITED,
    V2_LATEST,
    V2_CUMULATIVE,
    LEGACY_ENTERED,
    LEGACY_EXITED,
    LEGACY_TIME,
)
CALCULATED = frozenset(
    {CURRENT_ENTERED, CURRENT_TIME, "hs_is_closed", "hs_is_closed_won", "hs_deal_stage_probability"}
)
ACTIVITY_PROPERTIES = frozenset(
    {
        "notes_last_updated",
        "notes_last_contacted",
        "hs_last_sales_activity_timestamp",
        "notes_next_activity_date",
    }
)
"""Activity dates. HubSpot computes them from logged activities; the sandbox has no activities,
so it accepts them as written values (a replay plants them this way)."""
HISTORY_KEPT = frozenset({"dealstage", "pipeline", "amount", "closedate", "hubspot_owner_id"})
LEGACY_FLAG = "legacyStageDates"
"""Set on a stored deal that carries the legacy per-stage names instead of the v2 ones."""


def is_calculated(name: str) -> bool:
    """True for the properties HubSpot computes: a write to them is refused."""
    return name in CALCULATED or name.startswith(PER_STAGE_PREFIXES)


def is_per_stage(name: str) -> bool:
    """A ``<prefix><stageId>`` history property (not the current-stage pair)."""
    return name.startswith(PER_STAGE_PREFIXES) and name not in (CURRENT_ENTERED, CURRENT_TIME)


def _ms(iso: str) -> int:
    from datetime import datetime

    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)


def enter_stage(
    doc: dict[str, Any], props: dict[str, Any], previous: str | None, stage: dict[str, Any], at: float
) -> None:
    """Record that the deal in ``props`` moved from ``previous`` (None: just created) to ``stage``."""
    stamp = now_iso(at)
    now_ms = _ms(stamp)
    legacy = bool(doc.get(LEGACY_FLAG))
    entered, exited = (LEGACY_ENTERED, LEGACY_EXITED) if legacy else (V2_ENTERED, V2_EXITED)
    if previous is not None:
        since = props.get(CURRENT_ENTERED) or props.get(entered + previous)
        spent = max(0, now_ms - _ms(since)) if since else 0
        props[exited + previous] = stamp
        if legacy:
            props[LEGACY_TIME + previous] = str(int(props.get(LEGACY_TIME + previous) or 0) + spent)
        else:
            props[V2_LATEST + previous] = str(spent)
            props[V2_CUMULATIVE + previous] = str(int(props.get(V2_CUMULATIVE + previous) or 0) + spent)
    props[entered + stage["id"]] = stamp
    props[CURRENT_ENTERED] = stamp
    props[CURRENT_TIME] = stamp
    meta = stage.get("metadata") or {}
    closed = str(meta.get("isClosed", "false")).lower() == "true"
    won = closed and _probability(meta.get("probability")) >= 1.0
    props["hs_is_closed"] = "true" if closed else "false"
    props["hs_is_closed_won"] = "true" if won else "false"
    if closed and not props.get("closedate"):
        props["closedate"] = stamp
    remember(doc, "dealstage", stage["id"], stamp)


def _probability(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def remember(doc: dict[str, Any], name: str, value: Any, stamp: str) -> None:
    """Append a value to the property's history (only for the properties whose history is kept)."""
    if name not in HISTORY_KEPT:
        return
    history = doc.setdefault("history", {}).setdefault(name, [])
    if history and history[-1][0] == value:
        return
    history.append([value, stamp])


def history_out(doc: dict[str, Any], names: list[str]) -> dict[str, list[dict[str, Any]]]:
    """HubSpot's ``propertiesWithHistory``: newest value first, each with its timestamp."""
    out: dict[str, list[dict[str, Any]]] = {}
    kept = doc.get("history") or {}
    props = doc["properties"]
    for name in names:
        entries = kept.get(name)
        if entries is None:
            value = props.get(name)
            entries = [] if value is None else [[value, doc.get("updatedAt") or props.get("createdate")]]
        out[name] = [
            {"value": value, "timestamp": stamp, "sourceType": "API", "sourceId": "sandbox"}
            for value, stamp in reversed(entries)
        ]
    return out
