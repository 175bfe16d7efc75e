"""Reading and writing configuration files: YAML or JSON in, human-style YAML out.

Every problem with a file names its place: ``sales.yaml:9:7 pipelines[0].stages[1].probability:
must be a number``. Loading is safe (``SafeLoader`` semantics only), capped in size, alias
expansion and nesting, and treats ``yes``/``no``/``on``/``off`` and dates as plain text (YAML
1.2 core-schema style), so an option list ``[Yes, No]`` stays two labels.

Two paths read YAML and give the same result: ``hubwizard.fastyaml`` (rapidyaml, for ordinary
files: the 5,000-property setup in tens of milliseconds) and the careful PyYAML path here, which
takes every file the fast path steps aside from (anchors, tags, odd scalars, errors) and words
every error with its place.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import json
import math
import re
import types
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from hubwizard import fastyaml
from hubwizard.config import Config, Option
from hubwizard.i18n import _, ngettext

MAX_BYTES = 10 * 1024 * 1024
"""A real setup is a few hundred kilobytes; the 5,000-property benchmark is about 1 MB."""
MAX_DEPTH = 40
"""The format nests about 8 levels deep; anything past this is a mistake or an attack."""
MAX_VALUES = 1_000_000
"""Cap on values after alias expansion: stops "billion laughs" documents. A 5,000-property
setup has about 60,000 values."""

MAX_PROBLEMS = 50
"""Problems listed for one file; the rest are counted in one line."""

PathTuple = tuple[str | int, ...]


class _LazyModule:
    """PyYAML, imported on first use: a file the fast path reads never needs it (saves the
    import, about 20 ms, on every ``hubwizard lint``)."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        module = importlib.import_module(self._name)
        globals()[self._name] = module
        return getattr(module, attribute)


yaml: Any = _LazyModule("yaml")


# --- problems and errors ----------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, and where."""

    message: str
    path: str = ""
    source: str = "<input>"
    line: int | None = None
    column: int | None = None

    @property
    def place(self) -> str:
        if self.line is None:
            return self.source
        if self.column is None:
            return f"{self.source}:{self.line}"
        return f"{self.source}:{self.line}:{self.column}"

    def __str__(self) -> str:
        path = f" {self.path}:" if self.path else ":"
        return f"{self.place}{path} {self.message}"


class ConfigError(Exception):
    """A file that cannot become a config. Carries every problem found, each with its place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def format_path(path: PathTuple) -> str:
    """``('pipelines', 0, 'label')`` → ``pipelines[0].label``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(text: str) -> PathTuple:
    """``pipelines[0].label`` → ``('pipelines', 0, 'label')``."""
    return tuple(int(i) if i else name for name, i in _PATH_PART.findall(text))


# --- source positions -------------------------------------------------------------------


@dataclass
class SourceMap:
    """Where each value of a loaded document stands. Positions are looked up on demand by
    walking the composed YAML node tree (kept from loading), so loading a large file pays
    nothing for them; JSON text is composed for positions only when one is asked for."""

    source: str = "<input>"
    root: Any = None
    text: str | None = None
    locator: Any = None
    """A :class:`hubwizard.fastyaml.Locator` when the fast path read the file: positions without
    composing the file with PyYAML, which is done only when it cannot tell exactly."""

    def _tree(self) -> Any:
        if self.root is None and self.text is not None:
            text, self.text = self.text, None
            with contextlib.suppress(yaml.YAMLError, RecursionError):
                self.root = _compose(text)
        return self.root

    def _walk(self, path: PathTuple) -> tuple[Any, Any, bool]:
        """(deepest node found along ``path``, the key node of the last step, whether all found)."""
        node, key_node = self._tree(), None
        if node is None:
            return None, None, False
        for part in path:
            nxt = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == part:
                        key_node, nxt = k, v
                        break
            elif (
                isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value)
            ):
                key_node, nxt = None, node.value[part]
            if nxt is None:
                return node, None, False
            node = nxt
        return node, key_node, True

    def locate(self, path: PathTuple, *, key: bool = False) -> tuple[int, int] | None:
        """Position of ``path`` (of its key with ``key``), or of its nearest ancestor in the file."""
        if self.locator is not None:
            where = self.locator.locate(path, key=key)
            if where is not None:
                return where
        node, key_node, found = self._walk(path)
        if node is None:
            return None
        if key and found and key_node is not None:
            return _mark(key_node)
        return _mark(node)

    def problem(self, path: PathTuple, message: str, *, key: bool = False) -> Problem:
        where = self.locate(path, key=key)
        line, column = where if where else (None, None)
        return Problem(message, format_path(path), self.source, line, column)


