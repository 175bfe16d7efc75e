"""Plan: the difference between a config and a portal, as an ordered list of operations.

``make_plan`` is pure: config + portal snapshot in, ``Plan`` out, no call made (stage usage
for ``prune`` is passed in by the caller). Every operation says what it does in business words
("stage *Quote sent*: probability 50% → 60%"), what it sends, and what it depends on. Nothing is
archived unless ``prune`` is asked, and never HubSpot's defaults or a stage holding deals.
A pre-flight refuses the whole plan, before any write, when the portal cannot take the config.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hubwizard import lint
from hubwizard.config import Config, CustomObject, Pipeline, Workflow
from hubwizard.findings import Finding, Severity
from hubwizard.flows import (
    Resolver,
    UnresolvedReference,
    comparable_flow,
    compile_workflow,
    decompile_workflow,
)
from hubwizard.hubspot_rules import (
    BATCH_SIZE,
    CUSTOM_OBJECTS_MIN_TIER,
    CUSTOM_PROPERTIES_PER_OBJECT,
    PIPELINES_PER_OBJECT,
    STANDARD_OBJECTS,
    WORKFLOWS_MIN_TIER,
)
from hubwizard.payloads import (
    comparable_property,
    comparable_schema,
    desired_schema,
    inline_property_names,
    pipeline_body,
    pipeline_kind,
    portal_stage_metadata,
    property_body,
    schema_egg,
    stage_body,
    stage_metadata,
)
from hubwizard.ratelimit import SAFETY
from hubwizard.state import DEFAULT_PIPELINE_IDS, PortalState
from hubwizard.wording import OBJECT_NOUNS, money, percent, plural, tier_name, value_text

KIND_ORDER = ("property_group", "custom_object", "property", "association", "pipeline", "stage", "workflow")
"""Dependency order: groups before their properties, custom objects before anything on them,
pipelines (stage ids) before the workflows that point at them."""


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    KEEP = "keep"
    ARCHIVE = "archive"


WRITES = (Action.CREATE, Action.UPDATE, Action.ARCHIVE)


@dataclass
class Change:
    field: str
    before: Any
    after: Any
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after, "text": self.text}


@dataclass
class Operation:
    """One thing the apply will do (or deliberately not do) in the portal."""

    id: str
    action: Action
    kind: str
    key: str
    object: str
    title: str
    changes: list[Change] = field(default_factory=list)
    body: dict[str, Any] = field(default_factory=dict)
    """What is sent (create/update), in HubSpot's JSON."""
    target: dict[str, Any] = field(default_factory=dict)
    """Ids the call needs: pipeline id, stage id, flow id and revision..."""
    previous: dict[str, Any] = field(default_factory=dict)
    """The portal's values before an update, so undo can put them back."""
    depends_on: list[str] = field(default_factory=list)
    path: str = ""
    """Where the item stands in the config (for the wizard's "fix it" links)."""
    notes: list[str] = field(default_factory=list)

    @property
    def writes(self) -> bool:
        return self.action in WRITES

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "action": self.action.value,
            "kind": self.kind,
            "key": self.key,
            "object": self.object,
            "title": self.title,
            "changes": [c.to_dict() for c in self.changes],
            "path": self.path,
            "notes": list(self.notes),
        }


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
                    f"Custom object '{obj.singular}' needs HubSpot Enterprise; this portal is {portal_tier}.",
                    "Remove the custom object, or provision into an Enterprise portal.",
                    "Delete the custom object, or choose an Enterprise portal.",
                )
        if self.config.workflows and not self.state.flows_allowed:
            self.refuse(
                "PLAN505",
                "workflows",
                f"This portal does not accept workflows: it is {portal_tier}, or the access "
                "token lacks the automation scope.",
                "Workflows need Professional or Enterprise and a token with the 'automation' "
                "scope; remove them or use another portal.",
                "Workflows need HubSpot Professional or Enterprise and an access token with the "
                "automation scope: delete the workflows, add the scope to the private app, or "
                "choose another portal.",
            )
        elif self.config.workflows and not tier.at_least(WORKFLOWS_MIN_TIER):
            self.refuse(
                "PLAN505",
                "workflows",
                f"Workflows need HubSpot Professional or Enterprise; this portal is {portal_tier}.",
                "Remove the workflows or use another portal.",
                "Delete the workflows, or choose another portal.",
            )
        owners = self.state.owner_ids()
        for w, workflow in enumerate(self.config.workflows):
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
                    known = ", ".join(sorted(owners)) or "none"
                    self.refuse(
                        "PLAN501",
                        f"workflows[{w}].steps[{s}]",
                        f"Workflow '{workflow.name}' names '{email}', who is not a user of this portal.",
                        f"Use one of the portal's owners: {known}.",
                        f"Choose one of the portal's users: {known}.",
                    )

    def check_limits(self) -> None:
        """Limits that depend on what the portal already holds (the linter checks the file
        against the subscription's limits on its own: HW103, HW401, HW308)."""
        for object_name in sorted({p.object for p in self.config.pipelines}):
            existing = [p for p in self.state.pipelines.get(object_name, []) if not p.get("archived")]
            creates = sum(
                1
                for op in self.ops
                if op.kind == "pipeline" and op.action is Action.CREATE and op.object == object_name
            )
            limit = self.state.pipeline_limit(object_name)
            if limit is None and object_name in ("deals", "tickets"):
                limit = PIPELINES_PER_OBJECT[self.state.tier]
            if creates and limit is not None and len(existing) + creates > limit:
                thing = OBJECT_NOUNS.get(object_name, object_name)
                self.refuse(
                    "PLAN103",
                    "pipelines",
                    f"The portal allows {plural(limit, f'{thing} pipeline')} and already has "
                    f"{len(existing)}; this plan would add {creates}.",
                    "Use fewer pipelines (a property often replaces a pipeline), pin one to an "
                    "existing pipeline with hubspot_id, or upgrade the portal.",
                    "Use fewer pipelines (a property often replaces a pipeline), reuse one the "
                    "portal already has, or upgrade the portal's subscription.",
                )
        if self.state.limits.custom_object_types:
            limit, usage = self.state.limits.custom_object_types
            creates = sum(1 for op in self.ops if op.kind == "custom_object" and op.action is Action.CREATE)
            if creates and usage + creates > limit:
                self.refuse(
                    "PLAN401",
                    "custom_objects",
                    f"The portal allows {plural(limit, 'custom object')} and already has {usage}; "
                    f"this plan would add {creates}.",
                    "Remove custom objects or raise the portal's limit.",
                    "Delete custom objects, or raise the portal's limit.",
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
                    f"With this plan {object_name} would have {usage + creates} custom properties "
                    f"in the portal; it allows {limit}.",
                    "Remove properties, or prefer HubSpot's native ones.",
                    "Delete properties, or prefer HubSpot's own.",
                )

    # --- property groups and properties -----------------------------------------------

    def groups_and_properties(self) -> None:
        desired: list[tuple[str, str, str, list[Any], str]] = []  # object, name, label, properties, path
        for g, group in enumerate(self.config.property_groups):
            desired.append((group.object, group.name, group.label, group.properties, f"property_groups[{g}]"))
        for o, obj in enumerate(self.config.custom_objects):
            for g, group in enumerate(obj.property_groups):
                desired.append(
                    (
                        obj.name,
                        group.name,
                        group.label,
                        group.properties,
                        f"custom_objects[{o}].property_groups[{g}]",
                    )
                )
        seen_props: dict[str, set[str]] = {}
        seen_groups: dict[str, set[str]] = {}
        for object_name, name, label, properties, path in desired:
            seen_groups.setdefault(object_name, set()).add(name)
            existing = next(
                (x for x in self.state.groups.get(object_name, []) if x.get("name") == name), None
            )
            deps = self._object_deps(object_name)
            key = f"{object_name}/{name}"
            if existing is None:
                self.add(
                    Operation(
                        f"group:{key}",
                        Action.CREATE,
                        "property_group",
                        key,
                        object_name,
                        f"Create property group '{label}' on {object_name}",
                        body={"name": name, "label": label},
                        depends_on=deps,
                        path=path,
                    )
                )
            elif existing.get("label") != label:
                self.add(
                    Operation(
                        f"group:{key}",
                        Action.UPDATE,
                        "property_group",
                        key,
                        object_name,
                        f"Rename property group '{existing.get('label')}' to '{label}'",
                        changes=[
                            Change(
                                "label",
                                existing.get("label"),
                                label,
                                f"label '{existing.get('label')}' → '{label}'",
                            )
                        ],
                        body={"label": label},
                        previous={"label": existing.get("label")},
                        path=path,
                    )
                )
            else:
                self.add(
                    Operation(
                        f"group:{key}",
                        Action.UNCHANGED,
                        "property_group",
                        key,
                        object_name,
                        f"Property group '{label}' on {object_name}",
                        path=path,
                    )
                )
            for p, prop in enumerate(properties):
                seen_props.setdefault(object_name, set()).add(prop.name)
                self.property(object_name, name, prop, f"{path}.properties[{p}]")
        if self.prune:
            self._prune_properties(seen_groups, seen_props)
        else:
            for object_name in sorted(self.state.properties):
                if object_name not in seen_props and object_name not in seen_groups:
                    continue
                for prop in self.state.custom_properties(object_name):
                    if prop.get("name") not in seen_props.get(object_name, set()):
                        key = f"{object_name}/{prop['name']}"
                        self.add(
                            Operation(
                                f"property:{key}",
                                Action.KEEP,
                                "property",
                                key,
                                object_name,
                                f"Keep property '{prop.get('label')}' on {object_name} (not in the config)",
                            )
                        )

    def _object_deps(self, object_name: str) -> list[str]:
        if object_name in STANDARD_OBJECTS or self.state.schema(object_name) is not None:
            return []
        return [f"object:{object_name}"]

    def property(self, object_name: str, group: str, prop: Any, path: str) -> None:
        key = f"{object_name}/{prop.name}"
        body = property_body(prop, group)
        existing = next(
            (x for x in self.state.properties.get(object_name, []) if x.get("name") == prop.name), None
        )
        obj = self.config.custom_object(object_name)
        inline = (
            obj is not None
            and self.state.schema(object_name) is None
            and prop.name in inline_property_names(obj)
        )
        deps = [f"group:{object_name}/{group}", *self._object_deps(object_name)]
        if inline:
            # created inside the custom object's definition; then moved into its group
            self.add(
                Operation(
                    f"property:{key}",
                    Action.UPDATE,
                    "property",
                    key,
                    object_name,
                    f"Put property '{prop.label}' into group '{group}'",
                    changes=[Change("groupName", "", group, f"group → '{group}'")],
                    body={"groupName": group},
                    depends_on=deps,
                    path=path,
                    notes=["created with the custom object's definition"],
                )
            )
            return
        if existing is None:
            self.add(
                Operation(
                    f"property:{key}",
                    Action.CREATE,
                    "property",
                    key,
                    object_name,
                    f"Create property '{prop.label}' ({prop.type.value}) on {object_name}",
                    body=body,
                    depends_on=deps,
                    path=path,
                )
            )
            return
        if existing.get("hubspotDefined"):
            self.refuse(
                "PLAN301",
                path,
                f"'{prop.name}' is one of HubSpot's own {object_name} properties",
                "Use the native property instead of defining it, or choose another internal name.",
            )
            return
        before, after = comparable_property(existing), comparable_property(body)
        changes = [_change(f, before[f], after[f]) for f in before if before[f] != after[f]]
        if bool(existing.get("hasUniqueValue")) != prop.unique:
            self.refuse(
                "PLAN302",
                f"{path}.unique",
                f"property '{prop.name}' is {'unique' if existing.get('hasUniqueValue') else 'not unique'} in the portal; HubSpot cannot change that after creation",
                "Set unique to match the portal, or create a new property.",
            )
        if changes:
            self.add(
                Operation(
                    f"property:{key}",
                    Action.UPDATE,
                    "property",
                    key,
                    object_name,
                    f"Update property '{prop.label}' on {object_name}",
                    changes=changes,
                    body={f: body[f] for f in before if before[f] != after[f]},
                    previous={f: existing.get(f) for f in before if before[f] != after[f]},
                    depends_on=[
                        d
                        for d in deps
                        if "groupName" in {c.field for c in changes} or not d.startswith("group:")
                    ],
                    path=path,
                )
            )
        else:
            self.add(
                Operation(
                    f"property:{key}",
                    Action.UNCHANGED,
                    "property",
                    key,
                    object_name,
                    f"Property '{prop.label}' on {object_name}",
                    path=path,
                )
            )

    def _prune_properties(self, seen_groups: dict[str, set[str]], seen_props: dict[str, set[str]]) -> None:
        for object_name in sorted(set(seen_groups) | set(seen_props)):
            for prop in self.state.custom_properties(object_name):
                if prop.get("name") not in seen_props.get(object_name, set()):
                    key = f"{object_name}/{prop['name']}"
                    self.add(
                        Operation(
                            f"property:{key}",
                            Action.ARCHIVE,
                            "property",
                            key,
                            object_name,
                            f"Archive property '{prop.get('label')}' on {object_name}",
                            target={"name": prop["name"]},
                            previous=prop,
                        )
                    )

    # --- custom objects ---------------------------------------------------------------

    def custom_objects(self) -> None:
        for o, obj in enumerate(self.config.custom_objects):
            path = f"custom_objects[{o}]"
            existing = self.state.schema(obj.name)
            if existing is None:
                self.add(
                    Operation(
                        f"object:{obj.name}",
                        Action.CREATE,
                        "custom_object",
                        obj.name,
                        obj.name,
                        f"Create custom object '{obj.singular}'",
                        body=schema_egg(obj),
                        path=path,
                    )
                )
                self.unresolved.add(f"object:{obj.name}")
                continue
            before, after = comparable_schema(existing), desired_schema(obj)
            mutable = (
                "description",
                "primaryDisplayProperty",
                "secondaryDisplayProperties",
                "requiredProperties",
            )
            changes = [_change(f, before[f], after[f]) for f in mutable if before[f] != after[f]]
            for f in ("singular", "plural"):
                if before[f] != after[f]:
                    self.refuse(
                        "PLAN402",
                        f"{path}.{f}",
                        f"custom object '{obj.name}': the {f} label is '{before[f]}' in the portal and HubSpot cannot change it",
                        f"Set {f} back to '{before[f]}'.",
                    )
            ot = str(existing.get("objectTypeId"))
            if changes:
                self.add(
                    Operation(
                        f"object:{obj.name}",
                        Action.UPDATE,
                        "custom_object",
                        obj.name,
                        obj.name,
                        f"Update custom object '{obj.singular}'",
                        changes=changes,
                        body={f: schema_egg(obj).get(f) for f in mutable if before[f] != after[f]},
                        target={"objectTypeId": ot},
                        previous={f: existing.get(f) for f in mutable},
                        path=path,
                    )
                )
            else:
                self.add(
                    Operation(
                        f"object:{obj.name}",
                        Action.UNCHANGED,
                        "custom_object",
                        obj.name,
                        obj.name,
                        f"Custom object '{obj.singular}'",
                        path=path,
                    )
                )
            self._associations(obj, existing, path)
        names = {o.name for o in self.config.custom_objects}
        for schema in self.state.schemas:
            if schema.get("name") not in names and not schema.get("archived"):
                label = (schema.get("labels") or {}).get("singular", schema.get("name"))
                self.add(
                    Operation(
                        f"object:{schema['name']}",
                        Action.KEEP,
                        "custom_object",
                        str(schema["name"]),
                        str(schema["name"]),
                        f"Keep custom object '{label}' (not in the config; custom objects are never archived by hubwizard)",
                    )
                )

    def _associations(self, obj: CustomObject, existing: dict[str, Any], path: str) -> None:
        from hubwizard.payloads import association_targets

        ot = str(existing.get("objectTypeId"))
        have = {str(a.get("toObjectTypeId")) for a in existing.get("associations") or []} | {
            str(a.get("fromObjectTypeId")) for a in existing.get("associations") or []
        }
        for target in association_targets(obj):
            if target not in have:
                key = f"{obj.name}->{target}"
                self.add(
                    Operation(
                        f"association:{key}",
                        Action.CREATE,
                        "association",
                        key,
                        obj.name,
                        f"Associate '{obj.singular}' with {target}",
                        target={"objectTypeId": ot, "to": target},
                        path=f"{path}.associations",
                    )
                )

    # --- pipelines and stages ---------------------------------------------------------

    def pipelines(self) -> None:
        matched: dict[str, set[str]] = {}
        for p, pipeline in enumerate(self.config.pipelines):
            path = f"pipelines[{p}]"
            existing_all = self.state.pipelines.get(pipeline.object, [])
            existing = _match_pipeline(pipeline, existing_all)
            key = f"{pipeline.object}/{pipeline.label}"
            kind = pipeline_kind(pipeline.object)
            if existing is None:
                order = max((int(x.get("displayOrder", 0)) for x in existing_all), default=-1) + 1 + p
                if pipeline.hubspot_id:
                    self.refuse(
                        "PLAN104",
                        f"{path}.hubspot_id",
                        f"pipeline '{pipeline.label}' is pinned to id {pipeline.hubspot_id}, which the portal does not have",
                        "Remove hubspot_id to create the pipeline, or export the portal again to get its ids.",
                    )
                self.add(
                    Operation(
                        f"pipeline:{pipeline.id}",
                        Action.CREATE,
                        "pipeline",
                        key,
                        pipeline.object,
                        f"Create {_noun(self.config, pipeline.object)} pipeline '{pipeline.label}' with {plural(len(pipeline.stages), 'stage')}",
                        changes=[
                            Change(
                                f"stage {s.label}",
                                None,
                                _stage_words(s, kind),
                                f"stage *{s.label}*: {_stage_words(s, kind)}",
                            )
                            for s in pipeline.stages
                        ],
                        body=pipeline_body(pipeline, order),
                        target={"local_id": pipeline.id},
                        depends_on=self._object_deps(pipeline.object),
                        path=path,
                    )
                )
                self.unresolved.add(f"pipeline:{pipeline.id}")
                continue
            matched.setdefault(pipeline.object, set()).add(str(existing["id"]))
            pid = str(existing["id"])
            self.resolver.pipeline_ids[pipeline.id] = pid
            if existing.get("label") != pipeline.label:
                self.add(
                    Operation(
                        f"pipeline:{pipeline.id}",
                        Action.UPDATE,
                        "pipeline",
                        key,
                        pipeline.object,
                        f"Rename pipeline '{existing.get('label')}' to '{pipeline.label}'",
                        changes=[_change("label", existing.get("label"), pipeline.label)],
                        body={"label": pipeline.label},
                        target={"pipelineId": pid},
                        previous={"label": existing.get("label")},
                        path=path,
                    )
                )
            else:
                self.add(
                    Operation(
                        f"pipeline:{pipeline.id}",
                        Action.UNCHANGED,
                        "pipeline",
                        key,
                        pipeline.object,
                        f"Pipeline '{pipeline.label}' on {pipeline.object}",
                        target={"pipelineId": pid},
                        path=path,
                    )
                )
            self.stages(pipeline, existing, path)
        for object_name, pipelines in sorted(self.state.pipelines.items()):
            if object_name not in {p.object for p in self.config.pipelines}:
                continue
            for portal_pipeline in pipelines:
                if str(portal_pipeline.get("id")) in matched.get(object_name, set()) or portal_pipeline.get(
                    "archived"
                ):
                    continue
                key = f"{object_name}/{portal_pipeline.get('label')}"
                pid = str(portal_pipeline.get("id"))
                if self.prune and pid not in DEFAULT_PIPELINE_IDS:
                    self._prune_pipeline(object_name, portal_pipeline, key)
                else:
                    why = "HubSpot's default pipeline" if pid in DEFAULT_PIPELINE_IDS else "not in the config"
                    self.add(
                        Operation(
                            f"pipeline:{object_name}:{pid}",
                            Action.KEEP,
                            "pipeline",
                            key,
                            object_name,
                            f"Keep pipeline '{portal_pipeline.get('label')}' ({why})",
                            target={"pipelineId": pid},
                        )
                    )

    def stages(self, pipeline: Pipeline, existing: dict[str, Any], path: str) -> None:
        kind = pipeline_kind(pipeline.object)
        pid = str(existing["id"])
        portal_stages = sorted(
            (s for s in existing.get("stages") or [] if not s.get("archived")),
            key=lambda s: int(s.get("displayOrder", 0)),
        )
        pairs: list[tuple[int, Any, dict[str, Any] | None]] = []
        used: set[str] = set()
        for i, stage in enumerate(pipeline.stages):
            found = _match_stage(stage, portal_stages, used)
            if found is not None:
                used.add(str(found["id"]))
                self.resolver.stage_ids[(pipeline.id, stage.id)] = str(found["id"])
            elif stage.hubspot_id:
                self.refuse(
                    "PLAN104",
                    f"{path}.stages[{i}].hubspot_id",
                    f"stage '{stage.label}' is pinned to id {stage.hubspot_id}, which pipeline '{pipeline.label}' does not have",
                    "Remove hubspot_id to create the stage.",
                )
            pairs.append((i, stage, found))
        orders = [int(f.get("displayOrder", 0)) for _, _, f in pairs if f is not None]
        in_order = orders == sorted(orders) and len(set(orders)) == len(orders)
        first_new = next((i for i, _, f in pairs if f is None), None)
        last_matched = max((i for i, _, f in pairs if f is not None), default=-1)
        renumber = not in_order or (first_new is not None and first_new < last_matched)
        next_order = max((int(s.get("displayOrder", 0)) for s in portal_stages), default=-1) + 1
        for i, stage, found in pairs:
            spath = f"{path}.stages[{i}]"
            key = f"{pipeline.object}/{pipeline.label}/{stage.label}"
            if found is None:
                order = i if renumber else next_order
                next_order += 0 if renumber else 1
                self.add(
                    Operation(
                        f"stage:{pipeline.id}:{stage.id}",
                        Action.CREATE,
                        "stage",
                        key,
                        pipeline.object,
                        f"Add stage '{stage.label}' to '{pipeline.label}' ({_stage_words(stage, kind)})",
                        changes=[
                            Change(
                                "stage",
                                None,
                                _stage_words(stage, kind),
                                f"new stage *{stage.label}*: {_stage_words(stage, kind)}",
                            )
                        ],
                        body=stage_body(stage, kind, order),
                        target={"pipelineId": pid, "pipeline": pipeline.id, "stage": stage.id},
                        path=spath,
                    )
                )
                self.unresolved.add(f"stage:{pipeline.id}:{stage.id}")
                continue
            changes, body, previous = [], {}, {}
            if found.get("label") != stage.label:
                changes.append(
                    Change(
                        "label",
                        found.get("label"),
                        stage.label,
                        f"stage *{found.get('label')}*: renamed to *{stage.label}*",
                    )
                )
                body["label"], previous["label"] = stage.label, found.get("label")
            before = portal_stage_metadata(found.get("metadata"), kind)
            after = stage_metadata(stage, kind)
            if before != after:
                changes.extend(_metadata_changes(stage.label, before, after, kind))
                body["metadata"], previous["metadata"] = after, dict(found.get("metadata") or {})
            if renumber and int(found.get("displayOrder", 0)) != i:
                changes.append(
                    Change(
                        "displayOrder",
                        found.get("displayOrder"),
                        i,
                        f"stage *{stage.label}*: moved to position {i + 1}",
                    )
                )
                body["displayOrder"], previous["displayOrder"] = i, found.get("displayOrder")
            if changes:
                self.add(
                    Operation(
                        f"stage:{pipeline.id}:{stage.id}",
                        Action.UPDATE,
                        "stage",
                        key,
                        pipeline.object,
                        f"Update stage '{stage.label}' of '{pipeline.label}'",
                        changes=changes,
                        body=body,
                        previous=previous,
                        target={"pipelineId": pid, "stageId": str(found["id"])},
                        path=spath,
                    )
                )
            else:
                self.add(
                    Operation(
                        f"stage:{pipeline.id}:{stage.id}",
                        Action.UNCHANGED,
                        "stage",
                        key,
                        pipeline.object,
                        f"Stage '{stage.label}' of '{pipeline.label}'",
                        target={"pipelineId": pid, "stageId": str(found["id"])},
                        path=spath,
                    )
                )
        for portal_stage in portal_stages:
            sid = str(portal_stage["id"])
            if sid in used:
                continue
            key = f"{pipeline.object}/{pipeline.label}/{portal_stage.get('label')}"
            op = Operation(
                f"stage:{pipeline.id}:{sid}",
                Action.KEEP,
                "stage",
                key,
                pipeline.object,
                f"Keep stage '{portal_stage.get('label')}' of '{pipeline.label}' (not in the config)",
                target={"pipelineId": pid, "stageId": sid},
                path=path,
            )
            if self.prune:
                self._prune_stage(op, pipeline.object, pid, portal_stage)
            self.add(op)

    def _prune_stage(self, op: Operation, object_name: str, pid: str, stage: dict[str, Any]) -> None:
        count, amount = self.usage(object_name, pid, str(stage["id"])) if self.usage else (0, 0.0)
        if count:
            op.notes.append(
                f"holds {plural(count, 'record')}"
                + (f" worth {money(amount)}" if amount else "")
                + ": kept; move them first"
            )
            op.title = f"Keep stage '{stage.get('label')}': it holds {plural(count, 'record')}" + (
                f" worth {money(amount)}" if amount else ""
            )
            return
        op.action = Action.ARCHIVE
        op.title = f"Archive stage '{stage.get('label')}' (empty, not in the config)"
        op.previous = dict(stage)

    def _prune_pipeline(self, object_name: str, portal_pipeline: dict[str, Any], key: str) -> None:
        pid = str(portal_pipeline["id"])
        held = (
            [(s, *self.usage(object_name, pid, str(s["id"]))) for s in portal_pipeline.get("stages") or []]
            if self.usage
            else []
        )
        busy = [(s, n, a) for s, n, a in held if n]
        op = Operation(
            f"pipeline:{object_name}:{pid}",
            Action.ARCHIVE,
            "pipeline",
            key,
            object_name,
            f"Archive pipeline '{portal_pipeline.get('label')}' (empty, not in the config)",
            target={"pipelineId": pid},
            previous=portal_pipeline,
        )
        if busy:
            records = sum(n for _, n, _ in busy)
            amount = sum(a for _, _, a in busy)
            op.action = Action.KEEP
            op.title = (
                f"Keep pipeline '{portal_pipeline.get('label')}': it holds {plural(records, 'record')}"
                + (f" worth {money(amount)}" if amount else "")
            )
            op.notes = [
                f"stage *{s.get('label')}*: {plural(n, 'record')}" + (f" worth {money(a)}" if a else "")
                for s, n, a in busy
            ]
        self.add(op)

    # --- workflows --------------------------------------------------------------------

    def workflows(self) -> None:
        by_id = {str(f.get("id")): f for f in self.state.flows}
        matched: set[str] = set()
        for w, workflow in enumerate(self.config.workflows):
            path = f"workflows[{w}]"
            existing = (
                by_id.get(workflow.hubspot_id or "")
                if workflow.hubspot_id
                else next(
                    (
                        f
                        for f in self.state.flows
                        if f.get("name") == workflow.name and str(f.get("id")) not in matched
                    ),
                    None,
                )
            )
            deps = sorted(d for d in self._workflow_refs(workflow) if d in self.unresolved)
            key = workflow.name
            try:
                body = compile_workflow(workflow, self.resolver)
            except UnresolvedReference:
                body = {}
            if existing is None:
                if workflow.hubspot_id:
                    self.refuse(
                        "PLAN104",
                        f"{path}.hubspot_id",
                        f"workflow '{workflow.name}' is pinned to id {workflow.hubspot_id}, which the portal does not have",
                        "Remove hubspot_id to create the workflow.",
                    )
                self.add(
                    Operation(
                        f"workflow:{workflow.id}",
                        Action.CREATE,
                        "workflow",
                        key,
                        workflow.object,
                        f"Create workflow '{workflow.name}'"
                        + ("" if workflow.enabled else " (switched off)"),
                        changes=[
                            Change(
                                "workflow",
                                None,
                                _sentence(workflow, self.config),
                                _sentence(workflow, self.config),
                            )
                        ],
                        body=body,
                        target={"local_id": workflow.id},
                        depends_on=deps,
                        path=path,
                    )
                )
                continue
            matched.add(str(existing["id"]))
            current = decompile_workflow(existing, self._reverse_resolver(), workflow.id)
            same = bool(body) and comparable_flow(body) == comparable_flow(existing)
            target = {"flowId": str(existing["id"]), "revisionId": existing.get("revisionId")}
            if same:
                self.add(
                    Operation(
                        f"workflow:{workflow.id}",
                        Action.UNCHANGED,
                        "workflow",
                        key,
                        workflow.object,
                        f"Workflow '{workflow.name}'",
                        target=target,
                        path=path,
                    )
                )
                continue
            changes = _workflow_changes(current, workflow, self.config)
            self.add(
                Operation(
                    f"workflow:{workflow.id}",
                    Action.UPDATE,
                    "workflow",
                    key,
                    workflow.object,
                    f"Update workflow '{workflow.name}'",
                    changes=changes
                    or [
                        Change(
                            "workflow",
                            None,
                            None,
                            "HubSpot's copy differs in details the config does not show; it will be replaced",
                        )
                    ],
                    body=body,
                    target=target,
                    previous=existing,
                    depends_on=deps,
                    path=path,
                )
            )
        for flow in self.state.flows:
            if str(flow.get("id")) in matched:
                continue
            fid = str(flow.get("id"))
            if self.prune:
                self.add(
                    Operation(
                        f"workflow:hubspot:{fid}",
                        Action.ARCHIVE,
                        "workflow",
                        str(flow.get("name")),
                        resolver_object(self.resolver, flow),
                        f"Delete workflow '{flow.get('name')}' (not in the config)",
                        target={"flowId": fid},
                        previous=flow,
                    )
                )
            else:
                self.add(
                    Operation(
                        f"workflow:hubspot:{fid}",
                        Action.KEEP,
                        "workflow",
                        str(flow.get("name")),
                        resolver_object(self.resolver, flow),
                        f"Keep workflow '{flow.get('name')}' (not in the config)",
                        target={"flowId": fid},
                    )
                )

    def _workflow_refs(self, workflow: Workflow) -> set[str]:
        refs = {f"object:{workflow.object}"}
        trigger = workflow.trigger.stage_entered
        if trigger:
            refs |= {f"pipeline:{trigger.pipeline}", f"stage:{trigger.pipeline}:{trigger.stage}"}
        for step in workflow.steps:
            ref = step.move_to_stage or step.copy_to_pipeline
            if ref:
                refs |= {f"pipeline:{ref.pipeline}", f"stage:{ref.pipeline}:{ref.stage}"}
        return refs

    def _reverse_resolver(self) -> Resolver:
        return self.resolver


