"""Custom object schemas: ``/crm-object-schemas/v3/schemas`` and its alias ``/crm/v3/schemas``.

Enterprise only (403 otherwise). A schema gets ``objectTypeId`` ``2-<n>`` and
``fullyQualifiedName`` ``p<portalId>_<name>``; its properties live with every other property, so
``/crm/v3/properties/2-<n>`` and pipelines for ``2-<n>`` work as soon as it exists. Names stay
reserved after an archive.
"""

from __future__ import annotations

import re
from typing import Any

from hubwizard import hubspot_rules as rules
from hubwizard.sandbox.errors import ApiError, bad_request, conflict, not_found
from hubwizard.sandbox.portal import STANDARD_TYPES, ObjectType, Portal
from hubwizard.sandbox.router import Request, Response, Router
from hubwizard.sandbox.routes import properties as props
from hubwizard.sandbox.store import now_iso

KIND = "schema"
ASSOCIATION_KIND = "association"
SCHEMA_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
FEATURE = "Custom objects"
SANDBOX_USER_ID = 1
SYSTEM_PROPERTIES = (
    ("hs_object_id", "Record ID", "number", "number"),
    ("hs_createdate", "Create date", "datetime", "date"),
    ("hs_lastmodifieddate", "Last modified date", "datetime", "date"),
    ("hs_pipeline", "Pipeline", "enumeration", "select"),
    ("hs_pipeline_stage", "Pipeline stage", "enumeration", "select"),
)
"""Properties HubSpot defines on every custom object."""

_DEFINITION_FIELDS = (
    "id",
    "objectTypeId",
    "fullyQualifiedName",
    "name",
    "labels",
    "description",
    "requiredProperties",
    "searchableProperties",
    "primaryDisplayProperty",
    "secondaryDisplayProperties",
    "archived",
    "createdAt",
    "updatedAt",
)


def _require_enterprise(req: Request) -> None:
    req.portal.require_tier(FEATURE, rules.CUSTOM_OBJECTS_MIN_TIER)


def group_name(schema_name: str) -> str:
    """The property group a new custom object gets (an assumption: HubSpot's name is unverified)."""
    return f"{schema_name.lower()}_information"


def _association_target(portal: Portal, name: Any) -> str:
    if not isinstance(name, str) or not name:
        raise bad_request("associatedObjects entries must be object names such as CONTACT or COMPANY")
    by_label = {label: key for key, label in rules.ASSOCIATION_NAMES.items()}
    if name.upper() in by_label:
        return rules.OBJECT_TYPE_IDS[by_label[name.upper()]]
    if name in STANDARD_TYPES:
        return name
    try:
        return portal.object_type(name).id
    except ApiError:
        raise bad_request(f"associatedObjects: unknown object type '{name}'")


def _association(from_id: str, to_id: str, association_id: int, name: str | None = None) -> dict[str, Any]:
    at = now_iso()
    out = {
        "id": str(association_id),
        "fromObjectTypeId": from_id,
        "toObjectTypeId": to_id,
        "createdAt": at,
        "updatedAt": at,
    }
    if name:
        out["name"] = name
    return out


def _string_list(body: dict[str, Any], key: str) -> list[str]:
    value = body.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad_request(f"'{key}' must be a list of property names")
    return value


def _check_references(body: dict[str, Any], names: set[str], *, partial: bool = False) -> None:
    for key in ("requiredProperties", "searchableProperties", "secondaryDisplayProperties"):
        if partial and key not in body:
            continue
        unknown = [n for n in _string_list(body, key) if n not in names]
        if unknown:
            raise bad_request(f"'{key}' names properties the object does not have: {', '.join(unknown)}")
    primary = body.get("primaryDisplayProperty")
    if primary is not None and primary not in names:
        raise bad_request(f"primaryDisplayProperty '{primary}' must be one of the object's properties")


