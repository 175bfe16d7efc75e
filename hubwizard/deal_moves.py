"""Moving records out of the stages a design drops, exactly once, and back on undo.

HubSpot refuses to archive a stage that still holds deals, and its own screens make the user
move them one by one. A plan that drops a stage therefore carries one *move* operation per
pipeline: every record of every dropped stage goes to the stage that replaces it, in batch
updates of up to 100 records per call (records of several dropped stages share a batch, so the
number of calls is the minimum: the records moved divided by 100, rounded up), and only then
are the emptied stages archived.

The records are found at apply time by a search paged to the end (never the first page only),
so an apply cut half-way and run again finds only the records still to move: each record moves
once. Each batch is written to the journal before it is sent (status ``sent``: write-ahead) and
again once HubSpot confirms it (``done``), with every record's previous stage, so undo can put
each one back even after a cut whose last answer was lost (moving a record back to the stage it
never left changes nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from hubwizard.errors import PortalError
from hubwizard.hubspot_rules import BATCH_SIZE
from hubwizard.i18n import _, ngettext

if TYPE_CHECKING:
    from hubwizard.gateway import Gateway

SEARCH_PAGE = 200
"""Records per search page: HubSpot's maximum for ``POST /crm/v3/objects/{type}/search``."""

SEARCH_MAX_RESULTS = 10_000
"""HubSpot's search pages no further than this: more records are found by searching again once
the first ones have moved out of the stage."""


def records_in_stages(
    gateway: Gateway,
    api_object: str,
    pipeline_property: str,
    stage_property: str,
    pipeline_id: str,
    stage_ids: list[str],
) -> Iterator[dict[str, Any]]:
    """Every record of ``pipeline_id`` that sits in one of ``stage_ids``, paging to the end
    (sorted by record id, so paging is stable)."""
    if not stage_ids:
        return
    body: dict[str, Any] = {
        "filterGroups": [
            {
                "filters": [
                    {"propertyName": pipeline_property, "operator": "EQ", "value": pipeline_id},
                    {"propertyName": stage_property, "operator": "IN", "values": list(stage_ids)},
                ]
            }
        ],
        "properties": [stage_property, "amount"],
        "sorts": [{"propertyName": "hs_object_id", "direction": "ASCENDING"}],
        "limit": SEARCH_PAGE,
    }
    after: str | None = None
    seen = 0
    while True:
        # through the gateway's shared search pacer: HubSpot limits searches per second
        page = gateway.search_records(api_object, {**body, **({"after": after} if after else {})}) or {}
        results = page.get("results") or []
        seen += len(results)
        yield from results
        after = ((page.get("paging") or {}).get("next") or {}).get("after")
        if not after or not results or seen >= SEARCH_MAX_RESULTS:
            return


def update_stages(
    gateway: Gateway, api_object: str, stage_property: str, moves: list[tuple[str, str]]
) -> None:
    """One batch update call: each (record id, stage id) pair; at most ``BATCH_SIZE``."""
    assert len(moves) <= BATCH_SIZE
    # setting a stage twice is setting it once: the gateway sends a batch whose answer was lost again
    gateway.update_records(api_object, [{"id": rid, "properties": {stage_property: to}} for rid, to in moves])


