"""Plan: the difference between a config and a portal, as an ordered list of operations.

``make_plan`` is pure: config + portal snapshot in, ``Plan`` out, no call made (stage usage
for ``prune`` is passed in by the caller). Every operation says what it does in business words
("stage *Quote sent*: probability 50% → 60%"), what it sends, and what it depends on. Nothing is
archived unless ``prune`` is asked, and never HubSpot's defaults or a stage holding deals.
A pre-flight refuses the whole plan, before any write, when the portal cannot take the config.

Each kind compares its own items (``hubwizard.kinds``: custom objects, groups and properties,
pipelines); this module runs the pre-flight, calls the kinds in dependency order, checks the
portal's limits and orders the operations.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hubwizard import lint
from hubwizard.config import Config
from hubwizard.findings import Finding, Severity
from hubwizard.flows import Resolver
from hubwizard.hubspot_rules import (
    BATCH_SIZE,
    CUSTOM_OBJECTS_MIN_TIER,
    CUSTOM_PROPERTIES_PER_OBJECT,
    PIPELINES_PER_OBJECT,
    WORKFLOWS_MIN_TIER,
    Tier,
)
from hubwizard.i18n import _, ngettext, pgettext
from hubwizard.kinds import custom_objects as custom_object_kind
from hubwizard.kinds import pipelines as pipeline_kind
from hubwizard.kinds import properties as property_kind
from hubwizard.kinds.base import WRITES, Action, Change, Operation
from hubwizard.ratelimit import SAFETY
from hubwizard.state import PortalState
from hubwizard.wording import tier_name

__all__ = ["KIND_ORDER", "WRITES", "Action", "Change", "Operation", "Plan", "make_plan"]

KIND_ORDER = (
    "property_group",
    "custom_object",
    "property",
    "association",
    "pipeline",
    "stage",
    "move",
    "workflow",
)
"""Dependency order: groups before their properties, custom objects before anything on them,
pipelines (stage ids) before the workflows that point at them."""


@dataclass
class Plan:
    operations: list[Operation]
    refusals: list[Finding] = field(default_factory=list)
    portal: dict[str, Any] = field(default_factory=dict)
    reads: int = 0
    budget: int = 100
    resolver: Resolver = field(default_factory=Resolver, repr=False)
    """Config names → portal ids known at plan time; apply adds what it creates."""

    @property
    def ok(self) -> bool:
        """False when the pre-flight refused: apply must not write anything."""
        return not self.refusals

    @property
    def writes(self) -> list[Operation]:
        return [op for op in self.operations if op.writes]

    @property
    def left_out(self) -> list[Operation]:
        """What the plan leaves out because the portal's subscription lacks it (each with a
        note in plain words: what it would have done, what to do instead); nothing is written."""
        return [op for op in self.operations if op.target.get("left_out")]

    def count(self, action: Action) -> int:
        return sum(1 for op in self.operations if op.action is action)

    def write_calls(self) -> int:
        """Calls the apply will make: one per operation, except property creates, which go
        through batch create (at most 100 per call and object)."""
        calls = 0
        batches: dict[str, int] = {}
        for op in self.writes:
            if op.kind == "property" and op.action is Action.CREATE:
                batches[op.object] = batches.get(op.object, 0) + 1
            elif op.kind == "property" and op.action is Action.ARCHIVE:
                batches[f"archive:{op.object}"] = batches.get(f"archive:{op.object}", 0) + 1
            elif op.kind == "move":  # batch updates of up to 100 records
                calls += max(1, math.ceil(sum(m["count"] for m in op.body["moves"]) / BATCH_SIZE))
            else:
                calls += 1
        return calls + sum(math.ceil(n / BATCH_SIZE) for n in batches.values())

    def estimate_seconds(self, latency: float = 0.25) -> float:
        """Wall time under the rate limit: the dependency levels run one after another, and
        beyond one window's allowance each extra window costs 10 s."""
        calls = self.write_calls()
        if not calls:
            return 0.0
        allowance = max(1, int(self.budget * SAFETY))
        levels = len({op.kind for op in self.writes})
        return round(max(levels * latency, 10.0 * (math.ceil(calls / allowance) - 1) + levels * latency), 1)

    def summary(self) -> dict[str, Any]:
        counts = {action.value: self.count(action) for action in Action}
        return {
            **counts,
            "left_out": len(self.left_out),
            "write_calls": self.write_calls(),
            "read_calls": self.reads,
            "estimated_seconds": self.estimate_seconds(),
            "rate_limit_per_10s": self.budget,
            "refused": not self.ok,
        }

    def checksum(self) -> str:
        """Identifies exactly what would be written: apply refuses a plan that changed since review."""
        data = [(op.id, op.action.value, op.body, op.target) for op in self.writes]
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "portal": self.portal,
            "ok": self.ok,
            "refusals": [f.to_dict() for f in self.refusals],
            "operations": [op.to_dict() for op in self.operations],
            "summary": self.summary(),
            "checksum": self.checksum(),
        }


StageUsage = Callable[[str, str, str], tuple[int, float]]
"""(object name, pipeline id, stage id) → (records in the stage, their total amount)."""


