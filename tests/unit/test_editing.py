"""editing: table rows ↔ models, new items, findings → pages, download bytes (no Streamlit)."""

from __future__ import annotations

import math

import pytest

from hubwizard import configfile, editing, lint, templates
from hubwizard.config import Config, Option, Pipeline, Portal, Property, PropertyGroup, Stage
from hubwizard.findings import Finding, Severity
from hubwizard.forecast import StageDeals
from hubwizard.hubspot_rules import field_suits_type


def b2b() -> Config:
    return templates.get_template("b2b-sales").fresh_config()


# --- tables ------------------------------------------------------------------------------


def test_apply_table_edits_edits_deletes_then_adds():
    rows = [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}, {"a": 3, "b": "z"}]
    delta = {
        "edited_rows": {"0": {"b": " X "}, 2: {"a": float("nan")}},
        "deleted_rows": [1],
        "added_rows": [{"a": 9}, {"a": None, "b": ""}],  # an empty new row is ignored
    }
    out = editing.apply_table_edits(rows, delta)
    assert [(r["a"], r.get("b")) for r in out] == [(1, "X"), (None, "z"), (9, None)]
    assert out[0]["_edited"] == {"b"} and out[2]["_added"] and out[2]["_edited"] == {"a"}
    assert rows[0]["b"] == "x"  # the input is not changed


def test_has_changes():
    assert not editing.has_changes(None)
    assert not editing.has_changes({"edited_rows": {}, "added_rows": [], "deleted_rows": []})
    assert editing.has_changes({"deleted_rows": [0]})


def test_reorder_and_move():
    rows = [{"order": 1, "n": "a"}, {"order": 3, "n": "b"}, {"order": 2, "n": "c"}, {"order": None, "n": "d"}]
    assert [r["n"] for r in editing.reorder(rows)] == ["a", "c", "b", "d"]
    items = [1, 2, 3]
    assert editing.move(items, 2, -1) and items == [1, 3, 2]
    assert not editing.move(items, 0, -1) and items == [1, 3, 2]


# --- stages ------------------------------------------------------------------------------


def test_stage_rows_round_trip_keeps_what_the_table_does_not_show():
    pipeline = b2b().pipelines[0]
    pipeline.stages[0].hubspot_id = "123"
    rows = editing.stage_rows(pipeline)
    assert [r["probability"] for r in rows] == [10, 30, 60, 90, 100, 0]
    assert [r["outcome"] for r in rows][-2:] == ["won", "lost"]
    assert editing.stages_from_rows(rows, deals=True) == pipeline.stages


def test_percent_edits_become_probabilities():
    pipeline = b2b().pipelines[0]
    editing.edit_stages(pipeline, editing.stage_rows(pipeline), {"edited_rows": {2: {"probability": 55}}})
    assert pipeline.stages[2].probability == 0.55
    editing.edit_stages(pipeline, editing.stage_rows(pipeline), {"edited_rows": {2: {"probability": 70}}})
    assert pipeline.stages[2].probability == 0.7
    editing.edit_stages(pipeline, editing.stage_rows(pipeline), {"edited_rows": {2: {"probability": None}}})
    assert pipeline.stages[2].probability is None


def test_new_stages_get_ids_from_labels_and_closed_defaults():
    pipeline = b2b().pipelines[0]
    rows = editing.stage_rows(pipeline)
    delta = {
        "added_rows": [
            {"label": "Quote sent", "order": 3.5},
            {"order": 9},
            {"label": "Lost to a rival", "outcome": "lost", "order": 10},
        ]
    }
    editing.edit_stages(pipeline, rows, delta)
    added = [s for s in pipeline.stages if s.id in ("quote_sent_2", "new_stage", "lost_to_a_rival")]
    assert [(s.id, s.label) for s in added] == [
        ("quote_sent_2", "Quote sent"),
        ("new_stage", "New stage"),
        ("lost_to_a_rival", "Lost to a rival"),
    ]
    assert pipeline.stages[3].id == "quote_sent_2"  # ordered by the # column
    assert (added[2].closed, added[2].probability) == ("lost", 0.0)


