"""CRM records, enough for stage-usage checks and forecasts: ``/crm/v3/objects/{objectType}``
list/create/get/update/archive and ``POST …/search`` (filter groups, sorts, paging, ``total``).

Property values are strings, as at HubSpot. Records of pipeline objects always sit in a pipeline
and one of its stages; a stage that is not in the record's pipeline is refused. Deals also get
``hs_deal_stage_probability`` from their stage, which is what a forecast multiplies by.
"""

from __future__ import annotations

from typing import Any

from hubwizard.sandbox.errors import bad_request, detail, not_found
from hubwizard.sandbox.portal import ObjectType, Portal
from hubwizard.sandbox.router import Request, Response, Router
from hubwizard.sandbox.routes import pipelines, properties
from hubwizard.sandbox.store import now_iso

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


def _place_in_pipeline(portal: Portal, ot: ObjectType, props: dict[str, Any]) -> None:
    """Default and check the record's pipeline and stage; set the deal stage probability."""
    if not ot.has_pipelines:
        return
    live = [p for p in portal.store.list(pipelines.KIND, ot.id) if not p.get("archived")]
    if not live:
        return
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


def new_record(
    portal: Portal, ot: ObjectType, values: dict[str, Any], at: str | None = None
) -> dict[str, Any]:
    """A stored record (used by the seed too); ``values`` must already be checked."""
    at = at or now_iso()
    record_id = str(portal.store.next_id("record", 20000001))
    props = {k: v for k, v in values.items() if v is not None}
    _place_in_pipeline(portal, ot, props)
    props.update({"hs_object_id": record_id, "createdate": at, "hs_lastmodifieddate": at})
    return {"id": record_id, "properties": props, "createdAt": at, "updatedAt": at, "archived": False}


def record_out(doc: dict[str, Any], wanted: list[str] | None, ot: ObjectType) -> dict[str, Any]:
    names = wanted if wanted is not None else list(DEFAULT_PROPERTIES.get(ot.id, ()))
    names = [*names, *(n for n in ALWAYS_RETURNED if n not in names)]
    props = doc["properties"]
    out = {k: doc[k] for k in ("id", "createdAt", "updatedAt", "archived") if k in doc}
    out["properties"] = {name: props.get(name) for name in names}
    if doc.get("archivedAt"):
        out["archivedAt"] = doc["archivedAt"]
    return out


def _record(req: Request, ot: ObjectType, *, stale: bool = False) -> dict[str, Any]:
    record_id = req.params["objectId"]
    doc = req.portal.store.get(KIND, ot.id, record_id, stale=stale)
    if doc is None or bool(doc.get("archived")) != req.q_bool("archived"):
        raise not_found(f"Object not found. objectId are usually numeric. ({ot.name} {record_id})")
    return doc


# --- handlers -------------------------------------------------------------------------------


