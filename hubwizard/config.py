"""The configuration model: one whole Sales Hub setup, format version 1.

The models check *structure*: keys, types, enums, what must be present. HubSpot's own rules
(name patterns, type/field pairs, probability steps, references between items) are reported by
``hubwizard.lint`` as error findings with a path, so that the wizard can hold a setup that breaks
a rule, show the finding next to it, and let the user fix it. ``hubwizard.validation`` combines
both for "is this file good to provision?".

Every key, including the ones hubwizard adds to the original format, is documented in
``docs/config-format.md``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from hubwizard.hubspot_rules import (
    DEFAULT_FIELD,
    DEFAULT_PIPELINE_ID,
    FieldType,
    PropertyType,
    Tier,
)

ObjectName = Annotated[
    str,
    Field(
        min_length=1,
        description="deals, tickets, contacts, companies, or the name of a custom object",
    ),
]


def _new_list() -> list[Any]:
    """A fresh empty list: the default of every list field. Not ``default_factory=list``:
    pydantic reads each factory's signature, and a builtin's is parsed from its text (about
    3 ms of every command that loads a config, spent on the 16 list fields)."""
    return []


class Model(BaseModel):
    """Base for every config model: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, use_enum_values=False)


def _scalar_to_str(value: Any) -> Any:
    """YAML turns ``1`` or ``2.5`` into numbers; labels and values are text in HubSpot."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return value


Text = Annotated[str, BeforeValidator(_scalar_to_str)]
"""A string that also accepts a bare YAML number (a label "2024", an option value 3)."""


# --- pipelines --------------------------------------------------------------------------


class Stage(Model):
    """A standard step every record goes through. Deal stages carry a win probability."""

    id: str = Field(description="local key, ^[a-z][a-z0-9_]*$")
    label: Text = Field(min_length=1)
    probability: float | None = Field(
        default=None, description="deal stages: win probability, 0.0..1.0 in steps of 0.1"
    )
    closed: Literal["won", "lost"] | None = Field(
        default=None, description="deal stages: marks the won or lost stage"
    )
    state: Literal["open", "closed"] | None = Field(
        default=None, description="ticket and custom object stages: open or closed"
    )
    hubspot_id: Text | None = Field(default=None, description="pins the stage to a portal stage")
    replaces: list[Text] = Field(
        default_factory=_new_list,
        description="portal stages (ids or labels) this stage takes the place of: their records "
        "move here and the emptied stages are archived",
    )

    @property
    def is_open(self) -> bool:
        """Neither won nor lost nor in a closed state."""
        return self.closed is None and self.state != "closed"


class Pipeline(Model):
    """A shared board that mirrors the funnel of one object."""

    id: str = Field(description="local key, ^[a-z][a-z0-9_]*$")
    object: ObjectName = "deals"
    label: Text = Field(min_length=1)
    adopt: Literal["default"] | None = Field(
        default=None,
        description="'default': this pipeline is HubSpot's own default pipeline of the object, "
        "updated in place (label, stages, probabilities) instead of a new pipeline created alongside",
    )
    stages: list[Stage] = Field(default_factory=_new_list)
    hubspot_id: Text | None = None

    @property
    def adopts_default(self) -> bool:
        """Whether this pipeline is HubSpot's default pipeline (adopted, or pinned to its id)."""
        return self.adopt == "default" or (
            self.hubspot_id is not None and self.hubspot_id == DEFAULT_PIPELINE_ID.get(self.object)
        )

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)


# --- properties -------------------------------------------------------------------------


class Option(Model):
    """One choice of an enumeration. Short form in a file: just the label (value = label)."""

    label: str
    value: str = ""
    description: str | None = None
    hidden: bool = False

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, str | int | float | bool):
            text = _scalar_to_str(data)
            return {"label": text, "value": text}
        if isinstance(data, dict):
            data = dict(data)
            for key in ("label", "value"):
                if key in data:
                    data[key] = _scalar_to_str(data[key])
            if "label" in data and not data.get("value"):
                data["value"] = data["label"]
        return data

    @property
    def is_short(self) -> bool:
        """True when the option can be written as just its label."""
        return self.value == self.label and self.description is None and not self.hidden


class Property(Model):
    """A custom property. Prefer HubSpot's native properties where one exists."""

    name: str = Field(description="HubSpot internal name, ^[a-z][a-z0-9_]*$, immutable")
    label: Text = Field(min_length=1)
    type: PropertyType = PropertyType.STRING
    field: FieldType | None = Field(
        default=None, description="HubSpot fieldType; defaults to the usual one for the type"
    )
    options: list[Option] = Field(default_factory=_new_list)
    description: str | None = None
    unique: bool = Field(default=False, description="hasUniqueValue; only settable on create")
    hidden: bool = False

    @model_validator(mode="after")
    def _default_field(self) -> Property:
        if self.field is None:
            self.field = DEFAULT_FIELD[self.type]
        return self


HUBSPOT_DEFINED_HELP = (
    "true when the group is one of HubSpot's own (such as dealinformation): its custom properties "
    "are created in it, but the group itself is never created or renamed"
)


