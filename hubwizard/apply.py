"""Apply: run a plan against a portal with the fewest calls, concurrently along its dependencies.

Property creates of one object go out in batches of up to 100; a pipeline goes out with all its
stages in one call; everything else is one call per operation. Independent operations run in
parallel (a small thread pool), all behind the gateway's rate limiter. When an operation fails,
the ones that depend on it are skipped and the rest still run; the journal and the report say
exactly what was done, so applying again finishes the job without duplicates.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from hubwizard import deal_moves
from hubwizard.config import Config
from hubwizard.errors import PortalError
from hubwizard.flows import UnresolvedReference, compile_workflow
from hubwizard.gateway import Gateway
from hubwizard.hubspot_rules import BATCH_SIZE
from hubwizard.i18n import _, carry, ngettext
from hubwizard.journal import Journal
from hubwizard.kinds import workflows as workflow_kind
from hubwizard.plan import Action, Operation, Plan
from hubwizard.state import PortalState

WORKERS = 8


@dataclass
class Event:
    """Progress for the command line's bar and the wizard's status box."""

    kind: str  # start, task_start, task_done, task_failed, task_skipped, finish
    message: str
    done: int = 0
    total: int = 0
    operations: list[Operation] = field(default_factory=list)
    error: PortalError | None = None


@dataclass
class Task:
    id: str
    operations: list[Operation]
    depends_on: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        if len(self.operations) == 1:
            return self.operations[0].title
        first = self.operations[0]
        from hubwizard.wording import records

        return ngettext(
            "Create {count} property on {object} (one batch call)",
            "Create {count} properties on {object} (one batch call)",
            len(self.operations),
        ).format(count=len(self.operations), object=records(first.object))


@dataclass
class ApplyReport:
    run_id: str
    journal: str
    status: str  # complete, failed, interrupted, nothing-to-do, refused
    done: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    created: dict[str, Any] = field(default_factory=dict)
    calls: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in ("complete", "nothing-to-do")

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "journal": self.journal,
            "status": self.status,
            "done": self.done,
            "failed": [{"operation": op, "error": err} for op, err in self.failed],
            "skipped": self.skipped,
            "created": self.created,
            "calls": self.calls,
            "seconds": self.seconds,
        }


class _Context:
    """Ids known so far: the plan's, plus what this run creates. Shared by worker threads."""

    def __init__(self, plan: Plan, state: PortalState) -> None:
        self.lock = threading.Lock()
        self.state = state
        self.resolver = plan.resolver.copy()
        self.created: dict[str, Any] = {}
        self.journal: Journal | None = None
        """Set by the run: record moves write each confirmed batch as it happens."""

    def api_object(self, object_name: str) -> str:
        """The API path name of an object; custom objects created in this run included."""
        api = self.state.api_object(object_name)
        if api is None:
            with self.lock:
                api = self.resolver.object_type_ids.get(object_name)
        if api is None:
            raise PortalError(f"custom object '{object_name}' does not exist in the portal")
        return api


UNEXPECTED = "UNEXPECTED"
"""The category of a failure that is not the portal's (its message says all there is)."""


def unexpected(exc: BaseException) -> PortalError:
    """An error that is not the portal's (a bug, a surprise in an answer) as a failed step in
    plain words; the journal keeps the exception's type."""
    detail = str(exc) or _("no details")
    return PortalError(
        _(
            "hubwizard hit an unexpected problem on this step ({error}); the steps that do not depend "
            "on it went on. Apply again to retry it."
        ).format(error=f"{type(exc).__name__}: {detail}"),
        category=UNEXPECTED,
    )


