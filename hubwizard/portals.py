"""Choosing a portal: the embedded sandbox (default), HubSpot itself, or any base URL.

``sandbox`` uses a sandbox that ``hubwizard sandbox serve`` runs, if there is one, and
otherwise serves the local sandbox data (under the hubwizard home) in this process for as long
as the connection is open. ``hubspot`` and URLs take the token from ``HUBSPOT_ACCESS_TOKEN`` or
from a prompt; never from a command-line argument (shell history, process lists), and it is
never written anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hubwizard.errors import PortalError
from hubwizard.gateway import HUBSPOT_URL, Gateway

TOKEN_VARIABLE = "HUBSPOT_ACCESS_TOKEN"
SANDBOX_TOKEN = "sandbox-local-token"
"""The embedded sandbox accepts any bearer token; this one is not a secret."""


@dataclass
class Connection:
    """An open portal: its gateway, what to call it, and the sandbox it may own."""

    kind: str  # sandbox, hubspot, url
    url: str
    gateway: Gateway
    label: str
    sandbox: Any = None
    """A ``SandboxServer`` started by this connection (stopped on close), else None."""
    details: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """For journals and reports: never the token."""
        return {"kind": self.kind, "url": self.url, "label": self.label, **self.details}

    def close(self) -> None:
        self.gateway.close()
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_portal(
    name: str = "sandbox",
    *,
    token: str | None = None,
    ask_token: Callable[[], str] | None = None,
    sandbox_data: str | None = None,
    **gateway_options: Any,
) -> Connection:
    """Open ``sandbox``, ``hubspot`` or a base URL (``http(s)://…``)."""
    name = name.strip()
    if name == "sandbox":
        return _open_sandbox(sandbox_data, gateway_options)
    if name == "hubspot":
        url, kind, label = HUBSPOT_URL, "hubspot", "HubSpot"
    elif name.startswith(("http://", "https://")):
        url, kind, label = name.rstrip("/"), "url", name.rstrip("/")
    else:
        raise PortalError(
            f"unknown portal '{name}': use 'sandbox', 'hubspot' or a base URL such as http://127.0.0.1:8765"
        )
    secret = token or os.environ.get(TOKEN_VARIABLE) or (ask_token() if ask_token else "")
    if not secret:
        raise PortalError(
            f"no token for {label}: set {TOKEN_VARIABLE} (a private app token or service key)", status=401
        )
    return Connection(kind, url, Gateway(url, secret, **gateway_options), label)


def _open_sandbox(data: str | None, gateway_options: dict[str, Any]) -> Connection:
    from hubwizard.home import sandbox_db
    from hubwizard.sandbox import find_running_sandbox, start_sandbox

    running = find_running_sandbox() if data is None else None
    if running:
        return Connection(
            "sandbox", running, Gateway(running, SANDBOX_TOKEN, **gateway_options), f"sandbox at {running}"
        )
    path = data or str(sandbox_db())
    server = start_sandbox(data=path)
    label = "sandbox (in memory)" if path == ":memory:" else f"sandbox ({path})"
    return Connection(
        "sandbox",
        server.url,
        Gateway(server.url, SANDBOX_TOKEN, **gateway_options),
        label,
        sandbox=server,
        details={"data": path},
    )
