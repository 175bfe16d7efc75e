"""Pipeline and stage checks: HW1xx (how many pipelines) and HW2xx (stages).

Guide, sections 1 and 2: one shared pipeline per department, never one per salesperson or per
product; only the essential stages; a follow-up is not a stage; each deal stage has a win
probability that rises as deals progress.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from hubwizard.config import Config, Pipeline
from hubwizard.findings import Severity
from hubwizard.hubspot_rules import (
    DEFAULT_PIPELINE_ID,
    PIPELINES_PER_OBJECT,
    PropertyType,
    Tier,
    probability_problem,
)
from hubwizard.i18n import N_, _
from hubwizard.lint import text
from hubwizard.lint.common import (
    PropertyIndex,
    is_deal_pipeline,
    listing,
    num,
    open_stages,
    q,
)
from hubwizard.lint.registry import Issue, rule
from hubwizard.wording import percent as pct
from hubwizard.wording import tier_name

MAX_OPEN_STAGES = 7
"""HW201: more open stages than this is more than the essential steps."""

SAME_STAGES_JACCARD = 0.8
"""HW101: two pipelines whose open-stage sets overlap this much (|A∩B| / |A∪B|) are the same."""

SHARED_STAGES_RATIO = 0.5
"""HW102: a pipeline shares the stages of another when at least half of the smaller pipeline's
open stages (and at least two, unless it has only one) are in the other."""

EPSILON = 1e-9


def _object_word(obj: str) -> str:
    """The word for one record of ``obj`` in the current language ("deal", "transaction")."""
    return {"deals": _("deal"), "tickets": _("ticket")}.get(obj, obj)


# --- stage-set comparison (HW101, HW102) ---------------------------------------------------


@dataclass(frozen=True)
class _Board:
    index: int
    pipeline: Pipeline
    keys: tuple[str, ...]
    key_set: frozenset[str]

    @classmethod
    def of(cls, index: int, pipeline: Pipeline) -> _Board:
        keys = tuple(text.stage_key(s.label) for _, s in open_stages(pipeline))
        return cls(index, pipeline, keys, frozenset(keys))


def _boards_by_object(config: Config) -> dict[str, list[_Board]]:
    boards: dict[str, list[_Board]] = {}
    for i, pipeline in enumerate(config.pipelines):
        boards.setdefault(pipeline.object, []).append(_Board.of(i, pipeline))
    return {obj: found for obj, found in boards.items() if len(found) > 1}


def _same_stages(a: _Board, b: _Board) -> bool:
    """Same or nearly the same open stages: identical order, or Jaccard ≥ 0.8 of the sets."""
    if not a.keys or not b.keys:
        return False
    if a.keys == b.keys:
        return True
    union = len(a.key_set | b.key_set)
    return len(a.key_set & b.key_set) / union >= SAME_STAGES_JACCARD


def _shares_stages(a: _Board, b: _Board) -> bool:
    """Weaker than :func:`_same_stages`: at least half of the smaller board's stages in common."""
    shared = len(a.key_set & b.key_set)
    smaller = min(len(a.key_set), len(b.key_set))
    if not shared or shared < min(2, smaller):
        return False
    return shared / smaller >= SHARED_STAGES_RATIO