def build_tasks(plan: Plan, workflows: dict[str, Any] | None = None) -> list[Task]:
    """Group the plan's writes into calls: property creates batched per object.

    A workflow waits for what it points at: the custom object, pipelines and stages created in
    this run (the plan's dependencies) and the properties of its object that it names. Without
    ``workflows`` (the config's, by id) it waits for every structural call."""
    tasks: list[Task] = []
    owner: dict[str, str] = {}
    batches: dict[tuple[str, str], list[Operation]] = {}
    for op in plan.writes:
        if op.kind == "property" and op.action in (Action.CREATE, Action.ARCHIVE):
            batches.setdefault((op.action.value, op.object), []).append(op)
            continue
        tasks.append(Task(op.id, [op]))
        owner[op.id] = op.id
    for (action, object_name), ops in batches.items():
        for n, start in enumerate(range(0, len(ops), BATCH_SIZE)):
            chunk = ops[start : start + BATCH_SIZE]
            task = Task(f"properties:{action}:{object_name}:{n}", chunk)
            tasks.append(task)
            for op in chunk:
                owner[op.id] = task.id
    structural = {t.id for t in tasks if t.operations[0].kind != "workflow"}
    for task in tasks:
        for op in task.operations:
            task.depends_on |= {owner[d] for d in op.depends_on if d in owner and owner[d] != task.id}
        first = task.operations[0]
        if first.kind != "workflow":
            continue
        workflow = (workflows or {}).get(first.id.split(":", 1)[1]) if workflows is not None else None
        if workflow is None:
            task.depends_on |= structural  # flows point at stages, properties and objects
            continue
        named = _named_properties(workflow)
        task.depends_on |= {
            owner[op.id]
            for op in plan.writes
            if op.kind == "property"
            and op.object == first.object
            and op.key.split("/", 1)[1] in named
            and op.id in owner
        }
    return tasks


def chain_lengths(tasks: list[Task]) -> dict[str, int]:
    """How many calls in sequence each task starts (itself and the longest line of tasks that
    wait for it): the order in which ready tasks are sent."""
    waiting: dict[str, list[str]] = {t.id: [] for t in tasks}
    for task in tasks:
        for dependency in task.depends_on:
            if dependency in waiting:
                waiting[dependency].append(task.id)
    lengths: dict[str, int] = {}

    def length(task_id: str) -> int:
        if task_id not in lengths:
            lengths[task_id] = 0  # a cycle (never in a plan) counts once
            lengths[task_id] = 1 + max((length(w) for w in waiting[task_id]), default=0)
        return lengths[task_id]

    for task in tasks:
        length(task.id)
    return lengths


def _named_properties(workflow: Any) -> set[str]:
    """Every word in a workflow's definition that could name a property (trigger, steps, and
    HubSpot's verbatim parts): generous on purpose, a false match only adds a wait."""
    import re

    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", workflow.model_dump_json()))


def apply_plan(
    plan: Plan,
    config: Config,
    state: PortalState,
    gateway: Gateway,
    *,
    journal: Journal | None = None,
    on_event: Callable[[Event], None] | None = None,
    portal: dict[str, Any] | None = None,
    workers: int = WORKERS,
) -> ApplyReport:
    """Run every write of ``plan``. Refuses a plan whose pre-flight failed."""
    run = _Run(plan, config, state, gateway, journal or Journal.create(), on_event or (lambda event: None))
    return run.execute(portal or {}, workers)


