"""Config items as HubSpot JSON, and HubSpot JSON reduced to what a config can express.

The planner compares the two sides through these functions only, so "what we send" and "what
we read back" are normalised in one place: probabilities as HubSpot's strings ("0.6"), missing
descriptions as "", option order as display order. A field the config cannot express is never
compared, so a second plan after an apply shows no change.
"""

from __future__ import annotations

from typing import Any

from hubwizard.config import CustomObject, Option, Pipeline, Property, Stage
from hubwizard.hubspot_rules import (
    ASSOCIATION_NAMES,
    BOOL_OPTIONS,
    OBJECT_TYPE_IDS,
    PropertyType,
    normalise_probability,
)

TICKET_OBJECTS = frozenset({"tickets", "0-5"})


def pipeline_kind(object_name: str) -> str:
    """'deals', 'tickets' or 'custom': decides what a stage's metadata holds."""
    if object_name in ("deals", "0-3"):
        return "deals"
    if object_name in TICKET_OBJECTS:
        return "tickets"
    return "custom"


# --- stages and pipelines ---------------------------------------------------------------


def stage_metadata(stage: Stage, kind: str) -> dict[str, str]:
    """The ``metadata`` HubSpot stores for a stage (all values are strings)."""
    if kind == "deals":
        if stage.closed == "won":
            return {"probability": "1.0", "isClosed": "true"}
        if stage.closed == "lost":
            return {"probability": "0.0", "isClosed": "true"}
        probability = stage.probability if stage.probability is not None else 0.0
        return {"probability": normalise_probability(probability), "isClosed": "false"}
    if kind == "tickets":
        return {"ticketState": "CLOSED" if stage.state == "closed" else "OPEN"}
    return {"isClosed": "true" if stage.state == "closed" else "false"}


def stage_body(stage: Stage, kind: str, order: int) -> dict[str, Any]:
    return {"label": stage.label, "displayOrder": order, "metadata": stage_metadata(stage, kind)}


def portal_stage_metadata(metadata: dict[str, Any] | None, kind: str) -> dict[str, str]:
    """The portal's stage metadata reduced to the keys ``stage_metadata`` produces."""
    metadata = {k: str(v) for k, v in (metadata or {}).items()}
    if kind == "deals":
        probability = metadata.get("probability")
        try:
            probability = normalise_probability(float(probability)) if probability is not None else "0.0"
        except ValueError:
            probability = str(probability)
        return {"probability": probability, "isClosed": metadata.get("isClosed", "false").lower()}
    if kind == "tickets":
        return {"ticketState": metadata.get("ticketState", "OPEN").upper()}
    return {"isClosed": metadata.get("isClosed", "false").lower()}


def pipeline_body(pipeline: Pipeline, display_order: int) -> dict[str, Any]:
    kind = pipeline_kind(pipeline.object)
    return {
        "label": pipeline.label,
        "displayOrder": display_order,
        "stages": [stage_body(s, kind, i) for i, s in enumerate(pipeline.stages)],
    }


def stage_from_portal(data: dict[str, Any], kind: str, local_id: str) -> Stage:
    """A portal stage as a config stage (export)."""
    metadata = portal_stage_metadata(data.get("metadata"), kind)
    hubspot_id = str(data.get("id"))
    if kind == "deals":
        probability = float(metadata["probability"]) if _is_number(metadata["probability"]) else 0.0
        closed = None
        if metadata["isClosed"] == "true":
            closed = "won" if probability >= 1.0 else "lost"
        return Stage(
            id=local_id,
            label=data.get("label", ""),
            probability=probability,
            closed=closed,
            hubspot_id=hubspot_id,
        )
    state = (
        "closed" if metadata.get("ticketState") == "CLOSED" or metadata.get("isClosed") == "true" else "open"
    )
    return Stage(id=local_id, label=data.get("label", ""), state=state, hubspot_id=hubspot_id)


# --- properties -------------------------------------------------------------------------


def options_body(prop: Property) -> list[dict[str, Any]]:
    options = prop.options
    if prop.type is PropertyType.BOOL and not options:
        options = [Option.model_validate(o) for o in BOOL_OPTIONS]
    return [_option(o, i) for i, o in enumerate(options)]


def _option(option: Option, order: int) -> dict[str, Any]:
    return {
        "label": option.label,
        "value": option.value,
        "displayOrder": order,
        "hidden": option.hidden,
        "description": option.description or "",
    }


