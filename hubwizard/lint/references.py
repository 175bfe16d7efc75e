"""HW501: references between items of the config.

Workflows name pipelines, stages, properties and option values; pipelines, property groups and
workflows name an object; custom objects name the objects they associate with. A reference to
something that neither the config nor HubSpot defines would make provisioning fail, so each one
is an error with the path of the reference.

Known properties of an object: the custom properties the config defines on it (any group), the
native properties of ``hubwizard.natives``, a few HubSpot system properties, and on the standard
objects any name with HubSpot's own ``hs_`` prefix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from hubwizard.config import Config, Pipeline, Property, StageRef, Workflow
from hubwizard.findings import Severity
from hubwizard.hubspot_rules import (
    BOOL_OPTIONS,
    PIPELINE_OBJECTS,
    RESERVED_PREFIX,
    STANDARD_OBJECTS,
    PropertyType,
)
from hubwizard.i18n import N_, _
from hubwizard.lint.common import (
    PropertyIndex,
    did_you_mean,
    known_objects,
    listing,
    native_text,
    q,
)
from hubwizard.lint.registry import Issue, rule
from hubwizard.natives import NativeProperty, natives_of
from hubwizard.wording import noun, records

SYSTEM_PROPERTIES = frozenset(
    {
        "createdate",
        "lastmodifieddate",
        "hubspot_owner_assigneddate",
        "notes_last_contacted",
        "notes_last_updated",
        "notes_next_activity_date",
        "num_notes",
        "num_contacted_notes",
        "num_associated_contacts",
        "days_to_close",
    }
)
"""HubSpot system properties a workflow may read, not in the native catalogue (it lists the
properties people copy, not every one HubSpot has)."""

BOOL_VALUES = tuple(o["value"] for o in BOOL_OPTIONS)


@dataclass(frozen=True)
class KnownProperty:
    label: str
    values: tuple[str, ...] | None
    """Allowed values when HubSpot checks them (enumerations with options, bool), else None."""
    labels: dict[str, str]
    """Option label → value, to tell a user who wrote the label which value to use."""
    multi: bool = False


def _custom_known(prop: Property) -> KnownProperty:
    if prop.type is PropertyType.BOOL:
        return KnownProperty(prop.label, BOOL_VALUES, {"Yes": "true", "No": "false"})
    if prop.type is PropertyType.ENUMERATION and prop.options:
        values = tuple(o.value for o in prop.options)
        labels = {o.label: o.value for o in prop.options}
        multi = prop.field is not None and prop.field.value == "checkbox"
        return KnownProperty(prop.label, values, labels, multi)
    return KnownProperty(prop.label, None, {})


class Catalogue:
    """What the config and HubSpot define: objects, pipelines by id, properties by object."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.objects = known_objects(config)
        self.custom = {o.name for o in config.custom_objects}
        self.pipelines: dict[str, Pipeline] = {}
        for pipeline in config.pipelines:
            self.pipelines.setdefault(pipeline.id, pipeline)
        self._index: PropertyIndex | None = None
        self._names: dict[str, dict[str, Property | NativeProperty]] = {}
        self._known: dict[tuple[str, str], KnownProperty | None] = {}

    def names(self, object_name: str) -> dict[str, Property | NativeProperty]:
        """Native and custom properties of one object by internal name (built on first use)."""
        found = self._names.get(object_name)
        if found is None:
            if self._index is None:
                self._index = PropertyIndex.of(self.config)
            found = {native.name: native for native in natives_of(object_name)}
            for name, prop in self._index.named(object_name).items():
                found.setdefault(name, prop)
            self._names[object_name] = found
        return found

    def property(self, object_name: str, name: str) -> KnownProperty | None:
        key = (object_name, name)
        if key not in self._known:
            self._known[key] = self._lookup(object_name, name)
        return self._known[key]

    def _lookup(self, object_name: str, name: str) -> KnownProperty | None:
        prop = self.names(object_name).get(name)
        if isinstance(prop, NativeProperty):
            values = tuple(v for _, v in prop.options) or None
            return KnownProperty(native_text(prop.label), values, dict(prop.options))
        if prop is not None:
            return _custom_known(prop)
        if object_name in STANDARD_OBJECTS and (
            name in SYSTEM_PROPERTIES or (name.startswith(RESERVED_PREFIX) and len(name) > 3)
        ):
            return KnownProperty(name, None, {})
        return None


def _object_words(catalogue: Catalogue) -> str:
    """HubSpot's objects and this setup's custom objects, by the names the wizard shows."""
    names = [records(n).capitalize() for n in STANDARD_OBJECTS]
    names += [o.plural for o in catalogue.config.custom_objects]
    return listing(names, 8)