class PropertyGroup(Model):
    """A named group of custom properties on one object, such as an HR group on deals.

    ``hubspot_defined`` marks one of HubSpot's own groups that holds custom properties (real
    portals keep many custom properties in ``dealinformation`` or ``companyinformation``)."""

    object: ObjectName = "deals"
    name: str = Field(description="HubSpot internal name, ^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    hubspot_defined: bool = Field(default=False, description=HUBSPOT_DEFINED_HELP)
    properties: list[Property] = Field(default_factory=_new_list)


class ObjectPropertyGroup(Model):
    """A property group inside a custom object (its object is the custom object itself)."""

    name: str
    label: str = Field(min_length=1)
    hubspot_defined: bool = Field(default=False, description=HUBSPOT_DEFINED_HELP)
    properties: list[Property] = Field(default_factory=_new_list)


# --- custom objects ---------------------------------------------------------------------


class CustomObject(Model):
    """An object of its own, such as job applications (Enterprise only)."""

    name: str = Field(description="fixed once created, ^[a-z][a-z0-9_]*$")
    singular: str = Field(min_length=1)
    plural: str = Field(min_length=1)
    description: str | None = None
    primary_property: str
    secondary_properties: list[str] = Field(default_factory=_new_list)
    required: list[str] = Field(default_factory=_new_list)
    associations: list[str] = Field(default_factory=_new_list)
    property_groups: list[ObjectPropertyGroup] = Field(default_factory=_new_list)
    hubspot_id: str | None = Field(default=None, description="objectTypeId, 2-…")

    def properties(self) -> Iterator[Property]:
        for group in self.property_groups:
            yield from group.properties


# --- workflows --------------------------------------------------------------------------


class StageRef(Model):
    pipeline: str
    stage: str


class PropertyIs(Model):
    property: str
    values: list[Text] = Field(min_length=1)


class Trigger(Model):
    """What enrolls a record. Exactly one kind; ``hubspot`` keeps a portal's criteria verbatim."""

    stage_entered: StageRef | None = None
    property_is: PropertyIs | None = None
    hubspot: dict[str, Any] | None = Field(
        default=None, description="enrollment criteria read from a portal, kept verbatim"
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Trigger:
        _require_exactly_one(self, "trigger")
        return self


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Delay(Model):
    """Wait a number of days, hours or minutes, or until a day of the week ("wait until
    Tuesday"). HubSpot stores each as one delay action; ``minutes`` keeps a delay that a portal
    counts in minutes (``10080``) exactly as it is, so re-applying never rewrites it."""

    days: int = Field(default=0, ge=0)
    hours: int = Field(default=0, ge=0)
    minutes: int = Field(default=0, ge=0)
    until: Weekday | list[Weekday] | None = Field(
        default=None, description="wait until this day of the week (or the first of these days)"
    )

    @model_validator(mode="after")
    def _positive(self) -> Delay:
        if self.until is not None:
            if self.days or self.hours or self.minutes:
                raise ValueError("a delay waits either a time or until a day of the week, not both")
            if isinstance(self.until, list) and not self.until:
                raise ValueError("'until' needs at least one day of the week")
        elif self.days == 0 and self.hours == 0 and self.minutes == 0:
            raise ValueError("a delay needs days or hours (or minutes) greater than 0, or 'until: <weekday>'")
        return self

    @property
    def weekdays(self) -> list[str]:
        """The days of ``until``, in the week's order."""
        days = [self.until] if isinstance(self.until, str) else list(self.until or [])
        return [d for d in WEEKDAYS if d in days]


class CreateTask(Model):
    subject: str = Field(min_length=1)
    body: str | None = None
    assign_to: str = Field(default="owner", description="'owner' (the record owner) or an email")
    priority: Literal["low", "medium", "high"] = "medium"
    type: Literal["todo", "call", "email"] = "todo"


class NotifyOwner(Model):
    subject: str = Field(min_length=1)
    body: str = ""


class SendEmail(Model):
    email_id: Text = Field(description="a marketing email, sent to the enrolled contact")


class SetProperty(Model):
    property: str
    value: Text


class AssignOwner(Model):
    owner: str = Field(description="the owner's email, resolved to an owner id in the portal")


STEP_KINDS = (
    "delay",
    "create_task",
    "notify_owner",
    "send_email",
    "set_property",
    "move_to_stage",
    "copy_to_pipeline",
    "assign_owner",
    "hubspot_action",
)


class Step(Model):
    """One step of a workflow, written as a one-key mapping: ``- delay: {days: 15}``.

    ``hubspot_action`` keeps an action read from a portal that the DSL has no word for, verbatim,
    so that exporting and re-applying never drops it.
    """

    delay: Delay | None = None
    create_task: CreateTask | None = None
    notify_owner: NotifyOwner | None = None
    send_email: SendEmail | None = None
    set_property: SetProperty | None = None
    move_to_stage: StageRef | None = None
    copy_to_pipeline: StageRef | None = None
    assign_owner: AssignOwner | None = None
    hubspot_action: dict[str, Any] | None = None

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1, "maxProperties": 1})

    @model_validator(mode="after")
    def _exactly_one(self) -> Step:
        _require_exactly_one(self, "step")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in STEP_KINDS if getattr(self, k) is not None)

    @property
    def body(self) -> Any:
        return getattr(self, self.kind)

    @property
    def is_action(self) -> bool:
        return self.kind != "delay"