def test_duplicate_and_blank_ids_are_made_unique():
    rows = [{"label": "A", "id": "a", "outcome": "open"}, {"label": "A again", "id": "a", "outcome": "open"}]
    assert [s.id for s in editing.stages_from_rows(rows, deals=True)] == ["a", "a_again"]


def test_a_bad_stage_edit_is_refused_and_leaves_the_pipeline():
    pipeline = b2b().pipelines[0]
    before = pipeline.model_copy(deep=True)
    with pytest.raises(editing.EditRefused, match="the outcome must be open, won or lost"):
        editing.edit_stages(
            pipeline, editing.stage_rows(pipeline), {"edited_rows": {0: {"outcome": "maybe"}}}
        )
    with pytest.raises(editing.EditRefused, match="not a number"):
        editing.edit_stages(
            pipeline, editing.stage_rows(pipeline), {"edited_rows": {0: {"probability": "lots"}}}
        )
    assert pipeline == before


def test_ticket_stage_rows_use_states():
    pipeline = templates.get_template("support-tickets").fresh_config().pipelines[0]
    rows = editing.stage_rows(pipeline)
    assert "probability" not in rows[0] and [r["state"] for r in rows][-1] == "closed"
    assert editing.stages_from_rows(rows, deals=False) == pipeline.stages


def test_retarget_turns_outcomes_into_states_and_back():
    pipeline = b2b().pipelines[0]
    editing.retarget(pipeline, "tickets")
    assert [s.state for s in pipeline.stages] == ["open"] * 4 + ["closed"] * 2
    assert all(s.probability is None and s.closed is None for s in pipeline.stages)
    editing.retarget(pipeline, "deals")
    assert [s.closed for s in pipeline.stages][-2:] == ["won", "lost"]
    assert [s.probability for s in pipeline.stages][-2:] == [1.0, 0.0]


# --- properties ----------------------------------------------------------------------------


def test_property_rows_round_trip():
    group = b2b().property_groups[0]
    rows = editing.property_rows(group.properties)
    assert rows[0]["options"] == "Software, Hardware, Services"
    assert editing.properties_from_rows(rows) == group.properties


def test_changing_a_type_moves_an_unsuited_field_to_the_usual_one():
    group = b2b().property_groups[0]
    editing.edit_properties(
        group, editing.property_rows(group.properties), {"edited_rows": {1: {"type": "date"}}}
    )
    assert (group.properties[1].type.value, group.properties[1].field.value) == ("date", "date")
    # a field picked together with the type is kept (and linted if it does not suit)
    editing.edit_properties(
        group,
        editing.property_rows(group.properties),
        {"edited_rows": {1: {"type": "string", "field": "textarea"}}},
    )
    assert group.properties[1].field.value == "textarea"


def test_options_text_keeps_existing_values():
    prop = Property(name="size", label="Size", type="enumeration", options=[Option(label="Small", value="s")])
    group = PropertyGroup(name="g", label="G", properties=[prop])
    editing.edit_properties(
        group, editing.property_rows(group.properties), {"edited_rows": {0: {"options": "Small, Large"}}}
    )
    assert [(o.label, o.value) for o in group.properties[0].options] == [("Small", "s"), ("Large", "Large")]


def test_new_property_names_come_from_labels():
    props = editing.properties_from_rows(
        [{"label": "Position sought", "type": "string"}], taken={"position_sought"}
    )
    assert props[0].name == "position_sought_2"


def test_option_rows_round_trip():
    options = [Option(label="A", value="a", hidden=True), Option(label="B")]
    rows = editing.option_rows(options)
    assert editing.options_from_rows(rows) == [
        Option(label="A", value="a", hidden=True),
        Option(label="B", value="B"),
    ]


def test_fields_for_a_type():
    assert editing.fields_for("bool") == ["booleancheckbox", "calculation_equation"]
    assert editing.fields_for("nonsense") == []


