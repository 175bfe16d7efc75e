"""Recompose after an answer changes, keeping the user's own edits.

The rule is a three-way merge, the way version control merges two branches:

- **base**: the setup composed from the previous answers (exactly as it was composed);
- **yours**: the setup as it is now, after the user's own edits on the wizard's pages;
- **new**: the setup composed from the new answers.

What differs between *base* and *yours* is the user's edit; it is applied to *new*. Items are
matched by identity, never by position: pipelines, stages and workflows by ``id``, property
groups by object and name, properties and custom objects by name, options by value. Then, item
by item and field by field:

- a field the user changed (a stage's label, a probability, a workflow's name) keeps the user's
  value, even where the new answers would give another one;
- an item the user added (a property, a stage, a workflow) is kept, in the place the user put it
  (after the same neighbour);
- an item the user deleted stays deleted, even if the new answers still call for it;
- everything the user did not touch follows the new answers (a new tier, new teams, new labels);
- an item the new answers no longer call for (a team removed, the custom object on a lower
  tier) goes, with any edit the user made inside it: the newer answer wins there, and the edit
  is reported as dropped;
- ``portal.tier`` always follows the answers (the tier is one of the questions).

Lists without an identity (a workflow's steps, a stage's ``replaces``) are one value each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hubwizard.config import Config

KEYS: dict[str, tuple[str, ...]] = {
    "pipelines": ("id",),
    "stages": ("id",),
    "property_groups": ("object", "name"),
    "properties": ("name",),
    "custom_objects": ("name",),
    "workflows": ("id",),
    "options": ("value",),
}
"""How the items of each list are told apart (the last key of the path names the list)."""

MISSING: Any = object()
ANSWERED = ("portal",)
"""Top-level fields that only the answers decide."""


@dataclass
class Merged:
    config: Config
    dropped: list[str] = field(default_factory=list)
    """Paths of user edits inside items the new answers no longer have."""


def _identity(name: str, item: Any) -> tuple[Any, ...] | None:
    keys = KEYS.get(name)
    if keys is None or not isinstance(item, dict) or not all(k in item for k in keys):
        return None
    return tuple(item[k] for k in keys)


def _keyed(name: str, items: Any) -> dict[tuple[Any, ...], Any] | None:
    """The list as identity → item, or None when it is not a list of identified, unique items."""
    if not isinstance(items, list) or name not in KEYS:
        return None
    out: dict[tuple[Any, ...], Any] = {}
    for item in items:
        key = _identity(name, item)
        if key is None or key in out:
            return None
        out[key] = item
    return out


def _order(base: list, yours: list, new: list, result: dict) -> list:
    """The merged items in order: the user's order when they reordered, else the new one, with
    the items only one side has placed after every item they follow there."""
    in_base = [k for k in yours if k in base]
    reordered = in_base != [k for k in base if k in yours]
    first, second = (yours, new) if reordered else (new, yours)
    order = [k for k in first if k in result]
    for position, key in enumerate(second):
        if key not in result or key in order:
            continue
        after = [order.index(k) for k in second[:position] if k in order]
        order.insert(max(after) + 1 if after else 0, key)
    return order


def _merge(base: Any, yours: Any, new: Any, name: str, path: str, dropped: list[str]) -> Any:
    if yours == base:
        return new
    if new == base:
        return yours
    if isinstance(yours, dict) and isinstance(base, dict) and isinstance(new, dict):
        out: dict[str, Any] = {}
        for key in [*new, *(k for k in yours if k not in new)]:
            value = _merge(
                base.get(key, MISSING),
                yours.get(key, MISSING),
                new.get(key, MISSING),
                key,
                f"{path}.{key}",
                dropped,
            )
            if value is not MISSING:
                out[key] = value
        return out
    keyed = [_keyed(name, v) for v in (base, yours, new)]
    if all(k is not None for k in keyed):
        kb, ky, kn = keyed
        result: dict[tuple[Any, ...], Any] = {}
        for key in [*kn, *(k for k in ky if k not in kn)]:
            b, y, n = kb.get(key, MISSING), ky.get(key, MISSING), kn.get(key, MISSING)
            if b is not MISSING and n is MISSING and y is not MISSING:
                if y != b:
                    dropped.append(f"{path}[{'/'.join(map(str, key))}]")
                continue  # the new answers no longer call for it
            value = _merge(b, y, n, name, f"{path}[{'/'.join(map(str, key))}]", dropped)
            if value is not MISSING:
                result[key] = value
        order = _order(list(kb), list(ky), list(kn), result)
        return [result[k] for k in order]
    # a plain value (or a list without identities) changed on both sides: the user's edit wins;
    # an item the answers dropped (new is missing) goes
    if new is MISSING and base is not MISSING:
        if yours is not MISSING:
            dropped.append(path)
        return MISSING
    return yours


def merge(base: Config, yours: Config, new: Config) -> Merged:
    """``new`` with the user's edits (``yours`` against ``base``) applied; see the module."""
    b, y, n = (c.model_dump(mode="json", exclude_none=True) for c in (base, yours, new))
    for key in ANSWERED:  # the answers decide these: the user's value never counts as an edit
        if key in b:
            y[key] = b[key]
        else:
            y.pop(key, None)
    dropped: list[str] = []
    data = _merge(b, y, n, "", "", dropped)
    return Merged(Config.model_validate(data), [p.lstrip(".") for p in dropped])


def edit_size(base: Config, yours: Config) -> int:
    """How many fields differ between two setups (by identity): tells which composition a setup
    came from after undo or redo (the closest one)."""
    return _count(
        base.model_dump(mode="json", exclude_none=True), yours.model_dump(mode="json", exclude_none=True), ""
    )


def _count(a: Any, b: Any, name: str) -> int:
    if a == b:
        return 0
    if isinstance(a, dict) and isinstance(b, dict):
        return sum(_count(a.get(k, MISSING), b.get(k, MISSING), k) for k in {*a, *b})
    ka, kb = _keyed(name, a), _keyed(name, b)
    if ka is not None and kb is not None:
        return sum(_count(ka.get(k, MISSING), kb.get(k, MISSING), name) for k in {*ka, *kb})
    return 1
