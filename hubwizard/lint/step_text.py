"""A step's text that HubSpot would read as another step's result: HW509.

HubSpot fills ``{{ ... }}`` in a task's subject or a notification's text when the workflow runs.
``{{ enrolled_object.amount }}`` is the record's own property, which the steps express;
``{{ action_outputs.x }}`` or ``{{ fetched_objects.y }}`` is the result of another step or a data
source, which they do not. Such a text, once applied, would come back from the portal as a
workflow managed in HubSpot, and the setup would no longer be what was written: an error, said
before the apply, with the text to change.
"""

from __future__ import annotations

from collections.abc import Iterator

from hubwizard.config import Config, Step
from hubwizard.findings import Severity
from hubwizard.flows import foreign_references
from hubwizard.i18n import _
from hubwizard.lint.common import q
from hubwizard.lint.registry import Issue, rule

TEXT_FIELDS = (
    ("create_task", ("subject", "body")),
    ("notify_owner", ("subject", "body")),
    ("set_property", ("value",)),
)


def _texts(step: Step) -> Iterator[tuple[str, str]]:
    for action, fields in TEXT_FIELDS:
        part = getattr(step, action)
        if part is None:
            continue
        for name in fields:
            value = getattr(part, name, None)
            if isinstance(value, str):
                yield f"{action}.{name}", value


@rule(
    "HW509",
    Severity.ERROR,
    "a step's text refers to another step's result ({{ x.… }}), which steps cannot express",
)
def step_texts_with_foreign_references(config: Config) -> Iterator[Issue]:
    for w, workflow in enumerate(config.workflows):
        if workflow.managed_in_hubspot:
            continue
        for s, step in enumerate(workflow.steps):
            for field, text in _texts(step):
                if not foreign_references(text):
                    continue
                yield Issue(
                    f"workflows[{w}].steps[{s}].{field}",
                    _(
                        "Workflow {workflow}, step {number}: its text uses another step's result, which "
                        "HubSpot fills in when the workflow runs; here a step can only use the record's own "
                        "properties"
                    ).format(workflow=q(workflow.name), number=s + 1),
                    _(
                        "write the record's properties as {{{{ enrolled_object.<property> }}}}, or drop the braces"
                    ),
                    _("Change the text: keep the record's own properties, or remove the double braces"),
                )