def move(
    gateway: Gateway,
    target: dict[str, Any],
    destination: Callable[[str], str],
    record: Callable[[str, dict[str, Any]], None],
) -> dict[str, Any]:
    """Move every record of the dropped stages named in ``target["moves"]`` (stage id → design
    stage) to ``destination(design stage)``; ``record(status, data)`` journals each batch, before
    it is sent and once it is confirmed."""
    api = target["api"]
    sources = {m["from"]: m for m in target["moves"]}
    moved, calls, number = 0, 0, 0
    while True:
        found = list(
            records_in_stages(
                gateway,
                api,
                target["pipelineProperty"],
                target["stageProperty"],
                target["pipelineId"],
                list(sources),
            )
        )
        pending: list[tuple[str, str, str]] = []
        for item in found:
            current = str((item.get("properties") or {}).get(target["stageProperty"]))
            if current in sources:
                pending.append((str(item["id"]), current, destination(sources[current]["stage"])))
        number = _send(gateway, api, target, sources, pending, record, number)
        moved, calls = moved + len(pending), calls + -(-len(pending) // BATCH_SIZE)
        if len(found) < SEARCH_MAX_RESULTS or not pending:
            return {"moved_total": moved, "calls": calls}


def _send(
    gateway: Gateway,
    api: str,
    target: dict[str, Any],
    sources: dict[str, dict[str, Any]],
    pending: list[tuple[str, str, str]],
    record: Callable[[str, dict[str, Any]], None],
    number: int,
) -> int:
    """Batch-update ``pending`` (record id, from, to), journaling each batch before and after;
    returns the next batch number."""

    def journal(status: str, number: int, chunk: list[tuple[str, str, str]]) -> None:
        record(
            status,
            {
                "batch": number,
                "moved": {
                    "type": "records",
                    "object": api,
                    "pipelineId": target["pipelineId"],
                    "stageProperty": target["stageProperty"],
                    "records": [{"id": rid, "from": src, "to": to} for rid, src, to in chunk],
                    "stages": {src: sources[src]["previous"] for _rid, src, _to in chunk},
                },
            },
        )

    for start in range(0, len(pending), BATCH_SIZE):
        chunk = pending[start : start + BATCH_SIZE]
        journal("sent", number, chunk)
        update_stages(gateway, api, target["stageProperty"], [(rid, to) for rid, _, to in chunk])
        journal("done", number, chunk)
        number += 1
    return number


def undo_batch(gateway: Gateway, moved: dict[str, Any]) -> str:
    """Put the records of one journaled batch back in their previous stages. A previous stage
    archived by the apply is created again first (same label, probability and position;
    HubSpot gives it a new id when it cannot restore the old one)."""
    api, pid = moved["object"], moved["pipelineId"]
    live = {str(s.get("id")): s for s in _live_stages(gateway, api, pid)}
    by_label = {str(s.get("label")).casefold(): str(s.get("id")) for s in live.values()}
    where: dict[str, str] = {}
    for source, previous in (moved.get("stages") or {}).items():
        if source in live:
            where[source] = source
            continue
        label = str((previous or {}).get("label") or source)
        if label.casefold() in by_label:
            where[source] = by_label[label.casefold()]
            continue
        where[source] = bring_back(gateway, api, pid, source, previous or {"label": label})
        by_label[label.casefold()] = where[source]
    moves = [(str(r["id"]), where.get(r["from"], r["from"])) for r in moved["records"]]
    for start in range(0, len(moves), BATCH_SIZE):
        update_stages(gateway, api, moved["stageProperty"], moves[start : start + BATCH_SIZE])
    return ngettext(
        "moved {count} record back to its previous stage",
        "moved {count} records back to their previous stages",
        len(moves),
    ).format(count=len(moves))


def _live_stages(gateway: Gateway, api: str, pipeline_id: str) -> list[dict[str, Any]]:
    pipeline = gateway.pipeline(api, pipeline_id) or {}
    return [s for s in pipeline.get("stages") or [] if isinstance(s, dict) and not s.get("archived")]


def restore_stage(gateway: Gateway, archived: dict[str, Any], previous: dict[str, Any]) -> str:
    """Bring back a stage the apply archived (undo): nothing to do when it is live again (or a
    stage with its label is, brought back while moving its records back)."""
    api, pid, sid = archived["object"], archived["pipelineId"], archived["stageId"]
    label = str(previous.get("label") or sid)
    for stage in _live_stages(gateway, api, pid):
        if str(stage.get("id")) == sid or str(stage.get("label")).casefold() == label.casefold():
            return _("stage '{stage}' is back").format(stage=label)
    now = bring_back(gateway, api, pid, sid, previous)
    if now == sid:
        return _("stage '{stage}' restored").format(stage=label)
    return _("stage '{stage}' restored as a new stage (id {id})").format(stage=label, id=now)


def bring_back(gateway: Gateway, api: str, pipeline_id: str, stage_id: str, previous: dict[str, Any]) -> str:
    """Restore an archived stage with its id (PATCH ``archived: false``, as HubSpot restores an
    archived pipeline); where the portal refuses, create it again with its label, probability
    and position (HubSpot then gives it a new id). Returns the stage's id."""
    metadata = {k: str(v) for k, v in (previous.get("metadata") or {}).items()}
    label = str(previous.get("label") or stage_id)
    order = int(previous.get("displayOrder") or 0)
    try:
        gateway.restore_stage(
            api, pipeline_id, stage_id, {"label": label, "displayOrder": order, "metadata": metadata}
        )
        return stage_id
    except PortalError as exc:
        if exc.status not in (400, 404):
            raise
    created = gateway.create_stage(
        api, pipeline_id, {"label": label, "displayOrder": order, "metadata": metadata}
    )
    return str(created["id"])
