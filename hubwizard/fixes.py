"""Fixes that teach: a finding with an obvious remedy, offered as one click that explains itself.

The linter says what is wrong; a fix *does* what the guide advises, on a copy of the setup:

- a follow-up stage (HW202) becomes a reminder: the stage goes, and a workflow waits 15 days on
  the stage before it, then creates a task for the owner, stopping when the deal moves on;
- pipelines per product (HW101, HW102, HW105) become one pipeline, a "Product type" dropdown
  whose options are the former pipelines, and one workflow per product that assigns the owner;
- a custom copy of one of HubSpot's own properties (HW301, HW307, e.g. a custom amount) is
  deleted and every workflow that used it uses HubSpot's property instead;
- two neighbouring stages at the same win probability (HW208) get the two choices that keep
  the probabilities rising: lower the first, or raise the second;
- HubSpot's default deal pipeline left unused next to a new one (:data:`DEFAULT_UNUSED`) is
  adopted by the setup's main deal pipeline.

A :class:`Fix` is pure: ``apply(config)`` returns a new config and never touches the one given,
so the wizard runs it through its one change path (one undoable edit). Each fix, applied to the
config that produced the finding, makes that finding go away and adds none (the tests run the
real linter before and after). Titles and explanations speak to a sales manager: labels,
percent, HubSpot's own words, in the session's language (they are built when asked for).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from hubwizard import stage_mapping
from hubwizard.config import (
    Config,
    CreateTask,
    Delay,
    NotifyOwner,
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
from hubwizard.configfile import parse_path
from hubwizard.editing import local_id
from hubwizard.findings import Finding
from hubwizard.hubspot_rules import PIPELINES_PER_OBJECT, WORKFLOWS_MIN_TIER, PropertyType
from hubwizard.i18n import N_, _, language, pgettext
from hubwizard.lint import text
from hubwizard.natives import NATIVE_PROPERTIES, NativeProperty

DEFAULT_UNUSED = "HW106"
"""The check "HubSpot's default deal pipeline is left unused next to a new one" (issue 13):
the code agreed with the lint rule's author, so the fix and the rule meet on it."""

PER_PRODUCT = ("HW101", "HW102", "HW105")
"""Pipelines per product: copies of another's stages (HW101), named after a product while
sharing stages (HW102), recognised as per product from the name and stages (HW105)."""

REMINDER_DAYS = 15
"""The guide's example: a quote unsigned after 15 days gets a reminder."""

OWNER_PLACEHOLDER = "owner@example.com"
"""The salesperson a new owner-by-product workflow assigns until the user picks one (the same
placeholder as a new "Assign an owner" step on the Workflows page)."""

STEP = 0.1
EPSILON = 1e-9


@dataclass(frozen=True)
class Fix:
    """One remedy for one finding.

    - ``key``: stable within the finding ("reminder", "lower", "raise", ...), for widget keys;
    - ``title``: the button's words ("Turn it into a reminder");
    - ``explanation``: what the click will do and why, with the guide's reason;
    - ``done``: what was done, for the notice next to "Undo" and the edit history;
    - ``apply``: the fix itself, pure (returns a new config).
    """

    key: str
    title: str
    explanation: str
    done: str
    apply: Callable[[Config], Config]


Maker = Callable[[Config, Finding], list[Fix]]
FIXES: dict[str, Maker] = {}
"""Finding code → what makes its fixes."""


def fixes(*codes: str) -> Callable[[Maker], Maker]:
    """Register the decorated function as the fixes of findings with these codes."""

    def register(maker: Maker) -> Maker:
        for code in codes:
            if code in FIXES:
                raise ValueError(f"fixes for {code} are registered twice")
            FIXES[code] = maker
        return maker

    return register


def fixes_for(config: Config, finding: Finding) -> list[Fix]:
    """The fixes of ``finding`` on ``config`` (none when the finding has no obvious remedy, or
    no longer matches the config, such as a finding of an earlier version)."""
    maker = FIXES.get(finding.code)
    if maker is None:
        return []
    try:
        return maker(config, finding)
    except Exception:  # a finding of an earlier version, or a setup no fix foresaw:
        return []  # the finding keeps its way to the page that fixes it, never a traceback


def has_fix(code: str) -> bool:
    return code in FIXES


# --- helpers ------------------------------------------------------------------------------


def _indexes(path: str, *names: str) -> list[int]:
    """The indexes after ``names`` in ``path``: ``pipelines[1].stages[3]`` with ("pipelines",
    "stages") → [1, 3]. Raises ValueError when the path is not of that shape."""
    parts = parse_path(path)
    found = []
    for position, name in enumerate(names):
        at = position * 2
        if len(parts) <= at + 1 or parts[at] != name or not isinstance(parts[at + 1], int):
            raise ValueError(f"{path} is not a path under {'.'.join(names)}")
        found.append(int(parts[at + 1]))
    return found


