"""Reading a pipeline's deals for the health check, within HubSpot's documented limits.

One search per page (``POST /crm/v3/objects/deals/search``, the SDK's ``search_api``): the
pipeline's deals created since a date (default: a year ago) plus every deal still open, 200 per
page (the search maximum), in ``hs_object_id`` order. A search never pages past its first 10,000
results, so instead of ``after`` each page asks for ``hs_object_id`` greater than the last id
read: any number of deals, same number of requests. Searches have their own limit (five a second
per portal), which the gateway's :class:`~hubwizard.searchlimit.SearchPacer` keeps whatever the
delays; the gateway's limiter keeps the ten-second one.

Per-stage dates come from HubSpot's v2 properties (``hs_v2_date_entered_<stageId>``), else the
legacy ones (``hs_date_entered_<stageId>``); for deals with neither, a batch read with
``propertiesWithHistory=dealstage`` (50 deals per request) gives the path. Deal data stays in
memory: nothing here writes, logs or caches it.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from hubwizard.health.frame import DealFrame, PipelineInfo
from hubwizard.searchlimit import SEARCH_PER_SECOND, SearchPacer

if TYPE_CHECKING:
    from hubwizard.gateway import Gateway

SEARCH_PAGE = 200
"""Largest page the search API returns."""
SEARCH_RESULT_CAP = 10_000
"""A search pages no further than this many results."""
HISTORY_BATCH = 50
"""Deals per batch read when their value history is asked for."""
DEFAULT_SINCE_DAYS = 365
SEARCH_ATTEMPTS = 3
SLICES = 3
"""Slices of ids read side by side on a long read (the search limit still sets the pace)."""
SLICE_MIN_DEALS = 2_000
ACTIVITY_PROPERTIES = ("notes_last_updated", "notes_last_contacted", "hs_last_sales_activity_timestamp")
BASE_PROPERTIES = (
    "dealname",
    "dealstage",
    "pipeline",
    "amount",
    "closedate",
    "createdate",
    "hubspot_owner_id",
    "hs_is_closed",
    "hs_is_closed_won",
    "hs_v2_date_entered_current_stage",
    *ACTIVITY_PROPERTIES,
)
V2_ENTERED = "hs_v2_date_entered_"
LEGACY_ENTERED = "hs_date_entered_"


@dataclass
class ReadReport:
    """What a read cost: the benchmark and the CLI print it."""

    deals: int = 0
    search_pages: int = 0
    history_reads: int = 0
    from_history: int = 0
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return self.search_pages + self.history_reads


def search_bound_seconds(deals: int, page: int = SEARCH_PAGE, per_second: int = SEARCH_PER_SECOND) -> float:
    """The least time any client needs to search ``deals`` deals: pages ÷ searches per second."""
    return math.ceil(max(deals, 1) / page) / per_second


def stage_properties(pipeline: PipelineInfo) -> list[str]:
    return [prefix + s.id for s in pipeline.stages for prefix in (V2_ENTERED, LEGACY_ENTERED)]


class _Collector:
    """Rows, paths and history reads of a read, filled by the slices side by side."""

    def __init__(self, gateway: Gateway, pipeline: PipelineInfo, helper: ThreadPoolExecutor) -> None:
        self.gateway = gateway
        self.pipeline = pipeline
        self.helper = helper
        self.rows: list[dict[str, Any]] = []
        self.visits: list[tuple[str, str, float]] = []
        self.missing: list[str] = []
        self.pending: list[Future[list[tuple[str, str, float]]]] = []
        self.pages = 0
        self.lock = threading.Lock()

    def add(self, results: list[dict[str, Any]]) -> None:
        converted = [_row(record, self.pipeline) for record in results]
        with self.lock:
            self.pages += 1
            for row, path in converted:
                self.rows.append(row)
                if path:
                    self.visits.extend((row["id"], stage, at) for stage, at in path)
                else:
                    self.missing.append(row["id"])
            self._submit(final=False)

    def _submit(self, *, final: bool) -> None:
        """History reads go under the ten-second limit, searches under their own: a helper
        thread reads the paths the pages lacked while the next searches wait for their turn."""
        while True:
            start = HISTORY_BATCH * len(self.pending)
            chunk = self.missing[start : start + HISTORY_BATCH]
            if not chunk or (len(chunk) < HISTORY_BATCH and not final):
                return
            self.pending.append(self.helper.submit(_history, self.gateway, chunk))

    def finish(self) -> None:
        with self.lock:
            self._submit(final=True)
        for future in self.pending:
            self.visits.extend(future.result())


def read_pipeline(
    gateway: Gateway,
    pipeline_id: str,
    *,
    since: datetime | None = None,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    pacer: SearchPacer | None = None,
) -> tuple[DealFrame, ReadReport]:
    """The deals of one pipeline as a :class:`DealFrame`, and what reading them cost.

    A long read is cut into slices of ``hs_object_id`` read side by side, so the wait for each
    answer does not add up: only the search limit sets the pace. ``progress`` is called from
    the calling thread only (the wizard's progress bar needs that).
    """
    started = time.perf_counter()
    raw = gateway.pipeline("deals", pipeline_id)
    if raw is None:
        raise LookupError(f"The portal has no deal pipeline with the id '{pipeline_id}'")
    pipeline = PipelineInfo.from_hubspot(raw)
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    since = since or (moment - timedelta(days=DEFAULT_SINCE_DAYS))
    pacer = pacer or gateway.search_pacer()
    properties = [*BASE_PROPERTIES, *stage_properties(pipeline)]
    since_ms = str(int(since.timestamp() * 1000))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="deal-history") as helper:
        found = _Collector(gateway, pipeline, helper)
        first = _searched(gateway, pacer, search_body(pipeline.id, since_ms, 0, properties))
        results = first.get("results") or []
        total = max(int(first.get("total") or 0), len(results))
        found.add(results)
        if progress is not None:
            progress(len(found.rows), total)
        if len(results) == SEARCH_PAGE:
            last_id = int(results[-1]["id"])
            bounds = [last_id]
            if total - len(results) > SLICE_MIN_DEALS:
                newest = _searched(
                    gateway, pacer, search_body(pipeline.id, since_ms, last_id, ["hs_object_id"], 1, True)
                )
                found.pages += 1
                top = int(((newest.get("results") or [{}])[0]).get("id") or last_id)
                step = max(1, (top - last_id) // SLICES)
                bounds += [last_id + step * k for k in range(1, SLICES)]
            slices = [(low, high) for low, high in zip(bounds, [*bounds[1:], None], strict=True)]
            with ThreadPoolExecutor(max_workers=len(slices), thread_name_prefix="deal-search") as readers:
                futures = [
                    readers.submit(
                        _read_slice, gateway, pacer, found, pipeline.id, since_ms, properties, low, high
                    )
                    for low, high in slices
                ]
                while not all(f.done() for f in futures):
                    time.sleep(0.1)
                    if progress is not None:
                        progress(len(found.rows), max(total, len(found.rows)))
                for future in futures:
                    future.result()  # a slice's error is the read's error
        found.finish()
    if progress is not None:
        progress(len(found.rows), len(found.rows))
    report = ReadReport(
        deals=len(found.rows),
        search_pages=found.pages,
        history_reads=len(found.pending),
        from_history=len(found.missing),
    )
    frame = DealFrame.build(pipeline, moment.timestamp(), found.rows, found.visits)
    _fill_entered(frame)
    report.seconds = time.perf_counter() - started
    return frame, report


def _read_slice(
    gateway: Gateway,
    pacer: SearchPacer,
    found: _Collector,
    pipeline_id: str,
    since_ms: str,
    properties: list[str],
    low: int,
    high: int | None,
) -> None:
    """Deals with ``low < hs_object_id <= high`` (no upper end: ``None``), page after page."""
    last = low
    while True:
        page = _searched(gateway, pacer, search_body(pipeline_id, since_ms, last, properties, upto=high))
        results = page.get("results") or []
        found.add(results)
        if len(results) < SEARCH_PAGE:
            return
        last = int(results[-1]["id"])


def _history(gateway: Gateway, ids: list[str]) -> list[tuple[str, str, float]]:
    """The paths of deals without stage dates, from their ``dealstage`` history."""
    answer = gateway.read_deals(ids, ["dealstage"], ["dealstage"])
    out = []
    for record in answer.get("results") or []:
        entries = (record.get("propertiesWithHistory") or {}).get("dealstage") or []
        out.extend((str(record["id"]), stage, at) for stage, at in _path_from_history(entries))
    return out


def search_body(
    pipeline_id: str,
    since_ms: str,
    last_id: int,
    properties: list[str],
    limit: int = SEARCH_PAGE,
    newest_first: bool = False,
    upto: int | None = None,
) -> dict[str, Any]:
    """One page: the pipeline's deals created since ``since_ms`` or still open, with an id above
    ``last_id`` (and at most ``upto``), in id order."""
    common = [
        {"propertyName": "pipeline", "operator": "EQ", "value": pipeline_id},
        {"propertyName": "hs_object_id", "operator": "GT", "value": str(last_id)},
    ]
    if upto is not None:
        common.append({"propertyName": "hs_object_id", "operator": "LTE", "value": str(upto)})
    return {
        "filterGroups": [
            {"filters": [*common, {"propertyName": "createdate", "operator": "GTE", "value": since_ms}]},
            {"filters": [*common, {"propertyName": "hs_is_closed", "operator": "EQ", "value": "false"}]},
        ],
        "sorts": [
            {"propertyName": "hs_object_id", "direction": "DESCENDING" if newest_first else "ASCENDING"}
        ],
        "properties": properties,
        "limit": limit,
    }


def _searched(gateway: Gateway, pacer: SearchPacer, body: dict[str, Any]) -> dict[str, Any]:
    """One search page. A search only reads, so one whose answer was lost is simply asked again
    (the gateway never re-sends a POST on its own: most POSTs create)."""
    from hubwizard.errors import PortalError

    for attempt in range(1, SEARCH_ATTEMPTS + 1):
        slot = pacer.acquire()
        try:
            return gateway.search_deals(body)
        except PortalError as exc:
            if not exc.ambiguous or attempt == SEARCH_ATTEMPTS:
                raise
        finally:
            pacer.done(slot)
    raise AssertionError("unreachable")


def _row(record: dict[str, Any], pipeline: PipelineInfo) -> tuple[dict[str, Any], list[tuple[str, float]]]:
    props = record.get("properties") or {}
    stage = str(props.get("dealstage") or "")
    path = []
    for s in pipeline.stages:
        at = (
            seconds(props.get(V2_ENTERED + s.id))
            if props.get(V2_ENTERED + s.id)
            else seconds(props.get(LEGACY_ENTERED + s.id))
        )
        if not math.isnan(at):
            path.append((s.id, at))
    created = seconds(props.get("createdate"))
    entered = seconds(props.get("hs_v2_date_entered_current_stage"))
    if path and stage not in {s for s, _ in path}:
        path.append((stage, entered if not math.isnan(entered) else created))
    activity = [seconds(props.get(name)) for name in ACTIVITY_PROPERTIES]
    activity = [a for a in activity if not math.isnan(a)]
    row = {
        "id": str(record.get("id") or props.get("hs_object_id")),
        "name": props.get("dealname") or "",
        "stage": stage,
        "amount": _float(props.get("amount")),
        "created": created,
        "close_date": seconds(props.get("closedate")),
        "owner": props.get("hubspot_owner_id") or "",
        "last_activity": max(activity) if activity else math.nan,
        "entered_stage": entered,
    }
    return row, path


def _path_from_history(entries: Iterable[dict[str, Any]]) -> list[tuple[str, float]]:
    """Stages in the order entered, each with its latest entry (HubSpot lists newest first)."""
    latest: dict[str, float] = {}
    for entry in sorted(entries, key=lambda e: seconds(e.get("timestamp"))):
        at = seconds(entry.get("timestamp"))
        if entry.get("value") and not math.isnan(at):
            latest.pop(str(entry["value"]), None)
            latest[str(entry["value"])] = at
    return list(latest.items())


def _fill_entered(frame: DealFrame) -> None:
    """Deals without ``hs_v2_date_entered_current_stage`` take it from their path."""
    deals = frame.deals
    gaps = deals["entered_stage"].isna()
    if not gaps.any() or frame.visits.empty:
        return
    latest = frame.visits.groupby(["deal_id", "stage"])["entered"].max()
    keys = list(zip(deals.loc[gaps, "id"], deals.loc[gaps, "stage"], strict=True))
    deals.loc[gaps, "entered_stage"] = [latest.get(key, math.nan) for key in keys]


def seconds(value: Any) -> float:
    """A HubSpot date value (ISO text or milliseconds since the epoch) in seconds; NaN if none."""
    if value is None or value == "":
        return math.nan
    text = str(value)
    if text.isdigit():
        return int(text) / 1000.0
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return math.nan


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan
