"""Custom object checks: HW4xx.

Guide, section 3: unlike sales opportunities, job applications can be modelled as a custom
object with their own properties. HubSpot offers custom objects on Enterprise only.
"""

from __future__ import annotations

from collections.abc import Iterator

from hubwizard.config import Config
from hubwizard.findings import Severity
from hubwizard.hubspot_rules import CUSTOM_OBJECT_TYPES, CUSTOM_OBJECTS_MIN_TIER
from hubwizard.lint.common import did_you_mean, q
from hubwizard.lint.registry import Issue, rule


@rule("HW401", Severity.ERROR, "custom object on a tier below enterprise")
def custom_object_tier(config: Config) -> Iterator[Issue]:
    tier = config.tier
    limit = CUSTOM_OBJECT_TYPES[tier]
    for c, obj in enumerate(config.custom_objects):
        if not tier.at_least(CUSTOM_OBJECTS_MIN_TIER):
            yield Issue(
                f"custom_objects[{c}]",
                f"Custom object {q(obj.singular)} ({obj.name}) needs the "
                f"{CUSTOM_OBJECTS_MIN_TIER.value} tier; this portal is {tier.value}.",
                f"Set portal.tier to {CUSTOM_OBJECTS_MIN_TIER.value} if the portal has it; "
                "otherwise model the records with a dedicated pipeline and a property group "
                "(e.g. an 'HR' group on deals for applications).",
            )
        elif c >= limit:
            yield Issue(
                f"custom_objects[{c}]",
                f"Custom object {q(obj.singular)} ({obj.name}) is number {c + 1}; the "
                f"{tier.value} tier allows {limit} custom objects.",
                "Merge custom objects that hold similar records, or use properties on an existing object.",
            )


@rule(
    "HW402", Severity.ERROR, "custom object whose primary or required properties are not among its properties"
)
def custom_object_properties(config: Config) -> Iterator[Issue]:
    for c, obj in enumerate(config.custom_objects):
        names = [p.name for p in obj.properties()]
        known = set(names)
        hint_tail = " Define it in one of the object's property groups, or name an existing one"
        refs = [(f"custom_objects[{c}].primary_property", "primary property", obj.primary_property)]
        refs += [
            (f"custom_objects[{c}].secondary_properties[{k}]", "secondary property", name)
            for k, name in enumerate(obj.secondary_properties)
        ]
        refs += [
            (f"custom_objects[{c}].required[{k}]", "required property", name)
            for k, name in enumerate(obj.required)
        ]
        for path, what, name in refs:
            if name not in known:
                yield Issue(
                    path,
                    f"The {what} {q(name)} of custom object {q(obj.singular)} is not among its properties.",
                    f"{hint_tail}{did_you_mean(name, names)}.",
                )