@rule(
    "HW101",
    Severity.WARNING,
    N_("pipelines of one object with the same or nearly the same stages (per product or per salesperson)"),
)
def duplicate_pipelines(config: Config) -> Iterator[Issue]:
    for obj, boards in _boards_by_object(config).items():
        for j, later in enumerate(boards):
            earlier = next((b for b in boards[:j] if _same_stages(b, later)), None)
            if earlier is None:
                continue
            stages = [s.label for _, s in open_stages(later.pipeline)]
            words = {
                "pipeline": q(later.pipeline.label),
                "other": q(earlier.pipeline.label),
                "thing": _object_word(obj),
                "stages": listing(stages),
            }
            if earlier.keys == later.keys:
                message = _(
                    "Pipeline {pipeline} has the same stages as pipeline {other} ({thing} "
                    "pipelines), namely {stages}. Pipelines per product or per salesperson make "
                    "follow-up and reporting harder."
                ).format(**words)
            else:
                message = _(
                    "Pipeline {pipeline} has nearly the same stages ({shared} of {count} in common) as "
                    "pipeline {other} ({thing} pipelines), namely {stages}. Pipelines per product "
                    "or per salesperson make follow-up and reporting harder."
                ).format(shared=len(earlier.key_set & later.key_set), count=len(later.key_set), **words)
            yield Issue(
                f"pipelines[{later.index}]",
                message,
                _(
                    "Merge them into one pipeline and tell the {object} apart with a property: a "
                    "product property (e.g. product_type in a 'Product details' group) or the "
                    "owner (hubspot_owner_id). Keep separate pipelines only for departments whose "
                    "steps really differ, such as Sales and Administration."
                ).format(object=obj),
                _(
                    "Merge them into one pipeline and tell them apart with a property, such as a "
                    "Dropdown select 'Product type' in a 'Product details' group, or with the "
                    "owner of each {thing}. Keep separate pipelines only for departments whose "
                    "steps really differ, such as Sales and Administration."
                ).format(thing=_object_word(obj)),
            )


def _product_names(index: PropertyIndex, obj: str, labels: list[str]) -> text.ProductNames:
    """Option values and labels of the product-like enumerations on ``obj`` that may appear in
    one of the pipeline ``labels``."""
    names: list[str] = []
    for placed in index.by_object.get(obj, ()):
        prop = placed.prop
        if prop.type is PropertyType.ENUMERATION and text.is_product_like(prop.name, prop.label):
            for option in prop.options:
                names.append(option.value)
                if option.label != option.value:
                    names.append(option.label)
    return text.ProductNames(names, labels)


@rule("HW102", Severity.WARNING, N_("a pipeline named after a person or a product that shares its stages"))
def named_pipelines(config: Config) -> Iterator[Issue]:
    boards_by_object = _boards_by_object(config)
    if not boards_by_object:
        return
    index: PropertyIndex | None = None
    for obj, boards in boards_by_object.items():
        products: text.ProductNames | None = None
        for board in boards:
            other = next((b for b in boards if b is not board and _shares_stages(board, b)), None)
            if other is None:
                continue
            label = board.pipeline.label
            person = text.person_in(label)
            product = None
            if person is None:
                if products is None:
                    index = index or PropertyIndex.of(config)
                    products = _product_names(index, obj, [b.pipeline.label for b in boards])
                product = text.product_in(label, products)
                if product is None:
                    continue
            where = f"pipelines[{board.index}].label"
            thing = _object_word(obj)
            if person is not None:
                yield Issue(
                    where,
                    _(
                        "Pipeline {pipeline} looks like the pipeline of one person ({person}) and "
                        "it shares its stages with pipeline {other}. A pipeline is a shared, "
                        "standard tool, never one per salesperson."
                    ).format(pipeline=q(label), person=person, other=q(other.pipeline.label)),
                    _(
                        "Use one pipeline for the whole team; the owner of each {thing} "
                        "(hubspot_owner_id) already says whose it is, and boards and reports "
                        "filter by owner."
                    ).format(thing=thing),
                    _(
                        "Use one pipeline for the whole team and delete this one: the owner of "
                        "each {thing} already says whose it is, and boards and reports filter by "
                        "owner."
                    ).format(thing=thing),
                )
            else:
                yield Issue(
                    where,
                    _(
                        "Pipeline {pipeline} looks like a pipeline for one product ({product}) "
                        "and it shares its stages with pipeline {other}. Several products do not "
                        "justify several pipelines."
                    ).format(pipeline=q(label), product=product, other=q(other.pipeline.label)),
                    _(
                        "Use one pipeline and a product property (e.g. product_type with one "
                        "option per product) in a 'Product details' group; a workflow can assign "
                        "deals to a salesperson by product type."
                    ),
                    _(
                        "Use one pipeline and add a Dropdown select property 'Product type', with "
                        "one option per product, in a 'Product details' group; a workflow can "
                        "assign deals to a salesperson by product type."
                    ),
                )