class _Run:
    """One apply: schedules tasks as their dependencies finish, records every outcome."""

    def __init__(
        self,
        plan: Plan,
        config: Config,
        state: PortalState,
        gateway: Gateway,
        journal: Journal,
        emit: Callable[[Event], None],
    ) -> None:
        self.plan = plan
        self.gateway = gateway
        self.journal = journal
        self._emit = emit
        self.context = _Context(plan, state)
        self.context.journal = journal
        self.workflows = {w.id: w for w in config.workflows}
        self.pipelines = {p.id: p for p in config.pipelines}
        self.config_name = config.name
        self.report = ApplyReport(journal.run_id, str(journal.path), "complete")
        self.done: set[str] = set()
        self.failed: set[str] = set()
        self.stop_reason = ""

    def emit(self, event: Event) -> None:
        """Progress for the caller; a failing progress display must not stop the apply."""
        with contextlib.suppress(Exception):  # the display is not the apply
            self._emit(event)

    def record(self, op: Operation, status: str, **extra: Any) -> None:
        self.record_many([(op, status, extra)])

    def record_many(self, outcomes: list[tuple[Operation, str, dict[str, Any]]]) -> None:
        """One journal line per operation, written and synced together (one task's worth)."""
        self.journal.write_many(
            [
                (
                    "op",
                    {
                        "op": op.id,
                        "kind": op.kind,
                        "key": op.key,
                        "action": op.action.value,
                        "status": status,
                        **extra,
                    },
                )
                for op, status, extra in outcomes
            ]
        )

    def finish(self, status: str, message: str, total: int = 0, **extra: Any) -> ApplyReport:
        self.report.status = status
        self.journal.write("finish", status=status, **extra)
        self.journal.close(wait=False)  # synced while the verification reads; before exit
        self.finished = True
        self.emit(Event("finish", message, len(self.done), total))
        return self.report

    def execute(self, portal: dict[str, Any], workers: int) -> ApplyReport:
        """Run the plan; whatever happens, the journal ends with a ``finish`` line."""
        self.finished = False
        try:
            return self._execute(portal, workers)
        except KeyboardInterrupt:
            if not self.finished:
                self.report.status = "interrupted"
                self.journal.write("finish", status="interrupted", done=len(self.report.done))
            raise
        except BaseException as exc:
            if not self.finished:
                self.report.status = "failed"
                self.journal.write(
                    "finish", status="failed", done=len(self.report.done), reason=unexpected(exc).message
                )
            raise
        finally:
            self.journal.close(wait=False)

    def _execute(self, portal: dict[str, Any], workers: int) -> ApplyReport:
        started = time.monotonic()
        calls_before = self.gateway.stats.snapshot()
        self.journal.write(
            "start",
            portal=portal,
            config=self.config_name,
            checksum=self.plan.checksum(),
            summary=self.plan.summary(),
        )
        if not self.plan.ok:
            refusals = [f.to_dict() for f in self.plan.refusals]
            return self.finish(
                "refused", _("refused by the pre-flight: nothing was written"), refusals=refusals
            )
        tasks = build_tasks(self.plan, self.workflows)
        if not tasks:
            return self.finish("nothing-to-do", _("the portal already matches the config"))
        calls = ngettext("applying {count} call", "applying {count} calls", len(tasks)).format(
            count=len(tasks)
        )
        self.emit(Event("start", calls, 0, len(tasks)))
        self._schedule({t.id: t for t in tasks}, len(tasks), workers)
        report = self.report
        report.seconds = round(time.monotonic() - started, 3)
        after = self.gateway.stats.snapshot()
        report.calls = {
            k: after[k] - calls_before[k] for k in ("reads", "writes", "retries", "rate_limited", "rechecks")
        }
        status = "failed" if report.failed or report.skipped else "complete"
        counts = {"done": len(report.done), "failed": len(report.failed), "skipped": len(report.skipped)}
        report.status = status
        return self.finish(
            status,
            _finish_message(report),
            len(tasks),
            **counts,
            calls=report.calls,
            seconds=report.seconds,
            reason=self.stop_reason,
        )

    def _schedule(self, pending: dict[str, Task], total: int, workers: int) -> None:
        running: dict[Future[Any], Task] = {}
        chain = chain_lengths(list(pending.values()))
        pool = worker_pool(max(1, workers))
        run = carry(_run)  # the pool's threads speak the caller's language (the errors they raise)
        try:
            while pending or running:
                if not self.stop_reason:
                    ready = [t for t in pending.values() if t.depends_on <= self.done]
                    # the longest chain first: a custom object before the groups that do not
                    # wait for it, so that the calls in sequence start as early as they can
                    ready.sort(key=lambda t: -chain[t.id])
                    for task in ready:
                        del pending[task.id]
                        self.emit(Event("task_start", task.label, len(self.done), total, task.operations))
                        running[
                            pool.submit(run, task, self.context, self.gateway, self.workflows, self.pipelines)
                        ] = task
                    for task in [t for t in pending.values() if t.depends_on & self.failed]:
                        del pending[task.id]
                        self._skip(task, total, _("an operation it depends on failed"))
                if not running:  # stopped, or dependencies that can never be met
                    for task in list(pending.values()):
                        self._skip(task, total, self.stop_reason or _("its dependencies could not be met"))
                    return
                finished, _pending = wait(list(running), return_when=FIRST_COMPLETED)
                for future in finished:
                    self._collect(running.pop(future), future, total)
        finally:  # as leaving a pool of its own did: no call of this run left in flight
            wait(list(running))

    def _skip(self, task: Task, total: int, reason: str) -> None:
        self.failed.add(task.id)
        self.report.skipped.extend(op.id for op in task.operations)
        self.record_many([(op, "skipped", {"reason": reason}) for op in task.operations])
        self.emit(
            Event(
                "task_skipped",
                _("skipped: {step} ({reason})").format(step=task.label, reason=reason),
                len(self.done),
                total,
                task.operations,
            )
        )

    def _collect(self, task: Task, future: Future[Any], total: int) -> None:
        try:
            results = future.result()
            if len(results) != len(task.operations):
                raise RuntimeError(f"{len(results)} result(s) for {len(task.operations)} operation(s)")
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:
            error = exc if isinstance(exc, PortalError) else unexpected(exc)
            self.failed.add(task.id)
            text = error.message if error.category == UNEXPECTED else f"{error} {error.advice}".strip()
            self.report.failed.extend((op.id, text) for op in task.operations)
            self.record_many([(op, "failed", {"error": error.to_dict()}) for op in task.operations])
            self.emit(
                Event(
                    "task_failed",
                    _("failed: {step}: {error}").format(step=task.label, error=error.message),
                    len(self.done),
                    total,
                    task.operations,
                    error,
                )
            )
            if error.is_daily_limit or error.status == 401:
                self.stop_reason = error.advice or error.message
            return
        self.done.add(task.id)
        for op, result in zip(task.operations, results, strict=True):
            self.report.done.append(op.id)
            if result.get("created"):
                self.report.created[op.id] = result["created"]
        self.record_many(
            [
                (op, "done", {"object": op.object, **result})
                for op, result in zip(task.operations, results, strict=True)
            ]
        )
        self.emit(Event("task_done", task.label, len(self.done), total, task.operations))


