"""Workflows: a trigger, an optional wait, actions; previewed as one plain sentence."""

from typing import Any

import streamlit as st

from hubwizard import editing, wording
from hubwizard.config import StageRef, Step, Trigger, Workflow
from hubwizard.i18n import N_, _, ngettext
from hubwizard.kinds import workflows as workflow_kind
from hubwizard.ui import findings, nav
from hubwizard.ui.lists import AddField, ListEditor
from hubwizard.ui.state import action_button, bound, wizard

ADVICE = N_("""
- **A trigger, a wait, an action**: when a deal enters *Quote sent*, wait 15 days, then create a
  task for the owner; stop if the deal leaves the stage.
- **Don't automate everything.** A task at every stage drowns the team: automate the reminders
  that matter, such as a quote nobody answered.
- **A task rather than an email** when an impersonal email would be unwelcome. Workflows are
  created switched off: review them in HubSpot first.
""")
TRIGGERS = {"stage_entered": N_("enters a stage"), "property_is": N_("has a property value")}
PRIORITIES = ["low", "medium", "high"]
TASK_TYPES = ["todo", "call", "email"]
CHOICE_WORDS = {
    "low": N_("Low"),
    "medium": N_("Medium"),
    "high": N_("High"),
    "todo": N_("To-do"),
    "call": N_("Call"),
    "email": N_("Email"),
}
"""Task priorities and types as HubSpot's task form names them."""


def choice_word(value: str) -> str:
    return _(CHOICE_WORDS[value]) if value in CHOICE_WORDS else value


def objects(config: Any) -> list[str]:
    return ["deals", "tickets", "contacts", "companies", *(o.name for o in config.custom_objects)]


def current(index: int) -> Workflow:
    return wizard().config.workflows[index]


WORKFLOWS: ListEditor[Workflow] = ListEditor(
    key="workflows",
    select="workflow",
    noun=N_("workflow"),
    items=lambda config: config.workflows,
    name_of=lambda wf: wf.name,
    removes=lambda wf: ngettext("{count} step", "{count} steps", len(wf.steps)).format(count=len(wf.steps)),
)


def set_field(index: int, name: str) -> Any:
    def setter(value: Any) -> None:
        workflows = wizard().config.workflows
        if name == "object":
            config = wizard().config
            workflows[index] = editing.replaced(
                workflows[index], object=value, trigger=editing.default_trigger(config, value).model_dump()
            )
            return
        workflows[index] = editing.replaced(workflows[index], **{name: value})

    return setter


def set_trigger_kind(index: int) -> Any:
    def setter(kind: str) -> None:
        config = wizard().config
        workflow = config.workflows[index]
        workflow.trigger = editing.default_trigger(config, workflow.object, kind)

    return setter


def set_stage_trigger(index: int) -> Any:
    def setter(value: str) -> None:
        pipeline, stage = value.split("/", 1)
        current(index).trigger = Trigger(stage_entered=StageRef(pipeline=pipeline, stage=stage))

    return setter


def set_property_trigger(index: int, part: str) -> Any:
    def setter(value: Any) -> None:
        workflow = current(index)
        body = (
            workflow.trigger.property_is.model_dump() if workflow.trigger.property_is else {"values": ["yes"]}
        )
        if part == "values":
            value = (
                [v.strip() for v in value.split(",") if v.strip()] if isinstance(value, str) else list(value)
            )
            if not value:
                raise editing.EditRefused(_("the trigger needs at least one value"))
        body[part] = value
        workflow.trigger = Trigger.model_validate({"property_is": body})

    return setter


def set_step(index: int, s: int, name: str) -> Any:
    def setter(value: Any) -> None:
        steps = current(index).steps
        if isinstance(value, str) and "/" in value and name == "stage_ref":
            pipeline, stage = value.split("/", 1)
            steps[s] = editing.step_with(steps[s], pipeline=pipeline, stage=stage)
            return
        steps[s] = editing.step_with(steps[s], **{name: value})

    return setter


def add_step(index: int) -> None:
    config = wizard().config
    workflow = config.workflows[index]
    workflow.steps.append(
        editing.new_step(st.session_state.get("workflows.step.kind"), config, workflow.object)
    )


