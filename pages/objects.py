"""Custom objects: records of your own (Enterprise only), their properties and associations."""

from typing import Any

import streamlit as st

from hubwizard import editing
from hubwizard.config import Portal
from hubwizard.hubspot_rules import CUSTOM_OBJECTS_MIN_TIER
from hubwizard.ui import findings, groups, nav
from hubwizard.ui.state import action_button, bound, chooser, wizard

ADVICE = """
- **When HubSpot's objects don't fit.** Deals are sales opportunities; job applications are
  better as an object of their own (*Application*) with its own properties and pipeline.
- **Keep it small.** A primary property (the name on each record), the properties people must
  fill in, and the objects it links to, such as contacts.
- **HubSpot Enterprise only.** Lower tiers cannot create custom objects.
"""


def enterprise() -> None:
    wizard().config.portal = Portal(tier=CUSTOM_OBJECTS_MIN_TIER)


def add_object() -> None:
    w = wizard()
    singular = st.session_state.get("objects.new.singular") or ""
    plural = st.session_state.get("objects.new.plural") or ""
    w.config.custom_objects.append(editing.new_custom_object(w.config, singular, plural))
    w.selected["object"] = len(w.config.custom_objects) - 1


def remove_object(index: int) -> None:
    w = wizard()
    del w.config.custom_objects[index]
    w.selected.pop("object", None)


def set_field(index: int, name: str) -> Any:
    def setter(value: Any) -> None:
        config = wizard().config
        if isinstance(value, str):
            value = value.strip()
        if name == "description":
            value = value or None
        config.custom_objects[index] = editing.replaced(config.custom_objects[index], **{name: value})

    return setter


def add_group(index: int) -> None:
    w = wizard()
    obj = w.config.custom_objects[index]
    obj.property_groups.append(editing.new_object_group(obj, st.session_state.get("objects.group.new") or ""))
    w.selected["object.group"] = len(obj.property_groups) - 1


def remove_group(index: int, g: int) -> None:
    w = wizard()
    del w.config.custom_objects[index].property_groups[g]
    w.selected.pop("object.group", None)


def set_group_label(index: int, g: int) -> Any:
    def setter(value: str) -> None:
        obj = wizard().config.custom_objects[index]
        obj.property_groups[g] = editing.replaced(obj.property_groups[g], label=(value or "").strip())

    return setter


nav.header("custom_objects")
w = wizard()

if not nav.needs_start():
    config = w.config
    allowed = config.tier.at_least(CUSTOM_OBJECTS_MIN_TIER)
    main, side = st.columns([2.7, 1], gap="medium")
    with side:
        st.markdown("#### The guide's advice")
        st.info(ADVICE, icon=":material/school:")
    with main:
        if not allowed:
            with st.container(border=True):
                st.warning(
                    f"**Custom objects need HubSpot Enterprise.** This setup is for HubSpot "
                    f"{config.tier.value.capitalize()}: HubSpot would refuse them, so adding one is switched off. "
                    "Most setups don't need one: a property group on deals often does the job.",
                    icon=":material/lock:",
                )
                action_button(
                    "My portal is Enterprise: switch this setup to Enterprise",
                    "objects.enterprise",
                    enterprise,
                    icon=":material/lock_open:",
                )
        page_findings = w.page_findings("custom_objects")
        findings.show([f for f in page_findings if f.path == "custom_objects"])
        labels = []
        for i, o in enumerate(config.custom_objects):
            n = len(editing.under(page_findings, f"custom_objects[{i}]"))
            labels.append(f"{o.singular} ({o.name})" + (f" · {n} finding(s)" if n else ""))
        top, add = st.columns([3, 1], vertical_alignment="bottom")
        with top:
            index = chooser("Custom object", "object", labels) if labels else None
        with add, st.popover("Add an object", icon=":material/add:", width="stretch", disabled=not allowed):
            st.text_input("Singular label", key="objects.new.singular", placeholder="e.g. Application")
            st.text_input("Plural label", key="objects.new.plural", placeholder="e.g. Applications")
            st.button("Add", key="objects.add", on_click=add_object, type="primary")
        if index is None:
            st.info(
                "No custom object in this setup."
                + (" Add one if HubSpot's objects don't fit." if allowed else "")
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
                    "Singular label",
                    "objects.singular",
                    obj.singular,
                    set_field(index, "singular"),
                )
            with b:
                bound(st.text_input, "Plural label", "objects.plural", obj.plural, set_field(index, "plural"))
            with c:
                bound(
                    st.text_input,
                    "Internal name",
                    "objects.name",
                    obj.name,
                    set_field(index, "name"),
                    help="Fixed once the object exists in HubSpot.",
                )
            with d:
                action_button(
                    "Delete",
                    f"objects.delete.{index}",
                    remove_object,
                    index,
                    icon=":material/delete:",
                    type="tertiary",
                )
            bound(
                st.text_input,
                "Description",
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
                    "Primary property",
                    "objects.primary",
                    obj.primary_property,
                    set_field(index, "primary_property"),
                    options=primary_options,
                    format_func=lambda n: words.get(n, f"{n} (missing)"),
                    help="The name shown on every record.",
                )
                bound(
                    st.multiselect,
                    "Required properties",
                    "objects.required",
                    [n for n in obj.required if n in names],
                    set_field(index, "required"),
                    options=names,
                    format_func=lambda n: words.get(n, n),
                )
            with f_:
                bound(
                    st.multiselect,
                    "Also shown on records",
                    "objects.secondary",
                    [n for n in obj.secondary_properties if n in names],
                    set_field(index, "secondary_properties"),
                    options=names,
                    format_func=lambda n: words.get(n, n),
                )
                choices = editing.association_choices(config, obj)
                bound(
                    st.multiselect,
                    "Linked to",
                    "objects.associations",
                    [a for a in obj.associations if a in choices],
                    set_field(index, "associations"),
                    options=choices,
                    help="Objects whose records can be associated with these.",
                )
            st.markdown(f"#### Property groups of {obj.plural.lower()}")
            g_labels = [f"{g.label} · {len(g.properties)} properties" for g in obj.property_groups]
            top, add = st.columns([3, 1], vertical_alignment="bottom")
            with add, st.popover("Add a group", icon=":material/add:", width="stretch"):
                st.text_input("Group label", key="objects.group.new")
                st.button("Add", key="objects.group.add", on_click=add_group, args=(index,), type="primary")
            with top:
                g = chooser("Group", "object.group", g_labels) if g_labels else None
            if g is None:
                st.info("No property group yet: add one for the object's properties.")
            else:
                group = obj.property_groups[g]
                left, right = st.columns([4, 1], vertical_alignment="bottom")
                with left:
                    bound(
                        st.text_input,
                        "Group label",
                        "objects.group.label",
                        group.label,
                        set_group_label(index, g),
                    )
                with right:
                    action_button(
                        "Delete group",
                        f"objects.group.delete.{index}.{g}",
                        remove_group,
                        index,
                        g,
                        icon=":material/delete:",
                        type="tertiary",
                    )
                groups.editor(group, f"{prefix}.property_groups[{g}]", f"o{index}g{g}", page_findings)

nav.footer("custom_objects")