def _copy(config: Config) -> Config:
    """A copy of ``config`` a fix may change: its pipelines and workflows are copied (they are
    few); the property groups are listed anew but shared, so a setup of thousands of properties
    is not copied property by property. A fix that changes a group first takes its own copy of
    it (:func:`_own_group`), so the config given never changes."""
    return config.model_copy(
        update={
            "pipelines": [p.model_copy(deep=True) for p in config.pipelines],
            "workflows": [w.model_copy(deep=True) for w in config.workflows],
            "property_groups": list(config.property_groups),
        }
    )


def _own_group(config: Config, g: int) -> PropertyGroup:
    """The property group ``g`` of a :func:`_copy`, made its own (its list of properties copied,
    the properties themselves still shared)."""
    group = config.property_groups[g]
    own = group.model_copy(update={"properties": list(group.properties)})
    config.property_groups[g] = own
    return own


def _own_property(config: Config, g: int, k: int) -> Property:
    """The property ``k`` of group ``g`` of a :func:`_copy`, made its own."""
    group = _own_group(config, g)
    own = group.properties[k].model_copy(deep=True)
    group.properties[k] = own
    return own


def _listed(labels: Iterable[str]) -> str:
    """“Sales”, “Hardware” (Chinese: “Sales”、“Hardware”), each label quoted."""
    return pgettext("list separator", ", ").join(_q(label) for label in labels)


def _sentences(parts: list[str]) -> str:
    """Sentences one after the other: a space between them, none in Chinese."""
    return ("" if language() == "zh" else " ").join(parts)


def _pct(value: float) -> str:
    return f"{round(value * 100)}%"


def _q(label: str) -> str:
    return f"“{label}”"


def _open(pipeline: Pipeline) -> list[tuple[int, Stage]]:
    return [(j, s) for j, s in enumerate(pipeline.stages) if s.is_open]


def _refs(workflow: Workflow) -> Iterator[StageRef]:
    """Every stage a workflow names: its trigger, its stage moves and copies."""
    if workflow.trigger is not None and workflow.trigger.stage_entered is not None:
        yield workflow.trigger.stage_entered
    for step in workflow.steps:
        if step.move_to_stage is not None:
            yield step.move_to_stage
        if step.copy_to_pipeline is not None:
            yield step.copy_to_pipeline


def _workflows_allowed(config: Config) -> bool:
    return config.tier.at_least(WORKFLOWS_MIN_TIER)


def _signature(workflow: Workflow) -> tuple[object, ...]:
    """What a workflow does, without its name, task wording or wait lengths: two workflows with
    the same signature do the same thing."""
    actions: list[object] = []
    for step in workflow.steps:
        body = step.body
        if step.kind == "delay":
            continue
        if step.kind == "create_task":
            actions.append((step.kind, body.assign_to))
        elif step.kind == "notify_owner":
            actions.append(step.kind)
        elif step.kind in ("move_to_stage", "copy_to_pipeline"):
            actions.append((step.kind, body.pipeline, body.stage))
        elif step.kind == "hubspot_action":
            actions.append((step.kind, repr(sorted(body.items()))))
        elif step.kind == "assign_owner":
            actions.append((step.kind, body.owner.strip().lower()))
        else:
            actions.append((step.kind, repr(body.model_dump())))
    if not actions:
        return (id(workflow),)  # nothing it does to compare: never a copy
    trigger = workflow.trigger.model_dump() if workflow.trigger is not None else None
    return (workflow.object, repr(trigger), tuple(actions))


# --- HW202: a follow-up stage becomes a reminder -----------------------------------------


def _things(object_name: str) -> dict[str, str]:
    """How sentences name the records of an object (with their article, for French and Chinese)."""
    if object_name == "deals":
        return {
            "a_thing": _("a deal"),
            "the_thing": _("the deal"),
            "things": _("deals"),
            "every_thing": _("every deal"),
        }
    if object_name == "tickets":
        return {
            "a_thing": _("a ticket"),
            "the_thing": _("the ticket"),
            "things": _("tickets"),
            "every_thing": _("every ticket"),
        }
    return {
        "a_thing": _("a record"),
        "the_thing": _("the record"),
        "things": _("records"),
        "every_thing": _("every record"),
    }


