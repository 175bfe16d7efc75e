"""Bad input over raw HTTP: always a HubSpot-shaped JSON error, never a crash or a hung connection."""

from __future__ import annotations

import http.client
import json
import socket
from typing import Any

import pytest

AUTH = {"Authorization": "Bearer pat-test"}
JSON = {**AUTH, "Content-Type": "application/json"}


def connect(sb, timeout: float = 5) -> http.client.HTTPConnection:
    host, port = sb.url.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=timeout)


def send(
    conn, method: str, path: str, body: Any = None, headers: dict | None = None
) -> tuple[int, dict, Any]:
    if isinstance(body, dict | list):
        body = json.dumps(body).encode()
    conn.request(method, path, body=body, headers=headers or {})
    answer = conn.getresponse()
    raw = answer.read()
    return answer.status, dict(answer.getheaders()), json.loads(raw) if raw else None


def assert_hubspot_error(body: dict) -> None:
    assert body["status"] == "error"
    assert body["message"] and body["correlationId"] and body["category"]


def still_serving(conn) -> None:
    status, _, body = send(conn, "GET", "/crm/v3/pipelines/deals", headers=AUTH)
    assert status == 200 and body["results"][0]["id"] == "default"


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        (b'{"name": "x",', "line 1"),
        (b"{'name': 'x'}", "Invalid input JSON"),
        (b"\xff\xfe not utf-8", "UTF-8"),
        (b"[" * 100_000, "Invalid input JSON"),
    ],
)
def test_malformed_json_is_400_and_the_connection_lives(sb, raw, needle):
    conn = connect(sb)
    status, headers, body = send(conn, "POST", "/crm/v3/properties/deals", raw, JSON)
    assert status == 400
    assert headers["Content-Type"].startswith("application/json")
    assert_hubspot_error(body)
    assert body["category"] == "VALIDATION_ERROR" and needle in body["message"]
    still_serving(conn)
    conn.close()


def test_json_that_is_not_an_object_is_400(sb):
    conn = connect(sb)
    status, _, body = send(conn, "POST", "/crm/v3/pipelines/deals", [1, 2], JSON)
    assert status == 400 and "JSON object" in body["message"]
    status, _, body = send(conn, "POST", "/crm/v3/pipelines/deals", b"", JSON)
    assert status == 400 and "body is required" in body["message"]
    still_serving(conn)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_is_415(sb, content_type):
    conn = connect(sb)
    headers = dict(AUTH)
    if content_type:
        headers["Content-Type"] = content_type
    status, _, body = send(conn, "POST", "/crm/v3/properties/deals", b'{"name": "x"}', headers)
    assert status == 415
    assert_hubspot_error(body)
    still_serving(conn)


def test_ten_megabyte_body_is_413_and_the_server_keeps_serving(sb):
    conn = connect(sb, timeout=30)
    big = b'{"name": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    status, _, body = send(conn, "POST", "/crm/v3/properties/deals", big, JSON)
    assert status == 413
    assert_hubspot_error(body)
    still_serving(conn)
    conn.close()
    still_serving(connect(sb))


def test_huge_declared_length_is_413_and_closes(sb):
    with socket.create_connection(_address(sb), timeout=5) as raw:
        raw.sendall(
            b"POST /crm/v3/properties/deals HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
            b"Content-Type: application/json\r\nContent-Length: 999999999999\r\n\r\n{"
        )
        reply = _read_all(raw)
    assert reply.startswith(b"HTTP/1.1 413 ")
    assert b"Connection: close" in reply
    still_serving(connect(sb))


def test_unknown_paths_are_404(sb):
    conn = connect(sb)
    for path in ("/crm/v3/nothing-here", "/", "/crm/v3/pipelines/deals/default/stages/x/y", "/_sandbox/nope"):
        status, _, body = send(conn, "GET", path, headers=AUTH)
        assert status == 404, path
        assert_hubspot_error(body)
        assert body["category"] == "OBJECT_NOT_FOUND"
    still_serving(conn)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", "/crm/v3/pipelines/deals"),
        ("PUT", "/crm/v3/properties/deals"),
        ("GET", "/crm/v3/objects/deals/search"),
        ("FOO", "/crm/v3/pipelines/deals"),
        ("OPTIONS", "/crm/v3/owners"),
    ],
)
def test_unsupported_methods_are_405(sb, method, path):
    conn = connect(sb)
    status, headers, body = send(conn, method, path, headers=AUTH)
    assert status == 405
    assert_hubspot_error(body)
    assert headers["Allow"]
    still_serving(conn)


def test_head_gets_headers_without_a_body(sb):
    conn = connect(sb)
    conn.request("HEAD", "/crm/v3/pipelines/deals", headers=AUTH)
    answer = conn.getresponse()
    assert answer.status == 405 and answer.read() == b""
    still_serving(conn)


def test_bad_content_length_and_request_lines(sb):
    for request in (
        b"POST /crm/v3/properties/deals HTTP/1.1\r\nHost: x\r\nContent-Length: twelve\r\n\r\n",
        b"NONSENSE\r\n\r\n",
        b"GET /crm/v3/owners HTTP/9.9\r\n\r\n",
        b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n",
    ):
        with socket.create_connection(_address(sb), timeout=5) as raw:
            raw.sendall(request)
            reply = _read_all(raw)
        status_line, _, rest = reply.partition(b"\r\n")
        assert status_line.split()[1][:1] in (b"4", b"5"), status_line
        body = json.loads(rest.partition(b"\r\n\r\n")[2])
        assert_hubspot_error(body)
    still_serving(connect(sb))


def test_chunked_bodies_are_read(sb):
    conn = connect(sb)
    body = json.dumps(
        {
            "name": "chunky",
            "label": "Chunky",
            "type": "string",
            "fieldType": "text",
            "groupName": "dealinformation",
        }
    ).encode()
    conn.putrequest("POST", "/crm/v3/properties/deals")
    for key, value in {**JSON, "Transfer-Encoding": "chunked"}.items():
        conn.putheader(key, value)
    conn.endheaders()
    for piece in (body[:10], body[10:]):
        conn.send(b"%x\r\n%s\r\n" % (len(piece), piece))
    conn.send(b"0\r\n\r\n")
    answer = conn.getresponse()
    assert answer.status == 201 and json.loads(answer.read())["name"] == "chunky"
    still_serving(conn)


def test_client_that_hangs_up_mid_body_does_not_hurt(sb):
    with socket.create_connection(_address(sb), timeout=5) as raw:
        raw.sendall(
            b"POST /crm/v3/properties/deals HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
            b'Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{"na'
        )
    still_serving(connect(sb))
    assert sb.stats()["byStatus"].get("500") is None


def test_bad_query_parameters_are_400(sb):
    conn = connect(sb)
    status, _, body = send(conn, "GET", "/crm/v3/properties/deals?archived=maybe", headers=AUTH)
    assert status == 400 and "archived" in body["message"]
    status, _, body = send(conn, "GET", "/automation/v4/flows?limit=0", headers=AUTH)
    assert status == 400
    status, _, body = send(conn, "GET", "/crm/v3/owners?after=abc", headers=AUTH)
    assert status == 400


def _address(sb) -> tuple[str, int]:
    host, port = sb.url.removeprefix("http://").split(":")
    return host, int(port)


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)
