"""Apply sends the longest chain of dependent calls first: a new custom object, which its group
and then its properties wait for, leaves before the calls nothing waits for."""

from __future__ import annotations

from hubwizard.apply import Task, apply_plan, build_tasks, chain_lengths
from hubwizard.provision import plan_against
from hubwizard.templates import get_template


def test_chain_lengths_count_the_longest_line_of_waiting_tasks() -> None:
    tasks = [
        Task("object", []),
        Task("group", [], {"object"}),
        Task("properties", [], {"group"}),
        Task("pipeline", []),
        Task("workflow", [], {"pipeline", "properties"}),
    ]
    assert chain_lengths(tasks) == {"object": 4, "group": 3, "properties": 2, "pipeline": 2, "workflow": 1}


def test_the_custom_object_is_the_first_write_the_portal_sees(portal, sandbox) -> None:
    config = get_template("hr-recruitment").fresh_config()
    planned = plan_against(portal, config)
    tasks = build_tasks(planned.plan, {w.id: w for w in config.workflows})
    lengths = chain_lengths(tasks)
    longest = max(tasks, key=lambda t: lengths[t.id])
    assert longest.operations[0].kind == "custom_object"
    before = len(sandbox.recent_requests(1000))
    report = apply_plan(planned.plan, config, planned.state, portal.gateway, workers=1)  # in send order
    assert report.status == "complete"
    sent = [r for r in sandbox.recent_requests(1000)[before:] if r["method"] != "GET"]
    assert sent[0]["path"] == "/crm-object-schemas/v3/schemas"
    assert verify(portal, config)


def verify(portal, config) -> bool:
    """A fresh plan has nothing left to write."""
    return not plan_against(portal, config).plan.writes
