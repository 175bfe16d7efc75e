"""Properties: HubSpot's native properties first, then your groups of custom properties."""

import streamlit as st

from hubwizard import editing
from hubwizard.config import PropertyGroup
from hubwizard.i18n import N_, _, ngettext
from hubwizard.ui import findings, groups, nav
from hubwizard.ui.lists import AddField, ListEditor
from hubwizard.ui.state import bound, wizard

ADVICE = N_("""
- **Prefer HubSpot's own properties.** HubSpot knows how to use them: the native *Amount* drives
  the totals under each stage of the board; a home-made "amount" only shows in a report you build.
- **Custom properties fit the tool to your business.** Keep them in a named group, such as an *HR*
  group (*Application source*, *Position sought*, *Education level*), 30 at most per group.
- **Several products?** A product property and group, not more pipelines.
""")
OBJECT_WORDS = editing.OBJECT_WORDS


def set_object(value: str) -> bool:
    w = wizard()
    w.selected["properties.object"] = value
    w.selected.pop("properties.group", None)
    return False


def groups_of(object_name: str) -> ListEditor[PropertyGroup]:
    """The property groups of one object (the list holds those of every object)."""
    return ListEditor(
        key="properties",
        select="properties.group",
        noun=N_("property group"),
        items=lambda config: config.property_groups,
        name_of=lambda g: g.label,
        removes=lambda g: property_count(len(g.properties)),
        include=lambda g: g.object == object_name,
    )


def property_count(n: int) -> str:
    return ngettext("{count} property", "{count} properties", n).format(count=n)


def natives(object_name: str) -> None:
    with st.expander(
        _("HubSpot already has these {object} properties: prefer them").format(
            object=editing.object_words(w.config, object_name).lower()
        ),
        expanded=True,
    ):
        query = st.text_input(
            _("Search HubSpot's properties"),
            key=f"properties.search.{object_name}",
            placeholder=_("e.g. amount, montant, close date…"),
            help=_(
                "Searches labels, internal names and the names people give their own copies, in five languages."
            ),
        )
        rows = editing.native_matches(object_name, query or "")
        if rows:
            st.dataframe(
                rows,
                hide_index=True,
                width="stretch",
                column_config={
                    "label": _("Label"),
                    "name": _("Internal name"),
                    "type": _("Type"),
                    "field": _("Field"),
                    "description": st.column_config.TextColumn(_("What it is for"), width="large"),
                },
            )
            if query:
                st.success(
                    ngettext(
                        "HubSpot already has {count} matching property: use it instead of creating your own.",
                        "HubSpot already has {count} matching properties: use them instead of creating your own.",
                        len(rows),
                    ).format(count=len(rows)),
                    icon=":material/thumb_up:",
                )
        else:
            st.caption(_("No native property matches: a custom property is the right tool here."))


nav.header("properties")
w = wizard()

if not nav.needs_start():
    config = w.config
    with nav.with_advice(_(ADVICE)):
        current = w.selected.get("properties.object") or "deals"
        counts = {
            o: sum(len(g.properties) for g in config.property_groups if g.object == o) for o in OBJECT_WORDS
        }
        bound(
            st.segmented_control,
            _("Object"),
            "properties.object",
            current,
            set_object,
            options=list(OBJECT_WORDS),
            format_func=lambda o: f"{editing.object_words(config, o)} ({counts[o]})",
            required=True,
        )
        natives(current)
        page_findings = w.page_findings("properties")
        findings.show([f for f in page_findings if f.path == "property_groups"])
        editor = groups_of(current)
        members = editor.positions(config)
        st.markdown(
            "#### "
            + _("Your {object} property groups").format(object=editing.object_words(config, current).lower())
        )
        top, add = st.columns([3, 1], vertical_alignment="bottom")
        with add:
            editor.add_form(
                _("Add a group"),
                [AddField("label", _("Group label"), placeholder=_("e.g. HR"))],
                lambda config, values: editing.new_group(config, values["label"], current),
            )
        if not members:
            st.info(
                _(
                    "No custom property group on {object} yet. Check HubSpot's own properties above first."
                ).format(object=editing.object_words(config, current).lower())
            )
        else:
            labels = [
                editing.with_findings(
                    f"{group.label} · {property_count(len(group.properties))}",
                    page_findings,
                    f"property_groups[{g}]",
                )
                for g in members
                for group in [config.property_groups[g]]
            ]
            with top:
                index = editor.choose(_("Group"), labels)
            assert index is not None
            group = config.property_groups[index]
            left, right = st.columns([4, 1], vertical_alignment="bottom")
            with left:
                editor.rename(index, _("Group label"), "properties.group.label")
            with right:
                editor.delete_button(index, _("Delete group"))
            groups.editor(group, f"property_groups[{index}]", f"g{index}", page_findings)

nav.footer("properties")
