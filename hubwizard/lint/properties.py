"""Property checks: HW3xx.

Guide, section 3: prefer HubSpot's native properties (the native ``amount`` drives the totals
under each column of the board; a custom "amount" only shows in a report); fit the tool to the
business with custom properties in a named group, such as an "HR" group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hubwizard.config import Config, Property
from hubwizard.findings import Severity
from hubwizard.hubspot_rules import (
    CUSTOM_PROPERTIES_PER_GROUP_ADVICE,
    CUSTOM_PROPERTIES_PER_OBJECT,
    FIELDS_BY_TYPE,
    RESERVED_PREFIX,
    TYPES_WITH_OPTIONS,
    field_suits_type,
    name_problem,
)
from hubwizard.lint import text
from hubwizard.lint.common import iter_properties, q
from hubwizard.lint.registry import Issue, rule
from hubwizard.natives import NATIVE_PROPERTIES, NativeProperty

# --- HW301: duplicates of native properties ------------------------------------------------


def _native_index() -> dict[str, dict[str, NativeProperty]]:
    """object → compact key (name, label or synonym) → native property."""
    index: dict[str, dict[str, NativeProperty]] = {}
    for native in NATIVE_PROPERTIES:
        keys = index.setdefault(native.object, {})
        for word in (native.name, native.label, *native.synonyms):
            keys.setdefault(text.compact(word), native)
    return index


NATIVE_INDEX = _native_index()

QUALIFIERS = text.folded_words(
    "custom my our new own perso personnalise mon ma notre eigene eigener mein "
    "benutzerdefiniert personalizado personalizada mi nuestro"
)
"""Leading words that do not make a copy of a native property different ("Custom amount")."""

CHINESE_QUALIFIERS = ("自定义", "我的")


def _candidate_keys(value: str) -> list[str]:
    """Compact keys under which a name or label may match a native property."""
    words = text.ascii_words(value) if value.isascii() else text.tokens(value)
    while len(words) > 1 and words[0] in QUALIFIERS:
        words = words[1:]
    key = "".join(words)
    for prefix in CHINESE_QUALIFIERS:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix) :]
    keys = [key]
    if len(key) > 3 and key.endswith("s"):
        keys.append(key[:-1])
    return keys


def native_duplicate(object_name: str, prop: Property) -> tuple[str, NativeProperty] | None:
    """(``"name"`` or ``"label"``, the native property) when ``prop`` copies a native one."""
    natives = NATIVE_INDEX.get(object_name)
    if not natives:
        return None
    for attribute in ("name", "label"):
        for key in _candidate_keys(getattr(prop, attribute)):
            native = natives.get(key)
            if native is not None:
                return attribute, native
    return None


@rule("HW301", Severity.WARNING, "custom property that duplicates a native HubSpot property")
def native_duplicates(config: Config) -> Iterator[Issue]:
    for group_index, group in enumerate(config.property_groups):
        if group.object not in NATIVE_INDEX:
            continue
        for k, prop in enumerate(group.properties):
            found = native_duplicate(group.object, prop)
            if found is None:
                continue
            attribute, native = found
            yield Issue(
                f"property_groups[{group_index}].properties[{k}].{attribute}",
                f"Custom property {q(prop.label)} ({prop.name}) duplicates HubSpot's native "
                f"{q(native.label)} ({native.name}) on {group.object}.",
                f"Use the native '{native.name}' instead: HubSpot knows how to use it "
                f"({native.description.rstrip('.').lower()}), while a custom copy is missing from "
                "default views and needs hand-built reports. Remove this property.",
            )


# --- HW302: internal names -----------------------------------------------------------------


def suggest_name(value: str) -> str:
    """A name HubSpot would accept, made from ``value``: ``"Product Type"`` → ``product_type``."""
    name = re.sub(r"[^a-z0-9]+", "_", text.fold(value)).strip("_")
    while name.startswith(RESERVED_PREFIX):
        name = name[len(RESERVED_PREFIX) :]
    if not name or not name[0].isalpha():
        name = f"x_{name}".rstrip("_")
    return name


def _named_items(config: Config) -> Iterator[tuple[str, str, str]]:
    """(path, what, name) for every internal name and local id of the config."""
    for i, pipeline in enumerate(config.pipelines):
        yield f"pipelines[{i}].id", "Pipeline id", pipeline.id
        for j, stage in enumerate(pipeline.stages):
            yield f"pipelines[{i}].stages[{j}].id", "Stage id", stage.id
    for g, group in enumerate(config.property_groups):
        yield f"property_groups[{g}].name", "Property group name", group.name
    for c, obj in enumerate(config.custom_objects):
        yield f"custom_objects[{c}].name", "Custom object name", obj.name
        for g, group in enumerate(obj.property_groups):
            yield f"custom_objects[{c}].property_groups[{g}].name", "Property group name", group.name
    for placed in iter_properties(config):
        yield f"{placed.path}.name", "Property name", placed.prop.name
    for w, workflow in enumerate(config.workflows):
        yield f"workflows[{w}].id", "Workflow id", workflow.id


@rule("HW302", Severity.ERROR, "internal name not matching ^[a-z][a-z0-9_]*$, or a reserved hs_ prefix")
def internal_names(config: Config) -> Iterator[Issue]:
    for path, what, name in _named_items(config):
        problem = name_problem(name)
        if problem:
            yield Issue(
                f"{path}",
                f"{what} {q(name)} {problem}.",
                f"Use lowercase letters, digits and '_', e.g. {q(suggest_name(name))}. Internal "
                "names cannot be changed once created; the label can say anything.",
            )


# --- HW303..HW306 --------------------------------------------------------------------------


@rule("HW303", Severity.ERROR, "type/field pair HubSpot does not accept")
def type_field(config: Config) -> Iterator[Issue]:
    for placed in iter_properties(config):
        prop = placed.prop
        if prop.field is not None and not field_suits_type(prop.type, prop.field):
            allowed = ", ".join(f.value for f in FIELDS_BY_TYPE[prop.type])
            yield Issue(
                f"{placed.path}.field",
                f"Property {q(prop.label)} ({prop.name}) is of type {prop.type.value} with field "
                f"{prop.field.value}; HubSpot does not accept that pair.",
                f"For type {prop.type.value} use one of: {allowed}; or change the type.",
            )


def _is_multi_select(prop: Property) -> bool:
    return prop.field is not None and prop.field.value == "checkbox"


@rule("HW304", Severity.ERROR, "enumeration without options, or duplicate option values")
def enumeration_options(config: Config) -> Iterator[Issue]:
    for placed in iter_properties(config):
        prop = placed.prop
        if prop.type not in TYPES_WITH_OPTIONS:
            continue
        if not prop.options:
            yield Issue(
                f"{placed.path}.options",
                f"Enumeration {q(prop.label)} ({prop.name}) has no options.",
                "List its choices, e.g. 'options: [Website, Mail, Phone, LinkedIn]'; or make it "
                "a string property.",
            )
            continue
        seen: dict[str, int] = {}
        for k, option in enumerate(prop.options):
            if option.value in seen:
                yield Issue(
                    f"{placed.path}.options[{k}].value",
                    f"Option value {q(option.value)} of {q(prop.label)} ({prop.name}) appears "
                    f"twice (options[{seen[option.value]}] and options[{k}]).",
                    "HubSpot stores the value, so each must be unique: remove the duplicate or "
                    "give it its own value.",
                )
            seen.setdefault(option.value, k)


@rule("HW305", Severity.ERROR, "duplicate property names within an object")
def duplicate_properties(config: Config) -> Iterator[Issue]:
    seen: dict[tuple[str, str], str] = {}
    for placed in iter_properties(config):
        key = (placed.object, placed.prop.name)
        first = seen.get(key)
        if first is None:
            seen[key] = placed.path
            continue
        yield Issue(
            f"{placed.path}.name",
            f"Property name {q(placed.prop.name)} is defined twice on {placed.object} "
            f"({first} and {placed.path}).",
            "Internal names are unique per object: rename one (its label may stay) or remove it.",
        )


@rule("HW306", Severity.WARNING, "a group with more than 30 custom properties, or too many on an object")
def property_counts(config: Config) -> Iterator[Issue]:
    groups = [(f"property_groups[{g}]", grp) for g, grp in enumerate(config.property_groups)]
    for c, obj in enumerate(config.custom_objects):
        groups.extend(
            (f"custom_objects[{c}].property_groups[{g}]", grp) for g, grp in enumerate(obj.property_groups)
        )
    for path, group in groups:
        if len(group.properties) > CUSTOM_PROPERTIES_PER_GROUP_ADVICE:
            yield Issue(
                f"{path}.properties",
                f"Property group {q(group.label)} holds {len(group.properties)} custom properties "
                f"(more than {CUSTOM_PROPERTIES_PER_GROUP_ADVICE}).",
                "Split it into smaller groups by theme (e.g. 'Product details', 'HR'), and check "
                "each property is needed and has no native equivalent.",
            )
    counts: dict[str, int] = {}
    for placed in iter_properties(config):
        counts[placed.object] = counts.get(placed.object, 0) + 1
        if counts[placed.object] == CUSTOM_PROPERTIES_PER_OBJECT + 1:
            yield Issue(
                placed.path,
                f"Property {q(placed.prop.label)} ({placed.prop.name}) is custom property number "
                f"{CUSTOM_PROPERTIES_PER_OBJECT + 1} on {placed.object}; HubSpot allows "
                f"{CUSTOM_PROPERTIES_PER_OBJECT} per object.",
                "Remove custom properties you do not need and prefer native ones; HubSpot will "
                "refuse the ones beyond the limit.",
            )
