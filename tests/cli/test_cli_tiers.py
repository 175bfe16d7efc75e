"""Every template, unedited, on a Free and on a Starter portal, through the real command line
(``python -m hubwizard`` in a subprocess, against a sandbox over HTTP).

What a portal's subscription lacks is handled one of two ways:

- **left out with a note** — workflows (Professional and up): nothing depends on them, so the
  plan leaves each one out, says what it would have done and what to do by hand instead, and
  applies the rest; ``apply`` exits 0;
- **refused, naming why** — what the rest of the setup lives on: a custom object (Enterprise;
  its pipeline and properties would have nowhere to live) and a second deal pipeline beyond
  the subscription's count (a department's pipeline: its deals would have nowhere to go).

Each template that applies leaves exactly one deal pipeline (HubSpot's default, adopted), a
second apply makes no write, and undo puts the portal back as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hubwizard.export import export_config
from hubwizard.gateway import Gateway
from hubwizard.sandbox import SandboxServer, start_sandbox
from hubwizard.state import read_portal
from hubwizard.templates import get_template

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "pat-na1-tier-test"

APPLIES = "applies"
CASES = [
    # tier, template, outcome (APPLIES, or the refusal's code and words that say why)
    ("free", "b2b-sales", APPLIES),
    ("free", "multi-product", APPLIES),
    ("free", "support-tickets", APPLIES),
    ("free", "sales-and-admin", ("PLAN103", "allows 1 deal pipeline", "'Administration'")),
    ("free", "hr-recruitment", ("PLAN401", "needs HubSpot Enterprise", "cannot be left out")),
    ("starter", "b2b-sales", APPLIES),
    ("starter", "multi-product", APPLIES),
    ("starter", "support-tickets", APPLIES),
    ("starter", "sales-and-admin", APPLIES),
    ("starter", "hr-recruitment", ("PLAN401", "needs HubSpot Enterprise", "cannot be left out")),
]
LEFT_OUT = {
    "b2b-sales": ["Quote follow-up after 15 days"],
    "multi-product": [
        "Software deals go to the software specialist",
        "Hardware deals go to the hardware specialist",
    ],
    "sales-and-admin": ["Copy signed deals into Administration"],
    "support-tickets": [],
}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    with start_sandbox(tier="free", seed=7) as server:
        yield server


def hubwizard(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HUBSPOT_ACCESS_TOKEN": TOKEN, "HUBWIZARD_HOME": str(home), "HUBWIZARD_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "hubwizard", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=ROOT,
    )


def portal_now(url: str) -> tuple[object, dict[str, list[dict]], dict[str, str]]:
    """The portal as an export sees it, its live pipelines per object, and every deal's stage."""
    gateway = Gateway(url, TOKEN)
    try:
        state = read_portal(gateway, {"deals", "tickets", "contacts", "companies"})
        deals = gateway.search_records(
            "deals", {"filterGroups": [], "properties": ["dealstage"], "limit": 200}
        ).get("results", [])
    finally:
        gateway.close()
    live = {
        obj: [p for p in pipelines if not p.get("archived")] for obj, pipelines in state.pipelines.items()
    }
    stages = {d["id"]: d["properties"]["dealstage"] for d in deals}
    return export_config(state).config, live, stages


@pytest.mark.parametrize(("tier", "slug", "outcome"), CASES, ids=[f"{t}-{s}" for t, s, _ in CASES])
def test_template_on_a_lower_tier_applies_with_notes_or_is_refused_naming_why(
    sandbox: SandboxServer, tmp_path: Path, tier: str, slug: str, outcome: object
) -> None:
    sandbox.reset()
    sandbox.set_tier(tier)
    template = ROOT / "templates" / f"{slug}.yaml"
    before, _, deals_before = portal_now(sandbox.url)
    writes = sandbox.stats()["writes"]

    applied = hubwizard("apply", str(template), "--portal", sandbox.url, "--yes", home=tmp_path)
    assert "Traceback" not in applied.stderr + applied.stdout
    if outcome != APPLIES:
        code, *why = outcome
        assert applied.returncode == 1, applied.stdout
        assert "REFUSED before any write" in applied.stdout and "Nothing was written." in applied.stderr
        refusal = next(line for line in applied.stdout.splitlines() if code in line)
        assert all(words in refusal for words in why), refusal
        assert sandbox.stats()["writes"] == writes, "nothing was written"
        return

    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "The portal now matches the config." in applied.stdout
    for name in LEFT_OUT[slug]:
        note = f"Leave out workflow '{name}': HubSpot {tier.capitalize()} has no workflows"
        assert applied.stdout.count(note) == 2, "in the plan shown before, and in the report after"
    if LEFT_OUT[slug]:
        assert "Left out, because this portal's HubSpot subscription does not have it:" in applied.stdout
        assert "upgrade the portal to HubSpot Professional" in applied.stdout
    else:
        assert "Left out" not in applied.stdout
    after, pipelines, deals_after = portal_now(sandbox.url)
    config = get_template(slug).config
    for object_name, default_id in (("deals", "default"), ("tickets", "0")):
        designed = [p for p in config.pipelines if p.object == object_name]
        adopted = next((p for p in designed if p.adopt == "default"), None)
        live = {p["id"]: p["label"] for p in pipelines[object_name]}
        # one pipeline per department the setup names, HubSpot's default one adopted: the main
        # pipeline of every template; sales-and-admin's Administration is a second department
        assert sorted(live.values()) == sorted(p.label for p in designed) or (not designed and len(live) == 1)
        assert live[default_id] == (adopted.label if adopted else live[default_id])
    assert len(pipelines["deals"]) == (2 if slug == "sales-and-admin" else 1)
    assert set(deals_after) == set(deals_before), "every deal is still there"
    assert after != before

    writes = sandbox.stats()["writes"]
    again = hubwizard("apply", str(template), "--portal", sandbox.url, "--yes", home=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "nothing to do" in again.stdout
    assert sandbox.stats()["writes"] == writes, "a second apply makes no write"

    undone = hubwizard("undo", "--yes", home=tmp_path)
    assert undone.returncode == 0, undone.stdout + undone.stderr
    assert ", 0 failed" in undone.stdout
    restored, pipelines, deals_back = portal_now(sandbox.url)
    assert restored == before, "undo puts every pipeline, stage and property back"
    assert deals_back == deals_before, "and every deal in its stage"
