"""The translation catalogs: extract the messages from the code, find what lacks a translation,
compile the ``.mo`` files. A developer's tool (needs Babel), never imported by the wizard or the
command line at run time (they read the compiled ``.mo`` files through :mod:`hubwizard.i18n`).

    python -m hubwizard.catalogs missing fr     # messages French lacks, as .po entries to fill in
    python -m hubwizard.catalogs compile        # every .po → .mo (commit both)
    python -m hubwizard.catalogs check          # exit 1 on a missing translation or a stale .mo

Each area of the product keeps its own ``<area>.po`` per language (``wizard.po``, ``lint.po``,
``plan.po``, ...): one file per area keeps parallel work from colliding. A message needs a
translation in one of them; the same message translated twice must agree.
"""

from __future__ import annotations

import io
import re
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from hubwizard.i18n import LANGUAGES, LOCALE_DIR, SOURCE

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("hubwizard", "pages", "app.py")
"""Where messages are written (relative to the repository's root)."""
SKIPPED = ("sandbox", "catalogs.py", "i18n.py")
"""The sandbox speaks HubSpot's API language (English JSON), not the user's."""
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}

Key = tuple[str | None, str]
"""(context, message) — how a catalog tells two messages apart."""


@dataclass(frozen=True)
class Message:
    key: Key
    plural: str | None
    places: list[tuple[str, int]]


def source_files(root: Path = ROOT) -> Iterator[Path]:
    for name in SOURCES:
        path = root / name
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        for file in files:
            if not any(part in SKIPPED for part in file.relative_to(root).parts):
                yield file


def extract(root: Path = ROOT) -> dict[Key, Message]:
    """Every translatable message in the code, with where it is written."""
    found: dict[Key, Message] = {}
    for file in source_files(root):
        for line, text, _comments, context in extract_from_file(
            "python", str(file), keywords=KEYWORDS, strip_comment_tags=True
        ):
            singular, plural = (text[0], text[1]) if isinstance(text, tuple) else (text, None)
            if not singular:
                continue
            key = (context, singular)
            place = (str(file.relative_to(root)), line)
            if key in found:
                found[key].places.append(place)
            else:
                found[key] = Message(key, plural, [place])
    return found


def po_files(lang: str) -> list[Path]:
    return sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po"))


def read(path: Path, lang: str) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=lang, domain=path.stem)


def _translations(lang: str) -> Iterator[tuple[Path, Key, tuple[str, ...]]]:
    """(area file, message, its translated forms) for every fully translated, non-fuzzy entry."""
    for path in po_files(lang):
        for entry in read(path, lang):
            if not entry.id or entry.fuzzy:
                continue
            singular = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
            forms = tuple(entry.string) if isinstance(entry.string, tuple | list) else (entry.string,)
            if all(forms):
                yield path, (entry.context, singular), forms


def translated(lang: str) -> dict[Key, tuple[str, ...]]:
    """Every translated message of ``lang`` over all its area files (fuzzy ones do not count)."""
    return {key: forms for _path, key, forms in _translations(lang)}


def disagreements(lang: str) -> list[str]:
    """The same message translated differently in two area files: which one the user sees would
    depend on the files' order, so both must say the same."""
    seen: dict[Key, tuple[tuple[str, ...], str]] = {}
    found = []
    for path, key, forms in _translations(lang):
        if key in seen and seen[key][0] != forms:
            found.append(
                f"{path.name}: {lang} {key[1]!r} is {forms[0]!r} here but {seen[key][0][0]!r} in {seen[key][1]}"
            )
        seen.setdefault(key, (forms, path.name))
    return found


PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
GIVEAWAY_WORDS = 3
"""A run of this many English words of a message, shown in another language, gives it away."""
_PUNCTUATION = " .,:;()*“”«»'\"-—"


def english_giveaways(lang: str, messages: dict[Key, Message] | None = None) -> tuple[set[str], list[str]]:
    """What betrays English on a ``lang`` screen: every message of three words or more whose
    ``lang`` translation differs from the English, whole (messages without placeholders) and as
    its runs of three words or more between placeholders (a message with its values filled in),
    longest first. For tests: scan the shown texts for them."""
    from hubwizard.i18n import translations

    catalog = translations(lang)
    messages = extract() if messages is None else messages
    whole: set[str] = set()
    pieces: set[str] = set()
    for (context, english), message in messages.items():
        forms = [english] + ([message.plural] if message.plural else [])
        for n, form in enumerate(forms, start=1):
            if message.plural:
                shown = (
                    catalog.npgettext(context, english, message.plural, n)
                    if context
                    else catalog.ngettext(english, message.plural, n)
                )
            else:
                shown = catalog.pgettext(context, english) if context else catalog.gettext(english)
            if shown == form or len(form.split()) < GIVEAWAY_WORDS:
                continue
            if not PLACEHOLDER.search(form):
                whole.add(form.strip(_PUNCTUATION))
            for piece in PLACEHOLDER.split(form):
                piece = piece.strip(_PUNCTUATION)
                if len(piece.split()) >= GIVEAWAY_WORDS:
                    pieces.add(piece)
    return whole, sorted(pieces, key=len, reverse=True)