# --- YAML loading -----------------------------------------------------------------------


@functools.cache
def _loader_class() -> type:
    """A loader that composes only: every scalar is resolved by ``_plain_scalar`` (YAML 1.2 core
    schema: no yes/no/on/off booleans, no implicit dates), which is also much faster than
    PyYAML's resolver loop on large files."""
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    default_tags = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self: Any, kind: type, value: Any, implicit: Any) -> str:
        """Every untagged node gets its default tag; scalars are typed later."""
        return default_tags[kind]

    return type("_Loader", (base,), {"yaml_implicit_resolvers": {}, "resolve": resolve})


STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    "-.inf": -math.inf,
    "-.Inf": -math.inf,
    "-.INF": -math.inf,
    "+.inf": math.inf,
}


def _plain_scalar(text: str) -> Any:
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text]
    if text.startswith(("0x", "0o")):
        with contextlib.suppress(ValueError):
            return int(text, 0)
    return text


_EXPLICIT = {
    STR_TAG: str,
    "tag:yaml.org,2002:int": lambda t: int(t, 0) if t.startswith(("0x", "0o")) else int(t),
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda t: _BOOLS[t],
    "tag:yaml.org,2002:null": lambda t: None,
}


def _compose(text: str) -> Any:
    loader = _loader_class()(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns a composed YAML node tree into plain data, enforcing the caps."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.count = 0

    def build(self, node: yaml.Node, path: PathTuple) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self._error(
                node,
                path,
                _("expands to more than {count} values (too many aliases, an 'alias bomb'?)").format(
                    count=f"{MAX_VALUES:,}"
                ),
            )
        if len(path) > MAX_DEPTH:
            raise self._error(node, path, _("nested more than {depth} levels deep").format(depth=MAX_DEPTH))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        out: dict[Any, Any] = {}
        for key_node, value_node in self._pairs(node, path):
            key = self._key(key_node, path)
            if key in out:
                raise self._error(key_node, (*path, key), _("duplicate key '{key}'").format(key=key))
            out[key] = self.build(value_node, (*path, key))
        return out

    def _scalar(self, node: yaml.ScalarNode, path: PathTuple) -> Any:
        if node.tag == STR_TAG:
            return (
                _plain_scalar(node.value) if not node.style else node.value
            )  # "" from libyaml, None from PyYAML
        convert = _EXPLICIT.get(node.tag)
        if convert is None:
            raise self._error(node, path, _("unsupported YAML tag {tag}").format(tag=node.tag))
        try:
            return convert(node.value)
        except (ValueError, KeyError):
            raise self._error(
                node,
                path,
                _("'{value}' is not a valid {kind}").format(
                    value=node.value, kind=node.tag.rsplit(":", 1)[-1]
                ),
            )

    def _pairs(self, node: yaml.MappingNode, path: PathTuple) -> list[tuple[Any, Any]]:
        pairs = []
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and not key_node.style:
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in sources:  # `<<: *base` merges another mapping
                    if not isinstance(source, yaml.MappingNode):
                        raise self._error(value_node, path, "'<<' must merge a mapping")
                    own = {k.value for k, _ in node.value}
                    pairs.extend(p for p in source.value if p[0].value not in own)
                continue
            pairs.append((key_node, value_node))
        return pairs

    def _key(self, node: yaml.Node, path: PathTuple) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self._error(node, path, _("a key must be a plain word, not a list or mapping"))
        key = self._scalar(node, path)
        return key if isinstance(key, str) else str(key)

    def _error(self, node: yaml.Node, path: PathTuple, message: str) -> ConfigError:
        line, column = _mark(node)
        return ConfigError([Problem(message, format_path(path), self.source, line, column)])


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: yaml.Node, source: str) -> None:
    """Refuse documents whose aliases expand past MAX_VALUES or refer to themselves, before
    building anything: sizes are summed once per distinct node, so this is linear in the file."""
    size: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        if done:
            visiting.discard(id(node))
            size[id(node)] = 1 + sum(size[id(c)] for c in _children(node))
            if size[id(node)] > MAX_VALUES:
                line, column = _mark(node)
                raise ConfigError(
                    [
                        Problem(
                            _(
                                "expands to more than {count} values (too many aliases, an 'alias bomb'?)"
                            ).format(count=f"{MAX_VALUES:,}"),
                            "",
                            source,
                            line,
                            column,
                        )
                    ]
                )
            continue
        if id(node) in size:
            continue
        if id(node) in visiting:
            line, column = _mark(node)
            raise ConfigError(
                [Problem(_("an alias refers to itself (recursive structure)"), "", source, line, column)]
            )
        visiting.add(id(node))
        if depth > MAX_DEPTH:
            line, column = _mark(node)
            raise ConfigError(
                [
                    Problem(
                        _("nested more than {depth} levels deep").format(depth=MAX_DEPTH),
                        "",
                        source,
                        line,
                        column,
                    )
                ]
            )
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in _children(node) if id(child) not in size)


