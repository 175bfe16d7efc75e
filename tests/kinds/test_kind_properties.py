"""Per kind, property-based: whatever a kind can write it reads back identically, so
``export(apply(config))`` re-plans to nothing (and so does the config itself)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from round_trip import round_trip, writes

from hubwizard.config import (
    Config,
    CustomObject,
    ObjectPropertyGroup,
    Pipeline,
    Property,
    PropertyGroup,
    Stage,
)
from hubwizard.hubspot_rules import FIELDS_BY_TYPE, FieldType, PropertyType

SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
WORDS = ["Lead", "Quote", "Demo", "Größe", "Devis envoyé", "交易", "Follow", "Review", "Ready", "Signed"]
labels = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
tenths = st.integers(0, 9).map(lambda n: n / 10)


@st.composite
def deal_pipeline(draw: st.DrawFn, index: int) -> Pipeline:
    count = draw(st.integers(1, 5))
    names = draw(st.lists(labels, min_size=count, max_size=count, unique_by=str.casefold))
    stages = [Stage(id=f"s{i}", label=name, probability=draw(tenths)) for i, name in enumerate(names)]
    stages += [
        Stage(id="won", label="Won it", probability=1.0, closed="won"),
        Stage(id="lost", label="Lost it", probability=0.0, closed="lost"),
    ]
    return Pipeline(id=f"deals_{index}", object="deals", label=f"Board {index} {draw(labels)}", stages=stages)


@st.composite
def ticket_pipeline(draw: st.DrawFn, index: int) -> Pipeline:
    count = draw(st.integers(1, 4))
    names = draw(st.lists(labels, min_size=count, max_size=count, unique_by=str.casefold))
    stages = [Stage(id=f"s{i}", label=name, state="open") for i, name in enumerate(names)]
    stages.append(Stage(id="closed", label="Closed for good", state="closed"))
    return Pipeline(id=f"tickets_{index}", object="tickets", label=f"Desk {index}", stages=stages)


@st.composite
def a_property(draw: st.DrawFn, name: str) -> Property:
    type_ = draw(st.sampled_from(list(PropertyType)))
    field = draw(
        st.sampled_from([f for f in FIELDS_BY_TYPE[type_] if f is not FieldType.CALCULATION_EQUATION])
    )
    options: list[dict[str, str]] = []
    if type_ is PropertyType.ENUMERATION:
        values = draw(st.lists(labels, min_size=1, max_size=4, unique_by=str.casefold))
        options = [
            {"label": v, "value": f"v{i}", "description": draw(st.sampled_from(["", "Why"]))}
            for i, v in enumerate(values)
        ]
    return Property.model_validate(
        {
            "name": name,
            "label": draw(labels),
            "type": type_,
            "field": field,
            "options": options,
            "description": draw(st.none() | labels),
            "hidden": draw(st.booleans()),
            "unique": type_ in (PropertyType.STRING, PropertyType.NUMBER) and draw(st.booleans()),
        }
    )


@st.composite
def property_groups(draw: st.DrawFn) -> list[PropertyGroup]:
    out = []
    hubspot = {
        "deals": "dealinformation",
        "contacts": "contactinformation",
        "companies": "companyinformation",
    }
    for g, object_name in enumerate(draw(st.lists(st.sampled_from(sorted(hubspot)), min_size=1, max_size=3))):
        own = draw(st.booleans())
        count = draw(st.integers(0, 4))
        props = [draw(a_property(f"p{g}_{i}_{object_name[:3]}")) for i in range(count)]
        out.append(
            PropertyGroup(
                object=object_name,
                name=hubspot[object_name] if own else f"group_{g}",
                label="HubSpot's own" if own else draw(labels),
                hubspot_defined=own,
                properties=props,
            )
        )
    return _unique_groups(out)


def _unique_groups(groups: list[PropertyGroup]) -> list[PropertyGroup]:
    seen, out = set(), []
    for group in groups:
        if (group.object, group.name) not in seen:
            seen.add((group.object, group.name))
            out.append(group)
    return out


@st.composite
def custom_object(draw: st.DrawFn) -> CustomObject:
    props = [Property(name="thing_name", label="Name")] + [
        draw(a_property(f"thing_{i}")) for i in range(draw(st.integers(0, 4)))
    ]
    split = draw(st.integers(1, len(props)))
    groups = [ObjectPropertyGroup(name="thing_main", label=draw(labels), properties=props[:split])]
    if props[split:]:
        groups.append(ObjectPropertyGroup(name="thing_more", label="More", properties=props[split:]))
    return CustomObject(
        name="things",
        singular=f"Thing {draw(labels)}",
        plural="Things",
        description=draw(st.none() | labels),
        primary_property="thing_name",
        required=["thing_name"] if draw(st.booleans()) else [],
        associations=draw(
            st.lists(st.sampled_from(["deals", "contacts", "companies"]), unique=True, max_size=2)
        ),
        property_groups=groups,
    )


def _check(sandbox, config: Config) -> None:
    result = round_trip(sandbox, config)
    assert writes(result.replanned) == []
    assert writes(result.original) == []


@SETTINGS
@given(st.data())
def test_pipelines_round_trip(sandbox, data):
    deals = [data.draw(deal_pipeline(i)) for i in range(data.draw(st.integers(1, 2)))]
    tickets = [data.draw(ticket_pipeline(i)) for i in range(data.draw(st.integers(0, 1)))]
    _check(sandbox, Config(portal={"tier": "enterprise"}, pipelines=deals + tickets))


@SETTINGS
@given(property_groups())
def test_property_groups_round_trip(sandbox, groups):
    _check(sandbox, Config(portal={"tier": "enterprise"}, property_groups=groups))


@SETTINGS
@given(st.data())
def test_custom_objects_round_trip(sandbox, data):
    obj = data.draw(custom_object())
    pipelines = []
    if data.draw(st.booleans()):
        pipelines.append(
            Pipeline(
                id="thing_flow",
                object="things",
                label="Thing flow",
                stages=[
                    Stage(id="a", label="Open one", state="open"),
                    Stage(id="b", label="Done", state="closed"),
                ],
            )
        )
    _check(sandbox, Config(portal={"tier": "enterprise"}, custom_objects=[obj], pipelines=pipelines))
