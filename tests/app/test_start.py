"""Start: templates, uploads (good and bad), a blank setup, an import from a portal."""

from __future__ import annotations

from app_helpers import click, goto, ok, start_tab, texts, use_template, wizard
from conftest import APP, run
from streamlit.testing.v1 import AppTest

from hubwizard import configfile, setups, templates
from hubwizard.portals import open_portal
from hubwizard.provision import apply_reviewed, plan_against
from hubwizard.ui import portal


def upload_key(at: AppTest) -> str:
    return next(u.key for u in at.get("file_uploader") if u.key.startswith("start.upload"))


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    start_tab(at, "Upload a file")
    uploader = next(u for u in at.get("file_uploader") if u.key == upload_key(at))
    uploader.set_value((name, data, "application/x-yaml"))
    return ok(at)


def test_gallery_shows_every_template_with_what_it_creates(at: AppTest):
    shown = texts(at)
    for template in templates.list_templates():
        assert template.title in shown
        assert f"HubSpot {template.tier.capitalize()}" in shown
        for line in templates.contents(template.config):
            assert line in shown
        assert at.button(key=f"start.use.{template.slug}").label == "Use this template"


def test_using_a_template_loads_a_copy_and_opens_pipelines(at: AppTest):
    use_template(at, "sales-and-admin")
    w = wizard(at)
    assert w.config == templates.get_template("sales-and-admin").config
    assert w.config is not templates.get_template("sales-and-admin").config
    assert w.source == "template:sales-and-admin"
    assert at.title[0].value == "Pipelines & stages"
    assert "loaded" in at.success[0].value


def test_upload_of_a_good_yaml_and_json_file_replaces_the_setup(at: AppTest):
    config = templates.get_template("hr-recruitment").fresh_config()
    config.name = "Our recruiting"
    upload(at, "ours.yaml", configfile.dumps(config).encode())
    assert wizard(at).config == config
    assert wizard(at).source == "file:ours.yaml"
    assert "Loaded ours.yaml" in texts(at)
    goto(at, "start")
    config.name = "From JSON"
    upload(at, "ours.json", configfile.dumps_json(config).encode())
    assert wizard(at).config.name == "From JSON"


def test_upload_of_a_bad_file_lists_every_problem_with_its_place(at: AppTest):
    use_template(at)
    goto(at, "start")
    before = wizard(at).config.model_copy(deep=True)
    bad = b"version: 1\nname: Broken\npipelines:\n  - id: sales\n    label: Sales\n    stages:\n      - {id: a, label: A, probability: lots}\n    colour: red\n"
    upload(at, "broken.yaml", bad)
    assert wizard(at).config == before  # nothing replaced
    assert "can't be used yet: 2 problems" in at.error[0].value
    problems = at.code[0].value.splitlines()
    assert problems[0] == "broken.yaml:7:40 pipelines[0].stages[0].probability: must be a number"
    assert problems[1].startswith("broken.yaml:8:5 pipelines[0].colour: unknown key 'colour'")
    assert "Traceback" not in texts(at)


