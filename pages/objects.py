"""Custom objects: records of your own (Enterprise only), their properties and associations."""

from typing import Any

import streamlit as st

from hubwizard import editing
from hubwizard.config import CustomObject, ObjectPropertyGroup, Portal
from hubwizard.hubspot_rules import CUSTOM_OBJECTS_MIN_TIER
from hubwizard.i18n import N_, _, ngettext
from hubwizard.ui import findings, groups, nav
from hubwizard.ui.lists import AddField, ListEditor
from hubwizard.ui.state import action_button, bound, wizard

ADVICE = N_("""
- **When HubSpot's objects don't fit.** Deals are sales opportunities; job applications are
  better as an object of their own (*Application*) with its own properties and pipeline.
- **Keep it small.** A primary property (the name on each record), the properties people must
  fill in, and the objects it links to, such as contacts.
- **HubSpot Enterprise only.** Lower tiers cannot create custom objects.
""")


def property_count(n: int) -> str:
    return ngettext("{count} property", "{count} properties", n).format(count=n)


def enterprise() -> None:
    wizard().config.portal = Portal(tier=CUSTOM_OBJECTS_MIN_TIER)


OBJECTS: ListEditor[CustomObject] = ListEditor(
    key="objects",
    select="object",
    noun=N_("custom object"),
    items=lambda config: config.custom_objects,
    name_of=lambda o: o.singular,
    removes=lambda o: property_count(sum(len(g.properties) for g in o.property_groups)),
)


def groups_of(index: int) -> ListEditor[ObjectPropertyGroup]:
    """The property groups of the custom object at ``index``."""
    return ListEditor(
        key="objects.group",
        select="object.group",
        noun=N_("property group"),
        items=lambda config: config.custom_objects[index].property_groups,
        name_of=lambda g: g.label,
        removes=lambda g: property_count(len(g.properties)),
    )


def set_field(index: int, name: str) -> Any:
    def setter(value: Any) -> None:
        config = wizard().config
        if isinstance(value, str):
            value = value.strip()
        if name == "description":
            value = value or None
        config.custom_objects[index] = editing.replaced(config.custom_objects[index], **{name: value})

    return setter


nav.header("custom_objects")
w = wizard()

if not nav.needs_start():
    config = w.config
    allowed = config.tier.at_least(CUSTOM_OBJECTS_MIN_TIER)
    with nav.with_advice(_(ADVICE)):
        if not allowed:
            with st.container(border=True):
                st.warning(
                    _(
                        "**Custom objects need HubSpot Enterprise.** This setup is for HubSpot {tier}: HubSpot "
                        "would refuse them, so adding one is switched off. Most setups don't need one: a property "
                        "group on deals often does the job."
                    ).format(tier=nav.tier_name(config.tier.value)),
                    icon=":material/lock:",
                )
                action_button(
                    _("My portal is Enterprise: switch this setup to Enterprise"),
                    "objects.enterprise",
                    enterprise,
                    what=_("Switched the setup to HubSpot Enterprise"),
                    icon=":material/lock_open:",
                )
        page_findings = w.page_findings("custom_objects")
        findings.show([f for f in page_findings if f.path == "custom_objects"])
        labels = [
            editing.with_findings(f"{o.singular} ({o.name})", page_findings, f"custom_objects[{i}]")
            for i, o in enumerate(config.custom_objects)
        ]
        top, add = st.columns([3, 1], vertical_alignment="bottom")
        with top:
            index = OBJECTS.choose(_("Custom object"), labels)
        with add:
            OBJECTS.add_form(
                _("Add an object"),
                [
                    AddField("singular", _("Singular label"), placeholder=_("e.g. Application")),
                    AddField("plural", _("Plural label"), placeholder=_("e.g. Applications")),
                ],
                lambda config, values: editing.new_custom_object(
                    config, values["singular"], values["plural"]
                ),
                disabled=not allowed,
            )
        if index is None:
            st.info(
                _("No custom object in this setup. Add one if HubSpot's objects don't fit.")
                if allowed
                else _("No custom object in this setup.")
            )
        else:
            obj = config.custom_objects[index]
            prefix = f"custom_objects[{index}]"
            whole = [
                f
                for f in editing.under(page_findings, prefix)
                if not f.path.startswith(f"{prefix}.property_groups")
            ]
            findings.show(whole)
            a, b, c, d = st.columns([2, 2, 2, 1], vertical_alignment="bottom")
            with a:
                bound(
                    st.text_input,
                    _("Singular label"),
                    "objects.singular",
                    obj.singular,
                    set_field(index, "singular"),
                )
            with b:
                bound(
                    st.text_input, _("Plural label"), "objects.plural", obj.plural, set_field(index, "plural")
                )
            with c:
                bound(
                    st.text_input,
                    _("Internal name"),
                    "objects.name",
                    obj.name,
                    set_field(index, "name"),
                    help=_("Fixed once the object exists in HubSpot."),
                )
            with d:
                OBJECTS.delete_button(index)
            bound(
                st.text_input,
                _("Description"),
                "objects.description",
                obj.description or "",
                set_field(index, "description"),
            )
            names = [p.name for p in obj.properties()]
            words = {p.name: f"{p.label} ({p.name})" for p in obj.properties()}
            primary_options = names if obj.primary_property in names else [obj.primary_property, *names]
            e, f_ = st.columns(2)
            with e:
                bound(
                    st.selectbox,
                    _("Primary property"),
                    "objects.primary",
                    obj.primary_property,
                    set_field(index, "primary_property"),
                    options=primary_options,
                    format_func=lambda n: words.get(n, _("{name} (missing)").format(name=n)),
                    help=_("The name shown on every record."),
                )
                bound(
                    st.multiselect,
                    _("Required properties"),
                    "objects.required",
                    [n for n in obj.required if n in names],
                    set_field(index, "required"),
                    options=names,
                    format_func=lambda n: words.get(n, n),
                )
            with f_:
                bound(
                    st.multiselect,
                    _("Also shown on records"),
                    "objects.secondary",
                    [n for n in obj.secondary_properties if n in names],
                    set_field(index, "secondary_properties"),
                    options=names,
                    format_func=lambda n: words.get(n, n),
                )
                choices = editing.association_choices(config, obj)
                bound(
                    st.multiselect,
                    _("Linked to"),
                    "objects.associations",
                    [a for a in obj.associations if a in choices],
                    set_field(index, "associations"),
                    options=choices,
                    format_func=lambda o: editing.object_words(config, o),
                    help=_("Objects whose records can be associated with these."),
                )
            st.markdown("#### " + _("Property groups of {object}").format(object=obj.plural.lower()))
            g_labels = [f"{g.label} · {property_count(len(g.properties))}" for g in obj.property_groups]
            object_groups = groups_of(index)
            top, add = st.columns([3, 1], vertical_alignment="bottom")
            with add:
                object_groups.add_form(
                    _("Add a group"),
                    [AddField("label", _("Group label"), placeholder=_("e.g. Application details"))],
                    lambda config, values, index=index: editing.new_object_group(
                        config.custom_objects[index], values["label"]
                    ),
                )
            with top:
                g = object_groups.choose(_("Group"), g_labels)
            if g is None:
                st.info(_("No property group yet: add one for the object's properties."))
            else:
                group = obj.property_groups[g]
                left, right = st.columns([4, 1], vertical_alignment="bottom")
                with left:
                    object_groups.rename(g, _("Group label"), "objects.group.label")
                with right:
                    object_groups.delete_button(g, _("Delete group"))
                groups.editor(group, f"{prefix}.property_groups[{g}]", f"o{index}g{g}", page_findings)

nav.footer("custom_objects")
