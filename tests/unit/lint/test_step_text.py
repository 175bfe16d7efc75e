"""HW509: a step's text that HubSpot would read as another step's result."""

from __future__ import annotations

import pytest

from hubwizard import i18n, lint
from hubwizard.config import Config
from hubwizard.templates import get_template


def _with_subject(subject: str) -> Config:
    config = get_template("b2b-sales").fresh_config()
    workflow = next(w for w in config.workflows if any(s.create_task for s in w.steps))
    step = next(s for s in workflow.steps if s.create_task)
    step.create_task.subject = subject
    return config


def _hw509(config: Config) -> list[lint.Finding]:
    return [f for f in lint.lint(config) if f.code == "HW509"]


@pytest.mark.parametrize(
    "subject",
    ["Chase {{ action_outputs.quote }}", "Call {{fetched_objects.company.name}}", "{{X.y}} then call"],
)
def test_another_steps_result_in_a_task_subject_is_an_error(subject):
    (finding,) = _hw509(_with_subject(subject))
    assert finding.severity == "error"
    assert finding.path.endswith(".create_task.subject")
    assert "another step's result" in finding.message
    assert "{{ enrolled_object.<property> }}" in finding.hint


@pytest.mark.parametrize(
    "subject",
    ["Chase {{ enrolled_object.dealname }}", "Call about {amount}", "Quote {{ no dot }}", "Plain words"],
)
def test_the_records_own_properties_and_plain_text_are_fine(subject):
    assert _hw509(_with_subject(subject)) == []


def test_the_finding_speaks_french_and_chinese():
    config = _with_subject("Chase {{ action_outputs.quote }}")
    for lang, word in (("fr", "étape"), ("zh", "步")):
        with i18n.using(lang):
            (finding,) = _hw509(config)
        assert word in finding.message
