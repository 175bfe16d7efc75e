"""Custom object checks: HW4xx.

Guide, section 3: unlike sales opportunities, job applications can be modelled as a custom
object with their own properties. HubSpot offers custom objects on Enterprise only.
"""

from __future__ import annotations

from collections.abc import Iterator

from hubwizard.config import Config
from hubwizard.findings import Severity
from hubwizard.hubspot_rules import CUSTOM_OBJECT_TYPES, CUSTOM_OBJECTS_MIN_TIER
from hubwizard.i18n import N_, _
from hubwizard.lint.common import did_you_mean, listing, q
from hubwizard.lint.registry import Issue, rule
from hubwizard.wording import tier_name


@rule("HW401", Severity.ERROR, N_("custom object on a tier below enterprise"))
def custom_object_tier(config: Config) -> Iterator[Issue]:
    tier = config.tier
    limit = CUSTOM_OBJECT_TYPES[tier]
    needed = tier_name(CUSTOM_OBJECTS_MIN_TIER)
    for c, obj in enumerate(config.custom_objects):
        if not tier.at_least(CUSTOM_OBJECTS_MIN_TIER):
            yield Issue(
                f"custom_objects[{c}]",
                _("Custom object {object} needs HubSpot {needed}; this setup is for HubSpot {tier}.").format(
                    object=q(obj.singular), needed=needed, tier=tier_name(tier)
                ),
                _(
                    "Set portal.tier to {value} if the portal has it; otherwise model the records "
                    "with a dedicated pipeline and a property group (e.g. an 'HR' group on deals "
                    "for applications)."
                ).format(value=CUSTOM_OBJECTS_MIN_TIER.value),
                _(
                    "Choose the HubSpot {needed} subscription if your portal has it; otherwise "
                    "delete the custom object and use a pipeline of its own with a property group "
                    "(e.g. an 'HR' group on deals for applications)."
                ).format(needed=needed),
            )
        elif c >= limit:
            advice = _(
                "Merge custom objects that hold similar records, or use properties on an existing object."
            )
            yield Issue(
                f"custom_objects[{c}]",
                _(
                    "Custom object {object} is number {count}; HubSpot {tier} allows {limit} custom objects."
                ).format(object=q(obj.singular), count=c + 1, tier=tier_name(tier), limit=limit),
                advice,
                advice,
            )


_WHAT_NAMES = {
    "primary property": N_("primary display property"),
    "secondary property": N_("secondary display property"),
    "required property": N_("required property"),
}
"""What a reference is, in the wizard's words (translated where shown)."""

_WHAT_HINTS = {
    "primary property": N_("primary property"),
    "secondary property": N_("secondary property"),
    "required property": N_("required property"),
}


@rule(
    "HW402",
    Severity.ERROR,
    N_("custom object whose primary or required properties are not among its properties"),
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
        for path, what, name in refs:
            if name not in known:
                role = _(_WHAT_NAMES[what])
                if labels:
                    fix = _("Choose one of {properties} as its {role}.").format(
                        properties=listing(labels, 8), role=role
                    )
                else:
                    fix = _("Choose a property you add to it first as its {role}.").format(role=role)
                yield Issue(
                    path,
                    _("The {role} of custom object {object} is not one of its properties.").format(
                        role=role, object=q(obj.singular)
                    ),
                    _(
                        "The {role} {name} is not among its properties. Define it in one of the "
                        "object's property groups, or name an existing one{guess}."
                    ).format(role=_(_WHAT_HINTS[what]), name=q(name), guess=did_you_mean(name, names)),
                    fix,
                )