def move_step(index: int, s: int, offset: int) -> bool:
    return editing.move(current(index).steps, s, offset)


def remove_step(index: int, s: int) -> None:
    del current(index).steps[s]


def delay_form(index: int, s: int, key: str, body: Any) -> None:
    """Days and hours; a weekday or minute delay read from HubSpot is shown in words."""
    if body.until is not None or body.minutes:
        words = wording.delay_words(body)
        st.caption(_("{delay}, as set in HubSpot.").format(delay=f"{words[:1].upper()}{words[1:]}"))
        return
    a, b = st.columns(2)
    with a:
        bound(
            st.number_input,
            _("Days"),
            f"{key}.days",
            body.days,
            set_step(index, s, "days"),
            min_value=0,
            step=1,
        )
    with b:
        bound(
            st.number_input,
            _("Hours"),
            f"{key}.hours",
            body.hours,
            set_step(index, s, "hours"),
            min_value=0,
            max_value=23,
            step=1,
        )


def step_form(workflow: Workflow, index: int, s: int, step: Step, notes: list[Any]) -> None:
    config = wizard().config
    key = f"workflows.step.{s}"
    kind, body = step.kind, step.body
    with st.container(border=True):
        title, up, down, remove = st.columns([6, 1, 1, 1], vertical_alignment="center")
        title.markdown(
            f"**{s + 1}. {editing.step_label(kind)}** · {wording.describe_step(step, config, workflow.object)}"
        )
        with up:
            action_button(
                "↑",
                f"{key}.up",
                move_step,
                index,
                s,
                -1,
                what=_("Moved a step of “{workflow}” up").format(workflow=workflow.name),
                help=_("Move up"),
                disabled=s == 0,
            )
        with down:
            action_button(
                "↓",
                f"{key}.down",
                move_step,
                index,
                s,
                1,
                what=_("Moved a step of “{workflow}” down").format(workflow=workflow.name),
                help=_("Move down"),
                disabled=s == len(workflow.steps) - 1,
            )
        with remove:
            action_button(
                "✕",
                f"{key}.remove",
                remove_step,
                index,
                s,
                what=_("Removed the step “{step}” from “{workflow}”").format(
                    step=editing.step_label(kind), workflow=workflow.name
                ),
                removes=True,
                help=_("Remove this step"),
            )
        if kind == "delay":
            delay_form(index, s, key, body)
        elif kind == "create_task":
            a, b, c = st.columns([3, 1, 1])
            with a:
                bound(
                    st.text_input,
                    _("Task subject"),
                    f"{key}.subject",
                    body.subject,
                    set_step(index, s, "subject"),
                )
            with b:
                bound(
                    st.selectbox,
                    _("Priority"),
                    f"{key}.priority",
                    body.priority,
                    set_step(index, s, "priority"),
                    options=PRIORITIES,
                    format_func=choice_word,
                )
            with c:
                bound(
                    st.selectbox,
                    _("Task type"),
                    f"{key}.type",
                    body.type,
                    set_step(index, s, "type"),
                    options=TASK_TYPES,
                    format_func=choice_word,
                )
            bound(
                st.text_input,
                _("Assign to"),
                f"{key}.assign_to",
                body.assign_to,
                set_step(index, s, "assign_to"),
                help=_("“owner” for the record's owner, or a user's email."),
            )
        elif kind == "notify_owner":
            bound(
                st.text_input,
                _("Email subject"),
                f"{key}.subject",
                body.subject,
                set_step(index, s, "subject"),
            )
            bound(st.text_area, _("Email text"), f"{key}.body", body.body, set_step(index, s, "body"))
        elif kind == "send_email":
            bound(
                st.text_input,
                _("Marketing email id"),
                f"{key}.email_id",
                body.email_id,
                set_step(index, s, "email_id"),
                help=_("Needs Marketing Hub; when unsure, a task for the owner is the safer reminder."),
            )
        elif kind == "set_property":
            props = editing.property_choices(config, workflow.object)
            names = [p[0] for p in props]
            labels = {p[0]: p[1] for p in props}
            options = names if body.property in names else [body.property, *names]
            bound(
                st.selectbox,
                _("Property"),
                f"{key}.property",
                body.property,
                set_step(index, s, "property"),
                options=options,
                format_func=lambda n: labels.get(n, n),
            )
            bound(st.text_input, _("Value"), f"{key}.value", body.value, set_step(index, s, "value"))
        elif kind in ("move_to_stage", "copy_to_pipeline"):
            choices = editing.stage_choices(config, workflow.object)
            values = [f"{p}/{st_}" for p, st_, _ in choices]
            words = {f"{p}/{st_}": label for p, st_, label in choices}
            value = f"{body.pipeline}/{body.stage}"
            bound(
                st.selectbox,
                _("Stage"),
                f"{key}.stage_ref",
                value,
                set_step(index, s, "stage_ref"),
                options=values if value in values else [value, *values],
                format_func=lambda v: words.get(v, v),
            )
        elif kind == "assign_owner":
            bound(st.text_input, _("Owner's email"), f"{key}.owner", body.owner, set_step(index, s, "owner"))
        else:
            st.caption(_("An action read from HubSpot that the wizard keeps exactly as it is."))
            st.json(body, expanded=False)
        findings.show(notes)


