"""CRM records: ``/crm/v3/objects/{objectType}`` list/create/get/update/archive, ``batch/create``,
``batch/update``, ``batch/read`` and ``batch/archive`` (100 inputs at most), and ``POST …/search`` (filter groups,
sorts, 200 per page, ``total``, no paging past 10,000 results, five searches per second).

Property values are strings, as at HubSpot. Records of pipeline objects always sit in a pipeline
and one of its stages; a stage that is not in the record's pipeline is refused. Deals also get
``hs_deal_stage_probability`` from their stage, which is what a forecast multiplies by, and the
stage history and closed/won flags HubSpot calculates (:mod:`hubwizard.sandbox.deals`), stamped
with the sandbox's clock. ``propertiesWithHistory`` answers on list, get and batch read (at most
50 records per page when history is asked for, as at HubSpot).
"""

from __future__ import annotations

import bisect
import itertools
import json
import threading
import time
from collections import deque
from datetime import UTC, datetime
from typing import Any

from hubwizard.sandbox import deals
from hubwizard.sandbox.errors import bad_request, detail, not_found
from hubwizard.sandbox.portal import ObjectType, Portal
from hubwizard.sandbox.router import Request, Response, Router
from hubwizard.sandbox.routes import pipelines, properties

KIND = pipelines.RECORD_KIND
READ_ONLY = frozenset({"hs_object_id", "createdate", "hs_createdate", "hs_lastmodifieddate"})
ALWAYS_RETURNED = ("createdate", "hs_lastmodifieddate", "hs_object_id")
DEFAULT_PROPERTIES = {
    "0-1": ("firstname", "lastname", "email"),
    "0-2": ("name", "domain"),
    "0-3": ("dealname", "amount", "closedate", "pipeline", "dealstage"),
    "0-5": ("subject", "content", "hs_pipeline", "hs_pipeline_stage", "hs_ticket_priority"),
}
MAX_FILTER_GROUPS = 5
MAX_FILTERS_PER_GROUP = 6
MAX_FILTERS = 18
SEARCH_LIMIT = 200
SEARCH_MAX_RESULTS = 10_000
"""HubSpot pages a search no further than its first 10,000 results."""
SEARCH_PER_SECOND = 5
"""HubSpot's separate limit on CRM search requests, per portal."""
BATCH_LIMIT = 100
HISTORY_PAGE_LIMIT = 50
"""Records per page when ``propertiesWithHistory`` is asked for."""


# --- values ---------------------------------------------------------------------------------


def _as_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_properties(portal: Portal, ot: ObjectType, values: Any) -> dict[str, str | None]:
    if not isinstance(values, dict):
        raise bad_request("'properties' must be an object of property names to values")
    known = {p["name"] for p in portal.store.list(properties.KIND, ot.id) if not p.get("archived")}
    if ot.id == "0-3":
        calculated = [name for name in values if deals.is_calculated(name)]
        if calculated:
            raise bad_request(
                f"Property values were not valid: {', '.join(calculated)} are calculated by HubSpot and read-only"
            )
        known |= deals.ACTIVITY_PROPERTIES
    unknown = [name for name in values if name not in known]
    if unknown:
        raise bad_request(
            "Property values were not valid: " + ", ".join(f'Property "{n}" does not exist' for n in unknown),
            errors=[
                detail(f'Property "{n}" does not exist', "PROPERTY_DOESNT_EXIST", propertyName=n)
                for n in unknown
            ],
        )
    read_only = [name for name in values if name in READ_ONLY]
    if read_only:
        raise bad_request(f"Property values were not valid: {', '.join(read_only)} are read-only")
    return {name: _as_value(value) for name, value in values.items()}


