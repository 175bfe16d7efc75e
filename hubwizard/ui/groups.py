"""A property group's editor, shared by the Properties and Custom objects pages: a table of
its properties (inline findings per row) and a form for the selected property, whose field
types are limited to those HubSpot accepts for its type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from hubwizard import editing
from hubwizard.config import ObjectPropertyGroup, PropertyGroup
from hubwizard.findings import Finding
from hubwizard.hubspot_rules import TYPES_WITH_OPTIONS
from hubwizard.i18n import _
from hubwizard.ui import findings as show_findings
from hubwizard.ui.state import bound, chooser, frame, table

Group = PropertyGroup | ObjectPropertyGroup
COLUMNS = ["label", "name", "kind", "options", "description", "check"]
KINDS = list(editing.KIND_NAMES)


def _column_config() -> dict[str, Any]:
    col = st.column_config
    return {
        # nothing is required: a new row is kept as soon as anything is typed in it, and gets
        # a label, an internal name and a field type of its own when left empty
        "label": col.TextColumn(_("Label"), width=200),
        "name": col.TextColumn(
            _("Internal name"),
            width=170,
            help=_(
                "Lowercase letters, digits and _; made from the label when left empty; fixed once created."
            ),
        ),
        "kind": col.SelectboxColumn(
            _("Field type"),
            options=KINDS,
            format_func=editing.kind_name,
            default=editing.DEFAULT_KIND,
            width=170,
            help=_("As HubSpot's property editor names them; a new property is a single-line text."),
        ),
        "options": col.TextColumn(
            _("Options"),
            width=180,
            help=_(
                "The choices of a dropdown select, radio select or multiple checkboxes, separated by commas."
            ),
        ),
        "description": col.TextColumn(_("Description"), width=220),
        "check": col.TextColumn(_("Check"), disabled=True, width="large"),
    }


def editor(group: Group, path: str, name: str, findings: Sequence[Finding]) -> None:
    """The table of ``group``'s properties (``path`` is the group's path in the config)."""
    whole, items = editing.by_item(findings, path)
    show_findings.show(whole)
    rows = editing.property_rows(group.properties)
    for i, row in enumerate(rows):
        row["check"] = editing.short_note(items.get(i, []))

    def on_edit(delta: Any, group: Group = group, rows: list[dict[str, Any]] = rows) -> None:
        editing.edit_properties(group, rows, delta)

    table(
        f"props.{name}",
        frame(rows, COLUMNS),
        on_edit,
        what=_("Edited the properties of “{group}”").format(group=group.label),
        num_rows="dynamic",
        column_config=_column_config(),
        width="stretch",
    )
    st.caption(
        _(
            "Add a property in the empty last row; select rows and press Delete to remove them. "
            "Pick a property below to set its options and the field HubSpot shows it with."
        )
    )
    listed = [f for i in sorted(items) for f in items[i]]
    if listed:
        with st.expander(
            _("Findings on these properties ({count})").format(count=len(listed)), expanded=True
        ):
            show_findings.show(listed)
    if group.properties:
        details(group, name)


def _prop_setter(group: Group, index: int, field: str) -> Any:
    def setter(value: Any) -> None:
        prop = group.properties[index]
        changes: dict[str, Any] = {field: value}
        if field == "kind":
            changes = dict(zip(("type", "field"), editing.kind_parts(value), strict=True))
        group.properties[index] = editing.replaced(prop, **changes)

    return setter


def details(group: Group, name: str) -> None:
    """The selected property as a form: field type (HubSpot's names), options, flags."""
    key = f"props.{name}"
    with st.container(border=True):
        index = chooser(_("Property details"), key, [f"{p.label} ({p.name})" for p in group.properties])
        if index is None:
            return
        prop = group.properties[index]
        bound(
            st.selectbox,
            _("Field type"),
            f"{key}.kind",
            editing.kind_of(prop.type, prop.field),
            _prop_setter(group, index, "kind"),
            options=KINDS,
            format_func=editing.kind_name,
            help=_("As HubSpot's property editor names them."),
        )
        bound(
            st.text_input,
            _("Description"),
            f"{key}.description",
            prop.description or "",
            lambda v: _prop_setter(group, index, "description")(v or None),
        )
        flags = st.columns(2)
        with flags[0]:
            bound(
                st.toggle,
                _("Unique values"),
                f"{key}.unique",
                prop.unique,
                _prop_setter(group, index, "unique"),
                help=_("Only settable when the property is created."),
            )
        with flags[1]:
            bound(
                st.toggle,
                _("Hidden in HubSpot forms"),
                f"{key}.hidden",
                prop.hidden,
                _prop_setter(group, index, "hidden"),
            )
        if prop.type in TYPES_WITH_OPTIONS or prop.options:
            st.markdown("**" + _("Options") + "**")
            rows = editing.option_rows(prop.options)

            def on_edit(
                delta: Any, group: Group = group, index: int = index, rows: list[dict[str, Any]] = rows
            ) -> None:
                options = editing.options_from_rows(editing.apply_table_edits(rows, delta))
                group.properties[index] = editing.replaced(
                    group.properties[index], options=[o.model_dump() for o in options]
                )

            table(
                f"{key}.options.{index}",
                frame(rows, ["label", "value", "hidden"]),
                on_edit,
                what=_("Edited the options of “{property}”").format(property=prop.label),
                num_rows="dynamic",
                column_config={
                    "label": st.column_config.TextColumn(_("Label")),
                    "value": st.column_config.TextColumn(
                        _("Internal value"), help=_("Defaults to the label.")
                    ),
                    "hidden": st.column_config.CheckboxColumn(_("Hidden")),
                },
                width="stretch",
            )
