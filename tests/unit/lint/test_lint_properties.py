"""HW3xx (properties) and HW4xx (custom objects)."""

from __future__ import annotations

import pytest
from lint_builders import (
    PRODUCT_TYPE,
    application_object,
    config,
    enum,
    found,
    group,
    none_of,
    one,
    prop,
)

from hubwizard.findings import Severity

# --- HW301 ----------------------------------------------------------------------------------


def test_hw301_custom_property_labelled_like_a_native():
    cfg = config(property_groups=[group(properties=[prop("agreed_figure", "Amount", "number")])])
    f = one(cfg, "HW301")
    assert f.severity is Severity.WARNING
    assert f.path == "property_groups[0].properties[0].label"
    assert "'Amount'" in f.message and "HubSpot's native 'Amount' property on deals" in f.message
    assert "native 'amount'" in f.hint
    assert "use HubSpot's 'Amount' instead" in f.fix


def test_hw301_words_that_only_name_the_object_do_not_count():
    cfg = config(
        property_groups=[
            group(properties=[prop("deal_total", "Total", "number")]),
            group("origin", [prop("lead_source", "Source du contact")], object_="contacts"),
        ]
    )
    by_path = {f.path: f for f in found(cfg, "HW301")}
    assert set(by_path) == {"property_groups[0].properties[0].name", "property_groups[1].properties[0].name"}
    assert "native 'amount'" in by_path["property_groups[0].properties[0].name"].hint
    assert "native 'hs_analytics_source'" in by_path["property_groups[1].properties[0].name"].hint


def test_hw301_a_label_holding_an_object_word_as_part_of_the_name_is_not_cut():
    """ "Chiffre d'affaires" ends with "affaires" (deals, in French) but is one name: Amount."""
    cfg = config(property_groups=[group(properties=[prop("ca_total", "Chiffre d'affaires", "number")])])
    assert "native 'amount'" in one(cfg, "HW301").hint


def test_hw307_custom_property_with_a_native_name_is_an_error_not_a_warning():
    """HubSpot refuses to create it (the plan's PLAN301), so the linter says so first."""
    cfg = config(property_groups=[group(properties=[prop("amount", "Deal value", "number")])])
    f = one(cfg, "HW307")
    none_of(cfg, "HW301")
    assert f.severity is Severity.ERROR
    assert f.path == "property_groups[0].properties[0].name"
    assert "'Deal value'" in f.message and "HubSpot's own 'Amount' property" in f.message
    assert "'amount'" in f.hint and "amount" not in f.message.replace("Amount", "")


@pytest.mark.parametrize(
    ("object_", "label", "native"),
    [
        ("deals", "Montant", "amount"),
        ("deals", "Betrag", "amount"),
        ("deals", "Importe", "amount"),
        ("deals", "金额", "amount"),
        ("deals", "Custom amount", "amount"),
        ("deals", "Montant total", "amount"),
        ("deals", "Date de clôture", "closedate"),
        ("deals", "DATE DE CLOTURE", "closedate"),
        ("deals", "Abschlussdatum", "closedate"),
        ("deals", "Fecha de cierre", "closedate"),
        ("deals", "成交日期", "closedate"),
        ("deals", "Deal owner", "hubspot_owner_id"),
        ("deals", "Propriétaire", "hubspot_owner_id"),
        ("deals", "Verkäufer", "hubspot_owner_id"),
        ("deals", "Nom de l'affaire", "dealname"),
        ("deals", "Nombre del negocio", "dealname"),
        ("contacts", "Prénom", "firstname"),
        ("contacts", "Vorname", "firstname"),
        ("contacts", "Last name", "lastname"),
        ("contacts", "Apellidos", "lastname"),
        ("contacts", "E-mail", "email"),
        ("contacts", "Correo electrónico", "email"),
        ("contacts", "Téléphone", "phone"),
        ("contacts", "电话号码", "phone"),
        ("companies", "Secteur d'activité", "industry"),
    ],
)
def test_hw301_duplicate_by_label_in_any_language(object_, label, native):
    cfg = config(property_groups=[group("extra", [prop("my_field", label)], object_=object_)])
    f = one(cfg, "HW301")
    assert f.path == "property_groups[0].properties[0].label"
    assert f"'{label}'" in f.message and f"native '{native}'" in f.hint


@pytest.mark.parametrize(
    ("object_", "name", "native"),
    [
        ("deals", "close_date", "closedate"),
        ("deals", "deal_name", "dealname"),
        ("contacts", "first_name", "firstname"),
    ],
)
def test_hw301_duplicate_by_name(object_, name, native):
    cfg = config(property_groups=[group("extra", [prop(name, "Something else")], object_=object_)])
    f = one(cfg, "HW301")
    assert f.path == "property_groups[0].properties[0].name"
    assert f"native '{native}'" in f.hint