def _higher_tier(tier: Tier, limits: dict[Tier, int]) -> Tier | None:
    return next((t for t in Tier if t.rank > tier.rank and limits[t] > limits[tier]), None)


@rule("HW103", Severity.ERROR, N_("more pipelines for an object than the portal tier allows"))
def pipeline_limit(config: Config) -> Iterator[Issue]:
    tier = config.tier
    limit = PIPELINES_PER_OBJECT[tier]
    higher = _higher_tier(tier, PIPELINES_PER_OBJECT)
    # HubSpot's default pipeline of deals and tickets is always there: it counts, unless a
    # pipeline of the config adopts it
    counts: dict[str, int] = {
        obj: 1
        for obj in DEFAULT_PIPELINE_ID
        if not any(p.object == obj and p.adopts_default for p in config.pipelines)
    }
    for i, pipeline in enumerate(config.pipelines):
        counts[pipeline.object] = counts.get(pipeline.object, 0) + 1
        count = counts[pipeline.object]
        if count <= limit:
            continue
        default_counted = pipeline.object in DEFAULT_PIPELINE_ID and not any(
            p.object == pipeline.object and p.adopts_default for p in config.pipelines
        )
        words = {
            "pipeline": q(pipeline.label),
            "thing": _object_word(pipeline.object),
            "count": count,
            "tier": tier_name(tier),
            "limit": limit,
        }
        if default_counted:
            message = _(
                "Pipeline {pipeline} is {thing} pipeline number {count}, counting HubSpot's own "
                "pipeline, which stays next to it; HubSpot {tier} allows {limit} per object."
            ).format(**words)
        else:
            message = _(
                "Pipeline {pipeline} is {thing} pipeline number {count}; HubSpot {tier} allows "
                "{limit} per object."
            ).format(**words)
        if higher:
            more = {"value": higher.value, "higher": tier_name(higher), "more": PIPELINES_PER_OBJECT[higher]}
            hint = _(
                "Merge pipelines: one per department, never one per product or salesperson, or set "
                "portal.tier to {value} ({more} per object)."
            ).format(**more)
            fix = _(
                "Merge pipelines (one per department, never one per product or salesperson), or "
                "choose the HubSpot {higher} subscription ({more} per object) if your portal has it."
            ).format(**more)
        else:
            hint = _("Merge pipelines: one per department, never one per product or salesperson.")
            fix = _("Merge pipelines (one per department, never one per product or salesperson).")
        if default_counted:
            hint = _("Let your main pipeline adopt HubSpot's default one (adopt: default).") + " " + hint
            fix = _("Let your main pipeline use HubSpot's own pipeline instead of a new one.") + " " + fix
        yield Issue(f"pipelines[{i}]", message, hint, fix)


