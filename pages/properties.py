"""Properties: HubSpot's native properties first, then your groups of custom properties."""

from typing import Any

import streamlit as st

from hubwizard import editing
from hubwizard.ui import findings, groups, nav
from hubwizard.ui.state import action_button, bound, chooser, wizard

ADVICE = """
- **Prefer HubSpot's own properties.** HubSpot knows how to use them: the native *Amount* drives
  the totals under each stage of the board; a home-made "amount" only shows in a report you build.
- **Custom properties fit the tool to your business.** Keep them in a named group, such as an *HR*
  group (*Application source*, *Position sought*, *Education level*), 30 at most per group.
- **Several products?** A product property and group, not more pipelines.
"""
OBJECT_WORDS = {"deals": "Deals", "contacts": "Contacts", "companies": "Companies", "tickets": "Tickets"}


def set_object(value: str) -> bool:
    w = wizard()
    w.selected["properties.object"] = value
    w.selected.pop("properties.group", None)
    return False


def add_group(object_name: str) -> None:
    w = wizard()
    label = st.session_state.get("properties.new.label") or ""
    w.config.property_groups.append(editing.new_group(w.config, label, object_name))
    w.selected["properties.group"] = sum(1 for g in w.config.property_groups if g.object == object_name) - 1


def remove_group(index: int) -> None:
    w = wizard()
    del w.config.property_groups[index]
    w.selected.pop("properties.group", None)


def set_group_label(index: int) -> Any:
    def setter(value: str) -> None:
        config = wizard().config
        config.property_groups[index] = editing.replaced(
            config.property_groups[index], label=(value or "").strip()
        )

    return setter


def natives(object_name: str) -> None:
    with st.expander(
        f"HubSpot already has these {OBJECT_WORDS[object_name].lower()} properties: prefer them",
        expanded=True,
    ):
        query = st.text_input(
            "Search HubSpot's properties",
            key=f"properties.search.{object_name}",
            placeholder="e.g. amount, montant, close date…",
            help="Searches labels, internal names and the names people give their own copies, in five languages.",
        )
        rows = editing.native_matches(object_name, query or "")
        if rows:
            st.dataframe(
                rows,
                hide_index=True,
                width="stretch",
                column_config={
                    "label": "Label",
                    "name": "Internal name",
                    "type": "Type",
                    "field": "Field",
                    "description": st.column_config.TextColumn("What it is for", width="large"),
                },
            )
            if query:
                st.success(
                    f"HubSpot already has {len(rows)} matching propert{'y' if len(rows) == 1 else 'ies'}: "
                    "use it instead of creating your own.",
                    icon=":material/thumb_up:",
                )
        else:
            st.caption("No native property matches: a custom property is the right tool here.")


nav.header("properties")
w = wizard()

if not nav.needs_start():
    config = w.config
    main, side = st.columns([2.7, 1], gap="medium")
    with side:
        st.markdown("#### The guide's advice")
        st.info(ADVICE, icon=":material/school:")
    with main:
        current = w.selected.get("properties.object") or "deals"
        counts = {
            o: sum(len(g.properties) for g in config.property_groups if g.object == o) for o in OBJECT_WORDS
        }
        bound(
            st.segmented_control,
            "Object",
            "properties.object",
            current,
            set_object,
            options=list(OBJECT_WORDS),
            format_func=lambda o: f"{OBJECT_WORDS[o]} ({counts[o]})",
            required=True,
        )
        natives(current)
        page_findings = w.page_findings("properties")
        findings.show([f for f in page_findings if f.path == "property_groups"])
        members = [i for i, g in enumerate(config.property_groups) if g.object == current]
        st.markdown(f"#### Your {OBJECT_WORDS[current].lower()} property groups")
        top, add = st.columns([3, 1], vertical_alignment="bottom")
        with add, st.popover("Add a group", icon=":material/add:", width="stretch"):
            st.text_input("Group label", key="properties.new.label", placeholder="e.g. HR")
            st.button("Add", key="properties.add", on_click=add_group, args=(current,), type="primary")
        if not members:
            st.info(f"No custom property group on {current} yet. Check HubSpot's own properties above first.")
        else:
            labels = []
            for g in members:
                group = config.property_groups[g]
                n = len(editing.under(page_findings, f"property_groups[{g}]"))
                labels.append(
                    f"{group.label} · {len(group.properties)} properties"
                    + (f" · {n} finding(s)" if n else "")
                )
            with top:
                picked = chooser("Group", "properties.group", labels)
            index = members[picked or 0]
            group = config.property_groups[index]
            left, right = st.columns([4, 1], vertical_alignment="bottom")
            with left:
                bound(
                    st.text_input,
                    "Group label",
                    "properties.group.label",
                    group.label,
                    set_group_label(index),
                )
            with right:
                action_button(
                    "Delete group",
                    f"properties.delete.{index}",
                    remove_group,
                    index,
                    icon=":material/delete:",
                    type="tertiary",
                )
            groups.editor(group, f"property_groups[{index}]", f"g{index}", page_findings)

nav.footer("properties")
