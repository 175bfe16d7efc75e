"""Templates in French and Chinese: every text a person reads is translated, internal names stay
as in the file, and a translated template lints exactly as cleanly as the English one."""

from __future__ import annotations

import pytest

from hubwizard import catalogs, i18n, templates
from hubwizard.lint import lint

LANGUAGES = ("fr", "zh")


def _texts(config) -> list[str]:
    return [v for item, attribute in templates.texts(config) if (v := getattr(item, attribute, None))]


def _internal_names(config) -> list[object]:
    """Everything but the texts: ids, names, option values, references, probabilities."""
    data = config.model_dump(mode="json")
    for item, attribute in templates.texts(config):
        value = getattr(item, attribute, None)
        if value:
            _blank(data, value)
    return data


def _blank(data, text):
    if isinstance(data, dict):
        for key, value in data.items():
            if (
                key in ("label", "name", "description", "singular", "plural", "subject", "body")
                and value == text
            ):
                data[key] = None
            else:
                _blank(value, text)
    elif isinstance(data, list):
        for value in data:
            _blank(value, text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_of_every_template_has_a_translation(lang):
    done = catalogs.translated(lang)
    missing = [
        f"{template.slug}: {text!r}"
        for template in templates.list_templates("en")
        for text in _texts(template.config)
        if (templates.TEMPLATE_CONTEXT, text) not in done
    ]
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_translated_template_changes_every_text_and_no_internal_name(lang):
    for template in templates.list_templates("en"):
        translated = templates.load(template.slug, lang)
        assert _internal_names(translated) == _internal_names(template.config)
        changed = [
            (en, there)
            for en, there in zip(_texts(template.config), _texts(translated), strict=True)
            if en != there
        ]
        unchanged = {
            en for en, there in zip(_texts(template.config), _texts(translated), strict=True) if en == there
        }
        assert unchanged <= {"LinkedIn", "Pipeline", "Services", "Standard", "Administration"}, unchanged
        assert len(changed) > len(_texts(template.config)) // 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_translated_template_lints_with_no_new_finding(lang):
    for template in templates.list_templates("en"):
        english = {(f.code, f.path) for f in lint(template.config)}
        translated = {(f.code, f.path) for f in lint(templates.load(template.slug, lang))}
        assert translated == english, template.slug


def test_templates_follow_the_current_language_and_keep_the_wizards_calls():
    """The wizard calls ``get_template(slug)`` and ``list_templates()``: in a French session they
    give French setups, and the cached English template is never changed."""
    with i18n.using("fr"):
        template = templates.get_template("b2b-sales")
        assert template.title == "Démarrage ventes B2B"
        assert template.fresh_config().pipelines[0].label == "Ventes"
        assert [t.slug for t in templates.list_templates()] == [
            t.slug for t in templates.list_templates("en")
        ]
    with i18n.using("zh"):
        assert templates.load("hr-recruitment").custom_objects[0].singular == "求职申请"
    assert templates.get_template("b2b-sales").config.pipelines[0].label == "Sales"
    assert templates.load("b2b-sales", "fr").pipelines[0].label == "Ventes"