def english_in(texts: list[str], lang: str) -> list[str]:
    """The texts (or the part of each) that are an English message untranslated into ``lang``."""
    whole, pieces = _giveaways(lang)
    found = []
    for text in texts:
        bare = re.sub(r"^#+\s*", "", text).strip(_PUNCTUATION)
        if bare in whole:
            found.append(text)
            continue
        found += [f"{piece!r} in {text[:160]!r}" for piece in pieces if piece in text]
    return found


_cache: dict[str, tuple[set[str], list[str]]] = {}


def _giveaways(lang: str) -> tuple[set[str], list[str]]:
    if lang not in _cache:
        _cache[lang] = english_giveaways(lang)
    return _cache[lang]


def placeholders(text: str) -> set[str]:
    try:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return set()


def problems(lang: str, messages: dict[Key, Message] | None = None) -> list[str]:
    """What keeps ``lang`` from speaking every message: missing translations, and translations
    whose ``{placeholders}`` differ from the English (a crash or a lost number at run time)."""
    messages = extract() if messages is None else messages
    done = translated(lang)
    found = disagreements(lang)
    for key, message in sorted(messages.items(), key=lambda item: item[1].places[0]):
        file, line = message.places[0]
        where = f"{file}:{line}"
        forms = done.get(key)
        if forms is None:
            found.append(f"{where}: no {lang} translation for {key[1]!r}")
            continue
        expected = placeholders(key[1]) | placeholders(message.plural or "")
        for form in forms:
            if placeholders(form) - expected or (placeholders(key[1]) - placeholders(form)):
                if message.plural and len(forms) == 1:
                    continue  # one form for every count (Chinese) may drop nothing but {count}
                found.append(f"{where}: {lang} translation {form!r} has other placeholders than {key[1]!r}")
    return found


def missing_entries(lang: str) -> str:
    """The untranslated messages as ``.po`` entries, ready to be filled in and pasted."""
    done = translated(lang)
    out = io.StringIO()
    for key, message in extract().items():
        if key in done:
            continue
        file, line = message.places[0]
        out.write(f"#: {file}:{line}\n")
        if key[0]:
            out.write(f"msgctxt {_quoted(key[0])}\n")
        out.write(f"msgid {_quoted(key[1])}\n")
        if message.plural:
            out.write(f"msgid_plural {_quoted(message.plural)}\n")
            forms = 1 if lang == "zh" else 2
            for index in range(forms):
                out.write(f'msgstr[{index}] ""\n')
        else:
            out.write('msgstr ""\n')
        out.write("\n")
    return out.getvalue()


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
"""Stamped into every ``.mo`` instead of "now", so compiling twice gives the same bytes."""


def compiled(path: Path, lang: str) -> bytes:
    catalog = read(path, lang)
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def stale(lang: str) -> list[Path]:
    """The ``.mo`` files that are missing or do not match their ``.po``."""
    out = []
    for path in po_files(lang):
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(path, lang):
            out.append(mo)
    return out


def compile_all() -> list[Path]:
    written = []
    for lang in LANGUAGES:
        if lang == SOURCE:
            continue
        for mo in stale(lang):
            mo.write_bytes(compiled(mo.with_suffix(".po"), lang))
            written.append(mo)
    return written


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    targets = [lang for lang in LANGUAGES if lang != SOURCE]
    if command == "missing":
        lang = argv[1] if len(argv) > 1 else "fr"
        sys.stdout.write(missing_entries(lang))
        return 0
    if command == "compile":
        for path in compile_all():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    if command == "check":
        messages = extract()
        found = [p for lang in targets for p in problems(lang, messages)]
        found += [f"{path.relative_to(ROOT)} is stale: run `python -m hubwizard.catalogs compile`"
                  for lang in targets for path in stale(lang)]  # fmt: skip
        for problem in found:
            print(problem)
        print(f"{len(messages)} messages, {len(found)} problems")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
