"""Workflow checks: HW502..HW507 (HW501, references, is in ``references.py``).

Guide, section 4: a workflow is a trigger, an optional delay and an action, e.g. a deal that
stays in "Quote sent" for 15 days gets a reminder. Do not automate everything: task creation
should not be systematic, or the sales team drowns in tasks.
"""

from __future__ import annotations

from collections.abc import Iterator

from hubwizard.config import Config, Workflow
from hubwizard.findings import Severity
from hubwizard.hubspot_rules import WORKFLOWS_MIN_TIER
from hubwizard.i18n import N_, _
from hubwizard.lint.common import listing, open_stages, q
from hubwizard.lint.registry import Issue, rule
from hubwizard.wording import noun, tier_name

MAX_TASK_WORKFLOWS_PER_PIPELINE = 3
"""HW502: more task-creating workflows than this on one pipeline is over-automation."""


def _creates_task(workflow: Workflow) -> bool:
    return any(step.create_task is not None for step in workflow.steps)


def _position(config: Config, workflow: Workflow) -> int:
    """Where ``workflow`` stands in the setup: HW502 is reported at the first of the workflows it
    names, so the wizard shows it on the Workflows page, where the tasks are made."""
    return next(k for k, candidate in enumerate(config.workflows) if candidate is workflow)


@rule(
    "HW502",
    Severity.WARNING,
    N_("over-automation: tasks on most stages, or more than 3 task workflows per pipeline"),
)
def over_automation(config: Config) -> Iterator[Issue]:
    by_pipeline: dict[str, list[Workflow]] = {}
    for workflow in config.workflows:
        entered = workflow.trigger.stage_entered if workflow.trigger else None
        if entered is not None and _creates_task(workflow):
            by_pipeline.setdefault(entered.pipeline, []).append(workflow)
    for pipeline in config.pipelines:
        workflows = by_pipeline.pop(pipeline.id, None)
        if not workflows:
            continue
        open_ids = {s.id for _, s in open_stages(pipeline)}
        stages = {w.trigger.stage_entered.stage for w in workflows if w.trigger and w.trigger.stage_entered}
        stages &= open_ids
        names = [w.name for w in workflows]
        words = {
            "count": len(stages),
            "open": len(open_ids),
            "pipeline": q(pipeline.label),
            "workflows": listing(names),
            "most": MAX_TASK_WORKFLOWS_PER_PIPELINE,
        }
        if len(stages) >= 2 and len(stages) > len(open_ids) / 2:
            message = _(
                "Workflows create tasks on {count} of the {open} open stages of pipeline "
                "{pipeline} ({workflows}): task creation is becoming systematic and the team will "
                "drown in tasks."
            )
        elif len(workflows) > MAX_TASK_WORKFLOWS_PER_PIPELINE:
            words["count"] = len(workflows)
            message = _(
                "{count} workflows create tasks on pipeline {pipeline} ({workflows}): task "
                "creation is becoming systematic and the team will drown in tasks."
            )
        else:
            continue
        yield Issue(
            f"workflows[{_position(config, workflows[0])}]",
            message.format(**words),
            _(
                "Keep tasks for the moments that need a person (e.g. a quote unsigned after 15 "
                "days); for the rest use notify_owner, an email, or nothing. At most {most} task "
                "workflows per pipeline, on fewer than half of its stages."
            ).format(**words),
            _(
                "Keep tasks for the moments that need a person (e.g. a quote unsigned after 15 "
                "days); in the other workflows use Email the owner instead of Create a task, or "
                "delete them. At most {most} task workflows per pipeline, on fewer than half of "
                "its stages."
            ).format(**words),
        )


@rule("HW503", Severity.WARNING, N_("a delayed reminder without exit_when_trigger_no_longer_true"))
def delayed_without_exit(config: Config) -> Iterator[Issue]:
    for w, workflow in enumerate(config.workflows):
        if workflow.exit_when_trigger_no_longer_true:
            continue
        delayed = False
        for step in workflow.steps:
            if step.delay is not None:
                delayed = True
            elif delayed:
                yield Issue(
                    f"workflows[{w}].exit_when_trigger_no_longer_true",
                    _(
                        "Workflow {workflow} waits, then acts, but does not stop when its trigger "
                        "is no longer true: deals that moved on still get reminded."
                    ).format(workflow=q(workflow.name)),
                    _(
                        "Set 'exit_when_trigger_no_longer_true: true', so a deal that left the "
                        "stage (e.g. the quote came back signed) leaves the workflow before the "
                        "reminder."
                    ),
                    _(
                        "Tick 'Stop when the {thing} no longer matches the trigger', so a record "
                        "that left the stage (e.g. the quote came back signed) is not reminded."
                    ).format(thing=noun(config, workflow.object)),
                )
                break


