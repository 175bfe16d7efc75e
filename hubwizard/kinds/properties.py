"""Property groups and custom properties: read, export, plan and request bodies in one place.

HubSpot's own groups and properties are recognised from the data, not from a short list:

- a property is HubSpot's when it says ``"hubspotDefined": true`` or its name starts with
  ``hs_`` (HubSpot reserves the prefix); custom properties usually carry no key at all;
- a group is HubSpot's when HubSpot lists it among its own (``HUBSPOT_GROUPS``, the groups a
  portal is born with), when it says ``hubspotDefined``, or when most of its properties are
  HubSpot's (new groups appear every year).

Custom properties very often sit in HubSpot's groups. The config says so with
``hubspot_defined: true`` on the group: the plan then creates the properties in it and never
creates or renames the group.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from hubwizard.config import Option, Property, PropertyGroup
from hubwizard.hubspot_rules import (
    BOOL_OPTIONS,
    RESERVED_PREFIX,
    STANDARD_OBJECTS,
    PropertyType,
    field_suits_type,
    name_problem_words,
)
from hubwizard.i18n import _, pgettext
from hubwizard.kinds.base import (
    Action,
    Change,
    ExportNotes,
    Operation,
    Planner,
    as_dicts,
    change,
    object_deps,
    results_of,
)
from hubwizard.wording import records

if TYPE_CHECKING:
    from hubwizard.gateway import Gateway
    from hubwizard.state import PortalState

HUBSPOT_GROUPS: dict[str, tuple[tuple[str, str], ...]] = {
    "deals": (
        ("dealinformation", "Deal information"),
        ("deal_activity", "Deal activity"),
        ("dealstages", "Deal stage properties"),
        ("analyticsinformation", "Analytics information"),
        ("deal_revenue", "Deal revenue"),
        ("dealscripted", "Deal scripted"),
    ),
    "contacts": (
        ("contactinformation", "Contact information"),
        ("emailinformation", "Email information"),
        ("conversioninformation", "Conversion information"),
        ("analyticsinformation", "Web analytics history"),
        ("socialmediainformation", "Social media information"),
        ("contact_activity", "Contact activity"),
        ("sales_properties", "Sales properties"),
        ("facebook_ads_properties", "Facebook Ads properties"),
        ("salesforceinformation", "Salesforce information"),
        ("contactlcs", "Contact lifecycle stage"),
    ),
    "companies": (
        ("companyinformation", "Company information"),
        ("companylcs", "Company lifecycle stage"),
        ("company_activity", "Company activity"),
        ("company_signals", "Company signals"),
        ("conversioninformation", "Conversion information"),
        ("analyticsinformation", "Web analytics history"),
        ("socialmediainformation", "Social media information"),
        ("deal_information", "Deal information"),
        ("targetaccountsinformation", "Target accounts information"),
        ("sales_properties", "Sales properties"),
        ("prospectingagent", "Prospecting agent"),
        ("buyer_intent_properties", "Buyer intent"),
    ),
    "tickets": (
        ("ticketinformation", "Ticket information"),
        ("ticket_activity", "Ticket activity"),
        ("analyticsinformation", "Analytics information"),
    ),
}
"""HubSpot's own groups that fresh portals of today hold, per object (the sandbox seeds them).
Not a complete list: ``hubspot_group_names`` also recognises groups from their properties."""


# --- recognising HubSpot's own ----------------------------------------------------------


def is_hubspot_property(prop: dict[str, Any]) -> bool:
    """HubSpot's own property (``hubspotDefined``, or a name in HubSpot's ``hs_`` prefix)."""
    return bool(prop.get("hubspotDefined")) or str(prop.get("name", "")).startswith(RESERVED_PREFIX)


def hubspot_group_names(
    object_name: str, groups: Iterable[dict[str, Any]], properties: Iterable[dict[str, Any]]
) -> set[str]:
    """Names of the groups that are HubSpot's own on one object, recognised from the data."""
    names = {name for name, _ in HUBSPOT_GROUPS.get(object_name, ())}
    names |= {str(g.get("name")) for g in groups if g.get("hubspotDefined")}
    ours: dict[str, int] = {}
    theirs: dict[str, int] = {}
    for prop in properties:
        group = str(prop.get("groupName", ""))
        counts = theirs if is_hubspot_property(prop) else ours
        counts[group] = counts.get(group, 0) + 1
    names |= {g for g, n in theirs.items() if n >= ours.get(g, 0)}
    return names


# --- reading ----------------------------------------------------------------------------


