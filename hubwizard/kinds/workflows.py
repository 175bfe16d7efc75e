"""Workflows as a kind: read a portal's flows, export them, compare them with a config, and
build the bodies an apply sends.

HubSpot's workflows are graphs: actions with ids, joined by edges (``connection``, the
``staticBranches``/``listBranches``/``testBranches`` of branch actions, ``defaultBranch``, and
``GOTO`` jumps), plus flow-level fields people set in HubSpot (``description``, ``dataSources``,
``customProperties``, ``suppressionListIds``, ``timeWindows``, ``blockedDates``, ``uuid``...).
The config's steps (``hubwizard.flows``) describe a straight line only. So:

- a flow the steps express exactly is exported as an ordinary, editable workflow;
- any other flow (branches, custom code, jumps, event triggers, actions the steps have no word
  for, steps that use another step's results) is exported as ``managed_in_hubspot: true``: the
  file holds its name, its on/off switch and a plain-words outline, and HubSpot keeps the graph.

Every update reads the portal's current flow, changes only what the config decides, and PUTs
it back with the current ``revisionId``: HubSpot's action ids, edges and every flow-level
field the config does not model travel back untouched. Reading never raises: a flow in a shape
this module does not know is kept as is (managed in HubSpot) or reported as not exported.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from hubwizard.config import Config, Pipeline, Workflow
from hubwizard.errors import PortalError
from hubwizard.flows import (
    Resolver,
    UnresolvedReference,
    comparable_flow,
    compile_workflow,
    decompile_step,
    decompile_trigger,
    decompile_workflow,
    foreign_references,
)
from hubwizard.i18n import N_, _, ngettext
from hubwizard.kinds.base import Action, Change, ExportNotes, Operation, Planner, local_id

if TYPE_CHECKING:
    from hubwizard.gateway import Gateway
    from hubwizard.state import PortalState

SERVER_FIELDS = ("id", "createdAt", "updatedAt", "crmObjectCreationStatus")
"""Set by HubSpot and never sent back (the id travels in the URL)."""

BRANCH_TYPES = {
    "STATIC_BRANCH": N_("branches on a value"),
    "LIST_BRANCH": N_("branches on filters"),
    "AB_TEST_BRANCH": N_("an A/B test split"),
}
ACTION_NAMES = {
    "0-9": N_("in-app notification"),
    "0-13": N_("list membership"),
    "0-35": N_("delay until a date"),
    "0-63809083": N_("add to a static list"),
    "0-63863438": N_("remove from a static list"),
}
"""Plain names for action types the steps have no word for (HubSpot's ids, as far as known)."""


MANAGED_BADGE = N_("Managed in HubSpot")
MANAGED_NOTE = N_(
    "Its trigger, steps and branches stay exactly as they are in HubSpot. Here you can rename "
    "it and switch it on or off; change the rest in HubSpot."
)
"""The wizard's words for a workflow managed in HubSpot (English; show them with ``_()``)."""


# --- reading --------------------------------------------------------------------------------


def read(gateway: Gateway) -> list[dict[str, Any]]:
    """Every flow of the portal in full (list, then the bodies); only well-formed entries."""
    return [f for f in gateway.flows() if isinstance(f, dict)]


def _actions(flow: dict[str, Any]) -> list[dict[str, Any]]:
    actions = flow.get("actions")
    return [a for a in actions if isinstance(a, dict)] if isinstance(actions, list) else []


def _edges(node: Any) -> Iterable[dict[str, Any]]:
    """Every edge under ``node``: connections, branch connections, default branches."""
    if isinstance(node, dict):
        if "nextActionId" in node:
            yield node
        for value in node.values():
            yield from _edges(value)
    elif isinstance(node, list):
        for value in node:
            yield from _edges(value)


def _refers_to_outputs(node: Any) -> bool:
    """Whether a field uses another step's result or a data source (not the enrolled record)."""
    if isinstance(node, str):
        return bool(foreign_references(node))
    if isinstance(node, dict):
        if node.get("type") in ("FIELD_DATA", "FETCHED_OBJECT_PROPERTY") or "actionId" in node:
            return True
        return any(_refers_to_outputs(v) for v in node.values())
    if isinstance(node, list):
        return any(_refers_to_outputs(v) for v in node)
    return False


def read_only_reasons(flow: dict[str, Any]) -> list[str]:
    """Why the steps cannot express ``flow`` (empty: they might; ``to_workflow`` checks the
    reading compiles back to the same flow)."""
    reasons: list[str] = []

    def add(reason: str) -> None:
        if reason not in reasons:
            reasons.append(reason)

    criteria = flow.get("enrollmentCriteria")
    kind = criteria.get("type") if isinstance(criteria, dict) else None
    if kind == "EVENT_BASED":
        add(_("an event trigger"))
    elif kind not in (None, "LIST_BASED"):
        add(_("{kind} enrollment").format(kind=str(kind).lower()))
    raw = flow.get("actions")
    if raw is not None and (not isinstance(raw, list) or any(not isinstance(a, dict) for a in raw)):
        add(_("actions in a shape hubwizard does not read"))
    actions = _actions(flow)
    for action in actions:
        kind = str(action.get("type", "SINGLE_CONNECTION"))
        if kind in BRANCH_TYPES:
            add(_(BRANCH_TYPES[kind]))
        elif kind == "CUSTOM_CODE":
            add(_("custom code"))
        elif kind != "SINGLE_CONNECTION":
            add(_("a {kind} step").format(kind=kind.lower().replace("_", " ")))
        if _refers_to_outputs(action.get("fields")) or (
            kind == "CUSTOM_CODE" and _refers_to_outputs(action.get("inputFields"))
        ):
            add(_("steps that use another step's results"))
    if any(e.get("edgeType", "STANDARD") != "STANDARD" for e in _edges(actions)):  # GOTO or unknown
        add(_("a jump (GOTO) between steps"))
    linked = _linked(flow)
    if not reasons and linked is not None and len(linked) != len(actions):
        add(_("steps that are not one straight line"))
    return reasons


def _linked(flow: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The actions reached from the start by plain connections, in order."""
    by_id = {str(a.get("actionId")): a for a in _actions(flow)}
    ordered, current, seen = [], str(flow.get("startActionId") or ""), set()
    while current and current in by_id and current not in seen:
        seen.add(current)
        ordered.append(by_id[current])
        connection = by_id[current].get("connection")
        current = str((connection.get("nextActionId") if isinstance(connection, dict) else "") or "")
    return ordered


def _round_trips(workflow: Workflow, flow: dict[str, Any], resolver: Resolver) -> bool:
    try:
        return comparable_flow(compile_workflow(workflow, resolver)) == comparable_flow(flow)
    except (UnresolvedReference, ValueError, TypeError, KeyError):
        return False


def _faithful(workflow: Workflow, flow: dict[str, Any], resolver: Resolver) -> Workflow:
    """Keep the portal's enrollment criteria verbatim when the DSL reading of the trigger would
    not compile back to exactly the same criteria."""
    if (
        workflow.trigger is None
        or workflow.trigger.hubspot is not None
        or _round_trips(workflow, flow, resolver)
    ):
        return workflow
    criteria = flow.get("enrollmentCriteria")
    return workflow.model_copy(
        update={
            "trigger": workflow.trigger.model_copy(
                update={
                    "stage_entered": None,
                    "property_is": None,
                    "hubspot": copy.deepcopy(criteria) if isinstance(criteria, dict) else {},
                }
            ),
            "exit_when_trigger_no_longer_true": False,
        }
    )


def to_workflow(
    flow: dict[str, Any], resolver: Resolver, local_id: str, config: Config | None = None
) -> tuple[Workflow, list[str]]:
    """``flow`` as a config workflow, and why it is managed in HubSpot (empty: editable).

    Never raises for a flow with an id: what the steps cannot hold exactly is managed in HubSpot.
    """
    reasons = read_only_reasons(flow)
    if not reasons:
        try:
            workflow = _faithful(decompile_workflow(flow, resolver, local_id), flow, resolver)
            unknown = sorted(
                {
                    str((s.hubspot_action or {}).get("actionTypeId") or "?")
                    for s in workflow.steps
                    if s.hubspot_action is not None
                }
            )
            if unknown:
                words = ", ".join(f"{ACTION_NAMES.get(u, 'HubSpot action')} ({u})" for u in unknown)
                reasons.append(f"actions hubwizard has no step for: {words}")
            elif workflow.trigger is not None and (workflow.trigger.hubspot or {}).get("type") not in (
                None,
                "LIST_BASED",
            ):
                reasons.append("an enrollment hubwizard does not read")
            elif not _round_trips(workflow, flow, resolver):
                reasons.append("details the steps cannot reproduce")
            else:
                return workflow, []
        except Exception:
            reasons.append("a shape hubwizard does not read")
    return managed(flow, resolver, local_id, config), reasons


def managed(flow: dict[str, Any], resolver: Resolver, local_id: str, config: Config | None) -> Workflow:
    """The read-only entry of a flow the steps cannot express."""
    return Workflow(
        id=local_id,
        name=flow_name(flow),
        object=_object_name(resolver, flow),
        enabled=flow.get("isEnabled") is True,
        managed_in_hubspot=True,
        outline=describe_flow(flow, resolver, config),
        hubspot_id=str(flow["id"]),
    )


def flow_name(flow: dict[str, Any]) -> str:
    """A flow's name as the file carries it ("Workflow 123" for one HubSpot sent unnamed)."""
    return str(flow.get("name") or f"Workflow {flow.get('id')}")


def _object_name(resolver: Resolver, flow: dict[str, Any]) -> str:
    return resolver.object_name(str(flow.get("objectTypeId") or "0-3"))


# --- export ---------------------------------------------------------------------------------


def export(
    state: PortalState,
    notes: ExportNotes,
    resolver: Resolver,
    pipelines: Iterable[Pipeline] = (),
    custom_objects: Iterable[Any] = (),
) -> list[Workflow]:
    """The config workflows for a portal's flows. Each workflow managed in HubSpot is listed in
    ``notes.kept`` with why; a flow that cannot be read in ``notes.skipped`` with why."""
    words = Config(pipelines=list(pipelines), custom_objects=list(custom_objects))
    workflows: list[Workflow] = []
    taken: set[str] = set()
    for flow in state.flows:
        if not isinstance(flow, dict) or flow.get("id") in (None, ""):
            name = flow.get("name") if isinstance(flow, dict) else None
            notes.skip(_("workflow '{name}'").format(name=name or "?"), _("HubSpot sent it without an id"))
            continue
        name = flow_name(flow)
        wid = local_id(name, taken, "workflow")
        try:
            workflow, reasons = to_workflow(flow, resolver, wid, words)
        except Exception as exc:  # one odd flow never stops an export
            notes.skip(
                _("workflow '{name}'").format(name=name),
                _("it could not be read ({error})").format(error=f"{type(exc).__name__}: {exc}"),
            )
            continue
        if reasons:
            notes.keep(
                _(
                    "workflow '{name}' is managed in HubSpot ({reasons}); hubwizard changes only its "
                    "name and on/off switch"
                ).format(name=name, reasons=", ".join(reasons))
            )
        workflows.append(workflow)
    return workflows


# --- plain words ----------------------------------------------------------------------------


def describe_flow(flow: dict[str, Any], resolver: Resolver, config: Config | None = None) -> list[str]:
    """What a flow does, for the parts hubwizard understands: "When a deal enters *Quote
    sent*", "wait until Tuesday", "branch on deal stage (3 branches and a default)", "4 more
    steps managed in HubSpot". Never raises."""
    try:
        return _describe(flow, resolver, config)
    except Exception:  # an odd shape still gets a line, never a traceback
        return [_("Set up in HubSpot")]


def _describe(flow: dict[str, Any], resolver: Resolver, config: Config | None) -> list[str]:
    from hubwizard.wording import a, describe_step, describe_trigger, noun

    object_name = _object_name(resolver, flow)
    thing = noun(config, object_name)
    criteria = flow.get("enrollmentCriteria")
    criteria = criteria if isinstance(criteria, dict) else {}
    if criteria.get("type") == "EVENT_BASED":
        lines = [_("When the event set in HubSpot happens to {a_thing}").format(a_thing=a(thing))]
    else:
        try:
            trigger = decompile_trigger(criteria, str(flow.get("objectTypeId") or "0-3"), resolver)
            probe = Workflow(id="w", name="w", object=object_name, trigger=trigger)
            lines = [describe_trigger(probe, config)]
        except Exception:
            lines = [
                _("When {a_thing} meets the enrollment criteria set in HubSpot").format(a_thing=a(thing))
            ]
    actions = _actions(flow)
    by_id = {str(x.get("actionId")): x for x in actions}
    current, seen = str(flow.get("startActionId") or ""), set()
    ot = str(flow.get("objectTypeId") or "0-3")
    while current in by_id and current not in seen:
        seen.add(current)
        action = by_id[current]
        kind = str(action.get("type", "SINGLE_CONNECTION"))
        if kind in BRANCH_TYPES:
            lines.append(_branch_words(action, kind))
            break
        if kind == "CUSTOM_CODE":
            lines.append(_("run custom code"))
        elif kind == "SINGLE_CONNECTION":
            try:
                step = decompile_step(action, ot, resolver)
                known = step.hubspot_action is None
            except Exception:
                known = False
            type_id = str(action.get("actionTypeId") or "?")
            if known and not _refers_to_outputs(action.get("fields")):
                lines.append(describe_step(step, config, object_name))
            else:
                lines.append(
                    _("{action} (HubSpot action {id})").format(action=_(ACTION_NAMES[type_id]), id=type_id)
                    if type_id in ACTION_NAMES
                    else _("run HubSpot action {id}").format(id=type_id)
                )
        else:
            lines.append(_("run a {kind} step").format(kind=kind.lower().replace("_", " ")))
        connection = action.get("connection")
        connection = connection if isinstance(connection, dict) else {}
        if connection.get("edgeType", "STANDARD") != "STANDARD":
            lines.append(_("jump to another step"))
            break
        current = str(connection.get("nextActionId") or "")
    rest = len(actions) - len(seen)
    if rest > 0:
        lines.append(more_steps(rest))
    return lines


def _branch_words(action: dict[str, Any], kind: str) -> str:
    if kind == "STATIC_BRANCH":
        value = action.get("inputValue") or {}
        on = value.get("propertyName") if isinstance(value, dict) else None
        subject = (
            _("branch on {property}").format(property=on)
            if on
            else _("branch on the result of an earlier step")
        )
        count = len(action.get("staticBranches") or [])
    elif kind == "LIST_BRANCH":
        subject, count = _("branch on filters"), len(action.get("listBranches") or [])
    else:
        subject, count = _("split for an A/B test"), len(action.get("testBranches") or [])
    if action.get("defaultBranch"):
        branches = ngettext("{count} branch and a default", "{count} branches and a default", count).format(
            count=count
        )
    else:
        branches = ngettext("{count} branch", "{count} branches", count).format(count=count)
    return _("{subject} ({branches})").format(subject=subject, branches=branches)


MORE_STEPS = ("{count} more step managed in HubSpot", "{count} more steps managed in HubSpot")
"""The outline's last line when the steps go on beyond what it says (see :func:`is_more_steps`)."""


def more_steps(count: int) -> str:
    """'3 more steps managed in HubSpot', the last line of an outline that stops early."""
    return ngettext(
        "{count} more step managed in HubSpot", "{count} more steps managed in HubSpot", count
    ).format(count=count)


def is_more_steps(line: str) -> bool:
    """Whether an outline's line is :func:`more_steps`'s, in whichever language the outline was
    exported (the outline is the user's data: a French export keeps French words when shown in
    English)."""
    return any(pattern.fullmatch(line) for pattern in _more_steps_patterns())


@functools.cache
def _more_steps_patterns() -> tuple[re.Pattern[str], ...]:
    from hubwizard import i18n

    found = []
    for lang in i18n.LANGUAGES:
        catalog = i18n.translations(lang)
        for n in (1, 2):
            text = catalog.ngettext(*MORE_STEPS, n)
            found.append(re.compile(re.escape(text).replace(re.escape("{count}"), r"\d+")))
    return tuple(found)


# --- request bodies -------------------------------------------------------------------------


def _same_action(prior: dict[str, Any], new: dict[str, Any]) -> bool:
    return (
        str(prior.get("type", "SINGLE_CONNECTION")) == new.get("type")
        and str(prior.get("actionTypeId")) == new.get("actionTypeId")
        and (prior.get("fields") or {}) == new.get("fields")
    )


def _numeric(value: Any) -> int:
    text = str(value or "")
    return int(text) if text.isdigit() else 0


def fit(current: dict[str, Any], compiled: dict[str, Any]) -> dict[str, Any]:
    """The PUT body that makes the portal's straight-line ``current`` flow do what ``compiled``
    says, on top of everything else ``current`` holds: HubSpot's action ids are kept step by
    step, an unchanged action goes back exactly as read, every flow-level field the config does
    not model stays. ``revisionId`` is ``current``'s."""
    body = {k: copy.deepcopy(v) for k, v in current.items() if k not in SERVER_FIELDS}
    old = _linked(current) or []
    next_id = (
        max(
            [_numeric(a.get("actionId")) for a in _actions(current)]
            + [_numeric(current.get("nextAvailableActionId")) - 1]
        )
        + 1
    )
    actions: list[dict[str, Any]] = []
    for i, new in enumerate(compiled.get("actions") or []):
        if i < len(old):
            prior = old[i]
            action = copy.deepcopy(prior) if _same_action(prior, new) else copy.deepcopy(new)
            action["actionId"] = str(prior.get("actionId"))
        else:
            action = copy.deepcopy(new)
            action["actionId"] = str(next_id)
            next_id += 1
        action.pop("connection", None)
        actions.append(action)
    for i, action in enumerate(actions[:-1]):
        prior_edge = old[i].get("connection") if i < len(old) else None
        prior_edge = prior_edge if isinstance(prior_edge, dict) else {}
        edge = {"edgeType": "STANDARD", "nextActionId": actions[i + 1]["actionId"]}
        action["connection"] = copy.deepcopy(prior_edge) if {**prior_edge, **edge} == prior_edge else edge
    for key in ("type", "objectTypeId", "flowType", "name", "isEnabled"):
        body[key] = compiled.get(key)
    if current.get("enrollmentCriteria") != compiled.get("enrollmentCriteria"):
        body["enrollmentCriteria"] = copy.deepcopy(compiled.get("enrollmentCriteria"))
    body["actions"] = actions
    body["startActionId"] = actions[0]["actionId"] if actions else None
    body["nextAvailableActionId"] = str(next_id)
    body["revisionId"] = current.get("revisionId")
    return body


def patched(current: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """``current`` with only ``patch``'s fields changed, ready to PUT with its ``revisionId``."""
    body = {k: copy.deepcopy(v) for k, v in current.items() if k not in SERVER_FIELDS}
    body.update(copy.deepcopy(patch))
    body["revisionId"] = current.get("revisionId")
    return body


def update_body(
    current: dict[str, Any], op: Operation, workflow: Workflow | None, resolver: Resolver
) -> dict[str, Any]:
    """What an update PUTs, built on the portal's flow as it is now (read just before)."""
    if op.target.get("patch") or workflow is None:
        return patched(current, op.body if op.target.get("patch") else {})
    reasons = read_only_reasons(current)
    if reasons:
        raise PortalError(
            _(
                "workflow '{workflow}' was changed in HubSpot since the plan (it now has {reasons}), so "
                "it was left as it is; export the portal again to keep it as managed in HubSpot"
            ).format(workflow=workflow.name, reasons=", ".join(reasons))
        )
    try:
        compiled = compile_workflow(workflow, resolver)
    except UnresolvedReference as exc:
        raise PortalError(f"workflow '{workflow.name}': {exc}") from None
    return fit(current, compiled)


# --- planning -------------------------------------------------------------------------------


def plan(builder: Planner) -> None:
    """The workflow operations of a plan (``plan._Builder.workflows``)."""
    state, config = builder.state, builder.config
    flows = [f for f in state.flows if isinstance(f, dict)]
    by_id = {str(f.get("id")): f for f in flows}
    matched: set[str] = set()
    for w, workflow in enumerate(config.workflows):
        path = f"workflows[{w}]"
        key = workflow.name
        if workflow.hubspot_id:
            existing = by_id.get(workflow.hubspot_id)
        else:
            existing = next(
                (f for f in flows if f.get("name") == workflow.name and str(f.get("id")) not in matched),
                None,
            )
        if existing is not None:
            matched.add(str(existing.get("id")))
        if workflow.managed_in_hubspot:
            _plan_managed(builder, workflow, existing, path)
            continue
        deps = sorted(d for d in refs(workflow) if d in builder.unresolved)
        try:
            body = compile_workflow(workflow, builder.resolver)
        except UnresolvedReference:
            body = {}
        if existing is None:
            if workflow.hubspot_id:
                builder.refuse(
                    "PLAN104",
                    f"{path}.hubspot_id",
                    _("workflow '{workflow}' is pinned to id {id}, which the portal does not have").format(
                        workflow=workflow.name, id=workflow.hubspot_id
                    ),
                    _("Remove hubspot_id to create the workflow."),
                )
            builder.add(
                Operation(
                    f"workflow:{workflow.id}",
                    Action.CREATE,
                    "workflow",
                    key,
                    workflow.object,
                    (
                        _("Create workflow '{workflow}'")
                        if workflow.enabled
                        else _("Create workflow '{workflow}' (switched off)")
                    ).format(workflow=workflow.name),
                    changes=[
                        Change("workflow", None, sentence(workflow, config), sentence(workflow, config))
                    ],
                    body=body,
                    target={"local_id": workflow.id},
                    depends_on=deps,
                    path=path,
                )
            )
            continue
        target = {"flowId": str(existing.get("id")), "revisionId": existing.get("revisionId")}
        same = bool(body) and comparable_flow(body) == comparable_flow(existing)
        if same:
            builder.add(
                Operation(
                    f"workflow:{workflow.id}",
                    Action.UNCHANGED,
                    "workflow",
                    key,
                    workflow.object,
                    _("Workflow '{workflow}'").format(workflow=workflow.name),
                    target=target,
                    path=path,
                )
            )
            continue
        reasons = read_only_reasons(existing)
        if reasons:
            _plan_over_graph(builder, workflow, existing, body, reasons, path)
            continue
        try:
            current = decompile_workflow(existing, builder.resolver, workflow.id)
            changes = workflow_changes(current, workflow, config)
        except Exception:
            changes = []
        builder.add(
            Operation(
                f"workflow:{workflow.id}",
                Action.UPDATE,
                "workflow",
                key,
                workflow.object,
                _("Update workflow '{workflow}'").format(workflow=workflow.name),
                changes=changes
                or [
                    Change(
                        "workflow",
                        None,
                        None,
                        _(
                            "HubSpot's copy differs in details the config does not show; the steps "
                            "will be set as in the config"
                        ),
                    )
                ],
                body=fit(existing, body) if body else {},
                target=target,
                previous=existing,
                depends_on=deps,
                path=path,
            )
        )
    for flow in flows:
        fid = str(flow.get("id"))
        if fid in matched:
            continue
        name = str(flow.get("name"))
        builder.add(
            Operation(
                f"workflow:hubspot:{fid}",
                Action.ARCHIVE if builder.prune else Action.KEEP,
                "workflow",
                name,
                _object_name(builder.resolver, flow),
                (
                    _("Delete workflow '{workflow}' (not in the config)")
                    if builder.prune
                    else _("Keep workflow '{workflow}' (not in the config)")
                ).format(workflow=name),
                target={"flowId": fid},
                previous=flow if builder.prune else {},
            )
        )


def _patch_changes(existing: dict[str, Any], name: str, enabled: bool) -> tuple[dict[str, Any], list[Change]]:
    patch: dict[str, Any] = {}
    changes: list[Change] = []
    if flow_name(existing) != name:
        patch["name"] = name
        changes.append(
            Change(
                "name",
                existing.get("name"),
                name,
                _("name: {before} → {after}").format(before=flow_name(existing), after=name),
            )
        )
    if (existing.get("isEnabled") is True) != enabled:
        patch["isEnabled"] = enabled
        changes.append(
            Change("enabled", not enabled, enabled, _("switched on") if enabled else _("switched off"))
        )
    return patch, changes


def _plan_managed(builder: Planner, workflow: Workflow, existing: dict[str, Any] | None, path: str) -> None:
    if existing is None:
        builder.refuse(
            "PLAN104",
            f"{path}.hubspot_id",
            _(
                "workflow '{workflow}' is managed in HubSpot (id {id}), but the portal has no such workflow"
            ).format(workflow=workflow.name, id=workflow.hubspot_id),
            _(
                "A workflow managed in HubSpot cannot be created from the file: remove it, or export "
                "this portal again."
            ),
        )
        return
    portal_object = _object_name(builder.resolver, existing)
    if portal_object != workflow.object:
        builder.refuse(
            "PLAN506",
            f"{path}.object",
            _(
                "workflow '{workflow}' runs on {portal_object} in HubSpot; a workflow managed in HubSpot "
                "cannot move to {object}"
            ).format(workflow=workflow.name, portal_object=portal_object, object=workflow.object),
            _("Set 'object: {object}' again; only the name and the on/off switch can change here.").format(
                object=portal_object
            ),
        )
        return
    patch, changes = _patch_changes(existing, workflow.name, workflow.enabled)
    target = {"flowId": str(existing.get("id")), "revisionId": existing.get("revisionId"), "patch": True}
    builder.add(
        Operation(
            f"workflow:{workflow.id}",
            Action.UPDATE if patch else Action.UNCHANGED,
            "workflow",
            workflow.name,
            workflow.object,
            (
                _("Update workflow '{workflow}' (managed in HubSpot)")
                if patch
                else _("Workflow '{workflow}'")
            ).format(workflow=workflow.name),
            changes=changes,
            body=patch,
            target=target,
            previous=existing if patch else {},
            path=path,
            notes=[
                _(
                    "managed in HubSpot: only the name and the on/off switch change; its steps stay as they are"
                )
            ]
            if patch
            else [],
        )
    )


def _plan_over_graph(
    builder: Planner,
    workflow: Workflow,
    existing: dict[str, Any],
    body: dict[str, Any],
    reasons: list[str],
    path: str,
) -> None:
    """A config with steps against a portal flow the steps cannot express: only a change of
    name or switch is made (as a patch); replacing the graph would rewire or drop HubSpot's
    branches, so any other change is refused."""
    rest = (
        {k: v for k, v in comparable_flow(body).items() if k not in ("name", "isEnabled")} if body else None
    )
    if rest is not None and rest == {
        k: v for k, v in comparable_flow(existing).items() if k not in ("name", "isEnabled")
    }:
        patch, changes = _patch_changes(existing, workflow.name, workflow.enabled)
        builder.add(
            Operation(
                f"workflow:{workflow.id}",
                Action.UPDATE,
                "workflow",
                workflow.name,
                workflow.object,
                _("Update workflow '{workflow}' (managed in HubSpot)").format(workflow=workflow.name),
                changes=changes,
                body=patch,
                target={
                    "flowId": str(existing.get("id")),
                    "revisionId": existing.get("revisionId"),
                    "patch": True,
                },
                previous=existing,
                path=path,
            )
        )
        return
    builder.refuse(
        "PLAN506",
        path,
        _(
            "workflow '{workflow}' has {reasons} in HubSpot, which the steps cannot express; replacing "
            "it from the file would rewire or lose them"
        ).format(workflow=workflow.name, reasons=", ".join(reasons)),
        _(
            "Export the portal again (the workflow becomes 'managed in HubSpot': name and on/off stay "
            "editable) and change its steps in HubSpot."
        ),
    )


def refs(workflow: Workflow) -> set[str]:
    """The config items a workflow needs before it can be written."""
    found = {f"object:{workflow.object}"}
    trigger = workflow.trigger.stage_entered if workflow.trigger else None
    if trigger:
        found |= {f"pipeline:{trigger.pipeline}", f"stage:{trigger.pipeline}:{trigger.stage}"}
    for step in workflow.steps:
        ref = step.move_to_stage or step.copy_to_pipeline
        if ref:
            found |= {f"pipeline:{ref.pipeline}", f"stage:{ref.pipeline}:{ref.stage}"}
    return found


def sentence(workflow: Workflow, config: Config) -> str:
    from hubwizard.wording import describe_workflow

    return describe_workflow(workflow, config)


def workflow_changes(current: Workflow, desired: Workflow, config: Config) -> list[Change]:
    """What an update of an editable workflow changes, in plain words."""
    from hubwizard.wording import describe_step, describe_trigger, value_text

    changes = []
    if current.enabled != desired.enabled:
        changes.append(
            Change(
                "enabled",
                current.enabled,
                desired.enabled,
                _("switched on") if desired.enabled else _("switched off"),
            )
        )
    if current.trigger != desired.trigger:
        before = (
            describe_trigger(current, config)
            if current.trigger is not None and current.trigger.hubspot is None
            else _("HubSpot's own criteria")
        )
        after = describe_trigger(desired, config)
        changes.append(
            Change(
                "trigger", before, after, _("trigger: {before} → {after}").format(before=before, after=after)
            )
        )
    if current.exit_when_trigger_no_longer_true != desired.exit_when_trigger_no_longer_true:
        changes.append(
            Change(
                "exit_when_trigger_no_longer_true",
                current.exit_when_trigger_no_longer_true,
                desired.exit_when_trigger_no_longer_true,
                _("stops when the trigger no longer holds")
                if desired.exit_when_trigger_no_longer_true
                else _("keeps going when the trigger no longer holds"),
            )
        )
    if current.name != desired.name:
        changes.append(
            Change(
                "name",
                current.name,
                desired.name,
                _("name: {before} → {after}").format(
                    before=value_text(current.name), after=value_text(desired.name)
                ),
            )
        )
    for i in range(max(len(current.steps), len(desired.steps))):
        b = current.steps[i] if i < len(current.steps) else None
        after_step = desired.steps[i] if i < len(desired.steps) else None
        if b == after_step:
            continue
        bt = describe_step(b, config, desired.object) if b else "(none)"
        at = describe_step(after_step, config, desired.object) if after_step else "(removed)"
        changes.append(Change(f"steps[{i}]", bt, at, f"step {i + 1}: {bt} → {at}"))
    return changes


# --- a subscription without workflows -------------------------------------------------------


def tier_lacks_workflows(state: PortalState) -> bool:
    """Whether the portal's subscription has no workflows (HubSpot Free or Starter, as its
    limits or its answers tell). A token that only lacks the automation scope is not that: the
    scope can be added, so that case is still refused (PLAN505)."""
    from hubwizard.hubspot_rules import PIPELINES_PER_OBJECT, WORKFLOWS_MIN_TIER

    if not state.tier_known or state.tier.at_least(WORKFLOWS_MIN_TIER):
        return False
    deals = state.limits.pipelines.get("0-3")
    if deals and deals[0] < PIPELINES_PER_OBJECT[WORKFLOWS_MIN_TIER]:
        return True  # the limits alone say Free or Starter
    problem = state.problem("flows")
    return problem is None or not problem.scopes


def by_hand(workflow: Workflow, config: Config) -> str:
    """What a person does in HubSpot instead of the workflow, in a few words."""
    from hubwizard.i18n import _
    from hubwizard.wording import noun, pipeline_label

    thing = noun(config, workflow.object)
    if workflow.managed_in_hubspot:
        return _("do its steps by hand in HubSpot")
    kinds = [step.kind for step in workflow.steps if step.kind != "delay"]
    first = next((step for step in workflow.steps if step.kind != "delay"), None)
    if first is None:
        return _("nothing: it has no action yet")
    if first.kind == "create_task":
        if any(step.kind == "delay" for step in workflow.steps):
            return _("create the task by hand on each {thing}, with a due date as the reminder").format(
                thing=thing
            )
        return _("create the task by hand on each {thing}").format(thing=thing)
    if first.kind in ("notify_owner", "send_email"):
        return _("send the email by hand")
    if first.kind == "assign_owner":
        return _("set the {thing} owner by hand").format(thing=thing)
    if first.kind == "move_to_stage":
        return _("move the {thing} to its stage by hand").format(thing=thing)
    if first.kind == "copy_to_pipeline" and first.copy_to_pipeline is not None:
        return _("create the {thing} by hand in the pipeline '{pipeline}'").format(
            thing=thing, pipeline=pipeline_label(config, first.copy_to_pipeline.pipeline)
        )
    if first.kind == "set_property" and len(set(kinds)) == 1:
        return _("set the property by hand")
    return _("do its steps by hand in HubSpot")


def leave_out(builder: Planner) -> None:
    """The plan on a portal whose subscription has no workflows: each workflow of the config is
    left out (nothing is written for it) with a note in plain words saying what it would have
    done and what to do instead; the rest of the setup applies. Nothing else in a setup depends
    on a workflow, so leaving one out loses its automation, never any data."""
    from hubwizard.hubspot_rules import WORKFLOWS_MIN_TIER
    from hubwizard.i18n import _
    from hubwizard.wording import describe_workflow, tier_name

    config = builder.config
    tier = tier_name(builder.state.tier)
    for w, workflow in enumerate(config.workflows):
        what = describe_workflow(workflow.model_copy(update={"enabled": True}), config)
        builder.add(
            Operation(
                f"workflow:{workflow.id}",
                Action.KEEP,
                "workflow",
                workflow.name,
                workflow.object,
                _("Leave out workflow '{name}': HubSpot {tier} has no workflows").format(
                    name=workflow.name, tier=tier
                ),
                target={"left_out": "tier", "local_id": workflow.id},
                path=f"workflows[{w}]",
                notes=[
                    _("what it would have done: {what}").format(what=what),
                    _(
                        "instead, {by_hand}; or upgrade the portal to HubSpot {needed} and apply "
                        "again to have the workflow created"
                    ).format(by_hand=by_hand(workflow, config), needed=tier_name(WORKFLOWS_MIN_TIER)),
                ],
            )
        )
