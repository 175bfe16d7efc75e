"""Export: a portal as a config file, pinned to the portal's ids.

Every pipeline, stage and workflow carries its ``hubspot_id``, so planning the export against
the same portal shows no change, and a user can start the wizard from what they already have.
HubSpot's own properties are left out (they need no config); custom ones are grouped as in the
portal. What the format cannot express is kept verbatim (workflow actions) or reported in
``skipped`` (properties of a type the format does not know).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from hubwizard.config import Config, CustomObject, ObjectPropertyGroup, Pipeline, PropertyGroup
from hubwizard.hubspot_rules import ASSOCIATION_NAMES, OBJECT_TYPE_IDS, FieldType, PropertyType
from hubwizard.kinds import workflows as workflow_kind
from hubwizard.payloads import pipeline_kind, property_from_portal, stage_from_portal
from hubwizard.state import PortalState

_ASSOCIATION_OBJECTS = {v: k for k, v in ASSOCIATION_NAMES.items()} | {
    v: k for k, v in OBJECT_TYPE_IDS.items()
}


@dataclass
class Export:
    config: Config
    skipped: list[str] = field(default_factory=list)


def local_id(label: str, taken: set[str], fallback: str) -> str:
    """A config key from a label: 'Quote sent' → quote_sent; unique within ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
    if not base or not base[0].isalpha():
        base = f"{fallback}_{base}" if base else fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


def _known_types(prop: dict[str, Any]) -> bool:
    try:
        PropertyType(prop.get("type", ""))
        FieldType(prop.get("fieldType", ""))
    except ValueError:
        return False
    return True


def export_config(state: PortalState, name: str = "Exported from portal") -> Export:
    skipped: list[str] = []
    resolver = state.resolver()
    custom_names = {str(s["name"]) for s in state.schemas if s.get("name")}

    # pipelines --------------------------------------------------------------------------
    pipelines: list[Pipeline] = []
    pipeline_ids: set[str] = set()
    for object_name in sorted(state.pipelines, key=lambda o: (o not in ("deals", "tickets"), o)):
        kind = pipeline_kind(object_name)
        for portal_pipeline in sorted(
            state.pipelines[object_name], key=lambda p: int(p.get("displayOrder", 0))
        ):
            if portal_pipeline.get("archived"):
                continue
            pid = local_id(str(portal_pipeline.get("label", "")), pipeline_ids, "pipeline")
            stage_ids: set[str] = set()
            stages = []
            for portal_stage in sorted(
                (s for s in portal_pipeline.get("stages") or [] if not s.get("archived")),
                key=lambda s: int(s.get("displayOrder", 0)),
            ):
                sid = local_id(str(portal_stage.get("label", "")), stage_ids, "stage")
                stages.append(stage_from_portal(portal_stage, kind, sid))
                resolver.stage_ids[(pid, sid)] = str(portal_stage["id"])
            resolver.pipeline_ids[pid] = str(portal_pipeline["id"])
            pipelines.append(
                Pipeline(
                    id=pid,
                    object=object_name,
                    label=str(portal_pipeline.get("label", "")),
                    stages=stages,
                    hubspot_id=str(portal_pipeline["id"]),
                )
            )

    # properties -------------------------------------------------------------------------
    def grouped(object_name: str) -> list[tuple[str, str, list[Any]]]:
        labels = {g.get("name"): g.get("label") for g in state.groups.get(object_name, [])}
        groups: dict[str, list[Any]] = {}
        for prop in state.custom_properties(object_name):
            if prop.get("archived"):
                continue
            if not _known_types(prop):
                skipped.append(
                    f"{object_name} property '{prop.get('name')}' ({prop.get('type')}/{prop.get('fieldType')}): type not in the config format"
                )
                continue
            groups.setdefault(str(prop.get("groupName", "")), []).append(property_from_portal(prop))
        for group in state.custom_groups(object_name):  # empty custom groups too
            groups.setdefault(str(group.get("name")), [])
        return [(g, str(labels.get(g) or g), props) for g, props in groups.items() if g]

    property_groups = [
        PropertyGroup(object=object_name, name=g, label=label, properties=props)
        for object_name in sorted(o for o in state.properties if o not in custom_names)
        for g, label, props in grouped(object_name)
    ]

    # custom objects ---------------------------------------------------------------------
    custom_objects = []
    for schema in state.schemas:
        if schema.get("archived") or not schema.get("name"):
            continue
        object_name = str(schema["name"])
        labels = schema.get("labels") or {}
        associations = sorted(
            {
                _ASSOCIATION_OBJECTS.get(str(a.get("toObjectTypeId")), "")
                for a in schema.get("associations") or []
                if str(a.get("fromObjectTypeId")) == str(schema.get("objectTypeId"))
            }
            - {""}
        )
        custom_objects.append(
            CustomObject(
                name=object_name,
                singular=labels.get("singular") or object_name,
                plural=labels.get("plural") or object_name,
                description=schema.get("description") or None,
                primary_property=schema.get("primaryDisplayProperty") or "",
                secondary_properties=list(schema.get("secondaryDisplayProperties") or []),
                required=sorted(schema.get("requiredProperties") or []),
                associations=associations,
                property_groups=[
                    ObjectPropertyGroup(name=g, label=label, properties=props)
                    for g, label, props in grouped(object_name)
                ],
                hubspot_id=str(schema.get("objectTypeId")),
            )
        )

    # workflows --------------------------------------------------------------------------
    workflows = workflow_kind.export(state.flows, resolver, skipped, pipelines, custom_objects)

    config = Config(
        name=name,
        description=f"Read from portal {state.portal_id}" if state.portal_id else "Read from a portal",
        portal={"tier": state.tier},
        pipelines=pipelines,
        property_groups=property_groups,
        custom_objects=custom_objects,
        workflows=workflows,
    )
    return Export(config, skipped)
