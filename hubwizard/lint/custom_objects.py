"""Custom object checks: HW4xx.

Guide, section 3: unlike sales opportunities, job applications can be modelled as a custom
object with their own properties. HubSpot offers custom objects on Enterprise only.
"""

from __future__ import annotations

from collections.abc import Iterator

from hubwizard.config import Config
from hubwizard.findings import Severity
from hubwizard.hubspot_rules import CUSTOM_OBJECT_TYPES, CUSTOM_OBJECTS_MIN_TIER
from hubwizard.lint.common import did_you_mean, listing, q
from hubwizard.lint.registry import Issue, rule
from hubwizard.wording import tier_name


@rule("HW401", Severity.ERROR, "custom object on a tier below enterprise")
def custom_object_tier(config: Config) -> Iterator[Issue]:
    tier = config.tier
    limit = CUSTOM_OBJECT_TYPES[tier]
    needed = tier_name(CUSTOM_OBJECTS_MIN_TIER)
    for c, obj in enumerate(config.custom_objects):
        if not tier.at_least(CUSTOM_OBJECTS_MIN_TIER):
            yield Issue(
                f"custom_objects[{c}]",
                f"Custom object {q(obj.singular)} needs HubSpot {needed}; this setup is for "
                f"HubSpot {tier_name(tier)}.",
                f"Set portal.tier to {CUSTOM_OBJECTS_MIN_TIER.value} if the portal has it; "
                "otherwise model the records with a dedicated pipeline and a property group "
                "(e.g. an 'HR' group on deals for applications).",
                f"Choose the HubSpot {needed} subscription if your portal has it; otherwise delete "
                "the custom object and use a pipeline of its own with a property group (e.g. an "
                "'HR' group on deals for applications).",
            )
        elif c >= limit:
            advice = (
                "Merge custom objects that hold similar records, or use properties on an existing object."
            )
            yield Issue(
                f"custom_objects[{c}]",
                f"Custom object {q(obj.singular)} is number {c + 1}; HubSpot {tier_name(tier)} "
                f"allows {limit} custom objects.",
                advice,
                advice,
            )


_WHAT_NAMES = {
    "primary property": "primary display property",
    "secondary property": "secondary display property",
    "required property": "required property",
}


@rule(
    "HW402", Severity.ERROR, "custom object whose primary or required properties are not among its properties"
)
def custom_object_properties(config: Config) -> Iterator[Issue]:
    for c, obj in enumerate(config.custom_objects):
        names = [p.name for p in obj.properties()]
        labels = [p.label for p in obj.properties()]
        known = set(names)
        refs = [(f"custom_objects[{c}].primary_property", "primary property", obj.primary_property)]
        refs += [
            (f"custom_objects[{c}].secondary_properties[{k}]", "secondary property", name)
            for k, name in enumerate(obj.secondary_properties)
        ]
        refs += [
            (f"custom_objects[{c}].required[{k}]", "required property", name)
            for k, name in enumerate(obj.required)
        ]
        choices = f"one of {listing(labels, 8)}" if labels else "a property you add to it first"
        for path, what, name in refs:
            if name not in known:
                yield Issue(
                    path,
                    f"The {_WHAT_NAMES[what]} of custom object {q(obj.singular)} is not one of "
                    "its properties.",
                    f"The {what} {q(name)} is not among its properties. Define it in one of the "
                    f"object's property groups, or name an existing one{did_you_mean(name, names)}.",
                    f"Choose {choices} as its {_WHAT_NAMES[what]}.",
                )
