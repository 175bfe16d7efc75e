"""How many pipelines, read from what they are called: HW105, HW106, HW107.

Guide, section 1: a pipeline is a shared, standard tool; one per *department* that takes part in
selling is fine (Sales, then Administration), never one per salesperson or per product. HubSpot
already gives every portal one deal pipeline: a setup's main pipeline should be that one.

HW101 and HW102 (``pipelines.py``) catch per-product and per-person pipelines that copy another
pipeline's stages; the checks here catch them from their *name* alone (HW105), the default
pipeline left unused beside a new one (HW106), and the deal pipelines that are not a department
at all (HW107). A pipeline is reported by one of HW101, HW102, HW105, HW107 only, the most
precise.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from hubwizard.config import Config, Pipeline
from hubwizard.configfile import parse_path
from hubwizard.findings import Severity
from hubwizard.hubspot_rules import PropertyType
from hubwizard.i18n import _, ngettext
from hubwizard.lint import text
from hubwizard.lint.common import current_run, is_deal_pipeline, iter_properties, open_stages, q
from hubwizard.lint.pipelines import duplicate_pipelines, named_pipelines
from hubwizard.lint.registry import Issue, rule

if TYPE_CHECKING:  # the name reading (its vocabularies take ~7 ms to build) loads on first use:
    # only a setup with two pipelines of one object needs it, and a plan runs no warning rule
    from hubwizard.lint import names

SHOWN = 5
"""HW107 names at most this many pipelines, then counts the rest."""

SHARED_STAGES_RATIO = 0.5
"""HW105: a pipeline's stages are "another pipeline's" when at least half of them (and at least
two) are in it; this strengthens a name that only looks like a person's."""


def _index(path: str) -> int:
    return int(parse_path(path)[1])


def _reported_elsewhere(config: Config) -> set[int]:
    """Pipelines HW101 or HW102 already report (copies of another pipeline's stages)."""
    issues = [*duplicate_pipelines(config), *named_pipelines(config)]
    return {_index(issue.path) for issue in issues}


def _product_names(config: Config, obj: str, labels: list[str]) -> text.ProductNames:
    """Options of the product-like dropdowns of ``obj`` ("Software" of ``product_type``)."""
    found: list[str] = []
    for placed in iter_properties(config):
        prop = placed.prop
        if (
            placed.object == obj
            and prop.type is PropertyType.ENUMERATION
            and text.is_product_like(prop.name, prop.label)
        ):
            for option in prop.options:
                found.extend({option.value, option.label})
    return text.ProductNames(found, labels)


def _stage_keys(pipeline: Pipeline) -> set[str]:
    return {text.stage_key(s.label) for _, s in open_stages(pipeline)}


def _stages_of_another(mine: set[str], others: list[tuple[Pipeline, set[str]]]) -> Pipeline | None:
    for other, keys in others:
        shared = len(mine & keys)
        if shared >= 2 and shared >= SHARED_STAGES_RATIO * len(mine):
            return other
    return None


def _same_object(config: Config) -> dict[str, list[tuple[int, Pipeline]]]:
    found: dict[str, list[tuple[int, Pipeline]]] = {}
    for i, pipeline in enumerate(config.pipelines):
        found.setdefault(pipeline.object, []).append((i, pipeline))
    return {obj: pipelines for obj, pipelines in found.items() if len(pipelines) > 1}


Found = tuple[int, Pipeline, "names.Reading", str]

_LAST: list[tuple[object, tuple[set[int], list[Found]]]] = []
"""What :func:`_per_product_or_person` found in the current lint run (HW105 and HW107 both need
it), keyed by the run itself (:func:`hubwizard.lint.common.current_run`): the next run, even of
the same config edited in place, judges again."""


def _per_product_or_person(config: Config) -> tuple[set[int], list[Found]]:
    """The pipelines HW101 or HW102 report, and (index, pipeline, what its name says, what its
    stages add) for each pipeline HW105 reports."""
    run = current_run(config)
    if run is not None and _LAST and _LAST[0][0] is run:
        return _LAST[0][1]
    elsewhere = _reported_elsewhere(config)
    found = (elsewhere, list(_judge(config, elsewhere)))
    if run is not None:
        _LAST[:] = [(run, found)]
    return found


def _main(pipelines: list[tuple[int, Pipeline]]) -> int:
    """The main pipeline of an object: the one that adopts HubSpot's, else the first. Its name
    is never judged: it is the portal's pipeline, whatever it is called."""
    return next((i for i, p in pipelines if p.adopts_default), pipelines[0][0])


def _judge(config: Config, elsewhere: set[int]) -> Iterator[Found]:
    groups = _same_object(config)
    if not groups:
        return
    from hubwizard.lint import names

    for obj, pipelines in groups.items():
        main = _main(pipelines)
        products: text.ProductNames | None = None
        keys = {i: _stage_keys(p) for i, p in pipelines}
        for i, pipeline in pipelines:
            if i in elsewhere or i == main:
                continue
            reading = names.classify(pipeline.label)
            if not reading.sure or reading.kind == "other":
                if products is None:  # read the dropdowns only when a name needs them
                    products = _product_names(config, obj, [p.label for _, p in pipelines])
                option = names.classify(pipeline.label, products)
                if option.kind == "product" and option.sure:
                    reading = option  # one of the setup's own products
            if reading.kind not in ("product", "person"):
                continue
            deal = is_deal_pipeline(pipeline)
            if reading.kind == "product" and not reading.sure and not deal:
                continue  # a ticket pipeline "IT" or "Billing": only deal pipelines sell something
            others = [(p, keys[j]) for j, p in pipelines if j != i]
            copied = _stages_of_another(keys[i], others)
            default = deal and names.has_default_stages(pipeline)
            if reading.kind == "person" and not reading.sure and not (copied or default):
                continue  # a name that only might be a person's needs its stages to agree
            if copied is not None:
                stages = _("and its stages are those of pipeline {other}").format(other=q(copied.label))
            elif default:
                stages = _("and it still has HubSpot's default stages")
            else:
                stages = ""
            yield i, pipeline, reading, stages