# --- building the plan ------------------------------------------------------------------


class _Builder:
    def __init__(self, config: Config, state: PortalState, prune: bool, usage: StageUsage | None) -> None:
        self.config = config
        self.state = state
        self.prune = prune
        self.usage = usage
        self.ops: list[Operation] = []
        self.refusals: list[Finding] = []
        self.resolver: Resolver = state.resolver()
        self.unresolved: set[str] = set()
        """Local references that only exist once this plan's creates are done."""
        self.workflows_left_out = False
        """The portal's subscription has no workflows: the plan leaves them out (with a note)."""

    def add(self, op: Operation) -> Operation:
        self.ops.append(op)
        return op

    def refuse(self, code: str, path: str, message: str, hint: str = "", fix: str = "") -> None:
        """Record why the plan cannot be applied. A portal check on an item the linter already
        refused is not said twice (a custom ``amount`` is HW307, not HW307 and PLAN301)."""
        if any(r.code.startswith("HW") and _same_item(r.path, path) for r in self.refusals):
            return
        self.refusals.append(Finding(code, Severity.ERROR, path, message, hint, fix))

    # --- pre-flight -------------------------------------------------------------------

    def preflight(self) -> None:
        """The linter's errors first (whatever the file alone can tell), then only what needs the
        portal itself: its subscription, its token's scopes, its users."""
        self.refusals.extend(lint.errors(self.config))
        tier = self.state.tier
        portal_tier = f"HubSpot {tier_name(tier)} ({self.state.tier_reason})"
        for i, obj in enumerate(self.config.custom_objects):
            if self.state.schema(obj.name) is None and not tier.at_least(CUSTOM_OBJECTS_MIN_TIER):
                self.refuse(
                    "PLAN401",
                    f"custom_objects[{i}]",
                    _(
                        "Custom object '{name}' needs HubSpot Enterprise; this portal is {portal}. It "
                        "cannot be left out the way a workflow is: what the setup puts on it (its "
                        "properties, its pipeline, its records) would have nowhere to live."
                    ).format(name=obj.singular, portal=portal_tier),
                    _("Remove the custom object, or provision into an Enterprise portal."),
                    _("Delete the custom object, or choose an Enterprise portal."),
                )
        from hubwizard.kinds import workflows as workflow_kind

        # a subscription without workflows: they are left out with a note each, the rest applies
        self.workflows_left_out = bool(self.config.workflows) and workflow_kind.tier_lacks_workflows(
            self.state
        )
        workflows = self.config.workflows and not self.workflows_left_out
        if workflows and not self.state.flows_allowed:
            self.refuse(
                "PLAN505",
                "workflows",
                _(
                    "This portal does not accept workflows: it is {portal}, or the access token lacks "
                    "the automation scope."
                ).format(portal=portal_tier),
                _(
                    "Workflows need Professional or Enterprise and a token with the 'automation' "
                    "scope; remove them or use another portal."
                ),
                _(
                    "Workflows need HubSpot Professional or Enterprise and an access token with the "
                    "automation scope: delete the workflows, add the scope to the private app, or "
                    "choose another portal."
                ),
            )
        elif workflows and not tier.at_least(WORKFLOWS_MIN_TIER):
            self.refuse(
                "PLAN505",
                "workflows",
                _("Workflows need HubSpot Professional or Enterprise; this portal is {portal}.").format(
                    portal=portal_tier
                ),
                _("Remove the workflows or use another portal."),
                _("Delete the workflows, or choose another portal."),
            )
        owners = self.state.owner_ids()
        for w, workflow in enumerate(self.config.workflows if workflows else []):
            for s, step in enumerate(workflow.steps):
                email = (
                    step.assign_owner.owner
                    if step.assign_owner
                    else (
                        step.create_task.assign_to
                        if step.create_task and step.create_task.assign_to != "owner"
                        else None
                    )
                )
                if email and email.strip().lower() not in owners:
                    known = ", ".join(sorted(owners)) or pgettext("owners", "none")
                    self.refuse(
                        "PLAN501",
                        f"workflows[{w}].steps[{s}]",
                        _("Workflow '{workflow}' names '{email}', who is not a user of this portal.").format(
                            workflow=workflow.name, email=email
                        ),
                        _("Use one of the portal's owners: {owners}.").format(owners=known),
                        _("Choose one of the portal's users: {owners}.").format(owners=known),
                    )

    def check_limits(self) -> None:
        """Limits that depend on what the portal already holds (the linter checks the file
        against the subscription's limits on its own: HW103, HW401, HW308)."""
        for object_name in sorted({p.object for p in self.config.pipelines}):
            existing = [p for p in self.state.pipelines.get(object_name, []) if not p.get("archived")]
            created = [
                op.key.split("/", 1)[-1]
                for op in self.ops
                if op.kind == "pipeline" and op.action is Action.CREATE and op.object == object_name
            ]
            creates = len(created)
            limit = self.state.pipeline_limit(object_name)
            if limit is None and object_name in ("deals", "tickets"):
                limit = PIPELINES_PER_OBJECT[self.state.tier]
            if creates and limit is not None and len(existing) + creates > limit:
                self.refuse(
                    "PLAN103",
                    "pipelines",
                    _(
                        "The portal allows {allowed} and already has {existing}; this plan would add "
                        "{creates} ({names})."
                    ).format(
                        allowed=_pipelines(limit, object_name),
                        existing=len(existing),
                        creates=creates,
                        names=", ".join(f"'{name}'" for name in created),
                    ),
                    _(
                        "Use fewer pipelines (a property often replaces a pipeline), pin one to an "
                        "existing pipeline with hubspot_id, or upgrade the portal."
                    ),
                    _(
                        "Use fewer pipelines (a property often replaces a pipeline), reuse one the "
                        "portal already has, or upgrade the portal's subscription."
                    ),
                )
        if self.state.limits.custom_object_types:
            limit, usage = self.state.limits.custom_object_types
            creates = sum(1 for op in self.ops if op.kind == "custom_object" and op.action is Action.CREATE)
            if creates and usage + creates > limit:
                self.refuse(
                    "PLAN401",
                    "custom_objects",
                    _(
                        "The portal allows {limit} custom object(s) and already has {usage}; this plan "
                        "would add {creates}."
                    ).format(limit=limit, usage=usage, creates=creates),
                    _("Remove custom objects or raise the portal's limit."),
                    _("Delete custom objects, or raise the portal's limit."),
                )
        for object_name in {op.object for op in self.ops if op.kind == "property"}:
            creates = sum(
                1
                for op in self.ops
                if op.kind == "property" and op.action is Action.CREATE and op.object == object_name
            )
            limit = CUSTOM_PROPERTIES_PER_OBJECT
            usage = len(self.state.custom_properties(object_name))
            ot = self.state.object_type_id(object_name)
            if ot and ot in self.state.limits.custom_properties:
                limit, usage = self.state.limits.custom_properties[ot]
            if creates and usage + creates > limit:
                self.refuse(
                    "PLAN306",
                    "property_groups",
                    _(
                        "With this plan {object} would have {count} custom properties in the portal; "
                        "it allows {limit}."
                    ).format(object=object_name, count=usage + creates, limit=limit),
                    _("Remove properties, or prefer HubSpot's native ones."),
                    _("Delete properties, or prefer HubSpot's own."),
                )

    # --- the kinds (each in hubwizard.kinds) ------------------------------------------

    def custom_objects(self) -> None:
        custom_object_kind.plan(self)

    def groups_and_properties(self) -> None:
        property_kind.plan(self)

    def pipelines(self) -> None:
        pipeline_kind.plan(self)

    # --- workflows --------------------------------------------------------------------

    def workflows(self) -> None:
        from hubwizard.kinds import workflows as workflow_kind

        if self.workflows_left_out:
            workflow_kind.leave_out(self)
        else:
            workflow_kind.plan(self)