def _parse_yaml(text: str, source: str) -> tuple[Any, SourceMap]:
    fast = fastyaml.parse(text, max_values=MAX_VALUES, max_depth=MAX_DEPTH)
    if fast is not None:
        data, locator = fast
        return data, SourceMap(source, text=text, locator=locator)
    return _parse_yaml_carefully(text, source)


def _parse_yaml_carefully(text: str, source: str) -> tuple[Any, SourceMap]:
    """PyYAML's C parser composes, ``_Builder`` types every scalar and enforces the caps."""
    try:
        node = _compose(text)
        if node is None:
            return None, SourceMap(source)
        if "&" in text:  # anchors, so maybe aliases: check their expansion first
            _check_expansion(node, source)
        return _Builder(source).build(node, ()), SourceMap(source, node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(x) for x in (exc.context, exc.problem) if x) or "invalid YAML"
        if "maximum nesting depth" in message:
            message = _("nested more than {depth} levels deep").format(depth=MAX_DEPTH)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise ConfigError(
            [Problem(_("YAML syntax error: {message}").format(message=message), "", source, line, column)]
        )
    except yaml.YAMLError as exc:
        raise ConfigError([Problem(_("YAML error: {message}").format(message=exc), "", source)])
    except RecursionError:
        raise ConfigError(
            [Problem(_("nested more than {depth} levels deep").format(depth=MAX_DEPTH), "", source)]
        )


def _parse_json(text: str, source: str) -> tuple[Any, SourceMap]:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise ValueError(_("duplicate key '{key}'").format(key=key))
            out[key] = value
        return out

    def constant(name: str) -> Any:
        raise ValueError(_("{name} is not a number JSON allows").format(name=name))

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            [
                Problem(
                    _("JSON syntax error: {message}").format(message=exc.msg),
                    "",
                    source,
                    exc.lineno,
                    exc.colno,
                )
            ]
        )
    except ValueError as exc:
        raise ConfigError([Problem(_("JSON error: {message}").format(message=exc), "", source)])
    except RecursionError:
        raise ConfigError(
            [Problem(_("nested more than {depth} levels deep").format(depth=MAX_DEPTH), "", source)]
        )
    if _depth(data) > MAX_DEPTH:
        raise ConfigError(
            [Problem(_("nested more than {depth} levels deep").format(depth=MAX_DEPTH), "", source)]
        )
    return data, SourceMap(source, text=text)  # JSON is (nearly) YAML: positions on demand


def _depth(data: Any) -> int:
    deepest, stack = 0, [(data, 0)]
    while stack:
        value, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        if isinstance(value, dict):
            stack.extend((v, level + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, level + 1) for v in value)
    return deepest


