"""The template gallery: every template is a showcase of the guide."""

from __future__ import annotations

import pytest

from hubwizard import lint
from hubwizard.config import Config
from hubwizard.configfile import ConfigError
from hubwizard.findings import Severity
from hubwizard.hubspot_rules import Tier
from hubwizard.templates import contents, get_template, list_templates, required_tier

TEMPLATES = list_templates()


def test_the_five_templates_of_the_issue_are_there():
    assert {t.slug for t in TEMPLATES} >= {
        "b2b-sales",
        "sales-and-admin",
        "multi-product",
        "hr-recruitment",
        "support-tickets",
    }


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.slug)
def test_template_has_gallery_metadata_and_no_errors_or_warnings(template):
    assert template.title and len(template.description) > 60 and template.tags
    findings = [f for f in lint.lint(template.config) if f.severity is not Severity.INFO]
    assert findings == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.slug)
def test_declared_tier_is_exactly_what_the_template_needs(template):
    assert template.config.portal.tier is required_tier(template.config)


def test_b2b_sales_follows_the_guide():
    config = get_template("b2b-sales").config
    (pipeline,) = config.pipelines
    assert [(s.label, s.probability) for s in pipeline.stages][:4] == [
        ("Contact made", 0.1),
        ("Demo sent", 0.3),
        ("Quote sent", 0.6),
        ("Signed quote received", 0.9),
    ]
    (workflow,) = config.workflows
    assert workflow.trigger.stage_entered.stage == "quote_sent"
    assert workflow.steps[0].delay.days == 15 and workflow.steps[1].create_task.assign_to == "owner"
    assert workflow.exit_when_trigger_no_longer_true and not workflow.enabled


def test_hr_recruitment_models_applications_as_a_custom_object():
    config = get_template("hr-recruitment").config
    (obj,) = config.custom_objects
    names = {p.name for p in obj.properties()}
    assert {"application_source", "position_sought", "education_level"} <= names
    assert config.pipelines[0].object == "application"
    assert all(s.state for s in config.pipelines[0].stages)


def test_sales_and_admin_copies_signed_deals_into_administration():
    config = get_template("sales-and-admin").config
    step = config.workflows[0].steps[0]
    assert step.copy_to_pipeline.pipeline == "administration"
    assert config.workflows[0].trigger.stage_entered.stage == "contract_signed"


def test_fresh_config_is_a_copy():
    template = get_template("b2b-sales")
    copy = template.fresh_config()
    copy.pipelines[0].label = "Changed"
    assert template.config.pipelines[0].label == "Sales"


def test_unknown_template_names_the_known_ones():
    with pytest.raises(ConfigError, match="known templates: b2b-sales"):
        get_template("crm-for-cats")


def test_contents_in_plain_words():
    assert contents(get_template("hr-recruitment").config) == [
        "Application pipeline 'Recruitment' with 6 stages",
        "custom object 'Application' with 4 properties",
    ]


@pytest.mark.parametrize(
    ("data", "tier"),
    [
        ({}, Tier.FREE),
        ({"pipelines": [{"id": "s", "label": "S", "hubspot_id": "default"}]}, Tier.FREE),
        ({"pipelines": [{"id": "s", "label": "S"}]}, Tier.STARTER),
        (
            {
                "workflows": [
                    {"id": "w", "name": "W", "trigger": {"property_is": {"property": "p", "values": ["x"]}}}
                ]
            },
            Tier.PROFESSIONAL,
        ),
        (
            {"custom_objects": [{"name": "o", "singular": "O", "plural": "Os", "primary_property": "n"}]},
            Tier.ENTERPRISE,
        ),
    ],
)
def test_required_tier(data, tier):
    assert required_tier(Config.model_validate(data)) is tier
