"""Property-based tests: generated configs round-trip; fuzzed files only raise ConfigError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubwizard import configfile
from hubwizard.config import Config
from hubwizard.configfile import ConfigError
from hubwizard.hubspot_rules import FieldType, PropertyType, Tier
from hubwizard.templates import list_templates

ids = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
texts = st.text(min_size=1, max_size=30)
maybe = lambda s: st.none() | s  # noqa: E731

stages = st.fixed_dictionaries(
    {"id": ids, "label": texts},
    optional={
        "probability": st.floats(-2, 2, allow_nan=False),
        "closed": st.sampled_from(["won", "lost"]),
        "state": st.sampled_from(["open", "closed"]),
        "hubspot_id": texts,
    },
)
options = st.one_of(
    texts,
    st.fixed_dictionaries(
        {"label": texts, "value": texts}, optional={"description": texts, "hidden": st.booleans()}
    ),
)
properties = st.fixed_dictionaries(
    {"name": ids, "label": texts},
    optional={
        "type": st.sampled_from([t.value for t in PropertyType]),
        "field": st.sampled_from([f.value for f in FieldType]),
        "options": st.lists(options, max_size=4),
        "description": texts,
        "unique": st.booleans(),
    },
)
groups = st.fixed_dictionaries(
    {"name": ids, "label": texts, "properties": st.lists(properties, max_size=3)},
    optional={"object": st.sampled_from(["deals", "contacts", "tickets", "application"])},
)
steps = st.one_of(
    st.builds(lambda d, h: {"delay": {"days": d, "hours": h}}, st.integers(1, 90), st.integers(0, 23)),
    st.builds(
        lambda s, p: {"create_task": {"subject": s, "priority": p}},
        texts,
        st.sampled_from(["low", "medium", "high"]),
    ),
    st.builds(lambda s, b: {"notify_owner": {"subject": s, "body": b}}, texts, st.text(max_size=40)),
    st.builds(lambda e: {"send_email": {"email_id": e}}, texts),
    st.builds(lambda p, v: {"set_property": {"property": p, "value": v}}, ids, texts),
    st.builds(lambda p, s: {"move_to_stage": {"pipeline": p, "stage": s}}, ids, ids),
    st.builds(lambda p, s: {"copy_to_pipeline": {"pipeline": p, "stage": s}}, ids, ids),
    st.builds(lambda o: {"assign_owner": {"owner": o}}, texts),
    st.builds(lambda a: {"hubspot_action": {"actionTypeId": a, "fields": {"x": [1, "y", None]}}}, texts),
)
triggers = st.one_of(
    st.builds(lambda p, s: {"stage_entered": {"pipeline": p, "stage": s}}, ids, ids),
    st.builds(
        lambda p, v: {"property_is": {"property": p, "values": v}},
        ids,
        st.lists(texts, min_size=1, max_size=3),
    ),
)
workflows = st.fixed_dictionaries(
    {"id": ids, "name": texts, "trigger": triggers, "steps": st.lists(steps, max_size=4)},
    optional={
        "enabled": st.booleans(),
        "exit_when_trigger_no_longer_true": st.booleans(),
        "hubspot_id": texts,
    },
)
custom_objects = st.fixed_dictionaries(
    {"name": ids, "singular": texts, "plural": texts, "primary_property": ids},
    optional={
        "required": st.lists(ids, max_size=2),
        "associations": st.lists(st.sampled_from(["contacts", "companies", "deals"]), max_size=2),
        "property_groups": st.lists(
            st.fixed_dictionaries(
                {"name": ids, "label": texts, "properties": st.lists(properties, max_size=2)}
            ),
            max_size=2,
        ),
        "description": texts,
    },
)
configs = st.fixed_dictionaries(
    {"name": texts},
    optional={
        "description": st.text(max_size=80),
        "tags": st.lists(texts, max_size=3),
        "portal": st.builds(lambda t: {"tier": t}, st.sampled_from([t.value for t in Tier])),
        "pipelines": st.lists(
            st.fixed_dictionaries(
                {"id": ids, "label": texts, "stages": st.lists(stages, max_size=5)},
                optional={"object": st.sampled_from(["deals", "tickets"])},
            ),
            max_size=3,
        ),
        "property_groups": st.lists(groups, max_size=2),
        "custom_objects": st.lists(custom_objects, max_size=1),
        "workflows": st.lists(workflows, max_size=2),
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configs)
def test_generated_configs_round_trip(data):
    config = Config.model_validate(data)
    text = configfile.dumps(config)
    assert configfile.loads(text).config == config
    assert configfile.loads(configfile.dumps_json(config), "x.json").config == config


TEMPLATE_TEXTS = [configfile.dumps(t.config) for t in list_templates()]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(TEMPLATE_TEXTS),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 5), st.text(max_size=4)), min_size=1, max_size=6),
)
def test_mutated_templates_only_raise_config_error(text, edits):
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    try:
        configfile.loads(text, "fuzz.yaml")
    except ConfigError as exc:
        assert exc.problems
        assert all(p.source == "fuzz.yaml" for p in exc.problems)
        assert all(p.message for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.text(alphabet="{}[]:-,&*!|>'\"#%@` \n\tab01", max_size=200))
def test_random_input_only_raises_config_error(blob):
    for source in ("fuzz.yaml", "fuzz.json"):
        try:
            configfile.loads(blob, source)
        except ConfigError as exc:
            assert exc.problems