@functools.cache
def worker_pool(workers: int) -> ThreadPoolExecutor:
    """The apply's worker threads, kept for the process (a wizard session applies again and
    again; a command must not start eight threads on its critical path). Tasks never wait on
    each other inside it: the scheduler, in the caller's thread, sends a task only once its
    dependencies are done."""
    return ThreadPoolExecutor(workers, thread_name_prefix="hubwizard-apply")


def _finish_message(report: ApplyReport) -> str:
    if report.status == "complete":
        return ngettext(
            "done: {count} change applied in {seconds} s",
            "done: {count} changes applied in {seconds} s",
            len(report.done),
        ).format(count=len(report.done), seconds=f"{report.seconds:.1f}")
    return ngettext(
        "{count} change applied, {failed} failed, {skipped} skipped: apply again to finish",
        "{count} changes applied, {failed} failed, {skipped} skipped: apply again to finish",
        len(report.done),
    ).format(count=len(report.done), failed=len(report.failed), skipped=len(report.skipped))


# --- running one task -------------------------------------------------------------------


def _run(
    task: Task, context: _Context, gateway: Gateway, workflows: dict[str, Any], pipelines: dict[str, Any]
) -> list[dict[str, Any]]:
    first = task.operations[0]
    if first.kind == "property" and first.action is Action.CREATE:
        return _create_properties(task.operations, context, gateway)
    if first.kind == "property" and first.action is Action.ARCHIVE:
        api = context.api_object(first.object)
        gateway.archive_properties(api, [op.target["name"] for op in task.operations])
        return [
            {"archived": {"object": api, "name": op.target["name"]}, "previous": op.previous}
            for op in task.operations
        ]
    handler = _HANDLERS[(first.kind, first.action)]
    return [handler(first, context, gateway, workflows=workflows, pipelines=pipelines)]


