"""Saved setups: every setup the wizard edits is kept on disk, so nothing typed is ever lost.

Each setup has a short id (the ``?setup=`` of the wizard's url) and a folder under the hubwizard
home (``HUBWIZARD_HOME``, see :mod:`hubwizard.home`): ``setups/<id>/config.json`` holds the config
as pydantic writes it (fast to write on every change, exact to read back) and ``meta.json`` what
the Start page lists (name, where it came from, when it was saved, what it holds). Both are
written to a temporary file first and then renamed, so a crash never leaves half a file.

Only the config is stored: a HubSpot token lives in the wizard session's memory and the
config has no place for one.

:func:`fingerprint` names a config's content: the wizard compares it to decide whether
findings and a plan still belong to the setup on screen.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from hubwizard.config import Config
from hubwizard.home import home
from hubwizard.i18n import _, ngettext

ID_PATTERN = re.compile(r"^[a-z0-9]{12}$")
CONFIG_FILE = "config.json"
META_FILE = "meta.json"


class SetupError(ValueError):
    """A saved setup that cannot be read; the message says which and why, in plain words."""


@dataclass(frozen=True)
class SetupInfo:
    """What the Start page shows about a saved setup."""

    id: str
    name: str
    source: str
    saved_at: float
    contents: str


@dataclass(frozen=True)
class Stamp:
    """When and how big ``config.json`` was last written: another tab's save changes it."""

    mtime_ns: int
    size: int


@dataclass(frozen=True)
class Stored:
    info: SetupInfo
    config: Config
    data: bytes
    stamp: Stamp


def serialize(config: Config) -> bytes:
    """The config as stored and fingerprinted (pydantic's JSON: a few ms for 5,000 properties)."""
    return config.model_dump_json().encode()


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint_of(config: Config) -> str:
    """A name for the config's content: equal content, equal fingerprint."""
    return fingerprint(serialize(config))


def new_id() -> str:
    return secrets.token_hex(6)


def valid_id(setup_id: object) -> bool:
    return isinstance(setup_id, str) and bool(ID_PATTERN.match(setup_id))


def folder() -> Path:
    path = home() / "setups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _dir(setup_id: str) -> Path:
    if not valid_id(setup_id):
        raise SetupError(_("“{id}” is not a setup id").format(id=setup_id))
    return folder() / setup_id


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def save(setup_id: str, data: bytes, *, name: str, source: str, contents: str) -> Stamp:
    """Write the setup ``data`` (from :func:`serialize`) and its listing; returns the new stamp."""
    target = _dir(setup_id)
    target.mkdir(parents=True, exist_ok=True)
    _write(target / CONFIG_FILE, data)
    meta = {"id": setup_id, "name": name, "source": source, "saved_at": time.time(), "contents": contents}
    _write(target / META_FILE, json.dumps(meta, ensure_ascii=False).encode())
    return stamp(setup_id) or Stamp(0, len(data))


def stamp(setup_id: str) -> Stamp | None:
    """The stamp of the stored config, or None when there is none (a cheap ``stat``)."""
    try:
        status = (_dir(setup_id) / CONFIG_FILE).stat()
    except (OSError, SetupError):
        return None
    return Stamp(status.st_mtime_ns, status.st_size)


def _info(setup_id: str) -> SetupInfo:
    try:
        meta = json.loads((_dir(setup_id) / META_FILE).read_text(encoding="utf-8"))
        return SetupInfo(
            setup_id,
            str(meta["name"]),
            str(meta.get("source", "")),
            float(meta["saved_at"]),
            str(meta.get("contents", "")),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SetupError(
            _("the listing of saved setup {id} cannot be read ({error})").format(id=setup_id, error=exc)
        ) from None


def exists(setup_id: str) -> bool:
    return valid_id(setup_id) and (folder() / setup_id / CONFIG_FILE).exists()


def load(setup_id: str) -> Stored:
    """The saved setup ``setup_id``; SetupError when it is missing or damaged."""
    path = _dir(setup_id) / CONFIG_FILE
    try:
        before = stamp(setup_id)
        data = path.read_bytes()
    except OSError:
        raise SetupError(_("there is no saved setup {id}").format(id=setup_id)) from None
    try:
        config = Config.model_validate_json(data)
    except ValidationError as exc:
        raise SetupError(
            ngettext(
                "saved setup {id} is damaged ({count} problem)",
                "saved setup {id} is damaged ({count} problems)",
                exc.error_count(),
            ).format(id=setup_id, count=exc.error_count())
        ) from None
    try:
        info = _info(setup_id)
    except SetupError:
        info = SetupInfo(setup_id, config.name, "", path.stat().st_mtime, "")
    return Stored(info, config, data, before or Stamp(0, len(data)))


def recent(limit: int = 8) -> list[SetupInfo]:
    """The most recently saved setups, newest first (unreadable listings are left out)."""
    infos = []
    for path in folder().iterdir():
        if not valid_id(path.name) or not (path / CONFIG_FILE).exists():
            continue
        try:
            infos.append(_info(path.name))
        except SetupError:
            continue
    infos.sort(key=lambda i: i.saved_at, reverse=True)
    return infos[:limit]
