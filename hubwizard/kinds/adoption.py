"""Adopting a portal's pipeline and dropping the stages a design replaces (plan side).

Every HubSpot portal starts with one deal pipeline ("Sales Pipeline", id ``default``). The
guide's first rule is one shared pipeline, so a setup's main pipeline *adopts* it
(``adopt: default``): the plan renames it and changes its stages in place instead of creating a
second pipeline next to it.

Stages of an adopted pipeline (or any pipeline read from the portal) are matched to the design's
stages by id, then by name, then by ``replaces``: a design stage takes over the first stage it
replaces that has the same outcome (open, won or lost) — that stage keeps its id and its deals,
and is renamed and re-weighted. The other stages it replaces are *dropped*: one move operation
per pipeline sends their deals to the replacing stage, then each emptied stage is archived. In
an adopted pipeline every stage the design does not name is dropped too; one that holds deals
and has no replacing stage refuses the plan, naming the stage and its deals. Deals that are
closed won or lost only ever move to a stage with the same outcome.
"""

from __future__ import annotations

from typing import Any

from hubwizard.config import Config, Pipeline, Stage
from hubwizard.hubspot_rules import DEFAULT_PIPELINE_ID
from hubwizard.i18n import N_, _, ngettext
from hubwizard.kinds.base import Action, Change, Operation, Planner
from hubwizard.stage_mapping import fold
from hubwizard.wording import money, records

PIPELINE_PROPERTY = {"0-3": "pipeline"}
STAGE_PROPERTY = {"0-3": "dealstage"}


def adopted(
    pipeline: Pipeline, existing: list[dict[str, Any]], planner: Planner, path: str
) -> dict[str, Any] | None:
    """The portal pipeline a design pipeline adopts (``adopt: default``), or None. Refuses the
    plan when the object has no default pipeline to adopt."""
    if pipeline.adopt != "default":
        return None
    wanted = DEFAULT_PIPELINE_ID.get(pipeline.object)
    found = next(
        (x for x in existing if not x.get("archived") and wanted is not None and str(x.get("id")) == wanted),
        None,
    )
    if found is None:
        planner.refuse(
            "PLAN105",
            f"{path}.adopt",
            _(
                "pipeline '{pipeline}' adopts HubSpot's default {object} pipeline, which this portal does not have"
            ).format(pipeline=pipeline.label, object=records(pipeline.object)),
            _("Remove 'adopt: default' to create the pipeline alongside."),
        )
    return found


def taken_by_adoption(portal_pipeline: dict[str, Any], config: Config, pipeline: Pipeline) -> bool:
    """Whether another pipeline of the design adopts this portal pipeline (so it is not matched by name)."""
    return any(
        p is not pipeline
        and p.object == pipeline.object
        and p.adopt == "default"
        and str(portal_pipeline.get("id")) == DEFAULT_PIPELINE_ID.get(p.object)
        for p in config.pipelines
    )


def outcome(stage: dict[str, Any], kind: str) -> str | None:
    """'won', 'lost' or None (open) for a portal stage; closed ticket stages count as 'closed'."""
    metadata = stage.get("metadata") if isinstance(stage.get("metadata"), dict) else {}
    if kind == "deals":
        if str(metadata.get("isClosed", "false")).lower() != "true":
            return None
        try:
            return "won" if float(metadata.get("probability", 0)) >= 1.0 else "lost"
        except (TypeError, ValueError):
            return "lost"
    closed = (
        str(metadata.get("ticketState", "")).upper() == "CLOSED" or str(metadata.get("isClosed")) == "true"
    )
    return "closed" if closed else None


def design_outcome(stage: Stage, kind: str) -> str | None:
    if kind == "deals":
        return stage.closed
    return "closed" if stage.state == "closed" else None


