"""Provision: plan, apply with progress, report, journal, undo; every portal error explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import click, goto, sidebar_steps, texts, use_template, wizard
from hubspot import HubSpot
from streamlit.testing.v1 import AppTest

from hubwizard.errors import PortalError
from hubwizard.portals import open_portal
from hubwizard.provision import apply_reviewed, plan_against, recheck_reviewed
from hubwizard.sandbox import start_sandbox
from hubwizard.ui import portal


def sandbox_pipelines(sandbox) -> dict[str, dict[str, str]]:
    """Deal pipelines in the sandbox, read with HubSpot's own SDK: label → stage → probability."""
    client = HubSpot(access_token="test", host=sandbox.url)
    return {
        p.label: {s.label: s.metadata.get("probability") for s in p.stages}
        for p in client.crm.pipelines.pipelines_api.get_all("deals").results
        if not p.archived
    }


def planned(at: AppTest) -> AppTest:
    use_template(at)
    pipeline = wizard(at).config.pipelines[0]
    pipeline.adopt = None  # a pipeline of its own, created next to HubSpot's (see test_adoption)
    for stage in pipeline.stages:
        stage.replaces = []
    pipeline.stages[2].probability = 0.7
    wizard(at).touch()
    goto(at, "provision")
    return click(at, "provision.plan")


def test_plan_apply_and_undo_in_the_sandbox(at: AppTest, sandbox):
    planned(at)
    assert [(m.label, m.value) for m in at.metric][:2] == [("To create", "6"), ("To update", "0")]
    plan_table = at.dataframe[-1].value
    assert "Create deal pipeline 'Sales' with 6 stages" in list(plan_table["what"])
    assert at.button(key="provision.apply").label.startswith("Apply 6 changes to sandbox at")
    click(at, "provision.apply")
    assert at.status[0].state == "complete"
    assert "The portal now matches your setup." in texts(at)
    assert sandbox_pipelines(sandbox)["Sales"]["Quote sent"] == "0.7"
    assert at.get("download_button")[0].proto.label == "Download the journal"
    journal = Path(wizard(at).last_apply.applied.report.journal)
    assert journal.exists() and "test" not in journal.read_text()
    assert sidebar_steps(at)["Provision"][1]  # done
    click(at, "provision.undo")
    click(at, "provision.undo.yes")
    assert "Sales" not in sandbox_pipelines(sandbox)
    assert "Undone: 6 changes taken back" in texts(at)


def test_one_click_install_shows_the_plan_then_applies(at: AppTest, sandbox):
    click(at, "start.install.b2b-sales")
    assert at.title[0].value == "Provision"
    # b2b-sales adopts HubSpot's pipeline: 5 creates, 8 updates (pipeline and stages), 1 stage
    # archived once its deals moved
    assert at.button(key="provision.apply").label.startswith("Apply 14 changes")
    click(at, "provision.apply")
    assert list(sandbox_pipelines(sandbox)) == ["Sales"], "one deal pipeline, not two"


def test_reruns_reuse_the_plan_instead_of_reading_the_portal_again(at: AppTest, sandbox):
    planned(at)
    requests = sandbox.stats()["total"]
    at.run()
    goto(at, "review")
    goto(at, "provision")
    assert sandbox.stats()["total"] == requests
    assert at.button(key="provision.apply")  # still the reviewed plan
    wizard(at).config.name = "Changed"
    wizard(at).touch()
    at.run()
    assert "Your setup changed since this plan" in texts(at)


def test_an_add_on_another_page_makes_the_plan_stale_and_undo_makes_it_current(at: AppTest, sandbox):
    planned(at)
    assert at.button(key="provision.apply").label.startswith("Apply 6 changes")
    goto(at, "properties")
    at.text_input(key="properties.new.label").input("Contract")
    click(at, "properties.add")
    goto(at, "provision")
    assert "Your setup changed since this plan" in texts(at)
    assert "provision.apply" not in [b.key for b in at.button]
    click(at, "history.undo")
    assert "Your setup changed since this plan" not in texts(at)
    assert at.button(key="provision.apply").label.startswith("Apply 6 changes")


def test_a_plan_is_never_applied_to_a_setup_it_was_not_made_for(at: AppTest, sandbox):
    """Even a change that escaped the change path (no commit) stops the apply: the fingerprint
    is computed afresh when Apply is clicked."""
    planned(at)
    wizard(at).config.pipelines[0].label = "Renamed behind the wizard's back"
    click(at, "provision.apply")
    assert "Your setup changed since this plan" in at.warning[0].value
    assert "nothing was applied" in at.warning[0].value
    assert "Sales" not in sandbox_pipelines(sandbox)  # only HubSpot's own default pipeline


def test_a_portal_that_changed_since_the_review_is_not_written(at: AppTest, sandbox):
    planned(at)
    with open_portal(sandbox.url, token="x") as other:  # someone else creates the pipeline first
        config = wizard(at).config
        apply_reviewed(other, config, plan_against(other, config))
    click(at, "provision.apply")
    assert "The portal changed since you reviewed the plan" in texts(at)
    assert at.button(key="provision.apply").disabled  # the new plan: nothing left to write


def test_refused_plan_explains_and_offers_the_fix(at: AppTest, sandbox):
    sandbox.set_tier("professional")
    use_template(at, "hr-recruitment")
    goto(at, "provision")
    click(at, "provision.plan")
    assert "cannot take this setup yet" in at.error[0].value
    assert "needs HubSpot Enterprise" in texts(at)
    assert at.button(key="provision.apply").disabled
    click(at, "provision.fix.0")
    assert at.title[0].value == "Custom objects"