def _labels(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw.get("singular") or not raw.get("plural"):
        raise bad_request("labels.singular and labels.plural are required")
    return {"singular": str(raw["singular"]), "plural": str(raw["plural"])}


def schema_out(portal: Portal, doc: dict[str, Any]) -> dict[str, Any]:
    """The full ObjectSchema: definition plus its live properties and associations."""
    out = {k: doc[k] for k in _DEFINITION_FIELDS if k in doc}
    out["properties"] = [
        p for p in portal.store.list(props.KIND, doc["objectTypeId"]) if not p.get("archived")
    ]
    out["associations"] = portal.store.list(ASSOCIATION_KIND, doc["objectTypeId"])
    out["createdByUserId"] = SANDBOX_USER_ID
    out["updatedByUserId"] = SANDBOX_USER_ID
    return out


def definition_out(portal: Portal, doc: dict[str, Any]) -> dict[str, Any]:
    """The ObjectTypeDefinition a PATCH answers with (no properties, with portalId)."""
    out = {k: doc[k] for k in _DEFINITION_FIELDS if k in doc}
    out["portalId"] = portal.portal_id
    return out


def _schema(req: Request, *, stale: bool = False) -> dict[str, Any]:
    name = req.params["objectType"]
    found = req.portal.find_schema(name)
    if found is None:
        raise not_found(f"Unable to find a custom object schema for {name}")
    if stale:
        found = req.portal.store.get(KIND, "", found["objectTypeId"], stale=True) or found
    return found


# --- handlers -------------------------------------------------------------------------------


def list_schemas(req: Request) -> Response:
    _require_enterprise(req)
    archived = req.q_bool("archived")
    docs = [d for d in req.portal.store.list(KIND, "", stale=True) if bool(d.get("archived")) == archived]
    return Response(200, {"results": [schema_out(req.portal, d) for d in docs]})


def get_schema(req: Request) -> Response:
    _require_enterprise(req)
    return Response(200, schema_out(req.portal, _schema(req, stale=True)))


def create_schema(req: Request) -> Response:
    _require_enterprise(req)
    portal = req.portal
    body = req.json_object()
    name = body.get("name")
    if not isinstance(name, str) or not SCHEMA_NAME.match(name):
        raise bad_request(
            f"Custom object name '{name}' is not valid: it must start with a letter and hold only "
            "letters, digits and underscores"
        )
    labels = _labels(body.get("labels"))
    for other in portal.store.list(KIND):
        if other["name"].lower() == name.lower():
            note = " (archived; archived custom object names stay reserved)" if other.get("archived") else ""
            raise conflict(f"A custom object named '{name}' already exists{note}")
    live = sum(1 for s in portal.store.list(KIND) if not s.get("archived"))
    limit = rules.CUSTOM_OBJECT_TYPES[portal.tier]
    if live >= limit:
        raise bad_request(
            f"The {portal.tier.value} tier allows {limit} custom objects and {live} already exist"
        )
    raw_props = body.get("properties")
    if not isinstance(raw_props, list):
        raise bad_request("'properties' is required: a list of the object's properties")
    associated = body.get("associatedObjects", [])
    if not isinstance(associated, list):
        raise bad_request('\'associatedObjects\' must be a list such as ["CONTACT", "COMPANY"]')
    targets = [_association_target(portal, a) for a in associated]

    number = portal.store.next_id("schema", 1001)
    type_id = f"2-{number}"
    ot = ObjectType(type_id, name, labels["singular"], labels["plural"], custom=True)
    group = group_name(name)
    docs = []
    for i, raw in enumerate(raw_props):
        try:
            doc = props.build_property(
                portal, ot, raw, default_group=group, check_group=False, custom_count=len(docs)
            )
        except ApiError as exc:
            raise bad_request(f"properties[{i}]: {exc.message}", errors=exc.errors)
        if doc["name"] in {d["name"] for d in docs}:
            raise bad_request(f"properties[{i}]: the property name '{doc['name']}' is used twice")
        docs.append(doc)
    names = {d["name"] for d in docs} | {p[0] for p in SYSTEM_PROPERTIES}
    _check_references(body, names)

    at = now_iso()
    schema = {
        "id": str(number),
        "objectTypeId": type_id,
        "fullyQualifiedName": f"p{portal.portal_id}_{name}",
        "name": name,
        "labels": labels,
        "description": str(body.get("description") or ""),
        "requiredProperties": _string_list(body, "requiredProperties"),
        "searchableProperties": _string_list(body, "searchableProperties"),
        "secondaryDisplayProperties": _string_list(body, "secondaryDisplayProperties"),
        "archived": False,
        "createdAt": at,
        "updatedAt": at,
    }
    if body.get("primaryDisplayProperty"):
        schema["primaryDisplayProperty"] = body["primaryDisplayProperty"]
    portal.store.put(KIND, "", type_id, schema)
    portal.store.put(
        props.GROUP_KIND, type_id, group, props.new_group_doc(group, f"{labels['singular']} information", 0)
    )
    for prop_name, label, type_, field in SYSTEM_PROPERTIES:
        doc = props.new_property_doc(prop_name, label, type_, field, group, hubspot_defined=True)
        portal.store.put(props.KIND, type_id, prop_name, doc)
    for doc in docs:
        portal.store.put(props.KIND, type_id, doc["name"], doc)
    for target in targets:
        association_id = portal.store.next_id("association", 500)
        portal.store.put(
            ASSOCIATION_KIND, type_id, str(association_id), _association(type_id, target, association_id)
        )
    return Response(201, schema_out(portal, schema))


def update_schema(req: Request) -> Response:
    _require_enterprise(req)
    doc = _schema(req)
    body = req.json_object()
    if "name" in body and body["name"] != doc["name"]:
        raise bad_request("The name of a custom object cannot be changed")
    names = {
        p["name"] for p in req.portal.store.list(props.KIND, doc["objectTypeId"]) if not p.get("archived")
    }
    _check_references(body, names, partial=True)
    if "labels" in body:
        doc["labels"] = _labels({**doc["labels"], **(body["labels"] or {})})
    for key in ("requiredProperties", "searchableProperties", "secondaryDisplayProperties"):
        if key in body:
            doc[key] = _string_list(body, key)
    if body.get("primaryDisplayProperty"):
        doc["primaryDisplayProperty"] = body["primaryDisplayProperty"]
    if "description" in body:
        doc["description"] = str(body["description"] or "")
    if body.get("clearDescription"):
        doc["description"] = ""
    doc["updatedAt"] = now_iso()
    req.portal.store.put(KIND, "", doc["objectTypeId"], doc)
    return Response(200, definition_out(req.portal, doc))


def archive_schema(req: Request) -> Response:
    _require_enterprise(req)
    doc = _schema(req)
    live = [r for r in req.portal.store.list("record", doc["objectTypeId"]) if not r.get("archived")]
    if live:
        raise bad_request(
            f"Custom object '{doc['name']}' still has {len(live)} record(s); delete them before the schema"
        )
    at = now_iso()
    doc.update(archived=True, archivedAt=at, updatedAt=at)
    req.portal.store.put(KIND, "", doc["objectTypeId"], doc)
    return Response(204)


def create_association(req: Request) -> Response:
    _require_enterprise(req)
    doc = _schema(req)
    body = req.json_object()
    from_id = req.portal.object_type(str(body.get("fromObjectTypeId") or doc["objectTypeId"])).id
    if body.get("toObjectTypeId") in (None, ""):
        raise bad_request("toObjectTypeId is required")
    to_id = _association_target(req.portal, str(body["toObjectTypeId"]))
    association_id = req.portal.store.next_id("association", 500)
    association = _association(from_id, to_id, association_id, body.get("name"))
    req.portal.store.put(ASSOCIATION_KIND, doc["objectTypeId"], association["id"], association)
    return Response(201, association)


def archive_association(req: Request) -> Response:
    _require_enterprise(req)
    doc = _schema(req)
    if not req.portal.store.delete(
        ASSOCIATION_KIND, doc["objectTypeId"], req.params["associationIdentifier"]
    ):
        raise not_found(f"Unable to find association {req.params['associationIdentifier']}")
    return Response(204)


def register(router: Router) -> None:
    for base in ("/crm-object-schemas/v3/schemas", "/crm/v3/schemas"):
        router.add("GET", base, list_schemas)
        router.add("POST", base, create_schema)
        router.add("GET", base + "/{objectType}", get_schema)
        router.add("PATCH", base + "/{objectType}", update_schema)
        router.add("DELETE", base + "/{objectType}", archive_schema)
        router.add("POST", base + "/{objectType}/associations", create_association)
        router.add("DELETE", base + "/{objectType}/associations/{associationIdentifier}", archive_association)