def resolver_object(resolver: Resolver, flow: dict[str, Any]) -> str:
    return resolver.object_name(str(flow.get("objectTypeId", "0-3")))


def _same_item(a: str, b: str) -> bool:
    """``a`` and ``b`` are the same item of the config, or one lies inside the other."""
    short, long = sorted((a, b), key=len)
    return long == short or long.startswith((f"{short}.", f"{short}["))


def _match_pipeline(pipeline: Pipeline, existing: list[dict[str, Any]]) -> dict[str, Any] | None:
    live = [x for x in existing if not x.get("archived")]
    if pipeline.hubspot_id:
        return next((x for x in live if str(x.get("id")) == pipeline.hubspot_id), None)
    found = next((x for x in live if x.get("label") == pipeline.label), None)
    return found or next(
        (x for x in live if str(x.get("label", "")).casefold() == pipeline.label.casefold()), None
    )


def _match_stage(stage: Any, existing: list[dict[str, Any]], used: set[str]) -> dict[str, Any] | None:
    free = [s for s in existing if str(s.get("id")) not in used]
    if stage.hubspot_id:
        return next((s for s in free if str(s.get("id")) == stage.hubspot_id), None)
    found = next((s for s in free if s.get("label") == stage.label), None)
    return found or next(
        (s for s in free if str(s.get("label", "")).casefold() == stage.label.casefold()), None
    )


