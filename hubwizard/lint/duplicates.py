"""Workflows that do the same thing: HW508.

Guide, section 4: a workflow is a trigger, an optional delay and an action; do not automate
everything. Two workflows with the same trigger and the same actions act twice on every record
(two reminder tasks for one quote): one of them is a leftover copy. Their names, the subject and
text of their tasks and notifications, and how long they wait do not make them different; the
trigger (object, pipeline and stage, or property and values) and each action and its target do.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterator

from hubwizard.config import Config, Step, Workflow
from hubwizard.findings import Severity
from hubwizard.i18n import _
from hubwizard.lint.common import q
from hubwizard.lint.registry import Issue, rule


def _trigger(workflow: Workflow) -> Hashable | None:
    trigger = workflow.trigger
    if trigger is None:
        return None
    if trigger.stage_entered is not None:
        return ("stage", trigger.stage_entered.pipeline, trigger.stage_entered.stage)
    if trigger.property_is is not None:
        found = trigger.property_is
        return ("property", json.dumps(found.model_dump(mode="json"), sort_keys=True, default=str))
    if trigger.hubspot is not None:
        return ("hubspot", json.dumps(trigger.hubspot, sort_keys=True, default=str))
    return None


def _action(step: Step) -> Hashable | None:
    """What a step does, without its wording: None for a delay."""
    if step.create_task is not None:
        return ("task", step.create_task.assign_to)
    if step.notify_owner is not None:
        return ("notify",)
    if step.send_email is not None:
        return ("email", step.send_email.email_id)
    if step.set_property is not None:
        return ("set", step.set_property.property, step.set_property.value)
    if step.move_to_stage is not None:
        return ("move", step.move_to_stage.pipeline, step.move_to_stage.stage)
    if step.copy_to_pipeline is not None:
        return ("copy", step.copy_to_pipeline.pipeline, step.copy_to_pipeline.stage)
    if step.assign_owner is not None:
        return ("owner", step.assign_owner.owner.strip().lower())
    if step.hubspot_action is not None:
        return ("hubspot", json.dumps(step.hubspot_action, sort_keys=True, default=str))
    return None


def signature(workflow: Workflow) -> Hashable | None:
    """What a workflow does, as a value two copies share; None when there is nothing to compare
    (no trigger, no action, or steps kept in HubSpot)."""
    trigger = _trigger(workflow)
    actions = tuple(a for a in (_action(s) for s in workflow.steps) if a is not None)
    if trigger is None or not actions or workflow.managed_in_hubspot:
        return None
    return (workflow.object, trigger, actions)


@rule("HW508", Severity.WARNING, "several workflows doing the same thing")
def same_workflows(config: Config) -> Iterator[Issue]:
    first: dict[Hashable, int] = {}
    for w, workflow in enumerate(config.workflows):
        key = signature(workflow)
        if key is None:
            continue
        if key not in first:
            first[key] = w
            continue
        earlier = config.workflows[first[key]]
        yield Issue(
            f"workflows[{w}]",
            _(
                "Workflows {first} and {second} do the same thing: same trigger, same actions. "
                "Every record would get it twice, e.g. two tasks for one reminder."
            ).format(first=q(earlier.name), second=q(workflow.name)),
            _(
                "Remove workflows[{index}] or give it a different trigger or action; names, task "
                "subjects and waiting times do not make two workflows different."
            ).format(index=w),
            _(
                "Delete {second}, or change its trigger or its steps; a different name, task "
                "title or waiting time does not make two workflows different."
            ).format(second=q(workflow.name)),
        )