@rule("HW504", Severity.INFO, N_("send_email needs a marketing email and Marketing Hub"))
def send_email(config: Config) -> Iterator[Issue]:
    for w, workflow in enumerate(config.workflows):
        for s, step in enumerate(workflow.steps):
            if step.send_email is not None:
                yield Issue(
                    f"workflows[{w}].steps[{s}].send_email",
                    _(
                        "Workflow {workflow} sends a marketing email to the enrolled contact: that "
                        "needs an existing marketing email and Marketing Hub."
                    ).format(workflow=q(workflow.name)),
                    _(
                        "When unsure, or if an impersonal email is unwelcome, use create_task (a "
                        "task for the deal owner) or notify_owner instead."
                    ),
                    _(
                        "When unsure, or if an impersonal email is unwelcome, use Create a task "
                        "(for the deal owner) or Email the owner instead."
                    ),
                )


@rule("HW505", Severity.ERROR, N_("workflows on a tier below professional"))
def workflow_tier(config: Config) -> Iterator[Issue]:
    tier = config.tier
    if tier.at_least(WORKFLOWS_MIN_TIER):
        return
    for w, workflow in enumerate(config.workflows):
        yield Issue(
            f"workflows[{w}]",
            _(
                "Workflow {workflow} needs HubSpot {needed} or higher; this setup is for HubSpot {tier}."
            ).format(workflow=q(workflow.name), needed=tier_name(WORKFLOWS_MIN_TIER), tier=tier_name(tier)),
            _(
                "Set portal.tier to {value} if the portal has it; otherwise remove the workflow "
                "and handle reminders with tasks the owner creates by hand."
            ).format(value=WORKFLOWS_MIN_TIER.value),
            _(
                "Choose the HubSpot {needed} subscription if your portal has it; otherwise delete "
                "the workflow and handle reminders with tasks the owner creates by hand."
            ).format(needed=tier_name(WORKFLOWS_MIN_TIER)),
        )


@rule("HW506", Severity.ERROR, N_("a workflow that ends with a delay, or has no action"))
def workflow_shape(config: Config) -> Iterator[Issue]:
    for w, workflow in enumerate(config.workflows):
        if workflow.managed_in_hubspot:  # its steps live in HubSpot, not in the file
            continue
        if not any(step.is_action for step in workflow.steps):
            yield Issue(
                f"workflows[{w}].steps",
                _("Workflow {workflow} has no action: it would do nothing.").format(
                    workflow=q(workflow.name)
                ),
                _(
                    "Add an action after the trigger (and optional delay), e.g. "
                    "'create_task: {{subject: Follow up the quote, assign_to: owner}}'."
                ).format(),
                _(
                    "Add a step after the trigger (and the optional wait), e.g. Create a task "
                    "'Follow up the quote' for the owner."
                ),
            )
        elif workflow.steps[-1].delay is not None:
            last = len(workflow.steps) - 1
            yield Issue(
                f"workflows[{w}].steps[{last}]",
                _("Workflow {workflow} ends with a delay: nothing happens after it.").format(
                    workflow=q(workflow.name)
                ),
                _("Remove the last delay, or add the action that should follow it."),
                _("Remove the last Wait step, or add the step that should follow it."),
            )


@rule("HW507", Severity.INFO, N_("workflow created switched on"))
def enabled_workflow(config: Config) -> Iterator[Issue]:
    for w, workflow in enumerate(config.workflows):
        if workflow.enabled and not workflow.managed_in_hubspot:  # managed ones already exist
            yield Issue(
                f"workflows[{w}].enabled",
                _("Workflow {workflow} will be created switched on and act on records at once.").format(
                    workflow=q(workflow.name)
                ),
                _("Create it with 'enabled: false', review it in HubSpot, then switch it on."),
                _("Untick 'Switch it on when created', review it in HubSpot, then switch it on there."),
            )