@rule("HW105", Severity.WARNING, "a pipeline named after a product or a salesperson")
def product_or_person_pipelines(config: Config) -> Iterator[Issue]:
    for i, pipeline, reading, stages in _per_product_or_person(config)[1]:
        label = q(pipeline.label)
        if reading.kind == "person":
            message = _(
                "Pipeline {label} looks like the pipeline of one salesperson ({name}){stages}. "
                "A pipeline is a shared, standard tool, never one per salesperson."
            )
            hint = _(
                "Use one pipeline for the whole team; the deal owner (hubspot_owner_id) says whose "
                "deal it is, and boards and reports filter by owner."
            )
            fix = _(
                "Use one pipeline for the whole team and move these deals into it: the deal owner "
                "already says whose deal it is, and boards and reports filter by owner."
            )
        else:
            if reading.sure:
                message = _(
                    "Pipeline {label} looks like a pipeline for one product ({name}){stages}. "
                    "Several products do not justify several pipelines."
                )
            else:  # read as a product only because it names no department, person or region
                message = _(
                    "Pipeline {label} looks like a pipeline for one product line or offer "
                    "({name}){stages}. Several product lines or offers do not justify several "
                    "pipelines."
                )
            hint = _(
                "Merge it into the main pipeline and add a product property (e.g. product_type, one "
                "option per product) in a 'Product details' group; a workflow can assign deals to "
                "a salesperson by product."
            )
            fix = _(
                "Merge it into your main pipeline and add a Dropdown select property 'Product type' "
                "with one option per product, in a 'Product details' group; a workflow can assign "
                "deals to a salesperson by product."
            )
        yield Issue(
            f"pipelines[{i}].label",
            message.format(label=label, name=reading.word, stages=f" {stages}" if stages else ""),
            hint,
            fix,
        )


@rule("HW106", Severity.WARNING, "HubSpot's default deal pipeline left unused next to a new one")
def default_pipeline_unused(config: Config) -> Iterator[Issue]:
    deals = [(i, p) for i, p in enumerate(config.pipelines) if is_deal_pipeline(p)]
    if not deals or any(p.adopts_default for _, p in deals):
        return
    i, main = deals[0]
    if main.hubspot_id is not None:
        return  # a pipeline the portal already has: nothing new is created beside the default one
    yield Issue(
        f"pipelines[{i}]",
        _(
            "Pipeline {label} will be created next to HubSpot's own deal pipeline, which stays "
            "unused: the portal ends up with two deal pipelines where one would do."
        ).format(label=q(main.label)),
        _(
            "Add 'adopt: default' to pipeline {id}: the plan then reshapes HubSpot's default "
            "pipeline in place (label, stages, probabilities) instead of creating another one, "
            "and 'replaces' on its stages says where the deals already there go."
        ).format(id=q(main.id)),
        _(
            "Let {label} take the place of HubSpot's own pipeline, so that its name, stages and "
            "win probabilities replace HubSpot's default ones and the deals already there move to "
            "your stages."
        ).format(label=q(main.label)),
    )


@rule("HW107", Severity.WARNING, "more deal pipelines than departments that take part in selling")
def pipelines_beyond_departments(config: Config) -> Iterator[Issue]:
    deals = [(i, p) for i, p in enumerate(config.pipelines) if is_deal_pipeline(p)]
    if len(deals) < 2:  # the first deal pipeline is the main one, whatever its name
        return
    main = _main(deals)
    from hubwizard.lint import names

    extra = [(i, p) for i, p in deals if i != main and names.classify(p.label).kind != "department"]
    if not extra:
        return
    elsewhere, found = _per_product_or_person(config)
    known = elsewhere | {i for i, *_ in found}
    extra = [(i, p) for i, p in extra if i not in known]
    if not extra:
        return
    labels = ", ".join(q(p.label) for _, p in extra[:SHOWN])
    if len(extra) > SHOWN:
        more = len(extra) - SHOWN
        labels = ngettext("{labels} and {count} more", "{labels} and {count} more", more).format(
            labels=labels, count=more
        )
    yield Issue(
        f"pipelines[{extra[0][0]}]",
        ngettext(
            "Deal pipeline {labels} is not a department or a process that takes part in selling, "
            "such as Administration after the contract is signed: this setup has more deal "
            "pipelines than selling departments.",
            "Deal pipelines {labels} are not departments or processes that take part in selling, "
            "such as Administration after the contract is signed: this setup has more deal "
            "pipelines than selling departments.",
            len(extra),
        ).format(labels=labels),
        _(
            "Keep one deal pipeline per department that takes part in selling (e.g. Sales, then "
            "Administration) and tell deals apart with a property or the deal owner; if a "
            "pipeline is a department's, name it after the department."
        ),
        _(
            "Keep one deal pipeline per department that takes part in selling (e.g. Sales, then "
            "Administration) and tell deals apart with a property or the deal owner; if a "
            "pipeline belongs to a department, rename it after that department."
        ),
    )
