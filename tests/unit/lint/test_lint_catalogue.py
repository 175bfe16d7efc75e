"""The registry against the catalogue, ordering, paths, and guide-following setups that lint clean."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from lint_builders import (
    PRODUCT_TYPE,
    b2b_config,
    config,
    delay,
    group,
    labelled_stages,
    pipeline,
    prop,
    stage,
    stage_entered,
    task,
    workflow,
)

from hubwizard.config import Config
from hubwizard.configfile import parse_path
from hubwizard.findings import Finding, Severity
from hubwizard.lint import RULES, Issue, errors, lint, registry

CATALOGUE = Path(__file__).resolve().parents[3] / "docs" / "lint-rules.md"

EXPECTED = {
    **dict.fromkeys(["HW101", "HW102", "HW201", "HW202", "HW203", "HW207", "HW301", "HW306"], "warning"),
    **dict.fromkeys(["HW104", "HW502", "HW503"], "warning"),
    **dict.fromkeys(["HW105", "HW106", "HW107", "HW508"], "warning"),
    **dict.fromkeys(["HW103", "HW204", "HW205", "HW206", "HW209", "HW302", "HW303"], "error"),
    **dict.fromkeys(["HW304", "HW305", "HW307", "HW308", "HW401", "HW402", "HW501", "HW505"], "error"),
    **dict.fromkeys(["HW506", "HW509"], "error"),
    **dict.fromkeys(["HW208", "HW504", "HW507"], "info"),
}


def catalogue() -> dict[str, str]:
    """code → severity from the tables of docs/lint-rules.md."""
    rows = re.findall(r"^\|\s*(HW\d{3})\s*\|\s*(error|warning|info)\s*\|", CATALOGUE.read_text("utf-8"), re.M)
    assert rows, "the catalogue table could not be read"
    return dict(rows)


def test_rules_have_exactly_the_codes_and_severities_of_the_documented_catalogue():
    assert {code: rule.severity.value for code, rule in RULES.items()} == catalogue()


def test_the_documented_catalogue_is_the_expected_one():
    assert catalogue() == EXPECTED


def test_every_rule_has_a_summary_and_its_own_code():
    for code, rule in RULES.items():
        assert rule.code == code
        assert rule.summary and callable(rule.check)


def test_rule_decorator_adds_code_and_severity_and_refuses_duplicates(monkeypatch):
    monkeypatch.setattr(registry, "RULES", {})

    @registry.rule("HW999", Severity.INFO, "a test rule")
    def check(cfg: Config):
        yield Issue("pipelines[0]", f"{len(cfg.pipelines)} pipeline", "a hint")

    assert registry.RULES["HW999"].check(config()) == [
        Finding("HW999", Severity.INFO, "pipelines[0]", "1 pipeline", "a hint")
    ]
    with pytest.raises(ValueError, match="HW999"):
        registry.rule("HW999", Severity.ERROR, "again")(check)


# --- clean setups ---------------------------------------------------------------------------


def _serious(findings: list[Finding]) -> list[str]:
    return [str(f) for f in findings if f.severity is not Severity.INFO]


@pytest.mark.parametrize("tier", ["enterprise", "professional"])
def test_guide_following_b2b_setup_has_no_errors_or_warnings(tier):
    assert _serious(lint(b2b_config(tier))) == []


def test_sales_and_administration_with_copy_workflow_is_clean():
    admin = labelled_stages("Contract received", "Invoice sent", "Payment received")
    copy = workflow(
        "copy_to_admin",
        "Signed deals go to administration",
        trigger=stage_entered("sales", "closed_won"),
        steps=[{"copy_to_pipeline": {"pipeline": "admin", "stage": "s0"}}],
        exit_when_trigger_no_longer_true=False,
    )
    cfg = config(
        pipelines=[pipeline(adopt="default"), pipeline("admin", "Administration", admin)],
        property_groups=[group(properties=[PRODUCT_TYPE])],
        workflows=[workflow(), copy],
    )
    assert _serious(lint(cfg)) == []


def test_the_example_of_config_format_is_clean_on_enterprise():
    """The YAML of the format contract (its custom object needs Enterprise), kept in tests/fixtures."""
    import yaml

    example = Path(__file__).resolve().parents[2] / "fixtures" / "config-format-example.yaml"
    data = yaml.safe_load(example.read_text("utf-8"))
    data["portal"]["tier"] = "enterprise"
    assert _serious(lint(Config.model_validate(data))) == []


def test_templates_are_showcases():
    from hubwizard.templates import list_templates

    try:
        templates = list_templates()
    except FileNotFoundError:
        pytest.skip("no templates folder")
    for template in templates:
        assert _serious(lint(template.config)) == [], template.slug


# --- ordering and paths ---------------------------------------------------------------------


def messy_config() -> Config:
    """A setup that breaks many rules at once."""
    stages = [
        stage("contact", "Contact made", 0.1),
        stage("relance", "Relance", 0.1),
        stage("Quote", "Quote sent", 0.55),
        stage("nothing", "Waiting"),
        stage("won", "Won", 0.9, closed="won"),
    ]
    pipelines = [pipeline(f"p{n}", f"Region {n}") for n in range(11)]
    pipelines.append(pipeline("bad", "Bad", stages))
    return config(
        tier="starter",
        pipelines=pipelines,
        property_groups=[group("extra", [prop("amount", "Montant", "number", field="text"), prop("hs_x")])],
        workflows=[
            workflow(
                enabled=True, exit_when_trigger_no_longer_true=False, trigger=stage_entered("bad", "quote")
            ),
            workflow("w2", "Only waits", steps=[delay()]),
            workflow("w3", "Email", steps=[task(), {"send_email": {"email_id": "1"}}]),
        ],
    )


def test_findings_are_sorted_by_severity_then_file_order():
    findings = lint(messy_config())
    ranks = [f.severity.rank for f in findings]
    assert ranks == sorted(ranks)
    errs = [f.path for f in findings if f.severity is Severity.ERROR]
    assert errs.index("pipelines[2]") < errs.index("pipelines[10]")  # HW103, numeric order
    assert errs.index("pipelines[10]") < errs.index("property_groups[0].properties[0].field")
    warns = [f.path for f in findings if f.severity is Severity.WARNING]
    assert "pipelines[11].stages" in warns  # HW104: advice, HubSpot accepts it
    assert errs.index("property_groups[0].properties[1].name") < errs.index("workflows[0]")
    assert errors(messy_config()) == [f for f in findings if f.severity is Severity.ERROR]


def _resolve(data: Any, path: str) -> Any:
    for part in parse_path(path):
        data = data[part]
    return data


def test_every_path_points_at_an_item_of_the_config():
    cfg = messy_config()
    data = cfg.model_dump(mode="json")
    findings = lint(cfg)
    assert {f.code for f in findings} >= {
        "HW101",
        "HW103",
        "HW104",
        "HW202",
        "HW204",
        "HW205",
        "HW209",
        "HW307",
    }
    for f in findings:
        _resolve(data, f.path)  # raises KeyError / IndexError on a path that points nowhere
        assert f.message and f.hint, f


def test_lint_reports_everything_at_once_and_does_not_change_the_config():
    cfg = messy_config()
    before = cfg.model_dump()
    codes = {f.code for f in lint(cfg)}
    assert len(codes) >= 15
    assert cfg.model_dump() == before
