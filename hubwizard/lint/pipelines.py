"""Pipeline and stage checks: HW1xx (how many pipelines) and HW2xx (stages).

Guide, sections 1 and 2: one shared pipeline per department, never one per salesperson or per
product; only the essential stages; a follow-up is not a stage; each deal stage has a win
probability that rises as deals progress.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from hubwizard.config import Config, Pipeline
from hubwizard.findings import Severity
from hubwizard.hubspot_rules import (
    DEFAULT_PIPELINE_ID,
    PIPELINES_PER_OBJECT,
    PROBABILITY_STEP,
    PropertyType,
    Tier,
    probability_problem,
)
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

MAX_OPEN_STAGES = 7
"""HW201: more open stages than this is more than the essential steps."""

SAME_STAGES_JACCARD = 0.8
"""HW101: two pipelines whose open-stage sets overlap this much (|A∩B| / |A∪B|) are the same."""

SHARED_STAGES_RATIO = 0.5
"""HW102: a pipeline shares the stages of another when at least half of the smaller pipeline's
open stages (and at least two, unless it has only one) are in the other."""

EPSILON = 1e-9


def _object_word(obj: str) -> str:
    return {"deals": "deal", "tickets": "ticket"}.get(obj, obj)


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
    "pipelines of one object with the same or nearly the same stages (per product or per salesperson)",
)
def duplicate_pipelines(config: Config) -> Iterator[Issue]:
    for obj, boards in _boards_by_object(config).items():
        for j, later in enumerate(boards):
            earlier = next((b for b in boards[:j] if _same_stages(b, later)), None)
            if earlier is None:
                continue
            if earlier.keys == later.keys:
                how = "the same stages"
            else:
                shared = len(earlier.key_set & later.key_set)
                how = f"nearly the same stages ({shared} of {len(later.key_set)} in common)"
            stages = [s.label for _, s in open_stages(later.pipeline)]
            yield Issue(
                f"pipelines[{later.index}]",
                f"Pipeline {q(later.pipeline.label)} has {how} as pipeline "
                f"{q(earlier.pipeline.label)} ({_object_word(obj)} pipelines): {listing(stages)}. "
                "Pipelines per product or per salesperson make follow-up and reporting harder.",
                f"Merge them into one pipeline and tell the {obj} apart with a property: a product "
                "property (e.g. product_type in a 'Product details' group) or the owner "
                "(hubspot_owner_id). Keep separate pipelines only for departments whose steps "
                "really differ, such as Sales and Administration.",
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


@rule("HW102", Severity.WARNING, "a pipeline named after a person or a product that shares its stages")
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
            shared = f"it shares its stages with pipeline {q(other.pipeline.label)}"
            if person is not None:
                yield Issue(
                    where,
                    f"Pipeline {q(label)} looks like the pipeline of one person ({person}) and "
                    f"{shared}. A pipeline is a shared, standard tool: never one per salesperson.",
                    f"Use one pipeline for the whole team; the {_object_word(obj)} owner "
                    "(hubspot_owner_id) already says whose it is, and boards and reports filter "
                    "by owner.",
                )
            else:
                yield Issue(
                    where,
                    f"Pipeline {q(label)} looks like a pipeline for one product ({product}) and "
                    f"{shared}. Several products do not justify several pipelines.",
                    "Use one pipeline and a product property (e.g. product_type with one option "
                    "per product) in a 'Product details' group; a workflow can assign deals to a "
                    "salesperson by product type.",
                )


@rule("HW103", Severity.ERROR, "more pipelines for an object than the portal tier allows")
def pipeline_limit(config: Config) -> Iterator[Issue]:
    tier = config.tier
    limit = PIPELINES_PER_OBJECT[tier]
    higher = next((t for t in Tier if t.rank > tier.rank and PIPELINES_PER_OBJECT[t] > limit), None)
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
        upgrade = (
            f", or set portal.tier to {higher.value} ({PIPELINES_PER_OBJECT[higher]} per object)"
            if higher
            else ""
        )
        yield Issue(
            f"pipelines[{i}]",
            f"Pipeline {q(pipeline.label)} is {_object_word(pipeline.object)} pipeline number "
            f"{count}"
            + (", counting HubSpot's default pipeline, which stays" if default_counted else "")
            + f"; the {tier.value} tier allows {limit} per object.",
            (
                "Let your main pipeline adopt HubSpot's default one (adopt: default). "
                if default_counted
                else ""
            )
            + f"Merge pipelines: one per department, never one per product or salesperson{upgrade}.",
        )


@rule("HW104", Severity.ERROR, "a deal pipeline without exactly one won and at least one lost stage")
def won_and_lost(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        if not is_deal_pipeline(pipeline):
            continue
        won = [s.label for s in pipeline.stages if s.closed == "won"]
        lost = [s.label for s in pipeline.stages if s.closed == "lost"]
        problems = []
        if len(won) != 1:
            problems.append(
                "no won stage" if not won else f"{len(won)} won stages ({listing(won)})",
            )
        if not lost:
            problems.append("no lost stage")
        if problems:
            yield Issue(
                f"pipelines[{i}].stages",
                f"Deal pipeline {q(pipeline.label)} has {' and '.join(problems)}.",
                "Mark exactly one stage 'closed: won' (probability 1.0) and at least one "
                "'closed: lost' (probability 0.0), e.g. 'Closed won' and 'Closed lost' at the end.",
            )


@rule("HW201", Severity.WARNING, "too many open stages (more than 7)")
def too_many_stages(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        stages = open_stages(pipeline)
        if len(stages) > MAX_OPEN_STAGES:
            yield Issue(
                f"pipelines[{i}].stages",
                f"Pipeline {q(pipeline.label)} has {len(stages)} open stages "
                f"(more than {MAX_OPEN_STAGES}): {listing([s.label for _, s in stages], 9)}.",
                "Keep only the essential steps every deal goes through (e.g. contact made, demo "
                "sent, quote sent, signed quote received); every extra stage is time lost "
                "updating deals. Move details into properties and reminders into tasks.",
            )


@rule("HW202", Severity.WARNING, "an open stage that is a follow-up / reminder / relaunch / chase")
def follow_up_stages(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        previous = None
        for j, stage in enumerate(pipeline.stages):
            if not stage.is_open:
                continue  # "Lost after three reminders" is a lost reason, not a follow-up step
            if text.is_follow_up(stage.label):
                after = (
                    f"a workflow triggered when a {_object_word(pipeline.object)} enters {q(previous)}"
                    if previous
                    else "a workflow"
                )
                yield Issue(
                    f"pipelines[{i}].stages[{j}].label",
                    f"Stage {q(stage.label)} in pipeline {q(pipeline.label)} is a follow-up, "
                    "not a step every deal goes through: some deals need no chasing, others "
                    "two or three reminders.",
                    f"Remove the stage: make reminders tasks for the deal owner, or {after} "
                    "(e.g. a 15-day delay, then create_task or a reminder email, exiting when the "
                    "deal moves on); keep 'Quote sent' and 'Signed quote received' as stages.",
                )
            else:
                previous = stage.label


@rule("HW203", Severity.WARNING, "win probability decreases from one open stage to the next")
def decreasing_probability(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        if not is_deal_pipeline(pipeline):
            continue
        previous = None
        for j, stage in open_stages(pipeline):
            if stage.probability is None:
                continue
            if previous is not None and stage.probability < previous.probability - EPSILON:
                yield Issue(
                    f"pipelines[{i}].stages[{j}].probability",
                    f"Stage {q(stage.label)} ({num(stage.probability)}) comes after "
                    f"{q(previous.label)} ({num(previous.probability)}) in pipeline "
                    f"{q(pipeline.label)}: the win probability goes down.",
                    "Order open stages as deals progress, with rising probabilities (e.g. first "
                    "contact 0.1, demo sent 0.3, quote sent 0.6), so the weighted forecast is "
                    "right; or reorder the stages.",
                )
            previous = stage


@rule("HW204", Severity.ERROR, "probability outside 0.0..1.0 or not a multiple of 0.1")
def probability_steps(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        if not is_deal_pipeline(pipeline):
            continue
        for j, stage in enumerate(pipeline.stages):
            if stage.probability is None:
                continue
            problem = probability_problem(stage.probability)
            if problem:
                nearest = min(max(round(stage.probability / PROBABILITY_STEP) / 10, 0.0), 1.0)
                yield Issue(
                    f"pipelines[{i}].stages[{j}].probability",
                    f"Stage {q(stage.label)} in pipeline {q(pipeline.label)} has probability "
                    f"{num(stage.probability)}: {problem}.",
                    f"HubSpot rejects it. Use a step of 0.1 between 0.0 and 1.0, e.g. {nearest!r}.",
                )


@rule("HW205", Severity.ERROR, "won stage not at 1.0, lost stage not at 0.0")
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
                yield Issue(
                    f"pipelines[{i}].stages[{j}].probability",
                    f"The {stage.closed} stage {q(stage.label)} in pipeline {q(pipeline.label)} has "
                    f"probability {num(stage.probability)}; a {stage.closed} stage must be at {want!r}.",
                    f"Set probability: {want!r}; a won deal counts in full in the forecast and "
                    "a lost one counts for nothing.",
                )


def _label_key(label: str) -> str:
    return " ".join(label.casefold().split())


@rule("HW206", Severity.ERROR, "duplicate stage labels or ids in one pipeline")
def duplicates(config: Config) -> Iterator[Issue]:
    pipeline_ids: dict[str, int] = {}
    pipeline_labels: dict[tuple[str, str], int] = {}
    for i, pipeline in enumerate(config.pipelines):
        if pipeline.id in pipeline_ids:
            yield Issue(
                f"pipelines[{i}].id",
                f"Pipeline id {q(pipeline.id)} is also used by pipelines[{pipeline_ids[pipeline.id]}].",
                "Give each pipeline its own id: workflows refer to pipelines by id.",
            )
        pipeline_ids.setdefault(pipeline.id, i)
        key = (pipeline.object, _label_key(pipeline.label))
        if key in pipeline_labels:
            yield Issue(
                f"pipelines[{i}].label",
                f"Pipeline label {q(pipeline.label)} is also used by pipelines[{pipeline_labels[key]}] "
                f"({_object_word(pipeline.object)} pipelines).",
                "Give each pipeline of an object its own label: HubSpot matches pipelines by label.",
            )
        pipeline_labels.setdefault(key, i)

        ids: dict[str, int] = {}
        labels: dict[str, int] = {}
        for j, stage in enumerate(pipeline.stages):
            if stage.id in ids:
                yield Issue(
                    f"pipelines[{i}].stages[{j}].id",
                    f"Stage id {q(stage.id)} appears twice in pipeline {q(pipeline.label)} "
                    f"(stages[{ids[stage.id]}] and stages[{j}]).",
                    "Give each stage of a pipeline its own id.",
                )
            ids.setdefault(stage.id, j)
            label = _label_key(stage.label)
            if label in labels:
                first = pipeline.stages[labels[label]].label
                yield Issue(
                    f"pipelines[{i}].stages[{j}].label",
                    f"Stage label {q(stage.label)} appears twice in pipeline {q(pipeline.label)} "
                    f"(as {q(first)} in stages[{labels[label]}]).",
                    "HubSpot wants stage labels unique within a pipeline (case and spaces do not "
                    "count): rename or remove one.",
                )
            labels.setdefault(label, j)


@rule("HW207", Severity.WARNING, "an open stage at probability 0.0 or 1.0")
def open_at_extremes(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        if not is_deal_pipeline(pipeline):
            continue
        for j, stage in open_stages(pipeline):
            if stage.probability is None:
                continue
            if abs(stage.probability) < EPSILON or abs(stage.probability - 1.0) < EPSILON:
                sure = "won" if stage.probability > 0.5 else "lost"
                yield Issue(
                    f"pipelines[{i}].stages[{j}].probability",
                    f"Open stage {q(stage.label)} has probability {num(stage.probability)}: "
                    f"deals in it count as already {sure} in the forecast.",
                    "Give open stages a probability between 0.1 and 0.9; if the deal is decided, "
                    f"mark the stage 'closed: {sure}'.",
                )


@rule("HW208", Severity.INFO, "two neighbouring open stages with the same probability")
def same_probability(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        if not is_deal_pipeline(pipeline):
            continue
        stages = open_stages(pipeline)
        for (_, before), (j, stage) in itertools.pairwise(stages):
            if before.probability is None or stage.probability is None:
                continue
            if abs(before.probability - stage.probability) < EPSILON:
                yield Issue(
                    f"pipelines[{i}].stages[{j}].probability",
                    f"Stages {q(before.label)} and {q(stage.label)} in pipeline "
                    f"{q(pipeline.label)} both have probability {num(stage.probability)}.",
                    "If the second stage does not bring the deal closer to signing, it may be "
                    "superfluous: merge them; otherwise raise its probability.",
                )


@rule("HW209", Severity.ERROR, "ticket stage without state, or deal stage without probability")
def stage_metadata(config: Config) -> Iterator[Issue]:
    custom = {o.name for o in config.custom_objects}
    for i, pipeline in enumerate(config.pipelines):
        deals = is_deal_pipeline(pipeline)
        if not deals and pipeline.object != "tickets" and pipeline.object not in custom:
            continue  # an unknown object: HW501 says so
        for j, stage in enumerate(pipeline.stages):
            if deals and stage.probability is None:
                want = {"won": "1.0", "lost": "0.0"}.get(stage.closed or "", "between 0.1 and 0.9")
                yield Issue(
                    f"pipelines[{i}].stages[{j}]",
                    f"Deal stage {q(stage.label)} in pipeline {q(pipeline.label)} has no "
                    "probability; HubSpot requires one.",
                    f"Add 'probability: ...' ({want}); correct probabilities give an accurate "
                    "weighted forecast.",
                )
            elif not deals and stage.state is None:
                obj = config.custom_object(pipeline.object)
                kind = obj.singular if obj is not None else "Ticket"
                yield Issue(
                    f"pipelines[{i}].stages[{j}]",
                    f"{kind} stage {q(stage.label)} in pipeline {q(pipeline.label)} has no state.",
                    "Add 'state: open' or 'state: closed' (ticket and custom object stages use a "
                    "state instead of a probability).",
                )
