"""Request bodies, re-exported from the kind modules that own them (``hubwizard.kinds``).

Kept so existing imports keep working; new code imports from the kind module itself.
"""

from __future__ import annotations

from hubwizard.kinds.custom_objects import (
    association_targets,
    comparable_schema,
    desired_schema,
    inline_property_names,
    schema_egg,
)
from hubwizard.kinds.pipelines import (
    TICKET_OBJECTS,
    pipeline_body,
    pipeline_kind,
    portal_stage_metadata,
    stage_body,
    stage_from_portal,
    stage_metadata,
)
from hubwizard.kinds.properties import (
    COMPARED_PROPERTY_FIELDS,
    comparable_property,
    options_body,
    property_body,
    property_from_portal,
)

__all__ = [
    "COMPARED_PROPERTY_FIELDS",
    "TICKET_OBJECTS",
    "association_targets",
    "comparable_property",
    "comparable_schema",
    "desired_schema",
    "inline_property_names",
    "options_body",
    "pipeline_body",
    "pipeline_kind",
    "portal_stage_metadata",
    "property_body",
    "property_from_portal",
    "schema_egg",
    "stage_body",
    "stage_from_portal",
    "stage_metadata",
]