@pytest.mark.parametrize(
    ("object_", "label"),
    [
        ("deals", "Amount paid"),
        ("deals", "Product type"),
        ("deals", "Montant HT mensuel"),
        ("deals", "Email"),  # deals have no native email
        ("contacts", "Amount"),  # contacts have no native amount
        ("deals", "Application source"),
    ],
)
def test_hw301_near_misses(object_, label):
    cfg = config(property_groups=[group("extra", [prop("my_field", label)], object_=object_)])
    none_of(cfg, "HW301")


def test_hw301_custom_objects_have_no_natives_to_duplicate():
    obj = application_object()
    obj["property_groups"][0]["properties"].append(prop("email", "Email"))
    none_of(config(tier="enterprise", custom_objects=[obj]), "HW301")


# --- HW302 ----------------------------------------------------------------------------------


def _bad_names() -> dict:
    return {
        "pipelines": [
            {
                "id": "Sales",
                "label": "Sales",
                "stages": [
                    {"id": "contact_made", "label": "Contact made", "probability": 0.1},
                    {"id": "quote-sent", "label": "Quote sent", "probability": 0.6},
                    {"id": "closedwon", "label": "Won", "probability": 1.0, "closed": "won"},
                    {"id": "closedlost", "label": "Lost", "probability": 0.0, "closed": "lost"},
                ],
            }
        ],
        "property_groups": [
            group("Product Details", [prop("hs_product", "Product line"), prop("ok_name_2")])
        ],
        "custom_objects": [
            dict(
                application_object(),
                name="Application",
                property_groups=[
                    {
                        "name": "hr group",
                        "label": "HR",
                        "properties": [prop("candidate_name"), prop("2nd_choice")],
                    }
                ],
            )
        ],
        "workflows": [],
    }


@pytest.mark.parametrize(
    ("path", "name", "suggestion"),
    [
        ("pipelines[0].id", "Sales", "sales"),
        ("pipelines[0].stages[1].id", "quote-sent", "quote_sent"),
        ("property_groups[0].name", "Product Details", "product_details"),
        ("property_groups[0].properties[0].name", "hs_product", "product"),
        ("custom_objects[0].name", "Application", "application"),
        ("custom_objects[0].property_groups[0].name", "hr group", "hr_group"),
        ("custom_objects[0].property_groups[0].properties[1].name", "2nd_choice", "x_2nd_choice"),
    ],
)
def test_hw302_internal_names(path, name, suggestion):
    cfg = config(tier="enterprise", **_bad_names())
    hits = {f.path: f for f in found(cfg, "HW302")}
    f = hits[path]
    assert f.severity is Severity.ERROR
    assert f"'{name}'" in f.message
    assert f"'{suggestion}'" in f.hint


def test_hw302_reports_only_the_bad_names():
    cfg = config(tier="enterprise", **_bad_names())
    assert len(found(cfg, "HW302")) == 7


def test_hw302_workflow_id():
    from lint_builders import workflow

    f = one(config(workflows=[workflow("Quote Reminder")]), "HW302")
    assert f.path == "workflows[0].id"
    assert "'Quote Reminder'" in f.message


def test_hw302_good_names_pass():
    none_of(config(property_groups=[group(properties=[prop("product_type_2"), prop("x")])]), "HW302")


# --- HW303 ----------------------------------------------------------------------------------


def test_hw303_type_field_pair():
    cfg = config(property_groups=[group(properties=[prop("budget", "Budget", "number", field="text")])])
    f = one(cfg, "HW303")
    assert f.severity is Severity.ERROR
    assert f.path == "property_groups[0].properties[0].field"
    assert "'Budget' is a Number property shown as Single-line text" in f.message
    assert "number, calculation_equation" in f.hint
    assert f.fix == "Choose a field that suits the type (Number or Calculation), or change the type."


@pytest.mark.parametrize(
    ("type_", "field"),
    [("enumeration", "checkbox"), ("datetime", "date"), ("string", "textarea"), ("bool", None)],
)
def test_hw303_accepted_pairs(type_, field):
    extra = {"options": ["A", "B"]} if type_ == "enumeration" else {}
    if field:
        extra["field"] = field
    none_of(config(property_groups=[group(properties=[prop("p", "P", type_, **extra)])]), "HW303")


# --- HW304 ----------------------------------------------------------------------------------


def test_hw304_enumeration_without_options():
    cfg = config(property_groups=[group(properties=[enum("source", [], "Lead source")])])
    f = one(cfg, "HW304")
    assert f.severity is Severity.ERROR
    assert f.path == "property_groups[0].properties[0].options"
    assert f.message == "Dropdown select property 'Lead source' has no options to choose from."
    assert f.fix.startswith("Add its options") and "options: [" in f.hint


def test_hw304_duplicate_option_values():
    options = ["Web", {"label": "Email", "value": "mail"}, {"label": "Post", "value": "mail"}]
    f = one(config(property_groups=[group(properties=[enum("source", options, "Lead source")])]), "HW304")
    assert f.path == "property_groups[0].properties[0].options[2].value"
    assert "'Post' twice" in f.message and "'Lead source'" in f.message
    assert "'mail'" in f.hint


