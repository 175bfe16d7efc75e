"""Plain words for setups and changes: what a sales manager reads, not what the API says.

Used by the wizard's workflow preview, the plan's change lines and the command line.
"""

from __future__ import annotations

from typing import Any

from hubwizard.config import Config, Step, Workflow

OBJECT_NOUNS = {"deals": "deal", "tickets": "ticket", "contacts": "contact", "companies": "company"}


def percent(value: float | None) -> str:
    return "no probability" if value is None else f"{round(value * 100)}%"


def noun(config: Config | None, object_name: str) -> str:
    """'deal', 'ticket', or a custom object's singular label in lower case."""
    if object_name in OBJECT_NOUNS:
        return OBJECT_NOUNS[object_name]
    obj = config.custom_object(object_name) if config else None
    return obj.singular.lower() if obj else object_name


def a(word: str) -> str:
    """'a deal', 'an application'."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def stage_label(config: Config | None, pipeline_id: str, stage_id: str) -> str:
    pipeline = config.pipeline(pipeline_id) if config else None
    stage = pipeline.stage(stage_id) if pipeline else None
    if stage is None:
        return f"{stage_id} (unknown stage)"
    return stage.label


def pipeline_label(config: Config | None, pipeline_id: str) -> str:
    pipeline = config.pipeline(pipeline_id) if config else None
    return pipeline.label if pipeline else f"{pipeline_id} (unknown pipeline)"


def _days(days: int, hours: int) -> str:
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    return " and ".join(parts) or "0 days"


def delay_words(delay: Any) -> str:
    """'wait 2 days', 'wait 7 days' (HubSpot's 10080 minutes), 'wait until Tuesday'."""
    if delay.until is not None:
        return "wait until " + " or ".join(d.capitalize() for d in delay.weekdays)
    minutes = ((delay.days * 24) + delay.hours) * 60 + delay.minutes
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    text = _days(days, hours)
    if mins:
        text = (text + " and " if days or hours else "") + f"{mins} minute{'s' if mins != 1 else ''}"
    return f"wait {text}"


def describe_step(step: Step, config: Config | None, object_name: str = "deals") -> str:
    kind, body = step.kind, step.body
    thing = noun(config, object_name)
    if kind == "delay":
        return delay_words(body)
    if kind == "create_task":
        who = f"the {thing} owner" if body.assign_to == "owner" else body.assign_to
        priority = f" ({body.priority} priority)" if body.priority != "medium" else ""
        return f"create a task “{body.subject}” for {who}{priority}"
    if kind == "notify_owner":
        return f"email the {thing} owner “{body.subject}”"
    if kind == "send_email":
        return f"send marketing email {body.email_id} to the contact"
    if kind == "set_property":
        return f"set {body.property} to “{body.value}”"
    if kind == "move_to_stage":
        return f"move the {thing} to *{stage_label(config, body.pipeline, body.stage)}*"
    if kind == "copy_to_pipeline":
        return (
            f"copy the {thing} into *{pipeline_label(config, body.pipeline)}* "
            f"at *{stage_label(config, body.pipeline, body.stage)}*"
        )
    if kind == "assign_owner":
        return f"assign the {thing} to {body.owner}"
    return f"run HubSpot action {body.get('actionTypeId', '?')} (kept as read from the portal)"


def describe_trigger(workflow: Workflow, config: Config | None) -> str:
    thing = noun(config, workflow.object)
    trigger = workflow.trigger
    if trigger is None:
        return f"When {a(thing)} meets the enrollment criteria set in HubSpot"
    if trigger.stage_entered is not None:
        ref = trigger.stage_entered
        return f"When {a(thing)} enters *{stage_label(config, ref.pipeline, ref.stage)}*"
    if trigger.property_is is not None:
        values = " or ".join(f"“{v}”" for v in trigger.property_is.values)
        return f"When {a(thing)}'s {trigger.property_is.property} is {values}"
    return f"When {a(thing)} meets the enrollment criteria set in HubSpot"


def describe_workflow(workflow: Workflow, config: Config | None = None) -> str:
    """One sentence: "When a deal enters *Quote sent*, wait 15 days, then create a task ...;
    stop if the deal leaves the stage"."""
    if workflow.managed_in_hubspot:
        return outline_sentence(workflow.outline) or "Managed in HubSpot"
    steps = [describe_step(s, config, workflow.object) for s in workflow.steps]
    if not steps:
        sentence = f"{describe_trigger(workflow, config)}, do nothing (add an action)"
    elif len(steps) == 1:
        sentence = f"{describe_trigger(workflow, config)}, {steps[0]}"
    else:
        sentence = f"{describe_trigger(workflow, config)}, {', '.join(steps[:-1])}, then {steps[-1]}"
    if workflow.exit_when_trigger_no_longer_true:
        thing = noun(config, workflow.object)
        if workflow.trigger is not None and workflow.trigger.stage_entered is not None:
            sentence += f"; stop if the {thing} leaves the stage"
        else:
            sentence += f"; stop if the {thing} no longer matches"
    if not workflow.enabled:
        sentence += " (created switched off)"
    return sentence


def outline_sentence(outline: list[str]) -> str:
    """A managed workflow's outline as one sentence: "When ..., wait 2 days, then branch on
    deal stage; 3 more steps managed in HubSpot"."""
    if not outline:
        return ""
    *parts, last = outline
    if "managed in HubSpot" in last and parts:
        head = _chain(parts)
        return f"{head}; {last}"
    return _chain(outline)


def _chain(parts: list[str]) -> str:
    if len(parts) <= 2:
        return ", ".join(parts) if len(parts) < 2 else f"{parts[0]}, {parts[1]}"
    return f"{parts[0]}, {', '.join(parts[1:-1])}, then {parts[-1]}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def money(amount: float) -> str:
    return f"{amount:,.0f}"


def value_text(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) or "(none)"
    return str(value)


FIELD_NAMES: dict[tuple[str, str], str] = {
    ("string", "text"): "Single-line text",
    ("string", "textarea"): "Multi-line text",
    ("string", "file"): "File",
    ("string", "html"): "Rich text",
    ("string", "phonenumber"): "Phone number",
    ("string", "calculation_equation"): "Calculation",
    ("number", "number"): "Number",
    ("number", "calculation_equation"): "Calculation",
    ("date", "date"): "Date picker",
    ("datetime", "date"): "Date and time picker",
    ("enumeration", "select"): "Dropdown select",
    ("enumeration", "radio"): "Radio select",
    ("enumeration", "checkbox"): "Multiple checkboxes",
    ("enumeration", "booleancheckbox"): "Single checkbox",
    ("enumeration", "calculation_equation"): "Calculation",
    ("bool", "booleancheckbox"): "Single checkbox",
    ("bool", "calculation_equation"): "Calculation",
    ("phone_number", "phonenumber"): "Phone number",
}
"""HubSpot's own names for a property's type and field type, as its property editor shows them."""

TYPE_NAMES: dict[str, str] = {
    "string": "Single-line text",
    "number": "Number",
    "date": "Date picker",
    "datetime": "Date and time picker",
    "enumeration": "Dropdown select",
    "bool": "Single checkbox",
    "phone_number": "Phone number",
}
"""The name of a type on its own, i.e. with its usual field type."""


def property_type_name(type_: object, field: object = None) -> str:
    """HubSpot's UI name of a property type: ``("enumeration", "checkbox")`` → "Multiple
    checkboxes"; ``"bool"`` → "Single checkbox". Accepts the enums or their values."""
    type_value = str(getattr(type_, "value", type_))
    field_value = str(getattr(field, "value", field)) if field is not None else None
    if field_value is not None and (type_value, field_value) in FIELD_NAMES:
        return FIELD_NAMES[(type_value, field_value)]
    return TYPE_NAMES.get(type_value, type_value.replace("_", " ").capitalize())


def field_name(field: object) -> str:
    """A field type alone, by the name HubSpot gives the usual type that shows it."""
    value = str(getattr(field, "value", field))
    for (_, f), name in FIELD_NAMES.items():
        if f == value:
            return name
    return value


def tier_name(tier: object) -> str:
    """``Tier.PROFESSIONAL`` → "Professional", as HubSpot names its subscriptions."""
    return str(getattr(tier, "value", tier)).capitalize()