def test_upload_of_a_file_that_is_not_yaml_says_so(at: AppTest):
    upload(at, "notes.yaml", b"pipelines: [unclosed\n")
    assert at.code[0].value.startswith("notes.yaml:2:1: YAML syntax error")
    upload(at, "image.yaml", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "not UTF-8 text" in at.code[0].value or "NUL bytes" in at.code[0].value


def test_start_blank_with_a_name_and_tier(at: AppTest):
    start_tab(at, "Start blank")
    at.text_input(key="start.blank.name").input("Fresh start")
    at.selectbox(key="start.blank.tier").select("enterprise")
    click(at, "start.blank")
    w = wizard(at)
    assert (w.config.name, w.config.tier.value, w.config.pipelines) == ("Fresh start", "enterprise", [])
    assert w.source == "blank"


def test_setup_details_edit_the_config(at: AppTest):
    use_template(at)
    goto(at, "start")
    at.text_input(key="setup.name").input("Acme sales").run()
    at.selectbox(key="setup.tier").select("enterprise").run()
    goto(at, "review")
    goto(at, "start")
    assert at.text_input(key="setup.name").value == "Acme sales"
    assert wizard(at).config.name == "Acme sales"
    assert wizard(at).config.tier.value == "enterprise"
    at.text_input(key="setup.name").input("  ").run()
    assert wizard(at).config.name == "Acme sales"  # refused, with the reason shown
    assert "needs a name" in at.error[0].value


def test_import_from_the_sandbox_portal(at: AppTest, sandbox):
    with open_portal(sandbox.url, token="x") as connection:
        config = templates.get_template("b2b-sales").fresh_config()
        apply_reviewed(connection, config, plan_against(connection, config))
    start_tab(at, "Import from a portal")
    click(at, "start.import")
    w = wizard(at)
    assert w.source == "portal:sandbox"
    assert w.config.name == "Imported from the sandbox portal"  # not after a file or a url
    labels = [p.label for p in w.config.pipelines]
    assert "Sales" in labels
    assert w.config.property_groups[0].properties[0].name == "product_type"
    assert "Imported" in at.success[0].value


def test_import_from_an_unreachable_portal_explains_what_to_do(at: AppTest, monkeypatch):
    monkeypatch.setenv("HUBWIZARD_SANDBOX_URL", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setitem(portal.GATEWAY_OPTIONS, "max_attempts", 1)
    start_tab(at, "Import from a portal")
    click(at, "start.import")
    assert not wizard(at).source
    message = at.error[0].value
    assert "could not be reached" in message
    assert "check the network or the portal URL" in message


def test_an_empty_upload_says_what_to_upload_without_the_command_line(at: AppTest):
    upload(at, "empty.yaml", b"  \n")
    message = at.error[0].value
    assert "empty.yaml is empty" in message
    assert "hubwizard" not in message and "command" not in message
    assert not wizard(at).source


def reopen(setup_id: str | None) -> AppTest:
    """A new browser session (a reload, a second tab, a restart of the server): the url's
    ``?setup=`` is all it knows."""
    app = AppTest.from_file(str(APP), default_timeout=10)
    if setup_id is not None:
        app.query_params["setup"] = setup_id
    return run(app)


def test_the_url_names_the_setup_and_a_new_session_opens_it(at: AppTest):
    use_template(at)
    w = wizard(at)
    assert setups.valid_id(w.setup_id)
    assert at.query_params["setup"] == w.setup_id
    edit = w.config.model_copy(deep=True)
    at.text_input(key="pipelines.label").input("Team sales").run()
    goto(at, "review")
    assert at.query_params["setup"] == w.setup_id  # kept across pages
    again = reopen(w.setup_id)
    assert wizard(again).config.pipelines[0].label == "Team sales"
    assert wizard(again).config != edit
    assert wizard(again).source == "template:b2b-sales"
    assert "B2B sales starter" in again.sidebar.caption[0].value


def test_a_second_tab_follows_the_first_one(at: AppTest):
    use_template(at)
    second = reopen(wizard(at).setup_id)
    at.text_input(key="pipelines.label").input("Team sales").run()
    ok(second)
    assert wizard(second).config.pipelines[0].label == "Team sales"
    assert "changed in another tab" in texts(second)
    assert wizard(second).history.next_undo == "Changes made in another tab"


def test_a_link_to_an_unknown_setup_says_so_and_offers_the_start(at: AppTest):
    other = reopen("000000000000")
    assert not wizard(other).source
    assert "not saved on this computer" in other.warning[0].value
    assert other.title[0].value == "Start"


def test_start_lists_recent_setups_to_continue(at: AppTest):
    use_template(at, "hr-recruitment")
    first = wizard(at).setup_id
    goto(at, "start")
    use_template(at, "b2b-sales")
    goto(at, "start")
    assert wizard(at).setup_id != first
    assert "Recent setups (1)" in [e.label for e in at.expander]
    click(at, f"start.continue.{first}")
    assert wizard(at).setup_id == first
    assert wizard(at).config.name == templates.get_template("hr-recruitment").config.name
    assert at.title[0].value == "Pipelines & stages"
    assert "Welcome back" in at.success[0].value
    fresh = reopen(None)
    assert len([b for b in fresh.button if b.key.startswith("start.continue.")]) == 2


def test_only_the_open_tab_is_drawn(at: AppTest):
    """The first page draws the gallery only: no file uploader, no portal picker until asked."""
    assert at.button(key="start.use.b2b-sales")
    assert not at.get("file_uploader")
    assert "portal.kind" not in [r.key for r in at.radio]
    start_tab(at, "Import from a portal")
    assert at.radio(key="portal.kind")
    assert "start.use.b2b-sales" not in [b.key for b in at.button]
