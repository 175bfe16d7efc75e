"""Messages in the user's language: English, French and Chinese.

Every sentence the wizard or the command line shows is written in English in the code, wrapped
in ``_()`` (or ``ngettext`` for counts, ``pgettext`` when one English word has two meanings),
and looked up in gettext catalogs at the moment it is shown::

    from hubwizard.i18n import _, ngettext

    _("Set the win probability to {low}% or {high}%").format(low=30, high=40)
    ngettext("{count} deal", "{count} deals", n).format(count=n)

Placeholders are named (``{count}``), never positional, so a translation may reorder them.
Text that is built at import time (a table of type names, a rule's title) is marked with
``N_()`` and translated with ``_()`` where it is shown.

Why a context variable and not ``gettext.install``: one Streamlit process serves every browser
session, so a process-wide language would switch it for everyone. The wizard sets the session's
language at the start of each run (:func:`set_language`); the command line sets it once from
``--lang`` or ``HUBWIZARD_LANG`` (:func:`set_default`). Threads started by a pool do not inherit
a context variable: wrap their work in :func:`carry` so they speak the caller's language.

The catalogs live in ``hubwizard/locale/<lang>/LC_MESSAGES/<area>.po`` (one file per area of the
product, so parallel work does not collide) with the compiled ``.mo`` beside each; every ``.mo``
of a language is loaded and chained. Only the standard library is used at run time; Babel is
needed to extract and compile (``python tools/catalogs.py``), and a test fails when a message
lacks a translation or a ``.mo`` is older than its ``.po``.
"""

from __future__ import annotations

import contextvars
import functools
import gettext
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français", "zh": "中文"}
"""The languages the product speaks, each named in its own language (for the picker)."""

SOURCE = "en"
"""The language the messages are written in: it needs no catalog."""

LOCALE_DIR = Path(__file__).parent / "locale"

ENVIRONMENT_VARIABLES = ("HUBWIZARD_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the command line looks for a language, first match wins (gettext's own order, after
ours). ``C`` and ``POSIX`` mean "no preference"."""

_default = SOURCE
_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("hubwizard_language", default=None)

P = ParamSpec("P")
R = TypeVar("R")


def resolve(tag: str | None) -> str | None:
    """The supported language a locale tag asks for, or ``None``.

    Accepts what browsers and environments send: ``fr``, ``fr-FR``, ``fr_CA.UTF-8``,
    ``zh-Hans-CN``, ``zh_TW``, and ``LANGUAGE``'s colon lists (``de:fr:en``, first supported wins).
    """
    if not tag:
        return None
    for part in tag.split(":"):
        base = part.strip().split(".")[0].split("@")[0].replace("_", "-").split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return None


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The command line's language: ``HUBWIZARD_LANG``, then the usual locale variables."""
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT_VARIABLES:
        value = environ.get(name, "")
        if not value or value in ("C", "POSIX") or value.startswith(("C.", "POSIX.")):
            continue
        language = resolve(value)
        if language:
            return language
        if name == "HUBWIZARD_LANG":
            supported = ", ".join(LANGUAGES)
            raise ValueError(f"HUBWIZARD_LANG={value!r} is not a supported language (one of {supported})")
    return SOURCE


def language() -> str:
    """The language of the current session (wizard) or process (command line)."""
    return _current.get() or _default


def set_default(lang: str) -> None:
    """The process's language, for the command line (one user per process)."""
    global _default  # noqa: PLW0603 - one process, one user: the command line's choice
    _default = _checked(lang)


def set_language(lang: str) -> contextvars.Token[str | None]:
    """This session's language, for the wizard's current run (see the module's docstring)."""
    return _current.set(_checked(lang))


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Speak ``lang`` inside the block: tests, and a report rendered in another language."""
    token = set_language(lang)
    try:
        yield
    finally:
        _current.reset(token)


def carry(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` bound to the caller's language, to run in a pool's thread."""
    lang = language()

    @functools.wraps(function)
    def in_language(*args: P.args, **kwargs: P.kwargs) -> R:
        with using(lang):
            return function(*args, **kwargs)

    return in_language


def _checked(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"{lang!r} is not a supported language (one of {', '.join(LANGUAGES)})")
    return lang


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """Every catalog of ``lang`` chained into one (English: the messages as written)."""
    if lang == SOURCE:
        return gettext.NullTranslations()
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    chain: gettext.NullTranslations | None = None
    for path in sorted(folder.glob("*.mo")):
        with path.open("rb") as stream:
            catalog = gettext.GNUTranslations(stream)
        if chain is None:
            chain = catalog
        else:
            chain.add_fallback(catalog)
    return chain or gettext.NullTranslations()


def _(message: str) -> str:
    """``message`` in the current language (the English text when it has no translation)."""
    if not message:
        return message
    lang = language()
    if lang == SOURCE:
        return message
    return translations(lang).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, by the current language's plural rule."""
    lang = language()
    if lang == SOURCE:
        return singular if count == 1 else plural
    return translations(lang).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` where the same English word needs different translations (``context``)."""
    lang = language()
    if lang == SOURCE:
        return message
    return translations(lang).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "mark, translate later"
    """Marks ``message`` for the catalogs without translating it yet (import-time text)."""
    return message
