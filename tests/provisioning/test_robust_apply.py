"""An apply survives surprises: an unexpected exception inside one operation is a failed step
in plain words, the journal is finished, and what does not depend on it is done."""

from __future__ import annotations

from pathlib import Path

from provisioning_helpers import alongside, apply, snapshot

from hubwizard.apply import build_tasks
from hubwizard.journal import read_journal
from hubwizard.provision import plan_against
from hubwizard.templates import get_template


def test_an_unexpected_exception_fails_one_step_and_the_rest_goes_on(portal, monkeypatch):
    config = alongside(get_template("b2b-sales").fresh_config())  # creates its pipeline

    def broken(*args, **kwargs):
        raise KeyError("id")  # not a portal error: a bug or a surprise in an answer

    working = portal.gateway.create_pipeline
    monkeypatch.setattr(portal.gateway, "create_pipeline", broken)
    applied = apply(portal, config, verify=False)
    report = applied.report
    assert report.status == "failed"
    failed = dict(report.failed)
    assert list(failed) == ["pipeline:sales"]
    assert "unexpected problem" in failed["pipeline:sales"]
    assert "KeyError" in failed["pipeline:sales"] and "Traceback" not in failed["pipeline:sales"]
    # groups and properties do not depend on the pipeline: done; the workflows that point at
    # its stages were not tried
    assert {op.split(":")[0] for op in report.done} == {"group", "property"}
    assert report.skipped and all(op.startswith("workflow:") for op in report.skipped)
    record = read_journal(Path(report.journal))
    assert record.finished["status"] == "failed"
    failed_lines = [r for r in record.records if r.get("event") == "op" and r.get("status") == "failed"]
    assert [r["op"] for r in failed_lines] == ["pipeline:sales"]
    assert failed_lines[0]["error"]["category"] == "UNEXPECTED"
    state = snapshot(portal, config)
    names = {p["name"] for p in state.properties["deals"]}
    assert {p.name for g in config.property_groups if g.object == "deals" for p in g.properties} <= names

    monkeypatch.setattr(portal.gateway, "create_pipeline", working)  # not undo(): HUBWIZARD_HOME stays
    again = apply(portal, config)  # applying again finishes the rest
    assert again.report.ok and again.matches


def test_a_failing_progress_display_does_not_stop_the_apply(portal):
    config = get_template("b2b-sales").fresh_config()

    def display(event):
        raise RuntimeError("the terminal went away")

    applied = apply(portal, config, on_event=display)
    assert applied.report.status == "complete" and applied.matches


def test_workflows_wait_only_for_what_they_point_at(portal):
    config = alongside(get_template("b2b-sales").fresh_config())  # creates its pipeline
    plan = plan_against(portal, config).plan
    tasks = {t.id: t for t in build_tasks(plan, {w.id: w for w in config.workflows})}
    for task in tasks.values():
        if task.operations[0].kind == "workflow":
            kinds = {tasks[d].operations[0].kind for d in task.depends_on}
            assert "pipeline" in kinds  # its trigger stage lives in a pipeline created in this run
            assert "property_group" not in kinds