def test_a_refused_token_is_explained(at: AppTest, monkeypatch):
    server = start_sandbox(token="the-right-token")
    try:
        monkeypatch.setenv(portal.SANDBOX_URL_ENV, server.url)
        planned(at)
        assert "did not accept the token" in at.error[0].value
        assert "Check the token you pasted" in texts(at)
        assert not at.get("dataframe") or "what" not in at.dataframe[-1].value
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("faults", "words"),
    [
        ({"rate_429": 1.0}, "rate limit was reached"),
        ({"fail_rate": 1.0}, "answered with an error"),
    ],
)
def test_portal_errors_while_applying_are_explained(at: AppTest, sandbox, monkeypatch, faults, words):
    monkeypatch.setitem(portal.GATEWAY_OPTIONS, "max_attempts", 1)
    monkeypatch.setitem(portal.GATEWAY_OPTIONS, "max_wait", 0.1)
    planned(at)
    sandbox.faults.update(**faults)
    click(at, "provision.apply")
    assert at.status[0].state == "error"
    assert words in at.error[0].value
    assert at.info  # what to do
    assert "Traceback" not in texts(at)


def test_hubspot_token_stays_in_memory_and_out_of_messages(at: AppTest, monkeypatch, hubwizard_home):
    monkeypatch.setitem(portal.GATEWAY_OPTIONS, "max_attempts", 1)
    monkeypatch.setattr("hubwizard.portals.HUBSPOT_URL", "http://127.0.0.1:9")  # never the real one
    token = "pat-na1-11111111-2222-3333-4444-555555555555"
    use_template(at)
    goto(at, "provision")
    at.radio(key="portal.kind").set_value("hubspot").run()
    click(at, "provision.plan")
    assert "No HubSpot token yet" in at.error[0].value
    at.text_input(key="portal.token").input(token).run()
    assert at.text_input(key="portal.token").proto.type == 1  # PASSWORD
    click(at, "provision.plan")
    assert "could not be reached" in at.error[0].value
    assert token not in texts(at)
    assert token not in repr(wizard(at))
    goto(at, "pipelines")  # an edit with the token in memory: the setup is saved, the token never
    at.text_input(key="pipelines.label").input("After the token").run()
    assert b"After the token" in next(Path(hubwizard_home, "setups").rglob("config.json")).read_bytes()
    goto(at, "provision")
    for path in Path(hubwizard_home).rglob("*"):
        assert not path.is_file() or token not in path.read_text(errors="ignore")
    click(at, "portal.forget")
    assert wizard(at).token == "" and wizard(at).hubspot is None


def test_a_failed_apply_reports_what_was_done_and_what_to_do(at: AppTest, sandbox, monkeypatch):
    monkeypatch.setitem(portal.GATEWAY_OPTIONS, "max_attempts", 1)
    planned(at)
    before = sandbox.stats()["total"]
    with open_portal(sandbox.url, token="test") as other:  # the re-check reads what the plan writes
        recheck_reviewed(other, wizard(at).config, wizard(at).plan.planned)
    reads = sandbox.stats()["total"] - before
    sandbox.faults.update(drop_after=reads, drop_mode="before")  # the first write gets no answer
    click(at, "provision.apply")
    assert at.status[0].state == "error"
    assert "did not finish" in at.status[0].label
    failure = at.error[0].value  # which write goes first depends on the concurrent schedule
    first_writes = (
        "**Create property group 'Product details' on deals** failed",
        "**Create deal pipeline 'Sales' with 6 stages** failed",
    )
    assert failure.startswith(first_writes)
    assert "check the network or the portal URL, then apply again" in failure
    if failure.startswith(first_writes[0]):  # its properties could not be tried
        skipped = next(c.value for c in at.caption if c.value.startswith("Not tried"))
        assert "Create property 'Product type' (enumeration) on deals" in skipped
    assert "The portal still differs" in texts(at)
    assert not sidebar_steps(at)["Provision"][1]


@pytest.mark.parametrize(
    ("error", "title", "advice"),
    [
        (
            PortalError("authentication failed", status=401),
            "did not accept the token",
            "Check the token you pasted",
        ),
        (PortalError("forbidden", status=403), "does not allow this", "scopes"),
        (PortalError("rate limit reached", status=429), "rate limit was reached", "wait a little"),
        (PortalError("daily", status=429, policy_name="DAILY"), "daily API limit", "midnight"),
        (PortalError("no answer from the portal", status=0), "could not be reached", "check the network"),
        (RuntimeError("boom"), "Something went wrong: RuntimeError: boom", "download your setup"),
    ],
)
def test_errors_are_explained_in_plain_words(error, title, advice):
    what, todo = portal.explain(error)
    assert title in what
    assert advice in todo


def test_a_token_that_slips_into_a_message_is_masked():
    what, _ = portal.explain(PortalError("bad token pat-na1-secret"), secret="pat-na1-secret")
    assert "pat-na1-secret" not in what and "•••" in what


def test_the_page_shows_only_the_chosen_portals_apply(at: AppTest, sandbox):
    planned(at)
    click(at, "provision.apply")
    assert "Last apply" in texts(at)
    at.radio(key="portal.kind").set_value("hubspot").run()
    assert "Last apply" not in texts(at)
    assert "The portal now matches your setup." not in texts(at)
    at.radio(key="portal.kind").set_value("sandbox").run()
    assert "Last apply" in texts(at)
