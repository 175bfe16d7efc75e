"""Custom objects: the Enterprise gate, the object's fields, its property groups."""

from __future__ import annotations

from app_helpers import click, edit_table, goto, texts, use_template, wizard
from streamlit.testing.v1 import AppTest


def test_the_tier_gate_on_a_professional_setup(at: AppTest):
    use_template(at)  # b2b-sales: Professional
    goto(at, "custom_objects")
    assert "Custom objects need HubSpot Enterprise" in at.warning[0].value
    assert wizard(at).config.custom_objects == []
    click(at, "objects.enterprise")
    assert wizard(at).config.tier.value == "enterprise"
    assert not at.warning
    at.text_input(key="objects.new.singular").input("Application")
    at.text_input(key="objects.new.plural").input("Applications")
    click(at, "objects.add")
    obj = wizard(at).config.custom_objects[0]
    assert (obj.name, obj.primary_property, obj.required) == (
        "application",
        "application_name",
        ["application_name"],
    )
    assert not [f for f in wizard(at).findings if f.path.startswith("custom_objects")]


def test_a_custom_object_below_enterprise_is_an_error_until_the_tier_is_fixed(at: AppTest):
    use_template(at, "hr-recruitment")
    goto(at, "start")
    at.selectbox(key="setup.tier").select("professional").run()
    goto(at, "custom_objects")
    assert "HW401" in texts(at)
    assert "· 1 open" in at.sidebar.get("page_link")[3].proto.label
    click(at, "objects.enterprise")
    assert "HW401" not in texts(at)


def test_object_fields_and_groups_edit_the_config(at: AppTest):
    use_template(at, "hr-recruitment")
    goto(at, "custom_objects")
    obj = wizard(at).config.custom_objects[0]
    names = [p.name for p in obj.properties()]
    at.text_input(key="objects.singular").input("Candidate").run()
    at.multiselect(key="objects.required").set_value(names[:2]).run()
    at.multiselect(key="objects.associations").set_value(["contacts", "companies"]).run()
    obj = wizard(at).config.custom_objects[0]
    assert (obj.singular, obj.required, obj.associations) == (
        "Candidate",
        names[:2],
        ["contacts", "companies"],
    )
    edit_table(at, "props.o0g0", added_rows=[{"label": "Expected salary", "type": "number"}])
    assert "expected_salary" in [p.name for p in wizard(at).config.custom_objects[0].properties()]
    goto(at, "review")
    goto(at, "custom_objects")
    assert at.text_input(key="objects.singular").value == "Candidate"
    at.selectbox(key="objects.primary").select("expected_salary").run()
    assert wizard(at).config.custom_objects[0].primary_property == "expected_salary"
