"""The HTTP layer: Python's ``ThreadingHTTPServer`` speaking HTTP/1.1 with keep-alive.

Every response leaves in one write (status line, headers and body together) on a socket with
Nagle's algorithm off: with two small writes, Nagle meets the client's delayed ACK and each
response stalls ~40 ms (``performance-notes.md``). Bad input never crashes a connection: every
error, including a malformed request line or an oversized body, is answered with HubSpot's JSON
error body, and the server keeps serving.

Order of checks for an API request: body size → token (401) → rate limits (429; searches also
have their own per-second limit) → injected faults
→ route (404/405) → content type (415) and JSON (400) → the handler, inside one store transaction.
"""

from __future__ import annotations

import contextlib
import hmac
import http.client
import json
import socket
import threading
import time
from collections.abc import Iterable
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from hubwizard.hubspot_rules import Tier
from hubwizard.sandbox import admin
from hubwizard.sandbox import scopes as scope_rules
from hubwizard.sandbox.errors import (
    INTERNAL_ERROR,
    INVALID_AUTHENTICATION,
    OBJECT_NOT_FOUND,
    REQUEST_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    ApiError,
    bad_request,
    new_correlation_id,
)
from hubwizard.sandbox.faults import Faults, fault_body
from hubwizard.sandbox.portal import Portal, parse_tier
from hubwizard.sandbox.ratelimit import TEN_SECONDLY, RateLimiter, rate_limit_body
from hubwizard.sandbox.router import Request, Response, Route
from hubwizard.sandbox.routes import build_router
from hubwizard.sandbox.routes.objects import search_refused
from hubwizard.sandbox.seed import seed_portal
from hubwizard.sandbox.stats import Stats
from hubwizard.sandbox.store import Store

MAX_BODY_BYTES = 5 * 1024 * 1024
"""Largest request body accepted; bigger ones get 413."""
DRAIN_LIMIT_BYTES = 64 * 1024 * 1024
"""Oversized bodies up to this size are read and thrown away so the 413 reaches the client and the
connection stays usable; beyond it the connection is closed after the 413."""
IDLE_TIMEOUT_S = 60
POLL_INTERVAL_S = 0.05
"""How often the accept loop looks for a stop request (the stdlib's 0.5 s makes stop() slow)."""
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
SERVER_NAME = "hubwizard-sandbox"
MISSING_TOKEN = (
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can "
    "find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"
)
WRONG_TOKEN = "The access token is not valid for this portal (the sandbox was started with another token)"


