"""Export: a portal as a config file, pinned to the portal's ids.

The kinds (``hubwizard.kinds``) each export what they read: pipelines with all their stages,
property groups with their custom properties (custom ones, and HubSpot's own groups that hold
custom properties, marked ``hubspot_defined``), custom objects with their groups and pipeline.
Every pipeline, stage and workflow carries its ``hubspot_id``, so planning the export against
the same portal shows no change. HubSpot's own properties are left out (they need no config).

Nothing is dropped silently: what the format has no words for is kept verbatim ("kept as is")
or left out with the reason ("not exported: … because …"), parts the token may not read are
named with the scope to add, and an unknowable tier is written ``unknown``. The result always
passes ``hubwizard validate``: an item HubSpot itself would reject on apply is left out with
the linter's reason rather than written into a file that cannot be planned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hubwizard import lint
from hubwizard.config import TIER_UNKNOWN, Config
from hubwizard.configfile import parse_path
from hubwizard.i18n import _
from hubwizard.kinds import custom_objects as custom_object_kind
from hubwizard.kinds import pipelines as pipeline_kind
from hubwizard.kinds import properties as property_kind
from hubwizard.kinds import workflows as workflow_kind
from hubwizard.kinds.base import ExportNotes, ReadProblem, local_id
from hubwizard.state import PortalState

__all__ = ["Export", "export_config", "local_id"]

DATA_KINDS = ("schemas", "pipelines", "properties", "flows", "owners")
"""Read problems an export reports as "not exported" (account and limits only shape the tier)."""


@dataclass
class Export:
    config: Config
    skipped: list[str] = field(default_factory=list)
    """"not exported: … because …" lines."""
    kept: list[str] = field(default_factory=list)
    """"kept as is: …" lines (items written verbatim)."""
    problems: list[ReadProblem] = field(default_factory=list)
    """Parts of the portal that could not be read (also in ``skipped``)."""


def export_config(state: PortalState, name: str = "Exported from portal") -> Export:
    notes = ExportNotes()
    for problem in state.problems:
        if problem.kind in DATA_KINDS:
            notes.skip(problem.what, problem.sentence)
    if not state.tier_known:
        notes.skip(
            _("the portal's tier"),
            _(
                "HubSpot did not show the portal's limits and nothing in the portal proves a tier: "
                "written as '{tier}', and plan decides from the portal"
            ).format(tier=TIER_UNKNOWN),
        )
    resolver = state.resolver()
    pipelines = pipeline_kind.export(state, notes, resolver, set())
    property_groups = property_kind.export(state, notes)
    custom_objects = custom_object_kind.export(state, notes)
    workflows = workflow_kind.export(state, notes, resolver, pipelines, custom_objects)
    config = Config(
        name=name,
        description=_("Read from portal {id}").format(id=state.portal_id)
        if state.portal_id
        else _("Read from a portal"),
        portal={"tier": state.tier if state.tier_known else TIER_UNKNOWN},
        pipelines=pipelines,
        property_groups=property_groups,
        custom_objects=custom_objects,
        workflows=workflows,
    )
    config = _without_rejected(config, notes)
    return Export(config, notes.skipped, notes.kept, list(state.problems))


_LIST_KEYS = ("pipelines", "property_groups", "custom_objects", "workflows")


def _without_rejected(config: Config, notes: ExportNotes) -> Config:
    """Leave out the items the linter says HubSpot would reject (or that break the file), each
    with its reason, so the export passes ``validate``. Stops when nothing more can be left out."""
    for _attempt in range(5):
        errors = lint.errors(config)
        if not errors:
            return config
        data = config.model_dump(mode="python", exclude_none=False)
        removals: dict[tuple[Any, ...], str] = {}
        for finding in errors:
            target = _removable(parse_path(finding.path))
            if target is not None:
                removals.setdefault(target, finding.message)
        if not removals:
            return config
        for target, message in sorted(removals.items(), key=lambda item: item[0], reverse=True):
            container = data
            for part in target[:-1]:
                container = container[part]
            item = container[target[-1]]
            notes.skip(_describe(target, item), message)
            del container[target[-1]]
        config = Config.model_validate(data)
    return config


def _removable(path: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """The smallest item to leave out for an error at ``path``."""
    if len(path) < 2 or path[0] not in _LIST_KEYS or not isinstance(path[1], int):
        return None
    if (
        path[0] == "property_groups"
        and len(path) >= 4
        and path[2] == "properties"
        and isinstance(path[3], int)
    ):
        return path[:4]
    if (
        path[0] == "custom_objects"
        and len(path) >= 6
        and path[2] == "property_groups"
        and path[4] == "properties"
        and isinstance(path[5], int)
    ):
        return path[:6]
    return path[:2]


def _describe(target: tuple[Any, ...], item: Any) -> str:
    kind = {
        "pipelines": _("pipeline '{name}'"),
        "property_groups": _("property group '{name}'"),
        "custom_objects": _("custom object '{name}'"),
        "workflows": _("workflow '{name}'"),
    }[target[0]]
    if len(target) > 2:
        kind = _("property '{name}'")
    name = item.get("label") or item.get("name") or item.get("id") if isinstance(item, dict) else item
    return kind.format(name=name)
