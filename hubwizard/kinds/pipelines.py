"""Pipelines and their stages: read, export, plan and request bodies in one place.

Only deals, tickets and custom objects have pipelines HubSpot lets an app manage (contacts have
the lifecycle stages, a fixed pipeline; companies none), so only those are read. Stage
``metadata`` values are strings in HubSpot (``{"isClosed": "false", "probability": "0.2"}``);
other keys a portal keeps there are left alone. Real pipelines break best practice and HubSpot
accepts them (no lost stage, a "Closed Lost" that is open at 10 %): they are read and exported
as they are, and the linter gives advice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hubwizard.config import Pipeline, Stage
from hubwizard.errors import PortalError
from hubwizard.hubspot_rules import STANDARD_OBJECTS, normalise_probability
from hubwizard.i18n import _, ngettext
from hubwizard.kinds.adoption import (
    adopted,
    drop_stages,
    ids,
    replaced_stages,
    taken_by_adoption,
    takeover,
    unused_default_advice,
)
from hubwizard.kinds.base import (
    Action,
    Change,
    ExportNotes,
    Operation,
    Planner,
    as_dicts,
    change,
    local_id,
    object_deps,
    order_of,
    results_of,
)
from hubwizard.wording import money, noun, percent, records

if TYPE_CHECKING:
    from hubwizard.flows import Resolver
    from hubwizard.gateway import Gateway
    from hubwizard.state import PortalState

PIPELINE_OBJECTS = ("deals", "tickets")
"""Standard objects with pipelines an app can read and change (custom objects may have one too)."""

DEFAULT_PIPELINE_IDS = frozenset({"default", "0"})
"""HubSpot's own deal ("default") and ticket ("0") pipelines: never archived."""

TICKET_OBJECTS = frozenset({"tickets", "0-5"})


def has_pipelines(object_name: str) -> bool:
    """Whether a pipeline read makes sense: deals, tickets, custom objects (not contacts or
    companies, whose answer is known: the lifecycle or nothing)."""
    return object_name in PIPELINE_OBJECTS or object_name not in STANDARD_OBJECTS


def pipeline_kind(object_name: str) -> str:
    """'deals', 'tickets' or 'custom': decides what a stage's metadata holds."""
    if object_name in ("deals", "0-3"):
        return "deals"
    if object_name in TICKET_OBJECTS:
        return "tickets"
    return "custom"


# --- reading ----------------------------------------------------------------------------


def read(gateway: Gateway, api_object: str) -> list[dict[str, Any]]:
    """The object's pipelines; an object without pipelines (400/404) has none."""
    try:
        return results_of(gateway.pipelines(api_object))
    except PortalError as exc:
        if exc.status in (400, 404):
            return []
        raise


def live(pipeline: dict[str, Any]) -> list[dict[str, Any]]:
    """A pipeline's stages that are not archived, in board order."""
    return sorted(
        (
            s
            for s in as_dicts(pipeline.get("stages"))
            if not s.get("archived") and s.get("id") not in (None, "")
        ),
        key=order_of,
    )


# --- request bodies and their comparable forms ------------------------------------------


def _closed_probability(stage: Stage, default: float) -> str:
    return normalise_probability(stage.probability if stage.probability is not None else default)


def stage_metadata(stage: Stage, kind: str) -> dict[str, str]:
    """The ``metadata`` HubSpot stores for a stage (all values are strings)."""
    if kind == "deals":
        if stage.closed == "won":
            return {"probability": _closed_probability(stage, 1.0), "isClosed": "true"}
        if stage.closed == "lost":
            return {"probability": _closed_probability(stage, 0.0), "isClosed": "true"}
        probability = stage.probability if stage.probability is not None else 0.0
        return {"probability": normalise_probability(probability), "isClosed": "false"}
    if kind == "tickets":
        return {"ticketState": "CLOSED" if stage.state == "closed" else "OPEN"}
    return {"isClosed": "true" if stage.state == "closed" else "false"}


def stage_body(stage: Stage, kind: str, order: int) -> dict[str, Any]:
    return {"label": stage.label, "displayOrder": order, "metadata": stage_metadata(stage, kind)}