# --- validation error messages ----------------------------------------------------------


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation can hold (through list[...] and ... | None)."""
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        return [m for arg in typing.get_args(annotation) for m in _unwrap(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _model_at(path: PathTuple) -> type[BaseModel] | None:
    """The model class that holds the value at ``path`` in a Config, if any."""
    current: list[type[BaseModel]] = [Config]
    for part in path:
        if isinstance(part, int):
            continue
        nxt = [
            m
            for model in current
            if part in model.model_fields
            for m in _unwrap(model.model_fields[part].annotation)
        ]
        if not nxt:
            return None
        current = nxt
    return current[0] if current else None


def _friendly(error: Any, path: PathTuple) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return _("is required")
    if kind == "extra_forbidden":
        model = _model_at(path[:-1])
        known = list(model.model_fields) if model else []
        import difflib  # only for a suggestion: not on every command's start-up

        guess = difflib.get_close_matches(str(path[-1]), known, n=1)
        hint = _(" (did you mean '{key}'?)").format(key=guess[0]) if guess else ""
        return _("unknown key '{key}'{guess}; known keys: {known}").format(
            key=path[-1], guess=hint, known=", ".join(known)
        )
    if kind == "literal_error" and path == ("version",):
        return _("must be 1, the only format version so far")
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "")
        return _("must be one of: {choices}").format(choices=expected.replace(" or ", ", "))
    if kind in ("float_parsing", "float_type"):
        return _("must be a number")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("must be a whole number")
    if kind in ("string_type",):
        return _("must be text")
    if kind in ("bool_parsing", "bool_type"):
        return _("must be true or false")
    if kind in ("list_type",):
        return _("must be a list")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("must be a mapping of keys and values")
    if kind == "too_short":
        return _("must not be empty")
    if kind == "string_too_short":
        return _("must not be empty")
    if kind in ("greater_than_equal", "greater_than"):
        return _("must be at least {minimum}").format(minimum=ctx.get("ge", ctx.get("gt")))
    message = str(error.get("msg", "is invalid"))
    return message.removeprefix("Value error, ")


def _cut(value: Any, keep: int) -> tuple[Any, bool]:
    """``value`` with every list cut to its first ``keep`` items, and whether anything was cut."""
    if isinstance(value, list):
        items = [_cut(v, keep) for v in value[:keep]]
        return [v for v, _ in items], len(value) > keep or any(c for _, c in items)
    if isinstance(value, dict):
        items = {k: _cut(v, keep) for k, v in value.items()}
        return {k: v for k, (v, _) in items.items()}, any(c for _, c in items.values())
    return value, False


def _first_errors(exc: ValidationError, data: Any) -> list[Any]:
    """At least the first :data:`MAX_PROBLEMS` errors of ``exc``, in the order pydantic reports
    them (the order of the file). With tens of thousands of errors, turning them all into Python
    takes longer than finding them, so a copy cut to the first items of every list is validated
    again, growing until it holds enough errors."""
    if exc.error_count() <= MAX_PROBLEMS * 4 or not isinstance(data, dict):
        return exc.errors(include_url=False, include_input=False)
    keep = 8
    while True:
        cut, was_cut = _cut(data, keep)
        if not was_cut:
            return exc.errors(include_url=False, include_input=False)
        try:
            Config.model_validate(cut)
        except ValidationError as partial:
            if partial.error_count() >= MAX_PROBLEMS:
                return partial.errors(include_url=False, include_input=False)
        keep *= 4


def _validation_problems(exc: ValidationError, sourcemap: SourceMap, data: Any = None) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` problems in file order, each with its place, then one line
    counting the rest: a hostile file with 150,000 mistakes is judged in a second or two, and the
    reader gets a list they can act on."""
    problems = []
    for error in _first_errors(exc, data)[:MAX_PROBLEMS]:  # in the order of the file
        path = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        problems.append(
            sourcemap.problem(path, _friendly(error, path), key=error["type"] == "extra_forbidden")
        )
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    total = exc.error_count()
    if total > MAX_PROBLEMS:
        problems.append(more_problems(total - MAX_PROBLEMS, sourcemap.source))
    return problems


def more_problems(count: int, source: str) -> Problem:
    """The line that stands for the problems not listed."""
    return Problem(
        ngettext(
            "and {count} more problem; fix the ones above first",
            "and {count} more problems; fix the ones above first",
            count,
        ).format(count=f"{count:,}"),
        "",
        source,
    )


