"""The fast path for reading YAML: rapidyaml (C++) parses, and its JSON goes through ``json``.

PyYAML, even with its C loader, spends most of a large file's time building Python objects one
node at a time (0.3 to 0.6 s for the 5,000-property setup). rapidyaml parses the same file in
about 20 ms and writes it out as JSON, which Python's C ``json`` module reads in about 10 ms.

The fast path must give exactly what the careful PyYAML path (``configfile``) gives, so it steps
aside, returning ``None``, whenever a file holds something where the two could differ:

- anchors, aliases, tags, merge keys, directives or several documents (the careful path checks
  alias expansion and tags);
- plain scalars rapidyaml types differently from our YAML 1.2 core schema: ``~``, ``Null``,
  ``True``, ``FALSE``, ``.inf``, ``nan``, ``infinity`` (rapidyaml writes it ``.inf``), ``0x1F``, ``0o17``, ``01``, ``+1``, ``0e0`` ...;
- anything rapidyaml or ``json`` refuses (the careful path then words the error), a duplicate
  key (likewise, with its place), more values than the cap, or nesting past the cap.

Line and column are worked out only when a problem must be reported (:class:`Locator`): from
where rapidyaml's scalars sit in the parsed buffer, with the same positions PyYAML's marks give;
when it cannot tell exactly (an empty value, a block scalar, unusual line breaks), it says so and
the caller composes the file with PyYAML instead.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import sys
import threading
from collections.abc import Iterator
from typing import Any

try:
    import ryml
except ImportError:  # pragma: no cover - rapidyaml is a dependency; the careful path still works
    ryml = None

PathTuple = tuple[str | int, ...]

_BOUNDARY_BEFORE = frozenset(" \t\n[{,:-")
_TOKEN_END = re.compile(r"[ \t]*(?:$|[,\]}:#\n])")
_KEY_END = re.compile(r"[ \t]*:(?:[ \t\n]|$)")
_WORDS = (
    *("True", "TRUE", "False", "FALSE", "Null", "NULL", "~"),
    *("nan", "NaN", "NAN", "inf", "Inf", "INF", "infinity", "Infinity", "INFINITY"),
)
"""Plain scalars our YAML 1.2 reading types (or spells) differently from rapidyaml."""
_KEY_WORDS = ("true", "false", "null")
"""Same spelling, but as a key ours becomes 'True', 'False', 'None' (as PyYAML's path does)."""
_LEADING_ZERO = re.compile(r"0(?<![^\s\[{,:\-+]0)[0-9xXoObBeE]")
"""01, 0x1F, 0o17, 0e0: numbers to us, text to rapidyaml (checked to start a token)."""
_PLUS = re.compile(r"\+[0-9.]")
_NUMBER_KEY = re.compile(r":(?<=[0-9.]:)(?=[ \t\n]|$)")
"""A key ending with a digit or a dot (``10:``, ``1.5:``): ours resolves numeric keys first."""
_DOCUMENT = re.compile(r"^(?:%|---(?:\s|$)|\.\.\.(?:\s|$))", re.MULTILINE)
_MERGE = re.compile(r"<<[ \t]*:")


def _token_at(text: str, start: int, end: int | None = None, *, key: bool = False) -> bool:
    """``text[start:end]`` is a whole plain token (optionally signed or dotted), a key with
    ``key``; with ``end`` None only the token's start is checked."""
    while start > 0 and text[start - 1] in "-+.":
        start -= 1
    if start > 0 and text[start - 1] not in _BOUNDARY_BEFORE:
        return False
    if end is None:
        return True
    if key:
        return _KEY_END.match(text, end) is not None
    return _TOKEN_END.match(text, end) is not None


def _hits(text: str, word: str) -> Iterator[int]:
    start = text.find(word)
    while start != -1:
        yield start
        start = text.find(word, start + 1)


def _starts_token(text: str, index: int) -> bool:
    return index == 0 or text[index - 1] in _BOUNDARY_BEFORE


def _flow_line(text: str, index: int) -> bool:
    """A ``[`` or ``{`` opens before ``index`` on its line: a flow collection, where PyYAML
    is stricter than rapidyaml about ``:`` and ``,`` inside plain scalars."""
    line_start = text.rfind("\n", 0, index) + 1
    segment = text[line_start:index]
    return "[" in segment or "{" in segment


_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters PyYAML's reader refuses (control characters, lone surrogates, U+FFFE and U+FFFF):
the complement of YAML's printable set, written out (the same set as a negated class of the
printable ranges takes 3 ms to compile, on the start-up of every command that reads a file)."""
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def _unprintable(text: str) -> bool:
    """A character PyYAML's reader refuses; for ASCII text by deleting every allowed byte (C
    speed, about ten times the regex)."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _PRINTABLE_ASCII))
    return _NOT_PRINTABLE.search(text) is not None


