"""Read-your-writes without waiting on ghosts: a read waits only for creates acknowledged
moments ago that no read has shown yet; what an older apply created and is missing now is gone."""

from __future__ import annotations

from pathlib import Path

from provisioning_helpers import alongside, apply, duplicates, snapshot

from hubwizard.journal import read_journal
from hubwizard.provision import (
    RECENT_SECONDS,
    plan_against,
    plan_scope,
    read,
    recent_creates,
    settle,
)
from hubwizard.templates import get_template


def _plan_reads(portal, config) -> int:
    before = portal.gateway.stats.reads
    plan_against(portal, config)
    return portal.gateway.stats.reads - before


def test_re_apply_after_the_portal_was_emptied_does_not_wait(portal, sandbox):
    config = get_template("hr-recruitment").fresh_config()
    fresh_reads = _plan_reads(portal, config)
    first = apply(portal, config)
    assert first.matches
    assert read_journal(Path(first.report.journal)).verified  # the verification saw every create
    sandbox.reset()  # or someone deleted it all in HubSpot
    sandbox.set_tier("enterprise")
    assert recent_creates(portal) == []
    assert _plan_reads(portal, config) == fresh_reads  # one read, no waiting for ghosts
    again = apply(portal, config)
    assert again.report.status == "complete" and again.matches
    assert duplicates(snapshot(portal, config)) == []


def test_an_unverified_create_moments_ago_is_waited_for(portal, sandbox):
    config = alongside(get_template("b2b-sales").fresh_config())  # creates its pipeline
    sandbox.faults.update(stale_ms=500)
    first = apply(portal, config, verify=False)
    assert first.report.status == "complete"
    assert {c["type"] for c in recent_creates(portal)} >= {"pipeline", "workflow", "property"}
    planned = plan_against(portal, config)  # reads lag the writes: it waits instead of re-creating
    sandbox.faults.update(stale_ms=0)
    assert planned.plan.writes == []
    assert duplicates(snapshot(portal, config)) == []


def test_an_unverified_create_from_longer_ago_that_is_missing_is_gone(portal, sandbox):
    config = get_template("b2b-sales").fresh_config()
    assert apply(portal, config, verify=False).report.status == "complete"
    created = recent_creates(portal)
    assert created
    sandbox.reset()
    scope = plan_scope(config)
    state = read(portal, scope)
    slept: list[float] = []
    later = max(c["at"] for c in created) + RECENT_SECONDS + 0.1
    reads = portal.gateway.stats.reads
    settled = settle(portal, state, scope, created, sleep=slept.append, clock=lambda: later)
    assert settled is state and slept == [] and portal.gateway.stats.reads == reads
    # the same ghosts moments after their create: a bounded wait, then planned again
    now = [max(c["at"] for c in created)]

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    settle(portal, state, scope, created, sleep=sleep, clock=lambda: now[0])
    assert 0 < sum(slept) <= RECENT_SECONDS + 0.01