@rule("HW104", Severity.WARNING, N_("a deal pipeline without exactly one won and at least one lost stage"))
def won_and_lost(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        if not is_deal_pipeline(pipeline):
            continue
        won = [s.label for s in pipeline.stages if s.closed == "won"]
        lost = [s.label for s in pipeline.stages if s.closed == "lost"]
        words = {"pipeline": q(pipeline.label), "count": len(won), "stages": listing(won)}
        if len(won) > 1 and not lost:
            message = _("Deal pipeline {pipeline} has {count} won stages ({stages}) and no lost stage.")
        elif len(won) > 1:
            message = _("Deal pipeline {pipeline} has {count} won stages ({stages}).")
        elif not won and not lost:
            message = _("Deal pipeline {pipeline} has no won stage and no lost stage.")
        elif not won:
            message = _("Deal pipeline {pipeline} has no won stage.")
        elif not lost:
            message = _("Deal pipeline {pipeline} has no lost stage.")
        else:
            continue
        yield Issue(
            f"pipelines[{i}].stages",
            message.format(**words),
            _(
                "Mark exactly one stage 'closed: won' (probability 1.0) and at least one "
                "'closed: lost' (probability 0.0), e.g. 'Closed won' and 'Closed lost' at the end."
            ),
            _(
                "Set the outcome of exactly one stage to won (win probability 100%) and of at "
                "least one to lost (0%), e.g. 'Closed won' and 'Closed lost' at the end."
            ),
        )


@rule("HW201", Severity.WARNING, N_("too many open stages (more than 7)"))
def too_many_stages(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        stages = open_stages(pipeline)
        if len(stages) > MAX_OPEN_STAGES:
            advice = _(
                "Keep only the essential steps every deal goes through (e.g. contact made, demo "
                "sent, quote sent, signed quote received); every extra stage is time lost "
                "updating deals. Move details into properties and reminders into tasks."
            )
            yield Issue(
                f"pipelines[{i}].stages",
                _("Pipeline {pipeline} has {count} open stages (more than {most}), namely {stages}.").format(
                    pipeline=q(pipeline.label),
                    count=len(stages),
                    most=MAX_OPEN_STAGES,
                    stages=listing([s.label for _, s in stages], 9),
                ),
                advice,
                advice,
            )


@rule("HW202", Severity.WARNING, N_("an open stage that is a follow-up / reminder / relaunch / chase"))
def follow_up_stages(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        previous = None
        for j, stage in enumerate(pipeline.stages):
            if not stage.is_open:
                continue  # "Lost after three reminders" is a lost reason, not a follow-up step
            if text.is_follow_up(stage.label):
                thing = _object_word(pipeline.object)
                if previous:
                    after = _("a workflow triggered when a {thing} enters {stage}").format(
                        thing=thing, stage=q(previous)
                    )
                else:
                    after = _("a workflow")
                yield Issue(
                    f"pipelines[{i}].stages[{j}].label",
                    _(
                        "Stage {stage} in pipeline {pipeline} is a follow-up, not a step every "
                        "deal goes through: some deals need no chasing, others two or three "
                        "reminders."
                    ).format(stage=q(stage.label), pipeline=q(pipeline.label)),
                    _(
                        "Remove the stage: make reminders tasks for the deal owner, or {workflow} "
                        "(e.g. a 15-day delay, then create_task or a reminder email, exiting when "
                        "the deal moves on); keep 'Quote sent' and 'Signed quote received' as stages."
                    ).format(workflow=after),
                    _(
                        "Delete the stage and, on Workflows, add {workflow} that waits 15 days, "
                        "then creates a task for the owner, and stops when the deal moves on. "
                        "Keep 'Quote sent' and 'Signed quote received' as stages."
                    ).format(workflow=after),
                )
            else:
                previous = stage.label


@rule("HW203", Severity.WARNING, N_("win probability decreases from one open stage to the next"))
def decreasing_probability(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        if not is_deal_pipeline(pipeline):
            continue
        previous = None
        for j, stage in open_stages(pipeline):
            if stage.probability is None:
                continue
            if previous is not None and stage.probability < previous.probability - EPSILON:
                words = {
                    "stage": q(stage.label),
                    "percent": pct(stage.probability),
                    "before": q(previous.label),
                    "before_percent": pct(previous.probability),
                    "pipeline": q(pipeline.label),
                }
                yield Issue(
                    f"pipelines[{i}].stages[{j}].probability",
                    _(
                        "Stage {stage} ({percent}) comes after {before} ({before_percent}) in "
                        "pipeline {pipeline}: the win probability goes down."
                    ).format(**words),
                    _(
                        "Order open stages as deals progress, with rising probabilities (e.g. "
                        "first contact 0.1, demo sent 0.3, quote sent 0.6), so the weighted "
                        "forecast is right; or reorder the stages."
                    ),
                    _(
                        "Raise the win probability of {stage} to at least {before_percent}, or "
                        "move it before {before}: probabilities rise as deals progress (e.g. first "
                        "contact 10%, demo sent 30%, quote sent 60%), so the weighted forecast is "
                        "right."
                    ).format(**words),
                )
            previous = stage


def _either(choices: Iterable[str]) -> str:
    """``30% or 40%`` in the current language."""
    shown = list(choices)
    if len(shown) == 1:
        return shown[0]
    return _("{first} or {second}").format(first=shown[0], second=shown[1])


def _probability_problem(inside: bool) -> str:
    """Why HubSpot refuses the probability (``hubspot_rules.probability_problem``'s reasons, in
    the current language)."""
    if inside:
        return _("must be a multiple of 0.1 (HubSpot accepts 0.0, 0.1, ... 1.0)")
    return _("must be between 0.0 and 1.0")


def _nearest_steps(value: float) -> list[float]:
    """The allowed probabilities around ``value``: 0.35 → [0.3, 0.4]; 1.4 → [1.0]."""
    if value <= 0:
        return [0.0]
    if value >= 1:
        return [1.0]
    low = math.floor(value * 10 + EPSILON) / 10
    high = math.ceil(value * 10 - EPSILON) / 10
    return sorted({low, high})


@rule("HW204", Severity.ERROR, N_("probability outside 0.0..1.0 or not a multiple of 0.1"))
def probability_steps(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        if not is_deal_pipeline(pipeline):
            continue
        for j, stage in enumerate(pipeline.stages):
            if stage.probability is None:
                continue
            problem = probability_problem(stage.probability)
            if problem:
                nearest = _nearest_steps(stage.probability)
                inside = 0.0 <= stage.probability <= 1.0
                words = {
                    "stage": q(stage.label),
                    "pipeline": q(pipeline.label),
                    "percent": pct(stage.probability),
                }
                if inside:
                    message = _(
                        "Stage {stage} in pipeline {pipeline} has a win probability of {percent}, "
                        "not a step of 10%; HubSpot refuses it."
                    )
                else:
                    message = _(
                        "Stage {stage} in pipeline {pipeline} has a win probability of {percent}, "
                        "outside 0% to 100%; HubSpot refuses it."
                    )
                yield Issue(
                    f"pipelines[{i}].stages[{j}].probability",
                    message.format(**words),
                    _(
                        "Probability {value}: {problem}. Use a step of 0.1 between 0.0 and 1.0, "
                        "e.g. {choices}."
                    ).format(
                        value=num(stage.probability),
                        problem=_probability_problem(inside),
                        choices=_either(repr(n) for n in nearest),
                    ),
                    _("Set the win probability to {choices}.").format(
                        choices=_either(pct(n) for n in nearest)
                    ),
                )


@rule("HW205", Severity.ERROR, N_("won stage not at 1.0, lost stage not at 0.0"))
def closed_probabilities(config: Config) -> Iterator[Issue]:
    expected = {"won": 1.0, "lost": 0.0}
    for i, pipeline in enumerate(config.pipelines):
        if not is_deal_pipeline(pipeline):
            continue
        for j, stage in enumerate(pipeline.stages):
            if stage.closed is None or stage.probability is None:
                continue
            want = expected[stage.closed]
            if abs(stage.probability - want) > EPSILON:
                words = {
                    "stage": q(stage.label),
                    "pipeline": q(pipeline.label),
                    "percent": pct(stage.probability),
                    "want": pct(want),
                    "value": repr(want),
                }
                if stage.closed == "won":
                    message = _(
                        "The won stage {stage} in pipeline {pipeline} has a win probability of "
                        "{percent}; a won stage must be at {want}."
                    )
                else:
                    message = _(
                        "The lost stage {stage} in pipeline {pipeline} has a win probability of "
                        "{percent}; a lost stage must be at {want}."
                    )
                yield Issue(
                    f"pipelines[{i}].stages[{j}].probability",
                    message.format(**words),
                    _(
                        "Set probability: {value}; a won deal counts in full in the forecast and "
                        "a lost one counts for nothing."
                    ).format(**words),
                    _(
                        "Set the win probability to {want}: a won deal counts in full in the "
                        "forecast and a lost one counts for nothing."
                    ).format(**words),
                )


def _label_key(label: str) -> str:
    return " ".join(label.casefold().split())


@rule("HW206", Severity.ERROR, N_("duplicate stage labels or ids in one pipeline"))
def duplicates(config: Config) -> Iterator[Issue]:
    pipeline_ids: dict[str, int] = {}
    pipeline_labels: dict[tuple[str, str], int] = {}
    for i, pipeline in enumerate(config.pipelines):
        if pipeline.id in pipeline_ids:
            first = config.pipelines[pipeline_ids[pipeline.id]]
            yield Issue(
                f"pipelines[{i}].id",
                _("Pipelines {first} and {pipeline} have the same internal name {name}.").format(
                    first=q(first.label), pipeline=q(pipeline.label), name=q(pipeline.id)
                ),
                _(
                    "Pipeline id {name} is also used by {path}. Give each pipeline its own id: "
                    "workflows refer to pipelines by id."
                ).format(name=q(pipeline.id), path=f"pipelines[{pipeline_ids[pipeline.id]}]"),
                _(
                    "Rename pipeline {pipeline}: workflows tell pipelines apart by their internal "
                    "name, so each needs its own."
                ).format(pipeline=q(pipeline.label)),
            )
        pipeline_ids.setdefault(pipeline.id, i)
        key = (pipeline.object, _label_key(pipeline.label))
        if key in pipeline_labels:
            yield Issue(
                f"pipelines[{i}].label",
                _("Two {thing} pipelines are called {pipeline}.").format(
                    thing=_object_word(pipeline.object), pipeline=q(pipeline.label)
                ),
                _(
                    "Pipeline label {pipeline} is also used by {path}. Give each pipeline of an "
                    "object its own label: HubSpot matches pipelines by label."
                ).format(pipeline=q(pipeline.label), path=f"pipelines[{pipeline_labels[key]}]"),
                _("Rename one of them: HubSpot tells pipelines apart by their name."),
            )
        pipeline_labels.setdefault(key, i)

        ids: dict[str, int] = {}
        labels: dict[str, int] = {}
        for j, stage in enumerate(pipeline.stages):
            if stage.id in ids:
                first_stage = pipeline.stages[ids[stage.id]]
                yield Issue(
                    f"pipelines[{i}].stages[{j}].id",
                    _(
                        "Stages {first} and {stage} in pipeline {pipeline} have the same internal "
                        "name {name}."
                    ).format(
                        first=q(first_stage.label),
                        stage=q(stage.label),
                        pipeline=q(pipeline.label),
                        name=q(stage.id),
                    ),
                    _(
                        "Stage id {name} appears twice ({first_path} and {path}). Give each stage "
                        "of a pipeline its own id."
                    ).format(name=q(stage.id), first_path=f"stages[{ids[stage.id]}]", path=f"stages[{j}]"),
                    _("Give stage {stage} its own id in the stage table.").format(stage=q(stage.label)),
                )
            ids.setdefault(stage.id, j)
            label = _label_key(stage.label)
            if label in labels:
                yield Issue(
                    f"pipelines[{i}].stages[{j}].label",
                    _("Pipeline {pipeline} has two stages called {stage}.").format(
                        pipeline=q(pipeline.label), stage=q(stage.label)
                    ),
                    _(
                        "Stage label {stage} also in {path}. HubSpot wants stage labels unique "
                        "within a pipeline (case and spaces do not count): rename or remove one."
                    ).format(stage=q(stage.label), path=f"stages[{labels[label]}]"),
                    _(
                        "Rename or delete one of them: HubSpot wants each stage of a pipeline to "
                        "have its own name (case and spaces do not count)."
                    ),
                )
            labels.setdefault(label, j)


@rule("HW207", Severity.WARNING, N_("an open stage at probability 0.0 or 1.0"))
def open_at_extremes(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        if not is_deal_pipeline(pipeline):
            continue
        for j, stage in open_stages(pipeline):
            if stage.probability is None:
                continue
            if abs(stage.probability) < EPSILON or abs(stage.probability - 1.0) < EPSILON:
                sure = "won" if stage.probability > 0.5 else "lost"
                words = {"stage": q(stage.label), "percent": pct(stage.probability), "value": sure}
                if sure == "won":
                    message = _(
                        "Open stage {stage} has a win probability of {percent}: deals in it count "
                        "as already won in the forecast."
                    )
                    fix = _(
                        "Set a win probability between 10% and 90%; if the deal is decided, set "
                        "the stage's outcome to won."
                    )
                else:
                    message = _(
                        "Open stage {stage} has a win probability of {percent}: deals in it count "
                        "as already lost in the forecast."
                    )
                    fix = _(
                        "Set a win probability between 10% and 90%; if the deal is decided, set "
                        "the stage's outcome to lost."
                    )
                yield Issue(
                    f"pipelines[{i}].stages[{j}].probability",
                    message.format(**words),
                    _(
                        "Give open stages a probability between 0.1 and 0.9; if the deal is "
                        "decided, mark the stage 'closed: {value}'."
                    ).format(**words),
                    fix,
                )


@rule("HW208", Severity.INFO, N_("two neighbouring open stages with the same probability"))
def same_probability(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        if not is_deal_pipeline(pipeline):
            continue
        stages = open_stages(pipeline)
        for (_before_index, before), (j, stage) in itertools.pairwise(stages):
            if before.probability is None or stage.probability is None:
                continue
            if abs(before.probability - stage.probability) < EPSILON:
                yield Issue(
                    f"pipelines[{i}].stages[{j}].probability",
                    _(
                        "Stages {before} and {stage} in pipeline {pipeline} both have a win "
                        "probability of {percent}."
                    ).format(
                        before=q(before.label),
                        stage=q(stage.label),
                        pipeline=q(pipeline.label),
                        percent=pct(stage.probability),
                    ),
                    _(
                        "If the second stage does not bring the deal closer to signing, it may be "
                        "superfluous: merge them; otherwise raise its probability."
                    ),
                    _(
                        "If {stage} does not bring the deal closer to signing, delete it; "
                        "otherwise raise its win probability."
                    ).format(stage=q(stage.label)),
                )


@rule("HW209", Severity.ERROR, N_("ticket stage without state, or deal stage without probability"))
def stage_metadata(config: Config) -> Iterator[Issue]:
    custom = {o.name for o in config.custom_objects}
    for i, pipeline in enumerate(config.pipelines):
        deals = is_deal_pipeline(pipeline)
        if not deals and pipeline.object != "tickets" and pipeline.object not in custom:
            continue  # an unknown object: HW501 says so
        for j, stage in enumerate(pipeline.stages):
            if deals and stage.probability is None:
                want = {"won": 1.0, "lost": 0.0}.get(stage.closed or "")
                if want is None:
                    hint = _(
                        "Add 'probability: ...' (between 0.1 and 0.9); correct probabilities give "
                        "an accurate weighted forecast."
                    )
                    fix = _(
                        "Set its win probability, between 10% and 90% for an open stage; correct "
                        "probabilities give an accurate weighted forecast."
                    )
                else:
                    hint = _(
                        "Add 'probability: {value}'; correct probabilities give an accurate "
                        "weighted forecast."
                    ).format(value=repr(want))
                    fix = _(
                        "Set its win probability to {percent}; correct probabilities give an "
                        "accurate weighted forecast."
                    ).format(percent=pct(want))
                yield Issue(
                    f"pipelines[{i}].stages[{j}]",
                    _(
                        "Deal stage {stage} in pipeline {pipeline} has no win probability; "
                        "HubSpot requires one."
                    ).format(stage=q(stage.label), pipeline=q(pipeline.label)),
                    hint,
                    fix,
                )
            elif not deals and stage.state is None:
                obj = config.custom_object(pipeline.object)
                words = {"stage": q(stage.label), "pipeline": q(pipeline.label)}
                if obj is not None:
                    message = _("{object} stage {stage} in pipeline {pipeline} has no state.").format(
                        object=obj.singular, **words
                    )
                else:
                    message = _("Ticket stage {stage} in pipeline {pipeline} has no state.").format(**words)
                yield Issue(
                    f"pipelines[{i}].stages[{j}]",
                    message,
                    _(
                        "Add 'state: open' or 'state: closed' (ticket and custom object stages use "
                        "a state instead of a probability)."
                    ),
                    _(
                        "Set its state to open or closed; ticket and custom object stages have a "
                        "state instead of a win probability."
                    ),
                )