def portal_stage_metadata(metadata: dict[str, Any] | None, kind: str) -> dict[str, str]:
    """The portal's stage metadata reduced to the keys ``stage_metadata`` produces."""
    metadata = {k: str(v) for k, v in (metadata if isinstance(metadata, dict) else {}).items()}
    if kind == "deals":
        probability = metadata.get("probability")
        try:
            probability = normalise_probability(float(probability)) if probability is not None else "0.0"
        except ValueError:
            probability = str(probability)
        return {"probability": probability, "isClosed": metadata.get("isClosed", "false").lower()}
    if kind == "tickets":
        state = metadata.get("ticketState") or ("CLOSED" if metadata.get("isClosed") == "true" else "OPEN")
        return {"ticketState": state.upper()}
    return {"isClosed": metadata.get("isClosed", "false").lower()}


def pipeline_body(pipeline: Pipeline, display_order: int) -> dict[str, Any]:
    kind = pipeline_kind(pipeline.object)
    return {
        "label": pipeline.label,
        "displayOrder": display_order,
        "stages": [stage_body(s, kind, i) for i, s in enumerate(pipeline.stages)],
    }


def stage_from_portal(data: dict[str, Any], kind: str, local: str) -> Stage:
    """A portal stage as a config stage (export): ``stage_metadata`` of it gives the portal's."""
    metadata = portal_stage_metadata(data.get("metadata"), kind)
    hubspot_id = str(data.get("id"))
    label = str(data.get("label") or hubspot_id)
    if kind == "deals":
        probability = float(metadata["probability"]) if _is_number(metadata["probability"]) else 0.0
        closed = None
        if metadata["isClosed"] == "true":
            closed = "won" if probability >= 1.0 else "lost"
        return Stage(id=local, label=label, probability=probability, closed=closed, hubspot_id=hubspot_id)
    state = (
        "closed" if metadata.get("ticketState") == "CLOSED" or metadata.get("isClosed") == "true" else "open"
    )
    return Stage(id=local, label=label, state=state, hubspot_id=hubspot_id)


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


# --- export -----------------------------------------------------------------------------


def export(state: PortalState, notes: ExportNotes, resolver: Resolver, taken: set[str]) -> list[Pipeline]:
    """Every live pipeline with all its stages, pinned to the portal's ids. Registers local ids
    in ``resolver`` so workflows can name them."""
    out: list[Pipeline] = []
    objects = sorted(state.pipelines, key=lambda o: (o not in PIPELINE_OBJECTS, o))
    for object_name in objects:
        kind = pipeline_kind(object_name)
        for portal_pipeline in sorted(state.pipelines[object_name], key=order_of):
            if portal_pipeline.get("archived"):
                continue
            if not portal_pipeline.get("id"):
                notes.skip(
                    _("a {object} pipeline without an id").format(object=object_name),
                    _("HubSpot sent no id to pin it to"),
                )
                continue
            label = str(portal_pipeline.get("label") or portal_pipeline["id"])
            unreadable = _unreadable_stage(portal_pipeline, kind)
            if unreadable:
                notes.skip(_("pipeline '{name}'").format(name=label), unreadable)
                continue
            pid = local_id(label, taken, "pipeline")
            stage_ids: set[str] = set()
            stages = []
            for portal_stage in as_dicts(portal_pipeline.get("stages")):
                if portal_stage.get("id") in (None, "") and not portal_stage.get("archived"):
                    notes.skip(
                        _("a stage of pipeline '{name}'").format(name=label), _("HubSpot sent no id for it")
                    )
            for portal_stage in live(portal_pipeline):
                sid = local_id(str(portal_stage.get("label") or ""), stage_ids, "stage")
                stages.append(stage_from_portal(portal_stage, kind, sid))
                resolver.stage_ids[(pid, sid)] = str(portal_stage["id"])
            resolver.pipeline_ids[pid] = str(portal_pipeline["id"])
            out.append(
                Pipeline(
                    id=pid,
                    object=object_name,
                    label=label,
                    stages=stages,
                    hubspot_id=str(portal_pipeline["id"]),
                )
            )
    return out