def property_body(prop: Property, group_name: str) -> dict[str, Any]:
    """The create body of a property (also what updates are compared against)."""
    body: dict[str, Any] = {
        "name": prop.name,
        "label": prop.label,
        "type": prop.type.value,
        "fieldType": prop.field.value if prop.field else "",
        "groupName": group_name,
        "description": prop.description or "",
        "hidden": prop.hidden,
        "options": options_body(prop),
    }
    if prop.unique:
        body["hasUniqueValue"] = True
    return body


COMPARED_PROPERTY_FIELDS = ("label", "type", "fieldType", "groupName", "description", "hidden", "options")


def comparable_property(data: dict[str, Any]) -> dict[str, Any]:
    """A property (ours or the portal's) reduced to the compared fields, normalised."""
    options = sorted(
        data.get("options") or [],
        key=lambda o: o.get("displayOrder", 0) if o.get("displayOrder", -1) >= 0 else 10**6,
    )
    return {
        "label": data.get("label", ""),
        "type": data.get("type", ""),
        "fieldType": data.get("fieldType", ""),
        "groupName": data.get("groupName", ""),
        "description": data.get("description") or "",
        "hidden": bool(data.get("hidden", False)),
        "options": [
            {
                "label": str(o.get("label", "")),
                "value": str(o.get("value", "")),
                "hidden": bool(o.get("hidden", False)),
                "description": o.get("description") or "",
            }
            for o in options
        ],
    }


def property_from_portal(data: dict[str, Any]) -> Property:
    """A portal property as a config property (export)."""
    options = [
        {
            "label": o.get("label", ""),
            "value": o.get("value", ""),
            "hidden": bool(o.get("hidden", False)),
            "description": o.get("description") or None,
        }
        for o in sorted(data.get("options") or [], key=lambda o: o.get("displayOrder", 0))
    ]
    type_ = data.get("type", "string")
    if type_ == "bool" and [(o["label"], o["value"]) for o in options] == [
        (o["label"], o["value"]) for o in BOOL_OPTIONS
    ]:
        options = []
    return Property.model_validate(
        {
            "name": data["name"],
            "label": data.get("label") or data["name"],
            "type": type_,
            "field": data.get("fieldType") or None,
            "options": options,
            "description": data.get("description") or None,
            "unique": bool(data.get("hasUniqueValue", False)),
            "hidden": bool(data.get("hidden", False)),
        }
    )


# --- custom objects ---------------------------------------------------------------------


def schema_egg(obj: CustomObject) -> dict[str, Any]:
    """The create body of a custom object: only the properties its definition must name
    (primary, secondary, required) go inline; the others are created in their groups."""
    inline = inline_property_names(obj)
    properties = [p for p in obj.properties() if p.name in inline]
    return {
        "name": obj.name,
        "labels": {"singular": obj.singular, "plural": obj.plural},
        "description": obj.description or "",
        "primaryDisplayProperty": obj.primary_property,
        "secondaryDisplayProperties": list(obj.secondary_properties),
        "searchableProperties": [obj.primary_property],
        "requiredProperties": list(obj.required),
        "associatedObjects": [ASSOCIATION_NAMES.get(a, a) for a in obj.associations],
        "properties": [
            {k: v for k, v in property_body(p, "").items() if k != "groupName"} for p in properties
        ],
    }


def inline_property_names(obj: CustomObject) -> list[str]:
    names = [obj.primary_property, *obj.secondary_properties, *obj.required]
    known = {p.name for p in obj.properties()}
    return [n for i, n in enumerate(names) if n in known and n not in names[:i]]


def comparable_schema(data: dict[str, Any]) -> dict[str, Any]:
    labels = data.get("labels") or {}
    return {
        "singular": labels.get("singular", ""),
        "plural": labels.get("plural", ""),
        "description": data.get("description") or "",
        "primaryDisplayProperty": data.get("primaryDisplayProperty") or "",
        "secondaryDisplayProperties": list(data.get("secondaryDisplayProperties") or []),
        "requiredProperties": sorted(data.get("requiredProperties") or []),
    }


def desired_schema(obj: CustomObject) -> dict[str, Any]:
    return comparable_schema(schema_egg(obj))


def association_targets(obj: CustomObject) -> list[str]:
    """Object type ids the custom object should be associated with."""
    return [OBJECT_TYPE_IDS.get(a, a) for a in obj.associations]


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
