"""One read per command, limited to what matters: the plan reads what the config touches, the
re-check only what the plan will write (and still refuses a changed portal), the verification
only what was written. Nothing is asked whose answer is known."""

from __future__ import annotations

from collections import Counter

import pytest
from provisioning_helpers import apply

from hubwizard.provision import PlanChanged, apply_reviewed, plan_against
from hubwizard.templates import get_template


def _calls(portal, action) -> Counter[str]:
    before = Counter(portal.gateway.stats.snapshot()["by_endpoint"])
    action()
    return Counter(portal.gateway.stats.snapshot()["by_endpoint"]) - before


def test_pipelines_are_asked_only_of_objects_that_have_them(portal, monkeypatch):
    """Contacts and companies have no pipelines (HubSpot answers 400): never asked."""
    config = get_template("b2b-sales").fresh_config()
    config.property_groups.append(
        config.property_groups[0].model_copy(update={"object": "contacts", "name": "contact_facts"})
    )
    asked: list[str] = []
    real = portal.gateway.pipelines

    def pipelines(object_type: str):
        asked.append(object_type)
        return real(object_type)

    monkeypatch.setattr(portal.gateway, "pipelines", pipelines)
    applied = apply(portal, config)
    assert applied.matches
    assert asked and set(asked) <= {"deals", "tickets"}
    assert portal.gateway.stats.snapshot()["by_endpoint"].get("GET /crm/v3/properties/{objectType}")


def test_the_recheck_reads_only_what_the_plan_writes_and_the_verification_only_what_was_written(portal):
    config = get_template("b2b-sales").fresh_config()
    config.workflows = []
    planned = plan_against(portal, config)
    kinds = {op.kind for op in planned.plan.writes}
    # b2b-sales adopts HubSpot's default pipeline: renamed and restaged, one stage's deals moved
    assert kinds == {"property_group", "property", "pipeline", "stage", "move"}
    calls = _calls(portal, lambda: apply_reviewed(portal, config, planned))
    reads = {e for e in calls if e.startswith("GET") or e.endswith(("/search", "/batch/read"))}
    assert not any("/account-info" in e or "/limits/" in e or "/owners" in e for e in reads)
    assert not any("/automation/" in e or "/crm-object-schemas/" in e for e in reads)
    # the re-check and the verification: pipelines and properties of deals only, the one
    # object written (tickets, which a plan's read takes for the limits, are not read again)
    assert calls["GET /crm/v3/pipelines/{objectType}"] == 1 + 1
    assert calls["GET /crm/v3/properties/{objectType}"] == 1 + 1
    assert calls["GET /crm/v3/properties/{objectType}/groups"] == 1 + 1


def test_the_recheck_still_refuses_a_portal_that_changed(portal):
    config = get_template("b2b-sales").fresh_config()
    planned = plan_against(portal, config)
    portal.gateway.update_stage(  # someone renames a stage by hand meanwhile
        "deals", "default", "appointmentscheduled", {"label": "Contact made"}
    )
    writes = portal.gateway.stats.writes
    with pytest.raises(PlanChanged) as changed:
        apply_reviewed(portal, config, planned)
    assert portal.gateway.stats.writes == writes
    titles = [c.text for op in changed.value.planned.plan.writes for c in op.changes]
    assert "stage *Appointment Scheduled*: renamed to *Contact made*" not in titles


def test_the_recheck_refuses_when_deals_arrived_in_a_dropped_stage(portal):
    config = get_template("b2b-sales").fresh_config()
    planned = plan_against(portal, config)
    portal.gateway._api(  # a new deal in a stage the plan drops: the move is no longer the one reviewed
        "POST",
        "/crm/v3/objects/deals",
        body={"properties": {"dealname": "Late", "amount": "900", "dealstage": "qualifiedtobuy"}},
    )
    with pytest.raises(PlanChanged) as changed:
        apply_reviewed(portal, config, planned)
    move = next(op for op in changed.value.planned.plan.writes if op.kind == "move")
    assert move.changes[0].text.startswith("3 deals (13,400) move from *Qualified To Buy*")


def test_the_plan_reads_only_the_kinds_and_objects_the_config_has(portal, monkeypatch):
    config = get_template("b2b-sales").fresh_config()
    config.pipelines, config.workflows = [], []  # properties on deals, nothing else
    asked: list[tuple[str, str]] = []
    for name in ("pipelines", "groups", "properties"):
        real = getattr(portal.gateway, name)

        def spy(object_type, *args, real=real, name=name, **kwargs):
            asked.append((name, object_type))
            return real(object_type, *args, **kwargs)

        monkeypatch.setattr(portal.gateway, name, spy)
    calls = _calls(portal, lambda: plan_against(portal, config))
    # no pipelines: the config has none (deals and tickets are part of every portal read)
    assert sorted(asked) == [
        ("groups", "deals"),
        ("groups", "tickets"),
        ("properties", "deals"),
        ("properties", "tickets"),
    ]
    assert not any("/automation/" in e or "/owners" in e or "/crm-object-schemas/" in e for e in calls)
    assert any("/limits/" in e for e in calls)  # the tier and the limits: always