def _unreadable_stage(pipeline: dict[str, Any], kind: str) -> str | None:
    """Why a pipeline cannot be written into a config as it is (a deal stage whose probability
    is not a number), or None. Exporting it would rewrite what HubSpot holds."""
    if kind != "deals":
        return None
    for stage in live(pipeline):
        metadata = stage.get("metadata") if isinstance(stage.get("metadata"), dict) else {}
        raw = metadata.get("probability")
        if raw is not None and not _is_number(str(raw)):
            return _("its stage '{stage}' has the probability '{value}', which is not a number").format(
                stage=stage.get("label"), value=raw
            )
    return None


# --- plan -------------------------------------------------------------------------------


def stage_words(stage: Any, kind: str) -> str:
    """A stage's outcome in plain words, in the current language."""
    if kind == "deals":
        if stage.closed == "won":
            return _("closed won")
        if stage.closed == "lost":
            return _("closed lost")
        return _("probability {percent}").format(percent=percent(stage.probability))
    return _("closed") if stage.state == "closed" else _("open")


def _records(count: int, amount: float = 0.0) -> str:
    """``3 records worth 12,000`` in the current language."""
    if amount:
        return ngettext("{count} record worth {amount}", "{count} records worth {amount}", count).format(
            count=count, amount=money(amount)
        )
    return ngettext("{count} record", "{count} records", count).format(count=count)


def match_pipeline(pipeline: Pipeline, existing: list[dict[str, Any]]) -> dict[str, Any] | None:
    live_ones = [x for x in existing if not x.get("archived")]
    if pipeline.hubspot_id:
        return next((x for x in live_ones if str(x.get("id")) == pipeline.hubspot_id), None)
    found = next((x for x in live_ones if x.get("label") == pipeline.label), None)
    return found or next(
        (x for x in live_ones if str(x.get("label", "")).casefold() == pipeline.label.casefold()), None
    )


def match_stage(stage: Any, existing: list[dict[str, Any]], used: set[str]) -> dict[str, Any] | None:
    free = [s for s in existing if str(s.get("id")) not in used]
    if stage.hubspot_id:
        return next((s for s in free if str(s.get("id")) == stage.hubspot_id), None)
    found = next((s for s in free if s.get("label") == stage.label), None)
    return found or next(
        (s for s in free if str(s.get("label", "")).casefold() == stage.label.casefold()), None
    )