def _noun(config: Config, object_name: str) -> str:
    from hubwizard.wording import noun

    return noun(config, object_name)


def _stage_words(stage: Any, kind: str) -> str:
    if kind == "deals":
        if stage.closed:
            return f"closed {stage.closed}"
        return f"probability {percent(stage.probability)}"
    return "closed" if stage.state == "closed" else "open"


def _metadata_changes(label: str, before: dict[str, str], after: dict[str, str], kind: str) -> list[Change]:
    changes = []
    if kind == "deals":
        if before.get("probability") != after.get("probability"):
            b, a = float(before["probability"]), float(after["probability"])
            changes.append(
                Change("probability", b, a, f"stage *{label}*: probability {percent(b)} → {percent(a)}")
            )
        if before.get("isClosed") != after.get("isClosed"):
            state = "closed" if after.get("isClosed") == "true" else "open"
            changes.append(
                Change(
                    "isClosed", before.get("isClosed"), after.get("isClosed"), f"stage *{label}*: now {state}"
                )
            )
    else:
        for k, value in after.items():
            if before.get(k) != value:
                changes.append(
                    Change(
                        k,
                        before.get(k),
                        value,
                        f"stage *{label}*: {before.get(k, '').lower()} → {value.lower()}",
                    )
                )
    return changes


