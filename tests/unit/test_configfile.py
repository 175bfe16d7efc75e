"""Loading, dumping and error places of config files."""

from __future__ import annotations

import json

import pytest
import yaml

from hubwizard import configfile
from hubwizard.config import Config
from hubwizard.configfile import ConfigError, format_path, parse_path
from hubwizard.templates import list_templates

SALES = """\
version: 1
name: Sales
pipelines:
  - id: sales
    label: Sales
    stages:
      - {id: a, label: Contact made, probability: 0.1}
      - id: b
        label: Demo
        probability: lots
"""


def problems(text: str | bytes, source: str = "sales.yaml") -> list[str]:
    with pytest.raises(ConfigError) as caught:
        configfile.loads(text, source)
    return [str(p) for p in caught.value.problems]


def test_error_names_file_line_column_and_path():
    assert problems(SALES) == ["sales.yaml:10:22 pipelines[0].stages[1].probability: must be a number"]


def test_every_problem_is_reported_at_once_in_file_order():
    text = SALES.replace("probability: 0.1", "probabilty: 0.1").replace("label: Demo", "lable: Demo")
    found = problems(text)
    assert found[0].startswith("sales.yaml:7:38 pipelines[0].stages[0].probabilty: unknown key")
    assert "did you mean 'probability'?" in found[0]
    assert any("stages[1].label: is required" in p for p in found)
    assert any("stages[1].lable: unknown key" in p and "did you mean 'label'" in p for p in found)
    lines = [int(p.split(":")[1]) for p in found]
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [1, 2\n", "sales.yaml:2:1: YAML syntax error"),
        ("version: 1\n  name: x\n", "sales.yaml:2:7: YAML syntax error"),
        ("x: 1\nx: 2\n", "sales.yaml:2:1 x: duplicate key 'x'"),
        ("- 1\n", "sales.yaml:1:1: the file must be a mapping"),
        ("", "sales.yaml: the file is empty"),
        ("version: 2\n", "sales.yaml:1:10 version: must be 1"),
        (
            "portal: {tier: gold}\n",
            "sales.yaml:1:16 portal.tier: must be one of: free, starter, professional, enterprise",
        ),
        ("a: &a [*a]\n", "sales.yaml:1:4: an alias refers to itself"),
        ("\x00\x01", "sales.yaml: not a text file"),
    ],
)
def test_bad_files_get_one_clear_message(text, expected):
    assert problems(text)[0].startswith(expected)


def test_json_errors_have_line_and_column():
    assert problems('{"version": 1,\n "name": }', "s.json") == [
        "s.json:2:10: JSON syntax error: Expecting value"
    ]
    assert problems('{"name": "a", "name": "b"}', "s.json")[0] == "s.json: JSON error: duplicate key 'name'"
    assert "NaN is not a number" in problems('{"name": NaN}', "s.json")[0]


def test_json_validation_errors_are_located():
    text = '{\n  "version": 1,\n  "pipelines": [\n    {"id": "s", "label": "S", "stages": [{"id": "a"}]}\n  ]\n}\n'
    assert problems(text, "s.json") == ["s.json:4:42 pipelines[0].stages[0].label: is required"]


def test_size_cap():
    huge = b"name: x\n" + b"# padding\n" * (configfile.MAX_BYTES // 10 + 1)
    assert "the limit is" in problems(huge)[0]


def test_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 9)
    ]
    assert "alias bomb" in problems("\n".join(lines))[0]


@pytest.mark.parametrize(
    "text",
    [
        "[" * 5000 + "]" * 5000,
        "- " * 5000 + "x",
        "a:\n" + "".join(f"{' ' * i}b:\n" for i in range(1, 60)) + " " * 60 + "c",
    ],
)
def test_absurd_nesting_is_refused(text):
    assert "nested" in problems(text)[0] or "deep" in problems(text)[0]


def test_deep_json_is_refused():
    assert "nested more than" in problems("[" * 100000 + "]" * 100000, "x.json")[0]


def test_yes_no_and_dates_stay_text():
    loaded = configfile.loads(
        "property_groups:\n  - name: g\n    label: G\n    properties:\n"
        "      - {name: p, label: On, type: enumeration, options: [Yes, No, off, 2024-01-01]}\n"
    )
    prop = loaded.config.property_groups[0].properties[0]
    assert prop.label == "On"
    assert [o.label for o in prop.options] == ["Yes", "No", "off", "2024-01-01"]


def test_merge_keys_and_anchors_work():
    text = """\
pipelines:
  - id: one
    label: One
    stages: &stages
      - {id: a, label: A, probability: 0.1}
  - id: two
    label: Two
    stages: *stages
"""
    config = configfile.loads(text).config
    assert config.pipelines[1].stages == config.pipelines[0].stages


def test_unreadable_paths(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        configfile.load(tmp_path / "missing.yaml")
    with pytest.raises(ConfigError, match="is a directory"):
        configfile.load(tmp_path)
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        configfile.load(bad)


@pytest.mark.parametrize("template", list_templates(), ids=lambda t: t.slug)
def test_templates_round_trip_through_yaml_and_json(template):
    text = configfile.dumps(template.config)
    assert configfile.loads(text).config == template.config
    assert configfile.loads(configfile.dumps_json(template.config), "t.json").config == template.config
    assert configfile.dumps(configfile.loads(text).config) == text  # stable output


def test_dump_keeps_short_forms_and_format_key_order():
    text = configfile.dumps(list_templates()[0].config)
    assert "options: [Software, Hardware, Services]" in text
    assert "replaces: [appointmentscheduled, qualifiedtobuy]" in text  # a short list stays on one line
    assert "- delay: {days: 15}" in text
    assert list(yaml.safe_load(text)) == [
        "version",
        "name",
        "description",
        "tags",
        "portal",
        "pipelines",
        "property_groups",
        "workflows",
    ]


def test_long_option_form_is_kept_when_value_differs():
    config = configfile.loads(
        "property_groups:\n  - name: g\n    label: G\n    properties:\n"
        "      - name: p\n        label: P\n        type: enumeration\n"
        "        options: [{label: Software, value: sw}, Hardware]\n"
    ).config
    text = configfile.dumps(config)
    assert "- {label: Software, value: sw}" in text
    assert "- Hardware" in text
    assert configfile.loads(text).config == config


def test_save_is_atomic_and_reports_unwritable_places(tmp_path):
    config = Config(name="x")
    configfile.save(config, tmp_path / "x.yaml")
    assert configfile.load(tmp_path / "x.yaml").config == config
    configfile.save(config, tmp_path / "x.json")
    assert json.loads((tmp_path / "x.json").read_text())["name"] == "x"
    with pytest.raises(ConfigError, match="cannot write"):
        configfile.save(config, tmp_path / "missing-dir" / "x.yaml")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_paths_round_trip():
    path = ("pipelines", 0, "stages", 12, "probability")
    assert format_path(path) == "pipelines[0].stages[12].probability"
    assert parse_path(format_path(path)) == path


def test_place_of_a_finding_path():
    loaded = configfile.loads(SALES.replace("lots", "0.3"), "s.yaml")
    assert loaded.place("pipelines[0].stages[1].probability") == "s.yaml:10:22"
    assert loaded.place("pipelines[0].stages[0].closed") == "s.yaml:7:9"  # absent key: its item


def test_json_schema_describes_the_format():
    schema = configfile.json_schema()
    assert schema["title"].startswith("hubwizard configuration")
    assert {"pipelines", "property_groups", "custom_objects", "workflows"} <= set(schema["properties"])
    step = schema["$defs"]["Step"]
    assert step["maxProperties"] == 1