def managed_workflow(index: int, page_findings: list[Any]) -> None:
    """A workflow HubSpot keeps (branches, custom code...): badge, preview, name and switch."""
    workflow = current(index)
    st.badge(_(workflow_kind.MANAGED_BADGE), icon=":material/lock:", color="gray")
    st.info(
        _("**Preview:** {sentence}.").format(sentence=wording.describe_workflow(workflow, wizard().config)),
        icon=":material/record_voice_over:",
    )
    st.caption(_(workflow_kind.MANAGED_NOTE))
    findings.show(editing.by_item(page_findings, f"workflows[{index}]")[0])
    bound(st.text_input, _("Name"), "workflows.name", workflow.name, set_field(index, "name"))
    bound(st.toggle, _("Switched on"), "workflows.enabled", workflow.enabled, set_field(index, "enabled"))


nav.header("workflows")
w = wizard()

if not nav.needs_start():
    config = w.config
    with nav.with_advice(_(ADVICE)):
        page_findings = w.page_findings("workflows")
        findings.show([f for f in page_findings if f.path == "workflows"])
        labels = [
            editing.with_findings(
                f"{wf.name} · " + (_("on") if wf.enabled else _("off")), page_findings, f"workflows[{i}]"
            )
            for i, wf in enumerate(config.workflows)
        ]
        top, add = st.columns([3, 1], vertical_alignment="bottom")
        with top:
            index = WORKFLOWS.choose(_("Workflow"), labels)
        with add:
            WORKFLOWS.add_form(
                _("Add a workflow"),
                [
                    AddField("name", _("Name"), placeholder=_("e.g. Quote follow-up after 15 days")),
                    AddField(
                        "object",
                        _("Object"),
                        options=objects(config),
                        format_func=lambda o: editing.object_words(config, o),
                    ),
                ],
                lambda config, values: editing.new_workflow(config, values["name"], values["object"]),
            )
        if index is None:
            st.info(_("No workflow yet. The classic: remind the deal owner when a quote waited 15 days."))
        elif config.workflows[index].managed_in_hubspot:
            managed_workflow(index, page_findings)
        else:
            workflow = config.workflows[index]
            whole, items = editing.by_item(page_findings, f"workflows[{index}]")
            st.info(
                _("**Preview:** {sentence}.").format(sentence=wording.describe_workflow(workflow, config)),
                icon=":material/record_voice_over:",
            )
            findings.show(whole)
            a, b, c = st.columns([3, 2, 1], vertical_alignment="bottom")
            with a:
                bound(st.text_input, _("Name"), "workflows.name", workflow.name, set_field(index, "name"))
            with b:
                choices = objects(config)
                bound(
                    st.selectbox,
                    _("Object"),
                    "workflows.object",
                    workflow.object,
                    set_field(index, "object"),
                    options=choices if workflow.object in choices else [workflow.object, *choices],
                    format_func=lambda o: editing.object_words(config, o),
                )
            with c:
                WORKFLOWS.delete_button(index)
            a_thing = wording.a_noun(config, workflow.object)
            st.markdown("##### " + _("Trigger"))
            trigger = workflow.trigger
            if trigger.hubspot is not None:
                st.caption(_("Enrollment criteria set in HubSpot, kept exactly as read."))
                st.json(trigger.hubspot, expanded=False)
            else:
                kind = "stage_entered" if trigger.stage_entered else "property_is"
                bound(
                    st.radio,
                    _("When {a_thing}…").format(a_thing=a_thing),
                    "workflows.trigger.kind",
                    kind,
                    set_trigger_kind(index),
                    options=list(TRIGGERS),
                    format_func=lambda trigger: _(TRIGGERS[trigger]),
                    horizontal=True,
                )
                if trigger.stage_entered:
                    choices = editing.stage_choices(config, workflow.object)
                    values = [f"{p}/{s}" for p, s, _ in choices]
                    words = {f"{p}/{s}": label for p, s, label in choices}
                    value = f"{trigger.stage_entered.pipeline}/{trigger.stage_entered.stage}"
                    bound(
                        st.selectbox,
                        _("Stage"),
                        "workflows.trigger.stage",
                        value,
                        set_stage_trigger(index),
                        options=values if value in values else [value, *values],
                        format_func=lambda v: words.get(v, _("{value} (unknown)").format(value=v)),
                    )
                elif trigger.property_is:
                    props = editing.property_choices(config, workflow.object)
                    names = [p[0] for p in props]
                    labels_ = {p[0]: p[1] for p in props}
                    options_of = {p[0]: p[2] for p in props}
                    prop = trigger.property_is.property
                    left, right = st.columns(2)
                    with left:
                        bound(
                            st.selectbox,
                            _("Property"),
                            "workflows.trigger.property",
                            prop,
                            set_property_trigger(index, "property"),
                            options=names if prop in names else [prop, *names],
                            format_func=lambda n: labels_.get(n, n),
                        )
                    with right:
                        known = options_of.get(prop) or []
                        values = list(trigger.property_is.values)
                        if known:
                            bound(
                                st.multiselect,
                                _("Is one of"),
                                "workflows.trigger.values",
                                [v for v in values if v in known] or known[:1],
                                set_property_trigger(index, "values"),
                                options=known,
                            )
                        else:
                            bound(
                                st.text_input,
                                _("Is one of (comma-separated)"),
                                "workflows.trigger.values_text",
                                ", ".join(values),
                                set_property_trigger(index, "values"),
                            )
            bound(
                st.toggle,
                _("Stop when {the_thing} no longer matches the trigger").format(
                    the_thing=wording.the_noun(config, workflow.object)
                ),
                "workflows.exit",
                workflow.exit_when_trigger_no_longer_true,
                set_field(index, "exit_when_trigger_no_longer_true"),
                help=_("For reminders: a deal that moved on must not be reminded."),
            )
            st.markdown("##### " + _("Steps"))
            for s, step in enumerate(workflow.steps):
                step_form(workflow, index, s, step, items.get(s, []))
            left, right = st.columns([3, 1], vertical_alignment="bottom")
            with left:
                st.selectbox(
                    _("Add a step"),
                    editing.ADDABLE_STEPS,
                    format_func=editing.step_label,
                    key="workflows.step.kind",
                    index=editing.ADDABLE_STEPS.index(editing.DEFAULT_STEP),
                )
            with right:
                action_button(
                    _("Add step"),
                    "workflows.step.add",
                    add_step,
                    index,
                    what=_("Added a step to “{workflow}”").format(workflow=workflow.name),
                    icon=":material/add:",
                    width="stretch",
                )
            bound(
                st.toggle,
                _("Switch it on when created"),
                "workflows.enabled",
                workflow.enabled,
                set_field(index, "enabled"),
                help=_("Off is safer: review the workflow in HubSpot, then switch it on there."),
            )

nav.footer("workflows")
