"""Saved setups: written under the hubwizard home, read back exactly, listed newest first."""

from __future__ import annotations

import json

import pytest

from hubwizard import setups, templates
from hubwizard.history import History


def test_a_saved_setup_reads_back_exactly(hubwizard_home):
    config = templates.get_template("hr-recruitment").fresh_config()
    setup_id = setups.new_id()
    data = setups.serialize(config)
    stamp = setups.save(setup_id, data, name=config.name, source="template:hr-recruitment", contents="x")
    assert (hubwizard_home / "setups" / setup_id / "config.json").read_bytes() == data
    stored = setups.load(setup_id)
    assert stored.config == config
    assert stored.stamp == stamp == setups.stamp(setup_id)
    assert (stored.info.name, stored.info.source) == (config.name, "template:hr-recruitment")
    assert not list((hubwizard_home / "setups" / setup_id).glob("*.tmp"))


def test_the_fingerprint_follows_the_content():
    config = templates.get_template("b2b-sales").fresh_config()
    same = templates.get_template("b2b-sales").fresh_config()
    assert setups.fingerprint_of(config) == setups.fingerprint_of(same)
    same.pipelines[0].stages[0].label = "First call"
    assert setups.fingerprint_of(config) != setups.fingerprint_of(same)


def test_recent_lists_newest_first_and_skips_what_it_cannot_read(hubwizard_home):
    ids = []
    for n, slug in enumerate(("b2b-sales", "hr-recruitment", "support-tickets")):
        config = templates.get_template(slug).fresh_config()
        setup_id = setups.new_id()
        setups.save(
            setup_id, setups.serialize(config), name=config.name, source=f"template:{slug}", contents=""
        )
        meta = hubwizard_home / "setups" / setup_id / "meta.json"
        listed = json.loads(meta.read_text())
        meta.write_text(json.dumps({**listed, "saved_at": 1000.0 + n}))
        ids.append(setup_id)
    (hubwizard_home / "setups" / ids[1] / "meta.json").write_text("{broken")
    (hubwizard_home / "setups" / "not-an-id").mkdir()
    assert [info.id for info in setups.recent()] == [ids[2], ids[0]]
    assert [info.id for info in setups.recent(limit=1)] == [ids[2]]


def test_a_missing_or_damaged_setup_is_a_clear_error(hubwizard_home):
    with pytest.raises(setups.SetupError, match="no saved setup"):
        setups.load("0123456789ab")
    with pytest.raises(setups.SetupError, match="not a setup id"):
        setups.load("../../etc")
    setup_id = setups.new_id()
    setups.save(setup_id, b'{"name": 3}', name="x", source="", contents="")
    with pytest.raises(setups.SetupError, match="damaged"):
        setups.load(setup_id)


def test_history_undoes_and_redoes_in_order_and_a_new_edit_clears_redo():
    history = History(limit=3)
    history.record(b"v0", "first")
    history.record(b"v1", "second")
    undone = history.undo(b"v2")
    assert (undone.data, undone.label) == (b"v1", "second")
    assert history.next_redo == "second"
    redone = history.redo(b"v1")
    assert (redone.data, redone.label) == (b"v2", "second")
    history.undo(b"v2")
    history.record(b"v1", "other")
    assert history.next_redo is None
    assert history.undo(b"v1b").data == b"v1"
    assert history.undo(b"v1").data == b"v0"
    assert history.undo(b"v0") is None


def test_history_keeps_only_the_last_edits():
    history = History(limit=3)
    for n in range(5):
        history.record(f"v{n}".encode(), f"edit {n}")
    assert [e.label for e in history.undos] == ["edit 2", "edit 3", "edit 4"]