def read_groups(gateway: Gateway, api_object: str) -> list[dict[str, Any]]:
    return [g for g in results_of(gateway.groups(api_object)) if g.get("name")]


def read_properties(gateway: Gateway, api_object: str) -> list[dict[str, Any]]:
    return [p for p in results_of(gateway.properties(api_object)) if p.get("name")]


# --- request bodies and their comparable forms ------------------------------------------


def options_body(prop: Property) -> list[dict[str, Any]]:
    options = prop.options
    if prop.type is PropertyType.BOOL and not options:
        options = [Option.model_validate(o) for o in BOOL_OPTIONS]
    return [
        {
            "label": o.label,
            "value": o.value,
            "displayOrder": i,
            "hidden": o.hidden,
            "description": o.description or "",
        }
        for i, o in enumerate(options)
    ]


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


def _option_order(option: dict[str, Any]) -> int:
    order = option.get("displayOrder", 0)
    try:
        order = int(order)
    except (TypeError, ValueError):
        order = 0
    return order if order >= 0 else 10**6


def comparable_property(data: dict[str, Any]) -> dict[str, Any]:
    """A property (ours or the portal's) reduced to the compared fields, normalised."""
    options = sorted(as_dicts(data.get("options")), key=_option_order)
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
    """A portal property as a config property (export); ``property_body`` of it compares equal."""
    options = [
        {
            "label": str(o.get("label", "")),
            "value": str(o.get("value", "")),
            "hidden": bool(o.get("hidden", False)),
            "description": o.get("description") or None,
        }
        for o in sorted(as_dicts(data.get("options")), key=_option_order)
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


def not_exportable(prop: dict[str, Any]) -> str | None:
    """Why a custom property cannot be written into a config (and applied back), or None."""
    type_, field = prop.get("type"), prop.get("fieldType")
    if (
        prop.get("calculated")
        or str(field or "").startswith("calculation_")
        or prop.get("calculationFormula")
    ):
        return _("it is calculated by HubSpot (its formula is kept in HubSpot, not in the config)")
    if prop.get("externalOptions") or prop.get("referencedObjectType"):
        return _("its options come from other HubSpot records (owners, users, ...)")
    problem = name_problem_words(str(prop.get("name", "")))
    if problem:
        return _("its internal name {problem}").format(problem=problem)
    if not field_suits_type(str(type_), str(field)):
        return _("its type '{type}' with field '{field}' is not a pair hubwizard can create").format(
            type=type_, field=field
        )
    options = as_dicts(prop.get("options"))
    values = [str(o.get("value", "")) for o in options]
    if type_ == "enumeration" and (not values or "" in values or len(set(values)) != len(values)):
        return _("its options are empty or repeat a value")
    if any(not str(o.get("label", "")).strip() for o in options):
        return _("one of its options has no label")
    return None


# --- export -----------------------------------------------------------------------------

ExportedGroup = tuple[str, str, bool, list[Property]]
"""(name, label, HubSpot's own, custom properties)."""


def export_groups(state: PortalState, object_name: str, notes: ExportNotes) -> list[ExportedGroup]:
    """The object's custom groups (even empty) and HubSpot's groups holding custom properties."""
    groups = state.groups.get(object_name, [])
    labels = {str(g.get("name")): str(g.get("label") or g.get("name")) for g in groups}
    hubspot = state.hubspot_groups(object_name)
    found: dict[str, list[Property]] = {}
    for prop in state.custom_properties(object_name):
        if prop.get("archived"):
            continue
        what = _("{object} property '{label}' ({name})").format(
            object=object_name, label=prop.get("label") or prop.get("name"), name=prop.get("name")
        )
        reason = not_exportable(prop)
        if reason:
            notes.skip(what, reason)
            continue
        group = str(prop.get("groupName") or "")
        if not group:
            notes.skip(what, _("HubSpot gave it no group"))
            continue
        try:
            found.setdefault(group, []).append(property_from_portal(prop))
        except ValueError as exc:
            notes.skip(
                what, _("it does not fit the config format ({error})").format(error=str(exc).splitlines()[0])
            )
    for group in groups:  # empty custom groups too
        name = str(group.get("name"))
        if name not in hubspot and not group.get("archived"):
            found.setdefault(name, [])
    order = {str(g.get("name")): i for i, g in enumerate(groups)}
    return [
        (name, labels.get(name, name), name in hubspot, props)
        for name, props in sorted(found.items(), key=lambda item: order.get(item[0], len(order)))
    ]


def export(state: PortalState, notes: ExportNotes) -> list[PropertyGroup]:
    """Property groups of the standard objects (custom objects export their own)."""
    return [
        PropertyGroup(object=object_name, name=name, label=label, hubspot_defined=own, properties=props)
        for object_name in sorted(o for o in state.properties if o in STANDARD_OBJECTS)
        for name, label, own, props in export_groups(state, object_name, notes)
    ]


# --- plan -------------------------------------------------------------------------------

Desired = tuple[str, str, str, bool, list[Property], str]
"""(object, group name, label, HubSpot's own, properties, config path)."""


def _desired(planner: Planner) -> list[Desired]:
    config = planner.config
    out: list[Desired] = [
        (g.object, g.name, g.label, g.hubspot_defined, g.properties, f"property_groups[{i}]")
        for i, g in enumerate(config.property_groups)
    ]
    for o, obj in enumerate(config.custom_objects):
        out.extend(
            (
                obj.name,
                g.name,
                g.label,
                g.hubspot_defined,
                g.properties,
                f"custom_objects[{o}].property_groups[{i}]",
            )
            for i, g in enumerate(obj.property_groups)
        )
    return out


def plan(planner: Planner) -> None:
    """Groups first (never HubSpot's), then each property; custom properties the config does not
    name are kept (or archived with prune)."""
    state = planner.state
    desired = _desired(planner)
    unreadable = set()
    for object_name, *_rest, path in desired:
        problem = state.problem("properties", object_name)
        if problem is not None and object_name not in unreadable:
            unreadable.add(object_name)
            planner.refuse(
                "PLAN310",
                path,
                _("the {object} properties of this portal could not be read: {problem}").format(
                    object=object_name, problem=problem.sentence
                ),
                _("Give the token the scope named, or remove these properties from the config."),
            )
    seen_props: dict[str, set[str]] = {}
    seen_groups: dict[str, set[str]] = {}
    for object_name, name, label, own, properties, path in desired:
        if object_name in unreadable:
            continue
        seen_groups.setdefault(object_name, set()).add(name)
        _group(planner, object_name, name, label, own, path)
        for p, prop in enumerate(properties):
            seen_props.setdefault(object_name, set()).add(prop.name)
            _property(planner, object_name, name, prop, f"{path}.properties[{p}]")
    if planner.prune:
        _prune(planner, seen_groups, seen_props)
        return
    for object_name in sorted(state.properties):
        if object_name not in seen_props and object_name not in seen_groups:
            continue
        for prop in state.custom_properties(object_name):
            if prop.get("name") not in seen_props.get(object_name, set()) and not prop.get("archived"):
                key = f"{object_name}/{prop['name']}"
                planner.add(
                    Operation(
                        f"property:{key}",
                        Action.KEEP,
                        "property",
                        key,
                        object_name,
                        _("Keep property '{property}' on {object} (not in the config)").format(
                            property=prop.get("label"), object=records(object_name)
                        ),
                    )
                )


def _group(planner: Planner, object_name: str, name: str, label: str, own: bool, path: str) -> None:
    state = planner.state
    existing = next((x for x in state.groups.get(object_name, []) if x.get("name") == name), None)
    key = f"{object_name}/{name}"
    hubspots = own or (existing is not None and name in state.hubspot_groups(object_name))
    if existing is None and own:
        planner.refuse(
            "PLAN303",
            path,
            _("'{group}' is one of HubSpot's own {object} groups, and this portal does not have it").format(
                group=label, object=object_name
            ),
            _(
                "hubwizard never creates HubSpot's groups: move its properties into a group of your "
                "own, or remove hubspot_defined to create it as yours."
            ),
        )
        return
    if existing is None:
        planner.add(
            Operation(
                f"group:{key}",
                Action.CREATE,
                "property_group",
                key,
                object_name,
                _("Create property group '{group}' on {object}").format(
                    group=label, object=records(object_name)
                ),
                body={"name": name, "label": label},
                depends_on=object_deps(state, object_name),
                path=path,
            )
        )
        return
    if existing.get("label") != label and not hubspots:
        planner.add(
            Operation(
                f"group:{key}",
                Action.UPDATE,
                "property_group",
                key,
                object_name,
                _("Rename property group '{before}' to '{after}'").format(
                    before=existing.get("label"), after=label
                ),
                changes=[
                    Change(
                        "label",
                        existing.get("label"),
                        label,
                        _("label '{before}' → '{after}'").format(before=existing.get("label"), after=label),
                    )
                ],
                body={"label": label},
                previous={"label": existing.get("label")},
                path=path,
            )
        )
        return
    notes = []
    if existing.get("label") != label:
        notes.append(
            _("HubSpot's own group, called '{group}' in the portal: never renamed").format(
                group=existing.get("label")
            )
        )
    planner.add(
        Operation(
            f"group:{key}",
            Action.UNCHANGED,
            "property_group",
            key,
            object_name,
            (
                _("HubSpot's group '{group}' on {object}").format(
                    group=existing.get("label") or label, object=records(object_name)
                )
                if hubspots
                else _("Property group '{group}' on {object}").format(
                    group=label, object=records(object_name)
                )
            ),
            path=path,
            notes=notes,
        )
    )


def _property(planner: Planner, object_name: str, group: str, prop: Property, path: str) -> None:
    from hubwizard.kinds.custom_objects import inline_property_names

    state, config = planner.state, planner.config
    key = f"{object_name}/{prop.name}"
    body = property_body(prop, group)
    existing = next((x for x in state.properties.get(object_name, []) if x.get("name") == prop.name), None)
    obj = config.custom_object(object_name)
    inline = obj is not None and state.schema(object_name) is None and prop.name in inline_property_names(obj)
    deps = [f"group:{object_name}/{group}", *object_deps(state, object_name)]
    if inline:
        # created inside the custom object's definition; then moved into its group
        planner.add(
            Operation(
                f"property:{key}",
                Action.UPDATE,
                "property",
                key,
                object_name,
                _("Put property '{property}' into group '{group}'").format(property=prop.label, group=group),
                changes=[Change("groupName", "", group, _("group → '{group}'").format(group=group))],
                body={"groupName": group},
                depends_on=deps,
                path=path,
                notes=[_("created with the custom object's definition")],
            )
        )
        return
    if existing is None:
        planner.add(
            Operation(
                f"property:{key}",
                Action.CREATE,
                "property",
                key,
                object_name,
                _("Create property '{property}' ({type}) on {object}").format(
                    property=prop.label,
                    type=pgettext("property type", prop.type.value),
                    object=records(object_name),
                ),
                body=body,
                depends_on=deps,
                path=path,
            )
        )
        return
    if is_hubspot_property(existing):
        planner.refuse(
            "PLAN301",
            path,
            _("'{name}' is one of HubSpot's own {object} properties").format(
                name=prop.name, object=object_name
            ),
            _("Use the native property instead of defining it, or choose another internal name."),
        )
        return
    before, after = comparable_property(existing), comparable_property(body)
    differing = [f for f in before if before[f] != after[f]]
    if bool(existing.get("hasUniqueValue")) != prop.unique:
        planner.refuse(
            "PLAN302",
            f"{path}.unique",
            (
                _("property '{name}' is unique in the portal; HubSpot cannot change that after creation")
                if existing.get("hasUniqueValue")
                else _(
                    "property '{name}' is not unique in the portal; HubSpot cannot change that after creation"
                )
            ).format(name=prop.name),
            _("Set unique to match the portal, or create a new property."),
        )
    if not differing:
        planner.add(
            Operation(
                f"property:{key}",
                Action.UNCHANGED,
                "property",
                key,
                object_name,
                _("Property '{property}' on {object}").format(
                    property=prop.label, object=records(object_name)
                ),
                path=path,
            )
        )
        return
    planner.add(
        Operation(
            f"property:{key}",
            Action.UPDATE,
            "property",
            key,
            object_name,
            _("Update property '{property}' on {object}").format(
                property=prop.label, object=records(object_name)
            ),
            changes=[change(f, before[f], after[f]) for f in differing],
            body={f: body[f] for f in differing},
            previous={f: existing.get(f) for f in differing},
            depends_on=[d for d in deps if "groupName" in differing or not d.startswith("group:")],
            path=path,
        )
    )


def _prune(planner: Planner, seen_groups: dict[str, set[str]], seen_props: dict[str, set[str]]) -> None:
    state = planner.state
    for object_name in sorted(set(seen_groups) | set(seen_props)):
        for prop in state.custom_properties(object_name):
            if prop.get("name") not in seen_props.get(object_name, set()) and not prop.get("archived"):
                key = f"{object_name}/{prop['name']}"
                planner.add(
                    Operation(
                        f"property:{key}",
                        Action.ARCHIVE,
                        "property",
                        key,
                        object_name,
                        _("Archive property '{property}' on {object}").format(
                            property=prop.get("label"), object=records(object_name)
                        ),
                        target={"name": prop["name"]},
                        previous=prop,
                    )
                )
