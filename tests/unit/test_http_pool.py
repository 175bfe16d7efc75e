"""The gateway's own transport (``hubwizard.http_pool``) against a real local HTTP server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hubwizard.http_pool import ConnectionPool, NoAnswer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as HubSpot and the sandbox answer

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def setup(self) -> None:
        super().setup()
        self.server.connections += 1  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        if self.path.startswith("/slow"):
            time.sleep(0.3)
        body = f"{self.command} {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-HubSpot-RateLimit-Max", "190")
        self.end_headers()
        self.wfile.write(body)
        if self.path.startswith("/then-hang-up"):
            # the answer says nothing of closing, then the server closes anyway: what an idle
            # keep-alive connection looks like after a server's idle timeout
            self.close_connection = True

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        received = self.rfile.read(length)
        self.send_response(201)
        self.send_header("Content-Length", str(len(received)))
        self.end_headers()
        self.wfile.write(received)


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.connections = 0  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _url(server: ThreadingHTTPServer, path: str = "") -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}{path}"


def test_a_connection_is_kept_and_reused(server: ThreadingHTTPServer) -> None:
    pool = ConnectionPool(_url(server), timeout=(2.0, 2.0))
    answers = [pool.request("GET", f"/crm/v3/pipelines/deals?n={i}") for i in range(3)]
    assert [a[0] for a in answers] == [200, 200, 200]
    assert answers[2][2] == b"GET /crm/v3/pipelines/deals?n=2"
    assert server.connections == 1  # type: ignore[attr-defined]
    pool.close()


def test_the_body_and_headers_travel(server: ThreadingHTTPServer) -> None:
    pool = ConnectionPool(_url(server), timeout=(2.0, 2.0))
    status, headers, body = pool.request(
        "POST", "/automation/v4/flows", body=b'{"name": "x"}', headers={"Content-Type": "application/json"}
    )
    assert (status, body) == (201, b'{"name": "x"}')
    status, headers, _ = pool.request("GET", "/x")
    assert headers.get("x-hubspot-ratelimit-max") == "190"  # header names in any case


def test_a_connection_the_server_closed_is_not_reused(server: ThreadingHTTPServer) -> None:
    pool = ConnectionPool(_url(server), timeout=(2.0, 2.0))
    assert pool.request("GET", "/then-hang-up")[0] == 200
    time.sleep(0.1)  # the server's close reaches the idle connection
    status, _, body = pool.request("POST", "/crm/v3/properties/deals/batch/create", body=b"{}")
    assert (status, body) == (201, b"{}")  # a create is not lost to a stale connection
    assert server.connections == 2  # type: ignore[attr-defined]


def test_a_base_address_with_a_path_prefixes_every_request(server: ThreadingHTTPServer) -> None:
    pool = ConnectionPool(_url(server, "/portal/"), timeout=(2.0, 2.0))
    assert pool.request("GET", "/crm/v3/limits/pipelines")[2] == b"GET /portal/crm/v3/limits/pipelines"


def test_a_refused_connection_was_surely_not_sent() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pool = ConnectionPool(f"http://127.0.0.1:{port}", timeout=(2.0, 2.0))
    with pytest.raises(NoAnswer) as caught:
        pool.request("POST", "/crm-object-schemas/v3/schemas", body=b"{}")
    assert caught.value.sent is False


def test_the_read_timeout_is_the_read_timeout(server: ThreadingHTTPServer) -> None:
    patient = ConnectionPool(_url(server), timeout=(0.05, 2.0))
    assert patient.request("GET", "/slow")[0] == 200  # a 50 ms connect limit does not cut a slow answer
    hasty = ConnectionPool(_url(server), timeout=(2.0, 0.1))
    with pytest.raises(NoAnswer) as caught:
        hasty.request("GET", "/slow")
    assert caught.value.sent is True  # it may have arrived
    assert str(caught.value) == "timed out"


def test_tls_is_checked_at_connect(server: ThreadingHTTPServer) -> None:
    host, port = server.server_address[:2]
    pool = ConnectionPool(f"https://{host}:{port}", timeout=(2.0, 2.0))
    with pytest.raises(NoAnswer) as caught:  # a plain-HTTP server cannot do the TLS handshake
        pool.request("GET", "/x")
    assert caught.value.sent is False


def test_only_http_addresses() -> None:
    with pytest.raises(ValueError, match="not an http"):
        ConnectionPool("ftp://example.com", timeout=(1.0, 1.0))