def _place_in_pipeline(portal: Portal, ot: ObjectType, props: dict[str, Any]) -> dict[str, Any] | None:
    """Default and check the record's pipeline and stage; set the deal stage probability.

    Returns the stage the record is in (None for objects without pipelines).
    """
    if not ot.has_pipelines:
        return None
    live = [p for p in portal.store.list(pipelines.KIND, ot.id) if not p.get("archived")]
    if not live:
        return None
    pipeline_id = (
        props.get(ot.pipeline_property) or pipelines.DEFAULT_PIPELINE_IDS.get(ot.id) or live[0]["id"]
    )
    pipeline = next((p for p in live if p["id"] == pipeline_id), None)
    if pipeline is None:
        raise bad_request(f"{ot.pipeline_property} '{pipeline_id}' is not a pipeline of {ot.name}")
    stage_id = props.get(ot.stage_property) or pipeline["stages"][0]["id"]
    stage = next((s for s in pipeline["stages"] if s["id"] == stage_id), None)
    if stage is None:
        raise bad_request(
            f"{ot.stage_property} '{stage_id}' is not a stage of pipeline '{pipeline_id}'",
            errors=[detail("stage not in pipeline", "INVALID_OPTION", propertyName=ot.stage_property)],
        )
    props[ot.pipeline_property] = pipeline_id
    props[ot.stage_property] = stage_id
    if ot.id == "0-3" and "probability" in stage["metadata"]:
        props["hs_deal_stage_probability"] = stage["metadata"]["probability"]
    return stage


def new_record(
    portal: Portal, ot: ObjectType, values: dict[str, Any], at: str | None = None, *, legacy: bool = False
) -> dict[str, Any]:
    """A stored record (used by the seed too); ``values`` must already be checked.

    ``legacy`` makes a deal carry HubSpot's legacy stage-date names (deals created before 2025).
    """
    at = at or portal.clock.iso()
    record_id = str(portal.store.next_id("record", 20000001))
    props = {k: v for k, v in values.items() if v is not None}
    stage = _place_in_pipeline(portal, ot, props)
    props.update({"hs_object_id": record_id, "createdate": at, "hs_lastmodifieddate": at})
    doc = {"id": record_id, "properties": props, "createdAt": at, "updatedAt": at, "archived": False}
    if legacy:
        doc[deals.LEGACY_FLAG] = True
    if ot.id == "0-3":
        for name, value in props.items():
            deals.remember(doc, name, value, at)
        if stage is not None:
            deals.enter_stage(doc, props, None, stage, _seconds(at))
    return doc


