"""Every rule of the catalogue speaks the wizard's language in ``message`` and ``fix``.

A sales manager reads these texts next to the item they concern: no YAML (``key: value``,
``[lists]``), no rule codes (those go on the details line), no internal names (labels instead;
an internal name may only appear introduced as one, e.g. "internal name 'product_type'"), win
probabilities in percent, and property types by HubSpot's own names. The config-file wording
stays in ``hint``, which only the command line prints.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from lint_builders import (
    PRODUCT_TYPE,
    application_object,
    config,
    delay,
    enum,
    group,
    labelled_stages,
    pipeline,
    prop,
    stage,
    stage_entered,
    task,
    ticket_pipeline,
    workflow,
)
from pydantic import BaseModel

from hubwizard import config as config_models
from hubwizard.config import Config
from hubwizard.findings import Finding
from hubwizard.lint import RULES, lint
from hubwizard.natives import NATIVE_PROPERTIES


def _hostile_configs() -> list[Config]:
    """Setups that together break every rule of the catalogue, most of them in several ways."""
    bad_stages = [
        stage("contact", "Contact made", 0.1),
        stage("relance", "Relance client", 0.1),
        stage("quote", "Quote sent", 0.55),
        stage("demo", "Demo", 0.35),
        stage("nothing", "Waiting"),
        stage("sure", "Sure thing", 1.0),
        stage("quote_again", "quote  SENT", 0.6),
        stage("won", "Won", 0.9, closed="won"),
    ]
    many_stages = labelled_stages(*(f"Step {n}" for n in range(1, 10)))
    ticket_without_state = ticket_pipeline()
    ticket_without_state["stages"].append(stage("later", "Later"))
    pipelines_a = [
        pipeline(),
        pipeline("hardware", "Hardware"),
        pipeline("p2", "Marie's pipeline"),
        pipeline(
            "software",
            "Software products",
            labelled_stages("Appointment scheduled", "Qualified to buy", "Presentation scheduled"),
        ),
        pipeline("bad", "Bad board", bad_stages),
        pipeline("many", "Long board", many_stages),
        pipeline("bad", "Bad board", [stage("x", "Only", 0.5), stage("x", "Other", 0.5)]),
        ticket_without_state,
        pipeline("people", "People", labelled_stages("New"), object_="contacts"),
        pipeline("jobs", "Jobs", labelled_stages("New"), object_="job_aplication"),
    ]
    properties = [
        prop("amount", "Deal value", "number"),
        prop("my_total", "Montant"),
        prop("Product Type", "Product kind"),
        prop("hs_budget", "Budget"),
        prop("budget_amount", "Budget amount", "number", field="text"),
        enum("lead_source", [], "Lead source"),
        enum("channel", ["Web", {"label": "Email", "value": "mail"}, {"label": "Post", "value": "mail"}]),
        PRODUCT_TYPE,
        dict(PRODUCT_TYPE, label="Type of product"),
    ]
    big_group = group("everything", [prop(f"field_{n}", f"Field {n}") for n in range(31)], label="Everything")
    limit_groups = [
        group(f"g{g}", [prop(f"f_{g}_{k}", f"Extra {g} {k}") for k in range(25)], object_="companies")
        for g in range(41)
    ]
    workflows = [
        workflow(enabled=True, exit_when_trigger_no_longer_true=False, trigger=stage_entered("bad", "quote")),
        workflow("w_only_waits", "Only waits", steps=[delay()]),
        workflow("w_nothing", "Does nothing", steps=[]),
        workflow("w_email", "Marketing email", steps=[task(), {"send_email": {"email_id": "42"}}]),
        workflow("w_outputs", "Uses a result", steps=[task("Chase {{ action_outputs.quote }}")]),
        workflow("w_bad_pipe", "Unknown board", trigger=stage_entered("sale", "quote_sent")),
        workflow("w_bad_stage", "Unknown step", trigger=stage_entered("sales", "quote_sen")),
        workflow("w_tickets", "Wrong object", trigger=stage_entered("support", "new")),
        workflow(
            "w_prop",
            "Unknown property",
            trigger={"property_is": {"property": "product_typ", "values": ["Software"]}},
        ),
        workflow(
            "w_value",
            "Wrong value",
            trigger={"property_is": {"property": "product_type", "values": ["Hardwear", "software"]}},
            steps=[{"set_property": {"property": "channel", "value": "Post"}}, task()],
        ),
        workflow("w_obj", "Unknown object", object="job_aplication"),
        *(
            workflow(f"w_task_{n}", f"Task on step {n}", trigger=stage_entered("many", f"s{n}"))
            for n in range(6)
        ),
        workflow("w_task_again", "Task on step 0 again", trigger=stage_entered("many", "s0")),
    ]
    objects = [
        application_object(primary_property="candidat_name", required=["email"], associations=["contact"]),
    ]
    starter = config(
        "starter",
        pipelines=pipelines_a,
        property_groups=[group("product_details", properties), big_group, *limit_groups],
        custom_objects=objects,
        workflows=workflows,
    )
    professional = config(
        "professional",
        pipelines=[pipeline()],
        property_groups=[group("extra", [prop("note", "Note")], object_="customer")],
        custom_objects=[application_object()],
        workflows=[workflow()],
    )
    enterprise = config(
        "enterprise",
        custom_objects=[application_object(name=f"object_{n}", singular=f"Object {n}") for n in range(11)],
    )
    return [starter, professional, enterprise]


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    return [f for cfg in _hostile_configs() for f in lint(cfg)]


def test_the_hostile_setups_break_every_rule_of_the_catalogue(findings):
    assert {f.code for f in findings} == set(RULES)


def _config_keys(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    keys = set(model.model_fields)
    for value in vars(config_models).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value not in seen:
            keys |= _config_keys(value, seen)
    return keys


CONFIG_KEYS = _config_keys(Config)
YAML_KEY = re.compile(rf"\b(?:{'|'.join(sorted(CONFIG_KEYS))})\s*:(?=\s|$)")
RULE_CODE = re.compile(r"\b(?:HW|PLAN)\d{3}\b")
BRACKETS = re.compile(r"[\[\]{}]")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]*")
DOTTED_KEY = re.compile(r"\b[a-z_]{2,}\.[a-z_]{2,}\b")
FRACTION = re.compile(r"(?<![\d.])-?[01]\.\d+\b")
RAW_TYPES = re.compile(
    r"\b(?:enumeration|bool|booleancheckbox|phonenumber|phone_number|textarea|datetime|string)\b"
)
INTRODUCED_NAME = re.compile(r"internal name (?:such as )?'[^']*'")
NATIVE_NAMES = re.compile(
    r"\b(?:"
    + "|".join(sorted(p.name for p in NATIVE_PROPERTIES if p.name not in re.findall(r"\w+", p.label.lower())))
    + r")\b"
)


def _problems(text: str) -> list[str]:
    plain = INTRODUCED_NAME.sub("internal name", text)
    checks: dict[str, re.Pattern[str]] = {
        "YAML key": YAML_KEY,
        "rule code": RULE_CODE,
        "brackets": BRACKETS,
        "internal name": SNAKE,
        "config path": DOTTED_KEY,
        "fraction instead of percent": FRACTION,
        "API type name": RAW_TYPES,
        "native internal name": NATIVE_NAMES,
    }
    return [f"{what}: {m.group(0)!r}" for what, pattern in checks.items() for m in pattern.finditer(plain)]


def test_every_message_and_fix_is_in_the_wizards_words(findings):
    bad: dict[str, Any] = {}
    for f in findings:
        for field in ("message", "fix"):
            problems = _problems(getattr(f, field))
            if problems:
                bad[f"{f.code} {f.path} {field}: {getattr(f, field)}"] = problems
    assert not bad, "\n".join(f"{k}\n    {v}" for k, v in bad.items())


def test_every_finding_has_a_fix_and_a_command_line_hint(findings):
    for f in findings:
        assert f.message and f.fix and f.hint, f
        assert f.details == f"{f.code} · {f.path}"


def test_the_check_itself_catches_developer_words():
    assert _problems("Add 'probability: 0.3' to the stage")
    assert _problems("options: [Website, Mail]")
    assert _problems("HW204 probability out of range")
    assert _problems("Set it to 0.55")
    assert _problems("use create_task instead")
    assert _problems("Set portal.tier to enterprise")
    assert _problems("type enumeration with field select")
    assert _problems("the native dealname")
    assert not _problems("Set the win probability to 30% or 40%.")
    assert not _problems("Use an internal name such as 'product_type'; the label can say anything.")


def test_the_wizard_shows_message_and_fix_with_the_code_only_on_the_details_line(findings):
    from hubwizard.ui.findings import text

    for f in findings:
        body, details = text(f).rsplit("\n", 1)
        assert not RULE_CODE.search(body), body
        assert details == f":small[Details: rule {f.code}]"
        assert f.fix.replace("_", "\\_") in body or not f.fix


def test_what_blocks_provisioning_is_an_error_everywhere(tmp_path, capsys):
    """A custom ``amount`` on deals: a lint error (Review, the sidebar counts, ``lint``,
    ``validate``), and the plan's pre-flight refuses it under the same code, nothing more."""
    from hubwizard.cli import main
    from hubwizard.configfile import dumps
    from hubwizard.findings import summarise
    from hubwizard.hubspot_rules import Tier
    from hubwizard.plan import make_plan
    from hubwizard.state import PortalState

    cfg = config(property_groups=[group("money", [prop("amount", "Deal value", "number")])])
    assert [f.code for f in lint(cfg) if f.severity.value == "error"] == ["HW307"]
    assert summarise(lint(cfg))["error"] == 1
    state = PortalState(
        tier=Tier.ENTERPRISE,
        tier_reason="test",
        groups={"deals": [{"name": "dealinformation", "label": "Deal information"}]},
        properties={
            "deals": [
                {
                    "name": "amount",
                    "label": "Amount",
                    "type": "number",
                    "fieldType": "number",
                    "groupName": "dealinformation",
                    "hubspotDefined": True,
                }
            ]
        },
    )
    assert [f.code for f in make_plan(cfg, state).refusals] == ["HW307"]
    path = tmp_path / "setup.yaml"
    path.write_text(dumps(cfg), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    assert "error HW307" in capsys.readouterr().err
    assert main(["lint", str(path)]) == 1