@fixes("HW202")
def reminder(config: Config, finding: Finding) -> list[Fix]:
    i, j = _indexes(finding.path, "pipelines", "stages")
    pipeline = config.pipelines[i]
    stage = pipeline.stages[j]
    if not stage.is_open or not text.is_follow_up(stage.label):
        return []
    opens = _open(pipeline)
    before = [s for k, s in opens if k < j and not text.is_follow_up(s.label)]
    if not before:
        return []  # no stage before it to wait on: deleting it is the page's job
    previous = before[-1]
    # the follow-ups in a row after that stage ("Reminder 1", "Reminder 2") go together: removing
    # one alone would leave the next one beside the stage before
    start = next(n for n, (_k, s) in enumerate(opens) if s is previous) + 1
    run = list(itertools.takewhile(lambda item: text.is_follow_up(item[1].label), opens[start:]))
    removed_ids = [s.id for _k, s in run]
    labels = [s.label for _k, s in run]
    automated = _workflows_allowed(config)
    moves = any(s.hubspot_id is not None or s.replaces for _k, s in run)
    values = {
        "stage": _listed(labels),
        "previous": _q(previous.label),
        "days": REMINDER_DAYS,
        **_things(pipeline.object),
    }
    many = len(run) > 1
    if automated:
        what = (
            _(
                "Deletes the stages {stage} and adds a workflow, switched off until you review it: "
                "when {a_thing} stays {days} days in {previous}, the owner gets a task, then "
                "another every {days} days, one per deleted stage; the reminders stop as soon as "
                "{the_thing} moves on."
            )
            if many
            else _(
                "Deletes the stage {stage} and adds a workflow, switched off until you review it: "
                "when {a_thing} stays {days} days in {previous}, the owner gets a task {stage}; the "
                "reminder stops as soon as {the_thing} moves on."
            )
        ).format(**values)
    else:
        what = _(
            "Deletes {stage}: the owner reminds the client with a task when {a_thing} waits in "
            "{previous} (workflows need HubSpot Professional or Enterprise)."
        ).format(**values)
    why = _(
        "A follow-up is not a step {every_thing} goes through: some need no chasing, others two "
        "or three reminders, so a reminder is a task, not a stage."
    ).format(**values)
    parts = [what, why]
    if moves:
        parts.append(_("Their {things} in HubSpot move to {previous}.").format(**values))

    def apply(config: Config) -> Config:
        new = _copy(config)
        board = new.pipelines[i]
        target = board.stage(previous.id)
        assert target is not None
        removed = [s for s in board.stages if s.id in removed_ids]
        board.stages = [s for s in board.stages if s.id not in removed_ids]
        for gone in removed:
            for name in [*gone.replaces, *([gone.hubspot_id] if gone.hubspot_id else [])]:
                if name not in target.replaces:
                    target.replaces.append(name)
        moved: list[Workflow] = []
        for workflow in new.workflows:
            for ref in _refs(workflow):
                if ref.pipeline == board.id and ref.stage in removed_ids:
                    ref.stage = target.id
                    moved.append(workflow)
        new.workflows = _without_duplicates(new.workflows, moved)
        if automated:
            for gone in removed:
                _add_reminder(new, i, target, gone.label)
        return new

    result = apply(config)
    if _over_automated(result) - _over_automated(config):
        return []  # fewer stages would make the tasks already there cover most of them
    kept_ids = {w.id for w in result.workflows}
    dropped = [w.name for w in config.workflows if w.id not in kept_ids]
    if dropped:
        parts.insert(
            1,
            _("The workflows {dropped} now did the same as another one on {previous} and go.").format(
                dropped=_listed(dropped), previous=values["previous"]
            ),
        )
    if automated:
        title = _("Turn them into reminders") if many else _("Turn it into a reminder")
        done = _("Turned {stage} into reminders") if many else _("Turned {stage} into a reminder")
    else:
        title = (
            _("Delete the stages; remind with tasks") if many else _("Delete the stage; remind with tasks")
        )
        done = _("Deleted {stage}")
    return [Fix("reminder", title, _sentences(parts), done.format(**values), apply)]


def _reminder_step(kind: str, subject: str) -> Step:
    if kind == "notify_owner":
        return Step(notify_owner=NotifyOwner(subject=subject))
    return Step(create_task=CreateTask(subject=subject, assign_to="owner", priority="medium"))


def _over_automated(config: Config) -> set[str]:
    """The pipelines (ids) whose task workflows the over-automation check reports, wherever the
    check puts its finding (on the pipeline, or on the first of its workflows)."""
    from hubwizard.lint.workflows import over_automation

    found = set()
    for issue in over_automation(config):
        parts = parse_path(issue.path)
        if parts[0] == "pipelines":
            found.add(config.pipelines[int(parts[1])].id)
        elif parts[0] == "workflows":
            trigger = config.workflows[int(parts[1])].trigger
            if trigger is not None and trigger.stage_entered is not None:
                found.add(trigger.stage_entered.pipeline)
    return found