class Workflow(Model):
    """Trigger, optional delays, actions. Created switched off unless asked.

    ``managed_in_hubspot`` marks a workflow read from a portal that the steps cannot express
    (branches, custom code, event triggers, actions the format has no word for): the file
    carries its name, its on/off switch and a plain-words ``outline``; HubSpot keeps the rest,
    and an apply changes only the name and the switch on top of the portal's current workflow.
    """

    id: str = Field(description="local key, ^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    object: ObjectName = "deals"
    enabled: bool = False
    managed_in_hubspot: bool = Field(
        default=False,
        description="read-only workflow kept in HubSpot: only name and enabled can change",
    )
    trigger: Trigger | None = None
    exit_when_trigger_no_longer_true: bool = False
    steps: list[Step] = Field(default_factory=_new_list)
    outline: list[str] = Field(
        default_factory=_new_list,
        description="managed_in_hubspot only: what the workflow does, in words, as read at export; never sent",
    )
    hubspot_id: Text | None = None

    @model_validator(mode="after")
    def _shape(self) -> Workflow:
        if self.managed_in_hubspot:
            if self.hubspot_id is None:
                raise ValueError(
                    "a workflow managed in HubSpot needs its hubspot_id (it is only read from a portal)"
                )
            if self.trigger is not None or self.steps or self.exit_when_trigger_no_longer_true:
                raise ValueError(
                    "a workflow managed in HubSpot has no trigger, steps or exit rule here: change "
                    "them in HubSpot, or remove managed_in_hubspot and write the whole workflow"
                )
        else:
            if self.trigger is None:
                raise ValueError("a workflow needs a trigger")
            if self.outline:
                raise ValueError("'outline' is only for workflows managed in HubSpot")
        return self


# --- the whole setup --------------------------------------------------------------------


TIER_UNKNOWN = "unknown"
"""Written by an export when the portal's tier could not be read (and nothing proves it):
the linter then does not judge the tier, and ``plan`` decides from the live portal."""


class Portal(Model):
    tier: Tier | Literal["unknown"] = Field(
        default=Tier.PROFESSIONAL,
        description="free, starter, professional, enterprise, or unknown (an export that could not tell)",
    )

    @field_validator("tier", mode="before")
    @classmethod
    def _one_of(cls, value: Any) -> Any:
        if isinstance(value, Tier) or value in (*(t.value for t in Tier), TIER_UNKNOWN):
            return value
        raise ValueError(f"must be one of: {', '.join(t.value for t in Tier)}, {TIER_UNKNOWN}")

    @property
    def tier_known(self) -> bool:
        return self.tier != TIER_UNKNOWN


class Config(Model):
    """One whole Sales Hub setup."""

    version: Literal[1] = 1
    name: str = Field(default="Untitled setup", min_length=1)
    description: str | None = None
    tags: list[str] = Field(default_factory=_new_list, description="for templates: gallery tags")
    portal: Portal = Field(default_factory=Portal)
    pipelines: list[Pipeline] = Field(default_factory=_new_list)
    property_groups: list[PropertyGroup] = Field(default_factory=_new_list)
    custom_objects: list[CustomObject] = Field(default_factory=_new_list)
    workflows: list[Workflow] = Field(default_factory=_new_list)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "hubwizard configuration, format version 1",
        },
    )

    # lookups used by the linter, the planner and the wizard --------------------------------

    def pipeline(self, pipeline_id: str) -> Pipeline | None:
        return next((p for p in self.pipelines if p.id == pipeline_id), None)

    def custom_object(self, name: str) -> CustomObject | None:
        return next((o for o in self.custom_objects if o.name == name), None)

    def properties_of(self, object_name: str) -> list[Property]:
        """Every custom property the config defines on one object (groups and custom objects)."""
        found = [p for g in self.property_groups if g.object == object_name for p in g.properties]
        obj = self.custom_object(object_name)
        if obj is not None:
            found.extend(obj.properties())
        return found

    @property
    def tier(self) -> Tier:
        """The tier the setup is for. An unknown tier (an export that could not read it) counts as
        the highest, so nothing is refused offline; ``plan`` checks the live portal instead."""
        tier = self.portal.tier
        return tier if isinstance(tier, Tier) else Tier.ENTERPRISE


def _require_exactly_one(model: BaseModel, what: str) -> None:
    present = [name for name in type(model).model_fields if getattr(model, name) is not None]
    if len(present) != 1:
        choices = ", ".join(type(model).model_fields)
        if not present:
            raise ValueError(f"a {what} needs exactly one of: {choices}")
        raise ValueError(f"a {what} takes exactly one of {choices}; found {', '.join(present)}")