def plan(planner: Planner) -> None:
    """Create, rename and update pipelines and stages; keep (or with prune, archive) the rest."""
    state, config = planner.state, planner.config
    for object_name in sorted({p.object for p in config.pipelines}):
        problem = state.problem("pipelines", object_name)
        if problem is not None:
            first = next(i for i, p in enumerate(config.pipelines) if p.object == object_name)
            planner.refuse(
                "PLAN110",
                f"pipelines[{first}]",
                _("the {object} pipelines of this portal could not be read: {problem}").format(
                    object=object_name, problem=problem.sentence
                ),
                _("Give the token the scope named, or remove these pipelines from the config."),
            )
    if any(state.problem("pipelines", p.object) for p in config.pipelines):
        return
    matched: dict[str, set[str]] = {}
    for p, pipeline in enumerate(config.pipelines):
        path = f"pipelines[{p}]"
        existing_all = state.pipelines.get(pipeline.object, [])
        existing = adopted(pipeline, existing_all, planner, path)
        if existing is None and not pipeline.adopt:
            existing = match_pipeline(
                pipeline, [x for x in existing_all if not taken_by_adoption(x, config, pipeline)]
            )
        if existing is None and pipeline.adopt:
            continue
        key = f"{pipeline.object}/{pipeline.label}"
        kind = pipeline_kind(pipeline.object)
        if existing is None:
            order = max((order_of(x) for x in existing_all), default=-1) + 1 + p
            if pipeline.hubspot_id:
                planner.refuse(
                    "PLAN104",
                    f"{path}.hubspot_id",
                    _("pipeline '{pipeline}' is pinned to id {id}, which the portal does not have").format(
                        pipeline=pipeline.label, id=pipeline.hubspot_id
                    ),
                    _("Remove hubspot_id to create the pipeline, or export the portal again to get its ids."),
                )
            planner.add(
                Operation(
                    f"pipeline:{pipeline.id}",
                    Action.CREATE,
                    "pipeline",
                    key,
                    pipeline.object,
                    ngettext(
                        "Create {thing} pipeline '{pipeline}' with {count} stage",
                        "Create {thing} pipeline '{pipeline}' with {count} stages",
                        len(pipeline.stages),
                    ).format(
                        thing=noun(config, pipeline.object),
                        pipeline=pipeline.label,
                        count=len(pipeline.stages),
                    ),
                    changes=[
                        Change(
                            f"stage {s.label}",
                            None,
                            stage_words(s, kind),
                            _("stage *{stage}*: {outcome}").format(
                                stage=s.label, outcome=stage_words(s, kind)
                            ),
                        )
                        for s in pipeline.stages
                    ],
                    body=pipeline_body(pipeline, order),
                    target={"local_id": pipeline.id},
                    depends_on=object_deps(state, pipeline.object),
                    path=path,
                )
            )
            planner.unresolved.add(f"pipeline:{pipeline.id}")
            continue
        matched.setdefault(pipeline.object, set()).add(str(existing["id"]))
        pid = str(existing["id"])
        planner.resolver.pipeline_ids[pipeline.id] = pid
        if existing.get("label") != pipeline.label:
            planner.add(
                Operation(
                    f"pipeline:{pipeline.id}",
                    Action.UPDATE,
                    "pipeline",
                    key,
                    pipeline.object,
                    _("Rename pipeline '{before}' to '{after}'").format(
                        before=existing.get("label"), after=pipeline.label
                    ),
                    changes=[change("label", existing.get("label"), pipeline.label)],
                    body={"label": pipeline.label},
                    target={"pipelineId": pid},
                    previous={"label": existing.get("label")},
                    path=path,
                )
            )
        else:
            planner.add(
                Operation(
                    f"pipeline:{pipeline.id}",
                    Action.UNCHANGED,
                    "pipeline",
                    key,
                    pipeline.object,
                    _("Pipeline '{pipeline}' on {object}").format(
                        pipeline=pipeline.label, object=records(pipeline.object)
                    ),
                    target={"pipelineId": pid},
                    path=path,
                )
            )
        _stages(planner, pipeline, existing, path)
    for object_name, pipelines in sorted(state.pipelines.items()):
        if object_name not in {p.object for p in config.pipelines}:
            continue
        for portal_pipeline in pipelines:
            if str(portal_pipeline.get("id")) in matched.get(object_name, set()) or portal_pipeline.get(
                "archived"
            ):
                continue
            key = f"{object_name}/{portal_pipeline.get('label')}"
            pid = str(portal_pipeline.get("id"))
            if planner.prune and pid not in DEFAULT_PIPELINE_IDS:
                _prune_pipeline(planner, object_name, portal_pipeline, key)
            else:
                if pid in DEFAULT_PIPELINE_IDS:
                    title = _("Keep pipeline '{pipeline}' (HubSpot's default pipeline)")
                else:
                    title = _("Keep pipeline '{pipeline}' (not in the config)")
                op = planner.add(
                    Operation(
                        f"pipeline:{object_name}:{pid}",
                        Action.KEEP,
                        "pipeline",
                        key,
                        object_name,
                        title.format(pipeline=portal_pipeline.get("label")),
                        target={"pipelineId": pid},
                    )
                )
                if pid in DEFAULT_PIPELINE_IDS:
                    op.notes.extend(unused_default_advice(planner, object_name, portal_pipeline))


