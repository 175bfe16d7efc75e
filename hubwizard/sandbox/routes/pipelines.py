"""Pipelines v3: ``/crm/v3/pipelines/{objectType}[/{pipelineId}[/stages[/{stageId}]]]``.

Deals, tickets and custom objects. Deal stages need ``metadata.probability`` between 0.0 and 1.0
in 0.1 steps and come back normalised (``"0.10"`` → ``"0.1"``); ticket stages carry
``ticketState``; every metadata value is a string. The default pipelines cannot be archived, and
with ``validateReferencesBeforeDelete`` / ``validateDealStageUsagesBeforeDelete`` a change that
would drop a stage holding records is refused.
"""

from __future__ import annotations

from typing import Any

from hubwizard import hubspot_rules as rules
from hubwizard.sandbox.errors import bad_request, conflict, detail, not_found
from hubwizard.sandbox.portal import ObjectType, Portal
from hubwizard.sandbox.router import Request, Response, Router
from hubwizard.sandbox.store import now_iso

KIND = "pipeline"
ARCHIVED_STAGE_KIND = "archived_stage"
"""Stages archived from a live pipeline, kept (as HubSpot keeps them) so that a PATCH with
``"archived": false`` can restore one with its id."""
RECORD_KIND = "record"
FLOW_KIND = "flow"
DEFAULT_PIPELINE_IDS = {"0-3": "default", "0-5": "0"}
"""HubSpot's own pipelines: they cannot be archived."""
WRITE_PERMISSIONS = "CRM_PERMISSIONS_ENFORCEMENT"
TICKET_STATES = ("OPEN", "CLOSED")


# --- validation and documents ---------------------------------------------------------------


def _as_str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _bool_str(value: Any, where: str) -> str:
    text = _as_str(value).strip().lower()
    if text not in ("true", "false"):
        raise bad_request(f'{where} must be "true" or "false", got \'{value}\'')
    return text


def stage_metadata(ot: ObjectType, raw: Any, where: str) -> dict[str, str]:
    """The metadata HubSpot stores for a stage of this object type, or a 400 saying why not."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise bad_request(f"{where}.metadata must be an object of strings")
    meta = {str(k): _as_str(v) for k, v in raw.items() if v is not None}
    if ot.name == "deals" and not ot.custom:
        if "probability" not in meta:
            raise bad_request(
                f"{where}: deal stages need metadata.probability, between 0.0 and 1.0 in steps of 0.1",
                errors=[
                    detail("metadata.probability is required", "REQUIRED_FIELD", field=f"{where}.metadata")
                ],
            )
        try:
            value = float(meta["probability"])
        except ValueError:
            raise bad_request(f"{where}: metadata.probability '{meta['probability']}' is not a number")
        problem = rules.probability_problem(value)
        if problem:
            raise bad_request(
                f"{where}: metadata.probability {meta['probability']} is not valid: {problem}",
                errors=[detail(problem, "INVALID_PROBABILITY", probability=meta["probability"])],
            )
        meta["probability"] = rules.normalise_probability(value)
        meta["isClosed"] = _bool_str(meta.get("isClosed", "false"), f"{where}.metadata.isClosed")
    elif ot.name == "tickets" and not ot.custom:
        state = meta.get("ticketState", "OPEN").upper()
        if state not in TICKET_STATES:
            raise bad_request(
                f"{where}: metadata.ticketState must be OPEN or CLOSED, got '{meta['ticketState']}'"
            )
        meta["ticketState"] = state
        if "isClosed" in meta:
            meta["isClosed"] = _bool_str(meta["isClosed"], f"{where}.metadata.isClosed")
    else:
        meta["isClosed"] = _bool_str(meta.get("isClosed", "false"), f"{where}.metadata.isClosed")
    return meta


def _label(raw: Any, where: str) -> str:
    label = raw.get("label") if isinstance(raw, dict) else None
    if not isinstance(label, str) or not label.strip():
        raise bad_request(f"{where}.label is required")
    if len(label) > rules.MAX_LABEL_LENGTH:
        raise bad_request(f"{where}.label is longer than {rules.MAX_LABEL_LENGTH} characters")
    return label


def _display_order(raw: dict[str, Any], where: str) -> int:
    order = raw.get("displayOrder")
    if isinstance(order, bool) or not isinstance(order, int):
        raise bad_request(f"{where}.displayOrder is required and must be a whole number")
    return order


def new_stage(stage_id: str, label: str, order: int, metadata: dict[str, str], at: str | None = None) -> dict:
    at = at or now_iso()
    return {
        "id": stage_id,
        "label": label,
        "displayOrder": order,
        "metadata": metadata,
        "createdAt": at,
        "updatedAt": at,
        "archived": False,
        "writePermissions": WRITE_PERMISSIONS,
    }


def new_pipeline(pipeline_id: str, label: str, order: int, stages: list[dict], at: str | None = None) -> dict:
    at = at or now_iso()
    return {
        "id": pipeline_id,
        "label": label,
        "displayOrder": order,
        "stages": _sorted(stages),
        "createdAt": at,
        "updatedAt": at,
        "archived": False,
    }


def _sorted(items: list[dict]) -> list[dict]:
    """HubSpot's order: displayOrder, then label for ties."""
    return sorted(items, key=lambda s: (s["displayOrder"], s["label"].lower()))


