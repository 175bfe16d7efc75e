"""find_running_sandbox trusts the server file only for a live process that answers."""

from __future__ import annotations

import json
import subprocess
import sys

from hubwizard.sandbox import discovery, find_running_sandbox, start_sandbox


def test_no_file_no_sandbox(hubwizard_home):
    assert find_running_sandbox() is None


def test_live_process_and_answering_url(hubwizard_home):
    with start_sandbox() as sb:
        path = discovery.write_server_file(sb.url, ":memory:")
        assert path.parent == hubwizard_home
        assert json.loads(path.read_text()) == {
            "url": sb.url,
            "pid": discovery.os.getpid(),
            "data": ":memory:",
        }
        assert find_running_sandbox() == sb.url
    assert find_running_sandbox() is None, "the url no longer answers"
    discovery.remove_server_file()
    assert not path.exists()


def test_dead_process_is_ignored(hubwizard_home):
    with start_sandbox() as sb:
        done = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            check=True,
            capture_output=True,
            text=True,
        )
        discovery.write_server_file(sb.url, ":memory:", pid=int(done.stdout))
        assert find_running_sandbox() is None
        discovery.remove_server_file()
        assert discovery.server_file().exists(), "only the owner removes the file"


def test_garbage_file_is_ignored(hubwizard_home):
    discovery.server_file().write_text("not json")
    assert find_running_sandbox() is None
    discovery.server_file().write_text(
        json.dumps({"url": "http://127.0.0.1:1", "pid": discovery.os.getpid()})
    )
    assert find_running_sandbox() is None
