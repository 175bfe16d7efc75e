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
    name_problem_words,
)
from hubwizard.i18n import N_, _, pgettext
from hubwizard.lint import text
from hubwizard.lint.common import PlacedProperty, iter_properties, native_text, q
from hubwizard.lint.registry import Issue, rule
from hubwizard.natives import NATIVE_PROPERTIES, NativeProperty
from hubwizard.natives_synonyms import may_name_object, plain_label, without_object
from hubwizard.wording import field_name, property_type_name, records

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
    value = plain_label(value)
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


@rule("HW301", Severity.WARNING, N_("custom property that duplicates a native HubSpot property"))
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
            use = native_text(native.description).rstrip(".。")
            use = use[:1].lower() + use[1:]
            words = {
                "label": q(prop.label),
                "native": q(native.label),
                "object": records(group.object),
                "name": prop.name,
                "native_name": native.name,
                "use": use,
            }
            yield Issue(
                f"property_groups[{group_index}].properties[{k}].{attribute}",
                _(
                    "Custom property {label} duplicates HubSpot's native {native} property on {object}."
                ).format(**words),
                _(
                    "{name} copies the native '{native_name}'. Use the native property instead: "
                    "HubSpot knows how to use it ({use}), while a custom copy is missing from "
                    "default views and needs hand-built reports. Remove this property."
                ).format(**words),
                _(
                    "Delete {label} and use HubSpot's {native} instead: HubSpot knows how to use it "
                    "({use}), while a custom copy is missing from default views and needs "
                    "hand-built reports."
                ).format(**words),
            )


