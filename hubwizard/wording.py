"""Plain words for setups and changes: what a sales manager reads, not what the API says.

Used by the wizard's workflow preview, the plan's change lines and the command line.
"""

from __future__ import annotations

from typing import Any

from hubwizard import i18n
from hubwizard.config import Config, Step, Workflow
from hubwizard.i18n import N_, _, ngettext

OBJECT_NOUNS = {"deals": "deal", "tickets": "ticket", "contacts": "contact", "companies": "company"}
"""The objects' nouns as the API and the English messages use them (never translated here:
:func:`noun` gives them in the session's language)."""
NOUNS = {"deals": N_("deal"), "tickets": N_("ticket"), "contacts": N_("contact"), "companies": N_("company")}
A_NOUNS = {
    "deals": N_("a deal"),
    "tickets": N_("a ticket"),
    "contacts": N_("a contact"),
    "companies": N_("a company"),
}
THE_NOUNS = {
    "deals": N_("the deal"),
    "tickets": N_("the ticket"),
    "contacts": N_("the contact"),
    "companies": N_("the company"),
}
OWNERS = {
    "deals": N_("the deal owner"),
    "tickets": N_("the ticket owner"),
    "contacts": N_("the contact owner"),
    "companies": N_("the company owner"),
}
"""Whole phrases, not a noun with an article glued on: French and Chinese need the article (or
the measure word) that goes with each noun."""
WEEKDAYS = {
    "monday": N_("Monday"),
    "tuesday": N_("Tuesday"),
    "wednesday": N_("Wednesday"),
    "thursday": N_("Thursday"),
    "friday": N_("Friday"),
    "saturday": N_("Saturday"),
    "sunday": N_("Sunday"),
}
PRIORITY_NOTES = {"low": N_("(low priority)"), "high": N_("(high priority)")}


def _english() -> bool:
    return i18n.language() == i18n.SOURCE


def percent(value: float | None) -> str:
    return _("no probability") if value is None else f"{round(value * 100)}%"


def noun(config: Config | None, object_name: str) -> str:
    """'deal', 'ticket', or a custom object's singular label in lower case (in the session's
    language; a custom object's label is the user's own word)."""
    if object_name in NOUNS:
        return _(NOUNS[object_name])
    obj = config.custom_object(object_name) if config else None
    return obj.singular.lower() if obj else object_name


def a(word: str) -> str:
    """'a deal', 'an application' (French and Chinese: the phrase their grammar needs)."""
    if _english():
        return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"
    for name, english in NOUNS.items():
        if word == _(english):
            return _(A_NOUNS[name])
    return _("a {thing}").format(thing=word)


def a_noun(config: Config | None, object_name: str) -> str:
    """'a deal', 'an application': a record of the object, as a sentence's subject."""
    if object_name in A_NOUNS:
        return _(A_NOUNS[object_name])
    return a(noun(config, object_name))


def the_noun(config: Config | None, object_name: str) -> str:
    """'the deal', 'the application'."""
    if object_name in THE_NOUNS:
        return _(THE_NOUNS[object_name])
    return _("the {thing}").format(thing=noun(config, object_name))


def owner_of(config: Config | None, object_name: str) -> str:
    """'the deal owner', 'the application owner'."""
    if object_name in OWNERS:
        return _(OWNERS[object_name])
    return _("the {thing} owner").format(thing=noun(config, object_name))


def stage_label(config: Config | None, pipeline_id: str, stage_id: str) -> str:
    pipeline = config.pipeline(pipeline_id) if config else None
    stage = pipeline.stage(stage_id) if pipeline else None
    if stage is None:
        return _("{id} (unknown stage)").format(id=stage_id)
    return stage.label


def pipeline_label(config: Config | None, pipeline_id: str) -> str:
    pipeline = config.pipeline(pipeline_id) if config else None
    return pipeline.label if pipeline else _("{id} (unknown pipeline)").format(id=pipeline_id)


def _and(parts: list[str]) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return _("{first} and {second}").format(first=", ".join(parts[:-1]), second=parts[-1])


def _days(days: int, hours: int) -> str:
    parts = []
    if days:
        parts.append(ngettext("{count} day", "{count} days", days).format(count=days))
    if hours:
        parts.append(ngettext("{count} hour", "{count} hours", hours).format(count=hours))
    return _and(parts) or ngettext("{count} day", "{count} days", 0).format(count=0)