def _create_properties(ops: list[Operation], context: _Context, gateway: Gateway) -> list[dict[str, Any]]:
    api = context.api_object(ops[0].object)
    created, errors = gateway.create_properties(api, [op.body for op in ops])
    names = {p.get("name") for p in created}
    missing = [op for op in ops if op.body["name"] not in names]
    if missing:
        detail = "; ".join(e.get("message", "") for e in errors) or _("HubSpot did not create them")
        raise PortalError(
            _("{missing} of {total} properties were not created: {detail}").format(
                missing=len(missing), total=len(ops), detail=detail
            ),
            status=400,
            errors=errors,
        )
    return [{"created": {"type": "property", "object": api, "name": op.body["name"]}} for op in ops]


def _group_create(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    api = context.api_object(op.object)
    gateway.create_group(api, op.body["name"], op.body["label"])
    return {"created": {"type": "property_group", "object": api, "name": op.body["name"]}}


def _group_update(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    api = context.api_object(op.object)
    gateway.update_group(api, op.key.split("/", 1)[1], op.body["label"])
    return {
        "updated": {"type": "property_group", "object": api, "name": op.key.split("/", 1)[1]},
        "previous": op.previous,
    }


def _property_update(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    api = context.api_object(op.object)
    name = op.key.split("/", 1)[1]
    gateway.update_property(api, name, op.body)
    return {"updated": {"type": "property", "object": api, "name": name}, "previous": op.previous}


def _object_create(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    schema = gateway.create_schema(op.body)
    ot = str(schema["objectTypeId"])
    with context.lock:
        context.resolver.object_type_ids[op.object] = ot
    return {"created": {"type": "custom_object", "objectTypeId": ot, "name": op.object}}


def _object_update(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    gateway.update_schema(op.target["objectTypeId"], op.body)
    return {
        "updated": {"type": "custom_object", "objectTypeId": op.target["objectTypeId"]},
        "previous": op.previous,
    }


def _association_create(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    association = gateway.create_association(op.target["objectTypeId"], op.target["to"]) or {}
    return {
        "created": {
            "type": "association",
            "objectTypeId": op.target["objectTypeId"],
            "to": op.target["to"],
            "associationId": str(association.get("id") or ""),
        }
    }


def _pipeline_create(
    op: Operation, context: _Context, gateway: Gateway, *, pipelines: dict[str, Any], **_: Any
) -> dict[str, Any]:
    api = context.api_object(op.object)
    body = op.body
    result = gateway.create_pipeline(api, body["label"], body["displayOrder"], body["stages"])
    pid = str(result["id"])
    local = op.target["local_id"]
    config_pipeline = pipelines[local]
    by_label = {s.get("label"): str(s.get("id")) for s in result.get("stages") or []}
    with context.lock:
        context.resolver.pipeline_ids[local] = pid
        for stage in config_pipeline.stages:
            if stage.label in by_label:
                context.resolver.stage_ids[(local, stage.id)] = by_label[stage.label]
    return {"created": {"type": "pipeline", "object": api, "pipelineId": pid, "stages": by_label}}


def _pipeline_update(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    api = context.api_object(op.object)
    gateway.update_pipeline(api, op.target["pipelineId"], label=op.body.get("label"))
    return {
        "updated": {"type": "pipeline", "object": api, "pipelineId": op.target["pipelineId"]},
        "previous": op.previous,
    }


def _pipeline_archive(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    api = context.api_object(op.object)
    gateway.archive_pipeline(api, op.target["pipelineId"])
    return {"archived": {"type": "pipeline", "object": api, "pipelineId": op.target["pipelineId"]}}


def _stage_create(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    api = context.api_object(op.object)
    result = gateway.create_stage(api, op.target["pipelineId"], op.body)
    sid = str(result["id"])
    with context.lock:
        context.resolver.stage_ids[(op.target["pipeline"], op.target["stage"])] = sid
    return {
        "created": {"type": "stage", "object": api, "pipelineId": op.target["pipelineId"], "stageId": sid}
    }


def _stage_update(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    api = context.api_object(op.object)
    gateway.update_stage(api, op.target["pipelineId"], op.target["stageId"], op.body)
    return {
        "updated": {
            "type": "stage",
            "object": api,
            "pipelineId": op.target["pipelineId"],
            "stageId": op.target["stageId"],
        },
        "previous": op.previous,
    }


def _stage_archive(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    api = context.api_object(op.object)
    gateway.archive_stage(api, op.target["pipelineId"], op.target["stageId"])
    return {
        "archived": {
            "type": "stage",
            "object": api,
            "pipelineId": op.target["pipelineId"],
            "stageId": op.target["stageId"],
        },
        "previous": op.previous,
    }


def _records_move(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    """Records out of dropped stages, in batches journaled one by one (see ``deal_moves``)."""

    def destination(stage: str) -> str:
        with context.lock:
            return context.resolver.stage_ids[(op.target["pipeline"], stage)]

    def record(status: str, data: dict[str, Any]) -> None:
        if context.journal is not None:
            context.journal.write(
                "op", op=op.id, kind=op.kind, key=op.key, action="update", status=status, **data
            )

    return deal_moves.move(gateway, op.target, destination, record)


def _workflow_body(op: Operation, context: _Context, workflows: dict[str, Any]) -> dict[str, Any]:
    """Compile now: stage ids of pipelines created earlier in this run are known only now."""
    workflow = workflows.get(op.id.split(":", 1)[1])
    if workflow is None:
        return op.body
    with context.lock:
        try:
            return compile_workflow(workflow, context.resolver)
        except UnresolvedReference as exc:
            raise PortalError(f"workflow '{workflow.name}': {exc}") from None


def _workflow_create(
    op: Operation, context: _Context, gateway: Gateway, *, workflows: dict[str, Any], **_: Any
) -> dict[str, Any]:
    flow = gateway.create_flow(_workflow_body(op, context, workflows))
    return {"created": {"type": "workflow", "flowId": str(flow["id"])}}


def _workflow_update(
    op: Operation, context: _Context, gateway: Gateway, *, workflows: dict[str, Any], **_: Any
) -> dict[str, Any]:
    """Read the flow as it is now, change only what the config decides, PUT it back with its
    current revision: HubSpot's action ids, edges and flow-level fields are never rewritten.
    A conflict (someone saved the flow in between) is retried once on a fresh read."""
    workflow = workflows.get(op.id.split(":", 1)[1])
    flow_id = op.target["flowId"]
    for attempt in (1, 2):
        current = gateway.flow(flow_id)
        if current is None:
            raise PortalError(f"workflow {flow_id} is no longer in the portal", status=404)
        with context.lock:
            body = workflow_kind.update_body(current, op, workflow, context.resolver)
        try:
            gateway.replace_flow(flow_id, body)
        except PortalError as exc:
            if attempt == 2 or exc.status not in (400, 409):
                raise
            continue
        return {"updated": {"type": "workflow", "flowId": flow_id}, "previous": current}
    raise AssertionError("unreachable")  # pragma: no cover


def _workflow_delete(op: Operation, context: _Context, gateway: Gateway, **_: Any) -> dict[str, Any]:
    gateway.delete_flow(op.target["flowId"])
    return {"archived": {"type": "workflow", "flowId": op.target["flowId"]}, "previous": op.previous}


_HANDLERS: dict[tuple[str, Action], Callable[..., dict[str, Any]]] = {
    ("property_group", Action.CREATE): _group_create,
    ("property_group", Action.UPDATE): _group_update,
    ("property", Action.UPDATE): _property_update,
    ("custom_object", Action.CREATE): _object_create,
    ("custom_object", Action.UPDATE): _object_update,
    ("association", Action.CREATE): _association_create,
    ("pipeline", Action.CREATE): _pipeline_create,
    ("pipeline", Action.UPDATE): _pipeline_update,
    ("pipeline", Action.ARCHIVE): _pipeline_archive,
    ("stage", Action.CREATE): _stage_create,
    ("stage", Action.UPDATE): _stage_update,
    ("stage", Action.ARCHIVE): _stage_archive,
    ("move", Action.UPDATE): _records_move,
    ("workflow", Action.CREATE): _workflow_create,
    ("workflow", Action.UPDATE): _workflow_update,
    ("workflow", Action.ARCHIVE): _workflow_delete,
}