def _add_reminder(config: Config, i: int, stage: Stage, subject: str) -> None:
    """A reminder on ``stage``: a further wait and task in the reminder already waiting on it, or
    a new workflow. A task becomes an email to the owner when one more task workflow would
    drown the team (the over-automation check)."""
    pipeline = config.pipelines[i]
    existing = next(
        (
            w
            for w in config.workflows
            if not w.managed_in_hubspot
            and w.object == pipeline.object
            and w.trigger is not None
            and w.trigger.stage_entered == StageRef(pipeline=pipeline.id, stage=stage.id)
            and any(s.kind in ("create_task", "notify_owner") for s in w.steps)
        ),
        None,
    )
    if existing is not None:
        kind = next(s.kind for s in existing.steps if s.kind in ("create_task", "notify_owner"))
        existing.steps.extend([Step(delay=Delay(days=REMINDER_DAYS)), _reminder_step(kind, subject)])
        existing.exit_when_trigger_no_longer_true = True
        return
    before = _over_automated(config)
    workflow = Workflow(
        id=local_id(f"{stage.label} reminder", {w.id for w in config.workflows}, "reminder"),
        name=_("{stage}: reminder after {days} days").format(stage=stage.label, days=REMINDER_DAYS),
        object=pipeline.object,
        enabled=False,
        trigger=Trigger(stage_entered=StageRef(pipeline=pipeline.id, stage=stage.id)),
        exit_when_trigger_no_longer_true=True,
        steps=[Step(delay=Delay(days=REMINDER_DAYS)), _reminder_step("create_task", subject)],
    )
    config.workflows.append(workflow)
    if _over_automated(config) - before:
        workflow.steps[-1] = _reminder_step("notify_owner", subject)


# --- HW101, HW102, HW105: pipelines per product become one --------------------------------


def _keys(pipeline: Pipeline) -> set[str]:
    return {text.stage_key(s.label) for _k, s in _open(pipeline)}


def _shares(a: Pipeline, b: Pipeline) -> bool:
    """At least half of the smaller pipeline's open stages, and at least two, in common."""
    ka, kb = _keys(a), _keys(b)
    shared = len(ka & kb)
    smaller = min(len(ka), len(kb))
    return bool(shared) and shared >= min(2, smaller) and shared / smaller >= 0.5


MERGED_LABELS = {"deals": N_("Sales"), "tickets": N_("Support")}
"""The one pipeline's name after a merge (the department, not one of the products)."""

PRODUCT_PROPERTY = ("product_type", N_("Product type"))
PRODUCT_GROUP = ("product_details", N_("Product details"))


def _product_place(config: Config, object_name: str) -> tuple[int, int] | None:
    """Where an existing product dropdown of the object is (group, property): its options are
    extended rather than a second one created."""
    for g, group in enumerate(config.property_groups):
        if group.object != object_name:
            continue
        for k, prop in enumerate(group.properties):
            if prop.type is PropertyType.ENUMERATION and text.is_product_like(prop.name, prop.label):
                return g, k
    return None


def _product_property(config: Config, object_name: str) -> Property | None:
    place = _product_place(config, object_name)
    return config.property_groups[place[0]].properties[place[1]] if place is not None else None


def _option_value(label: str, taken: set[str]) -> str:
    from hubwizard.lint.properties import suggest_name

    base = suggest_name(label) if any(c.isascii() and c.isalnum() for c in label) else "product"
    return local_id(base, taken, "product")


def _same_stage(target: Pipeline, source: Pipeline, stage_id: str) -> str:
    """The stage of ``target`` that takes the place of ``source``'s stage: same name, else same
    outcome (won, lost), else the open stage at the nearest position."""
    stage = source.stage(stage_id)
    if stage is None:
        return stage_id
    key = text.stage_key(stage.label)
    same = next((s for s in target.stages if text.stage_key(s.label) == key), None)
    if same is not None:
        return same.id
    if not stage.is_open:
        outcome = next(
            (s for s in target.stages if s.closed == stage.closed and s.state == stage.state), None
        )
        if outcome is not None:
            return outcome.id
    opens = [s for _k, s in _open(target)] or target.stages
    if not opens:
        return stage_id
    source_open = [s.id for _k, s in _open(source)]
    where = source_open.index(stage_id) / max(len(source_open) - 1, 1) if stage_id in source_open else 1.0
    return opens[round(where * (len(opens) - 1))].id


DEPARTMENT_NAMES = {
    "deals": frozenset(
        text.fold(w)
        for w in (
            "Sales", "Sales pipeline", "Deals", "Pipeline", "Ventes", "Vente", "Pipeline des ventes",
            "Pipeline de ventes", "Pipeline commercial", "Commercial", "Vertrieb", "Ventas",
            "销售", "销售管道", "交易",
        )
    ),
    "tickets": frozenset(
        text.fold(w)
        for w in ("Support", "Customer support", "Support client", "Service client", "Help desk", "客户支持", "支持")
    ),
}  # fmt: skip
"""Labels that name the department rather than a product: such a pipeline keeps its name when
the others are merged into it, and its name is no product option."""


def _is_department(object_name: str, label: str) -> bool:
    return text.fold(label) in DEPARTMENT_NAMES.get(object_name, frozenset())


