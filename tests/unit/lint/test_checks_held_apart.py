"""The checks of issue 12 item 3 against their data sets in ``tests/unit/data/checks``.

Each data set has a ``tuning`` part (used while writing the heuristics) and held-apart parts
(written before the heuristics they measure, run once, then kept: the YAML comments record
their first-run figures). Every case of every part must be classified correctly, in English,
French and Chinese, near-misses included.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from lint_builders import config, enum, group, labelled_stages, pipeline, prop

from hubwizard import editing
from hubwizard.config import Config
from hubwizard.lint import lint, names

DATA = Path(__file__).resolve().parents[1] / "data" / "checks"

LANGUAGES = ("en", "fr", "zh")
MIN_CASES = 10


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((DATA / f"{name}.yaml").read_text("utf-8"))


def parts(name: str) -> list[str]:
    """The parts of a data set: ``tuning``, ``held_apart`` and, where the first held-apart part
    missed cases on its first run, ``held_apart_2``."""
    return list(load(name))


def part_of(name: str, part: str) -> Any:
    return load(name)[part]


def labelled(name: str, part: str, kinds: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(language, expected kind, label) for every label of one part of a data set."""
    data = part_of(name, part)
    return [(lang, kind, label) for lang in LANGUAGES for kind in kinds for label in data[lang][kind]]


# --- items 1 and 2: what a pipeline's name says (HW105, HW107) ------------------------------
#
# The first parts of pipeline_names.yaml have three kinds (product, person, "no": a department, a
# process or anything else); later parts have the four kinds of names.classify (department,
# person, product, other). departments.yaml says whether a name is a department ("yes"/"no").


def four_kinds(part: str) -> bool:
    return "department" in part_of("pipeline_names", part)["en"]


def kinds_of(part: str) -> tuple[str, ...]:
    return names.KINDS if four_kinds(part) else ("product", "person", "no")


@pytest.mark.parametrize("part", parts("pipeline_names"))
def test_each_language_has_ten_pipeline_names_per_kind_and_near_misses(part):
    data = part_of("pipeline_names", part)
    for lang in LANGUAGES:
        if four_kinds(part):
            for kind in names.KINDS:
                assert len(data[lang][kind]) >= MIN_CASES, f"{part}/{lang}/{kind}"
            continue
        assert len(data[lang]["product"]) + len(data[lang]["person"]) >= MIN_CASES or part == "tuning"
        assert data[lang]["no"], f"{part}/{lang}: no near-misses"
        if part != "tuning":
            assert len(data[lang]["product"]) >= MIN_CASES and len(data[lang]["person"]) >= MIN_CASES
            assert len(data[lang]["no"]) >= MIN_CASES