# --- public API -------------------------------------------------------------------------


@dataclass
class LoadedConfig:
    """A config and where each of its values stood in the file (for findings with places)."""

    config: Config
    sourcemap: SourceMap

    def place(self, path: str) -> str:
        """``file:line:col`` for a finding path such as ``pipelines[0].stages[1].probability``."""
        return self.sourcemap.problem(parse_path(path), "").place


def looks_like_json(text: str, source: str) -> bool:
    return source.lower().endswith(".json") or text.lstrip().startswith("{")


def parse(text: str | bytes, source: str = "<input>") -> tuple[Any, SourceMap]:
    """Parse YAML or JSON text into plain data, with caps and positions. Raises ConfigError."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise ConfigError([_too_big(len(text), source)])
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ConfigError(
                [Problem(_("not UTF-8 text (byte {position})").format(position=exc.start), "", source)]
            )
    if len(text) > MAX_BYTES:
        raise ConfigError([_too_big(len(text.encode()), source)])
    if "\x00" in text:
        raise ConfigError([Problem(_("not a text file (it contains NUL bytes)"), "", source)])
    if looks_like_json(text, source):
        return _parse_json(text, source)
    return _parse_yaml(text, source)


def _too_big(size: int, source: str) -> Problem:
    return Problem(
        _("file is {size} bytes; the limit is {limit}").format(size=f"{size:,}", limit=f"{MAX_BYTES:,}"),
        "",
        source,
    )


def loads(text: str | bytes, source: str = "<input>") -> LoadedConfig:
    """Load a config from YAML or JSON text. Raises ConfigError naming every problem's place."""
    data, sourcemap = parse(text, source)
    if data is None:
        raise ConfigError([Problem(_("the file is empty; start from a template: hubwizard new"), "", source)])
    if not isinstance(data, dict):
        raise ConfigError(
            [
                sourcemap.problem(
                    (), _("the file must be a mapping with keys such as version, name, pipelines")
                )
            ]
        )
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_validation_problems(exc, sourcemap, data)) from None
    return LoadedConfig(config, sourcemap)


def load(path: str | Path) -> LoadedConfig:
    """Load a config file. Raises ConfigError (never OSError) with the file's name in it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ConfigError([_too_big(size, str(path))])
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ConfigError([Problem(_("is a directory, not a config file"), "", str(path))])
    except FileNotFoundError:
        raise ConfigError([Problem(_("no such file"), "", str(path))])
    except OSError as exc:
        raise ConfigError([Problem(_("cannot read: {reason}").format(reason=exc.strerror), "", str(path))])
    return loads(raw, str(path))


def validate_data(data: dict[str, Any]) -> Config:
    """Build a config from plain data (the wizard's edits). Raises ConfigError with paths."""
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_validation_problems(exc, SourceMap(), data)) from None


# --- YAML dumping -----------------------------------------------------------------------

ALWAYS_WRITTEN = {
    "Config": {"version", "name", "portal"},
    "Portal": {"tier"},
    "Pipeline": {"object"},
    "Stage": {"probability"},
    "PropertyGroup": {"object"},
    "Property": {"type", "field"},
    "Workflow": {"object", "enabled", "exit_when_trigger_no_longer_true"},
    "CreateTask": {"assign_to", "priority"},
}
"""Fields written even at their default value, because a reader expects to see them."""

FLOW_WIDTH = 100


class _Flow(dict):  # type: ignore[type-arg]
    """A mapping to write on one line: ``{id: demo, label: Demo, probability: 0.3}``."""


class _FlowList(list):  # type: ignore[type-arg]
    """A list of scalars to write on one line: ``[Software, Hardware]``."""


_ESCAPE_ALWAYS = re.compile("[\x85\u2028\u2029\ufeff\r]")
"""Line breaks YAML folds away when written raw; PyYAML writes them raw with allow_unicode."""


def _represent_str(dumper: Any, value: str) -> Any:
    if _ESCAPE_ALWAYS.search(value):
        style: str | None = '"'
    elif "\n" in value:
        style = "|"
    elif _plain_scalar(value) is not value:
        style = "'"  # our loader would read it as a number, boolean or null ("0E0", "~")
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