def _is_person(label: str) -> bool:
    """Whether a pipeline is named after a salesperson ("John's deals", "Pipeline Marie"): its
    deals need no product option, the deal owner already says whose they are."""
    if text.person_in(label) is not None:
        return True
    try:  # the name check's own reading, where the linter has it (HW105)
        from hubwizard.lint import names  # type: ignore[attr-defined]

        reading = names.product_or_person(label)
        return bool(
            (reading is not None and reading.kind == "person")
            or (reading is None and names.weak_person(label))
        )
    except (ImportError, AttributeError, TypeError):
        return False


def _group(config: Config, i: int, code: str) -> list[int]:
    """The pipelines to merge: the one reported and those sharing its stages; a pipeline read as
    per product from its name alone (HW105) goes into the object's main pipeline."""
    target = config.pipelines[i]
    group = [
        k
        for k, p in enumerate(config.pipelines)
        if p.object == target.object and (k == i or _shares(p, target))
    ]
    if len(group) < 2 and code == "HW105":
        same = [k for k, p in enumerate(config.pipelines) if p.object == target.object and k != i]
        main = next((k for k in same if config.pipelines[k].adopts_default), same[0] if same else None)
        if main is not None:
            group = sorted([i, main])
    return group


@dataclass(frozen=True)
class _Merge:
    """What merging ``group`` does, worked out once so the explanation can say it."""

    group: list[int]
    kept: int
    label: str
    products: list[str]
    people: list[str]
    automated: bool

    @classmethod
    def of(cls, config: Config, i: int, code: str) -> _Merge | None:
        group = _group(config, i, code)
        if len(group) < 2:
            return None
        object_name = config.pipelines[i].object
        departments = [k for k in group if _is_department(object_name, config.pipelines[k].label)]
        kept = next(
            (k for k in group if config.pipelines[k].adopts_default),
            departments[0] if departments else group[0],
        )
        keeper = config.pipelines[kept]
        merged_words = MERGED_LABELS.get(object_name)
        label = keeper.label
        if not _is_department(object_name, label) and merged_words:
            taken = {
                text.fold(p.label)
                for k, p in enumerate(config.pipelines)
                if k not in group and p.object == object_name
            }
            label = _(merged_words) if text.fold(_(merged_words)) not in taken else keeper.label
        others = [
            config.pipelines[k].label
            for k in group
            if not _is_department(object_name, config.pipelines[k].label)
            and text.fold(config.pipelines[k].label) != text.fold(label)
        ]
        people = [name for name in others if _is_person(name)]
        products = [name for name in others if name not in people]
        return cls(group, kept, label, products, people, _workflows_allowed(config))

    def apply(self, config: Config) -> tuple[Config, list[str], list[str]]:
        """(the merged setup, workflows dropped as copies, workflows that now email the owner)."""
        new = _copy(config)
        one = new.pipelines[self.kept]
        object_name = one.object
        gone = [new.pipelines[k] for k in self.group if k != self.kept]
        one.label = self.label
        place = _product_place(new, object_name) if self.products else None
        if place is not None:
            prop: Property | None = _own_property(new, *place)
        else:
            prop = _new_product_property(new, object_name) if self.products else None
        taken = {o.value for o in prop.options} if prop is not None else set()
        chosen: dict[str, str] = {}
        for name in self.products if prop is not None else ():
            option = next((o for o in prop.options if text.fold(o.label) == text.fold(name)), None)
            if option is None:
                option = Option(label=name, value=_option_value(name, taken))
                taken.add(option.value)
                prop.options.append(option)
            chosen[name] = option.value
        moved: list[Workflow] = []
        for workflow in new.workflows:
            for ref in _refs(workflow):
                source = next((p for p in gone if p.id == ref.pipeline), None)
                if source is not None:
                    ref.stage = _same_stage(one, source, ref.stage)
                    ref.pipeline = one.id
                    if not any(workflow is m for m in moved):
                        moved.append(workflow)
        new.pipelines = [p for k, p in enumerate(new.pipelines) if k == self.kept or k not in self.group]
        before = {w.id for w in new.workflows}
        new.workflows = _without_duplicates(new.workflows, moved)
        dropped = [w.name for w in config.workflows if w.id in before - {w.id for w in new.workflows}]
        emailed = []
        if _over_automated(new) - _over_automated(config):
            # the tasks of several pipelines now land on one: the moved ones email the owner
            for workflow in moved:
                if any(workflow is w for w in new.workflows) and any(
                    s.create_task is not None for s in workflow.steps
                ):
                    workflow.steps = [_as_email(s) for s in workflow.steps]
                    emailed.append(workflow.name)
        if self.automated and prop is not None and chosen:
            _add_routing(new, object_name, prop, chosen)
        return new, dropped, emailed


