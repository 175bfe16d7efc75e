"""Properties v3: ``/crm/v3/properties/{objectType}`` with batch endpoints and property groups.

Validation uses :mod:`hubwizard.hubspot_rules`, the same rules the linter reports, so a setup the
linter passes is a setup the sandbox accepts.
"""

from __future__ import annotations

from typing import Any

from hubwizard import hubspot_rules as rules
from hubwizard.hubspot_rules import PropertyType
from hubwizard.sandbox.errors import ApiError, bad_request, conflict, detail, not_found
from hubwizard.sandbox.portal import ObjectType, Portal
from hubwizard.sandbox.router import Request, Response, Router
from hubwizard.sandbox.store import now_iso

KIND = "property"
GROUP_KIND = "group"
REQUIRED_FIELDS = ("name", "label", "type", "fieldType", "groupName")
OPTIONAL_PASSTHROUGH = (
    "calculationFormula",
    "referencedObjectType",
    "dataSensitivity",
    "numberDisplayHint",
    "textDisplayHint",
    "showCurrencySymbol",
    "currencyPropertyName",
)


# --- documents ------------------------------------------------------------------------------


def options_out(raw: Any, where: str = "options") -> list[dict[str, Any]]:
    """Options as HubSpot returns them; 400 on a malformed or duplicated option."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise bad_request(f"'{where}' must be a list of options")
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, opt in enumerate(raw):
        if not isinstance(opt, dict):
            raise bad_request(f"{where}[{i}] must be an object with label and value")
        label, value = opt.get("label"), opt.get("value")
        if not isinstance(label, str) or not label.strip():
            raise bad_request(f"{where}[{i}].label is required")
        if not isinstance(value, str) or value == "":
            raise bad_request(f"{where}[{i}].value is required and must be a string")
        if value in seen:
            raise bad_request(f"Option values must be unique: '{value}' appears more than once in {where}")
        seen.add(value)
        order = opt.get("displayOrder", i)
        out.append(
            {
                "label": label,
                "value": value,
                "displayOrder": order if isinstance(order, int) else i,
                "hidden": bool(opt.get("hidden", False)),
                "description": str(opt.get("description") or ""),
            }
        )
    return out


def new_property_doc(
    name: str,
    label: str,
    type_: str,
    field_type: str,
    group: str,
    *,
    description: str = "",
    options: list[dict[str, Any]] | None = None,
    hubspot_defined: bool = False,
    display_order: int = -1,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    at = now_iso()
    doc: dict[str, Any] = {
        "name": name,
        "label": label,
        "type": type_,
        "fieldType": field_type,
        "description": description,
        "groupName": group,
        "options": options or [],
        "displayOrder": display_order,
        "calculated": False,
        "externalOptions": False,
        "hasUniqueValue": False,
        "hidden": False,
        "formField": not hubspot_defined,
        "modificationMetadata": {
            "archivable": not hubspot_defined,
            "readOnlyDefinition": hubspot_defined,
            "readOnlyValue": False,
        },
        "createdAt": at,
        "updatedAt": at,
        "archived": False,
    }
    if hubspot_defined:
        doc["hubspotDefined"] = True
    if extra:
        doc.update(extra)
    return doc


def _type_problems(type_: Any, field_type: Any, options: list[dict[str, Any]]) -> list[str]:
    problems = []
    valid_types = [t.value for t in PropertyType]
    if type_ not in valid_types:
        problems.append(f"type '{type_}' is not valid; use one of {', '.join(valid_types)}")
    elif not rules.field_suits_type(type_, field_type):
        allowed = ", ".join(f.value for f in rules.FIELDS_BY_TYPE[PropertyType(type_)])
        problems.append(f"fieldType '{field_type}' cannot be used with type '{type_}'; use one of {allowed}")
    elif PropertyType(type_) in rules.TYPES_WITH_OPTIONS and not options:
        problems.append(f"a property of type '{type_}' needs at least one option")
    return problems


def custom_property_count(portal: Portal, ot: ObjectType) -> int:
    """The live custom properties of an object: what HubSpot's per-object limit counts."""
    return sum(
        1 for p in portal.store.list(KIND, ot.id) if not p.get("hubspotDefined") and not p.get("archived")
    )