@functools.cache
def _dumper_class() -> type:
    """PyYAML's safe dumper, indenting list items under their key, with our string styles and
    one-line mappings and lists."""

    class _Dumper(yaml.SafeDumper):  # type: ignore[misc, name-defined]
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)  # indent list items under their key

    _Dumper.add_representer(str, _represent_str)
    _Dumper.add_representer(
        _Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True)
    )
    _Dumper.add_representer(
        _FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
    )
    return _Dumper


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) and not (isinstance(value, str) and "\n" in value)


def _one_line(value: dict[str, Any] | list[Any]) -> bool:
    items = value.values() if isinstance(value, dict) else value
    if not all(_is_scalar(v) or isinstance(v, _FlowList) for v in items):
        return False
    if isinstance(value, dict):
        width = sum(len(str(k)) + _width(v) + 4 for k, v in value.items())
    else:
        width = sum(_width(v) + 2 for v in value)
    return width <= FLOW_WIDTH


def _width(value: Any) -> int:
    if isinstance(value, list):
        return sum(len(str(v)) + 2 for v in value) + 2
    return len(str(value))


def _too_long_leaf(item: Any) -> bool:
    """A mapping of plain values that did not fit on one line."""
    return (
        isinstance(item, dict)
        and not isinstance(item, _Flow)
        and all(_is_scalar(v) or isinstance(v, _FlowList) for v in item.values())
    )


@functools.cache
def _written_fields(model_class: type[BaseModel]) -> tuple[tuple[str, bool, Any], ...]:
    """(name, always written, default) per field, computed once per model class."""
    always = ALWAYS_WRITTEN.get(model_class.__name__, set())
    return tuple(
        (
            name,
            name in always or info.is_required(),
            None if info.is_required() else info.get_default(call_default_factory=True),
        )
        for name, info in model_class.model_fields.items()
    )


def to_data(model: BaseModel, depth: int = 0) -> Any:
    """Plain data for a model, the way a person writes it: defaults and empties left out,
    short forms where they fit, single-line mappings for small leaf items."""
    if isinstance(model, Option) and model.is_short:
        return model.label
    out: dict[str, Any] = {}
    for name, always, default in _written_fields(type(model)):
        value = getattr(model, name)
        if value is None or value in ([], {}) or (not always and value == default):
            continue
        out[name] = _plain(value, depth + 1)
    if depth >= 2 and _one_line(out):
        return _Flow(out)
    return out


def _plain(value: Any, depth: int) -> Any:
    if isinstance(value, BaseModel):
        return to_data(value, depth)
    if isinstance(value, list):
        items = [_plain(v, depth + 1) for v in value]
        if items and all(_is_scalar(v) for v in items) and _one_line(items):
            return _FlowList(items)
        if any(_too_long_leaf(i) for i in items):  # one long row: write them all as blocks
            items = [dict(i) if isinstance(i, _Flow) else i for i in items]
        return items
    if isinstance(value, dict):  # verbatim HubSpot payloads
        return {k: _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, Enum):
        return value.value
    return value


def dumps(config: Config) -> str:
    """The config as YAML a person would write: field order of the format, short forms."""
    return yaml.dump(
        to_data(config),
        Dumper=_dumper_class(),
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
        default_flow_style=False,
    )


def dumps_json(config: Config) -> str:
    """The config as indented JSON, same content as the YAML."""
    return json.dumps(to_data(config), indent=2, ensure_ascii=False) + "\n"


def save(config: Config, path: str | Path) -> None:
    """Write YAML (or JSON for a ``.json`` path) atomically: a crash never leaves half a file."""
    path = Path(path)
    text = dumps_json(config) if path.suffix.lower() == ".json" else dumps(config)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigError([Problem(_("cannot write: {reason}").format(reason=exc.strerror), "", str(path))])


def json_schema() -> dict[str, Any]:
    """JSON Schema of the format, for editors (``hubwizard schema``)."""
    return Config.model_json_schema()


__all__ = [
    "ConfigError",
    "LoadedConfig",
    "Problem",
    "SourceMap",
    "dumps",
    "dumps_json",
    "format_path",
    "json_schema",
    "load",
    "loads",
    "parse",
    "parse_path",
    "save",
    "validate_data",
]
