"""Editing a config the way the wizard does: table rows in, models out; where a finding is fixed.

Pure functions only (no Streamlit): the wizard's pages show tables and forms, and everything
those widgets mean for the config happens here, so it is tested without a browser.

- Tables: a table is a list of row dicts. :func:`apply_table_edits` applies an editor's delta
  (``edited_rows`` / ``added_rows`` / ``deleted_rows``, Streamlit's ``data_editor`` format) to the
  rows it was drawn from; :func:`stages_from_rows`, :func:`properties_from_rows` and
  :func:`deals_from_rows` turn rows back into models. Rows keep the model they came from under
  ``SOURCE`` so what a table does not show (``hubspot_id``, options, ...) survives an edit.
- Findings: :func:`locate` maps a finding path (``pipelines[0].stages[2].probability``) to the
  wizard page and the item that fixes it.
- New items with sensible defaults that follow the guide (:func:`new_pipeline`, ...).
- Downloads: :func:`export_file` makes the bytes the download buttons hand out.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from hubwizard import configfile, natives, templates
from hubwizard.config import (
    Config,
    CustomObject,
    ObjectPropertyGroup,
    Option,
    Pipeline,
    Property,
    PropertyGroup,
    Stage,
    StageRef,
    Step,
    Trigger,
    Workflow,
)
from hubwizard.findings import Finding, Severity
from hubwizard.hubspot_rules import (
    DEFAULT_FIELD,
    FIELDS_BY_TYPE,
    PIPELINE_OBJECTS,
    STANDARD_OBJECTS,
    FieldType,
    PropertyType,
    field_suits_type,
)
from hubwizard.i18n import N_, _, ngettext
from hubwizard.lint.common import is_deal_pipeline
from hubwizard.natives import natives_of

if TYPE_CHECKING:
    from hubwizard.forecast import StageDeals


def local_id(label: str, taken: set[str], fallback: str) -> str:
    """A new local key made from a label (``export.local_id``, loaded on first use: the export
    module brings the HubSpot client along, which the first page does not need)."""
    from hubwizard.export import local_id as make

    return make(label, taken, fallback)


SOURCE = "_source"
"""Row key holding the model a row was drawn from (never shown in a table)."""

T = TypeVar("T")


class EditRefused(ValueError):
    """An edit the config cannot take; the message says why in plain words."""


# --- words ------------------------------------------------------------------------------


def plural(count: int, noun: str) -> str:
    """ "1 property", "6 properties", "2 matching properties": never "1 properties"."""
    if count != 1:
        head, _, last = noun.rpartition(" ")
        if last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
            last = f"{last[:-1]}ies"
        elif not last.endswith("s"):
            last = f"{last}s"
        noun = f"{head} {last}".strip()
    return f"{count:,} {noun}"


# --- tables -----------------------------------------------------------------------------


def has_changes(delta: Any) -> bool:
    """True when an editor delta holds at least one edit, added or deleted row."""
    if not isinstance(delta, Mapping):
        return False
    return bool(delta.get("edited_rows") or delta.get("added_rows") or delta.get("deleted_rows"))


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def clean(value: Any) -> Any:
    """A cell value as plain Python: NaN and empty text become None, text is stripped."""
    if _blank(value):
        return None
    if isinstance(value, str):
        return value.strip()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def apply_table_edits(rows: Sequence[Mapping[str, Any]], delta: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows after an editor's delta: edits by row position, deletions, then added rows
    (each marked ``{"_added": True}``). Row positions refer to ``rows`` as drawn."""
    out = [dict(r) for r in rows]
    for position, changes in (delta.get("edited_rows") or {}).items():
        index = int(position)
        if 0 <= index < len(out):
            out[index].update({k: clean(v) for k, v in dict(changes).items()})
            out[index]["_edited"] = set(dict(changes))
    deleted = {int(i) for i in delta.get("deleted_rows") or []}
    out = [r for i, r in enumerate(out) if i not in deleted]
    for added in delta.get("added_rows") or []:
        row = {k: clean(v) for k, v in dict(added).items() if not str(k).startswith("_")}
        if any(v is not None for v in row.values()):
            out.append({**row, "_added": True, "_edited": {k for k, v in row.items() if v is not None}})
    return out


