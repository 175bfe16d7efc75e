"""Every template, and a large generated setup, applied to a fresh Enterprise sandbox,
exported whole and re-planned: nothing to create or update."""

from __future__ import annotations

import pytest
from round_trip import round_trip, writes

from hubwizard.config import (
    Config,
    CustomObject,
    ObjectPropertyGroup,
    Pipeline,
    Property,
    PropertyGroup,
    Stage,
)
from hubwizard.templates import list_templates


@pytest.mark.parametrize("template", list_templates(), ids=lambda t: t.slug)
def test_template_applied_exported_replans_to_nothing(sandbox, template):
    config = template.fresh_config()
    result = round_trip(sandbox, config)
    assert writes(result.replanned) == []
    assert writes(result.original) == []
    exported = result.exported.config
    assert {(p.object, p.label) for p in config.pipelines} <= {
        (p.object, p.label) for p in exported.pipelines
    }
    for obj in config.custom_objects:
        back = exported.custom_object(obj.name)
        assert back is not None, f"custom object {obj.name} missing from the export"
        assert back.primary_property == obj.primary_property
        assert {p.name for p in obj.properties()} <= {p.name for p in back.properties()}
    wanted = {(g.object, p.name) for g in config.property_groups for p in g.properties}
    assert wanted <= {(g.object, p.name) for g in exported.property_groups for p in g.properties}


TYPES = [
    ("string", "text", []),
    ("string", "textarea", []),
    ("number", "number", []),
    ("date", "date", []),
    ("datetime", "date", []),
    ("bool", "booleancheckbox", []),
    ("enumeration", "select", ["Gold", "Silver", "Bronze"]),
    ("enumeration", "checkbox", ["Email", "Phone"]),
    ("enumeration", "radio", ["Yes please", "No thanks"]),
    ("phone_number", "phonenumber", []),
]
HUBSPOT_GROUPS = {
    "deals": ("dealinformation", "Deal information"),
    "contacts": ("contactinformation", "Contact information"),
    "companies": ("companyinformation", "Company information"),
    "tickets": ("ticketinformation", "Ticket information"),
}


def _properties(prefix: str, count: int) -> list[Property]:
    out = []
    for i in range(count):
        type_, field, options = TYPES[i % len(TYPES)]
        out.append(
            Property.model_validate(
                {
                    "name": f"{prefix}_{i:03d}",
                    "label": f"{prefix.replace('_', ' ').title()} {i}",
                    "type": type_,
                    "field": field,
                    "options": options,
                    "description": f"Generated field {i}" if i % 3 else None,
                    "hidden": i % 11 == 5,
                }
            )
        )
    return out


def generated_config() -> Config:
    groups = []
    for object_name, (hubspot_group, label) in HUBSPOT_GROUPS.items():
        short = object_name[:4]
        groups.append(
            PropertyGroup(
                object=object_name,
                name=hubspot_group,
                label=label,
                hubspot_defined=True,
                properties=_properties(f"{short}_in_hs", 25),
            )
        )
        for g in range(2):
            groups.append(
                PropertyGroup(
                    object=object_name,
                    name=f"{short}_extra_{g}",
                    label=f"{object_name.title()} extra {g}",
                    properties=_properties(f"{short}_x{g}", 27),
                )
            )
    objects = [
        CustomObject(
            name=f"gen_object_{n}",
            singular=f"Generated thing {n}",
            plural=f"Generated things {n}",
            primary_property=f"gen{n}_name",
            secondary_properties=[f"gen{n}_code"],
            required=[f"gen{n}_name"],
            associations=["deals", "companies"],
            property_groups=[
                ObjectPropertyGroup(
                    name=f"gen{n}_details",
                    label="Details",
                    properties=[
                        Property(name=f"gen{n}_name", label="Name"),
                        Property(name=f"gen{n}_code", label="Code"),
                        *_properties(f"gen{n}_p", 12),
                    ],
                )
            ],
        )
        for n in range(2)
    ]
    pipeline = Pipeline(
        id="delivery",
        object="gen_object_0",
        label="Delivery",
        stages=[
            Stage(id="planned", label="Planned", state="open"),
            Stage(id="running", label="Running", state="open"),
            Stage(id="done", label="Done", state="closed"),
        ],
    )
    return Config(
        name="Generated",
        portal={"tier": "enterprise"},
        pipelines=[pipeline],
        property_groups=groups,
        custom_objects=objects,
    )


def test_generated_setup_with_custom_objects_and_hubspot_groups_replans_to_nothing(sandbox):
    config = generated_config()
    count = sum(len(g.properties) for g in config.property_groups)
    assert count >= 300 and {g.object for g in config.property_groups} == set(HUBSPOT_GROUPS)
    result = round_trip(sandbox, config)
    assert writes(result.replanned) == []
    assert writes(result.original) == []
    exported = result.exported.config
    by_key = {(g.object, g.name): g for g in exported.property_groups}
    for object_name, (hubspot_group, _) in HUBSPOT_GROUPS.items():
        group = by_key[(object_name, hubspot_group)]
        assert group.hubspot_defined and len(group.properties) == 25
    back = {(g.object, p.name) for g in exported.property_groups for p in g.properties}
    assert {(g.object, p.name) for g in config.property_groups for p in g.properties} <= back
    assert next(p for p in exported.pipelines if p.object == "gen_object_0").label == "Delivery"
    assert {o.name for o in exported.custom_objects} >= {"gen_object_0", "gen_object_1"}
