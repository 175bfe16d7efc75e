"""Custom objects (schemas): read, export, plan and request bodies in one place.

A custom object's own groups and properties go through :mod:`hubwizard.kinds.properties` and
its pipeline through :mod:`hubwizard.kinds.pipelines`, keyed by the object's name; this module
owns the definition (labels, display properties, required properties, associations).
A schemas answer HubSpot refuses is a read problem, never "this portal has no custom objects".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hubwizard.config import CustomObject, ObjectPropertyGroup
from hubwizard.hubspot_rules import ASSOCIATION_NAMES, OBJECT_TYPE_IDS
from hubwizard.i18n import _
from hubwizard.kinds import properties as property_kind
from hubwizard.kinds.base import (
    Action,
    ExportNotes,
    Operation,
    Planner,
    ReadProblem,
    as_dicts,
    change,
    results_of,
)

if TYPE_CHECKING:
    from hubwizard.gateway import Gateway
    from hubwizard.state import PortalState

_ASSOCIATION_OBJECTS = {v: k for k, v in ASSOCIATION_NAMES.items()} | {
    v: k for k, v in OBJECT_TYPE_IDS.items()
}
MUTABLE = ("description", "primaryDisplayProperty", "secondaryDisplayProperties", "requiredProperties")
"""What HubSpot lets an app change on a custom object after creation (not its labels or name)."""


# --- reading ----------------------------------------------------------------------------


def read(gateway: Gateway) -> list[dict[str, Any]]:
    """Every custom object schema with a name and a type id (others are not addressable)."""
    return [s for s in results_of(gateway.schemas()) if s.get("name") and s.get("objectTypeId")]


# --- request bodies ---------------------------------------------------------------------


def inline_property_names(obj: CustomObject) -> list[str]:
    """Properties the definition must name (primary, secondary, required), created with it."""
    names = [obj.primary_property, *obj.secondary_properties, *obj.required]
    known = {p.name for p in obj.properties()}
    return [n for i, n in enumerate(names) if n in known and n not in names[:i]]


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
            {k: v for k, v in property_kind.property_body(p, "").items() if k != "groupName"}
            for p in properties
        ],
    }


def comparable_schema(data: dict[str, Any]) -> dict[str, Any]:
    labels = data.get("labels") if isinstance(data.get("labels"), dict) else {}
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


# --- export -----------------------------------------------------------------------------


def export(state: PortalState, notes: ExportNotes) -> list[CustomObject]:
    out = []
    for schema in state.schemas:
        if schema.get("archived"):
            continue
        name = str(schema["name"])
        ot = str(schema.get("objectTypeId"))
        labels = schema.get("labels") if isinstance(schema.get("labels"), dict) else {}
        associations = sorted(
            {
                _ASSOCIATION_OBJECTS.get(str(a.get("toObjectTypeId")), "")
                for a in as_dicts(schema.get("associations"))
                if str(a.get("fromObjectTypeId")) == ot
            }
            - {""}
        )
        others = {
            str(a.get("toObjectTypeId"))
            for a in as_dicts(schema.get("associations"))
            if str(a.get("fromObjectTypeId")) == ot
            and str(a.get("toObjectTypeId")) not in _ASSOCIATION_OBJECTS
        }
        if others:
            notes.skip(
                _("custom object '{name}': associations with {objects}").format(
                    name=name, objects=", ".join(sorted(others))
                ),
                _("the config format names associations with standard objects only"),
            )
        groups = [
            ObjectPropertyGroup(name=g, label=label, hubspot_defined=own, properties=props)
            for g, label, own, props in property_kind.export_groups(state, name, notes)
        ]
        exported = {p.name for g in groups for p in g.properties}
        primary = str(schema.get("primaryDisplayProperty") or "")
        secondary = [str(p) for p in schema.get("secondaryDisplayProperties") or [] if str(p) in exported]
        required = sorted(str(p) for p in schema.get("requiredProperties") or [] if str(p) in exported)
        dropped = [
            str(p)
            for p in [
                *(schema.get("secondaryDisplayProperties") or []),
                *(schema.get("requiredProperties") or []),
            ]
            if str(p) not in exported
        ]
        if dropped:
            notes.skip(
                _("custom object '{name}': {properties} as display or required properties").format(
                    name=name, properties=", ".join(sorted(set(dropped)))
                ),
                _("they are HubSpot's own or not exported"),
            )
        if primary not in exported:
            notes.skip(
                _("custom object '{name}'").format(name=name),
                _("its primary property '{name}' is not one the config can hold").format(name=primary)
                if primary
                else _("it has no primary display property"),
            )
            continue
        out.append(
            CustomObject(
                name=name,
                singular=labels.get("singular") or name,
                plural=labels.get("plural") or name,
                description=schema.get("description") or None,
                primary_property=primary,
                secondary_properties=secondary,
                required=required,
                associations=associations,
                property_groups=groups,
                hubspot_id=ot,
            )
        )
    return out


# --- plan -------------------------------------------------------------------------------


def plan(planner: Planner) -> None:
    state, config = planner.state, planner.config
    problem = state.problem("schemas")
    if problem is not None and config.custom_objects and tier_explains(state, problem):
        return  # the plan's PLAN401 already says the subscription is why
    if problem is not None and config.custom_objects:
        planner.refuse(
            "PLAN410",
            "custom_objects",
            _("the custom objects of this portal could not be read: {problem}").format(
                problem=problem.sentence
            ),
            _("Give the token the scope named, or remove the custom objects from the config."),
        )
        return
    for o, obj in enumerate(config.custom_objects):
        path = f"custom_objects[{o}]"
        existing = state.schema(obj.name)
        if existing is None:
            planner.add(
                Operation(
                    f"object:{obj.name}",
                    Action.CREATE,
                    "custom_object",
                    obj.name,
                    obj.name,
                    _("Create custom object '{object}'").format(object=obj.singular),
                    body=schema_egg(obj),
                    path=path,
                )
            )
            planner.unresolved.add(f"object:{obj.name}")
            continue
        before, after = comparable_schema(existing), desired_schema(obj)
        differing = [f for f in MUTABLE if before[f] != after[f]]
        for f in ("singular", "plural"):
            if before[f] != after[f]:
                planner.refuse(
                    "PLAN402",
                    f"{path}.{f}",
                    (
                        _(
                            "custom object '{name}': the singular label is '{label}' in the portal and "
                            "HubSpot cannot change it"
                        )
                        if f == "singular"
                        else _(
                            "custom object '{name}': the plural label is '{label}' in the portal and "
                            "HubSpot cannot change it"
                        )
                    ).format(name=obj.name, label=before[f]),
                    _("Set {field} back to '{label}'.").format(field=f, label=before[f]),
                )
        ot = str(existing.get("objectTypeId"))
        if differing:
            egg = schema_egg(obj)
            planner.add(
                Operation(
                    f"object:{obj.name}",
                    Action.UPDATE,
                    "custom_object",
                    obj.name,
                    obj.name,
                    _("Update custom object '{object}'").format(object=obj.singular),
                    changes=[change(f, before[f], after[f]) for f in differing],
                    body={f: egg.get(f) for f in differing},
                    target={"objectTypeId": ot},
                    previous={f: existing.get(f) for f in MUTABLE},
                    path=path,
                )
            )
        else:
            planner.add(
                Operation(
                    f"object:{obj.name}",
                    Action.UNCHANGED,
                    "custom_object",
                    obj.name,
                    obj.name,
                    _("Custom object '{object}'").format(object=obj.singular),
                    path=path,
                )
            )
        _associations(planner, obj, existing, path)
    names = {o.name for o in config.custom_objects}
    for schema in state.schemas:
        if schema.get("name") not in names and not schema.get("archived"):
            label = (schema.get("labels") or {}).get("singular", schema.get("name"))
            planner.add(
                Operation(
                    f"object:{schema['name']}",
                    Action.KEEP,
                    "custom_object",
                    str(schema["name"]),
                    str(schema["name"]),
                    _(
                        "Keep custom object '{object}' (not in the config; custom objects are never "
                        "archived by hubwizard)"
                    ).format(object=label),
                )
            )


def _associations(planner: Planner, obj: CustomObject, existing: dict[str, Any], path: str) -> None:
    ot = str(existing.get("objectTypeId"))
    links = as_dicts(existing.get("associations"))
    have = {str(a.get("toObjectTypeId")) for a in links} | {str(a.get("fromObjectTypeId")) for a in links}
    for target in association_targets(obj):
        if target not in have:
            key = f"{obj.name}->{target}"
            planner.add(
                Operation(
                    f"association:{key}",
                    Action.CREATE,
                    "association",
                    key,
                    obj.name,
                    _("Associate '{object}' with {target}").format(object=obj.singular, target=target),
                    target={"objectTypeId": ot, "to": target},
                    path=f"{path}.associations",
                )
            )


def tier_explains(state: PortalState, problem: ReadProblem) -> bool:
    """Whether the portal's subscription is why its custom objects could not be read (below
    Enterprise, and HubSpot named no missing scope): the plan's PLAN401 already says so, and
    telling the user to check the token's scopes would send them the wrong way."""
    from hubwizard.hubspot_rules import CUSTOM_OBJECTS_MIN_TIER

    return state.tier_known and not state.tier.at_least(CUSTOM_OBJECTS_MIN_TIER) and not problem.scopes
