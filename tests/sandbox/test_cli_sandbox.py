"""``hubwizard sandbox serve|reset|status``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request

from hubspot import HubSpot
from hubspot.crm.properties import PropertyCreate

from hubwizard.cli import build_parser, main
from hubwizard.sandbox import discovery, find_running_sandbox, start_sandbox

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_serve_prints_the_url_writes_the_server_file_and_stops_on_ctrl_c(hubwizard_home):
    env = {**os.environ, "HUBWIZARD_HOME": str(hubwizard_home), "HUBWIZARD_SANDBOX_TOKEN": "pat-cli-secret"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hubwizard",
            "sandbox",
            "serve",
            "--port",
            "0",
            "--data",
            ":memory:",
            "--tier",
            "professional",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        first = proc.stdout.readline()
        assert "professional tier" in first and "http://127.0.0.1:" in first
        url = first.split()[-1]
        assert find_running_sandbox() == url
        with urllib.request.urlopen(f"{url}/_sandbox/health", timeout=5) as answer:
            assert json.loads(answer.read())["tier"] == "professional"
        assert main(["sandbox", "status"]) == 0
        right = HubSpot(access_token="pat-cli-secret", host=url).crm.pipelines.pipelines_api
        assert right.get_all("deals").results[0].id == "default"
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
        out = proc.stdout.read()  # not communicate(): readline() may hold buffered lines
    assert proc.returncode == 0
    output = first + out
    assert "sandbox stopped" in output
    assert "pat-cli-secret" not in output and "required (not shown)" in output
    assert not discovery.server_file().exists()
    assert find_running_sandbox() is None


def test_status_without_a_sandbox(hubwizard_home, capsys):
    assert main(["sandbox", "status"]) == 1
    assert "no sandbox is running" in capsys.readouterr().out


def test_reset_resets_the_data_file(tmp_path, capsys):
    data = tmp_path / "portal.sqlite3"
    with start_sandbox(data=data) as sb:
        HubSpot(access_token="t", host=sb.url).crm.properties.core_api.create(
            "deals",
            PropertyCreate(
                name="gone_soon", label="G", type="string", field_type="text", group_name="dealinformation"
            ),
        )
    assert main(["sandbox", "reset", "--data", str(data)]) == 0
    assert "reset" in capsys.readouterr().out
    with start_sandbox(data=data) as sb:
        names = {
            p.name
            for p in HubSpot(access_token="t", host=sb.url).crm.properties.core_api.get_all("deals").results
        }
    assert "gone_soon" not in names and "dealname" in names


def test_reset_goes_through_a_running_sandbox(hubwizard_home, capsys):
    data = str(hubwizard_home / "sandbox.sqlite3")
    with start_sandbox(data=data) as sb:
        props = HubSpot(access_token="t", host=sb.url).crm.properties.core_api
        props.create(
            "deals",
            PropertyCreate(
                name="live", label="L", type="string", field_type="text", group_name="dealinformation"
            ),
        )
        discovery.write_server_file(sb.url, data)
        try:
            assert main(["sandbox", "reset"]) == 0
        finally:
            discovery.remove_server_file()
        assert "live" not in {p.name for p in props.get_all("deals").results}
    assert "running sandbox" in capsys.readouterr().out


def test_serve_flags_parse():
    args = build_parser().parse_args(
        [
            "sandbox",
            "serve",
            "--latency-ms",
            "5",
            "--fail-rate",
            "0.1",
            "--rate-limit",
            "50",
            "--rate-429",
            "0.2",
            "--drop-after",
            "3",
            "--drop-mode",
            "before",
            "--stale-ms",
            "100",
            "--seed",
            "4",
        ]
    )
    assert (args.latency_ms, args.fail_rate, args.rate_limit, args.rate_429) == (5, 0.1, 50, 0.2)
    assert (args.drop_after, args.drop_mode, args.stale_ms, args.seed, args.port) == (
        3,
        "before",
        100,
        4,
        8765,
    )
