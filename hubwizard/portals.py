"""Choosing a portal: the embedded sandbox (default), HubSpot itself, or any base URL.

``sandbox`` uses a sandbox that ``hubwizard sandbox serve`` runs, if there is one, and
otherwise serves the local sandbox data (under the hubwizard home) in this process for as long
as the connection is open. ``hubspot`` and URLs take the token from ``HUBSPOT_ACCESS_TOKEN`` or
from a prompt; never from a command-line argument (shell history, process lists), and it is
never written anywhere.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hubwizard.errors import PortalError
from hubwizard.gateway import HUBSPOT_URL, Gateway
from hubwizard.i18n import _

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

    @property
    def title(self) -> str:
        """What to call the portal in a sentence, in the session's language ("sandbox at
        http://…", "bac à sable…"); ``label`` is the same in English, for journals."""
        if self.kind != "sandbox" and not self.details.get("sandbox"):
            return self.label
        data = self.details.get("data")
        if data == ":memory:":
            return _("sandbox (in memory)")
        if data:
            return _("sandbox ({path})").format(path=data)
        return _("sandbox at {url}").format(url=self.url)

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
    elif name.startswith(("http://", "https://")) and _is_address(name.rstrip("/")):
        url, kind, label = name.rstrip("/"), "url", name.rstrip("/")
    else:
        raise PortalError(
            _("unknown portal '{name}': use 'sandbox', 'hubspot' or a base URL such as {example}").format(
                name=name, example="http://127.0.0.1:8765"
            )
        )
    secret = (token or os.environ.get(TOKEN_VARIABLE) or (ask_token() if ask_token else "")).strip()
    if not secret:
        raise PortalError(
            _("no token for {portal}: set {variable} (a service key or private app token)").format(
                portal=label, variable=TOKEN_VARIABLE
            ),
            status=401,
        )
    if kind == "hubspot":
        check_token(secret)
    return Connection(kind, url, Gateway(url, secret, **gateway_options), label)


def _is_address(url: str) -> bool:
    from hubwizard.http_pool import address

    try:
        address(url)
    except ValueError:
        return False
    return True


# --- the token and the connection, checked before anything is read ------------------------

PRIVATE_APP_TOKEN = re.compile(
    r"pat-[a-z]{2,3}\d-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE
)
"""A private app token: ``pat-`` , the data-centre region (``na1``, ``eu1`` ...), a UUID."""
LEGACY_API_KEY = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
TOKEN_CHARACTERS = re.compile(r"[A-Za-z0-9\-_.~+/=:]+")
MIN_TOKEN_LENGTH = 20