_IN_TOKEN = re.compile(r"[:,][^\s]")
_BARE_COLON = re.compile(r":(?<=[ \n\-?{,]:)(?=[ \n]|$)")
_AFTER_CLOSER = re.compile(r"[}\]][ ]+[^\s,\]}#]")


def needs_careful_path(text: str) -> bool:
    """True when the text holds something the fast path could read differently from the careful
    one (see the module docstring): cheap substring scans first, a closer look only on a hit.

    Besides the scalars and features typed or checked differently, rapidyaml accepts some text
    PyYAML refuses (a token starting with a backtick, ``@``, ``%``, ``?`` or a closing bracket,
    tabs, ``:`` or ``,`` glued inside a flow collection's scalar); those go to the careful path
    too, so its error, with its place, is the one the user reads."""
    if any(c in text for c in "\r\x85\u2028\u2029\t`") or _unprintable(text):
        return True
    for char in "&*!@%?]}":
        if char in text and any(_starts_token(text, i) for i in _hits(text, char)):
            return True
    if any(_starts_token(text, m.start()) for m in _BARE_COLON.finditer(text)):
        return True  # an empty key ("- : x")
    if ("]" in text or "}" in text) and _AFTER_CLOSER.search(text):
        return True
    if "<<" in text and _MERGE.search(text):
        return True
    if ("---" in text or "..." in text) and _DOCUMENT.search(text):
        return True
    if ("[" in text or "{" in text) and any(_flow_line(text, m.start()) for m in _IN_TOKEN.finditer(text)):
        return True
    lower = text.lower()  # one pass for every spelling: "true", "True", "TRUE" ...
    for folded in ("true", "false", "null", "nan", "inf", "infinity", "~"):
        if folded not in lower:
            continue
        for word in (w for w in _WORDS if w.lower() == folded):
            if word in text and any(_token_at(text, i, i + len(word)) for i in _hits(text, word)):
                return True
        for word in (w for w in _KEY_WORDS if w == folded):
            if word in text and any(_token_at(text, i, i + len(word), key=True) for i in _hits(text, word)):
                return True
    for pattern in (_LEADING_ZERO, _PLUS):
        if any(_token_at(text, m.start()) for m in pattern.finditer(text)):
            return True
    for m in _NUMBER_KEY.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        key = text[line_start : m.start()].lstrip(" \t-?{,[")
        if key[:1].isdigit() or key[:1] in ("+", "-", "."):
            return True
    return False


_STDERR_LOCK = threading.Lock()


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """rapidyaml prints its parse errors to the process's stderr before raising; the careful
    path words them for the user instead, so the C-level stream is muted during a parse."""
    with _STDERR_LOCK:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (OSError, ValueError):
            yield
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            os.close(devnull)


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def _shape(data: Any, limit: int) -> int | None:
    """The number of values under ``data``, or None when it nests deeper than ``limit``. One
    pass, level by level: the count against rapidyaml's node count also tells whether ``json``
    dropped a duplicate key (it keeps the last one silently)."""
    level, depth, count = [data], 0, 0
    while level:
        depth += 1
        if depth > limit:
            return None
        below: list[Any] = []
        keep = below.append
        for value in level:
            items = value.values() if type(value) is dict else value
            count += len(items)
            for child in items:
                kind = type(child)
                if kind is dict or kind is list:
                    keep(child)
        level = below
    return count


