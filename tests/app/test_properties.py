"""Properties: natives first, groups and their properties, field types limited by type."""

from __future__ import annotations

from app_helpers import click, edit_table, editor_key, goto, texts, use_template, wizard
from streamlit.testing.v1 import AppTest

from hubwizard.natives import natives_of


def open_properties(at: AppTest) -> AppTest:
    use_template(at)
    return goto(at, "properties")


def test_native_properties_come_first_with_the_advice(at: AppTest):
    open_properties(at)
    natives = at.dataframe[0].value
    assert list(natives["name"]) == [p.name for p in natives_of("deals")]
    assert "Prefer HubSpot's own properties" in at.info[0].value
    at.text_input(key="properties.search.deals").input("montant").run()
    assert at.dataframe[0].value["name"].iloc[0] == "amount"
    assert "2 matching properties: use them instead of creating your own" in at.success[0].value


def test_property_table_edits_reach_the_config(at: AppTest):
    open_properties(at)
    name = f"props.g{0}"
    table = at.data_editor(key=editor_key(at, name))
    assert list(table.value["name"]) == ["product_type", "licence_count", "contract_term_months"]
    edit_table(at, name, edited_rows={1: {"type": "string"}})  # number → text: the field follows
    prop = wizard(at).config.property_groups[0].properties[1]
    assert (prop.type.value, prop.field.value) == ("string", "text")
    edit_table(
        at, name, added_rows=[{"label": "Region", "kind": "enumeration/select", "options": "North, South"}]
    )
    added = wizard(at).config.property_groups[0].properties[-1]
    assert (added.name, added.field.value, [o.label for o in added.options]) == (
        "region",
        "select",
        ["North", "South"],
    )
    goto(at, "review")
    goto(at, "properties")
    assert "region" in list(at.data_editor(key=editor_key(at, name)).value["name"])


def test_a_copy_of_a_native_property_is_flagged_until_removed(at: AppTest):
    open_properties(at)
    edit_table(at, "props.g0", added_rows=[{"label": "Deal amount", "name": "deal_amount", "type": "number"}])
    assert "HW301" in texts(at)
    assert "native" in at.data_editor(key=editor_key(at, "props.g0")).value["check"][3].lower()
    edit_table(at, "props.g0", deleted_rows=[3])
    assert "HW301" not in texts(at)


def test_field_types_by_hubspots_names(at: AppTest):
    open_properties(at)
    table = at.data_editor(key=editor_key(at, "props.g0"))
    assert "type" not in table.value.columns and "field" not in table.value.columns
    assert list(table.value["kind"]) == ["enumeration/select", "number/number", "number/number"]
    kind = at.selectbox(key="props.g0.kind")
    assert kind.options[:6] == [
        "Single-line text",
        "Multi-line text",
        "Dropdown select",
        "Radio select",
        "Multiple checkboxes",
        "Single checkbox",
    ]
    assert kind.options[kind.index] == "Dropdown select"
    kind.select_index(kind.options.index("Single checkbox")).run()
    prop = wizard(at).config.property_groups[0].properties[0]
    assert (prop.type.value, prop.field.value) == ("bool", "booleancheckbox")
    edit_table(at, "props.g0", edited_rows={1: {"kind": "date/date"}})
    prop = wizard(at).config.property_groups[0].properties[1]
    assert (prop.type.value, prop.field.value) == ("date", "date")


def test_a_new_row_keeps_what_was_typed_and_is_a_single_line_text(at: AppTest):
    """Nothing in the table is required: a row with only a label is a property at once."""
    open_properties(at)
    edit_table(at, "props.g0", added_rows=[{"label": "Region"}])
    added = wizard(at).config.property_groups[0].properties[-1]
    assert (added.label, added.name, added.type.value, added.field.value) == (
        "Region",
        "region",
        "string",
        "text",
    )
    assert at.selectbox(key="pick.properties.group").options[0].endswith("· 4 properties")


def test_options_table_of_a_choice_property(at: AppTest):
    open_properties(at)
    edit_table(at, "props.g0.options.0", added_rows=[{"label": "Training"}])
    options = wizard(at).config.property_groups[0].properties[0].options
    assert [o.label for o in options] == ["Software", "Hardware", "Services", "Training"]
    assert options[-1].value == "Training"


def test_groups_per_object(at: AppTest):
    open_properties(at)
    at.button_group(key="properties.object").set_value("contacts").run()
    assert "No custom property group on contacts" in texts(at)
    at.text_input(key="properties.new.label").input("HR")
    click(at, "properties.add")
    groups = wizard(at).config.property_groups
    assert [(g.object, g.name, g.label) for g in groups][-1] == ("contacts", "hr", "HR")
    at.text_input(key="properties.group.label").input("Human resources").run()
    assert groups[-1].label == "Human resources"
    click(at, "properties.delete.1")
    assert [g.object for g in wizard(at).config.property_groups] == ["deals"]
    assert "Deleted the property group “Human resources”." in at.success[0].value
    click(at, "notice.undo")
    assert [g.label for g in wizard(at).config.property_groups][-1] == "Human resources"
