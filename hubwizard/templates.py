"""One-click setups: the YAML files under ``templates/``, each a showcase of the guide's advice.

A template is an ordinary config file; its ``name`` is the gallery title, ``description`` the
blurb, ``portal.tier`` the tier it needs and ``tags`` the gallery tags.

Templates speak the user's language: the files are written in English, and :func:`load` (and
:func:`get_template`, :func:`list_templates`) give them in the current language, or the one
asked for. Every text a person reads (title, description, pipeline, stage, group, property and
option labels, custom object names, workflow names, task subjects) is looked up in the
``templates.po`` catalogs under the context ``template``, keyed by its English text. Internal
names (ids, property names, option values) never change, so a French setup and an English one
provision the same HubSpot objects and workflows refer to the same values.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from hubwizard import i18n
from hubwizard.config import Config
from hubwizard.configfile import ConfigError, Problem
from hubwizard.configfile import load as load_file
from hubwizard.hubspot_rules import PIPELINES_PER_OBJECT, Tier
from hubwizard.i18n import _, ngettext
from hubwizard.wording import records

TEMPLATE_CONTEXT = "template"
"""The catalogs' context for template texts: "Sales" as a pipeline label, apart from any other
"Sales" the wizard says."""

PACKAGE_DIR = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """``hubwizard/templates`` in an installed wheel, ``templates/`` in a source checkout."""
    for candidate in (PACKAGE_DIR / "templates", PACKAGE_DIR.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("no templates folder next to the hubwizard package")


@dataclass(frozen=True)
class Template:
    slug: str
    path: Path
    config: Config

    @property
    def title(self) -> str:
        return self.config.name

    @property
    def description(self) -> str:
        return self.config.description or ""

    @property
    def tier(self) -> str:
        return self.config.portal.tier.value

    @property
    def tags(self) -> list[str]:
        return list(self.config.tags)

    def fresh_config(self) -> Config:
        """A copy to edit: the cached template itself is never mutated."""
        return self.config.model_copy(deep=True)


@functools.cache
def _load_all(folder: Path) -> tuple[Template, ...]:
    return tuple(Template(path.stem, path, load_file(path).config) for path in sorted(folder.glob("*.yaml")))


@functools.cache
def _load_all_in(folder: Path, lang: str) -> tuple[Template, ...]:
    templates = _load_all(folder)
    if lang == i18n.SOURCE:
        return templates
    return tuple(replace(t, config=localised(t.config, lang)) for t in templates)


def list_templates(lang: str | None = None) -> list[Template]:
    """Every template, in ``lang`` (default: the current language)."""
    return list(_load_all_in(templates_dir(), lang or i18n.language()))


def get_template(slug: str, lang: str | None = None) -> Template:
    """The template called ``slug`` in ``lang`` (default: the current language); ConfigError
    naming the known ones otherwise."""
    for template in list_templates(lang):
        if template.slug == slug:
            return template
    known = ", ".join(t.slug for t in list_templates(lang))
    raise ConfigError(
        [
            Problem(
                _("no template '{slug}'; known templates: {known}").format(slug=slug, known=known),
                "",
                "templates",
            )
        ]
    )


def load(slug: str, lang: str | None = None) -> Config:
    """A fresh copy of template ``slug``'s setup in ``lang`` (default: the current language),
    ready to edit: labels in that language, internal names as in the file."""
    return get_template(slug, lang).fresh_config()


def texts(config: Config) -> Iterator[tuple[Any, str]]:
    """(item, attribute) of every text of ``config`` a person reads: what a template translates.
    Internal names, option values and references are left out on purpose."""
    yield config, "name"
    yield config, "description"
    for pipeline in config.pipelines:
        yield pipeline, "label"
        for stage in pipeline.stages:
            yield stage, "label"
    groups = list(config.property_groups)
    for obj in config.custom_objects:
        yield obj, "singular"
        yield obj, "plural"
        yield obj, "description"
        groups.extend(obj.property_groups)
    for group in groups:
        yield group, "label"
        for prop in group.properties:
            yield prop, "label"
            yield prop, "description"
            for option in prop.options:
                yield option, "label"
                yield option, "description"
    for workflow in config.workflows:
        yield workflow, "name"
        for step in workflow.steps:
            body = step.create_task or step.notify_owner
            if body is not None:
                yield body, "subject"
                yield body, "body"


def translate(text: str, lang: str) -> str:
    """One template text in ``lang``: the English text when the catalog lacks it."""
    if lang == i18n.SOURCE:
        return text
    return i18n.translations(lang).pgettext(TEMPLATE_CONTEXT, text)


def localised(config: Config, lang: str) -> Config:
    """A copy of ``config`` with every text of :func:`texts` in ``lang``."""
    copy = config.model_copy(deep=True)
    for item, attribute in texts(copy):
        value = getattr(item, attribute, None)
        if isinstance(value, str) and value:
            setattr(item, attribute, translate(value, lang))
    return copy


def contents(config: Config) -> list[str]:
    """What a setup creates, in plain words, for gallery cards and plan headers."""
    out = []
    for pipeline in config.pipelines:
        count = len(pipeline.stages)
        out.append(
            ngettext(
                "{object} pipeline '{label}' with {count} stage",
                "{object} pipeline '{label}' with {count} stages",
                count,
            ).format(object=_object_word(config, pipeline.object), label=pipeline.label, count=count)
        )
    for group in config.property_groups:
        count = len(group.properties)
        out.append(
            ngettext(
                "property group '{label}' on {object} with {count} property",
                "property group '{label}' on {object} with {count} properties",
                count,
            ).format(label=group.label, object=records(group.object), count=count)
        )
    for obj in config.custom_objects:
        count = sum(len(g.properties) for g in obj.property_groups)
        out.append(
            ngettext(
                "custom object '{label}' with {count} property",
                "custom object '{label}' with {count} properties",
                count,
            ).format(label=obj.singular, count=count)
        )
    for workflow in config.workflows:
        if workflow.enabled:
            out.append(_("workflow '{name}' (on)").format(name=workflow.name))
        else:
            out.append(_("workflow '{name}' (off)").format(name=workflow.name))
    return out


def required_tier(config: Config) -> Tier:
    """The lowest tier that can take ``config``: custom objects need Enterprise, workflows
    Professional, and a second pipeline on an object (HubSpot's default one counts) Starter."""
    if config.custom_objects:
        return Tier.ENTERPRISE
    if config.workflows:
        return Tier.PROFESSIONAL
    for object_name in ("deals", "tickets"):
        pipelines = [p for p in config.pipelines if p.object == object_name]
        adopts_default = any(p.adopts_default for p in pipelines)
        if len(pipelines) + (0 if adopts_default else 1) > PIPELINES_PER_OBJECT[Tier.FREE] and pipelines:
            return Tier.STARTER
    return Tier.FREE


def _object_word(config: Config, object_name: str) -> str:
    if object_name == "deals":
        return _("Deal")
    if object_name == "tickets":
        return _("Ticket")
    obj = config.custom_object(object_name)
    return obj.singular if obj else object_name
