"""Pipeline and stage checks: HW1xx (how many pipelines) and HW2xx (stages).

Guide, sections 1 and 2: one shared pipeline per department, never one per salesperson or per
product; only the essential stages; a follow-up is not a stage; each deal stage has a win
probability that rises as deals progress.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
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
                f"{q(earlier.pipeline.label)} ({_object_word(obj)} pipelines), namely {listing(stages)}. "
                "Pipelines per product or per salesperson make follow-up and reporting harder.",
                f"Merge them into one pipeline and tell the {obj} apart with a property: a product "
                "property (e.g. product_type in a 'Product details' group) or the owner "
                "(hubspot_owner_id). Keep separate pipelines only for departments whose steps "
                "really differ, such as Sales and Administration.",
                f"Merge them into one pipeline and tell the {obj} apart with a property, such as a "
                "Dropdown select 'Product type' in a 'Product details' group, or with the "
                f"{_object_word(obj)} owner. Keep separate pipelines only for departments whose "
                "steps really differ, such as Sales and Administration.",
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
            thing = _object_word(obj)
            if person is not None:
                yield Issue(
                    where,
                    f"Pipeline {q(label)} looks like the pipeline of one person ({person}) and "
                    f"{shared}. A pipeline is a shared, standard tool, never one per salesperson.",
                    f"Use one pipeline for the whole team; the {thing} owner "
                    "(hubspot_owner_id) already says whose it is, and boards and reports filter "
                    "by owner.",
                    f"Use one pipeline for the whole team and delete this one: the {thing} owner "
                    "already says whose it is, and boards and reports filter by owner.",
                )
            else:
                yield Issue(
                    where,
                    f"Pipeline {q(label)} looks like a pipeline for one product ({product}) and "
                    f"{shared}. Several products do not justify several pipelines.",
                    "Use one pipeline and a product property (e.g. product_type with one option "
                    "per product) in a 'Product details' group; a workflow can assign deals to a "
                    "salesperson by product type.",
                    "Use one pipeline and add a Dropdown select property 'Product type', with one "
                    "option per product, in a 'Product details' group; a workflow can assign deals "
                    "to a salesperson by product type.",
                )


def _higher_tier(tier: Tier, limits: dict[Tier, int]) -> Tier | None:
    return next((t for t in Tier if t.rank > tier.rank and limits[t] > limits[tier]), None)


@rule("HW103", Severity.ERROR, "more pipelines for an object than the portal tier allows")
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
        upgrade = (
            f", or set portal.tier to {higher.value} ({PIPELINES_PER_OBJECT[higher]} per object)"
            if higher
            else ""
        )
        upgrade_words = (
            f", or choose the HubSpot {tier_name(higher)} subscription "
            f"({PIPELINES_PER_OBJECT[higher]} per object) if your portal has it"
            if higher
            else ""
        )
        thing = _object_word(pipeline.object)
        yield Issue(
            f"pipelines[{i}]",
            f"Pipeline {q(pipeline.label)} is {thing} pipeline number {count}"
            + (", counting HubSpot's own pipeline, which stays next to it" if default_counted else "")
            + f"; HubSpot {tier_name(tier)} allows {limit} per object.",
            (
                "Let your main pipeline adopt HubSpot's default one (adopt: default). "
                if default_counted
                else ""
            )
            + f"Merge pipelines: one per department, never one per product or salesperson{upgrade}.",
            (
                "Let your main pipeline use HubSpot's own pipeline instead of a new one. "
                if default_counted
                else ""
            )
            + f"Merge pipelines (one per department, never one per product or salesperson){upgrade_words}.",
        )


@rule("HW104", Severity.WARNING, "a deal pipeline without exactly one won and at least one lost stage")
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
                "Set the outcome of exactly one stage to won (win probability 100%) and of at "
                "least one to lost (0%), e.g. 'Closed won' and 'Closed lost' at the end.",
            )


@rule("HW201", Severity.WARNING, "too many open stages (more than 7)")
def too_many_stages(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        stages = open_stages(pipeline)
        if len(stages) > MAX_OPEN_STAGES:
            advice = (
                "Keep only the essential steps every deal goes through (e.g. contact made, demo "
                "sent, quote sent, signed quote received); every extra stage is time lost "
                "updating deals. Move details into properties and reminders into tasks."
            )
            yield Issue(
                f"pipelines[{i}].stages",
                f"Pipeline {q(pipeline.label)} has {len(stages)} open stages "
                f"(more than {MAX_OPEN_STAGES}), namely {listing([s.label for _, s in stages], 9)}.",
                advice,
                advice,
            )


@rule("HW202", Severity.WARNING, "an open stage that is a follow-up / reminder / relaunch / chase")
def follow_up_stages(config: Config) -> Iterator[Issue]:
    for i, pipeline in enumerate(config.pipelines):
        previous = None
        for j, stage in enumerate(pipeline.stages):
            if not stage.is_open:
                continue  # "Lost after three reminders" is a lost reason, not a follow-up step
            if text.is_follow_up(stage.label):
                thing = _object_word(pipeline.object)
                after = (
                    f"a workflow triggered when a {thing} enters {q(previous)}" if previous else "a workflow"
                )
                yield Issue(
                    f"pipelines[{i}].stages[{j}].label",
                    f"Stage {q(stage.label)} in pipeline {q(pipeline.label)} is a follow-up, "
                    "not a step every deal goes through: some deals need no chasing, others "
                    "two or three reminders.",
                    f"Remove the stage: make reminders tasks for the deal owner, or {after} "
                    "(e.g. a 15-day delay, then create_task or a reminder email, exiting when the "
                    "deal moves on); keep 'Quote sent' and 'Signed quote received' as stages.",
                    f"Delete the stage and, on Workflows, add {after} that waits 15 days, then "
                    "creates a task for the owner, and stops when the deal moves on. Keep "
                    "'Quote sent' and 'Signed quote received' as stages.",
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
                    f"Stage {q(stage.label)} ({pct(stage.probability)}) comes after "
                    f"{q(previous.label)} ({pct(previous.probability)}) in pipeline "
                    f"{q(pipeline.label)}: the win probability goes down.",
                    "Order open stages as deals progress, with rising probabilities (e.g. first "
                    "contact 0.1, demo sent 0.3, quote sent 0.6), so the weighted forecast is "
                    "right; or reorder the stages.",
                    f"Raise the win probability of {q(stage.label)} to at least "
                    f"{pct(previous.probability)}, or move it before {q(previous.label)}: "
                    "probabilities rise as deals progress (e.g. first contact 10%, demo sent 30%, "
                    "quote sent 60%), so the weighted forecast is right.",
                )
            previous = stage


def _nearest_steps(value: float) -> list[float]:
    """The allowed probabilities around ``value``: 0.35 → [0.3, 0.4]; 1.4 → [1.0]."""
    if value <= 0:
        return [0.0]
    if value >= 1:
        return [1.0]
    low = math.floor(value * 10 + EPSILON) / 10
    high = math.ceil(value * 10 - EPSILON) / 10
    return sorted({low, high})


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
                nearest = _nearest_steps(stage.probability)
                inside = 0.0 <= stage.probability <= 1.0
                why = "not a step of 10%" if inside else "outside 0% to 100%"
                yield Issue(
                    f"pipelines[{i}].stages[{j}].probability",
                    f"Stage {q(stage.label)} in pipeline {q(pipeline.label)} has a win probability "
                    f"of {pct(stage.probability)}, {why}; HubSpot refuses it.",
                    f"Probability {num(stage.probability)}: {problem}. Use a step of 0.1 between "
                    f"0.0 and 1.0, e.g. {' or '.join(repr(n) for n in nearest)}.",
                    f"Set the win probability to {' or '.join(pct(n) for n in nearest)}.",
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
                    f"The {stage.closed} stage {q(stage.label)} in pipeline {q(pipeline.label)} has a "
                    f"win probability of {pct(stage.probability)}; a {stage.closed} stage must be at "
                    f"{pct(want)}.",
                    f"Set probability: {want!r}; a won deal counts in full in the forecast and "
                    "a lost one counts for nothing.",
                    f"Set the win probability to {pct(want)}: a won deal counts in full in the "
                    "forecast and a lost one counts for nothing.",
                )


def _label_key(label: str) -> str:
    return " ".join(label.casefold().split())


@rule("HW206", Severity.ERROR, "duplicate stage labels or ids in one pipeline")
def duplicates(config: Config) -> Iterator[Issue]:
    pipeline_ids: dict[str, int] = {}
    pipeline_labels: dict[tuple[str, str], int] = {}
    for i, pipeline in enumerate(config.pipelines):
        if pipeline.id in pipeline_ids:
            first = config.pipelines[pipeline_ids[pipeline.id]]
            yield Issue(
                f"pipelines[{i}].id",
                f"Pipelines {q(first.label)} and {q(pipeline.label)} have the same internal name "
                f"{q(pipeline.id)}.",
                f"Pipeline id {q(pipeline.id)} is also used by pipelines[{pipeline_ids[pipeline.id]}]. "
                "Give each pipeline its own id: workflows refer to pipelines by id.",
                f"Rename pipeline {q(pipeline.label)}: workflows tell pipelines apart by their "
                "internal name, so each needs its own.",
            )
        pipeline_ids.setdefault(pipeline.id, i)
        key = (pipeline.object, _label_key(pipeline.label))
        if key in pipeline_labels:
            yield Issue(
                f"pipelines[{i}].label",
                f"Two {_object_word(pipeline.object)} pipelines are called {q(pipeline.label)}.",
                f"Pipeline label {q(pipeline.label)} is also used by pipelines[{pipeline_labels[key]}]. "
                "Give each pipeline of an object its own label: HubSpot matches pipelines by label.",
                "Rename one of them: HubSpot tells pipelines apart by their name.",
            )
        pipeline_labels.setdefault(key, i)

        ids: dict[str, int] = {}
        labels: dict[str, int] = {}
        for j, stage in enumerate(pipeline.stages):
            if stage.id in ids:
                first_stage = pipeline.stages[ids[stage.id]]
                yield Issue(
                    f"pipelines[{i}].stages[{j}].id",
                    f"Stages {q(first_stage.label)} and {q(stage.label)} in pipeline "
                    f"{q(pipeline.label)} have the same internal name {q(stage.id)}.",
                    f"Stage id {q(stage.id)} appears twice (stages[{ids[stage.id]}] and stages[{j}]). "
                    "Give each stage of a pipeline its own id.",
                    f"Give stage {q(stage.label)} its own id in the stage table.",
                )
            ids.setdefault(stage.id, j)
            label = _label_key(stage.label)
            if label in labels:
                yield Issue(
                    f"pipelines[{i}].stages[{j}].label",
                    f"Pipeline {q(pipeline.label)} has two stages called {q(stage.label)}.",
                    f"Stage label {q(stage.label)} also in stages[{labels[label]}]. HubSpot wants "
                    "stage labels unique within a pipeline (case and spaces do not count): rename "
                    "or remove one.",
                    "Rename or delete one of them: HubSpot wants each stage of a pipeline to have "
                    "its own name (case and spaces do not count).",
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
                    f"Open stage {q(stage.label)} has a win probability of {pct(stage.probability)}: "
                    f"deals in it count as already {sure} in the forecast.",
                    "Give open stages a probability between 0.1 and 0.9; if the deal is decided, "
                    f"mark the stage 'closed: {sure}'.",
                    "Set a win probability between 10% and 90%; if the deal is decided, set the "
                    f"stage's outcome to {sure}.",
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
                    f"{q(pipeline.label)} both have a win probability of {pct(stage.probability)}.",
                    "If the second stage does not bring the deal closer to signing, it may be "
                    "superfluous: merge them; otherwise raise its probability.",
                    f"If {q(stage.label)} does not bring the deal closer to signing, delete it; "
                    "otherwise raise its win probability.",
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
                want = {"won": 1.0, "lost": 0.0}.get(stage.closed or "")
                yield Issue(
                    f"pipelines[{i}].stages[{j}]",
                    f"Deal stage {q(stage.label)} in pipeline {q(pipeline.label)} has no "
                    "win probability; HubSpot requires one.",
                    f"Add 'probability: ...' ({'between 0.1 and 0.9' if want is None else repr(want)}); "
                    "correct probabilities give an accurate weighted forecast.",
                    (
                        "Set its win probability, between 10% and 90% for an open stage"
                        if want is None
                        else f"Set its win probability to {pct(want)}"
                    )
                    + "; correct probabilities give an accurate weighted forecast.",
                )
            elif not deals and stage.state is None:
                obj = config.custom_object(pipeline.object)
                kind = obj.singular if obj is not None else "Ticket"
                yield Issue(
                    f"pipelines[{i}].stages[{j}]",
                    f"{kind} stage {q(stage.label)} in pipeline {q(pipeline.label)} has no state.",
                    "Add 'state: open' or 'state: closed' (ticket and custom object stages use a "
                    "state instead of a probability).",
                    "Set its state to open or closed; ticket and custom object stages have a state "
                    "instead of a win probability.",
                )