def list_records(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    limit = req.q_int("limit", 10, high=100)
    after = req.q("after") or "0"
    if not after.isdigit():
        raise bad_request(f"Invalid paging cursor 'after': {after}")
    archived = req.q_bool("archived")
    wanted = req.q_all("properties") or None
    docs = [d for d in req.portal.store.list(KIND, ot.id, stale=True) if bool(d.get("archived")) == archived]
    start = int(after)
    out: dict[str, Any] = {"results": [record_out(d, wanted, ot) for d in docs[start : start + limit]]}
    if start + limit < len(docs):
        nxt = str(start + limit)
        out["paging"] = {"next": {"after": nxt, "link": f"/crm/v3/objects/{ot.name}?after={nxt}"}}
    return Response(200, out)


def get_record(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    return Response(200, record_out(_record(req, ot, stale=True), req.q_all("properties") or None, ot))


def create_record(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    body = req.json_object()
    values = _check_properties(req.portal, ot, body.get("properties", {}))
    doc = new_record(req.portal, ot, values)
    req.portal.store.put(KIND, ot.id, doc["id"], doc)
    return Response(201, record_out(doc, list(doc["properties"]), ot))


def update_record(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    doc = _record(req, ot)
    values = _check_properties(req.portal, ot, req.json_object().get("properties", {}))
    props = dict(doc["properties"])
    for name, value in values.items():
        if value is None or value == "":
            props.pop(name, None)
        else:
            props[name] = value
    if ot.pipeline_property in values and ot.stage_property not in values:
        props.pop(ot.stage_property, None)  # a new pipeline starts at its first stage
    _place_in_pipeline(req.portal, ot, props)
    at = now_iso()
    props["hs_lastmodifieddate"] = at
    doc.update(properties=props, updatedAt=at)
    req.portal.store.put(KIND, ot.id, doc["id"], doc)
    return Response(200, record_out(doc, list(props), ot))


BATCH_LIMIT = 100


def batch_update_records(req: Request) -> Response:
    """``POST …/batch/update``: up to 100 ``{id, properties}``; all checked before any is written,
    so a refused batch changes nothing."""
    ot = req.portal.object_type(req.params["objectType"])
    inputs = req.json_object().get("inputs")
    if not isinstance(inputs, list) or not inputs or len(inputs) > BATCH_LIMIT:
        raise bad_request(f"inputs must be a list of 1 to {BATCH_LIMIT} records")
    staged = []
    for i, item in enumerate(inputs):
        if not isinstance(item, dict) or not str(item.get("id") or "").strip():
            raise bad_request(f"inputs[{i}] needs an id")
        doc = req.portal.store.get(KIND, ot.id, str(item["id"]))
        if doc is None or doc.get("archived"):
            raise not_found(f"Object not found. objectId are usually numeric. ({ot.name} {item['id']})")
        values = _check_properties(req.portal, ot, item.get("properties", {}))
        props = dict(doc["properties"])
        for name, value in values.items():
            if value is None or value == "":
                props.pop(name, None)
            else:
                props[name] = value
        if ot.pipeline_property in values and ot.stage_property not in values:
            props.pop(ot.stage_property, None)
        _place_in_pipeline(req.portal, ot, props)
        staged.append((doc, props))
    at = now_iso()
    results = []
    for doc, props in staged:
        props["hs_lastmodifieddate"] = at
        doc.update(properties=props, updatedAt=at)
        req.portal.store.put(KIND, ot.id, doc["id"], doc)
        results.append(record_out(doc, None, ot))
    return Response(200, {"status": "COMPLETE", "results": results, "startedAt": at, "completedAt": at})


def archive_record(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    doc = _record(req, ot)
    at = now_iso()
    doc.update(archived=True, archivedAt=at, updatedAt=at)
    req.portal.store.put(KIND, ot.id, doc["id"], doc)
    return Response(204)


# --- search ---------------------------------------------------------------------------------


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
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
    wanted = body.get("properties") or None
    if wanted is not None and not isinstance(wanted, list):
        raise bad_request("properties must be a list of property names")
    docs = [d for d in req.portal.store.list(KIND, ot.id) if not d.get("archived")]
    if groups:
        docs = [d for d in docs if any(all(_matches(d["properties"], f) for f in g) for g in groups)]
    query = str(body.get("query") or "").lower()
    if query:
        docs = [d for d in docs if any(query in str(v).lower() for v in d["properties"].values())]
    for sort in reversed(body.get("sorts") or []):
        name = sort.get("propertyName") if isinstance(sort, dict) else str(sort)
        descending = isinstance(sort, dict) and str(sort.get("direction", "")).upper() == "DESCENDING"

        def key(d: dict[str, Any], name: str = name) -> tuple[int, float, str]:
            value = d["properties"].get(name)
            number = _number(value)
            return (value is None, number if number is not None else 0.0, str(value or "").lower())

        docs.sort(key=key, reverse=descending)
    start = int(after)
    out: dict[str, Any] = {
        "total": len(docs),
        "results": [record_out(d, wanted, ot) for d in docs[start : start + limit]],
    }
    if start + limit < len(docs):
        out["paging"] = {"next": {"after": str(start + limit)}}
    return Response(200, out)


def register(router: Router) -> None:
    base = "/crm/v3/objects/{objectType}"
    router.add("GET", base, list_records)
    router.add("POST", base, create_record)
    router.add("POST", base + "/search", search_records, write=False)
    router.add("POST", base + "/batch/update", batch_update_records)
    router.add("GET", base + "/{objectId}", get_record)
    router.add("PATCH", base + "/{objectId}", update_record)
    router.add("DELETE", base + "/{objectId}", archive_record)
