"""Prune states exactly what a stage holds, however many deals: every search page is read."""

from __future__ import annotations

import requests
from provisioning_helpers import TOKEN, apply

from hubwizard.plan import Action
from hubwizard.provision import plan_against
from hubwizard.templates import get_template


def _seed_deals(url: str, pipeline: str, stage: str, amounts: list[int]) -> None:
    with requests.Session() as session:
        session.headers["Authorization"] = f"Bearer {TOKEN}"
        for i, amount in enumerate(amounts):
            properties = {
                "dealname": f"D{i}",
                "pipeline": pipeline,
                "dealstage": stage,
                "amount": str(amount),
            }
            answer = session.post(f"{url}/crm/v3/objects/deals", json={"properties": properties}, timeout=5)
            assert answer.status_code == 201, answer.text


def test_a_stage_with_150_deals_shows_their_exact_count_and_amount(portal, sandbox):
    config = get_template("b2b-sales").fresh_config()
    assert apply(portal, config).report.ok
    pipeline = portal.gateway.create_pipeline(
        "deals",
        "Old products",
        5,
        [
            {"label": "Open", "displayOrder": 0, "metadata": {"probability": "0.5"}},
            {"label": "Won", "displayOrder": 1, "metadata": {"probability": "1.0", "isClosed": "true"}},
        ],
    )
    open_stage, won_stage = (str(s["id"]) for s in pipeline["stages"])
    amounts = [1000 + i for i in range(150)]  # 150 deals worth 161,175 in all
    sandbox.rate_limit = 100_000  # seeding 153 deals is not what is measured here
    try:
        _seed_deals(sandbox.url, str(pipeline["id"]), open_stage, amounts)
        _seed_deals(sandbox.url, str(pipeline["id"]), won_stage, [250] * 3)
        plan = _planned_with_prune(portal, config)
    finally:
        sandbox.rate_limit = None
    op = next(o for o in plan.operations if o.target.get("pipelineId") == str(pipeline["id"]))
    assert op.action is Action.KEEP
    assert "holds 153 records worth 161,925" in op.title
    assert "stage *Open*: 150 records worth 161,175" in op.notes
    assert "stage *Won*: 3 records worth 750" in op.notes


def _planned_with_prune(portal, config):
    searches_before = portal.gateway.stats.by_endpoint["POST /crm/v3/objects/{objectType}/search"]

    plan = plan_against(portal, config, prune=True).plan
    searches = portal.gateway.stats.by_endpoint["POST /crm/v3/objects/{objectType}/search"] - searches_before
    assert searches == 3  # two pages for Open, one for Won
    return plan