def delay_words(delay: Any) -> str:
    """'wait 2 days', 'wait 7 days' (HubSpot's 10080 minutes), 'wait until Tuesday'."""
    if delay.until is not None:
        days = [_(WEEKDAYS[d.lower()]) if d.lower() in WEEKDAYS else d.capitalize() for d in delay.weekdays]
        return _("wait until {days}").format(days=_(" or ").join(days))
    minutes = ((delay.days * 24) + delay.hours) * 60 + delay.minutes
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    text = _days(days, hours)
    if mins:
        minute_words = ngettext("{count} minute", "{count} minutes", mins).format(count=mins)
        text = _and([text, minute_words]) if days or hours else minute_words
    return _("wait {duration}").format(duration=text)


def describe_step(step: Step, config: Config | None, object_name: str = "deals") -> str:
    kind, body = step.kind, step.body
    if kind == "delay":
        return delay_words(body)
    if kind == "create_task":
        who = owner_of(config, object_name) if body.assign_to == "owner" else body.assign_to
        text = _("create a task “{subject}” for {who}").format(subject=body.subject, who=who)
        if body.priority != "medium":
            note = PRIORITY_NOTES.get(body.priority)
            text += " " + (_(note) if note else _("({priority} priority)").format(priority=body.priority))
        return text
    if kind == "notify_owner":
        return _("email {owner} “{subject}”").format(
            owner=owner_of(config, object_name), subject=body.subject
        )
    if kind == "send_email":
        return _("send marketing email {email} to the contact").format(email=body.email_id)
    if kind == "set_property":
        return _("set {property} to “{value}”").format(property=body.property, value=body.value)
    if kind == "move_to_stage":
        return _("move {the_thing} to *{stage}*").format(
            the_thing=the_noun(config, object_name), stage=stage_label(config, body.pipeline, body.stage)
        )
    if kind == "copy_to_pipeline":
        return _("copy {the_thing} into *{pipeline}* at *{stage}*").format(
            the_thing=the_noun(config, object_name),
            pipeline=pipeline_label(config, body.pipeline),
            stage=stage_label(config, body.pipeline, body.stage),
        )
    if kind == "assign_owner":
        return _("assign {the_thing} to {owner}").format(
            the_thing=the_noun(config, object_name), owner=body.owner
        )
    return _("run HubSpot action {action} (kept as read from the portal)").format(
        action=body.get("actionTypeId", "?")
    )


def describe_trigger(workflow: Workflow, config: Config | None) -> str:
    a_thing = a_noun(config, workflow.object)
    trigger = workflow.trigger
    if trigger is not None and trigger.stage_entered is not None:
        ref = trigger.stage_entered
        return _("When {a_thing} enters *{stage}*").format(
            a_thing=a_thing, stage=stage_label(config, ref.pipeline, ref.stage)
        )
    if trigger is not None and trigger.property_is is not None:
        values = _(" or ").join(f"“{v}”" for v in trigger.property_is.values)
        return _("When {a_thing}'s {property} is {values}").format(
            a_thing=a_thing, property=trigger.property_is.property, values=values
        )
    return _("When {a_thing} meets the enrollment criteria set in HubSpot").format(a_thing=a_thing)


def describe_workflow(workflow: Workflow, config: Config | None = None) -> str:
    """One sentence: "When a deal enters *Quote sent*, wait 15 days, then create a task ...;
    stop if the deal leaves the stage"."""
    if workflow.managed_in_hubspot:
        return outline_sentence(workflow.outline) or _("Managed in HubSpot")
    steps = [describe_step(s, config, workflow.object) for s in workflow.steps]
    trigger = describe_trigger(workflow, config)
    if not steps:
        sentence = _("{trigger}, do nothing (add an action)").format(trigger=trigger)
    elif len(steps) == 1:
        sentence = _("{trigger}, {step}").format(trigger=trigger, step=steps[0])
    else:
        sentence = _("{trigger}, {steps}, then {last}").format(
            trigger=trigger, steps=", ".join(steps[:-1]), last=steps[-1]
        )
    if workflow.exit_when_trigger_no_longer_true:
        the_thing = the_noun(config, workflow.object)
        if workflow.trigger is not None and workflow.trigger.stage_entered is not None:
            sentence += _("; stop if {the_thing} leaves the stage").format(the_thing=the_thing)
        else:
            sentence += _("; stop if {the_thing} no longer matches").format(the_thing=the_thing)
    if not workflow.enabled:
        sentence += _(" (created switched off)")
    return sentence


def outline_sentence(outline: list[str]) -> str:
    """A managed workflow's outline as one sentence: "When ..., wait 2 days, then branch on
    deal stage; 3 more steps managed in HubSpot"."""
    if not outline:
        return ""
    from hubwizard.kinds.workflows import is_more_steps

    *parts, last = outline
    if is_more_steps(last) and parts:
        head = _chain(parts)
        return f"{head}; {last}"
    return _chain(outline)


