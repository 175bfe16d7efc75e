"""A plan read against a real (sandbox) portal speaks the session's language: its operation
titles, change lines and refusals, in French and in Chinese; what it would write is the same."""

from __future__ import annotations

import re

from provisioning_helpers import apply

from hubwizard import i18n, templates
from hubwizard.provision import plan_against

HAN = re.compile(r"[\u4e00-\u9fff]")


def _changed(config):
    """The B2B template once applied, then edited: a stage renamed and re-weighted, a stage
    added, a property added, the workflow switched on."""
    edited = config.model_copy(deep=True)
    pipeline = edited.pipelines[0]
    pipeline.stages[1].label = "Demo given"
    pipeline.stages[2].probability = 0.5
    extra = pipeline.stages[1].model_copy(
        update={"id": "trial", "label": "Trial running", "probability": 0.4}
    )
    pipeline.stages.insert(2, extra)
    group = edited.property_groups[0]
    group.properties.append(
        group.properties[1].model_copy(update={"name": "seat_price", "label": "Seat price"})
    )
    edited.workflows[0].enabled = True
    return edited


def test_a_plan_in_french_and_chinese_says_the_same_changes_in_that_language(portal):
    config = templates.load("b2b-sales", "en")
    assert apply(portal, config).report.ok
    edited = _changed(config)
    english = plan_against(portal, edited).plan
    with i18n.using("fr"):
        french = plan_against(portal, edited).plan
    with i18n.using("zh"):
        chinese = plan_against(portal, edited).plan
    assert english.checksum() == french.checksum() == chinese.checksum()
    writes = {
        lang: [op.title for op in plan.writes]
        for lang, plan in (("en", english), ("fr", french), ("zh", chinese))
    }
    assert len(writes["fr"]) == len(writes["en"]) >= 4
    assert "Ajouter la phase 'Trial running' à 'Sales' (probabilité 40%)" in writes["fr"]
    assert "Mettre à jour la phase 'Demo given' de 'Sales'" in writes["fr"]
    assert "Créer la propriété 'Seat price' (nombre) sur les transactions" in writes["fr"]
    assert "Create property 'Seat price' (number) on deals" in writes["en"]
    assert any(t.startswith("Mettre à jour le workflow") for t in writes["fr"])
    lines = [c.text for op in french.writes for c in op.changes]
    assert "phase *Quote sent* : probabilité 60% → 50%" in lines
    assert "phase *Demo sent* : renommée en *Demo given*" in lines
    for title in writes["zh"]:
        assert HAN.search(title), title
    assert "向 'Sales' 添加阶段 'Trial running'（概率 40%）" in writes["zh"]
    assert not any(HAN.search(t) for t in writes["en"])
    assert english.portal["tier_reason"] == "it allows custom objects"
    assert french.portal["tier_reason"] == "il autorise les objets personnalisés"
    assert chinese.portal["tier_reason"] == "它允许自定义对象"


def test_a_french_template_plans_french_labels_and_the_same_internal_names(portal):
    with i18n.using("fr"):
        config = templates.load("sales-and-admin")
        plan = plan_against(portal, config).plan
    assert plan.ok, [f.message for f in plan.refusals]
    titles = [op.title for op in plan.writes]
    assert "Créer le pipeline de type transaction 'Administration' avec 5 phases" in titles or any(
        t.startswith("Créer le pipeline de type transaction") for t in titles
    ), titles
    assert any("'Contrat signé'" in t for t in titles), titles
    ids = {op.id for op in plan.writes}
    assert ids == {op.id for op in plan_against(portal, templates.load("sales-and-admin", "en")).plan.writes}
