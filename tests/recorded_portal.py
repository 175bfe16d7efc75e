"""A recorded HubSpot portal: a tiny local HTTP server that answers from JSON files.

Real portals are older and messier than anything hubwizard creates (hundreds of HubSpot-defined
properties, custom properties in HubSpot's own groups, string stage metadata, missing scopes).
The files under ``tests/recordings/<portal>/`` are written by hand from HubSpot's documented
shapes; this server replays them so the real SDK and our gateway talk to it exactly as to
HubSpot (``Gateway(portal.url, token)`` or ``--portal URL``).

Layout, by URL path (query strings ignored):

- ``GET /crm/v3/properties/deals`` → ``<portal>/crm/v3/properties/deals.json`` (status 200);
- a non-200 answer is stored as ``<path>.<status>.json``, e.g. ``crm/v3/pipelines/tickets.403.json``;
- no file → HubSpot's 404 body (``category: OBJECT_NOT_FOUND``).

Every write (POST, PUT, PATCH, DELETE) is captured in ``writes`` for assertions and answered
plausibly: a create echoes its body with a new id, a PUT echoes its body with ``revisionId`` + 1,
a PATCH merges into the recorded item, a batch read of flows gathers
``automation/v4/flows/<id>.json``. The recordings themselves never change, so every read sees
the portal as recorded.
"""

from __future__ import annotations

import itertools
import json
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

RECORDINGS = Path(__file__).parent / "recordings"


@dataclass
class Write:
    """One write the client sent."""

    method: str
    path: str
    body: Any


@dataclass
class RecordedPortal:
    """A running recorded portal (``with RecordedPortal("agency-portal") as portal: portal.url``)."""

    name: str
    directory: Path | None = None
    """Another folder of recordings (tests that write odd answers on the fly); default: RECORDINGS."""
    root: Path = field(init=False)
    writes: list[Write] = field(default_factory=list)
    reads: list[str] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = field(default=None, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _ids: Any = field(default_factory=lambda: itertools.count(990_000_001), repr=False)

    def __post_init__(self) -> None:
        self.root = (self.directory or RECORDINGS) / self.name
        if not self.root.is_dir():
            raise FileNotFoundError(f"no recorded portal {self.name!r} under {RECORDINGS}")

    # --- lifecycle --------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the portal first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> RecordedPortal:
        portal = self

        class Handler(_Handler):
            recorded = portal

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> RecordedPortal:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- answers ----------------------------------------------------------------------

    def recorded(self, path: str) -> tuple[int, Any] | None:
        """The recorded answer for a URL path: (status, body), or None."""
        relative = path.strip("/")
        if not relative or ".." in relative.split("/"):
            return None
        exact = self.root / f"{relative}.json"
        if exact.is_file():
            return 200, json.loads(exact.read_text(encoding="utf-8"))
        parent, stem = exact.parent, Path(relative).name
        if parent.is_dir():
            for candidate in sorted(parent.glob(f"{stem}.*.json")):
                status = candidate.name[len(stem) + 1 : -len(".json")]
                if status.isdigit():
                    return int(status), json.loads(candidate.read_text(encoding="utf-8"))
        return None

    def new_id(self) -> str:
        with self._lock:
            return str(next(self._ids))

    def write(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        if path.endswith("/automation/v4/flows/batch/read"):  # a read sent as POST
            with self._lock:
                self.reads.append(path)
            return 200, self._flows_batch(body)
        with self._lock:
            self.writes.append(Write(method, path, body))
        if method == "DELETE":
            return 204, None
        if path.endswith("/search"):
            return 200, {"total": 0, "results": []}
        if path.endswith("/batch/archive"):
            return 204, None
        if path.endswith("/batch/create"):
            inputs = (body or {}).get("inputs") or []
            return 201, {"status": "COMPLETE", "results": [self._created(i) for i in inputs]}
        if method == "PUT":
            return 200, self._replaced(path, body)
        if method == "PATCH":
            found = self.recorded(path)
            base = found[1] if found and found[0] == 200 and isinstance(found[1], dict) else {}
            return 200, {**base, **(body or {}), "id": base.get("id") or path.rstrip("/").rsplit("/", 1)[-1]}
        return 201, self._created(body)

    def _created(self, body: Any) -> Any:
        if not isinstance(body, dict):
            return body
        out = {**body, "id": self.new_id(), "createdAt": "2026-01-01T00:00:00Z", "archived": False}
        if "stages" in out:
            out["stages"] = [self._created(s) for s in out["stages"] or []]
        return out

    def _replaced(self, path: str, body: Any) -> Any:
        if not isinstance(body, dict):
            return body
        out = dict(body)
        revision = out.get("revisionId")
        if revision is not None:
            try:
                bumped = int(revision) + 1
            except (TypeError, ValueError):
                bumped = revision
            out["revisionId"] = str(bumped) if isinstance(revision, str) else bumped
        out.setdefault("id", path.rstrip("/").rsplit("/", 1)[-1])
        return out

    def _flows_batch(self, body: Any) -> dict[str, Any]:
        results, errors = [], []
        for item in (body or {}).get("inputs") or []:
            flow_id = str(item.get("flowId", ""))
            found = self.recorded(f"/automation/v4/flows/{flow_id}")
            if found and found[0] == 200:
                results.append(found[1])
            else:
                errors.append({"message": f"Flow {flow_id} not found", "context": {"flowId": [flow_id]}})
        out: dict[str, Any] = {"status": "COMPLETE", "results": results}
        if errors:
            out["errors"] = errors
            out["numErrors"] = len(errors)
        return out


def not_found_body(path: str) -> dict[str, Any]:
    """HubSpot's 404 shape."""
    return {
        "status": "error",
        "message": f"Resource not found: {path}",
        "correlationId": str(uuid.uuid4()),
        "category": "OBJECT_NOT_FOUND",
    }


class _Server(ThreadingHTTPServer):
    request_queue_size = 128
    """A reader opens many connections at once; the default backlog of 5 makes the kernel drop
    the rest and the client wait a second before it retries."""


class _Handler(BaseHTTPRequestHandler):
    recorded: RecordedPortal
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # quiet tests
        return

    def _reply(self, status: int, body: Any) -> None:
        data = b"" if body is None or status == 204 else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data:
            self.wfile.write(data)

    def _path(self) -> str:
        return unquote(urlsplit(self.path).path)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return raw.decode("utf-8", "replace")

    def do_GET(self) -> None:
        path = self._path()
        self.recorded.reads.append(path)
        found = self.recorded.recorded(path)
        if found is None:
            self._reply(404, not_found_body(path))
        else:
            self._reply(*found)

    def _write(self) -> None:
        path = self._path()
        body = self._body()
        self._reply(*self.recorded.write(self.command, path, body))

    do_POST = do_PUT = do_PATCH = do_DELETE = _write  # noqa: N815 (http.server's names)