def make_plan(
    config: Config,
    state: PortalState,
    *,
    prune: bool = False,
    usage: StageUsage | None = None,
    portal: dict[str, Any] | None = None,
) -> Plan:
    """The plan that makes ``state`` match ``config``. Pure: reads and writes nothing."""
    builder = _Builder(config, state, prune, usage)
    builder.preflight()
    builder.custom_objects()
    builder.groups_and_properties()
    builder.pipelines()
    builder.workflows()
    builder.check_limits()
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    ops = sorted(builder.ops, key=lambda op: _rank(op, order))  # stable: config order within a kind
    info = {
        "tier": state.tier.value,
        "tier_reason": state.tier_reason,
        "tier_known": state.tier_known,
        "portal_id": state.portal_id,
        **(portal or {}),
    }
    return Plan(ops, builder.refusals, info, state.reads, _budget(state), builder.resolver)


def _rank(op: Operation, order: dict[str, int]) -> float:
    """Where an operation stands in the plan: by kind, except that a stage archived once its
    records have moved is shown (and sent) after the move."""
    if op.kind == "stage" and any(d.startswith("move:") for d in op.depends_on):
        return order["move"] + 0.5
    return order[op.kind]


def _budget(state: PortalState) -> int:
    from hubwizard.hubspot_rules import RATE_LIMIT_PER_10S

    return RATE_LIMIT_PER_10S[state.tier if state.tier_known else Tier.FREE]


def _same_item(a: str, b: str) -> bool:
    """``a`` and ``b`` are the same item of the config, or one lies inside the other."""
    short, long = sorted((a, b), key=len)
    return long == short or long.startswith((f"{short}.", f"{short}["))


def _pipelines(count: int, object_name: str) -> str:
    """'2 deal pipelines', '1 ticket pipeline' in the session's language."""
    if object_name == "deals":
        return ngettext("{count} deal pipeline", "{count} deal pipelines", count).format(count=count)
    if object_name == "tickets":
        return ngettext("{count} ticket pipeline", "{count} ticket pipelines", count).format(count=count)
    return ngettext("{count} {object} pipeline", "{count} {object} pipelines", count).format(
        count=count, object=object_name
    )