def _stages(planner: Planner, pipeline: Pipeline, existing: dict[str, Any], path: str) -> None:
    kind = pipeline_kind(pipeline.object)
    pid = str(existing["id"])
    portal_stages = live(existing)
    pairs: list[tuple[int, Any, dict[str, Any] | None]] = []
    used: set[str] = set()
    direct: dict[int, dict[str, Any] | None] = {}
    for i, stage in enumerate(pipeline.stages):
        direct[i] = match_stage(stage, portal_stages, used)
        if direct[i] is not None:
            used.add(str(direct[i]["id"]))
    used.clear()
    for i, stage in enumerate(pipeline.stages):
        found = direct[i] or takeover(stage, portal_stages, used | ids(direct), kind)
        if found is not None:
            used.add(str(found["id"]))
            planner.resolver.stage_ids[(pipeline.id, stage.id)] = str(found["id"])
        elif stage.hubspot_id:
            planner.refuse(
                "PLAN104",
                f"{path}.stages[{i}].hubspot_id",
                _("stage '{stage}' is pinned to id {id}, which pipeline '{pipeline}' does not have").format(
                    stage=stage.label, id=stage.hubspot_id, pipeline=pipeline.label
                ),
                _("Remove hubspot_id to create the stage."),
            )
        pairs.append((i, stage, found))
    orders = [order_of(f) for _, _, f in pairs if f is not None]
    in_order = orders == sorted(orders) and len(set(orders)) == len(orders)
    first_new = next((i for i, _, f in pairs if f is None), None)
    last_matched = max((i for i, _, f in pairs if f is not None), default=-1)
    renumber = not in_order or (first_new is not None and first_new < last_matched)
    next_order = max((order_of(s) for s in portal_stages), default=-1) + 1
    for i, stage, found in pairs:
        spath = f"{path}.stages[{i}]"
        key = f"{pipeline.object}/{pipeline.label}/{stage.label}"
        if found is None:
            order = i if renumber else next_order
            next_order += 0 if renumber else 1
            planner.add(
                Operation(
                    f"stage:{pipeline.id}:{stage.id}",
                    Action.CREATE,
                    "stage",
                    key,
                    pipeline.object,
                    _("Add stage '{stage}' to '{pipeline}' ({outcome})").format(
                        stage=stage.label, pipeline=pipeline.label, outcome=stage_words(stage, kind)
                    ),
                    changes=[
                        Change(
                            "stage",
                            None,
                            stage_words(stage, kind),
                            _("new stage *{stage}*: {outcome}").format(
                                stage=stage.label, outcome=stage_words(stage, kind)
                            ),
                        )
                    ],
                    body=stage_body(stage, kind, order),
                    target={"pipelineId": pid, "pipeline": pipeline.id, "stage": stage.id},
                    path=spath,
                )
            )
            planner.unresolved.add(f"stage:{pipeline.id}:{stage.id}")
            continue
        changes, body, previous = [], {}, {}
        if found.get("label") != stage.label:
            changes.append(
                Change(
                    "label",
                    found.get("label"),
                    stage.label,
                    _("stage *{before}*: renamed to *{after}*").format(
                        before=found.get("label"), after=stage.label
                    ),
                )
            )
            body["label"], previous["label"] = stage.label, found.get("label")
        before = portal_stage_metadata(found.get("metadata"), kind)
        after = stage_metadata(stage, kind)
        if before != after:
            changes.extend(_metadata_changes(stage.label, before, after, kind))
            portal_metadata = found.get("metadata") if isinstance(found.get("metadata"), dict) else {}
            # keys HubSpot keeps that the config has no word for are sent back unchanged
            merged = {**{k: str(v) for k, v in portal_metadata.items()}, **after}
            if kind == "tickets" and "isClosed" in merged:
                merged["isClosed"] = "true" if after["ticketState"] == "CLOSED" else "false"
            body["metadata"] = merged
            previous["metadata"] = dict(portal_metadata)
        if renumber and order_of(found) != i:
            changes.append(
                Change(
                    "displayOrder",
                    found.get("displayOrder"),
                    i,
                    _("stage *{stage}*: moved to position {position}").format(
                        stage=stage.label, position=i + 1
                    ),
                )
            )
            body["displayOrder"], previous["displayOrder"] = i, found.get("displayOrder")
        if changes:
            planner.add(
                Operation(
                    f"stage:{pipeline.id}:{stage.id}",
                    Action.UPDATE,
                    "stage",
                    key,
                    pipeline.object,
                    _("Update stage '{stage}' of '{pipeline}'").format(
                        stage=stage.label, pipeline=pipeline.label
                    ),
                    changes=changes,
                    body=body,
                    previous=previous,
                    target={"pipelineId": pid, "stageId": str(found["id"])},
                    path=spath,
                )
            )
        else:
            planner.add(
                Operation(
                    f"stage:{pipeline.id}:{stage.id}",
                    Action.UNCHANGED,
                    "stage",
                    key,
                    pipeline.object,
                    _("Stage '{stage}' of '{pipeline}'").format(stage=stage.label, pipeline=pipeline.label),
                    target={"pipelineId": pid, "stageId": str(found["id"])},
                    path=spath,
                )
            )
    replaced_by = replaced_stages(pipeline, portal_stages, used)
    dropped = [
        s
        for s in portal_stages
        if str(s["id"]) not in used and (str(s["id"]) in replaced_by or pipeline.adopt == "default")
    ]
    drop_stages(planner, pipeline, pid, dropped, replaced_by, path)
    for portal_stage in portal_stages:
        sid = str(portal_stage["id"])
        if sid in used or any(sid == str(d["id"]) for d in dropped):
            continue
        key = f"{pipeline.object}/{pipeline.label}/{portal_stage.get('label')}"
        op = Operation(
            f"stage:{pipeline.id}:{sid}",
            Action.KEEP,
            "stage",
            key,
            pipeline.object,
            _("Keep stage '{stage}' of '{pipeline}' (not in the config)").format(
                stage=portal_stage.get("label"), pipeline=pipeline.label
            ),
            target={"pipelineId": pid, "stageId": sid},
            path=path,
        )
        if planner.prune:
            _prune_stage(planner, op, pipeline.object, pid, portal_stage)
        planner.add(op)