def test_native_matches_search_labels_and_synonyms():
    assert editing.native_matches("deals")[0]["name"] == "dealname"
    assert editing.native_matches("deals", "montant")[0]["name"] == "amount"
    assert editing.native_matches("deals", "no such thing at all") == []


# --- new items -----------------------------------------------------------------------------


def test_new_items_follow_the_guide_and_lint_clean():
    config = Config(name="Test", portal=Portal(tier="enterprise"))
    config.pipelines.append(editing.new_pipeline(config, "Sales"))
    config.pipelines.append(editing.new_pipeline(config, "Support", "tickets"))
    config.property_groups.append(editing.new_group(config, "Product details", "deals"))
    config.custom_objects.append(editing.new_custom_object(config, "Application"))
    config.workflows.append(editing.new_workflow(config, "Quote reminder"))
    assert [p.id for p in config.pipelines] == ["sales", "support"]
    assert config.workflows[0].trigger.stage_entered.stage == "contact_made"
    assert [f for f in lint.lint(config) if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize("kind", editing.ADDABLE_STEPS)
def test_every_addable_step_is_valid(kind):
    step = editing.new_step(kind, b2b())
    assert step.kind == kind


def test_step_with_validates():
    step = editing.new_step("delay", b2b())
    assert editing.step_with(step, days=3).delay.days == 3
    with pytest.raises(editing.EditRefused, match="a delay needs days or hours"):
        editing.step_with(step, days=0)


def test_choices_for_workflow_forms():
    config = b2b()
    assert editing.stage_choices(config, "deals")[2] == ("sales", "quote_sent", "Sales › Quote sent")
    names = [name for name, _, _ in editing.property_choices(config, "deals")]
    assert names[:3] == ["product_type", "licence_count", "contract_term_months"]
    assert "amount" in names


# --- findings → pages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("pipelines[1].stages[2].probability", editing.Location("pipelines", 1, None, 2)),
        ("pipelines", editing.Location("pipelines")),
        ("property_groups[3].properties[4].name", editing.Location("properties", 3, None, 4)),
        ("custom_objects[0].property_groups[1].properties[2]", editing.Location("custom_objects", 0, 1, 2)),
        ("custom_objects[2].required[0]", editing.Location("custom_objects", 2, None, 0)),
        ("workflows[0].steps[1]", editing.Location("workflows", 0, None, 1)),
        ("portal.tier", editing.Location("start")),
        ("", editing.Location("start")),
    ],
)
def test_locate(path, location):
    assert editing.locate(path) == location


def test_findings_by_page_and_item():
    findings = [
        Finding("HW204", Severity.ERROR, "pipelines[0].stages[2].probability", "bad"),
        Finding("HW104", Severity.ERROR, "pipelines[0]", "no won stage"),
        Finding("HW101", Severity.WARNING, "pipelines[10]", "another pipeline"),
        Finding("HW503", Severity.WARNING, "workflows[0]", "no exit"),
    ]
    pages = editing.by_page(findings)
    assert [len(pages[p]) for p in ("pipelines", "workflows", "properties")] == [3, 1, 0]
    assert len(editing.under(findings, "pipelines[1]")) == 0  # not pipelines[10]
    whole, items = editing.by_item(findings, "pipelines[0]")
    assert [f.code for f in whole] == ["HW104"] and list(items) == [2]
    assert editing.short_note(items[2]) == "Error HW204: bad"


# --- forecast rows and downloads -----------------------------------------------------------


def test_deal_rows_round_trip():
    pipeline = b2b().pipelines[0]
    deals = {"contact_made": StageDeals(4, 1000.0), "closed_won": StageDeals(amounts=(10.0, 30.0))}
    rows = editing.deal_rows(pipeline, deals)
    assert (rows[0]["deals"], rows[0]["average"], rows[4]["average"]) == (4, 1000.0, 20.0)
    back = editing.deals_from_rows(
        editing.apply_table_edits(rows, {"edited_rows": {1: {"deals": 2, "average": 50}}})
    )
    assert back["demo_sent"] == StageDeals(2, 50.0)
    assert back["closed_won"].amount == 40.0