def parse(text: str, *, max_values: int, max_depth: int) -> tuple[Any, Locator] | None:
    """(plain data, a locator) for a YAML mapping document, or None when the careful path must
    read it (see the module docstring)."""
    if ryml is None or needs_careful_path(text):
        return None
    raw = text.encode("utf-8")
    buf = bytearray(raw)
    try:
        with _quiet_stderr():
            tree = ryml.parse_in_place(buf)
    except Exception:  # rapidyaml raises its own exception types for every parse error
        return None
    root = tree.root_id()
    if tree.size() > max_values or not tree.is_map(root):
        return None
    try:
        data = json.loads(ryml.emit_json_malloc(tree, root), parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or _shape(data, max_depth) != tree.size() - 1:
        return None  # too deep, or a duplicate key: the careful path names its place
    return data, Locator(tree, buf, raw)


# --- positions ---------------------------------------------------------------------------


@functools.cache
def _buffer_api() -> tuple[Any, Any, Any]:
    """ctypes access to Python's buffer protocol, set up on first use (only when a position
    is asked for, so reading a file never imports ctypes)."""
    import ctypes

    class PyBuffer(ctypes.Structure):
        _fields_ = [
            ("buf", ctypes.c_void_p),
            ("obj", ctypes.py_object),
            ("len", ctypes.c_ssize_t),
            ("itemsize", ctypes.c_ssize_t),
            ("readonly", ctypes.c_int),
            ("ndim", ctypes.c_int),
            ("format", ctypes.c_char_p),
            ("shape", ctypes.c_void_p),
            ("strides", ctypes.c_void_p),
            ("suboffsets", ctypes.c_void_p),
            ("internal", ctypes.c_void_p),
        ]

    get = ctypes.pythonapi.PyObject_GetBuffer
    get.argtypes = [ctypes.py_object, ctypes.POINTER(PyBuffer), ctypes.c_int]
    release = ctypes.pythonapi.PyBuffer_Release
    release.argtypes = [ctypes.POINTER(PyBuffer)]
    return PyBuffer, get, release


def _address(obj: Any) -> int:
    """The memory address of a buffer (rapidyaml hands scalars out as read-only memoryviews
    into the buffer it parsed, so an address minus the buffer's is an offset in the file)."""
    import ctypes

    buffer_type, get, release = _buffer_api()
    view = buffer_type()
    get(obj, ctypes.byref(view), 0)
    try:
        return int(view.buf or 0)
    finally:
        release(ctypes.byref(view))


class Locator:
    """Line and column of a path in a document parsed by rapidyaml, as PyYAML's marks give them:
    a scalar at its first character (a quoted one at its quote), a block mapping at its first
    key, a block sequence at its first dash, a flow collection at its bracket."""

    def __init__(self, tree: Any, buf: bytearray, raw: bytes) -> None:
        self.tree = tree
        self.buf = buf  # the tree points into it: keep it alive
        self.raw = raw  # the text as read (the parse filters escapes in ``buf``)
        self._base: int | None = None

    @property
    def base(self) -> int:
        if self._base is None:
            self._base = _address(self.buf)
        return self._base

    def locate(self, path: PathTuple, *, key: bool = False) -> tuple[int, int] | None:
        """Position of ``path`` (of its key with ``key``) or of its nearest ancestor, or None when
        it cannot tell exactly."""
        try:
            return self._locate(path, key=key)
        except Exception:  # any surprise from the tree: the caller composes with PyYAML instead
            return None

    def _locate(self, path: PathTuple, *, key: bool) -> tuple[int, int] | None:
        t = self.tree
        node, found = t.root_id(), True
        for part in path:
            nxt = self._child(node, part)
            if nxt is None:
                found = False
                break
            node = nxt
        if key and found and path and t.has_key(node):
            offset = self._key_offset(node)
        else:
            offset = self._start(node)
        return None if offset is None else self._line_column(offset)

    def _child(self, node: int, part: str | int) -> int | None:
        t = self.tree
        if isinstance(part, str) and t.is_map(node):
            wanted = part.encode("utf-8")
            child = t.first_child(node)
            while child != ryml.NONE:
                name = t.key(child)
                if name is not None and bytes(name) == wanted:
                    return child
                child = t.next_sibling(child)
            return None
        if isinstance(part, int) and t.is_seq(node) and 0 <= part < t.num_children(node):
            return t.child(node, part)
        return None

    def _offset(self, view: Any) -> int | None:
        if view is None or len(view) == 0:
            return None
        offset = _address(view) - self.base
        return offset if 0 <= offset < len(self.raw) else None

    def _key_offset(self, node: int) -> int | None:
        t = self.tree
        offset = self._offset(t.key(node))
        if offset is None or t.is_key_literal(node) or t.is_key_folded(node):
            return None
        return offset - 1 if t.is_key_quoted(node) else offset

    def _start(self, node: int) -> int | None:
        t = self.tree
        if not t.is_container(node):
            if not t.has_val(node) or t.is_val_literal(node) or t.is_val_folded(node):
                return None
            offset = self._offset(t.val(node))
            if offset is None:
                return None
            return offset - 1 if t.is_val_quoted(node) else offset
        if t.num_children(node) == 0:
            return None
        first = t.first_child(node)
        inner = self._key_offset(first) if t.is_map(node) else self._start(first)
        if inner is None:
            return None
        if t.is_flow(node):
            return self._back_to(inner, b"{" if t.is_map(node) else b"[")
        if t.is_seq(node):
            return self._back_to(inner, b"-")
        return inner

    def _back_to(self, offset: int, char: bytes) -> int | None:
        """The offset of ``char`` just before ``offset``, across blanks only."""
        i = offset - 1
        while i >= 0 and self.raw[i : i + 1] in (b" ", b"\t", b"\n"):
            i -= 1
        return i if i >= 0 and self.raw[i : i + 1] == char else None

    def _line_column(self, offset: int) -> tuple[int, int]:
        line_start = self.raw.rfind(b"\n", 0, offset) + 1
        line = self.raw.count(b"\n", 0, offset) + 1
        column = len(self.raw[line_start:offset].decode("utf-8", "replace")) + 1
        return line, column