def _as_email(step: Step) -> Step:
    if step.create_task is None:
        return step
    task = step.create_task
    return Step(notify_owner=NotifyOwner(subject=task.subject, body=task.body or ""))


@fixes(*PER_PRODUCT)
def merge(config: Config, finding: Finding) -> list[Fix]:
    (i,) = _indexes(finding.path, "pipelines")
    plan = _Merge.of(config, i, finding.code)
    if plan is None:
        return []
    object_name = config.pipelines[i].object
    existing = _product_property(config, object_name)
    result, dropped, emailed = plan.apply(config)
    if _over_automated(result) - _over_automated(config):
        return []  # the tasks of the merged pipelines would drown the team even as emails
    in_hubspot = [
        config.pipelines[k].label for k in plan.group if k != plan.kept and config.pipelines[k].hubspot_id
    ]
    values = {
        "pipelines": _listed(config.pipelines[k].label for k in plan.group),
        "label": _q(plan.label),
        "stages": _q(config.pipelines[plan.kept].label),
        "property": _q(existing.label if existing else _(PRODUCT_PROPERTY[1])),
        "options": _listed(plan.products),
        "dropped": _listed(dropped),
        "emailed": _listed(emailed),
        **_things(object_name),
    }
    parts = [
        _(
            "Makes one pipeline {label} of {pipelines}, with the stages of {stages}, and a "
            "dropdown {property} with the options {options}."
        ).format(**values)
        if plan.products
        else _("Makes one pipeline {label} of {pipelines}, with the stages of {stages}.").format(**values)
    ]
    if plan.people:
        parts.append(
            _(
                "{people}: the owner already says whose {things} they are, and boards and reports "
                "filter by owner."
            ).format(people=_listed(plan.people), things=values["things"])
        )
    if plan.automated and plan.products:
        parts.append(
            _(
                "A workflow per product assigns {the_thing} to its salesperson (switched off: "
                "choose who on Workflows)."
            ).format(**values)
        )
    if dropped:
        parts.append(_("The workflows {dropped} did the same as another one and go.").format(**values))
    if emailed:
        parts.append(
            _("So that tasks do not pile up on one pipeline, {emailed} email the owner instead.").format(
                **values
            )
        )
    parts.append(
        _(
            "Several products do not justify several pipelines: one pipeline keeps the follow-up "
            "and the reports (the total per stage) in one place, and the product is a property."
        )
    )
    if in_hubspot:
        parts.append(
            _("{pipelines} stay in HubSpot with their {things} until you archive them there.").format(
                pipelines=_listed(in_hubspot), things=values["things"]
            )
        )

    def apply(config: Config) -> Config:
        return plan.apply(config)[0]

    return [
        Fix(
            "merge",
            _("Merge into one pipeline"),
            _sentences(parts),
            _("Merged {pipelines} into one pipeline").format(**values),
            apply,
        )
    ]


def _new_product_property(config: Config, object_name: str) -> Property:
    group_name, group_label = PRODUCT_GROUP
    at = next(
        (n for n, g in enumerate(config.property_groups) if g.object == object_name and g.name == group_name),
        None,
    )
    if at is not None:
        group = _own_group(config, at)
    else:
        group = PropertyGroup(object=object_name, name=group_name, label=_(group_label))
        config.property_groups.append(group)
    taken = {p.name for p in config.properties_of(object_name)}
    name, label = PRODUCT_PROPERTY
    prop = Property(
        name=local_id(name, taken, name),
        label=_(label),
        type=PropertyType.ENUMERATION,
        description=_("Which product {the_thing} is about (it replaces one pipeline per product).").format(
            the_thing=_things(object_name)["the_thing"]
        ),
    )
    group.properties.append(prop)
    return prop


def _without_duplicates(workflows: list[Workflow], moved: list[Workflow]) -> list[Workflow]:
    """The workflows without those of ``moved`` that now do exactly what another one does (two
    pipelines' copies of the same reminder become one reminder); the others are left alone."""
    seen = {_signature(w) for w in workflows if w.trigger is not None and not any(w is m for m in moved)}
    kept = []
    for workflow in workflows:
        if any(workflow is m for m in moved) and workflow.trigger is not None:
            signature = _signature(workflow)
            if signature in seen:
                continue
            seen.add(signature)
        kept.append(workflow)
    return kept


def _add_routing(config: Config, object_name: str, prop: Property, chosen: dict[str, str]) -> None:
    """One switched-off workflow per product: when the product is set, assign the owner."""
    taken = {w.id for w in config.workflows}
    existing = {
        tuple(w.trigger.property_is.values)
        for w in config.workflows
        if w.trigger is not None
        and w.trigger.property_is is not None
        and w.trigger.property_is.property == prop.name
        and any(s.kind == "assign_owner" for s in w.steps)
    }
    for label, value in chosen.items():
        if (value,) in existing:
            continue
        workflow_id = local_id(f"owner_for_{value}", taken, "owner_for_product")
        taken.add(workflow_id)
        config.workflows.append(
            Workflow.model_validate(
                {
                    "id": workflow_id,
                    "name": _("Owner for {product}").format(product=label),
                    "object": object_name,
                    "enabled": False,
                    "trigger": {"property_is": {"property": prop.name, "values": [value]}},
                    "steps": [{"assign_owner": {"owner": OWNER_PLACEHOLDER}}],
                }
            )
        )