def test_export_file_is_the_dump():
    config = b2b()
    yaml_file = editing.export_file(config, "yaml")
    assert (yaml_file.name, yaml_file.mime) == ("b2b-sales-starter.yaml", "application/x-yaml")
    assert yaml_file.data.decode() == configfile.dumps(config)
    assert editing.export_file(config, "json").data.decode() == configfile.dumps_json(config)
    assert editing.file_stem(Config(name="!!!")) == "hubwizard"
    with pytest.raises(ValueError, match="unknown format"):
        editing.export_file(config, "xml")


def test_size_of_counts_items():
    config = b2b()
    assert editing.size_of(config) == 7 + 4 + 3
    assert editing.size_of(Config()) == 0


def test_clean_values():
    assert editing.clean(float("nan")) is None
    assert editing.clean("  a ") == "a"
    assert editing.clean("") is None
    assert not math.isnan(editing.clean(1.5))
    assert editing.to_percent(0.1) == 10.0
    assert editing.from_percent("55") == 0.55
    assert Stage(id="a", label="A").is_open
    assert Pipeline(id="p", label="P").object == "deals"


def test_counts_in_words():
    assert editing.plural(1, "property") == "1 property"
    assert editing.plural(6, "property") == "6 properties"
    assert editing.plural(0, "stage") == "0 stages"
    assert editing.plural(2, "matching property") == "2 matching properties"
    assert editing.plural(1_200, "day") == "1,200 days"
    assert editing.ago(1000.0, now=1030.0) == "just now"
    assert editing.ago(1000.0, now=1000.0 + 5 * 60) == "5 minutes ago"
    assert editing.ago(1000.0, now=1000.0 + 86_400) == "1 day ago"


def test_field_types_by_hubspots_names_and_back():
    assert editing.kind_name(editing.kind_of("enumeration", "select")) == "Dropdown select"
    assert editing.kind_name(editing.kind_of("bool", None)) == "Single checkbox"
    assert editing.kind_name(editing.DEFAULT_KIND) == "Single-line text"
    assert editing.kind_parts("date/date") == ("date", "date")
    with pytest.raises(editing.EditRefused, match="not a field type"):
        editing.kind_parts("number/select")
    menu = [name for _, _, name in editing.PROPERTY_KINDS[:12]]
    assert menu[:3] == ["Single-line text", "Multi-line text", "Dropdown select"]
    for type_, field, _ in editing.PROPERTY_KINDS:  # every pair offered is one HubSpot accepts
        assert field_suits_type(type_, field), (type_, field)


def test_a_new_property_row_with_only_a_label_is_a_single_line_text():
    (prop,) = editing.properties_from_rows(
        editing.apply_table_edits([], {"added_rows": [{"label": "Region", "kind": editing.DEFAULT_KIND}]})
    )
    assert (prop.name, prop.type.value, prop.field.value) == ("region", "string", "text")


def test_where_a_setup_came_from_in_words():
    assert editing.source_words("template:b2b-sales") == "from the template “B2B sales starter”"
    assert editing.source_words("file:/tmp/x/ours.yaml") == "from the file ours.yaml"
    assert editing.source_words("portal:sandbox") == "imported from the sandbox portal"
    assert (
        editing.imported_name("sandbox (/home/me/.hubwizard/sandbox.sqlite3)")
        == "Imported from the sandbox portal"
    )
    assert "/" not in editing.imported_name("http://127.0.0.1:8000")


def test_a_picker_label_counts_the_findings_inside_its_item_only():
    found = [
        Finding("HW204", Severity.ERROR, "pipelines[1].stages[2].probability", "not a step of 10%"),
        Finding("HW201", Severity.WARNING, "pipelines[1].stages", "too many stages"),
        Finding("HW101", Severity.WARNING, "pipelines[10]", "same stages"),
    ]
    assert editing.with_findings("Sales", found, "pipelines[1]") == "Sales · 2 findings"
    assert editing.with_findings("Admin", found, "pipelines[10]") == "Admin · 1 finding"
    assert editing.with_findings("Other", found, "pipelines[0]") == "Other"
