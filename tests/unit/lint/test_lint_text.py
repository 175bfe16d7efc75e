"""The multilingual label heuristics behind HW101, HW102, HW202 and HW301."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubwizard.lint import text


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("  Relancé-Client_2 ", "relance client 2"),
        ("FOLLOW-UP", "follow up"),
        ("Nachfaß", "nachfass"),
        ("Año", "ano"),
        ("John’s   pipeline", "john s pipeline"),
        ("跟进，客户", "跟进 客户"),
        ("Ｆｏｌｌｏｗ－ｕｐ", "follow up"),
    ],
)
def test_fold_case_accents_punctuation_width(raw, folded):
    assert text.fold(raw) == folded


def test_compact_joins_words():
    assert (
        text.compact("Close-date") == text.compact("close_date") == text.compact("closedate") == "closedate"
    )


def test_stage_key_ignores_plurals_between_two_labels():
    assert text.stage_key("Démos faites") == text.stage_key("demo faite")


@pytest.mark.parametrize(
    "label",
    [
        # English
        "Follow-up",
        "follow up",
        "FOLLOWUP",
        "Follow-ups",
        "Reminder",
        "Reminders sent",
        "Chase quote",
        "Chasing",
        "Relaunch",
        # French
        "Relance",
        "Relances",
        "relance client",
        "Relancé",
        "Rappel",
        "Rappels téléphoniques",
        # German
        "Nachfassen",
        "Erinnerung",
        "Zahlungserinnerung",
        "Angebot nachgefasst",
        "Wiedervorlage",
        # Spanish
        "Seguimiento",
        "seguimientos",
        "Recordatorio",
        "Recordatorios",
        # Chinese
        "跟进",
        "客户跟进中",
        "提醒",
        "第二次重新启动",
    ],
)
def test_is_follow_up(label):
    assert text.is_follow_up(label)


@pytest.mark.parametrize(
    "label",
    [
        "Quote sent",
        "Signed quote received",
        "Relations established",
        "Remise du devis",
        "Rapport envoyé",
        "Lancement produit",
        "Launch",
        "Purchase order",
        "Suivi de commande",
        "Erneuerung",
        "Angebot gesendet",
        "Presupuesto enviado",
        "报价已发送",
        "已签名报价已收到",
        "启动项目",
        "物流跟踪",
    ],
)
def test_is_not_follow_up(label):
    assert not text.is_follow_up(label)


@pytest.mark.parametrize(
    ("label", "person"),
    [
        ("John's pipeline", "John"),
        ("Pipeline Marie", "Marie"),
        ("Affaires de Pierre", "Pierre"),
        ("Hans' Pipeline", "Hans"),
        ("Pipeline von Jürgen", "Jürgen"),
        ("Embudo de María", "María"),
        ("Ventas de Lucía", "Lucía"),
        ("张伟的管道", "张伟"),
        ("老李的商机", "老李"),
    ],
)
def test_person_in(label, person):
    assert text.person_in(label) == person


@pytest.mark.parametrize(
    "label",
    [
        "Sales",
        "Administration",
        "Pipeline de vente",
        "L'équipe export",
        "Partner's pipeline",
        "Q1's deals",
        "产品的管道",
    ],
)
def test_no_person_in(label):
    assert text.person_in(label) is None


@pytest.mark.parametrize(
    ("label", "product"),
    [
        ("Product A", "Product"),
        ("Produits B", "Produits"),
        ("Produktlinie C", "Produktlinie"),
        ("Productos D", "Productos"),
        ("产品A管道", "产品"),
        ("Software deals", "Software"),
        ("Cloud hosting pipeline", "Cloud Hosting"),
        ("企业版管道", "企业版"),
    ],
)
def test_product_in(label, product):
    products = text.ProductNames(["Software", "Cloud Hosting", "企业版", "Other"])
    assert text.product_in(label, products) == product


@pytest.mark.parametrize("label", ["Sales", "Production", "Other deals", "Administration", "Hosting"])
def test_no_product_in(label):
    products = text.ProductNames(["Software", "Cloud Hosting", "Other"])
    assert text.product_in(label, products) is None


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        ("product_type", "Product type", True),
        ("gamme", "Gamme", True),
        ("x", "Produktart", True),
        ("x", "产品类型", True),
        ("production_status", "Production status", False),
        ("region", "Region", False),
    ],
)
def test_is_product_like(name, label, expected):
    assert text.is_product_like(name, label) is expected


@given(st.text(max_size=60))
def test_heuristics_accept_any_text(label):
    text.fold(label)
    text.is_follow_up(label)
    text.person_in(label)
    text.product_in(label, text.ProductNames([label]))
    assert text.fold(text.fold(label)) == text.fold(label)


def test_product_names_restricted_to_the_labels_asked_about():
    labels = ["Softwares pipeline", "企业版管道", "Sales"]
    products = text.ProductNames(["Software", "Hardware", "Cloud Software", "企业版", "专业版"], labels)
    assert products.words == {("software",): "Software"}
    assert products.han == {"企业版": "企业版"}
    assert [products.find(label) for label in labels] == ["Software", "企业版", None]


@given(st.text(max_size=60))
def test_any_pipeline_name_is_read_as_one_of_the_four_kinds(label):
    from hubwizard.lint import names

    reading = names.classify(label)
    assert reading.kind in names.KINDS
    assert (names.department_in(label) is not None) == (reading.kind == "department")
    either = names.product_or_person(label)
    assert (either is not None) == (reading.kind == "product" or (reading.kind == "person" and reading.sure))
    assert names.classify(label, text.ProductNames([label], [label])).kind in names.KINDS
