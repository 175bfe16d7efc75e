"""The SQLite document store: atomic transactions, no lost write under threads, stale snapshots."""

from __future__ import annotations

import threading
import time

import pytest

from hubwizard.sandbox.store import Store, now_iso


@pytest.mark.parametrize("where", [":memory:", "file"])
def test_concurrent_read_modify_write_loses_nothing(tmp_path, where):
    store = Store(":memory:" if where == ":memory:" else tmp_path / "s.sqlite3")
    store.put("counter", "", "c", {"n": 0})

    def bump() -> None:
        for _ in range(200):
            with store.transaction():
                doc = store.get("counter", "", "c")
                doc["n"] += 1
                store.put("counter", "", "c", doc)
            store.put("item", "", f"{threading.get_ident()}-{store.next_id('item', 1)}", {})

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.get("counter", "", "c") == {"n": 1600}
    assert store.count("item") == 1600
    store.close()


def test_failed_transaction_leaves_nothing():
    store = Store(":memory:")
    with pytest.raises(RuntimeError), store.transaction():
        store.put("thing", "x", "a", {"v": 1})
        store.next_id("thing", 1)
        raise RuntimeError("boom")
    assert store.get("thing", "x", "a") is None
    assert store.next_id("thing", 1) == 1


def test_lists_keep_creation_order_and_scopes_apart():
    store = Store(":memory:")
    for key in ("b", "a", "c"):
        store.put("thing", "s1", key, {"k": key})
    store.put("thing", "s2", "z", {"k": "z"})
    store.put("thing", "s1", "b", {"k": "b2"})  # an update keeps its place
    assert [d["k"] for d in store.list("thing", "s1")] == ["b2", "a", "c"]
    assert [d["k"] for d in store.list("thing", None)] == ["b2", "a", "c", "z"]


def test_stale_reads_see_the_collection_before_recent_writes():
    stale = {"ms": 200}
    store = Store(":memory:", stale_ms=lambda: stale["ms"])
    store.put("thing", "s", "old", {"v": 1})
    time.sleep(0.25)
    store.put("thing", "s", "new", {"v": 2})
    store.put("thing", "s", "old", {"v": 3})
    assert [d["v"] for d in store.list("thing", "s", stale=True)] == [1]
    assert store.get("thing", "s", "old", stale=True) == {"v": 1}
    assert store.get("thing", "s", "new", stale=True) is None
    assert store.get("thing", "s", "old") == {"v": 3}, "non-stale reads see the truth"
    assert [d["v"] for d in store.list("other", "s", stale=True)] == []
    time.sleep(0.25)
    assert [d["v"] for d in store.list("thing", "s", stale=True)] == [3, 2]


def test_timestamps_are_hubspot_shaped():
    stamp = now_iso(0)
    assert stamp == "1970-01-01T00:00:00.000Z"
    assert now_iso().endswith("Z") and len(now_iso()) == 24
