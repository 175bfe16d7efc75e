"""The fast YAML path (rapidyaml) reads exactly what the careful PyYAML path reads, and places
every value at the same line and column; it steps aside whenever it could differ."""

from __future__ import annotations

import random
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_config_properties import TEMPLATE_TEXTS, configs

from hubwizard import configfile, fastyaml
from hubwizard.config import Config
from hubwizard.configfile import ConfigError, format_path


def typed(value: Any) -> Any:
    """``value`` with every scalar tagged by its type: 1, 1.0 and True are not the same here."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def paths(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths(v, (*path, i))
    return out


def agree(text: str, *, strict: bool = True) -> bool:
    """Assert the fast path, when it answers, agrees with the careful one; True if it answered.
    Without ``strict``, a file only the fast path accepts is let through (see the rate test)."""
    fast = fastyaml.parse(text, max_values=configfile.MAX_VALUES, max_depth=configfile.MAX_DEPTH)
    try:
        careful_data, careful_map = configfile._parse_yaml_carefully(text, "t.yaml")
    except ConfigError:
        assert fast is None or not strict, "the fast path accepted a file the careful path refuses"
        return False
    if fast is None:
        return False
    data, locator = fast
    assert typed(data) == typed(careful_data)
    for path in paths(data):
        for key in (False, True):
            where = locator.locate(path, key=key)
            if where is not None:
                assert where == careful_map.locate(path, key=key), (format_path(path), key)
    return True


def test_templates_take_the_fast_path_with_the_same_data_and_places():
    for text in TEMPLATE_TEXTS:
        assert agree(text)


def test_a_block_style_file_takes_the_fast_path():
    for text in TEMPLATE_TEXTS:
        block = yaml.safe_dump(yaml.safe_load(text), sort_keys=False, default_flow_style=False)
        assert agree(block)


@pytest.mark.parametrize(
    "text",
    [
        "a: ~\n",
        "a: [1, True, FALSE, Null, NULL]\n",
        "a: .inf\nb: -.inf\nc: nan\nd: .NaN\n",
        "a: 0x1F\nb: 0o17\nc: 01\nd: +1\ne: 0e0\n",
        "true: 1\n",
        "10: x\n1.50: y\n",
        "a: &x 1\nb: *x\n",
        "base: &b {x: 1}\nc:\n  <<: *b\n",
        "a: !!str 1\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\r\nb: 2\r\n",
        "x: 1\nx: 2\n",
        "a: [1, 2\n",
        "version: 1\n  name: x\n",
        "- 1\n",
        "",
        "# only a comment\n",
        "a: " + "[" * 50 + "]" * 50 + "\n",
    ],
)
def test_the_fast_path_steps_aside_where_it_could_differ(text):
    assert not agree(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 1.5\nc: -0\nd: 1e3\ne: true\nf: false\ng: null\nh:\ni: ''\nj: \"\"\n",
        "a: 'it''s'\nb: \"tab\\there \\\" \\\\ é 中 \\u00e9\"\nc: plain with 'quotes' and \"dq\"\n",
        "a: [x, 'y', \"z\", 1, 2.5]\nb: {c: 1, 'd': [e, {f: g}]}\n",
        "a:\n- b: 1\n  c: [1, 2]\n- - x\n  - y\n- {k: v}\n",
        "a: |\n  line one\n  line two\nb: >-\n  folded\n  text\nc: after\n",
        "labels: [Yes, No, On, Off, 2024-01-01, R&D, Information, s0, 100, 0, 0.5]\n",
        "é: café\n'quoted key': 1\n\"dq key\": 2\n",
        "a: 1 # a comment\nb: [1, 2] # another\n",
    ],
)
def test_ordinary_yaml_reads_the_same_on_both_paths(text):
    assert agree(text)


_WORDS = [
    "infinity",
    "inf",
    "nan",
    "null",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "~",
    ".inf",
    ".nan",
    "none",
    "y",
    "n",
    "0",
    "1e3",
    "1.",
    ".5",
    "1_0",
    "0b1",
    "0o7",
    "0x1",
    "00",
    "1:2",
    "2020-01-01",
    "12:30:00",
    "0e0",
    "1E+3",
    "Infinity",
    "iNfInItY",
    "InF",
    "nAn",
    "nULL",
    "tRUE",
]


@pytest.mark.parametrize(
    "word", sorted({f"{sign}{w}" for w in _WORDS for sign in ("", "-", "+")} | {w.upper() for w in _WORDS})
)
def test_every_spelling_of_a_special_word_reads_the_same_on_both_paths(word):
    """rapidyaml writes ``infinity`` as ``.inf``: every special spelling must step aside or agree."""
    for text in (f"a: {word}\n", f"- {word}\n", f"{word}: 1\n", f"a: [{word}, x]\n", f"a: {{k: {word}}}\n"):
        agree(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configs)
def test_generated_configs_read_the_same_on_both_paths(data):
    text = configfile.dumps(Config.model_validate(data))
    agree(text)
    agree(yaml.safe_dump(yaml.safe_load(text), sort_keys=False, allow_unicode=True, default_flow_style=False))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(TEMPLATE_TEXTS),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 5), st.text(max_size=4)), min_size=1, max_size=6),
)
def test_mutated_templates_read_the_same_on_both_paths(text, edits):
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    agree(text, strict=False)


def _mutations(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = "{}[]:-,&*!|>'\"#%@` \n\tab01?~.\\"
    out = []
    for _ in range(count):
        text = rng.choice(TEMPLATE_TEXTS)
        at, cut = rng.randrange(len(text)), rng.randint(0, 3)
        insert = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))
        out.append(text[:at] + insert + text[at + cut :])
    return out


def test_broken_yaml_gets_the_careful_paths_error_in_nearly_every_case():
    """rapidyaml accepts some text PyYAML refuses; the fast path's guards send such text to the
    careful path. Measured over 1,500 random one-place breakages of the templates: at most
    0.5% are read by the fast path although PyYAML refuses them (the known remainder, e.g. a
    comment inside a flow mapping)."""
    texts = _mutations(1500, seed=11)
    accepted_by_fast_only = 0
    for text in texts:
        fast = fastyaml.parse(text, max_values=configfile.MAX_VALUES, max_depth=configfile.MAX_DEPTH)
        if fast is None:
            continue
        try:
            configfile._parse_yaml_carefully(text, "t.yaml")
        except ConfigError:
            accepted_by_fast_only += 1
    assert accepted_by_fast_only <= len(texts) * 0.005


def test_a_problem_in_a_fast_read_file_has_its_line_and_column():
    text = TEMPLATE_TEXTS[0].replace("probability: 0.3", "probability: lots")
    with pytest.raises(ConfigError) as caught:
        configfile.loads(text, "s.yaml")
    careful = configfile._parse_yaml_carefully(text, "s.yaml")[1]
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == careful.locate(configfile.parse_path(problem.path))


YAML_PRINTABLE = (
    (0x09, 0x0A),
    (0x0D, 0x0D),
    (0x20, 0x7E),
    (0x85, 0x85),
    (0xA0, 0xD7FF),
    (0xE000, 0xFFFD),
    (0x10000, 0x10FFFF),
)
"""YAML 1.1's printable characters (what PyYAML's reader accepts), as the spec lists them."""


def test_the_fast_path_refuses_exactly_the_characters_pyyaml_refuses() -> None:
    """Checked at and around every edge of the printable ranges, in ASCII and non-ASCII text
    (each takes its own way through the check), and against PyYAML's reader itself."""
    edges = {max(0, e + d) for r in YAML_PRINTABLE for e in r for d in (-1, 0, 1)} - {0x110000}
    for code in sorted(edges):
        printable = any(low <= code <= high for low, high in YAML_PRINTABLE)
        for text in (f"a{chr(code)}", f"é{chr(code)}"):
            assert fastyaml._unprintable(text) is not printable, hex(code)
        if 0xD800 <= code <= 0xDFFF:
            continue  # a lone surrogate cannot even be encoded into a file
        try:
            yaml.safe_load(f"key: 'x{chr(code)}'")
            refused_by_pyyaml = False
        except yaml.YAMLError:
            refused_by_pyyaml = True
        assert refused_by_pyyaml is not printable, hex(code)