def build_property(
    portal: Portal,
    ot: ObjectType,
    raw: Any,
    *,
    default_group: str | None = None,
    check_group: bool = True,
    custom_count: int | None = None,
) -> dict[str, Any]:
    """Validate one PropertyCreate and return the document to store (ApiError when invalid).
    ``custom_count``: the object's custom properties so far, when the caller keeps the count
    (a batch counts once, not once per property: reading every property of the object for
    each of 90 inputs held the write lock for about 40 ms)."""
    if not isinstance(raw, dict):
        raise bad_request("Each property must be a JSON object")
    raw = dict(raw)
    if default_group and not raw.get("groupName"):
        raw["groupName"] = default_group
    missing = [f for f in REQUIRED_FIELDS if raw.get(f) in (None, "")]
    if missing:
        raise bad_request(
            f"Some required fields were not set: [{', '.join(missing)}]",
            errors=[detail(f"{f} is required", "REQUIRED_FIELD", field=f) for f in missing],
        )
    name = raw["name"]
    if not isinstance(name, str) or (problem := rules.name_problem(name)):
        problem = problem if isinstance(name, str) else "must be a string"
        raise bad_request(
            f"Property name '{name}' is not valid: {problem}",
            errors=[detail(f"name {problem}", "INVALID_PROPERTY_NAME", name=str(name))],
        )
    existing = portal.store.get(KIND, ot.id, name)
    if existing is not None:
        if existing.get("archived"):
            raise conflict(
                f"A property named '{name}' already exists on {ot.name} and is archived; archived "
                "properties keep their name reserved. Restore it in HubSpot or pick another name."
            )
        raise conflict(f"A property named '{name}' already exists on {ot.name}")
    options = options_out(raw.get("options"))
    if raw["type"] == PropertyType.BOOL and not options:
        options = options_out([dict(o) for o in rules.BOOL_OPTIONS])
    problems = _type_problems(raw["type"], raw["fieldType"], options)
    if problems:
        raise bad_request(
            f"Property '{name}' is not valid: {'; '.join(problems)}",
            errors=[detail(p, "INVALID_PROPERTY_DEFINITION", name=name) for p in problems],
        )
    group = raw["groupName"]
    if check_group and not _group_exists(portal, ot, group):
        raise bad_request(
            f"Property group '{group}' does not exist on {ot.name}; create the group first",
            errors=[detail(f"groupName '{group}' not found", "GROUP_NOT_FOUND", groupName=str(group))],
        )
    if custom_count is None:
        custom_count = custom_property_count(portal, ot)
    if custom_count >= rules.CUSTOM_PROPERTIES_PER_OBJECT:
        raise bad_request(
            f"The limit of {rules.CUSTOM_PROPERTIES_PER_OBJECT} custom properties on {ot.name} is reached"
        )
    extra = {k: raw[k] for k in OPTIONAL_PASSTHROUGH if k in raw}
    doc = new_property_doc(
        name,
        str(raw["label"]),
        raw["type"],
        raw["fieldType"],
        str(group),
        description=str(raw.get("description") or ""),
        options=options,
        display_order=raw["displayOrder"] if isinstance(raw.get("displayOrder"), int) else -1,
        extra=extra,
    )
    doc["hidden"] = bool(raw.get("hidden", False))
    doc["formField"] = bool(raw.get("formField", False))
    doc["hasUniqueValue"] = bool(raw.get("hasUniqueValue", False))
    doc["externalOptions"] = bool(raw.get("externalOptions", False))
    doc["calculated"] = raw["fieldType"] == "calculation_equation"
    return doc


def _group_exists(portal: Portal, ot: ObjectType, name: Any) -> bool:
    return isinstance(name, str) and portal.store.get(GROUP_KIND, ot.id, name) is not None


def _live_property(req: Request, ot: ObjectType, name: str, *, archived: bool = False) -> dict[str, Any]:
    doc = req.portal.store.get(KIND, ot.id, name)
    if doc is None or bool(doc.get("archived")) != archived:
        raise not_found(f"Property {name} does not exist on object type {ot.id}")
    return doc


# --- properties -----------------------------------------------------------------------------


