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
from hubwizard.lint.common import PlacedProperty, iter_properties, q
from hubwizard.lint.registry import Issue, rule
from hubwizard.natives import NATIVE_PROPERTIES, NativeProperty
from hubwizard.natives_synonyms import may_name_object, without_object
from hubwizard.wording import field_name, property_type_name

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


def _candidate_keys(value: str, object_name: str = "") -> list[str]:
    """Compact keys under which a name or label may match a native property; words that only
    name the object ("Deal revenue", "Source du contact") are dropped."""
    words = text.ascii_words(value) if value.isascii() else text.tokens(value)
    while len(words) > 1 and words[0] in QUALIFIERS:
        words = words[1:]
    keys = []
    for kept in (words, without_object(object_name, words)):
        key = "".join(kept)
        for prefix in CHINESE_QUALIFIERS:
            if key.startswith(prefix) and len(key) > len(prefix):
                key = key[len(prefix) :]
        keys.append(key)
        if len(key) > 3 and key.endswith("s"):
            keys.append(key[:-1])
    return keys


_ASCII_SEPARATORS = re.compile(r"[^a-z0-9]+")
TAIL = 4


def _endings(keys: list[str]) -> tuple[frozenset[str], frozenset[str], tuple[int, ...]]:
    """(the last four letters of every longer key, the shorter ASCII keys whole, their lengths),
    plurals included. Non-ASCII values skip this test, so non-ASCII keys need no entry."""
    endings = [*keys, *(f"{key}s" for key in keys)]
    short = frozenset(e for e in endings if len(e) < TAIL and e.isascii())
    return (
        frozenset(e[-TAIL:] for e in endings if len(e) >= TAIL),
        short,
        tuple(sorted({len(e) for e in short})),
    )


NATIVE_ENDINGS = {obj: _endings(list(keys)) for obj, keys in NATIVE_INDEX.items()}
"""Per object, how a compacted ASCII name or label must end to possibly match a native one (only
leading words are ever dropped): set lookups that spare the word split for most properties."""


def _may_match(object_name: str, value: str) -> bool:
    if not value.isascii():
        return True
    compact = _ASCII_SEPARATORS.sub("", value.lower())
    tails, short, lengths = NATIVE_ENDINGS[object_name]
    if compact[-TAIL:] in tails or any(compact[-n:] in short for n in lengths):
        return True
    return may_name_object(object_name, value)


def native_duplicate(object_name: str, prop: Property) -> tuple[str, NativeProperty] | None:
    """(``"name"`` or ``"label"``, the native property) when ``prop`` copies a native one."""
    natives = NATIVE_INDEX.get(object_name)
    if not natives:
        return None
    for attribute in ("name", "label"):
        value = getattr(prop, attribute)
        if not _may_match(object_name, value):
            continue
        for key in _candidate_keys(value, object_name):
            native = natives.get(key)
            if native is not None:
                return attribute, native
    return None


NATIVE_BY_NAME = {(native.object, native.name): native for native in NATIVE_PROPERTIES}


def _native_by_name(object_name: str, name: str) -> NativeProperty | None:
    return NATIVE_BY_NAME.get((object_name, name))


@rule("HW301", Severity.WARNING, "custom property that duplicates a native HubSpot property")
def native_duplicates(config: Config) -> Iterator[Issue]:
    for group_index, group in enumerate(config.property_groups):
        if group.object not in NATIVE_INDEX:
            continue
        for k, prop in enumerate(group.properties):
            if _native_by_name(group.object, prop.name) is not None:
                continue  # HW307: HubSpot refuses it outright
            found = native_duplicate(group.object, prop)
            if found is None:
                continue
            attribute, native = found
            use = native.description.rstrip(".").lower()
            yield Issue(
                f"property_groups[{group_index}].properties[{k}].{attribute}",
                f"Custom property {q(prop.label)} duplicates HubSpot's native {q(native.label)} "
                f"property on {group.object}.",
                f"{prop.name} copies the native '{native.name}'. Use the native property instead: "
                f"HubSpot knows how to use it ({use}), while a custom copy is missing from "
                "default views and needs hand-built reports. Remove this property.",
                f"Delete {q(prop.label)} and use HubSpot's {q(native.label)} instead: HubSpot knows "
                f"how to use it ({use}), while a custom copy is missing from default views and "
                "needs hand-built reports.",
            )