@rule(
    "HW307", Severity.ERROR, N_("custom property with the internal name of one of HubSpot's own properties")
)
def native_names(config: Config) -> Iterator[Issue]:
    for group_index, group in enumerate(config.property_groups):
        for k, prop in enumerate(group.properties):
            native = _native_by_name(group.object, prop.name)
            if native is None:
                continue
            words = {
                "label": q(prop.label),
                "native": q(native_text(native.label)),
                "object": records(group.object),
            }
            yield Issue(
                f"property_groups[{group_index}].properties[{k}].name",
                _(
                    "Custom property {label} takes the internal name of HubSpot's own {native} "
                    "property on {object}; HubSpot refuses to create it."
                ).format(**words),
                _(
                    "'{name}' is a native {object} property. Remove this entry and use the native "
                    "property, or choose another internal name."
                ).format(name=prop.name, object=group.object),
                _(
                    "Delete {label} and use HubSpot's {native}, or give it another internal name if "
                    "it really is something else."
                ).format(**words),
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


def _what(what: str) -> str:
    """The kind of internal name, for the command line's hint, in the current language."""
    words = {
        "Pipeline id": _("Pipeline id"),
        "Stage id": _("Stage id"),
        "Property group name": _("Property group name"),
        "Custom object name": _("Custom object name"),
        "Property name": _("Property name"),
        "Workflow id": _("Workflow id"),
    }
    return words.get(what, what)


def _name_problem(name: str) -> str:
    """``hubspot_rules.name_problem``'s reasons in the current language."""
    return name_problem_words(name) or ""


def _item_word(what: str) -> str:
    """The item an internal name belongs to, in the current language (with its article where
    the language needs one: "le pipeline")."""
    words = {
        "Pipeline id": pgettext("item", "pipeline"),
        "Stage id": pgettext("item", "stage"),
        "Property group name": pgettext("item", "property group"),
        "Custom object name": pgettext("item", "custom object"),
        "Property name": pgettext("item", "property"),
        "Workflow id": pgettext("item", "workflow"),
    }
    return words.get(what) or pgettext("item", "item")


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


@rule("HW302", Severity.ERROR, N_("internal name not matching ^[a-z][a-z0-9_]*$, or a reserved hs_ prefix"))
def internal_names(config: Config) -> Iterator[Issue]:
    labels: dict[str, str] | None = None
    for path, what, name in _named_items(config):
        problem = name_problem(name)
        if problem:
            labels = labels if labels is not None else _named_labels(config)
            words = {
                "name": q(name),
                "item": _item_word(what),
                "label": q(labels.get(path, name)),
            }
            if name.startswith(RESERVED_PREFIX):
                message = _(
                    "The internal name {name} of {item} {label} starts with hs, which HubSpot keeps "
                    "for its own properties."
                )
            elif not name:
                message = _("The internal name {name} of {item} {label} is empty.")
            else:
                message = _(
                    "The internal name {name} of {item} {label} may hold only lowercase letters, "
                    "digits and underscores, starting with a letter."
                )
            yield Issue(
                path,
                message.format(**words),
                _(
                    "{what} {name} {problem}. Use lowercase letters, digits and '_', e.g. "
                    "{suggestion}. Internal names cannot be changed once created; the label can "
                    "say anything."
                ).format(
                    what=_what(what),
                    name=q(name),
                    problem=_name_problem(name),
                    suggestion=q(suggest_name(name)),
                ),
                _(
                    "Use an internal name such as {suggestion}; it cannot be changed once created, "
                    "while the label can say anything."
                ).format(suggestion=q(suggest_name(name))),
            )


# --- HW303..HW306 --------------------------------------------------------------------------


@rule("HW303", Severity.ERROR, N_("type/field pair HubSpot does not accept"))
def type_field(config: Config) -> Iterator[Issue]:
    for placed in iter_properties(config):
        prop = placed.prop
        if prop.field is not None and not field_suits_type(prop.type, prop.field):
            allowed = ", ".join(f.value for f in FIELDS_BY_TYPE[prop.type])
            names = list(dict.fromkeys(property_type_name(prop.type, f) for f in FIELDS_BY_TYPE[prop.type]))
            yield Issue(
                f"{placed.path}.field",
                _(
                    "Property {label} is a {type} property shown as {field}; HubSpot does not "
                    "accept that combination."
                ).format(
                    label=q(prop.label), type=property_type_name(prop.type), field=field_name(prop.field)
                ),
                _(
                    "{name}: type {type} with field {field}. For type {type} use one of: "
                    "{allowed}; or change the type."
                ).format(name=prop.name, type=prop.type.value, field=prop.field.value, allowed=allowed),
                _("Choose a field that suits the type ({fields}), or change the type.").format(
                    fields=_(" or ").join(names)
                ),
            )


def _is_multi_select(prop: Property) -> bool:
    return prop.field is not None and prop.field.value == "checkbox"


@rule("HW304", Severity.ERROR, N_("enumeration without options, or duplicate option values"))
def enumeration_options(config: Config) -> Iterator[Issue]:
    for placed in iter_properties(config):
        prop = placed.prop
        if prop.type not in TYPES_WITH_OPTIONS:
            continue
        kind = property_type_name(prop.type, prop.field)
        if not prop.options:
            yield Issue(
                f"{placed.path}.options",
                _("{type} property {label} has no options to choose from.").format(
                    type=kind, label=q(prop.label)
                ),
                _(
                    "{name}: list its choices, e.g. 'options: [Website, Mail, Phone, LinkedIn]'; or "
                    "make it a string property."
                ).format(name=prop.name),
                _(
                    "Add its options (e.g. Website, Mail, Phone, LinkedIn), or choose Single-line "
                    "text if people should type the value."
                ),
            )
            continue
        seen: dict[str, int] = {}
        for k, option in enumerate(prop.options):
            if option.value in seen:
                yield Issue(
                    f"{placed.path}.options[{k}].value",
                    _("Property {label} has the option {option} twice.").format(
                        label=q(prop.label), option=q(option.label)
                    ),
                    _(
                        "{name}: option value {value} appears twice ({first_path} and {path}). "
                        "HubSpot stores the value, so each must be unique: remove the duplicate or "
                        "give it its own value."
                    ).format(
                        name=prop.name,
                        value=q(option.value),
                        first_path=f"options[{seen[option.value]}]",
                        path=f"options[{k}]",
                    ),
                    _(
                        "Delete the repeated option, or give it its own internal value; HubSpot "
                        "stores the value, so each must be unique."
                    ),
                )
            seen.setdefault(option.value, k)


@rule("HW305", Severity.ERROR, N_("duplicate property names within an object"))
def duplicate_properties(config: Config) -> Iterator[Issue]:
    seen: dict[tuple[str, str], PlacedProperty] = {}
    for placed in iter_properties(config):
        key = (placed.object, placed.prop.name)
        first = seen.get(key)
        if first is None:
            seen[key] = placed
            continue
        words = {
            "first": q(first.prop.label),
            "label": q(placed.prop.label),
            "object": records(placed.object),
            "name": q(placed.prop.name),
            "first_path": first.path,
            "path": placed.path,
        }
        yield Issue(
            f"{placed.path}.name",
            _("Properties {first} and {label} on {object} have the same internal name {name}.").format(
                **words
            ),
            _(
                "Property name {name} is defined twice on {object} ({first_path} and {path}). "
                "Internal names are unique per object: rename one (its label may stay) or remove it."
            ).format(**words),
            _(
                "Change the internal name of {label} (its label may stay) or delete it: internal "
                "names are unique per object."
            ).format(**words),
        )


@rule("HW306", Severity.WARNING, N_("a group with more than 30 custom properties"))
def property_counts(config: Config) -> Iterator[Issue]:
    groups = [(f"property_groups[{g}]", grp) for g, grp in enumerate(config.property_groups)]
    for c, obj in enumerate(config.custom_objects):
        groups.extend(
            (f"custom_objects[{c}].property_groups[{g}]", grp) for g, grp in enumerate(obj.property_groups)
        )
    advice = _(
        "Split it into smaller groups by theme (e.g. 'Product details', 'HR'), and check each "
        "property is needed and has no native equivalent."
    )
    for path, group in groups:
        if len(group.properties) > CUSTOM_PROPERTIES_PER_GROUP_ADVICE:
            yield Issue(
                f"{path}.properties",
                _("Property group {group} holds {count} custom properties (more than {most}).").format(
                    group=q(group.label), count=len(group.properties), most=CUSTOM_PROPERTIES_PER_GROUP_ADVICE
                ),
                advice,
                advice,
            )


@rule("HW308", Severity.ERROR, N_("more custom properties on an object than HubSpot allows"))
def property_limit(config: Config) -> Iterator[Issue]:
    counts: dict[str, int] = {}
    for placed in iter_properties(config):
        counts[placed.object] = counts.get(placed.object, 0) + 1
        if counts[placed.object] == CUSTOM_PROPERTIES_PER_OBJECT + 1:
            yield Issue(
                placed.path,
                _(
                    "Property {label} is custom property number {count} on {object}; HubSpot "
                    "allows {limit} per object and refuses the rest."
                ).format(
                    label=q(placed.prop.label),
                    count=CUSTOM_PROPERTIES_PER_OBJECT + 1,
                    object=records(placed.object),
                    limit=CUSTOM_PROPERTIES_PER_OBJECT,
                ),
                _(
                    "Remove custom properties you do not need and prefer native ones; HubSpot will "
                    "refuse the ones beyond the limit."
                ),
                _(
                    "Delete custom properties you do not need and prefer HubSpot's own; HubSpot "
                    "refuses the ones beyond the limit."
                ),
            )
