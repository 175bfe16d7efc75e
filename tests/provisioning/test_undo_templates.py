"""Apply then undo, for every template: the portal's export afterwards is the export before."""

from __future__ import annotations

from pathlib import Path

import pytest
from provisioning_helpers import apply, snapshot

from hubwizard.export import export_config
from hubwizard.journal import read_journal
from hubwizard.provision import undo_last
from hubwizard.templates import get_template, list_templates


@pytest.mark.parametrize("template", list_templates(), ids=lambda t: t.slug)
def test_apply_then_undo_leaves_the_portal_as_it_was(portal, template):
    config = template.fresh_config()
    before = export_config(snapshot(portal, config)).config
    applied = apply(portal, config)
    assert applied.report.status == "complete", applied.report.failed
    assert export_config(snapshot(portal, config)).config != before

    report = undo_last(portal)
    assert report.ok, report.failed
    assert export_config(snapshot(portal, config)).config == before
    record = read_journal(Path(report.journal))
    assert record.finished["status"] == "complete"
    assert undo_last(portal, Path(applied.report.journal)).ok  # undoing twice is harmless


def test_a_custom_object_holding_records_stays_and_its_parts_are_taken_back_one_by_one(portal):
    config = get_template("hr-recruitment").fresh_config()
    applied = apply(portal, config)
    assert applied.report.ok
    ot = applied.report.created["object:application"]["objectTypeId"]
    portal.gateway._api(
        "POST", f"/crm/v3/objects/{ot}", body={"properties": {"candidate_name": "Ada Lovelace"}}
    )
    report = undo_last(portal)
    failed = dict(report.failed)
    assert "object:application" in failed and "record" in failed["object:application"]
    assert "property:application/application_source" in report.undone  # taken back on its own
    assert read_journal(Path(report.journal)).finished["status"] == "failed"
    names = {p["name"] for p in snapshot(portal, config).properties["application"]}
    assert "application_source" not in names and "candidate_name" in names