def _chain(parts: list[str]) -> str:
    if len(parts) <= 2:
        return ", ".join(parts) if len(parts) < 2 else f"{parts[0]}, {parts[1]}"
    return _("{first}, {middle}, then {last}").format(
        first=parts[0], middle=", ".join(parts[1:-1]), last=parts[-1]
    )


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


BABEL_LOCALES = {"fr": "fr_FR", "zh": "zh_CN"}


def number(value: float) -> str:
    """A whole number, its thousands separated as the session's language writes them ("34,000";
    French "34 000"). Babel loads only for a language other than English."""
    if _english():
        return f"{value:,.0f}"
    from babel.numbers import format_decimal

    return format_decimal(round(value), format="#,##0", locale=BABEL_LOCALES.get(i18n.language(), "en"))


def records(object_name: str) -> str:
    """An object's records in the current language, for messages: ``deals`` → "deals",
    "transactions", "交易"; a custom object keeps its name."""
    words = {
        "deals": _("deals"),
        "tickets": _("tickets"),
        "contacts": _("contacts"),
        "companies": _("companies"),
    }
    return words.get(object_name, object_name)


def money(amount: float) -> str:
    """An amount without cents (the portal's currency is not ours to name): :func:`number`."""
    return number(amount)


def value_text(value: Any) -> str:
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) or _("(none)")
    return str(value)


FIELD_NAMES: dict[tuple[str, str], str] = {
    ("string", "text"): N_("Single-line text"),
    ("string", "textarea"): N_("Multi-line text"),
    ("string", "file"): N_("File"),
    ("string", "html"): N_("Rich text"),
    ("string", "phonenumber"): N_("Phone number"),
    ("string", "calculation_equation"): N_("Calculation"),
    ("number", "number"): N_("Number"),
    ("number", "calculation_equation"): N_("Calculation"),
    ("date", "date"): N_("Date picker"),
    ("datetime", "date"): N_("Date and time picker"),
    ("enumeration", "select"): N_("Dropdown select"),
    ("enumeration", "radio"): N_("Radio select"),
    ("enumeration", "checkbox"): N_("Multiple checkboxes"),
    ("enumeration", "booleancheckbox"): N_("Single checkbox"),
    ("enumeration", "calculation_equation"): N_("Calculation"),
    ("bool", "booleancheckbox"): N_("Single checkbox"),
    ("bool", "calculation_equation"): N_("Calculation"),
    ("phone_number", "phonenumber"): N_("Phone number"),
}
"""HubSpot's own names for a property's type and field type, as its property editor shows them."""

TYPE_NAMES: dict[str, str] = {
    "string": N_("Single-line text"),
    "number": N_("Number"),
    "date": N_("Date picker"),
    "datetime": N_("Date and time picker"),
    "enumeration": N_("Dropdown select"),
    "bool": N_("Single checkbox"),
    "phone_number": N_("Phone number"),
}
"""The name of a type on its own, i.e. with its usual field type."""


def property_type_name(type_: object, field: object = None) -> str:
    """HubSpot's UI name of a property type: ``("enumeration", "checkbox")`` → "Multiple
    checkboxes"; ``"bool"`` → "Single checkbox". Accepts the enums or their values."""
    type_value = str(getattr(type_, "value", type_))
    field_value = str(getattr(field, "value", field)) if field is not None else None
    if field_value is not None and (type_value, field_value) in FIELD_NAMES:
        return _(FIELD_NAMES[(type_value, field_value)])
    if type_value in TYPE_NAMES:
        return _(TYPE_NAMES[type_value])
    return type_value.replace("_", " ").capitalize()


def field_name(field: object) -> str:
    """A field type alone, by the name HubSpot gives the usual type that shows it."""
    value = str(getattr(field, "value", field))
    for (_type, f), name in FIELD_NAMES.items():
        if f == value:
            return _(name)
    return value


def tier_name(tier: object) -> str:
    """``Tier.PROFESSIONAL`` → "Professional", as HubSpot names its subscriptions (in the
    session's language)."""
    value = str(getattr(tier, "value", tier))
    return _(TIER_NAMES[value]) if value in TIER_NAMES else value.capitalize()


TIER_NAMES = {
    "free": N_("Free"),
    "starter": N_("Starter"),
    "professional": N_("Professional"),
    "enterprise": N_("Enterprise"),
}
