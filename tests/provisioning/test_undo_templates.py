"""Apply then undo, for every template: the portal's export afterwards is the export before."""

from __future__ import annotations

from pathlib import Path

import pytest
from provisioning_helpers import apply, snapshot

from hubwizard.export import export_config
from hubwizard.journal import read_journal
from hubwizard.provision import undo_last
from hubwizard.templates import list_templates


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