class TokenProblem(PortalError):
    """The token cannot be right, as seen without asking HubSpot (status 401, nothing sent)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=401, category="TOKEN_FORMAT")


def check_token(token: str) -> None:
    """Raise :class:`TokenProblem` when ``token`` cannot be a HubSpot service key, private app
    token or OAuth token: checked before any network call, so a pasting mistake is named at once.
    Only what is certain is refused; any other well-formed token goes to HubSpot to judge."""
    if not token:
        raise TokenProblem(_("no token entered"))
    if token.lower().startswith("bearer "):
        raise TokenProblem(_("the token starts with the word 'Bearer'; paste the token alone"))
    if any(c.isspace() for c in token):
        raise TokenProblem(_("the token holds spaces or line breaks; paste it again, on its own"))
    if not TOKEN_CHARACTERS.fullmatch(token):
        raise TokenProblem(_("the token holds characters a HubSpot token never has; paste it again"))
    if token.lower().startswith("pat-") and not PRIVATE_APP_TOKEN.fullmatch(token):
        raise TokenProblem(
            _(
                "this looks like a private app token, but it is cut or altered (a whole one reads "
                "pat-na1- followed by 36 letters, digits and dashes); copy it again from HubSpot"
            )
        )
    if LEGACY_API_KEY.fullmatch(token):
        raise TokenProblem(
            _(
                "this looks like a legacy HubSpot API key, which HubSpot no longer accepts; create a "
                "service key (or use a private app token)"
            )
        )
    if len(token) < MIN_TOKEN_LENGTH:
        raise TokenProblem(_("the token is too short to be a HubSpot token; copy it again in full"))


PROBE_PATH = "/crm/v3/pipelines/deals"
"""The first thing the wizard reads; needs ``crm.schemas.deals.read`` (HubSpot's own check)."""
PROBE_TIMEOUT = 2.0


@dataclass(frozen=True)
class Diagnosis:
    """Why a portal cannot be used, in words for a sales manager."""

    cause: str  # "token", "scope", "network", "portal", "limit"
    what: str
    advice: str
    scopes: tuple[str, ...] = ()


def missing_scopes(error: PortalError) -> tuple[str, ...]:
    """The scopes a 403 names, wherever HubSpot put them this year: ``errors[].context``
    (``requiredGranularScopes`` or ``requiredScopes``), the top-level context, or the message."""
    found: list[str] = []
    contexts = [e.get("context") or {} for e in error.errors if isinstance(e, dict)]
    for context in contexts:
        for key in ("requiredGranularScopes", "requiredScopes"):
            found.extend(str(s) for s in context.get(key) or [])
    if not found:
        found = re.findall(
            r"'([a-z][a-z0-9._-]*(?:\.[a-z]+)+|automation|tickets|oauth)' scope", error.message
        )
    return tuple(dict.fromkeys(found))


def diagnose(exc: BaseException, *, label: str = "the portal") -> Diagnosis:
    """The cause of a failed connection or read: a wrong token, a missing scope (named), no
    network, or the portal's own answer, in the current language. ``label`` names the portal
    ("HubSpot", a URL); the default is "the portal" in the current language."""
    portal = _("the portal") if label == "the portal" else label
    words = {
        "portal": portal,
        "Portal": portal[:1].upper() + portal[1:],
        "message": getattr(exc, "message", exc),
    }
    if isinstance(exc, TokenProblem):
        return Diagnosis(
            "token",
            _("The token is not valid: {message}.").format(**words),
            _("Paste the token again, or use the sandbox."),
        )
    if not isinstance(exc, PortalError):
        return Diagnosis(
            "portal",
            _("Something went wrong with {portal}: {message}.").format(**words),
            _("Try again in a moment."),
        )
    if exc.status == 401:
        return Diagnosis(
            "token",
            _("{Portal} did not accept the token: it is wrong, revoked or for another portal.").format(
                **words
            ),
            _("Create or copy the service key (or private app token) of this portal again, and paste it."),
        )
    if exc.status == 403:
        scopes = missing_scopes(exc)
        if scopes:
            names = ", ".join(scopes)
            return Diagnosis(
                "scope",
                _(
                    "The token lacks the scope {scopes}, so {portal} refuses to let the wizard read or write there."
                ).format(scopes=names, **words),
                _(
                    "In HubSpot, add the scope {scopes} to the service key or private app, then try again."
                ).format(scopes=names),
                scopes,
            )
        return Diagnosis(
            "portal",
            _("{Portal} refused: {message}").format(**words),
            _("The portal's subscription may not include this; check it in HubSpot."),
        )
    if exc.status == 429:
        return Diagnosis("limit", _("{Portal} asks to slow down: {message}").format(**words), exc.advice)
    if exc.status == 0:
        return Diagnosis(
            "network",
            _("No answer from {portal}: {message}.").format(**words),
            _(
                "Check this computer's internet connection (or that the local portal is running), then try again."
            ),
        )
    return Diagnosis(
        "portal",
        _("{Portal} answered with an error: {message}").format(**words),
        exc.advice or _("Try again."),
    )


def probe(url: str, token: str, *, timeout: float = PROBE_TIMEOUT) -> None:
    """One quick read, without retries, before the real work: a wrong token, a missing scope
    or no network is named in about a second instead of after a minute of retries. Raises
    :class:`PortalError` (status 0 for the network) with HubSpot's own answer."""
    import urllib.error  # only the wizard's connection check: not on every command's start-up
    import urllib.request

    request = urllib.request.Request(
        url.rstrip("/") + PROBE_PATH + "?archived=false",
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            answer.read()
    except urllib.error.HTTPError as exc:
        body = exc.read()
        raise PortalError.from_response(
            exc.code, body, dict(exc.headers or {}), method="GET", path=PROBE_PATH
        ) from None
    except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PortalError(_network_words(reason), method="GET", path=PROBE_PATH) from None


def _network_words(reason: object) -> str:
    text = str(reason)
    if isinstance(reason, socket.gaierror) or "Name or service not known" in text or "nodename" in text:
        return _("the portal's address could not be found (no internet connection, or no DNS)")
    if isinstance(reason, ConnectionRefusedError) or "refused" in text.lower():
        return _("the connection was refused (nothing answers at that address)")
    if isinstance(reason, socket.timeout | TimeoutError) or "timed out" in text:
        return _("the portal did not answer in time (a slow or missing network)")
    return _("the network failed ({reason})").format(reason=text)


def check_connection(connection: Connection, token: str) -> None:
    """:func:`probe` this connection (a HubSpot or URL portal); the sandbox needs no check."""
    if connection.kind != "sandbox":
        probe(connection.url, token)


__all__ = [
    "Connection",
    "Diagnosis",
    "TokenProblem",
    "check_connection",
    "check_token",
    "diagnose",
    "missing_scopes",
    "open_portal",
    "probe",
]


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
