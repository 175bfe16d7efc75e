"""Small helpers shared by the rule modules: quoting, object names, property lookups."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from hubwizard.config import Config, Pipeline, Property, Stage
from hubwizard.hubspot_rules import STANDARD_OBJECTS
from hubwizard.i18n import _, ngettext, pgettext

MAX_QUOTE = 60


def q(text: object) -> str:
    """``Quote sent`` → ``'Quote sent'`` (long labels shortened) for messages."""
    value = str(text)
    if len(value) > MAX_QUOTE:
        value = value[: MAX_QUOTE - 1] + "…"
    return f"'{value}'"


def num(value: float) -> str:
    """A probability as the user wrote it: 0.55 → ``0.55``, 1 → ``1.0``."""
    return repr(float(value))


def listing(items: Iterable[str], limit: int = 5) -> str:
    """``'a', 'b', 'c' and 2 more``."""
    items = list(items)
    shown = ", ".join(q(i) for i in items[:limit])
    if len(items) > limit:
        more = len(items) - limit
        shown = ngettext("{shown} and {count} more", "{shown} and {count} more", more).format(
            shown=shown, count=more
        )
    return shown


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'quote_sent'?)`` or an empty string."""
    import difflib  # only for a suggestion: not on every command's start-up

    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return _(" (did you mean {name}?)").format(name=q(close[0])) if close else ""


NATIVE_CONTEXT = "native property"
"""The catalogs' context for HubSpot's own property labels and descriptions (``natives.py``):
the names HubSpot's interface gives them in each language."""


def native_text(text: str) -> str:
    """A native property's label or description as HubSpot shows it in the current language
    (the English text when the catalog lacks it)."""
    return pgettext(NATIVE_CONTEXT, text) if text else text


def is_deal_pipeline(pipeline: Pipeline) -> bool:
    return pipeline.object == "deals"


def open_stages(pipeline: Pipeline) -> list[tuple[int, Stage]]:
    """The open stages of a pipeline with their index in ``stages``."""
    return [(i, s) for i, s in enumerate(pipeline.stages) if s.is_open]


def known_objects(config: Config) -> set[str]:
    """Objects a pipeline, property group or workflow may name: the standard four and the custom
    objects of this config."""
    return set(STANDARD_OBJECTS) | {o.name for o in config.custom_objects}


class PlacedProperty(NamedTuple):
    """A custom property with its object and where it stands in the config."""

    object: str
    group_path: str
    index: int
    prop: Property

    @property
    def path(self) -> str:
        return f"{self.group_path}.properties[{self.index}]"


@dataclass
class PropertyIndex:
    """Every custom property of a config, by object, in file order; built in one pass."""

    by_object: dict[str, list[PlacedProperty]] = field(default_factory=dict)

    @classmethod
    def of(cls, config: Config) -> PropertyIndex:
        index = cls()
        for placed in iter_properties(config):
            index.by_object.setdefault(placed.object, []).append(placed)
        return index

    def named(self, object_name: str) -> dict[str, Property]:
        """The first property of each name on one object."""
        found: dict[str, Property] = {}
        for placed in self.by_object.get(object_name, ()):
            found.setdefault(placed.prop.name, placed.prop)
        return found


_RUN: contextvars.ContextVar[tuple[Config, list[PlacedProperty]] | None] = contextvars.ContextVar(
    "lint_run", default=None
)
"""The properties of the config being linted, listed once for all the rules of one run."""


@contextlib.contextmanager
def one_run(config: Config) -> Iterator[None]:
    """Within it, :func:`iter_properties` of ``config`` lists the properties only once."""
    token = _RUN.set((config, list(_walk_properties(config))))
    try:
        yield
    finally:
        _RUN.reset(token)


def current_run(config: Config) -> object | None:
    """A token for the lint run of ``config`` in progress (None outside one): rules that share a
    costly reading of the config keep it for this token only."""
    run = _RUN.get()
    return run[1] if run is not None and run[0] is config else None


def iter_properties(config: Config) -> Iterator[PlacedProperty]:
    """Every custom property with its object and path: property groups, then custom objects."""
    run = _RUN.get()
    if run is not None and run[0] is config:
        return iter(run[1])
    return _walk_properties(config)


def _walk_properties(config: Config) -> Iterator[PlacedProperty]:
    for g, group in enumerate(config.property_groups):
        group_path = f"property_groups[{g}]"
        for k, prop in enumerate(group.properties):
            yield PlacedProperty(group.object, group_path, k, prop)
    for c, obj in enumerate(config.custom_objects):
        for g, group in enumerate(obj.property_groups):
            group_path = f"custom_objects[{c}].property_groups[{g}]"
            for k, prop in enumerate(group.properties):
                yield PlacedProperty(obj.name, group_path, k, prop)