def reorder(rows: list[dict[str, Any]], column: str = "order") -> list[dict[str, Any]]:
    """Rows sorted by their ``order`` cell (rows without one keep their place at the end);
    stable, so equal numbers keep the table's order."""
    last = len(rows) + 1

    def key(item: tuple[int, dict[str, Any]]) -> tuple[float, int]:
        position, row = item
        value = row.get(column)
        try:
            return (float(value), position) if value is not None else (last + position, position)
        except (TypeError, ValueError):
            return (last + position, position)

    return [row for _, row in sorted(enumerate(rows), key=key)]


def move(items: list[T], index: int, offset: int) -> bool:
    """Move ``items[index]`` by ``offset`` places (in place); False when it cannot move."""
    target = index + offset
    if not (0 <= index < len(items) and 0 <= target < len(items)):
        return False
    items.insert(target, items.pop(index))
    return True


def _taken(items: Iterable[Any], attribute: str) -> set[str]:
    return {str(getattr(i, attribute)) for i in items}


def _validated(model: type[BaseModel], data: dict[str, Any], what: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or what
        message = str(error.get("msg", "is invalid")).removeprefix("Value error, ")
        raise EditRefused(f"{what}: {where} {message}") from None


def replaced(model: BaseModel, **changes: Any) -> Any:
    """A validated copy of ``model`` with ``changes``; EditRefused says why when it is invalid."""
    data = model.model_dump(exclude_unset=False)
    data.update(changes)
    return _validated(type(model), data, type(model).__name__.lower())


# --- stages -----------------------------------------------------------------------------

OUTCOMES = ("open", "won", "lost")
STATES = ("open", "closed")
NEW_STAGE_OUTCOME = "open"
NEW_STAGE_STATE = "open"
"""A stage added in the table is open until someone says it is won, lost or closed."""


OUTCOME_WORDS = {"open": N_("Open"), "won": N_("Won"), "lost": N_("Lost"), "closed": N_("Closed")}
"""A stage's outcome (deals) or state (other pipelines) as the table shows it."""


def outcome_word(value: str) -> str:
    return _(OUTCOME_WORDS[value]) if value in OUTCOME_WORDS else str(value).capitalize()


def to_percent(probability: float | None) -> float | None:
    return None if probability is None else round(probability * 100, 4)


def from_percent(value: Any) -> float | None:
    value = clean(value)
    if value is None:
        return None
    try:
        return round(float(value) / 100, 6)
    except (TypeError, ValueError):
        raise EditRefused(
            _("win probability “{value}” is not a number of percent").format(value=value)
        ) from None


def stage_rows(pipeline: Pipeline) -> list[dict[str, Any]]:
    """One row per stage: order, label, probability in % and outcome (deals) or state."""
    deals = is_deal_pipeline(pipeline)
    rows = []
    for i, stage in enumerate(pipeline.stages):
        row: dict[str, Any] = {"order": i + 1, "label": stage.label, "id": stage.id, SOURCE: stage}
        if deals:
            row["probability"] = to_percent(stage.probability)
            row["outcome"] = stage.closed or "open"
        else:
            row["state"] = stage.state or "open"
        rows.append(row)
    return rows


def _unique_key(value: Any, label: str, taken: set[str], seen: set[str], fallback: str) -> str:
    """A row's key, or one made from its label when it has none or repeats an earlier row's."""
    key = clean(value)
    if key is None or key in seen:
        key = local_id(label, taken | seen, fallback)
    seen.add(str(key))
    return str(key)


def stages_from_rows(rows: Sequence[Mapping[str, Any]], *, deals: bool) -> list[Stage]:
    """Stages for table rows (in ``order``). New rows get an id from their label; a row
    without a label is called "New stage"; ``hubspot_id`` of existing stages is kept."""
    ordered = reorder([dict(r) for r in rows])
    taken = {str(clean(r.get("id"))) for r in ordered if clean(r.get("id"))}
    stages = []
    seen: set[str] = set()
    for row in ordered:
        source: Stage | None = row.get(SOURCE)
        label = str(clean(row.get("label")) or _("New stage"))
        stage_id = _unique_key(row.get("id"), label, taken, seen, "stage")
        data: dict[str, Any] = {"id": str(stage_id), "label": label}
        if source is not None and source.hubspot_id:
            data["hubspot_id"] = source.hubspot_id
        if source is not None and source.replaces:
            data["replaces"] = list(source.replaces)
        if deals:
            outcome = clean(row.get("outcome")) or "open"
            if outcome not in OUTCOMES:
                raise EditRefused(
                    _("the outcome must be open, won or lost, not “{value}”").format(value=outcome)
                )
            data["closed"] = None if outcome == "open" else outcome
            data["probability"] = from_percent(row.get("probability"))
            if data["probability"] is None and row.get("_added") and outcome != "open":
                data["probability"] = 1.0 if outcome == "won" else 0.0
        else:
            state = clean(row.get("state")) or "open"
            if state not in STATES:
                raise EditRefused(_("the state must be open or closed, not “{value}”").format(value=state))
            data["state"] = state
        stages.append(_validated(Stage, data, _("stage “{label}”").format(label=label)))
    return stages


def edit_stages(pipeline: Pipeline, rows: Sequence[Mapping[str, Any]], delta: Mapping[str, Any]) -> None:
    """Apply a stage table's delta to ``pipeline`` (raises EditRefused, leaving it unchanged)."""
    pipeline.stages = stages_from_rows(apply_table_edits(rows, delta), deals=is_deal_pipeline(pipeline))


def retarget(pipeline: Pipeline, object_name: str) -> None:
    """Move a pipeline to another object. Deal outcomes become ticket states and back: the
    first closed stage becomes the won stage, later ones lost; open stages then need a
    probability (the linter asks for it)."""
    was_deals = is_deal_pipeline(pipeline)
    pipeline.object = object_name
    if was_deals == is_deal_pipeline(pipeline):
        return
    stages = []
    won = False
    for stage in pipeline.stages:
        data = stage.model_dump()
        if was_deals:
            data.update(state="closed" if stage.closed else "open", closed=None, probability=None)
        elif stage.state == "closed":
            data.update(state=None, closed="lost" if won else "won", probability=0.0 if won else 1.0)
            won = True
        else:
            data.update(state=None, closed=None, probability=None)
        stages.append(Stage.model_validate(data))
    pipeline.stages = stages


# --- properties -------------------------------------------------------------------------

PROPERTY_TYPES = tuple(t.value for t in PropertyType)
FIELD_TYPES = tuple(f.value for f in FieldType)


def fields_for(type_: str | PropertyType) -> list[str]:
    """The field types HubSpot accepts for a property type (the form's choices)."""
    try:
        return [f.value for f in FIELDS_BY_TYPE[PropertyType(type_)]]
    except ValueError:
        return []


PROPERTY_KINDS: tuple[tuple[str, str, str], ...] = (
    ("string", "text", N_("Single-line text")),
    ("string", "textarea", N_("Multi-line text")),
    ("enumeration", "select", N_("Dropdown select")),
    ("enumeration", "radio", N_("Radio select")),
    ("enumeration", "checkbox", N_("Multiple checkboxes")),
    ("bool", "booleancheckbox", N_("Single checkbox")),
    ("number", "number", N_("Number")),
    ("date", "date", N_("Date picker")),
    ("datetime", "date", N_("Date and time picker")),
    ("phone_number", "phonenumber", N_("Phone number")),
    ("string", "html", N_("Rich text")),
    ("string", "file", N_("File")),
    ("number", "calculation_equation", N_("Calculation (number)")),
    ("string", "phonenumber", N_("Phone number (as text)")),
    ("enumeration", "booleancheckbox", N_("Single checkbox (with options)")),
    ("string", "calculation_equation", N_("Calculation (text)")),
    ("enumeration", "calculation_equation", N_("Calculation (options)")),
    ("bool", "calculation_equation", N_("Calculation (yes / no)")),
)
"""The property field types the wizard offers, by the names HubSpot's property editor gives
them: one choice stands for a type and the field that shows it. The first twelve are the menu
HubSpot shows; the rest are valid pairs a portal or a file may hold."""
KIND_NAMES = {f"{t}/{f}": name for t, f, name in PROPERTY_KINDS}
DEFAULT_KIND = "string/text"
"""A new property is a single-line text until someone picks another field type."""


def kind_of(type_: Any, field: Any) -> str:
    """The table's value for a property's field type: ``"enumeration/select"``."""
    type_value = PropertyType(type_).value
    field_value = FieldType(field).value if field else DEFAULT_FIELD[PropertyType(type_)].value
    return f"{type_value}/{field_value}"


def kind_name(kind: str) -> str:
    """HubSpot's name for a field type value ("enumeration/select" → "Dropdown select"), in
    the session's language (HubSpot's own French and Chinese names)."""
    name = KIND_NAMES.get(kind)
    return _(name) if name else kind.replace("/", " · ").replace("_", " ")


def kind_parts(kind: str) -> tuple[str, str]:
    type_, _sep, field = str(kind).partition("/")
    if f"{type_}/{field}" not in KIND_NAMES:
        raise EditRefused(_("“{kind}” is not a field type HubSpot knows").format(kind=kind))
    return type_, field


def options_text(options: Sequence[Option]) -> str:
    return ", ".join(o.label for o in options)


def property_rows(properties: Sequence[Property]) -> list[dict[str, Any]]:
    return [
        {
            "label": p.label,
            "name": p.name,
            "type": PropertyType(p.type).value,
            "field": FieldType(p.field).value if p.field else DEFAULT_FIELD[p.type].value,
            "kind": kind_of(p.type, p.field),
            "options": options_text(p.options),
            "description": p.description or "",
            SOURCE: p,
        }
        for p in properties
    ]


def properties_from_rows(rows: Sequence[Mapping[str, Any]], taken: Iterable[str] = ()) -> list[Property]:
    """Properties for table rows. A new row gets a name from its label; changing a row's type
    moves its field to the type's usual one when the old field does not suit the new type."""
    names = set(taken) | {str(clean(r.get("name"))) for r in rows if clean(r.get("name"))}
    out = []
    seen: set[str] = set()
    for row in rows:
        source: Property | None = row.get(SOURCE)
        label = str(clean(row.get("label")) or _("New property"))
        name = _unique_key(row.get("name"), label, names, seen, "property")
        edited = row.get("_edited") or set()
        type_ = clean(row.get("type")) or "string"
        field = clean(row.get("field"))
        if "kind" in edited and clean(row.get("kind")):
            type_, field = kind_parts(str(clean(row.get("kind"))))
        elif field is None or (
            "type" in edited and "field" not in edited and not field_suits_type(type_, field)
        ):
            field = DEFAULT_FIELD[PropertyType(type_)].value if type_ in PROPERTY_TYPES else None
        data = source.model_dump() if source is not None else {}
        data.update(
            {
                "name": str(name),
                "label": label,
                "type": type_,
                "field": field,
                "description": clean(row.get("description")),
            }
        )
        if "options" in edited:
            data["options"] = parse_options(row.get("options"), (source.options if source else []))
        out.append(_validated(Property, data, _("property “{label}”").format(label=label)))
    return out


def parse_options(text: Any, previous: Sequence[Option] = ()) -> list[dict[str, Any]]:
    """Options from "A, B, C"; an option already there keeps its value and description."""
    known = {o.label: o for o in previous}
    out = []
    for label in (part.strip() for part in str(clean(text) or "").split(",")):
        if not label:
            continue
        old = known.get(label)
        out.append(old.model_dump() if old else {"label": label, "value": label})
    return out


def edit_properties(
    group: PropertyGroup | ObjectPropertyGroup, rows: Sequence[Mapping[str, Any]], delta: Mapping[str, Any]
) -> None:
    group.properties = properties_from_rows(apply_table_edits(rows, delta))


def option_rows(options: Sequence[Option]) -> list[dict[str, Any]]:
    return [{"label": o.label, "value": o.value, "hidden": o.hidden, SOURCE: o} for o in options]


def options_from_rows(rows: Sequence[Mapping[str, Any]]) -> list[Option]:
    out = []
    for row in rows:
        label = clean(row.get("label"))
        if label is None:
            continue
        source: Option | None = row.get(SOURCE)
        data = source.model_dump() if source else {}
        data.update({"label": str(label), "value": str(clean(row.get("value")) or label)})
        data["hidden"] = bool(clean(row.get("hidden")) or False)
        out.append(_validated(Option, data, _("option “{label}”").format(label=label)))
    return out


def native_matches(object_name: str, query: str = "") -> list[dict[str, str]]:
    """HubSpot's native properties of an object as picker rows, best match first
    (:func:`hubwizard.natives.search`: name, label, the names people use in several languages,
    then the description)."""
    from hubwizard.lint.common import native_text  # HubSpot's own words in the session's language

    rows = []
    for p in natives.search(object_name, query):
        rows.append(
            {
                "label": native_text(p.label),
                "name": p.name,
                "type": p.type,
                "field": p.field,
                "description": native_text(p.description),
            }
        )
    return rows


# --- new items --------------------------------------------------------------------------

DEFAULT_SETUP_NAME = N_("My Sales Hub setup")
DEFAULT_TIER = "professional"
"""A blank setup is for HubSpot Professional (workflows allowed) unless told otherwise."""


def blank_setup(name: str | None = None, tier: str | None = None) -> Config:
    return Config(name=(name or "").strip() or _(DEFAULT_SETUP_NAME), portal={"tier": tier or DEFAULT_TIER})


def imported_name(label: str) -> str:
    """The name of a setup read from a portal: the portal as people call it, never the file
    the sandbox keeps its data in ("sandbox (/home/…/sandbox.sqlite3)" → "the sandbox")."""
    if label.startswith("sandbox"):
        return _("Imported from the sandbox portal")
    if label.lower().startswith("hubspot"):
        return _("Imported from HubSpot")
    return _("Imported from a portal")


def source_words(source: str) -> str:
    """Where a setup came from, in words: "from the template “B2B sales starter”"."""
    kind, _sep, detail = source.partition(":")
    if kind == "template":
        try:
            return _("from the template “{template}”").format(template=templates.get_template(detail).title)
        except configfile.ConfigError:
            return _("from a template")
    if kind == "file":
        return _("from the file {file}").format(file=detail.rsplit("/", 1)[-1])
    if kind == "portal":
        if detail.startswith("sandbox"):
            return _("imported from the sandbox portal")
        if detail.lower().startswith("hubspot"):
            return _("imported from HubSpot")
        return _("imported from a portal")
    if kind == "blank":
        return _("started blank")
    if kind == "questionnaire":
        return _("designed with the questionnaire")
    return _("saved earlier")


def ago(when: float, now: float | None = None) -> str:
    """ "just now", "5 minutes ago", "3 hours ago", "2 days ago"."""
    seconds = max((now if now is not None else time.time()) - when, 0)
    if seconds >= 86_400:
        n = int(seconds // 86_400)
        return ngettext("{count} day ago", "{count} days ago", n).format(count=n)
    if seconds >= 3_600:
        n = int(seconds // 3_600)
        return ngettext("{count} hour ago", "{count} hours ago", n).format(count=n)
    if seconds >= 60:
        n = int(seconds // 60)
        return ngettext("{count} minute ago", "{count} minutes ago", n).format(count=n)
    return _("just now")


DEAL_STAGES = (
    (N_("Contact made"), 0.1, None),
    (N_("Demo sent"), 0.3, None),
    (N_("Quote sent"), 0.6, None),
    (N_("Closed won"), 1.0, "won"),
    (N_("Closed lost"), 0.0, "lost"),
)
"""A new deal pipeline starts with the guide's essential stages and probabilities (labelled in
the session's language: from then on they are the user's labels)."""
OTHER_STAGES = ((N_("New"), "open"), (N_("In progress"), "open"), (N_("Done"), "closed"))


def pipeline_objects(config: Config) -> list[str]:
    """Objects that can have pipelines: deals, tickets and the config's custom objects."""
    return [*PIPELINE_OBJECTS, *(o.name for o in config.custom_objects)]


def new_pipeline(config: Config, label: str | None, object_name: str | None = None) -> Pipeline:
    label = (label or "").strip() or _("New pipeline")
    object_name = object_name or "deals"
    pipeline_id = local_id(label, _taken(config.pipelines, "id"), "pipeline")
    taken: set[str] = set()
    if object_name == "deals":
        stages = [
            Stage(id=local_id(_(lbl), taken, "stage"), label=_(lbl), probability=p, closed=c)
            for lbl, p, c in DEAL_STAGES
        ]
    else:
        stages = [
            Stage(id=local_id(_(lbl), taken, "stage"), label=_(lbl), state=s) for lbl, s in OTHER_STAGES
        ]
    pipeline = Pipeline(id=pipeline_id, object=object_name, label=label, stages=stages)
    if object_name == "deals" and not any(p.object == "deals" and p.adopts_default for p in config.pipelines):
        # the setup's first deal pipeline is HubSpot's own one, reshaped: one pipeline, not two
        from hubwizard import stage_mapping

        pipeline.adopt = "default"
        existing = stage_mapping.default_deal_stages()
        pipeline = stage_mapping.with_mapping(pipeline, stage_mapping.current(pipeline, existing))
    return pipeline


OBJECT_WORDS = {
    "deals": N_("Deals"),
    "contacts": N_("Contacts"),
    "companies": N_("Companies"),
    "tickets": N_("Tickets"),
}
"""HubSpot's objects by their names in its menus (translated where shown: :func:`object_words`)."""


def object_words(config: Config, name: str) -> str:
    """An object as people call it: "Deals", or a custom object's plural label."""
    if name in OBJECT_WORDS:
        return _(OBJECT_WORDS[name])
    custom = next((o for o in config.custom_objects if o.name == name), None)
    return custom.plural if custom is not None else name


PROPERTY_OBJECTS = STANDARD_OBJECTS
"""Objects whose property groups the Properties page edits (custom objects have their own page)."""


def new_group(config: Config, label: str | None, object_name: str) -> PropertyGroup:
    label = (label or "").strip() or _("New group")
    taken = {g.name for g in config.property_groups if g.object == object_name}
    return PropertyGroup(object=object_name, name=local_id(label, taken, "group"), label=label)


def new_object_group(obj: CustomObject, label: str | None) -> ObjectPropertyGroup:
    label = (label or "").strip() or _("New group")
    return ObjectPropertyGroup(
        name=local_id(label, _taken(obj.property_groups, "name"), "group"), label=label
    )


def new_custom_object(config: Config, singular: str | None, plural: str | None = "") -> CustomObject:
    singular = (singular or "").strip() or _("Record")
    plural = (plural or "").strip() or (f"{singular}s" if singular.isascii() else singular)
    name = local_id(singular, _taken(config.custom_objects, "name") | set(STANDARD_OBJECTS), "object")
    primary = Property(name=f"{name}_name", label=_("{object} name").format(object=singular))
    return CustomObject(
        name=name,
        singular=singular,
        plural=plural,
        primary_property=primary.name,
        required=[primary.name],
        associations=["contacts"],
        property_groups=[
            ObjectPropertyGroup(
                name=f"{name}_information",
                label=_("{object} information").format(object=singular),
                properties=[primary],
            )
        ],
    )


def association_choices(config: Config, obj: CustomObject) -> list[str]:
    return [*STANDARD_OBJECTS, *(o.name for o in config.custom_objects if o.name != obj.name)]


STEP_LABELS = {
    "delay": N_("Wait"),
    "create_task": N_("Create a task"),
    "notify_owner": N_("Email the owner"),
    "send_email": N_("Send a marketing email"),
    "set_property": N_("Set a property"),
    "move_to_stage": N_("Move to a stage"),
    "copy_to_pipeline": N_("Copy into a pipeline"),
    "assign_owner": N_("Assign an owner"),
    "hubspot_action": N_("HubSpot action (kept as read)"),
}
"""Plain names of the step kinds, for the step forms; ``hubspot_action`` is never added by hand."""
ADDABLE_STEPS = tuple(k for k in STEP_LABELS if k != "hubspot_action")


def step_label(kind: str) -> str:
    """A step kind's plain name in the session's language ("Create a task")."""
    return _(STEP_LABELS[kind]) if kind in STEP_LABELS else kind


def stage_choices(config: Config, object_name: str) -> list[tuple[str, str, str]]:
    """(pipeline id, stage id, "Pipeline › Stage") for every stage of the object's pipelines."""
    return [
        (p.id, s.id, f"{p.label} › {s.label}")
        for p in config.pipelines
        if p.object == object_name
        for s in p.stages
    ]


def property_choices(config: Config, object_name: str) -> list[tuple[str, str, list[str]]]:
    """(name, label, option labels) of the object's custom properties, then its native ones."""
    out = [(p.name, p.label, [o.value for o in p.options]) for p in config.properties_of(object_name)]
    known = {name for name, _, _ in out}
    for native in natives_of(object_name):
        if native.name not in known:
            out.append((native.name, f"{native.label} (HubSpot)", [v for _, v in native.options]))
    return out


def default_trigger(config: Config, object_name: str, kind: str | None = None) -> Trigger:
    """A trigger to start from: a record entering the object's first open stage, or (``kind``
    "property_is", or no pipeline) its first property having its first value."""
    stages = stage_choices(config, object_name)
    if kind == "stage_entered" and not stages:
        raise EditRefused(
            _("there is no pipeline of {object} to watch yet").format(
                object=object_words(config, object_name)
            )
        )
    if stages and kind != "property_is":
        pipeline, stage, _label = next((s for s in stages if _is_open(config, s[0], s[1])), stages[0])
        return Trigger(stage_entered=StageRef(pipeline=pipeline, stage=stage))
    props = property_choices(config, object_name)
    name, _label, options = props[0] if props else ("dealname", "", [])
    return Trigger.model_validate(
        {"property_is": {"property": name, "values": [options[0] if options else "yes"]}}
    )


def _is_open(config: Config, pipeline_id: str, stage_id: str) -> bool:
    pipeline = config.pipeline(pipeline_id)
    stage = pipeline.stage(stage_id) if pipeline else None
    return bool(stage and stage.is_open)


DEFAULT_STEP = "create_task"
"""The step "Add a step" offers first: a task for the owner, the guide's usual reminder."""


def new_step(kind: str | None, config: Config, object_name: str = "deals") -> Step:
    """A step of ``kind`` with defaults the user then edits."""
    kind = kind or DEFAULT_STEP
    stages = stage_choices(config, object_name)
    first_stage = (
        {"pipeline": stages[0][0], "stage": stages[0][1]} if stages else {"pipeline": "", "stage": ""}
    )
    bodies: dict[str, Any] = {
        "delay": {"days": 15},
        "create_task": {"subject": _("Follow up"), "assign_to": "owner", "priority": "medium"},
        "notify_owner": {"subject": _("Please have a look")},
        "send_email": {"email_id": "0"},
        "set_property": {
            "property": (property_choices(config, object_name) or [("dealname", "", [])])[0][0],
            "value": "",
        },
        "move_to_stage": first_stage,
        "copy_to_pipeline": first_stage,
        "assign_owner": {"owner": "owner@example.com"},
    }
    if kind not in bodies:
        raise EditRefused(_("unknown step kind “{kind}”").format(kind=kind))
    return Step.model_validate({kind: bodies[kind]})


def new_workflow(config: Config, name: str | None, object_name: str | None = None) -> Workflow:
    """A switched-off reminder: trigger, a 15-day wait and a task for the owner, stopping when
    the record no longer matches (the guide's canonical example)."""
    name = (name or "").strip() or _("New workflow")
    object_name = object_name or "deals"
    return Workflow(
        id=local_id(name, _taken(config.workflows, "id"), "workflow"),
        name=name,
        object=object_name,
        trigger=default_trigger(config, object_name),
        exit_when_trigger_no_longer_true=True,
        steps=[new_step("delay", config, object_name), new_step("create_task", config, object_name)],
    )


def step_with(step: Step, **changes: Any) -> Step:
    """``step`` with fields of its body changed, validated."""
    body = step.body.model_dump() if isinstance(step.body, BaseModel) else dict(step.body)
    body.update(changes)
    return _validated(Step, {step.kind: body}, step_label(step.kind).lower())


# --- forecast sample deals --------------------------------------------------------------


def deal_rows(pipeline: Pipeline, deals: Mapping[str, StageDeals]) -> list[dict[str, Any]]:
    from hubwizard.forecast import StageDeals

    return [
        {
            "stage": s.label,
            "deals": deals.get(s.id, StageDeals()).deals,
            "average": _average(deals.get(s.id, StageDeals())),
            SOURCE: s.id,
        }
        for s in pipeline.stages
    ]


def _average(d: StageDeals) -> float:
    return round(d.amount / d.deals, 2) if d.deals else float(d.average_amount)


def deals_from_rows(rows: Sequence[Mapping[str, Any]]) -> dict[str, StageDeals]:
    from hubwizard.forecast import StageDeals

    out = {}
    for row in rows:
        stage_id = row.get(SOURCE)
        if stage_id is None:
            continue
        count = clean(row.get("deals")) or 0
        average = clean(row.get("average")) or 0.0
        out[str(stage_id)] = StageDeals(max(int(count), 0), max(float(average), 0.0))
    return out


# --- findings → pages -------------------------------------------------------------------

PAGE_KEYS = ("start", "pipelines", "properties", "custom_objects", "workflows", "review", "provision")
_SECTION_PAGE = {
    "pipelines": "pipelines",
    "property_groups": "properties",
    "custom_objects": "custom_objects",
    "workflows": "workflows",
}


@dataclass(frozen=True)
class Location:
    """Where a finding is fixed: a wizard page, and the item to open there."""

    page: str
    index: int | None = None
    """pipeline, property group, custom object or workflow index"""
    group: int | None = None
    """a custom object's property group"""
    item: int | None = None
    """stage, property or step index"""


def locate(path: str) -> Location:
    parts = configfile.parse_path(path)
    if not parts or parts[0] not in _SECTION_PAGE:
        return Location("start")
    page = _SECTION_PAGE[str(parts[0])]
    index = parts[1] if len(parts) > 1 and isinstance(parts[1], int) else None
    ints = [p for p in parts[2:] if isinstance(p, int)]
    if page == "custom_objects" and len(parts) > 3 and parts[2] == "property_groups":
        return Location(page, index, ints[0] if ints else None, ints[1] if len(ints) > 1 else None)
    return Location(page, index, None, ints[0] if ints else None)


def by_page(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {key: [] for key in PAGE_KEYS}
    for finding in findings:
        out[locate(finding.path).page].append(finding)
    return out


def under(findings: Iterable[Finding], prefix: str) -> list[Finding]:
    """Findings about ``prefix`` or anything inside it (``pipelines[1]`` → its stages too)."""
    return [f for f in findings if f.path == prefix or f.path.startswith((f"{prefix}.", f"{prefix}["))]


def with_findings(text: str, findings: Iterable[Finding], path: str) -> str:
    """A picker's label for the item at ``path``: its text, and its count of findings if any."""
    n = len(under(findings, path))
    return f"{text} · " + ngettext("{count} finding", "{count} findings", n).format(count=n) if n else text


_ITEM = re.compile(r"^\.?(?:stages|properties|steps)\[(\d+)\]")


def by_item(findings: Iterable[Finding], prefix: str) -> tuple[list[Finding], dict[int, list[Finding]]]:
    """Findings under ``prefix`` split into those about the whole item and those about one of
    its stages / properties / steps (by index)."""
    whole: list[Finding] = []
    items: dict[int, list[Finding]] = {}
    for finding in under(findings, prefix):
        match = _ITEM.match(finding.path[len(prefix) :])
        if match:
            items.setdefault(int(match.group(1)), []).append(finding)
        else:
            whole.append(finding)
    return whole, items


SEVERITY_WORD = {Severity.ERROR: N_("Error"), Severity.WARNING: N_("Warning"), Severity.INFO: N_("Tip")}


def short_note(findings: Sequence[Finding]) -> str:
    """One cell of text for a table row: "Error HW204: … · Warning HW202: …"."""
    return " · ".join(f"{_(SEVERITY_WORD[f.severity])} {f.code}: {f.message}" for f in findings)


# --- downloads --------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportFile:
    name: str
    data: bytes
    mime: str


def file_stem(config: Config) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", config.name.lower()).strip("-")
    return stem or "hubwizard"


def export_file(config: Config, fmt: str = "yaml") -> ExportFile:
    """What the download buttons hand out: ``configfile.dumps`` / ``dumps_json`` as UTF-8."""
    if fmt == "yaml":
        return ExportFile(
            f"{file_stem(config)}.yaml", configfile.dumps(config).encode(), "application/x-yaml"
        )
    if fmt == "json":
        return ExportFile(
            f"{file_stem(config)}.json", configfile.dumps_json(config).encode(), "application/json"
        )
    raise ValueError(f"unknown format '{fmt}'")


def size_of(config: Config) -> int:
    """Items in a setup (stages, properties, steps...): decides whether a full YAML preview pays."""
    return (
        sum(len(p.stages) + 1 for p in config.pipelines)
        + sum(len(g.properties) + 1 for g in config.property_groups)
        + sum(sum(len(g.properties) for g in o.property_groups) + 1 for o in config.custom_objects)
        + sum(len(w.steps) + 1 for w in config.workflows)
    )
