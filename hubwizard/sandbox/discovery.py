"""Finding a sandbox that ``hubwizard sandbox serve`` runs in another process.

While it runs, ``serve`` writes ``$HUBWIZARD_HOME/sandbox-server.json`` (``{url, pid, data}``) and
removes it on exit. :func:`find_running_sandbox` trusts the file only when that process is alive
and the URL answers ``GET /_sandbox/health``. The file never holds a token.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hubwizard.home import home

SERVER_FILE = "sandbox-server.json"


def server_file() -> Path:
    return home() / SERVER_FILE


def write_server_file(url: str, data: str, pid: int | None = None) -> Path:
    path = server_file()
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps({"url": url, "pid": pid or os.getpid(), "data": data}), encoding="utf-8")
    tmp.replace(path)
    return path


def remove_server_file(pid: int | None = None) -> None:
    """Remove the file, but only when it describes this process (or ``pid``)."""
    info = read_server_file()
    if info is not None and info.get("pid") == (pid or os.getpid()):
        with contextlib.suppress(FileNotFoundError):
            server_file().unlink()


def read_server_file() -> dict[str, Any] | None:
    try:
        info = json.loads(server_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) and isinstance(info.get("url"), str) else None


def pid_alive(pid: Any) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def health(url: str, timeout: float = 1.0) -> dict[str, Any] | None:
    """The sandbox's ``/_sandbox/health`` answer, or None when nothing answers like a sandbox."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        return None
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        conn.request("GET", "/_sandbox/health")
        response = conn.getresponse()
        if response.status != 200:
            return None
        body = json.loads(response.read())
        return body if isinstance(body, dict) and body.get("ok") is True else None
    except (OSError, ValueError, http.client.HTTPException):
        return None
    finally:
        conn.close()


def find_running_sandbox() -> str | None:
    """The URL of a sandbox served by ``hubwizard sandbox serve``, or None."""
    info = read_server_file()
    if info is None or not pid_alive(info.get("pid")):
        return None
    return info["url"] if health(info["url"]) is not None else None