def _check_unique_labels(labels: list[str]) -> None:
    seen: set[str] = set()
    for label in labels:
        key = label.strip().lower()
        if key in seen:
            raise bad_request(
                f"Stage labels must be unique within a pipeline: '{label}' is used twice",
                errors=[detail("duplicate stage label", "DUPLICATE_STAGE_LABEL", label=label)],
            )
        seen.add(key)


def _stage_inputs(
    portal: Portal, ot: ObjectType, raw_stages: Any, existing: dict[str, dict] | None = None
) -> list[dict]:
    """Stages of a pipeline create or replace; a replace keeps the ids (and dates) it names."""
    if not isinstance(raw_stages, list) or not raw_stages:
        raise bad_request("stages is required: a pipeline needs at least one stage")
    if len(raw_stages) > rules.STAGES_PER_PIPELINE:
        raise bad_request(f"A pipeline holds at most {rules.STAGES_PER_PIPELINE} stages")
    stages: list[dict] = []
    for i, raw in enumerate(raw_stages):
        where = f"stages[{i}]"
        if not isinstance(raw, dict):
            raise bad_request(f"{where} must be an object")
        label = _label(raw, where)
        order = _display_order(raw, where)
        meta = stage_metadata(ot, raw.get("metadata"), where)
        keep_id = raw.get("stageId") or raw.get("id")
        old = (existing or {}).get(str(keep_id)) if keep_id is not None else None
        if keep_id is not None and old is None:
            raise bad_request(f"{where}: stage {keep_id} is not a stage of this pipeline")
        if old is not None:
            stage = dict(old, label=label, displayOrder=order, metadata=meta, updatedAt=now_iso())
        else:
            stage = new_stage(str(portal.store.next_id("stage", 100000001)), label, order, meta)
        stages.append(stage)
    _check_unique_labels([s["label"] for s in stages])
    return stages


def _check_pipeline_label(portal: Portal, ot: ObjectType, label: str, own_id: str | None = None) -> None:
    for p in portal.store.list(KIND, ot.id):
        if (
            not p.get("archived")
            and p["id"] != own_id
            and p["label"].strip().lower() == label.strip().lower()
        ):
            raise conflict(f"A pipeline labelled '{label}' already exists for {ot.name} (id {p['id']})")


def _check_pipeline_limit(portal: Portal, ot: ObjectType) -> None:
    active = sum(1 for p in portal.store.list(KIND, ot.id) if not p.get("archived"))
    limit = portal.pipeline_limit()
    if active >= limit:
        raise bad_request(
            f"The {portal.tier.value} tier allows {limit} pipeline{'s' if limit != 1 else ''} for "
            f"{ot.name} and {active} already exist; upgrade or archive a pipeline first",
            sub_category="PipelineError.PIPELINE_LIMIT_EXCEEDED",
        )


