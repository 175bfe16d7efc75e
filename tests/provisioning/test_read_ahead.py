"""Read-ahead: the plan's first wave of reads is sent before the config is validated, from the
raw file; the plan takes exactly those answers, never asks twice, and no later read (the
re-check, the verification) ever takes an early answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hubwizard import configfile
from hubwizard.provision import plan_against, plan_scope, read
from hubwizard.readahead import data_scope, first_wave, raw_data, read_ahead
from hubwizard.templates import list_templates

SETUPS = [t.slug for t in list_templates()]
ROOT = Path(__file__).resolve().parents[2]


def _template_file(slug: str) -> Path:
    return ROOT / "templates" / f"{slug}.yaml"


@pytest.mark.parametrize("prune", [False, True])
@pytest.mark.parametrize("slug", SETUPS)
def test_the_raw_file_gives_the_plans_own_scope(slug: str, prune: bool) -> None:
    path = _template_file(slug)
    config = configfile.load(path).config
    assert data_scope(raw_data(str(path)), prune) == plan_scope(config, prune)


def test_the_raw_scope_follows_defaults_and_owners(tmp_path: Path) -> None:
    path = tmp_path / "setup.yaml"
    path.write_text(
        "name: Owners\n"
        "pipelines:\n  - id: p\n    label: Sales\n    stages:\n"
        "      - {id: a, label: New, probability: 0.1}\n"
        "      - {id: w, label: Won, probability: 1.0, closed: won}\n"
        "      - {id: l, label: Lost, probability: 0.0, closed: lost}\n"
        "property_groups:\n  - object: contacts\n    name: facts\n    label: Facts\n"
        "workflows:\n  - id: w1\n    name: Assign\n"
        "    trigger:\n      stage_entered: {pipeline: p, stage: a}\n"
        "    steps:\n      - assign_owner:\n          owner: ana@example.com\n"
    )
    config = configfile.load(path).config
    raw = data_scope(raw_data(str(path)))
    assert raw == plan_scope(config)
    assert raw is not None and "owners" in raw.kinds and raw.objects == {"deals", "contacts"}


def test_files_only_the_careful_path_reads_are_not_read_ahead(tmp_path: Path, portal) -> None:
    odd = tmp_path / "odd.yaml"
    odd.write_text("name: &n Odd\ndescription: *n\n")  # anchors: the careful path's
    assert raw_data(str(odd)) is None
    assert read_ahead(portal.gateway, str(odd)) == 0
    assert read_ahead(portal.gateway, str(tmp_path / "missing.yaml")) == 0


@pytest.mark.parametrize("slug", ["hr-recruitment", "b2b-sales", "support-tickets"])
def test_the_plan_takes_every_early_answer_and_asks_nothing_twice(slug: str, portal) -> None:
    path = _template_file(slug)
    config = configfile.load(path).config
    scope = plan_scope(config)
    stats = portal.gateway.stats
    before = stats.reads
    read(portal, scope)  # the plan's read, without read-ahead
    plain = stats.reads - before
    before, taken = stats.reads, stats.ahead_taken
    sent = read_ahead(portal.gateway, str(path))
    assert sent == len(first_wave(scope)) > 0
    state = read(portal, scope)
    assert portal.gateway.forget_read_ahead() == 0  # every early answer was taken
    assert stats.reads - before == plain  # and nothing was asked twice
    assert stats.ahead_taken - taken == sent
    assert state.reads == plain  # the plan still says how many reads it took


def test_no_read_after_the_plan_takes_an_early_answer(portal, sandbox) -> None:
    path = _template_file("b2b-sales")
    config = configfile.load(path).config
    read_ahead(portal.gateway, str(path))
    read_ahead(portal.gateway, str(path), prune=True)  # asks flows too, which the plan will not take
    planned = plan_against(portal, config)
    assert portal.gateway.forget_read_ahead() == 0  # what the plan did not take is forgotten
    before = portal.gateway.stats.reads
    portal.gateway.pipelines("deals")
    assert portal.gateway.stats.reads == before + 1  # asked afresh
    assert planned.plan.ok


def test_an_early_error_reaches_the_read_that_takes_it(portal, sandbox) -> None:
    sandbox.faults.update(latency_ms=0)
    portal.gateway.read_ahead([("pipelines", ("contacts",))])  # HubSpot answers 400
    with pytest.raises(Exception) as caught:
        portal.gateway.pipelines("contacts")
    assert getattr(caught.value, "status", None) == 400


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hubwizard", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_a_bad_file_is_reported_before_an_unreachable_portal(tmp_path: Path, monkeypatch) -> None:
    import os

    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\npipelines:\n  - id: p\n    label: Sales\n    stages: 7\n")
    env = {**os.environ, "HUBSPOT_ACCESS_TOKEN": "pat-test", "HUBWIZARD_HOME": str(tmp_path)}
    done = _cli("apply", str(bad), "--portal", "http://127.0.0.1:9", "--yes", env=env)
    assert done.returncode == 2
    assert "bad.yaml" in done.stderr and "stages" in done.stderr
    assert "Traceback" not in done.stderr

    good = _template_file("b2b-sales")
    done = _cli("plan", str(good), "--portal", "http://127.0.0.1:9", env=env)
    assert done.returncode == 2
    assert "portal error" in done.stderr and "Traceback" not in done.stderr