def test_hw304_distinct_values_and_non_enumerations_are_fine():
    options = [{"label": "Mail", "value": "mail"}, {"label": "Mail", "value": "post"}]
    cfg = config(property_groups=[group(properties=[enum("source", options), prop("note", "Note")])])
    none_of(cfg, "HW304")


# --- HW305 ----------------------------------------------------------------------------------


def test_hw305_duplicate_property_names_within_an_object():
    cfg = config(
        property_groups=[
            group("product_details", [PRODUCT_TYPE]),
            group("sales_info", [prop("budget"), dict(PRODUCT_TYPE, label="Type of product")]),
        ]
    )
    f = one(cfg, "HW305")
    assert f.severity is Severity.ERROR
    assert f.path == "property_groups[1].properties[1].name"
    assert "'Product type' and 'Type of product'" in f.message
    assert "internal name 'product_type'" in f.message
    assert "property_groups[0].properties[0]" in f.hint


def test_hw305_across_a_custom_object_and_a_group_on_it():
    cfg = config(
        tier="enterprise",
        custom_objects=[application_object()],
        property_groups=[group("more", [prop("candidate_name")], object_="application")],
    )
    assert one(cfg, "HW305").path == "custom_objects[0].property_groups[0].properties[0].name"


def test_hw305_same_name_on_different_objects_is_fine():
    cfg = config(
        property_groups=[group("a", [prop("budget")]), group("b", [prop("budget")], object_="companies")]
    )
    none_of(cfg, "HW305")


# --- HW306 ----------------------------------------------------------------------------------


def test_hw306_group_with_more_than_30_properties():
    cfg = config(property_groups=[group("big", [prop(f"field_{n}") for n in range(31)], label="Everything")])
    f = one(cfg, "HW306")
    assert f.severity is Severity.WARNING
    assert f.path == "property_groups[0].properties"
    assert "'Everything'" in f.message and "31" in f.message


def test_hw306_thirty_is_fine():
    none_of(config(property_groups=[group("big", [prop(f"field_{n}") for n in range(30)])]), "HW306")


def test_hw308_more_properties_on_an_object_than_hubspot_allows():
    groups = [group(f"g{g}", [prop(f"f_{g}_{k}") for k in range(25)]) for g in range(41)]  # 1,025 on deals
    f = one(config(property_groups=groups), "HW308")
    none_of(config(property_groups=groups), "HW306")
    assert f.severity is Severity.ERROR
    assert f.path == "property_groups[40].properties[0]"
    assert "'F 40 0'" in f.message and "1001" in f.message and "1000" in f.message


def test_hw308_limit_is_per_object():
    groups = [
        group(f"g{g}", [prop(f"f_{g}_{k}") for k in range(25)], object_="deals" if g % 2 else "contacts")
        for g in range(41)
    ]
    none_of(config(property_groups=groups), "HW308")


# --- HW401 ----------------------------------------------------------------------------------


def test_hw401_custom_object_below_enterprise():
    f = one(config(tier="professional", custom_objects=[application_object()]), "HW401")
    assert f.severity is Severity.ERROR
    assert f.path == "custom_objects[0]"
    assert "'Application'" in f.message and "HubSpot Professional" in f.message
    assert "enterprise" in f.hint and "Enterprise subscription" in f.fix


def test_hw401_enterprise_is_fine():
    none_of(config(tier="enterprise", custom_objects=[application_object()]), "HW401")


def test_hw401_more_custom_objects_than_enterprise_allows():
    objects = [application_object(name=f"object_{n}", singular=f"Object {n}") for n in range(11)]
    f = one(config(tier="enterprise", custom_objects=objects), "HW401")
    assert f.path == "custom_objects[10]"
    assert "'Object 10'" in f.message


# --- HW402 ----------------------------------------------------------------------------------


def test_hw402_primary_property_not_defined():
    obj = application_object(primary_property="candidat_name", required=[])
    f = one(config(tier="enterprise", custom_objects=[obj]), "HW402")
    assert f.severity is Severity.ERROR
    assert f.path == "custom_objects[0].primary_property"
    assert "primary display property" in f.message and "'Application'" in f.message
    assert "'candidat_name'" in f.hint and "did you mean 'candidate_name'" in f.hint
    assert "'Candidate name'" in f.fix


def test_hw402_required_and_secondary_properties_not_defined():
    obj = application_object(required=["candidate_name", "email"], secondary_properties=["phone"])
    cfg = config(tier="enterprise", custom_objects=[obj])
    assert [f.path for f in found(cfg, "HW402")] == [
        "custom_objects[0].required[1]",
        "custom_objects[0].secondary_properties[0]",
    ]


def test_hw402_properties_in_any_group_of_the_object_count():
    obj = application_object(required=["candidate_name", "application_source"])
    obj["property_groups"].append({"name": "extra", "label": "Extra", "properties": [prop("cv_link")]})
    obj["secondary_properties"] = ["cv_link"]
    none_of(config(tier="enterprise", custom_objects=[obj]), "HW402")
