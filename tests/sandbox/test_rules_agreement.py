"""The sandbox accepts exactly what hubspot_rules accepts: the linter and the sandbox agree."""

from __future__ import annotations

import http.client
import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubwizard import hubspot_rules as rules

LABELS = itertools.count()
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def conn(sandbox):
    host, port = sandbox.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    yield connection
    connection.close()


@pytest.fixture(autouse=True)
def roomy(sb):
    sb.rate_limit = 1_000_000


def post(conn, path: str, body: dict) -> tuple[int, dict]:
    conn.request(
        "POST", path, json.dumps(body), {"Authorization": "Bearer t", "Content-Type": "application/json"}
    )
    answer = conn.getresponse()
    return answer.status, json.loads(answer.read())


@SETTINGS
@given(
    st.one_of(
        st.floats(min_value=-0.5, max_value=1.5), st.sampled_from([0.0, 0.1, 0.3, 0.7, 1.0, 0.25, 0.05])
    )
)
def test_probabilities(conn, value):
    status, body = post(
        conn,
        "/crm/v3/pipelines/deals/default/stages",
        {"label": f"S {next(LABELS)}", "displayOrder": 9, "metadata": {"probability": repr(value)}},
    )
    if rules.probability_problem(value) is None:
        assert status == 201, body
        assert body["metadata"]["probability"] == rules.normalise_probability(value)
        conn.request(
            "DELETE",
            f"/crm/v3/pipelines/deals/default/stages/{body['id']}",
            headers={"Authorization": "Bearer t"},
        )
        answer = conn.getresponse()
        answer.read()
        assert answer.status == 204
    else:
        assert status == 400, body


@SETTINGS
@given(
    st.text(alphabet="abcxyzAZ09_-é. ", min_size=0, max_size=12) | st.sampled_from(["hs_x", "ok_name", "x1"])
)
def test_property_names(conn, name):
    status, body = post(
        conn,
        "/crm/v3/properties/companies",
        {
            "name": name,
            "label": "L",
            "type": "string",
            "fieldType": "text",
            "groupName": "companyinformation",
        },
    )
    if rules.name_problem(name) is None:
        assert status in (201, 409), body
    else:
        assert status == 400, body


@SETTINGS
@given(
    st.sampled_from([t.value for t in rules.PropertyType] + ["text"]),
    st.sampled_from([f.value for f in rules.FieldType] + ["dropdown"]),
)
def test_type_field_pairs(conn, type_, field):
    body = {
        "name": f"p_{type_}_{field}",
        "label": "L",
        "type": type_,
        "fieldType": field,
        "groupName": "ticketinformation",
        "options": [{"label": "A", "value": "a", "hidden": False}],
    }
    status, answer = post(conn, "/crm/v3/properties/tickets", body)
    if rules.field_suits_type(type_, field):
        assert status in (201, 409), answer
    else:
        assert status == 400, answer
