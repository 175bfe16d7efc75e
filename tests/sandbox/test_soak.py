"""Soak: thousands of requests from 8 threads with a low rate limit.

No answer other than the intended 429s, and no lost write: every property a 201 announced is
listed afterwards, and the server's counters agree with what the clients saw.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections import Counter

import pytest

THREADS = 8
REQUESTS_PER_THREAD = 375  # 3,000 in all
RATE_LIMIT = 60  # per token per 10 s: most requests are refused, as intended


@pytest.mark.soak
def test_soak_eight_threads_low_rate_limit_no_lost_write(sb):
    sb.rate_limit = RATE_LIMIT
    host, port = sb.url.removeprefix("http://").split(":")
    created: list[str] = []
    statuses: Counter[int] = Counter()
    problems: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        token = f"pat-soak-{n % 4}"  # two threads per token: windows are per token
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        for i in range(REQUESTS_PER_THREAD):
            kind = i % 3
            if kind == 0:
                name = f"soak_{n}_{i}"
                body = {
                    "name": name,
                    "label": name,
                    "type": "string",
                    "fieldType": "text",
                    "groupName": "dealinformation",
                }
                conn.request("POST", "/crm/v3/properties/deals", json.dumps(body), headers)
            elif kind == 1:
                conn.request("GET", "/crm/v3/pipelines/deals", headers=headers)
            else:
                conn.request("GET", "/crm/v3/properties/deals/amount", headers=headers)
            answer = conn.getresponse()
            payload = json.loads(answer.read())
            with lock:
                statuses[answer.status] += 1
                if answer.status == 201:
                    created.append(payload["name"])
                elif answer.status == 429:
                    if payload.get("policyName") != "TEN_SECONDLY_ROLLING" or not answer.getheader(
                        "Retry-After"
                    ):
                        problems.append(f"bad 429: {payload}")
                elif answer.status != 200:
                    problems.append(f"{answer.status}: {payload}")
        conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)

    assert problems == []
    total = THREADS * REQUESTS_PER_THREAD
    assert sum(statuses.values()) == total
    assert statuses[429] > 0 and statuses[201] > 0
    assert statuses[200] + statuses[201] <= 4 * RATE_LIMIT, "each token gets at most its window"

    sb.rate_limit = None
    sb.limiter.reset()
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", "/crm/v3/properties/deals", headers={"Authorization": "Bearer pat-check"})
    listed = {p["name"] for p in json.loads(conn.getresponse().read())["results"]}
    conn.close()
    assert set(created) <= listed, "a write that was answered 201 was lost"
    assert len(created) == len(set(created))

    stats = sb.stats()
    assert stats["total"] == total + 1
    assert stats["rateLimited"] == statuses[429]
    assert stats["writes"] == len(created)


@pytest.mark.soak
def test_soak_concurrent_writes_are_all_kept(sb):
    """8 threads writing properties, pipelines and deals at once, no rate limit in the way."""
    sb.rate_limit = 100_000
    host, port = sb.url.removeprefix("http://").split(":")
    created: dict[str, list[str]] = {"properties": [], "pipelines": [], "deals": []}
    problems: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        headers = {"Authorization": f"Bearer pat-writer-{n}", "Content-Type": "application/json"}
        for i in range(60):
            if i % 3 == 0:
                name = f"w_{n}_{i}"
                body = {
                    "name": name,
                    "label": name,
                    "type": "string",
                    "fieldType": "text",
                    "groupName": "dealinformation",
                }
                kind, path = "properties", "/crm/v3/properties/deals"
            elif i % 12 == 1:  # 40 pipelines in all: under the enterprise cap of 100
                body = {
                    "label": f"P {n} {i}",
                    "displayOrder": i,
                    "stages": [{"label": "A", "displayOrder": 0, "metadata": {"probability": "0.5"}}],
                }
                kind, path = "pipelines", "/crm/v3/pipelines/deals"
            else:
                body = {"properties": {"dealname": f"D {n} {i}", "amount": str(i)}}
                kind, path = "deals", "/crm/v3/objects/deals"
            conn.request("POST", path, json.dumps(body), headers)
            answer = conn.getresponse()
            payload = json.loads(answer.read())
            with lock:
                if answer.status == 201:
                    created[kind].append(payload.get("name") or payload["id"])
                else:
                    problems.append(f"{answer.status} {path}: {payload.get('message')}")
        conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert problems == []
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    auth = {"Authorization": "Bearer pat-check"}

    def get(path: str) -> dict:
        conn.request("GET", path, headers=auth)
        return json.loads(conn.getresponse().read())

    assert set(created["properties"]) <= {p["name"] for p in get("/crm/v3/properties/deals")["results"]}
    pipeline_ids = {p["id"] for p in get("/crm/v3/pipelines/deals")["results"]}
    assert set(created["pipelines"]) <= pipeline_ids and len(pipeline_ids) == 1 + len(created["pipelines"])
    deal_ids, after = set(), "0"
    while after is not None:
        page = get(f"/crm/v3/objects/deals?limit=100&after={after}")
        deal_ids |= {d["id"] for d in page["results"]}
        after = page.get("paging", {}).get("next", {}).get("after")
    assert set(created["deals"]) <= deal_ids and len(deal_ids) == 8 + len(created["deals"])
    assert sum(len(v) for v in created.values()) == THREADS * 60
    conn.close()