@pytest.mark.parametrize("part", parts("pipeline_names"))
def test_pipeline_names_are_read_as_what_they_name(part):
    """names.classify reads each label as its kind; in the three-kind parts, "no" is a
    department or something else."""
    wrong = []
    for lang, kind, label in labelled("pipeline_names", part, kinds_of(part)):
        got = names.classify(label).kind
        if got != kind and not (kind == "no" and got in ("department", "other")):
            wrong.append(f"{lang}: {label!r} read as {got}, expected {kind}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("part", parts("pipeline_names"))
def test_product_or_person_and_department_in_agree_with_the_reading(part):
    wrong = []
    for lang, kind, label in labelled("pipeline_names", part, kinds_of(part)):
        reading = names.classify(label)
        either = names.product_or_person(label)
        if kind in ("product", "person") and reading.sure:
            if either is None or either.kind != kind:
                wrong.append(f"{lang}: {label!r}: product_or_person gave {either}")
        elif kind in ("department", "other", "no") and either is not None:
            wrong.append(f"{lang}: {label!r}: product_or_person gave {either}")
        if (names.department_in(label) is not None) != (reading.kind == "department"):
            wrong.append(f"{lang}: {label!r}: department_in disagrees with {reading}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("part", parts("pipeline_names"))
def test_a_second_deal_pipeline_is_reported_by_what_its_name_says(part):
    """The whole rule: a Sales pipeline and a second one with the data set's name, with
    HubSpot's default stages (not a copy of Sales, so HW101/HW102 stay quiet): a product or a
    person is HW105's, a department is fine, anything else is HW107's."""
    wrong = []
    for lang, kind, label in labelled("pipeline_names", part, kinds_of(part)):
        setup = _two_pipelines(label)
        codes = sorted({f.code for f in lint(setup) if f.code in ("HW105", "HW107")})
        hw105 = [f.path for f in lint(setup) if f.code == "HW105"]
        expected = {
            "product": ["HW105"],
            "person": ["HW105"],
            "department": [],
            "other": ["HW107"],
        }.get(kind)
        if expected is None:  # three-kind parts: "no" is never HW105's
            if hw105:
                wrong.append(f"{lang}: {label!r} ({kind}) reported by HW105")
        elif codes != expected or (hw105 and hw105 != ["pipelines[1].label"]):
            wrong.append(f"{lang}: {label!r} ({kind}) gave {codes}")
    assert not wrong, "\n".join(wrong)


def _two_pipelines(label: str) -> Config:
    default = labelled_stages(
        "Appointment scheduled", "Qualified to buy", "Presentation scheduled", "Contract sent"
    )
    return config(
        pipelines=[
            pipeline("sales", "Sales", adopt="default"),
            pipeline("second", label, stages=default),
        ]
    )


@pytest.mark.parametrize("part", parts("departments"))
def test_department_names_are_recognised_and_near_misses_are_not(part):
    data = part_of("departments", part)
    wrong = []
    for lang in LANGUAGES:
        if part != "tuning":
            assert len(data[lang]["yes"]) >= MIN_CASES and len(data[lang]["no"]) >= 7
        for expected, labels in (("yes", data[lang]["yes"]), ("no", data[lang]["no"])):
            for label in labels:
                got = "yes" if names.department_in(label) else "no"
                if got != expected:
                    wrong.append(f"{lang}: {label!r} department? {got}, expected {expected}")
    assert not wrong, "\n".join(wrong)


# --- item 3: workflows doing the same thing (HW508) ---------------------------------------


def _stages(*ids: str) -> list[dict[str, Any]]:
    return [
        {"id": i, "label": i.replace("_", " ").capitalize(), "probability": round(0.1 * (n + 1), 1)}
        for n, i in enumerate(ids)
    ]


WORKFLOW_PIPELINES = [
    pipeline(
        "sales",
        "Sales",
        adopt="default",
        stages=[
            *_stages("contact_made", "demo_sent", "quote_sent", "quote_signed"),
            {"id": "closed_won", "label": "Closed won", "probability": 1.0, "closed": "won"},
            {"id": "closed_lost", "label": "Closed lost", "probability": 0.0, "closed": "lost"},
        ],
    ),
    pipeline(
        "admin",
        "Administration",
        stages=[
            *_stages("to_invoice", "invoiced"),
            {"id": "paid", "label": "Paid", "probability": 1.0, "closed": "won"},
            {"id": "cancelled", "label": "Cancelled", "probability": 0.0, "closed": "lost"},
        ],
    ),
]
WORKFLOW_GROUPS = [
    group(
        "deal_details",
        [
            enum("product_line", ["software", "hardware"]),
            enum("priority_level", ["low", "high"]),
        ],
    )
]


def workflow_from(short: dict[str, Any], index: int) -> dict[str, Any]:
    """A workflow from the data set's shorthand (see the comment at the top of the file)."""
    if "stage" in short:
        trigger = {"stage_entered": {"pipeline": short.get("pipeline", "sales"), "stage": short["stage"]}}
    else:
        ((name, values),) = short["property"].items()
        trigger = {"property_is": {"property": name, "values": values}}
    steps: list[dict[str, Any]] = []
    if short.get("wait"):
        steps.append({"delay": {"days": short["wait"]}})
    for key, value in short.items():
        if key == "task":
            steps.append({"create_task": {"subject": value}})
        elif key == "notify":
            steps.append({"notify_owner": {"subject": value}})
        elif key == "email":
            steps.append({"send_email": {"email_id": value}})
        elif key == "set":
            steps.append({"set_property": {"property": value[0], "value": value[1]}})
        elif key == "move":
            steps.append({"move_to_stage": {"pipeline": "sales", "stage": value}})
        elif key == "copy":
            steps.append({"copy_to_pipeline": {"pipeline": value[0], "stage": value[1]}})
        elif key == "owner":
            steps.append({"assign_owner": {"owner": value}})
    return {
        "id": f"w{index}",
        "name": short["name"],
        "object": "deals",
        "trigger": trigger,
        "exit_when_trigger_no_longer_true": True,
        "steps": steps,
    }


@pytest.mark.parametrize("part", parts("duplicate_workflows"))
def test_workflow_pairs_are_told_duplicate_or_not(part):
    cases = part_of("duplicate_workflows", part)
    if part != "tuning":
        for lang in LANGUAGES:
            mine = [c for c in cases if c["lang"] == lang]
            assert sum(c["duplicate"] for c in mine) >= MIN_CASES and not all(c["duplicate"] for c in mine)
    wrong = []
    for case in cases:
        setup = config(
            pipelines=WORKFLOW_PIPELINES,
            property_groups=WORKFLOW_GROUPS,
            workflows=[workflow_from(case["a"], 0), workflow_from(case["b"], 1)],
        )
        findings = lint(setup)
        broken = [f for f in findings if f.severity.value == "error"]
        assert not broken, f"{case}: {broken}"
        found = [f for f in findings if f.code == "HW508"]
        if bool(found) != case["duplicate"] or (found and found[0].path != "workflows[1]"):
            wrong.append(f"{case['lang']}: {case['a']['name']!r} / {case['b']['name']!r}: {found}")
    assert not wrong, "\n".join(wrong)


# --- item 5: common names of HubSpot's own properties (HW301 and the search) --------------


def native_cases(part: str) -> list[tuple[str, str, str, str | None]]:
    data = part_of("native_names", part)
    return [(lang, obj, label, native) for lang in LANGUAGES for obj, label, native in data[lang]]


@pytest.mark.parametrize("part", parts("native_names"))
def test_hw301_knows_the_common_names_of_native_properties(part):
    if part != "tuning":
        for lang in LANGUAGES:
            mine = [c for c in native_cases(part) if c[0] == lang]
            assert sum(c[3] is not None for c in mine) >= MIN_CASES and any(c[3] is None for c in mine)
    wrong = []
    for lang, obj, label, native in native_cases(part):
        setup = config(property_groups=[group("my_group", [prop("field_one", label)], object_=obj)])
        found = [f for f in lint(setup) if f.code == "HW301"]
        if native is None:
            if found:
                wrong.append(f"{lang}: {label!r} on {obj} taken for a native property: {found[0].message}")
        elif not found or found[0].path != "property_groups[0].properties[0].label":
            wrong.append(f"{lang}: {label!r} on {obj} not seen as native {native}")
        elif native not in found[0].hint:
            wrong.append(f"{lang}: {label!r} on {obj} matched the wrong native property: {found[0].hint}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("part", parts("native_names"))
def test_the_native_property_search_answers_the_common_names_first(part):
    wrong = []
    for lang, obj, label, native in native_cases(part):
        if native is None:
            continue
        rows = editing.native_matches(obj, label)
        if not rows or rows[0]["name"] != native:
            wrong.append(f"{lang}: searching {label!r} on {obj} gave {[r['name'] for r in rows][:3]}")
    assert not wrong, "\n".join(wrong)