def _seconds(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def record_out(
    doc: dict[str, Any], wanted: list[str] | None, ot: ObjectType, history: list[str] | None = None
) -> dict[str, Any]:
    names = wanted if wanted is not None else list(DEFAULT_PROPERTIES.get(ot.id, ()))
    names = [*names, *(n for n in ALWAYS_RETURNED if n not in names)]
    props = doc["properties"]
    out = {k: doc[k] for k in ("id", "createdAt", "updatedAt", "archived") if k in doc}
    out["properties"] = {name: props.get(name) for name in names}
    if history:
        out["propertiesWithHistory"] = deals.history_out(doc, history)
    if doc.get("archivedAt"):
        out["archivedAt"] = doc["archivedAt"]
    return out


def _written_out(doc: dict[str, Any], ot: ObjectType) -> dict[str, Any]:
    """A write's answer: the record's properties, without the per-stage history HubSpot fills
    in later (only the current-stage pair is there right away)."""
    names = [n for n in doc["properties"] if not deals.is_per_stage(n)]
    return record_out(doc, names, ot)


def _record(req: Request, ot: ObjectType, *, stale: bool = False) -> dict[str, Any]:
    record_id = req.params["objectId"]
    doc = req.portal.store.get(KIND, ot.id, record_id, stale=stale)
    if doc is None or bool(doc.get("archived")) != req.q_bool("archived"):
        raise not_found(f"Object not found. objectId are usually numeric. ({ot.name} {record_id})")
    return doc


# --- handlers -------------------------------------------------------------------------------


def list_records(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    history = req.q_all("propertiesWithHistory") or None
    limit = req.q_int("limit", 10, high=100)
    if history:
        limit = min(limit, HISTORY_PAGE_LIMIT)
    after = req.q("after") or "0"
    if not after.isdigit():
        raise bad_request(f"Invalid paging cursor 'after': {after}")
    archived = req.q_bool("archived")
    wanted = req.q_all("properties") or None
    if archived:
        docs = [d for d in req.portal.store.list(KIND, ot.id, stale=True) if d.get("archived")]
    else:
        docs = [d for d in req.portal.store.list_shared(KIND, ot.id) if not d.get("archived")]
    start = int(after)
    page = docs[start : start + limit]
    out: dict[str, Any] = {"results": [record_out(d, wanted, ot, history) for d in page]}
    if start + limit < len(docs):
        nxt = str(start + limit)
        out["paging"] = {"next": {"after": nxt, "link": f"/crm/v3/objects/{ot.name}?after={nxt}"}}
    return Response(200, out)


def get_record(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    doc = _record(req, ot, stale=True)
    return Response(
        200, record_out(doc, req.q_all("properties") or None, ot, req.q_all("propertiesWithHistory"))
    )


def _create(portal: Portal, ot: ObjectType, body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise bad_request("each input must be an object with 'properties'")
    values = _check_properties(portal, ot, body.get("properties", {}))
    doc = new_record(portal, ot, values)
    portal.store.put(KIND, ot.id, doc["id"], doc)
    return doc


def _update(portal: Portal, ot: ObjectType, doc: dict[str, Any], raw: Any) -> dict[str, Any]:
    values = _check_properties(portal, ot, raw)
    props = dict(doc["properties"])
    at = portal.clock.iso()
    before = props.get(ot.stage_property) if ot.id == "0-3" else None
    for name, value in values.items():
        if value is None or value == "":
            props.pop(name, None)
        else:
            props[name] = value
        if ot.id == "0-3":
            deals.remember(doc, name, value, at)
    if ot.pipeline_property in values and ot.stage_property not in values:
        props.pop(ot.stage_property, None)  # a new pipeline starts at its first stage
    stage = _place_in_pipeline(portal, ot, props)
    if ot.id == "0-3" and stage is not None and stage["id"] != before:
        deals.enter_stage(doc, props, before, stage, _seconds(at))
    props["hs_lastmodifieddate"] = at
    doc.update(properties=props, updatedAt=at)
    portal.store.put(KIND, ot.id, doc["id"], doc)
    return doc


def create_record(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    doc = _create(req.portal, ot, req.json_object())
    return Response(201, _written_out(doc, ot))


def update_record(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    doc = _record(req, ot)
    doc = _update(req.portal, ot, doc, req.json_object().get("properties", {}))
    return Response(200, _written_out(doc, ot))


def _inputs(body: dict[str, Any]) -> list[Any]:
    inputs = body.get("inputs")
    if not isinstance(inputs, list):
        raise bad_request("'inputs' must be a list")
    if len(inputs) > BATCH_LIMIT:
        raise bad_request(f"A batch takes at most {BATCH_LIMIT} inputs, got {len(inputs)}")
    return inputs


def _batch_answer(
    status: int, results: list[dict[str, Any]], started: str, portal: Portal, **extra: Any
) -> Response:
    return Response(
        status,
        {
            "status": "COMPLETE",
            "results": results,
            "startedAt": started,
            "completedAt": portal.clock.iso(),
            **extra,
        },
    )


def batch_create(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    inputs = _inputs(req.json_object())
    started = req.portal.clock.iso()
    docs = [_create(req.portal, ot, item) for item in inputs]  # one transaction: all or nothing
    return _batch_answer(201, [_written_out(d, ot) for d in docs], started, req.portal)


def batch_update(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    inputs = _inputs(req.json_object())
    started = req.portal.clock.iso()
    out = []
    for i, item in enumerate(inputs):
        if not isinstance(item, dict) or not str(item.get("id") or ""):
            raise bad_request(f"inputs[{i}] needs an 'id'")
        doc = req.portal.store.get(KIND, ot.id, str(item["id"]))
        if doc is None or doc.get("archived"):
            raise not_found(f"Object not found. objectId are usually numeric. ({ot.name} {item['id']})")
        out.append(_written_out(_update(req.portal, ot, doc, item.get("properties", {})), ot))
    return _batch_answer(200, out, started, req.portal)


def batch_archive(req: Request) -> Response:
    """HubSpot answers 204 and ignores ids that are already gone."""
    ot = req.portal.object_type(req.params["objectType"])
    at = req.portal.clock.iso()
    for i, item in enumerate(_inputs(req.json_object())):
        if not isinstance(item, dict) or not str(item.get("id") or ""):
            raise bad_request(f"inputs[{i}] needs an 'id'")
        doc = req.portal.store.get(KIND, ot.id, str(item["id"]))
        if doc is not None and not doc.get("archived"):
            doc.update(archived=True, archivedAt=at, updatedAt=at)
            req.portal.store.put(KIND, ot.id, doc["id"], doc)
    return Response(204)


def batch_read(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    body = req.json_object()
    inputs = _inputs(body)
    if body.get("idProperty") not in (None, "", "hs_object_id"):
        raise bad_request("The sandbox reads records by their id only (idProperty hs_object_id)")
    wanted = body.get("properties") or None
    history = body.get("propertiesWithHistory") or None
    for name, value in (("properties", wanted), ("propertiesWithHistory", history)):
        if value is not None and not isinstance(value, list):
            raise bad_request(f"{name} must be a list of property names")
    archived = req.q_bool("archived")
    started = req.portal.clock.iso()
    results, missing = [], []
    for i, item in enumerate(inputs):
        if not isinstance(item, dict) or not str(item.get("id") or ""):
            raise bad_request(f"inputs[{i}] needs an 'id'")
        doc = req.portal.store.get(KIND, ot.id, str(item["id"]), stale=True)
        if doc is None or bool(doc.get("archived")) != archived:
            missing.append(str(item["id"]))
            continue
        results.append(record_out(doc, wanted, ot, history))
    if not missing:
        return _batch_answer(200, results, started, req.portal)
    error = {
        "status": "error",
        "category": "OBJECT_NOT_FOUND",
        "message": f"Could not get some {ot.name} objects, they may be deleted or not exist. Check that ids are valid.",
        "context": {"ids": missing},
    }
    return _batch_answer(207, results, started, req.portal, numErrors=1, errors=[error])


def archive_record(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    doc = _record(req, ot)
    at = req.portal.clock.iso()
    doc.update(archived=True, archivedAt=at, updatedAt=at)
    req.portal.store.put(KIND, ot.id, doc["id"], doc)
    return Response(204)


# --- search ---------------------------------------------------------------------------------


def _number(value: Any) -> float | None:
    """A number, or a date as milliseconds since the epoch (HubSpot compares dates either way)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        pass
    text = str(value) if value is not None else ""
    if len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.timestamp() * 1000
    return None


def _compare(actual: str | None, wanted: Any) -> int | None:
    """-1/0/1 comparing a stored value with a filter value (numbers as numbers), None if absent."""
    if actual is None or wanted is None:
        return None
    a, b = _number(actual), _number(wanted)
    if a is not None and b is not None:
        return (a > b) - (a < b)
    left, right = str(actual).lower(), str(wanted).lower()
    return (left > right) - (left < right)


def _matches(props: dict[str, Any], flt: dict[str, Any]) -> bool:
    name = flt.get("propertyName")
    op = str(flt.get("operator", "EQ")).upper()
    actual = props.get(name)
    value = flt.get("value")
    values = [str(v).lower() for v in flt.get("values") or []]
    if op == "HAS_PROPERTY":
        return actual not in (None, "")
    if op == "NOT_HAS_PROPERTY":
        return actual in (None, "")
    if op == "IN":
        return actual is not None and str(actual).lower() in values
    if op == "NOT_IN":
        return actual is None or str(actual).lower() not in values
    if op in ("CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"):
        token = str(value or "").strip("*").lower()
        found = actual is not None and token in str(actual).lower()
        return found if op == "CONTAINS_TOKEN" else not found
    if op == "BETWEEN":
        low, high = _compare(actual, value), _compare(actual, flt.get("highValue"))
        return low is not None and high is not None and low >= 0 and high <= 0
    cmp = _compare(actual, value)
    if op == "EQ":
        return cmp == 0
    if op == "NEQ":
        return cmp != 0
    if cmp is None:
        return False
    return {"LT": cmp < 0, "LTE": cmp <= 0, "GT": cmp > 0, "GTE": cmp >= 0}[op]


OPERATORS = frozenset(
    {
        "EQ",
        "NEQ",
        "LT",
        "LTE",
        "GT",
        "GTE",
        "BETWEEN",
        "IN",
        "NOT_IN",
        "HAS_PROPERTY",
        "NOT_HAS_PROPERTY",
        "CONTAINS_TOKEN",
        "NOT_CONTAINS_TOKEN",
    }
)


def _filter_groups(body: dict[str, Any]) -> list[list[dict[str, Any]]]:
    groups = body.get("filterGroups") or []
    if not isinstance(groups, list) or len(groups) > MAX_FILTER_GROUPS:
        raise bad_request(f"filterGroups must be a list of at most {MAX_FILTER_GROUPS} groups")
    out = []
    total = 0
    for i, group in enumerate(groups):
        filters = group.get("filters") if isinstance(group, dict) else None
        if not isinstance(filters, list) or len(filters) > MAX_FILTERS_PER_GROUP:
            raise bad_request(
                f"filterGroups[{i}].filters must be a list of at most {MAX_FILTERS_PER_GROUP} filters"
            )
        for j, flt in enumerate(filters):
            if not isinstance(flt, dict) or not flt.get("propertyName"):
                raise bad_request(f"filterGroups[{i}].filters[{j}] needs a propertyName")
            if str(flt.get("operator", "EQ")).upper() not in OPERATORS:
                raise bad_request(f"filterGroups[{i}].filters[{j}]: unknown operator '{flt.get('operator')}'")
        total += len(filters)
        out.append(filters)
    if total > MAX_FILTERS:
        raise bad_request(f"A search takes at most {MAX_FILTERS} filters in all")
    return out


class _SearchLimit:
    """HubSpot's search limit: a few search requests per rolling second, for the whole portal."""

    def __init__(self, per_second: int = SEARCH_PER_SECOND) -> None:
        self.per_second = per_second
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def admit(self) -> bool:
        now = time.monotonic()
        with self._lock:
            while self._times and self._times[0] <= now - 1.0:
                self._times.popleft()
            if len(self._times) >= self.per_second:
                return False
            self._times.append(now)
            return True


def _search_limit(portal: Portal) -> _SearchLimit:
    return portal.__dict__.setdefault("_search_limit", _SearchLimit())


def search_refused(portal: Portal, template: str, correlation_id: str) -> dict[str, Any] | None:
    """HubSpot's 429 body when a search goes over the per-second search limit, else None.

    Checked by the server as a request arrives (like the ten-second limit), so what counts is
    when searches reach the portal, not how long each waited for the added latency.
    """
    if not template.endswith("/search") or _search_limit(portal).admit():
        return None
    return {
        "status": "error",
        "message": "You have reached your secondly limit.",
        "errorType": "RATE_LIMIT",
        "correlationId": correlation_id,
        "policyName": "SECONDLY",
        "groupName": f"SEARCH:{portal.portal_id}",
    }


IdBound = tuple[str, float]


def _keyset_bounds(
    groups: list[list[dict[str, Any]]],
) -> tuple[list[list[dict[str, Any]]], list[IdBound]]:
    """When every filter group carries the same ``hs_object_id`` range filters (``GT|GTE x``
    and/or ``LT|LTE y``: the usual way to read past 10,000 results, or in slices side by side),
    split them off: the rest can be cached and the range applied by bisection."""
    shared: set[tuple[IdBound, ...]] = set()
    rest = []
    for group in groups:
        found = [
            f
            for f in group
            if f.get("propertyName") == "hs_object_id"
            and str(f.get("operator", "")).upper() in ("GT", "GTE", "LT", "LTE")
        ]
        ops = [str(f["operator"]).upper() for f in found]
        numbers = [_number(f.get("value")) for f in found]
        if not found or any(n is None for n in numbers) or len({o[:2] for o in ops}) != len(ops):
            return groups, []
        shared.add(tuple(sorted(zip(ops, numbers, strict=True))))  # type: ignore[arg-type]
        rest.append([f for f in group if all(f is not g for g in found)])
    if len(shared) != 1:
        return groups, []
    return rest, list(shared.pop())


def _matching(
    portal: Portal, ot: ObjectType, groups: list[list[dict[str, Any]]], query: str
) -> tuple[list[dict[str, Any]], list[int] | None]:
    """Live records matching the filter groups and query, in creation order, and their ids when
    those ascend (always, for records this sandbox created); cached until the next write, since
    a long read asks the same search page after page."""
    docs = portal.store.list_shared(KIND, ot.id)
    key = json.dumps([ot.id, groups, query], sort_keys=True, default=str)
    cache = portal.__dict__.setdefault("_search_cache", {})
    hit = cache.get(key)
    if hit is not None and hit[0] is docs:
        return hit[1], hit[2]
    found = [d for d in docs if not d.get("archived")]
    if groups:
        found = [d for d in found if any(all(_matches(d["properties"], f) for f in g) for g in groups)]
    if query:
        found = [d for d in found if any(query in str(v).lower() for v in d["properties"].values())]
    ids: list[int] | None = [int(d["id"]) for d in found]
    if any(a >= b for a, b in itertools.pairwise(ids)):
        ids = None
    cache.clear()
    cache[key] = (docs, found, ids)
    return found, ids


def search_records(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    body = req.json_object()
    groups = _filter_groups(body)
    limit = body.get("limit", 10)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 0 < limit <= SEARCH_LIMIT:
        raise bad_request(f"limit must be between 1 and {SEARCH_LIMIT}")
    after = str(body.get("after") or "0")
    if not after.isdigit():
        raise bad_request(f"Invalid paging cursor 'after': {after}")
    start = int(after)
    if start + limit > SEARCH_MAX_RESULTS:
        raise bad_request(
            f"A search returns at most its first {SEARCH_MAX_RESULTS} results; 'after' {start} with limit {limit} "
            "goes past them. Narrow the filters (for example hs_object_id GT the last id read) instead."
        )
    wanted = body.get("properties") or None
    if wanted is not None and not isinstance(wanted, list):
        raise bad_request("properties must be a list of property names")
    sorts = body.get("sorts") or []
    if not isinstance(sorts, list):
        raise bad_request("sorts must be a list")
    rest, bounds = _keyset_bounds(groups)
    docs, ids = _matching(req.portal, ot, rest, str(body.get("query") or "").lower())
    if bounds and ids is not None:
        low, high = 0, len(ids)
        for op, value in bounds:
            if op == "GT":
                low = max(low, bisect.bisect_right(ids, value))
            elif op == "GTE":
                low = max(low, bisect.bisect_left(ids, value))
            elif op == "LT":
                high = min(high, bisect.bisect_left(ids, value))
            else:
                high = min(high, bisect.bisect_right(ids, value))
        docs = docs[low:high]
    elif bounds:
        ranges = [{"propertyName": "hs_object_id", "operator": op, "value": value} for op, value in bounds]
        docs = [d for d in docs if all(_matches(d["properties"], f) for f in ranges)]
    by_id_ascending = (
        len(sorts) == 1
        and isinstance(sorts[0], dict)
        and sorts[0].get("propertyName") == "hs_object_id"
        and str(sorts[0].get("direction", "ASCENDING")).upper() != "DESCENDING"
    )
    if sorts and not (by_id_ascending and ids is not None):  # ids ascending: already in order
        docs = list(docs)
        for sort in reversed(sorts):
            name = sort.get("propertyName") if isinstance(sort, dict) else str(sort)
            descending = isinstance(sort, dict) and str(sort.get("direction", "")).upper() == "DESCENDING"

            def key(d: dict[str, Any], name: str = name) -> tuple[int, float, str]:
                value = d["properties"].get(name)
                number = _number(value)
                return (value is None, number if number is not None else 0.0, str(value or "").lower())

            docs.sort(key=key, reverse=descending)
    out: dict[str, Any] = {
        "total": len(docs),
        "results": [record_out(d, wanted, ot) for d in docs[start : start + limit]],
    }
    if start + limit < min(len(docs), SEARCH_MAX_RESULTS):
        out["paging"] = {"next": {"after": str(start + limit)}}
    return Response(200, out)


def register(router: Router) -> None:
    base = "/crm/v3/objects/{objectType}"
    router.add("GET", base, list_records)
    router.add("POST", base, create_record)
    router.add("POST", base + "/search", search_records, write=False)
    router.add("POST", base + "/batch/create", batch_create)
    router.add("POST", base + "/batch/update", batch_update)
    router.add("POST", base + "/batch/read", batch_read, write=False)
    router.add("POST", base + "/batch/archive", batch_archive)
    router.add("GET", base + "/{objectId}", get_record)
    router.add("PATCH", base + "/{objectId}", update_record)
    router.add("DELETE", base + "/{objectId}", archive_record)
