"""One-click setups: the YAML files under ``templates/``, each a showcase of the guide's advice.

A template is an ordinary config file; its ``name`` is the gallery title, ``description`` the
blurb, ``portal.tier`` the tier it needs and ``tags`` the gallery tags.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from hubwizard.config import Config
from hubwizard.configfile import ConfigError, Problem, load
from hubwizard.hubspot_rules import PIPELINES_PER_OBJECT, Tier

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
    return tuple(Template(path.stem, path, load(path).config) for path in sorted(folder.glob("*.yaml")))


def list_templates() -> list[Template]:
    return list(_load_all(templates_dir()))


def get_template(slug: str) -> Template:
    """The template called ``slug``; ConfigError naming the known ones otherwise."""
    for template in list_templates():
        if template.slug == slug:
            return template
    known = ", ".join(t.slug for t in list_templates())
    raise ConfigError([Problem(f"no template '{slug}'; known templates: {known}", "", "templates")])


def contents(config: Config) -> list[str]:
    """What a setup creates, in plain words, for gallery cards and plan headers."""
    out = []
    for pipeline in config.pipelines:
        out.append(
            f"{_object_word(config, pipeline.object)} pipeline '{pipeline.label}' "
            f"with {len(pipeline.stages)} stages"
        )
    for group in config.property_groups:
        out.append(
            f"property group '{group.label}' on {group.object} "
            f"with {_plural(len(group.properties), 'property', 'properties')}"
        )
    for obj in config.custom_objects:
        count = sum(len(g.properties) for g in obj.property_groups)
        out.append(f"custom object '{obj.singular}' with {_plural(count, 'property', 'properties')}")
    for workflow in config.workflows:
        out.append(f"workflow '{workflow.name}' ({'on' if workflow.enabled else 'off'})")
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
    if object_name in ("deals", "tickets"):
        return object_name[:-1].capitalize()
    obj = config.custom_object(object_name)
    return obj.singular if obj else object_name


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