@rule("HW307", Severity.ERROR, "custom property with the internal name of one of HubSpot's own properties")
def native_names(config: Config) -> Iterator[Issue]:
    for group_index, group in enumerate(config.property_groups):
        for k, prop in enumerate(group.properties):
            native = _native_by_name(group.object, prop.name)
            if native is None:
                continue
            yield Issue(
                f"property_groups[{group_index}].properties[{k}].name",
                f"Custom property {q(prop.label)} takes the internal name of HubSpot's own "
                f"{q(native.label)} property on {group.object}; HubSpot refuses to create it.",
                f"'{prop.name}' is a native {group.object} property. Remove this entry and use the "
                "native property, or choose another internal name.",
                f"Delete {q(prop.label)} and use HubSpot's {q(native.label)}, or give it another "
                "internal name if it really is something else.",
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


_WHAT_WORDS = {
    "Pipeline id": "pipeline",
    "Stage id": "stage",
    "Property group name": "property group",
    "Custom object name": "custom object",
    "Property name": "property",
    "Workflow id": "workflow",
}


def _named_labels(config: Config) -> dict[str, str]:
    """path of an internal name → the label of its item, for messages."""
    labels: dict[str, str] = {}
    for i, pipeline in enumerate(config.pipelines):
        labels[f"pipelines[{i}].id"] = pipeline.label
        for j, stage in enumerate(pipeline.stages):
            labels[f"pipelines[{i}].stages[{j}].id"] = stage.label
    for g, group in enumerate(config.property_groups):
        labels[f"property_groups[{g}].name"] = group.label
    for c, obj in enumerate(config.custom_objects):
        labels[f"custom_objects[{c}].name"] = obj.singular
        for g, group in enumerate(obj.property_groups):
            labels[f"custom_objects[{c}].property_groups[{g}].name"] = group.label
    for placed in iter_properties(config):
        labels[f"{placed.path}.name"] = placed.prop.label
    for w, workflow in enumerate(config.workflows):
        labels[f"workflows[{w}].id"] = workflow.name
    return labels


@rule("HW302", Severity.ERROR, "internal name not matching ^[a-z][a-z0-9_]*$, or a reserved hs_ prefix")
def internal_names(config: Config) -> Iterator[Issue]:
    labels: dict[str, str] | None = None
    for path, what, name in _named_items(config):
        problem = name_problem(name)
        if problem:
            labels = labels if labels is not None else _named_labels(config)
            word = _WHAT_WORDS.get(what, "item")
            if name.startswith(RESERVED_PREFIX):
                why = "starts with hs, which HubSpot keeps for its own properties"
            elif not name:
                why = "is empty"
            else:
                why = "may hold only lowercase letters, digits and underscores, starting with a letter"
            yield Issue(
                path,
                f"The internal name {q(name)} of {word} {q(labels.get(path, name))} {why}.",
                f"{what} {q(name)} {problem}. Use lowercase letters, digits and '_', e.g. "
                f"{q(suggest_name(name))}. Internal names cannot be changed once created; the "
                "label can say anything.",
                f"Use an internal name such as {q(suggest_name(name))}; it cannot be changed once "
                "created, while the label can say anything.",
            )


# --- HW303..HW306 --------------------------------------------------------------------------


@rule("HW303", Severity.ERROR, "type/field pair HubSpot does not accept")
def type_field(config: Config) -> Iterator[Issue]:
    for placed in iter_properties(config):
        prop = placed.prop
        if prop.field is not None and not field_suits_type(prop.type, prop.field):
            allowed = ", ".join(f.value for f in FIELDS_BY_TYPE[prop.type])
            names = list(dict.fromkeys(property_type_name(prop.type, f) for f in FIELDS_BY_TYPE[prop.type]))
            yield Issue(
                f"{placed.path}.field",
                f"Property {q(prop.label)} is a {property_type_name(prop.type)} property shown as "
                f"{field_name(prop.field)}; HubSpot does not accept that combination.",
                f"{prop.name}: type {prop.type.value} with field {prop.field.value}. For type "
                f"{prop.type.value} use one of: {allowed}; or change the type.",
                f"Choose a field that suits the type ({' or '.join(names)}), or change the type.",
            )


def _is_multi_select(prop: Property) -> bool:
    return prop.field is not None and prop.field.value == "checkbox"


@rule("HW304", Severity.ERROR, "enumeration without options, or duplicate option values")
def enumeration_options(config: Config) -> Iterator[Issue]:
    for placed in iter_properties(config):
        prop = placed.prop
        if prop.type not in TYPES_WITH_OPTIONS:
            continue
        kind = property_type_name(prop.type, prop.field)
        if not prop.options:
            yield Issue(
                f"{placed.path}.options",
                f"{kind} property {q(prop.label)} has no options to choose from.",
                f"{prop.name}: list its choices, e.g. 'options: [Website, Mail, Phone, LinkedIn]'; "
                "or make it a string property.",
                "Add its options (e.g. Website, Mail, Phone, LinkedIn), or choose Single-line text "
                "if people should type the value.",
            )
            continue
        seen: dict[str, int] = {}
        for k, option in enumerate(prop.options):
            if option.value in seen:
                yield Issue(
                    f"{placed.path}.options[{k}].value",
                    f"Property {q(prop.label)} has the option {q(option.label)} twice.",
                    f"{prop.name}: option value {q(option.value)} appears twice "
                    f"(options[{seen[option.value]}] and options[{k}]). HubSpot stores the value, "
                    "so each must be unique: remove the duplicate or give it its own value.",
                    "Delete the repeated option, or give it its own internal value; HubSpot stores "
                    "the value, so each must be unique.",
                )
            seen.setdefault(option.value, k)


@rule("HW305", Severity.ERROR, "duplicate property names within an object")
def duplicate_properties(config: Config) -> Iterator[Issue]:
    seen: dict[tuple[str, str], PlacedProperty] = {}
    for placed in iter_properties(config):
        key = (placed.object, placed.prop.name)
        first = seen.get(key)
        if first is None:
            seen[key] = placed
            continue
        yield Issue(
            f"{placed.path}.name",
            f"Properties {q(first.prop.label)} and {q(placed.prop.label)} on {placed.object} have "
            f"the same internal name {q(placed.prop.name)}.",
            f"Property name {q(placed.prop.name)} is defined twice on {placed.object} "
            f"({first.path} and {placed.path}). Internal names are unique per object: rename one "
            "(its label may stay) or remove it.",
            f"Change the internal name of {q(placed.prop.label)} (its label may stay) or delete it: "
            "internal names are unique per object.",
        )


@rule("HW306", Severity.WARNING, "a group with more than 30 custom properties")
def property_counts(config: Config) -> Iterator[Issue]:
    groups = [(f"property_groups[{g}]", grp) for g, grp in enumerate(config.property_groups)]
    for c, obj in enumerate(config.custom_objects):
        groups.extend(
            (f"custom_objects[{c}].property_groups[{g}]", grp) for g, grp in enumerate(obj.property_groups)
        )
    advice = (
        "Split it into smaller groups by theme (e.g. 'Product details', 'HR'), and check each "
        "property is needed and has no native equivalent."
    )
    for path, group in groups:
        if len(group.properties) > CUSTOM_PROPERTIES_PER_GROUP_ADVICE:
            yield Issue(
                f"{path}.properties",
                f"Property group {q(group.label)} holds {len(group.properties)} custom properties "
                f"(more than {CUSTOM_PROPERTIES_PER_GROUP_ADVICE}).",
                advice,
                advice,
            )


@rule("HW308", Severity.ERROR, "more custom properties on an object than HubSpot allows")
def property_limit(config: Config) -> Iterator[Issue]:
    counts: dict[str, int] = {}
    for placed in iter_properties(config):
        counts[placed.object] = counts.get(placed.object, 0) + 1
        if counts[placed.object] == CUSTOM_PROPERTIES_PER_OBJECT + 1:
            yield Issue(
                placed.path,
                f"Property {q(placed.prop.label)} is custom property number "
                f"{CUSTOM_PROPERTIES_PER_OBJECT + 1} on {placed.object}; HubSpot allows "
                f"{CUSTOM_PROPERTIES_PER_OBJECT} per object and refuses the rest.",
                "Remove custom properties you do not need and prefer native ones; HubSpot will "
                "refuse the ones beyond the limit.",
                "Delete custom properties you do not need and prefer HubSpot's own; HubSpot "
                "refuses the ones beyond the limit.",
            )