def list_properties(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    archived = req.q_bool("archived")
    docs = req.portal.store.list(KIND, ot.id, stale=True)
    return Response(200, {"results": [d for d in docs if bool(d.get("archived")) == archived]})


def get_property(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    name = req.params["propertyName"]
    doc = req.portal.store.get(KIND, ot.id, name, stale=True)
    if doc is None or bool(doc.get("archived")) != req.q_bool("archived"):
        raise not_found(f"Property {name} does not exist on object type {ot.id}")
    return Response(200, doc)


def create_property(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    doc = build_property(req.portal, ot, req.json_object())
    req.portal.store.put(KIND, ot.id, doc["name"], doc)
    return Response(201, doc)


def update_property(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    doc = _live_property(req, ot, req.params["propertyName"])
    body = req.json_object()
    if "name" in body and body["name"] != doc["name"]:
        raise bad_request("Internal names of properties cannot be changed")
    new_type = body.get("type", doc["type"])
    new_field = body.get("fieldType", doc["fieldType"])
    if doc.get("hubspotDefined") and (new_type != doc["type"] or new_field != doc["fieldType"]):
        raise bad_request(
            f"'{doc['name']}' is a HubSpot-defined property: its type and fieldType cannot be changed"
        )
    options = options_out(body["options"]) if "options" in body else doc["options"]
    problems = _type_problems(new_type, new_field, options) if not doc.get("hubspotDefined") else []
    if problems:
        raise bad_request(f"Property '{doc['name']}' is not valid: {'; '.join(problems)}")
    if "groupName" in body and not _group_exists(req.portal, ot, body["groupName"]):
        raise bad_request(f"Property group '{body['groupName']}' does not exist on {ot.name}")
    for key in ("label", "description", "groupName", "calculationFormula"):
        if key in body and body[key] is not None:
            doc[key] = str(body[key])
    for key in ("hidden", "formField"):
        if key in body:
            doc[key] = bool(body[key])
    if isinstance(body.get("displayOrder"), int):
        doc["displayOrder"] = body["displayOrder"]
    doc.update(type=new_type, fieldType=new_field, options=options, updatedAt=now_iso())
    req.portal.store.put(KIND, ot.id, doc["name"], doc)
    return Response(200, doc)


def _archive(req: Request, ot: ObjectType, doc: dict[str, Any]) -> None:
    at = now_iso()
    doc.update(archived=True, archivedAt=at, updatedAt=at)
    req.portal.store.put(KIND, ot.id, doc["name"], doc)


def _refuse_hubspot_defined(doc: dict[str, Any]) -> None:
    if doc.get("hubspotDefined"):
        raise bad_request(f"'{doc['name']}' is a HubSpot-defined property and cannot be archived")


def archive_property(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    doc = _live_property(req, ot, req.params["propertyName"])
    _refuse_hubspot_defined(doc)
    _archive(req, ot, doc)
    return Response(204)


def _inputs(body: dict[str, Any]) -> list[Any]:
    inputs = body.get("inputs")
    if not isinstance(inputs, list):
        raise bad_request("'inputs' must be a list")
    if len(inputs) > rules.BATCH_SIZE:
        raise bad_request(f"A batch takes at most {rules.BATCH_SIZE} inputs, got {len(inputs)}")
    return inputs


def _batch_response(results: list[dict[str, Any]], errors: list[dict[str, Any]], started: str) -> dict:
    out: dict[str, Any] = {
        "status": "COMPLETE",
        "results": results,
        "startedAt": started,
        "completedAt": now_iso(),
    }
    if errors:
        out["numErrors"] = len(errors)
        out["errors"] = errors
    return out


def _error_entry(exc: ApiError, correlation_id: str, index: int, name: Any) -> dict[str, Any]:
    entry = exc.body(correlation_id)
    entry["context"] = {"index": [str(index)], "name": [str(name)]}
    entry.setdefault("errors", [])
    entry["links"] = {}
    return entry


def batch_create(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    started = now_iso()
    results: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    count = custom_property_count(req.portal, ot)
    for i, raw in enumerate(_inputs(req.json_object())):
        try:
            doc = build_property(req.portal, ot, raw, custom_count=count + len(results))
        except ApiError as exc:
            name = raw.get("name") if isinstance(raw, dict) else None
            errors.append(_error_entry(exc, req.correlation_id, i, name))
            continue
        req.portal.store.put(KIND, ot.id, doc["name"], doc)
        results.append(doc)
    return Response(207 if errors else 201, _batch_response(results, errors, started))


def batch_read(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    body = req.json_object()
    archived = bool(body.get("archived", False))
    started = now_iso()
    results, errors = [], []
    for i, item in enumerate(_inputs(body)):
        name = item.get("name") if isinstance(item, dict) else None
        doc = req.portal.store.get(KIND, ot.id, name, stale=True) if isinstance(name, str) else None
        if doc is None or bool(doc.get("archived")) != archived:
            exc = not_found(f"Property {name} does not exist on object type {ot.id}")
            errors.append(_error_entry(exc, req.correlation_id, i, name))
        else:
            results.append(doc)
    return Response(207 if errors else 200, _batch_response(results, errors, started))


def batch_archive(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    docs = []
    for item in _inputs(req.json_object()):
        name = item.get("name") if isinstance(item, dict) else None
        doc = req.portal.store.get(KIND, ot.id, name) if isinstance(name, str) else None
        if doc is not None and not doc.get("archived"):
            _refuse_hubspot_defined(doc)
            docs.append(doc)
    for doc in docs:
        _archive(req, ot, doc)
    return Response(204)


# --- groups ---------------------------------------------------------------------------------


def group_out(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: doc[k] for k in ("name", "label", "displayOrder", "archived")}


def new_group_doc(name: str, label: str, display_order: int = -1, *, hubspot_defined: bool = False) -> dict:
    doc: dict[str, Any] = {"name": name, "label": label, "displayOrder": display_order, "archived": False}
    if hubspot_defined:
        doc["hubspotDefined"] = True
    return doc


def _group(req: Request, ot: ObjectType, name: str, *, stale: bool = False) -> dict[str, Any]:
    doc = req.portal.store.get(GROUP_KIND, ot.id, name, stale=stale)
    if doc is None:
        raise not_found(f"Property group {name} does not exist on object type {ot.id}")
    return doc


def list_groups(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    return Response(
        200, {"results": [group_out(g) for g in req.portal.store.list(GROUP_KIND, ot.id, stale=True)]}
    )


def get_group(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    return Response(200, group_out(_group(req, ot, req.params["groupName"], stale=True)))


def create_group(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    body = req.json_object()
    name, label = body.get("name"), body.get("label")
    missing = [f for f, v in (("name", name), ("label", label)) if v in (None, "")]
    if missing:
        raise bad_request(f"Some required fields were not set: [{', '.join(missing)}]")
    if not isinstance(name, str) or (problem := rules.name_problem(name)):
        raise bad_request(f"Property group name '{name}' is not valid: {problem or 'must be a string'}")
    if req.portal.store.get(GROUP_KIND, ot.id, name) is not None:
        raise conflict(f"A property group named '{name}' already exists on {ot.name}")
    order = body.get("displayOrder")
    doc = new_group_doc(name, str(label), order if isinstance(order, int) else -1)
    req.portal.store.put(GROUP_KIND, ot.id, name, doc)
    return Response(201, group_out(doc))


def update_group(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    doc = _group(req, ot, req.params["groupName"])
    body = req.json_object()
    if body.get("label") not in (None, ""):
        doc["label"] = str(body["label"])
    if isinstance(body.get("displayOrder"), int):
        doc["displayOrder"] = body["displayOrder"]
    req.portal.store.put(GROUP_KIND, ot.id, doc["name"], doc)
    return Response(200, group_out(doc))


def archive_group(req: Request) -> Response:
    ot = req.portal.object_type(req.params["objectType"])
    doc = _group(req, ot, req.params["groupName"])
    if doc.get("hubspotDefined"):
        raise bad_request(f"'{doc['name']}' is a HubSpot-defined property group and cannot be archived")
    holding = [
        p["name"]
        for p in req.portal.store.list(KIND, ot.id)
        if p["groupName"] == doc["name"] and not p.get("archived")
    ]
    if holding:
        raise bad_request(
            f"Property group '{doc['name']}' still holds properties ({', '.join(holding[:10])}); "
            "move or archive them first"
        )
    req.portal.store.delete(GROUP_KIND, ot.id, doc["name"])
    return Response(204)


def register(router: Router) -> None:
    base = "/crm/v3/properties/{objectType}"
    router.add("GET", base, list_properties)
    router.add("POST", base, create_property)
    router.add("GET", base + "/{propertyName}", get_property)
    router.add("PATCH", base + "/{propertyName}", update_property)
    router.add("DELETE", base + "/{propertyName}", archive_property)
    router.add("POST", base + "/batch/create", batch_create)
    router.add("POST", base + "/batch/read", batch_read, write=False)
    router.add("POST", base + "/batch/archive", batch_archive)
    router.add("GET", base + "/groups", list_groups)
    router.add("POST", base + "/groups", create_group)
    router.add("GET", base + "/groups/{groupName}", get_group)
    router.add("PATCH", base + "/groups/{groupName}", update_group)
    router.add("DELETE", base + "/groups/{groupName}", archive_group)
