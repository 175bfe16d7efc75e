"""Browser tests: a real ``streamlit run app.py`` against an in-memory sandbox, driven by
Debian's Chromium through pytest-playwright (never ``playwright install``).

Without Chromium the tests skip, unless ``HUBWIZARD_REQUIRE_BROWSER=1`` (CI), then they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from hubwizard.sandbox import SandboxServer, start_sandbox
from hubwizard.ui.portal import SANDBOX_URL_ENV

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRE = os.environ.get("HUBWIZARD_REQUIRE_BROWSER") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if Path(CHROMIUM).exists() or REQUIRE:
        return
    skip = pytest.mark.skip(reason="no Chromium: apt-get install chromium (or set CHROMIUM_PATH)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"HUBWIZARD_REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM}")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800}, "accept_downloads": True}


@pytest.fixture(scope="session")
def e2e_sandbox() -> Iterator[SandboxServer]:
    """The portal the wizard provisions: in memory, in this process, so tests can inspect it."""
    server = start_sandbox()
    yield server
    server.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def e2e_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wizard server's hubwizard home: where it saves the setups it edits."""
    return tmp_path_factory.mktemp("e2e-home")


@pytest.fixture(scope="session")
def streamlit_server(e2e_sandbox: SandboxServer, e2e_home: Path) -> Iterator[str]:
    """The wizard as `make run` starts it (``python -m hubwizard.ui.launch``: Streamlit's server on
    app.py, warmed meanwhile) on a free port, using the in-memory sandbox; stops only itself."""
    port = _free_port()
    home = e2e_home
    env = {**os.environ, "HUBWIZARD_HOME": str(home), SANDBOX_URL_ENV: e2e_sandbox.url}
    env.pop("HUBSPOT_ACCESS_TOKEN", None)
    log = (home / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "hubwizard.ui.launch",
            "--server.headless", "true",
            "--server.port", str(port),
            "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not _healthy(url):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"streamlit did not start: {(home / 'streamlit.log').read_text()[-2000:]}")
        time.sleep(0.1)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def base_url(streamlit_server: str) -> str:
    return streamlit_server


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
