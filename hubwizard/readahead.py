"""Read-ahead: a plan's first wave of portal reads, sent while the command is still starting.

A plan reads the portal in one concurrent wave (``state.read_portal``), and what that wave asks
depends only on which objects and kinds the config has. The raw file tells that long before
the config is checked: importing the config format (pydantic), the linter and the planner and
validating the file take about a quarter of a second of CPU, during which the portal could
already be answering. So ``hubwizard plan`` and ``apply`` open the portal first, send exactly
the reads of the first wave (``Gateway.read_ahead``), and only then load and check the config;
the plan's read takes the answers already in flight instead of asking again.

Nothing here decides what a plan contains: the scope is computed by the same function as the
plan's own (``scope``), from the raw mapping instead of the validated config, and a test holds
the two equal for every template. A read sent ahead that the plan does not take is only a
wasted read (never an answer used later: the gateway forgets what was not taken as soon as the
plan's read is over). This module imports nothing heavy: the gateway and the YAML reader only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hubwizard.hubspot_rules import PIPELINE_OBJECTS, STANDARD_OBJECTS

if TYPE_CHECKING:
    from hubwizard.gateway import Gateway

LIMIT_KINDS = ("pipelines", "custom-object-types", "custom-properties")
"""The limits a plan reads (tier, budget, pre-flight)."""

Call = tuple[str, tuple[str, ...]]
"""A gateway read: the method's name and its arguments."""


@dataclass(frozen=True)
class Scope:
    """What one read asks the portal for."""

    objects: frozenset[str]
    kinds: frozenset[str]

    @property
    def custom_objects(self) -> frozenset[str]:
        return frozenset(o for o in self.objects if o not in STANDARD_OBJECTS)


def scope(
    objects: Iterable[str],
    *,
    object_properties: bool,
    pipelines: bool,
    properties: bool,
    workflows: bool,
    owners: bool,
    prune: bool = False,
) -> Scope:
    """The kinds planning a config needs: the account and limits (tier, budget, pre-flight),
    and for the rest only what the config has."""
    objects = frozenset(objects)
    kinds = {"account", "limits"}
    if any(o not in STANDARD_OBJECTS for o in objects):
        kinds.add("schemas")  # custom objects, and how to address anything on them
    if pipelines:
        kinds.add("pipelines")
    if properties or object_properties:
        kinds.add("properties")
    if workflows or prune:
        kinds.add("flows")
    if owners:
        kinds.add("owners")
    return Scope(objects, frozenset(kinds))


def _items(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key)
    return [i for i in value if isinstance(i, Mapping)] if isinstance(value, list) else []


def _object(item: Mapping[str, Any]) -> str:
    value = item.get("object", "deals")
    return value if isinstance(value, str) else "deals"


def _names_an_owner(workflow: Mapping[str, Any]) -> bool:
    for step in _items(workflow, "steps"):
        task = step.get("create_task")
        if isinstance(task, Mapping) and "@" in str(task.get("assign_to", "owner")):
            return True
        if step.get("assign_owner") is not None:
            return True
    return False


def data_scope(data: Any, prune: bool = False) -> Scope | None:
    """The plan's scope from a config file's raw mapping (None when it is not one)."""
    if not isinstance(data, Mapping):
        return None
    pipelines = _items(data, "pipelines")
    groups = _items(data, "property_groups")
    workflows = _items(data, "workflows")
    customs = _items(data, "custom_objects")
    objects = (
        {_object(p) for p in pipelines}
        | {_object(g) for g in groups}
        | {_object(w) for w in workflows}
        | {str(o.get("name")) for o in customs}
    )
    return scope(
        objects,
        object_properties=any(_items(o, "property_groups") for o in customs),
        pipelines=bool(pipelines),
        properties=bool(groups),
        workflows=bool(workflows),
        owners=any(_names_an_owner(w) for w in workflows),
        prune=prune,
    )


def first_wave(read: Scope) -> list[Call]:
    """The reads ``state.read_portal`` sends at once for this scope (everything but a custom
    object's own parts, which wait for the schemas)."""
    kinds = read.kinds
    everything = not read.objects
    always = {"deals", "tickets"} if "limits" in kinds else set()  # as state.read_portal
    wanted = set(STANDARD_OBJECTS) if everything else always | set(read.objects)
    need_schemas = "schemas" in kinds or (
        bool({"pipelines", "properties"} & kinds)
        and (everything or any(o not in STANDARD_OBJECTS for o in wanted))
    )
    calls: list[Call] = []
    if "account" in kinds:
        calls.append(("account", ()))
    if need_schemas:
        calls.append(("schemas", ()))
    if "owners" in kinds:
        calls.append(("owners", ()))
    if "flows" in kinds:
        calls.append(("flows", ()))
    if "limits" in kinds:
        calls += [("limits", (kind,)) for kind in LIMIT_KINDS]
    for name in sorted(o for o in wanted if o in STANDARD_OBJECTS):
        if "pipelines" in kinds and name in PIPELINE_OBJECTS:
            calls.append(("pipelines", (name,)))
        if "properties" in kinds:
            calls += [("groups", (name,)), ("properties", (name,))]
    return calls


def raw_data(path: str) -> Any:
    """A config file's plain data by the fast path (None when only the careful path, with its
    error messages, can read it: then nothing is read ahead)."""
    from hubwizard import fastyaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except ValueError:
            return None
    parsed = fastyaml.parse(text, max_values=1_000_000, max_depth=40)  # configfile's caps
    return parsed[0] if parsed else None


def read_ahead(gateway: Gateway, path: str, *, prune: bool = False) -> int:
    """Send the first wave of the plan of the config at ``path``; returns how many reads left."""
    if path == "-":
        return 0
    planned = data_scope(raw_data(path), prune)
    if planned is None:
        return 0
    calls = first_wave(planned)
    gateway.read_ahead(calls)
    return len(calls)
