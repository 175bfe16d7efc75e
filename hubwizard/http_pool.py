"""Keep-alive HTTP/1.1 connections to one portal, on the standard library's ``http.client``.

The gateway's own calls (every read, workflows, limits, search) travel here; the SDK's API
objects keep their urllib3 transport for the writes they make. Why two: a command's first
reads leave before the config format is even imported (``hubwizard.readahead``), so whatever
they need to travel is start-up time on the command's critical path, and importing urllib3
costs about 20 ms more than ``http.client`` (which urllib3 imports anyway). The SDK, and with
it urllib3, is imported later, while the re-check's reads are in flight.

What this keeps of urllib3's behaviour, because the gateway's retry rules rely on it:

- one connection per concurrent caller, kept open and reused while the server allows;
- a pooled connection the server has closed meanwhile is noticed before it is reused (its
  socket reads as ready: the end of the stream), so an idle gap never costs a failed call;
- separate connect and read timeouts;
- TLS with the system's certificates and the host name checked (``ssl.create_default_context``);
- a failure says whether the request surely never left (the connection could not be made:
  safe to send again whatever it was) or may have arrived (anything later), as ``NoAnswer.sent``.

Like the SDK's urllib3 pool it does not read proxy settings from the environment.
"""

from __future__ import annotations

import http.client
import select
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit


class NoAnswer(Exception):
    """A request that got no HTTP answer. ``sent`` is False when it surely never left."""

    def __init__(self, message: str, *, sent: bool) -> None:
        super().__init__(message)
        self.sent = sent


def address(base_url: str) -> tuple[bool, str, int, str]:
    """(TLS or not, host, port, path prefix) of an ``http(s)://`` base address; ValueError when
    it is not one (no host, a port that is not a number, a broken IPv6 literal)."""
    parts = urlsplit(base_url)
    secure = parts.scheme == "https"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) address: {base_url!r}")
    port = parts.port  # ValueError when it is not a number from 0 to 65535
    return secure, parts.hostname, port or (443 if secure else 80), parts.path.rstrip("/")


class ConnectionPool:
    """Connections to the host of ``base_url``, at most ``keep`` of them kept open when idle."""

    def __init__(self, base_url: str, *, timeout: tuple[float, float], keep: int = 16) -> None:
        self.secure, self.host, self.port, self.prefix = address(base_url)
        self.timeout = timeout
        self.keep = keep
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._tls: Any = None

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[int, Mapping[str, str], bytes]:
        """Send one request (``path`` below the base address, query string included) and read
        its whole answer: status, headers (names in any case), body."""
        connection = self._take() or self._connect()
        try:
            connection.request(method, self.prefix + path, body=body, headers=dict(headers or {}))
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            raise NoAnswer(_reason(exc), sent=True) from None
        if response.will_close:
            connection.close()
        else:
            self._give(connection)
        return response.status, response.headers, data

    def close(self) -> None:
        """Close the idle connections (one in use is closed by its caller's next error, or
        kept: a pool is not shared between portals)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()

    def _connect(self) -> http.client.HTTPConnection:
        connect, read = self.timeout
        connection: http.client.HTTPConnection
        if self.secure:
            connection = http.client.HTTPSConnection(
                self.host, self.port, timeout=connect, context=self._tls_context()
            )
        else:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=connect)
        try:
            connection.connect()
        except OSError as exc:  # refused, unreachable, unknown host, TLS refused: nothing left
            connection.close()
            raise NoAnswer(_reason(exc), sent=False) from None
        if connection.sock is not None:
            connection.sock.settimeout(read)
        return connection

    def _tls_context(self) -> Any:
        if self._tls is None:
            import ssl

            self._tls = ssl.create_default_context()
        return self._tls

    def _take(self) -> http.client.HTTPConnection | None:
        while True:
            with self._lock:
                if not self._idle:
                    return None
                connection = self._idle.pop()
            if _still_open(connection):
                return connection
            connection.close()

    def _give(self, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            if len(self._idle) < self.keep:
                self._idle.append(connection)
                return
        connection.close()


def _still_open(connection: http.client.HTTPConnection) -> bool:
    """An idle keep-alive connection has nothing to read; a socket that reads as ready was
    closed by the server (or holds garbage): either way it must not carry a request."""
    sock = connection.sock
    if sock is None:
        return False
    try:
        ready, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return False
    return not ready


def _reason(exc: BaseException) -> str:
    """A short, token-free description of a transport failure."""
    if isinstance(exc, TimeoutError):
        return "timed out"
    return type(exc).__name__