def _change(name: str, before: Any, after: Any) -> Change:
    if name == "options":
        b = [o["label"] for o in before] if isinstance(before, list) else []
        a = [o["label"] for o in after] if isinstance(after, list) else []
        added = [x for x in a if x not in b]
        removed = [x for x in b if x not in a]
        parts = []
        if added:
            parts.append("adds " + ", ".join(f"'{x}'" for x in added))
        if removed:
            parts.append("removes " + ", ".join(f"'{x}'" for x in removed))
        if not parts:
            parts.append("changes option values or order")
        return Change(name, before, after, "options: " + "; ".join(parts))
    return Change(name, before, after, f"{name}: {value_text(before)} → {value_text(after)}")


def _sentence(workflow: Workflow, config: Config) -> str:
    from hubwizard.wording import describe_workflow

    return describe_workflow(workflow, config)


def _workflow_changes(current: Workflow, desired: Workflow, config: Config) -> list[Change]:
    from hubwizard.wording import describe_step, describe_trigger

    changes = []
    if current.enabled != desired.enabled:
        changes.append(
            Change(
                "enabled", current.enabled, desired.enabled, f"switched {'on' if desired.enabled else 'off'}"
            )
        )
    if current.trigger != desired.trigger:
        before = (
            describe_trigger(current, config) if current.trigger.hubspot is None else "HubSpot's own criteria"
        )
        changes.append(
            Change(
                "trigger",
                before,
                describe_trigger(desired, config),
                f"trigger: {before} → {describe_trigger(desired, config)}",
            )
        )
    if current.exit_when_trigger_no_longer_true != desired.exit_when_trigger_no_longer_true:
        changes.append(
            Change(
                "exit_when_trigger_no_longer_true",
                current.exit_when_trigger_no_longer_true,
                desired.exit_when_trigger_no_longer_true,
                "stops when the trigger no longer holds"
                if desired.exit_when_trigger_no_longer_true
                else "keeps going when the trigger no longer holds",
            )
        )
    if current.name != desired.name:
        changes.append(_change("name", current.name, desired.name))
    length = max(len(current.steps), len(desired.steps))
    for i in range(length):
        b = current.steps[i] if i < len(current.steps) else None
        a = desired.steps[i] if i < len(desired.steps) else None
        if b == a:
            continue
        bt = describe_step(b, config, desired.object) if b else "(none)"
        at = describe_step(a, config, desired.object) if a else "(removed)"
        changes.append(Change(f"steps[{i}]", bt, at, f"step {i + 1}: {bt} → {at}"))
    return changes


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
    ops = sorted(builder.ops, key=lambda op: order[op.kind])  # stable: config order within a kind
    info = {
        "tier": state.tier.value,
        "tier_reason": state.tier_reason,
        "portal_id": state.portal_id,
        **(portal or {}),
    }
    return Plan(ops, builder.refusals, info, state.reads, _budget(state), builder.resolver)


def _budget(state: PortalState) -> int:
    from hubwizard.hubspot_rules import RATE_LIMIT_PER_10S

    return RATE_LIMIT_PER_10S[state.tier]