def _object_issue(path: str, message: str, value: str, catalogue: Catalogue) -> Issue:
    """``message``: the whole sentence, already in the current language."""
    choices = sorted(catalogue.objects)
    return Issue(
        path,
        message,
        _(
            "Object {object} is unknown. Use one of {choices}{guess}, or define the custom object "
            "under custom_objects."
        ).format(object=q(value), choices=listing(choices, 8), guess=did_you_mean(value, choices)),
        _("Choose one of {objects}, or add the custom object first.").format(
            objects=_object_words(catalogue)
        ),
    )


def _stage_ref(
    path: str, ref: StageRef, workflow: Workflow, catalogue: Catalogue, *, same_object: bool
) -> Iterator[Issue]:
    pipeline = catalogue.pipelines.get(ref.pipeline)
    if pipeline is None:
        labels = [p.label for p in catalogue.pipelines.values()]
        yield Issue(
            f"{path}.pipeline",
            _("Workflow {workflow} refers to a pipeline this setup does not have.").format(
                workflow=q(workflow.name)
            ),
            _("Pipeline {pipeline} is not defined. Use the local id of a pipeline: {choices}{guess}.").format(
                pipeline=q(ref.pipeline),
                choices=listing(catalogue.pipelines, 8) or _("none defined"),
                guess=did_you_mean(ref.pipeline, catalogue.pipelines),
            ),
            _("Choose one of the pipelines {pipelines}.").format(pipelines=listing(labels, 8))
            if labels
            else _("Add a pipeline first."),
        )
        return
    if same_object and pipeline.object != workflow.object:
        theirs, ours = noun(catalogue.config, pipeline.object), noun(catalogue.config, workflow.object)
        words = {"workflow": q(workflow.name), "ours": ours, "pipeline": q(pipeline.label), "theirs": theirs}
        yield Issue(
            f"{path}.pipeline",
            _(
                "Workflow {workflow} runs on {ours} records but pipeline {pipeline} is a {theirs} pipeline."
            ).format(**words),
            _("Set the workflow's object to {object}, or pick a {workflow_object} pipeline.").format(
                object=repr(pipeline.object), workflow_object=workflow.object
            ),
            _("Choose a {ours} pipeline, or change the workflow's object to {theirs} records.").format(
                **words
            ),
        )
    stage_ids = [s.id for s in pipeline.stages]
    if ref.stage not in stage_ids:
        yield Issue(
            f"{path}.stage",
            _("Workflow {workflow} refers to a stage that pipeline {pipeline} does not have.").format(
                workflow=q(workflow.name), pipeline=q(pipeline.label)
            ),
            _(
                "Stage {stage} is not in pipeline {pipeline}. Use the local id of one of its "
                "stages: {choices}{guess}."
            ).format(
                stage=q(ref.stage),
                pipeline=ref.pipeline,
                choices=listing(stage_ids, 8),
                guess=did_you_mean(ref.stage, stage_ids),
            ),
            _("Choose one of its stages {stages}.").format(
                stages=listing([s.label for s in pipeline.stages], 8)
            ),
        )


def _property_ref(path: str, name: str, workflow: Workflow, catalogue: Catalogue) -> Iterator[Issue]:
    if catalogue.property(workflow.object, name) is None:
        names = catalogue.names(workflow.object)
        thing = noun(catalogue.config, workflow.object)
        import difflib  # only for a suggestion: not on every command's start-up

        close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
        guess = _(" (perhaps {label})").format(label=q(names[close[0]].label)) if close else ""
        yield Issue(
            path,
            _(
                "Workflow {workflow} uses a property that {thing} records do not have: neither "
                "one of HubSpot's nor one defined in this setup."
            ).format(workflow=q(workflow.name), thing=thing),
            _(
                "Property {name} is unknown on {object}. Define it in a property group on "
                "{object}, or use an existing internal name{guess}."
            ).format(name=q(name), object=workflow.object, guess=did_you_mean(name, list(names))),
            _("Choose one of the {thing} properties{guess}, or add the property on Properties first.").format(
                thing=thing, guess=guess
            ),
        )