# --- HW301, HW307: a custom copy of one of HubSpot's own properties -----------------------

NATIVE_WORDS = {
    "amount": N_("Amount"),
    "closedate": N_("Close date"),
    "dealname": N_("Deal name"),
    "hubspot_owner_id": N_("Deal owner"),
    "dealstage": N_("Deal stage"),
    "pipeline": N_("Pipeline"),
    "dealtype": N_("Deal type"),
}
"""HubSpot's own labels of the deal properties most often copied, in the user's language."""

NATIVE_REASONS = {
    "amount": N_(
        "HubSpot adds up the Amount of the deals under each stage of the board and in the "
        "weighted forecast; a custom amount only shows in a report built by hand."
    ),
}
DEFAULT_REASON = N_(
    "HubSpot knows its own property: it is in every default view, filter and report, while a "
    "custom copy is missing from them and needs reports built by hand."
)


def _native_label(native: NativeProperty) -> str:
    words = NATIVE_WORDS.get(native.name) if native.object == "deals" else None
    return _(words) if words else native.label


def _native_of(object_name: str, prop: Property) -> NativeProperty | None:
    from hubwizard.lint.properties import native_duplicate

    same_name = next((n for n in NATIVE_PROPERTIES if n.object == object_name and n.name == prop.name), None)
    if same_name is not None:
        return same_name
    found = native_duplicate(object_name, prop)
    return found[1] if found is not None else None


@fixes("HW301", "HW307")
def use_native(config: Config, finding: Finding) -> list[Fix]:
    g, k = _indexes(finding.path, "property_groups", "properties")
    group = config.property_groups[g]
    prop = group.properties[k]
    native = _native_of(group.object, prop)
    if native is None:
        return []
    users = [
        w.name
        for w in config.workflows
        if w.object == group.object and prop.name in _property_names(w) and prop.name != native.name
    ]
    values = {
        "custom": _q(prop.label),
        "native": _q(_native_label(native)),
        "workflows": _listed(users),
    }
    parts = [_("Deletes the custom property {custom}.").format(**values)]
    if users:
        parts.append(_("The workflows {workflows} use HubSpot's {native} instead.").format(**values))
    parts.append(_(NATIVE_REASONS.get(native.name, DEFAULT_REASON)))

    def apply(config: Config) -> Config:
        new = _copy(config)
        owner = _own_group(new, g)
        old = owner.properties.pop(k)
        if any(p.name == old.name for p in new.properties_of(owner.object)):
            return new  # another property of that name stays: the workflows keep using it
        for workflow in new.workflows:
            if workflow.object != owner.object:
                continue
            trigger = workflow.trigger.property_is if workflow.trigger is not None else None
            if trigger is not None and trigger.property == old.name:
                trigger.property = native.name
                trigger.values = [_native_value(native, old, v) for v in trigger.values]
            for step in workflow.steps:
                if step.set_property is not None and step.set_property.property == old.name:
                    step.set_property.property = native.name
                    step.set_property.value = _native_value(native, old, step.set_property.value)
        return new

    return [
        Fix(
            "native",
            _("Use HubSpot's {native}").format(native=_native_label(native)),
            _sentences(parts),
            _("Replaced {custom} with HubSpot's {native}").format(**values),
            apply,
        )
    ]


def _property_names(workflow: Workflow) -> set[str]:
    names = set()
    if workflow.trigger is not None and workflow.trigger.property_is is not None:
        names.add(workflow.trigger.property_is.property)
    names.update(s.set_property.property for s in workflow.steps if s.set_property is not None)
    return names


def _native_value(native: NativeProperty, old: Property, value: str) -> str:
    """A value of the custom property as the native one spells it (an option by its label)."""
    if not native.options:
        return value
    label = next((o.label for o in old.options if o.value == value), value)
    for native_label, native_value in native.options:
        if text.fold(native_label) in (text.fold(label), text.fold(value)) or native_value == value:
            return native_value
    return value


# --- HW208: two neighbouring stages at the same probability -------------------------------


def _steps_between(low: float, high: float) -> list[float]:
    """The allowed open-stage probabilities strictly between ``low`` and ``high``."""
    return [round(n * STEP, 1) for n in range(1, 10) if low + EPSILON < n * STEP < high - EPSILON]