# --- usage checks ---------------------------------------------------------------------------


def records_in_stages(portal: Portal, ot: ObjectType, stage_ids: set[str]) -> dict[str, int]:
    """How many live records each of these stages holds."""
    counts: dict[str, int] = {}
    for record in portal.store.list(RECORD_KIND, ot.id):
        stage = (record.get("properties") or {}).get(ot.stage_property)
        if not record.get("archived") and stage in stage_ids:
            counts[stage] = counts.get(stage, 0) + 1
    return counts


def _strings_under(node: Any) -> set[str]:
    if isinstance(node, str):
        return {node}
    if isinstance(node, dict):
        return set().union(*(_strings_under(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(_strings_under(v) for v in node)) if node else set()
    return set()


def flows_using_stages(portal: Portal, ot: ObjectType, stage_ids: set[str]) -> list[str]:
    """Names of flows that filter on or move records to one of these stages."""
    keys = {"property", "property_name", "propertyName"}
    names = []
    for flow in portal.store.list(FLOW_KIND):
        if flow.get("objectTypeId") != ot.id:
            continue
        found = False

        def walk(node: Any) -> None:
            nonlocal found
            if isinstance(node, dict):
                if any(node.get(k) == ot.stage_property for k in keys) and _strings_under(node) & stage_ids:
                    found = True
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(flow)
        if found:
            names.append(flow.get("name") or flow["id"])
    return names


def _validate_removal(req: Request, ot: ObjectType, removed: set[str], *, always: bool = False) -> None:
    check_refs = req.q_bool("validateReferencesBeforeDelete")
    check_usage = req.q_bool("validateDealStageUsagesBeforeDelete")
    if not removed or not (always or check_refs or check_usage):
        return
    used = records_in_stages(req.portal, ot, removed)
    if used:
        listing = ", ".join(f"{sid} ({n} record{'s' if n != 1 else ''})" for sid, n in sorted(used.items()))
        raise bad_request(
            f"Cannot remove stages that still hold {ot.name}: {listing}. Move the records first.",
            sub_category="PipelineError.STAGE_IN_USE",
            errors=[
                detail(f"stage {sid} holds {n} records", "STAGE_IN_USE", stageId=sid)
                for sid, n in used.items()
            ],
        )
    if check_refs:
        flows = flows_using_stages(req.portal, ot, removed)
        if flows:
            raise bad_request(
                f"Cannot remove stages that workflows refer to: {', '.join(flows)}",
                sub_category="PipelineError.STAGE_REFERENCED",
            )


# --- lookups --------------------------------------------------------------------------------


def _object_type(req: Request) -> ObjectType:
    ot = req.portal.object_type(req.params["objectType"])
    if not ot.has_pipelines:
        raise bad_request(
            f"Object type {ot.name} has no pipelines; pipelines exist for deals, tickets and custom objects"
        )
    return ot


def live_pipeline(portal: Portal, ot: ObjectType, pipeline_id: str, *, stale: bool = False) -> dict:
    doc = portal.store.get(KIND, ot.id, pipeline_id, stale=stale)
    if doc is None or doc.get("archived"):
        raise not_found(f"Unable to find pipeline {pipeline_id} for object type {ot.id}")
    return doc


def _stage(pipeline: dict, stage_id: str) -> dict:
    for stage in pipeline["stages"]:
        if stage["id"] == stage_id:
            return stage
    raise not_found(f"Unable to find stage {stage_id} in pipeline {pipeline['id']}")


def _save(portal: Portal, ot: ObjectType, doc: dict) -> None:
    doc["stages"] = _sorted(doc["stages"])
    doc["updatedAt"] = now_iso()
    portal.store.put(KIND, ot.id, doc["id"], doc)


# --- pipelines ------------------------------------------------------------------------------


def list_pipelines(req: Request) -> Response:
    ot = _object_type(req)
    docs = [p for p in req.portal.store.list(KIND, ot.id, stale=True) if not p.get("archived")]
    return Response(200, {"results": _sorted(docs)})


def get_pipeline(req: Request) -> Response:
    ot = _object_type(req)
    return Response(200, live_pipeline(req.portal, ot, req.params["pipelineId"], stale=True))


def create_pipeline(req: Request) -> Response:
    ot = _object_type(req)
    body = req.json_object()
    label = _label(body, "pipeline")
    order = _display_order(body, "pipeline")
    stages = _stage_inputs(req.portal, ot, body.get("stages"))
    _check_pipeline_label(req.portal, ot, label)
    _check_pipeline_limit(req.portal, ot)
    pipeline_id = str(req.portal.store.next_id("pipeline", 10000001))
    doc = new_pipeline(pipeline_id, label, order, stages)
    req.portal.store.put(KIND, ot.id, pipeline_id, doc)
    return Response(201, doc)


def replace_pipeline(req: Request) -> Response:
    ot = _object_type(req)
    doc = live_pipeline(req.portal, ot, req.params["pipelineId"])
    body = req.json_object()
    label = _label(body, "pipeline")
    order = _display_order(body, "pipeline")
    existing = {s["id"]: s for s in doc["stages"]}
    stages = _stage_inputs(req.portal, ot, body.get("stages"), existing)
    _check_pipeline_label(req.portal, ot, label, own_id=doc["id"])
    _validate_removal(req, ot, set(existing) - {s["id"] for s in stages})
    doc.update(label=label, displayOrder=order, stages=stages)
    _save(req.portal, ot, doc)
    return Response(200, doc)


def update_pipeline(req: Request) -> Response:
    ot = _object_type(req)
    pipeline_id = req.params["pipelineId"]
    doc = req.portal.store.get(KIND, ot.id, pipeline_id)
    if doc is None:
        raise not_found(f"Unable to find pipeline {pipeline_id} for object type {ot.id}")
    body = req.json_object()
    if "archived" in body:
        if body["archived"] is not False or not doc.get("archived"):
            raise bad_request("'archived' may only be sent as false, to restore an archived pipeline")
        _check_pipeline_limit(req.portal, ot)
        _check_pipeline_label(req.portal, ot, doc["label"], own_id=doc["id"])
        doc["archived"] = False
        doc.pop("archivedAt", None)
    elif doc.get("archived"):
        raise not_found(f"Unable to find pipeline {pipeline_id} for object type {ot.id}")
    if "label" in body:
        doc["label"] = _label(body, "pipeline")
        _check_pipeline_label(req.portal, ot, doc["label"], own_id=doc["id"])
    if "displayOrder" in body:
        doc["displayOrder"] = _display_order(body, "pipeline")
    _save(req.portal, ot, doc)
    return Response(200, doc)


def archive_pipeline(req: Request) -> Response:
    ot = _object_type(req)
    doc = live_pipeline(req.portal, ot, req.params["pipelineId"])
    if DEFAULT_PIPELINE_IDS.get(ot.id) == doc["id"]:
        raise bad_request(f"The default {ot.singular.lower()} pipeline ({doc['id']}) cannot be deleted")
    _validate_removal(req, ot, {s["id"] for s in doc["stages"]})
    at = now_iso()
    doc.update(archived=True, archivedAt=at)
    _save(req.portal, ot, doc)
    return Response(204)


# --- stages ---------------------------------------------------------------------------------


def list_stages(req: Request) -> Response:
    ot = _object_type(req)
    doc = live_pipeline(req.portal, ot, req.params["pipelineId"], stale=True)
    return Response(200, {"results": doc["stages"]})


def get_stage(req: Request) -> Response:
    ot = _object_type(req)
    doc = live_pipeline(req.portal, ot, req.params["pipelineId"], stale=True)
    return Response(200, _stage(doc, req.params["stageId"]))


def create_stage(req: Request) -> Response:
    ot = _object_type(req)
    doc = live_pipeline(req.portal, ot, req.params["pipelineId"])
    body = req.json_object()
    label = _label(body, "stage")
    order = _display_order(body, "stage")
    meta = stage_metadata(ot, body.get("metadata"), "stage")
    if len(doc["stages"]) >= rules.STAGES_PER_PIPELINE:
        raise bad_request(f"A pipeline holds at most {rules.STAGES_PER_PIPELINE} stages")
    _check_unique_labels([*(s["label"] for s in doc["stages"]), label])
    stage = new_stage(str(req.portal.store.next_id("stage", 100000001)), label, order, meta)
    doc["stages"].append(stage)
    _save(req.portal, ot, doc)
    return Response(201, stage)


def _change_stage(req: Request, *, replace: bool) -> Response:
    ot = _object_type(req)
    doc = live_pipeline(req.portal, ot, req.params["pipelineId"])
    body = req.json_object()
    if "archived" in body and body["archived"] is not False:
        raise bad_request("'archived' may only be sent as false, to restore an archived stage")
    if body.get("archived") is False and all(s["id"] != req.params["stageId"] for s in doc["stages"]):
        _restore_stage(req.portal, ot, doc, req.params["stageId"])
    stage = _stage(doc, req.params["stageId"])
    if replace or "label" in body:
        stage["label"] = _label(body, "stage")
    if replace or "displayOrder" in body:
        stage["displayOrder"] = _display_order(body, "stage")
    if replace or "metadata" in body:
        raw = body.get("metadata")
        if not replace and isinstance(raw, dict):
            raw = {**stage["metadata"], **raw}
        stage["metadata"] = stage_metadata(ot, raw, "stage")
    _check_unique_labels([s["label"] for s in doc["stages"]])
    stage["updatedAt"] = now_iso()
    _save(req.portal, ot, doc)
    return Response(200, stage)


def replace_stage(req: Request) -> Response:
    return _change_stage(req, replace=True)


def update_stage(req: Request) -> Response:
    return _change_stage(req, replace=False)


def archive_stage(req: Request) -> Response:
    ot = _object_type(req)
    doc = live_pipeline(req.portal, ot, req.params["pipelineId"])
    stage = _stage(doc, req.params["stageId"])
    if len(doc["stages"]) == 1:
        raise bad_request("A pipeline needs at least one stage; this is its last one")
    _validate_removal(req, ot, {stage["id"]}, always=True)
    doc["stages"] = [s for s in doc["stages"] if s["id"] != stage["id"]]
    at = now_iso()
    kept = {**stage, "archived": True, "archivedAt": at, "updatedAt": at}
    req.portal.store.put(ARCHIVED_STAGE_KIND, ot.id, f"{doc['id']}/{stage['id']}", kept)
    _save(req.portal, ot, doc)
    return Response(204)


def _restore_stage(portal: Portal, ot: ObjectType, doc: dict, stage_id: str) -> None:
    """Put an archived stage back into its pipeline, same id (404 when it was never archived)."""
    kept = portal.store.get(ARCHIVED_STAGE_KIND, ot.id, f"{doc['id']}/{stage_id}")
    if kept is None:
        raise not_found(f"Unable to find stage {stage_id} in pipeline {doc['id']}")
    stage = {k: v for k, v in kept.items() if k != "archivedAt"}
    stage["archived"] = False
    _check_unique_labels([*(s["label"] for s in doc["stages"]), stage["label"]])
    doc["stages"].append(stage)
    portal.store.delete(ARCHIVED_STAGE_KIND, ot.id, f"{doc['id']}/{stage_id}")


def register(router: Router) -> None:
    base = "/crm/v3/pipelines/{objectType}"
    one = base + "/{pipelineId}"
    router.add("GET", base, list_pipelines)
    router.add("POST", base, create_pipeline)
    router.add("GET", one, get_pipeline)
    router.add("PUT", one, replace_pipeline)
    router.add("PATCH", one, update_pipeline)
    router.add("DELETE", one, archive_pipeline)
    router.add("GET", one + "/stages", list_stages)
    router.add("POST", one + "/stages", create_stage)
    router.add("GET", one + "/stages/{stageId}", get_stage)
    router.add("PUT", one + "/stages/{stageId}", replace_stage)
    router.add("PATCH", one + "/stages/{stageId}", update_stage)
    router.add("DELETE", one + "/stages/{stageId}", archive_stage)