def _value_ref(
    path: str, prop_name: str, value: str, workflow: Workflow, catalogue: Catalogue
) -> Iterator[Issue]:
    known = catalogue.property(workflow.object, prop_name)
    if known is None or known.values is None:
        return
    parts = value.split(";") if known.multi else [value]
    label_of = {v: label for label, v in known.labels.items()}
    for part in parts:
        if part in known.values:
            continue
        if part in known.labels:
            hint = _("{property}: {label} is the option's label; HubSpot stores its value {value}.").format(
                property=prop_name, label=q(part), value=q(known.labels[part])
            )
            fix = _("Choose the option {label} from the list, so HubSpot gets the value it stores.").format(
                label=q(part)
            )
        else:
            hint = _("{property}: Use one of {choices}{guess}.").format(
                property=prop_name, choices=listing(known.values, 8), guess=did_you_mean(part, known.values)
            )
            fix = _("Choose one of its options {options}.").format(
                options=listing([label_of.get(v, v) for v in known.values], 8)
            )
        yield Issue(
            path,
            _(
                "Workflow {workflow} uses the value {value} for {property}, which is not one of its options."
            ).format(workflow=q(workflow.name), value=q(part), property=q(known.label)),
            hint,
            fix,
        )


def _workflow_issues(w: int, workflow: Workflow, catalogue: Catalogue) -> Iterator[Issue]:
    base = f"workflows[{w}]"
    if workflow.managed_in_hubspot:  # nothing in the file refers to the config; plan checks the object
        return
    if workflow.object not in catalogue.objects:
        yield _object_issue(
            f"{base}.object",
            _(
                "Workflow {workflow} runs on an object that is neither one of HubSpot's nor a "
                "custom object of this setup."
            ).format(workflow=q(workflow.name)),
            workflow.object,
            catalogue,
        )
        return
    trigger = workflow.trigger
    if trigger is None:
        return
    if trigger.stage_entered is not None:
        path = f"{base}.trigger.stage_entered"
        yield from _stage_ref(path, trigger.stage_entered, workflow, catalogue, same_object=True)
    if trigger.property_is is not None:
        path = f"{base}.trigger.property_is"
        name = trigger.property_is.property
        yield from _property_ref(f"{path}.property", name, workflow, catalogue)
        for k, value in enumerate(trigger.property_is.values):
            yield from _value_ref(f"{path}.values[{k}]", name, value, workflow, catalogue)
    for s, step in enumerate(workflow.steps):
        path = f"{base}.steps[{s}].{step.kind}"
        if step.set_property is not None:
            name = step.set_property.property
            yield from _property_ref(f"{path}.property", name, workflow, catalogue)
            yield from _value_ref(f"{path}.value", name, step.set_property.value, workflow, catalogue)
        elif step.move_to_stage is not None:
            yield from _stage_ref(path, step.move_to_stage, workflow, catalogue, same_object=True)
        elif step.copy_to_pipeline is not None:
            yield from _stage_ref(path, step.copy_to_pipeline, workflow, catalogue, same_object=False)


@rule(
    "HW501",
    Severity.ERROR,
    N_("reference to an unknown pipeline, stage, property, custom object or option value"),
)
def references(config: Config) -> Iterator[Issue]:
    catalogue = Catalogue(config)
    pipeline_objects = set(PIPELINE_OBJECTS) | catalogue.custom
    for i, pipeline in enumerate(config.pipelines):
        if pipeline.object in pipeline_objects:
            continue
        if pipeline.object in catalogue.objects:
            yield Issue(
                f"pipelines[{i}].object",
                _("Pipeline {pipeline} is on {object}, which have no pipelines.").format(
                    pipeline=q(pipeline.label), object=records(pipeline.object)
                ),
                _(
                    "Pipelines belong to deals, tickets or a custom object; for contacts and "
                    "companies use a property such as the lifecycle stage."
                ),
                _(
                    "Put the pipeline on Deals, Tickets or a custom object; for contacts and "
                    "companies use a property such as the lifecycle stage instead."
                ),
            )
        else:
            yield _object_issue(
                f"pipelines[{i}].object",
                _(
                    "Pipeline {pipeline} is on an object that is neither one of HubSpot's nor a "
                    "custom object of this setup."
                ).format(pipeline=q(pipeline.label)),
                pipeline.object,
                catalogue,
            )
    for g, group in enumerate(config.property_groups):
        if group.object not in catalogue.objects:
            yield _object_issue(
                f"property_groups[{g}].object",
                _(
                    "Property group {group} is on an object that is neither one of HubSpot's nor a "
                    "custom object of this setup."
                ).format(group=q(group.label)),
                group.object,
                catalogue,
            )
    for c, obj in enumerate(config.custom_objects):
        for k, name in enumerate(obj.associations):
            if name not in catalogue.objects:
                yield _object_issue(
                    f"custom_objects[{c}].associations[{k}]",
                    _(
                        "Custom object {object} is associated with an object that is neither one "
                        "of HubSpot's nor a custom object of this setup."
                    ).format(object=q(obj.singular)),
                    name,
                    catalogue,
                )
    for w, workflow in enumerate(config.workflows):
        yield from _workflow_issues(w, workflow, catalogue)