def replaced(stage: Stage, portal_stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The live portal stages ``stage.replaces`` names (by id, or by label in any case)."""
    out = []
    for name in stage.replaces:
        found = (
            next((s for s in portal_stages if str(s.get("id")) == name), None)
            or next((s for s in portal_stages if fold(str(s.get("label") or "")) == fold(name)), None)
            # HubSpot's default stage ids are their labels run together ('qualifiedtobuy'): a
            # default stage created again by an undo has a new id but the same label
            or next(
                (s for s in portal_stages if _squeezed(str(s.get("label") or "")) == _squeezed(name)), None
            )
        )
        if found is not None and found not in out:
            out.append(found)
    return out


def _squeezed(text: str) -> str:
    return fold(text).replace(" ", "")


def takeover(
    stage: Stage, portal_stages: list[dict[str, Any]], used: set[str], kind: str
) -> dict[str, Any] | None:
    """The first stage ``stage`` replaces that is still free and has the same outcome: the design
    stage takes its place (id and records kept, label and probability updated)."""
    if stage.hubspot_id:
        return None
    return next(
        (
            s
            for s in replaced(stage, portal_stages)
            if str(s["id"]) not in used and outcome(s, kind) == design_outcome(stage, kind)
        ),
        None,
    )


def ids(found: dict[int, dict[str, Any] | None]) -> set[str]:
    return {str(f["id"]) for f in found.values() if f is not None}


def replaced_stages(
    pipeline: Pipeline, portal_stages: list[dict[str, Any]], used: set[str]
) -> dict[str, Stage]:
    """Portal stage id → the design stage that replaces it, for stages no design stage took over."""
    out: dict[str, Stage] = {}
    for stage in pipeline.stages:
        for portal_stage in replaced(stage, portal_stages):
            sid = str(portal_stage["id"])
            if sid not in used:
                out.setdefault(sid, stage)
    return out


def _properties(planner: Planner, object_name: str) -> tuple[str, str, str]:
    api = planner.state.api_object(object_name) or object_name
    ot = planner.state.object_type_id(object_name) or api
    return api, PIPELINE_PROPERTY.get(ot, "hs_pipeline"), STAGE_PROPERTY.get(ot, "hs_pipeline_stage")


def _worth(count: int, amount: float, object_name: str, noun: str) -> str:
    """'2 deals (12,500)': how many records, and what they are worth when they have amounts."""
    if object_name == "deals":
        text = ngettext("{count} deal", "{count} deals", count).format(count=count)
    elif object_name == "tickets":
        text = ngettext("{count} ticket", "{count} tickets", count).format(count=count)
    else:  # a custom object: the user's own word
        text = ngettext("{count} {thing}", "{count} {thing}s", count).format(count=count, thing=noun)
    return text + (f" ({money(amount)})" if amount else "")


OUTCOMES = {"won": N_("won"), "lost": N_("lost"), "open": N_("open"), "closed": N_("closed")}
"""A stage's outcome as the refusals say it ('the 2 deals in stage X are won')."""


def _outcome(value: str | None) -> str:
    return _(OUTCOMES.get(value or "open", value or "open"))


def drop_stages(
    planner: Planner,
    pipeline: Pipeline,
    pid: str,
    dropped: list[dict[str, Any]],
    replaced_by: dict[str, Stage],
    path: str,
) -> None:
    """Plan the move of every record out of the ``dropped`` stages and their archive after it,
    or refuse when records have nowhere to go (or would lose their won/lost outcome)."""
    from hubwizard.kinds.pipelines import pipeline_kind
    from hubwizard.wording import noun

    if not dropped:
        return
    kind = pipeline_kind(pipeline.object)
    word = noun(planner.config, pipeline.object)
    things = records(pipeline.object)
    api, pipeline_property, stage_property = _properties(planner, pipeline.object)
    moves: list[dict[str, Any]] = []
    changes: list[Change] = []
    depends: list[str] = []
    total, total_amount = 0, 0.0
    archives: list[Operation] = []
    for portal_stage in dropped:
        sid, label = str(portal_stage["id"]), str(portal_stage.get("label") or portal_stage["id"])
        count, amount = planner.usage(pipeline.object, pid, sid) if planner.usage else (0, 0.0)
        target = replaced_by.get(sid)
        if count and target is None:
            planner.refuse(
                "PLAN107",
                f"{path}.stages",
                _(
                    "stage '{stage}' of '{pipeline}' holds {records} and no stage of the design replaces it"
                ).format(
                    stage=label, pipeline=pipeline.label, records=_worth(count, amount, pipeline.object, word)
                ),
                _(
                    "Say which stage its {records} move to: add '{id}' to that stage's 'replaces' list."
                ).format(records=things, id=sid),
            )
            continue
        if count and target is not None and outcome(portal_stage, kind) != design_outcome(target, kind):
            was = _outcome(outcome(portal_stage, kind))
            planner.refuse(
                "PLAN108",
                f"{path}.stages",
                _(
                    "the {records} in stage '{stage}' are {outcome}; stage '{target}' is {target_outcome}"
                ).format(
                    records=_worth(count, amount, pipeline.object, word),
                    stage=label,
                    outcome=was,
                    target=target.label,
                    target_outcome=_outcome(design_outcome(target, kind)),
                ),
                _(
                    "Closed {records} keep their outcome: let a {outcome} stage of the design replace '{stage}'."
                ).format(records=things, outcome=was, stage=label),
            )
            continue
        key = f"{pipeline.object}/{pipeline.label}/{label}"
        archive = Operation(
            f"stage:{pipeline.id}:{sid}",
            Action.ARCHIVE,
            "stage",
            key,
            pipeline.object,
            _("Archive stage '{stage}' of '{pipeline}' once its {records} are in *{target}*").format(
                stage=label, pipeline=pipeline.label, records=things, target=target.label
            )
            if count and target
            else _("Archive stage '{stage}' of '{pipeline}' (empty, not in the design)").format(
                stage=label, pipeline=pipeline.label
            ),
            target={"pipelineId": pid, "stageId": sid},
            previous=dict(portal_stage),
            path=path,
        )
        archives.append(archive)
        if not count or target is None:
            continue
        total, total_amount = total + count, total_amount + amount
        if (pipeline.id, target.id) not in planner.resolver.stage_ids:
            depends.append(f"stage:{pipeline.id}:{target.id}")
        moves.append(
            {
                "from": sid,
                "stage": target.id,
                "count": count,
                "amount": amount,
                "previous": dict(portal_stage),
            }
        )
        changes.append(
            Change(
                "stage",
                label,
                target.label,
                _("{records} move from *{stage}* to *{target}*").format(
                    records=_worth(count, amount, pipeline.object, word), stage=label, target=target.label
                ),
            )
        )
    move_id = f"move:{pipeline.id}"
    if moves:
        planner.add(
            Operation(
                move_id,
                Action.UPDATE,
                "move",
                f"{pipeline.object}/{pipeline.label}",
                pipeline.object,
                _("Move {records} of '{pipeline}' to the stages that replace theirs").format(
                    records=_worth(total, total_amount, pipeline.object, word), pipeline=pipeline.label
                ),
                changes=changes,
                body={"moves": [{k: m[k] for k in ("from", "stage", "count")} for m in moves]},
                target={
                    "api": api,
                    "pipeline": pipeline.id,
                    "pipelineId": pid,
                    "pipelineProperty": pipeline_property,
                    "stageProperty": stage_property,
                    "moves": moves,
                },
                depends_on=sorted(set(depends)),
                path=path,
            )
        )
    for archive in archives:
        if moves:
            archive.depends_on = [move_id]
        planner.add(archive)


def unused_default_advice(planner: Planner, object_name: str, default: dict[str, Any]) -> list[str]:
    """Advice when the plan creates a pipeline next to HubSpot's default one, which stays unused:
    two pipelines where one would do (the guide's first rule)."""
    created = [
        op
        for op in planner.ops
        if op.kind == "pipeline" and op.action is Action.CREATE and op.object == object_name
    ]
    if not created:
        return []
    first = created[0].key.split("/", 1)[-1]
    count = len(created) + 1
    return [
        _(
            "HubSpot's default pipeline '{default}' stays next to '{first}': {pipelines} where one would do. "
            "Let '{first}' adopt it (Pipelines & stages: use HubSpot's pipeline) unless it is a separate "
            "department's."
        ).format(
            default=default.get("label"),
            first=first,
            pipelines=ngettext("{count} pipeline", "{count} pipelines", count).format(count=count),
        )
    ]


def is_default(pipeline_id: str, object_name: str) -> bool:
    return DEFAULT_PIPELINE_ID.get(object_name) == pipeline_id