@fixes("HW208")
def probabilities(config: Config, finding: Finding) -> list[Fix]:
    i, j = _indexes(finding.path, "pipelines", "stages")
    pipeline = config.pipelines[i]
    opens = _open(pipeline)
    position = next(n for n, (k, _s) in enumerate(opens) if k == j)
    if position == 0:
        return []
    first_index, first = opens[position - 1]
    second = pipeline.stages[j]
    if first.probability is None or second.probability is None:
        return []
    if abs(first.probability - second.probability) > EPSILON:
        return []
    shared = second.probability
    below = opens[position - 2][1].probability if position >= 2 else 0.0
    above = opens[position + 1][1].probability if position + 1 < len(opens) else 1.0
    found: list[Fix] = []
    lower = _steps_between(below if below is not None else 0.0, shared)
    if lower:
        found.append(_probability_fix("lower", config, i, first_index, lower[-1], first, second))
    higher = _steps_between(shared, above if above is not None else 1.0)
    if higher:
        found.append(_probability_fix("raise", config, i, j, higher[0], second, first))
    return found


def _probability_fix(
    key: str, config: Config, i: int, j: int, value: float, stage: Stage, other: Stage
) -> Fix:
    pipeline = config.pipelines[i]
    assert other.probability is not None
    values = {
        "stage": _q(stage.label),
        "percent": _pct(value),
        "other": _q(other.label),
        "other_percent": _pct(other.probability),
        "pipeline": _q(pipeline.label),
    }
    explanation = _sentences(
        [
            _(
                "Sets the win probability of {stage} to {percent}, and {other} keeps "
                "{other_percent}, so probabilities still rise from stage to stage in {pipeline}."
            ).format(**values),
            _(
                "Each stage should bring a deal closer to signing: with a probability of its own "
                "the weighted forecast tells the two stages apart."
            ),
        ]
    )

    def apply(config: Config) -> Config:
        new = _copy(config)
        new.pipelines[i].stages[j].probability = value
        return new

    return Fix(
        key,
        _("Set {stage} to {percent}").format(**values),
        explanation,
        _("Set the win probability of {stage} to {percent}").format(**values),
        apply,
    )


# --- issue 13: HubSpot's default deal pipeline unused next to a new one -------------------


@fixes(DEFAULT_UNUSED, "HW103")
def adopt_default(config: Config, finding: Finding) -> list[Fix]:
    """Also one of the remedies of too many pipelines for the subscription (HW103): HubSpot's own
    pipeline counts as long as no pipeline of the setup adopts it."""
    deals = [(k, p) for k, p in enumerate(config.pipelines) if p.object == "deals"]
    if not deals or any(p.adopts_default for _k, p in deals):
        return []
    free = [(k, p) for k, p in deals if p.hubspot_id is None]
    if not free:
        return []  # every deal pipeline already is a portal pipeline of its own
    try:
        (wanted,) = _indexes(finding.path, "pipelines")
    except ValueError:
        wanted = None
    if finding.code == "HW103":
        # adopting takes HubSpot's pipeline out of the count: enough only for the pipeline
        # that is one over the limit because of it
        position = next((n for n, (k, _p) in enumerate(deals, start=1) if k == wanted), None)
        if position is None or position > PIPELINES_PER_OBJECT[config.tier]:
            return []
        wanted = None  # the main pipeline adopts, not the one counted over the limit
    i, pipeline = next(((k, p) for k, p in free if k == wanted), free[0])
    portal_stages = stage_mapping.default_deal_stages()
    values = {"pipeline": _q(pipeline.label)}
    explanation = _sentences(
        [
            _(
                "{pipeline} takes the place of HubSpot's own deal pipeline instead of a new one "
                "next to it: its name and stages replace HubSpot's, and the deals of HubSpot's "
                "stages move to the stages proposed on Pipelines & stages, where you can change them."
            ).format(**values),
            _(
                "Every HubSpot portal already has one deal pipeline; the guide's first rule is one "
                "shared pipeline, and a Free portal allows only one."
            ),
        ]
    )

    def apply(config: Config) -> Config:
        new = _copy(config)
        chosen = new.pipelines[i].model_copy(update={"adopt": "default"})
        mapping = stage_mapping.current(chosen, portal_stages)
        new.pipelines[i] = stage_mapping.with_mapping(chosen, mapping)
        return new

    return [
        Fix(
            "adopt",
            _("Use HubSpot's default pipeline"),
            explanation,
            _("{pipeline} now uses HubSpot's default pipeline").format(**values),
            apply,
        )
    ]


def all_fixes(config: Config, findings: list[Finding]) -> Iterator[tuple[Finding, Fix]]:
    """Every fix of every finding, in the order of the findings."""
    for finding in findings:
        for fix in fixes_for(config, finding):
            yield finding, fix


__all__ = [
    "DEFAULT_UNUSED",
    "FIXES",
    "Fix",
    "all_fixes",
    "fixes",
    "fixes_for",
    "has_fix",
]