class _DroppedError(Exception):
    """The connection must close without an answer (the drop fault)."""


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], sandbox: SandboxServer) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.sandbox = sandbox
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet: a client that hangs up is not the server's problem (and logs hold no tokens)."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = SERVER_NAME
    sys_version = ""
    timeout = IDLE_TIMEOUT_S
    server: _HTTPServer

    # --- connection bookkeeping -----------------------------------------------------------

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Never log: request lines and headers may carry secrets."""

    def __getattr__(self, name: str) -> Any:
        """Every method, known or not, goes to one dispatcher (405 beats the stdlib's 501)."""
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    # --- sending --------------------------------------------------------------------------

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors the stdlib finds itself (bad request line, huge headers) as HubSpot JSON."""
        with contextlib.suppress(ValueError):
            code = HTTPStatus(code).value
        self.close_connection = True
        body = ApiError(
            code, message or HTTPStatus(code).phrase, "VALIDATION_ERROR" if code < 500 else INTERNAL_ERROR
        )
        if not hasattr(self, "command") or not self.command:
            self.command = "GET"
        with contextlib.suppress(OSError):
            self._send(code, body.body(new_correlation_id()), {}, close=True)

    def _send(self, status: int, body: Any, headers: dict[str, str], *, close: bool = False) -> None:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Unknown"
        lines = [f"HTTP/1.1 {status} {phrase}", f"Date: {formatdate(usegmt=True)}", f"Server: {SERVER_NAME}"]
        payload = b""
        if body is not None and status != 204:
            payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            lines.append("Content-Type: application/json;charset=utf-8")
        if status != 204:
            lines.append(f"Content-Length: {len(payload)}")
        lines.extend(f"{k}: {v}" for k, v in headers.items())
        if close:
            self.close_connection = True
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head if self.command == "HEAD" else head + payload)

    # --- reading --------------------------------------------------------------------------

    def _read_body(self) -> bytes:
        encoding = (self.headers.get("Transfer-Encoding") or "").lower()
        if encoding and encoding != "identity":
            if encoding != "chunked":
                self.close_connection = True
                raise ApiError(501, f"Transfer-Encoding '{encoding}' is not supported", "VALIDATION_ERROR")
            return self._read_chunked()
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        try:
            size = int(length)
            if size < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            raise bad_request(f"Invalid Content-Length header: {length!r}")
        if size > MAX_BODY_BYTES:
            if size <= DRAIN_LIMIT_BYTES:
                remaining = size
                while remaining:
                    chunk = self.rfile.read(min(remaining, 1 << 16))
                    if not chunk:
                        raise _DroppedError
                    remaining -= len(chunk)
            else:
                self.close_connection = True
            raise _too_large(size)
        data = self.rfile.read(size)
        if len(data) < size:
            raise _DroppedError
        return data

    def _read_chunked(self) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip(), 16)
            except ValueError:
                self.close_connection = True
                raise bad_request("Malformed chunked request body")
            if size == 0:
                while self.rfile.readline(1024).strip():
                    pass
                return b"".join(parts)
            total += size
            if total > MAX_BODY_BYTES:
                self.close_connection = True
                raise _too_large(total)
            parts.append(self.rfile.read(size))
            self.rfile.readline(8)

    # --- dispatch -------------------------------------------------------------------------

    def _dispatch(self) -> None:
        sandbox = self.server.sandbox
        if not sandbox.enter():
            self.close_connection = True
            return
        try:
            self._handle(sandbox)
        except _DroppedError:
            self.close_connection = True
        except OSError:
            self.close_connection = True
        finally:
            sandbox.leave()

    def _handle(self, sandbox: SandboxServer) -> None:
        started = time.perf_counter()
        correlation = new_correlation_id()
        method = self.command
        split = urlsplit(self.path)
        path = split.path or "/"
        query = parse_qs(split.query, keep_blank_values=True)
        is_admin = path == "/_sandbox" or path.startswith("/_sandbox/")
        api_headers: dict[str, str] = {"X-HubSpot-Correlation-Id": correlation}
        route: Route | None = None
        match: tuple[Route, dict[str, str]] | None = None
        routing_error: ApiError | None = None
        if not is_admin:  # known early so every answer, even a 401, is counted under its route
            try:
                match = sandbox.router.match(method, path)
            except ApiError as exc:
                routing_error = exc
            route = match[0] if match else None

        def finish(
            status: int, body: Any, headers: dict[str, str], *, fault: str | None = None, write: bool = False
        ) -> None:
            # Counted before the answer leaves, so a client that reads the stats next sees it.
            if not is_admin:
                duration = (time.perf_counter() - started) * 1000
                sandbox.stats_.record(
                    method,
                    path,
                    route.template if route else None,
                    status,
                    duration,
                    write=write,
                    fault=fault,
                )
            self._send(status, body, {**api_headers, **headers})

        def fail(exc: ApiError, *, fault: str | None = None) -> None:
            finish(exc.status, exc.body(correlation), exc.headers, fault=fault)

        try:
            raw = self._read_body()
        except ApiError as exc:
            fail(exc)
            return

        if is_admin:
            try:
                response = self._run_admin(sandbox, method, path, query, raw, correlation)
            except ApiError as exc:
                fail(exc)
                return
            finish(response.status, response.body, response.headers)
            return

        token = _bearer(self.headers.get("Authorization"))
        if token is None:
            fail(ApiError(401, MISSING_TOKEN, INVALID_AUTHENTICATION))
            return
        if not sandbox.token_ok(token):
            fail(ApiError(401, WRONG_TOKEN, INVALID_AUTHENTICATION))
            return
        if sandbox.scopes is not None:
            needed = scope_rules.required_scope(method, path)
            if needed is not None and needed not in sandbox.scopes:
                fail(scope_rules.missing_scope(needed))
                return

        verdict = sandbox.limiter.check(token)
        api_headers.update(verdict.headers)
        if not verdict.allowed:
            assert verdict.policy is not None
            finish(
                429, rate_limit_body(verdict.policy, verdict.group), {"Retry-After": str(verdict.retry_after)}
            )
            return

        if route is not None and match is not None:
            refused = search_refused(sandbox.portal, route.template, correlation)
            if refused is not None:
                finish(429, refused, {"Retry-After": "1"})
                return

        decision = sandbox.faults.decide()
        if decision.latency_ms:
            time.sleep(decision.latency_ms / 1000)
        if decision.kind == "fail":
            finish(
                decision.status, fault_body(decision.status, correlation), {}, fault=f"fail-{decision.status}"
            )
            return
        if decision.kind == "429":
            group = f"{TEN_SECONDLY}:{sandbox.portal.portal_id}:fault"
            finish(429, rate_limit_body(TEN_SECONDLY, group), {"Retry-After": "1"}, fault="rate-429")
            return
        if decision.kind == "drop" and decision.drop_mode == "before":
            sandbox.stats_.record(
                method,
                path,
                route.template if route else None,
                0,
                (time.perf_counter() - started) * 1000,
                fault="drop-before",
            )
            raise _DroppedError

        try:
            if routing_error is not None:
                raise routing_error
            if match is None:
                raise ApiError(404, f"No HubSpot API answers {method} {path}", OBJECT_NOT_FOUND)
            response = self._invoke(sandbox, match, method, path, query, raw, correlation)
        except ApiError as exc:
            if decision.kind == "drop":
                sandbox.stats_.record(
                    method, path, route.template if route else None, 0, 0, fault="drop-after"
                )
                raise _DroppedError
            fail(exc)
            return
        applied = route.write and response.status < 300
        if decision.kind == "drop":
            duration = (time.perf_counter() - started) * 1000
            sandbox.stats_.record(
                method, path, route.template, 0, duration, write=applied, fault="drop-after"
            )
            raise _DroppedError
        finish(response.status, response.body, response.headers, write=applied)

    def _run_admin(
        self, sandbox: SandboxServer, method: str, path: str, query: dict, raw: bytes, correlation: str
    ) -> Response:
        """A ``/_sandbox/*`` request: no token, no limit, no faults, no transaction of its own."""
        match = sandbox.admin_router.match(method, path)
        if match is None:
            raise ApiError(404, f"No sandbox endpoint answers {method} {path}", OBJECT_NOT_FOUND)
        return self._invoke(sandbox, match, method, path, query, raw, correlation, transaction=False)

    def _invoke(
        self,
        sandbox: SandboxServer,
        match: tuple[Route, dict[str, str]],
        method: str,
        path: str,
        query: dict,
        raw: bytes,
        correlation: str,
        *,
        transaction: bool = True,
    ) -> Response:
        route, params = match
        body = self._parse_json(raw) if method in BODY_METHODS or raw else None
        request = Request(method, path, query, body, sandbox.portal, params, correlation)
        try:
            if transaction:
                with sandbox.store.transaction():
                    return route.handler(request)
            return route.handler(request)
        except ApiError:
            raise
        except Exception as exc:  # a bug must not take the connection down with it
            raise ApiError(500, f"internal error in the sandbox: {type(exc).__name__}", INTERNAL_ERROR)

    def _parse_json(self, raw: bytes) -> Any:
        if not raw.strip():
            return None
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media != "application/json" and not media.endswith("+json"):
            raise ApiError(
                415,
                f"Unsupported Media Type: send the body as application/json, not '{media or 'nothing'}'",
                UNSUPPORTED_MEDIA_TYPE,
            )
        try:
            return json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise bad_request("Invalid input JSON: the body is not UTF-8")
        except json.JSONDecodeError as exc:
            raise bad_request(f"Invalid input JSON on line {exc.lineno}, column {exc.colno}: {exc.msg}")
        except RecursionError:
            raise bad_request("Invalid input JSON: nested too deeply")


def _too_large(size: int) -> ApiError:
    return ApiError(
        413,
        f"Request body too large: {size} bytes, the limit is {MAX_BODY_BYTES} bytes",
        REQUEST_TOO_LARGE,
    )


def _bearer(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


class SandboxServer:
    """A local HubSpot-compatible portal over HTTP. Start with :func:`start_sandbox`."""

    def __init__(
        self,
        data: str | Path = ":memory:",
        tier: str | Tier = "enterprise",
        token: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        latency_ms: int = 0,
        fail_rate: float = 0.0,
        rate_limit: int | None = None,
        daily_limit: int | None = None,
        *,
        rate_429: float = 0.0,
        drop_after: int | None = None,
        drop_mode: str = "after",
        stale_ms: int = 0,
        seed: int | None = None,
        scopes: Iterable[str] | None = None,
    ) -> None:
        self.data = str(data)
        self.scopes = frozenset(scopes) if scopes is not None else None
        """The scopes the token was granted (None: all); see ``sandbox/scopes.py``."""
        self.faults = Faults(
            latency_ms=latency_ms,
            fail_rate=fail_rate,
            rate_429=rate_429,
            drop_after=drop_after,
            drop_mode=drop_mode,
            stale_ms=stale_ms,
            seed=seed,
        )
        self.rate_limit = rate_limit
        self.daily_limit = daily_limit
        self._token = token
        self.store = Store(self.data, stale_ms=lambda: self.faults.stale_ms)
        try:
            self.portal = Portal(self.store, parse_tier(str(tier)), seed_portal)
        except Exception:
            self.store.close()
            raise
        self._start_settings = {
            "tier": self.portal.tier,
            "rate_limit": rate_limit,
            "daily_limit": daily_limit,
        }
        self.limiter = RateLimiter(
            lambda: self.rate_limit or self.portal.rate_limit_per_10s(),
            lambda: self.daily_limit or self.portal.rate_limit_daily(),
            self.portal.portal_id,
        )
        self.stats_ = Stats()
        self.router = build_router()
        self.admin_router = admin.build_router(self)
        self._busy = threading.Condition()
        self._in_flight = 0
        self._stopping = False
        try:
            self._httpd = _HTTPServer((host, port), self)
        except OSError:
            self.store.close()
            raise
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        return f"SandboxServer(url={self.url!r}, tier={self.portal.tier.value!r}, data={self.data!r})"

    # --- addresses ------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        host = str(self._httpd.server_address[0])
        if host in ("0.0.0.0", "", "::"):
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    # --- life cycle -----------------------------------------------------------------------

    def start(self, timeout: float = 5.0) -> SandboxServer:
        """Serve in a daemon thread; return once ``/_sandbox/health`` answers."""
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(POLL_INTERVAL_S,), name="hubwizard-sandbox", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while True:
            try:
                conn = http.client.HTTPConnection(
                    "127.0.0.1" if "[" not in self.url else "::1", self.port, timeout=1
                )
                conn.request("GET", "/_sandbox/health")
                if conn.getresponse().status == 200:
                    conn.close()
                    return self
                conn.close()
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise
            time.sleep(0.01)

    def enter(self) -> bool:
        with self._busy:
            if self._stopping:
                return False
            self._in_flight += 1
            return True

    def leave(self) -> None:
        with self._busy:
            self._in_flight -= 1
            self._busy.notify_all()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving, close every connection and the database. Safe to call twice."""
        with self._busy:
            if self._stopping:
                return
            self._stopping = True
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout)
        self._httpd.server_close()
        with self._httpd.connections_lock:
            connections = list(self._httpd.connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        with self._busy:
            self._busy.wait_for(lambda: self._in_flight == 0, timeout)
        self.store.close()

    def __enter__(self) -> SandboxServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- control --------------------------------------------------------------------------

    def token_ok(self, token: str) -> bool:
        return self._token is None or hmac.compare_digest(token.encode(), self._token.encode())

    @property
    def requires_token(self) -> bool:
        return self._token is not None

    def stats(self) -> dict[str, Any]:
        """Same dict as ``GET /_sandbox/stats``."""
        return self.stats_.snapshot()

    def recent_requests(self, limit: int = 100) -> list[dict[str, Any]]:
        return self.stats_.recent(limit)

    def reset(self, *, settings: bool = False) -> None:
        """Back to a fresh portal; statistics and rate-limit windows cleared.

        Faults, tier and limits are kept, unless ``settings=True``: then faults are cleared and
        the tier and limits go back to what the sandbox started with (handy between tests).
        """
        if settings:
            self.faults.clear()
            self.portal.tier = self._start_settings["tier"]
            self.rate_limit = self._start_settings["rate_limit"]
            self.daily_limit = self._start_settings["daily_limit"]
            self.portal.clock.set(None)
        self.portal.reset()
        self.portal.__dict__.pop("_search_limit", None)  # the search limit's window, too
        self.stats_.clear()
        self.limiter.reset()

    def set_tier(self, tier: str | Tier) -> None:
        self.portal.tier = parse_tier(str(tier))

    def config(self) -> dict[str, Any]:
        return {
            "tier": self.portal.tier.value,
            "rateLimit": self.rate_limit or self.portal.rate_limit_per_10s(),
            "dailyLimit": self.daily_limit or self.portal.rate_limit_daily(),
            "tokenRequired": self.requires_token,
            "data": self.data,
        }


def start_sandbox(
    data: str | Path = ":memory:",
    tier: str | Tier = "enterprise",
    token: str | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    latency_ms: int = 0,
    fail_rate: float = 0.0,
    rate_limit: int | None = None,
    daily_limit: int | None = None,
    **faults: Any,
) -> SandboxServer:
    """Start a sandbox in a background thread and return it once it answers.

    ``port=0`` picks a free port. Extra keyword arguments are fault settings: ``rate_429``,
    ``drop_after``, ``drop_mode``, ``stale_ms``, ``seed``.
    """
    server = SandboxServer(
        data, tier, token, host, port, latency_ms, fail_rate, rate_limit, daily_limit, **faults
    )
    return server.start()
