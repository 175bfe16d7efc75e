"""A history sent through HubSpot's public deal API (the official SDK's batch endpoints, the
sandbox clock set for each day) and read back by the health check's reader gives the same
analysis as the generator's own ground truth. So does a seeded portal whose older deals carry
legacy stage dates and some deals only a value history."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import pytest
from health_helpers import NOW, by_name
from hubspot.crm.deals import (
    BatchInputSimplePublicObjectBatchInput,
    BatchInputSimplePublicObjectBatchInputForCreate,
    BatchInputSimplePublicObjectId,
    SimplePublicObjectBatchInput,
    SimplePublicObjectBatchInputForCreate,
    SimplePublicObjectId,
)

from hubwizard.deals import SLICES, read_pipeline
from hubwizard.gateway import Gateway
from hubwizard.health.analysis import analyse
from hubwizard.health.frame import frame_from_history
from hubwizard.health.generator import generate, iso
from hubwizard.sandbox.seed_deals import seed_deals

SINCE = NOW - timedelta(days=365)


def archive_sample_deals(client) -> None:
    """The fresh sandbox's eight sample deals sit in the same pipeline; take them out."""
    ids = [d.id for d in client.crm.deals.basic_api.get_page(limit=100).results]
    client.crm.deals.batch_api.archive(
        BatchInputSimplePublicObjectId(inputs=[SimplePublicObjectId(id=i) for i in ids])
    )


def replay(sb, client, history) -> dict[str, str]:
    """Every change of the history at its own moment; returns deal name → record id."""
    batch = client.crm.deals.batch_api
    closed = {history.won_stage, history.lost_stage}
    days: dict[float, dict[str, list]] = defaultdict(lambda: {"create": [], "move": []})
    for deal in history.deals:
        days[deal.created]["create"].append(deal)
        for stage, at in deal.visits[1:]:
            days[at]["move"].append((deal, stage))
    ids: dict[str, str] = {}
    for moment in sorted(days):
        sb.portal.clock.set(None)
        _set_clock(sb, iso(moment))
        todo = days[moment]
        for start in range(0, len(todo["create"]), 100):
            chunk = todo["create"][start : start + 100]
            inputs = []
            for deal in chunk:
                props = {
                    "dealname": deal.name,
                    "amount": f"{deal.amount:.0f}",
                    "pipeline": history.pipeline_id,
                    "dealstage": deal.visits[0][0],
                    "hubspot_owner_id": deal.owner,
                }
                if deal.visits[-1][0] not in closed:
                    props["closedate"] = iso(deal.close_date)
                inputs.append(SimplePublicObjectBatchInputForCreate(properties=props))
            answer = batch.create(BatchInputSimplePublicObjectBatchInputForCreate(inputs=inputs))
            for deal, record in zip(chunk, answer.results, strict=True):
                assert record.properties["dealname"] == deal.name
                ids[deal.name] = record.id
        moves = todo["move"]
        for start in range(0, len(moves), 100):
            inputs = [
                SimplePublicObjectBatchInput(id=ids[deal.name], properties={"dealstage": stage})
                for deal, stage in moves[start : start + 100]
            ]
            batch.update(BatchInputSimplePublicObjectBatchInput(inputs=inputs))
    _set_clock(sb, iso(history.now))
    deals = history.deals
    for start in range(0, len(deals), 100):
        inputs = [
            SimplePublicObjectBatchInput(
                id=ids[d.name], properties={"notes_last_updated": iso(d.last_activity)}
            )
            for d in deals[start : start + 100]
        ]
        batch.update(BatchInputSimplePublicObjectBatchInput(inputs=inputs))
    return ids


def _set_clock(sb, when: str) -> None:
    import json
    import urllib.request

    request = urllib.request.Request(
        f"{sb.url}/_sandbox/clock",
        data=json.dumps({"now": when}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(request, timeout=5).close()


@pytest.fixture
def gateway(sb):
    gw = Gateway(sb.url, "pat-test")
    yield gw
    gw.close()


def compare(gateway, history, since=SINCE):
    frame, report = read_pipeline(gateway, history.pipeline_id, now=NOW, since=since)
    truth = frame_from_history(history, frame.pipeline, since=since.timestamp())
    read = analyse(frame).to_json()
    expected = analyse(truth).to_json()
    assert read["deals_read"] == expected["deals_read"] > 0
    assert by_name(read) == by_name(expected)
    assert read["pile_ups"] == [history.bottleneck_label]
    assert {d["name"] for d in read["stranded"]} == {d.name for d in history.deals if d.stranded}
    return report


def test_replayed_history_gives_the_ground_truth_analysis(sb, client, gateway):
    sb.rate_limit = 100_000  # the replay's own writes are not what this test measures
    archive_sample_deals(client)
    history = generate(900, 11, now=NOW, span_days=420, legacy=False, history_only_share=0.0)
    ids = replay(sb, client, history)
    assert len(ids) == 900
    report = compare(gateway, history)
    assert report.from_history == 0  # every deal carries v2 stage dates


def test_seeded_portal_with_legacy_and_history_only_deals(sb, client, gateway):
    archive_sample_deals(client)
    history = generate(2400, 12, now=NOW, span_days=700)
    assert sum(d.legacy for d in history.deals) > 100 and sum(d.history_only for d in history.deals) > 20
    seed_deals(sb.portal, history)
    report = compare(gateway, history, since=NOW - timedelta(days=720))
    assert report.deals == 2400
    assert report.from_history == sum(d.history_only for d in history.deals)
    assert 2400 / 200 < report.search_pages <= 2400 / 200 + 1 + SLICES  # the newest id, slice ends


def test_reader_goes_past_the_search_cap_of_10000(sb, client, gateway):
    archive_sample_deals(client)
    history = generate(10_300, 13, now=NOW, span_days=300)
    seed_deals(sb.portal, history)
    frame, report = read_pipeline(gateway, "default", now=NOW, since=NOW - timedelta(days=400))
    assert report.deals == len(frame.deals) == 10_300
    assert frame.deals["id"].is_unique
    assert 10_300 / 200 < report.search_pages <= 52 + 1 + SLICES  # the newest id, slice ends
    assert gateway.stats.rate_limited == 0
    assert sb.stats()["rateLimited"] == 0