def _prune_stage(planner: Planner, op: Operation, object_name: str, pid: str, stage: dict[str, Any]) -> None:
    count, amount = planner.usage(object_name, pid, str(stage["id"])) if planner.usage else (0, 0.0)
    if count:
        op.notes.append(_("holds {records}: kept; move them first").format(records=_records(count, amount)))
        op.title = _("Keep stage '{stage}': it holds {records}").format(
            stage=stage.get("label"), records=_records(count, amount)
        )
        return
    op.action = Action.ARCHIVE
    op.title = _("Archive stage '{stage}' (empty, not in the config)").format(stage=stage.get("label"))
    op.previous = dict(stage)


def _prune_pipeline(planner: Planner, object_name: str, portal_pipeline: dict[str, Any], key: str) -> None:
    pid = str(portal_pipeline["id"])
    held = (
        [(s, *planner.usage(object_name, pid, str(s["id"]))) for s in as_dicts(portal_pipeline.get("stages"))]
        if planner.usage
        else []
    )
    busy = [(s, n, a) for s, n, a in held if n]
    op = Operation(
        f"pipeline:{object_name}:{pid}",
        Action.ARCHIVE,
        "pipeline",
        key,
        object_name,
        _("Archive pipeline '{pipeline}' (empty, not in the config)").format(
            pipeline=portal_pipeline.get("label")
        ),
        target={"pipelineId": pid},
        previous=portal_pipeline,
    )
    if busy:
        records = sum(n for _, n, _ in busy)
        amount = sum(a for _, _, a in busy)
        op.action = Action.KEEP
        op.title = _("Keep pipeline '{pipeline}': it holds {records}").format(
            pipeline=portal_pipeline.get("label"), records=_records(records, amount)
        )
        op.notes = [
            _("stage *{stage}*: {records}").format(stage=s.get("label"), records=_records(n, a))
            for s, n, a in busy
        ]
    planner.add(op)


def _metadata_changes(label: str, before: dict[str, str], after: dict[str, str], kind: str) -> list[Change]:
    changes = []
    if kind == "deals":
        if before.get("probability") != after.get("probability"):
            try:
                b: Any = float(before["probability"])
            except ValueError:
                b = before["probability"]
            a = float(after["probability"])
            changes.append(
                Change(
                    "probability",
                    b,
                    a,
                    _("stage *{stage}*: probability {before} → {after}").format(
                        stage=label, before=percent(b) if isinstance(b, float) else b, after=percent(a)
                    ),
                )
            )
        if before.get("isClosed") != after.get("isClosed"):
            if after.get("isClosed") == "true":
                text = _("stage *{stage}*: now closed").format(stage=label)
            else:
                text = _("stage *{stage}*: now open").format(stage=label)
            changes.append(Change("isClosed", before.get("isClosed"), after.get("isClosed"), text))
    else:
        for k, value in after.items():
            if before.get(k) != value:
                changes.append(
                    Change(
                        k,
                        before.get(k),
                        value,
                        _("stage *{stage}*: {before} → {after}").format(
                            stage=label, before=_state_word(before.get(k, "")), after=_state_word(value)
                        ),
                    )
                )
    return changes


def _state_word(value: str) -> str:
    """A ticket stage's state (``OPEN``, ``CLOSED``) in the current language."""
    words = {"open": _("open"), "closed": _("closed")}
    return words.get(value.lower(), value.lower())
