"""Every template, applied through the SDK over HTTP to a fresh sandbox, converges."""

from __future__ import annotations

import pytest
from provisioning_helpers import apply, duplicates, snapshot

from hubwizard.export import export_config
from hubwizard.provision import apply_reviewed, plan_against
from hubwizard.templates import list_templates


@pytest.mark.parametrize("template", list_templates(), ids=lambda t: t.slug)
def test_template_applies_then_converges(portal, sandbox, template):
    config = template.fresh_config()
    applied = apply(portal, config)
    assert applied.report.status == "complete", applied.report.failed
    assert applied.matches, [op.title for op in applied.verification.writes]

    second = plan_against(portal, config)
    assert second.plan.count("create") == 0
    assert second.plan.count("update") == 0
    writes_before = sandbox.stats()["writes"]
    again = apply_reviewed(portal, config, second)
    assert again.report.status == "nothing-to-do"
    assert sandbox.stats()["writes"] == writes_before, "a second apply must not write"
    assert duplicates(snapshot(portal, config)) == []


@pytest.mark.parametrize("template", list_templates(), ids=lambda t: t.slug)
def test_export_of_the_result_replans_to_no_change(portal, template):
    config = template.fresh_config()
    assert apply(portal, config).report.ok
    exported = export_config(snapshot(portal, config)).config
    plan = plan_against(portal, exported).plan
    assert plan.ok, [f.message for f in plan.refusals]
    assert [op.title for op in plan.writes] == []
    # the export carries the template's items, pinned to the portal's ids
    assert {p.label for p in config.pipelines} <= {p.label for p in exported.pipelines}
    assert all(p.hubspot_id for p in exported.pipelines)
    assert {w.name for w in config.workflows} <= {w.name for w in exported.workflows}
