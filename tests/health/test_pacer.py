"""The search pacer keeps the portal's per-second search limit whatever the delays: the portal
may count a search anywhere between its sending and its answer."""

from __future__ import annotations

import random

from hubwizard.searchlimit import SEARCH_PER_SECOND, SearchPacer


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_no_second_ever_holds_more_than_the_limit():
    rng = random.Random(5)
    fake = FakeTime()
    pacer = SearchPacer(clock=fake.clock, sleep=fake.sleep)
    counted = []
    for _ in range(500):
        slot = pacer.acquire()
        sent = fake.now
        # round trip 50 ms .. 2 s (a pause on the portal's side); counted anywhere inside it
        trip = 0.05 + (rng.random() * 2.0 if rng.random() < 0.05 else rng.random() * 0.1)
        counted.append(sent + rng.random() * trip)
        fake.now = sent + trip
        pacer.done(slot)
    counted.sort()
    for i in range(len(counted) - SEARCH_PER_SECOND):
        assert counted[i + SEARCH_PER_SECOND] - counted[i] > 1.0


def test_the_cost_is_one_round_trip_per_five_searches():
    fake = FakeTime()
    pacer = SearchPacer(clock=fake.clock, sleep=fake.sleep)
    for _ in range(500):
        slot = pacer.acquire()
        fake.now += 0.05
        pacer.done(slot)
    assert 500 / 5 * 1.0 < fake.now < 500 / 5 * 1.08


def test_threads_searching_at_once_share_the_limit():
    import threading
    import time

    pacer = SearchPacer()
    stamps: list[float] = []
    lock = threading.Lock()

    def search() -> None:
        for _ in range(4):
            slot = pacer.acquire()
            with lock:
                stamps.append(time.monotonic())
            time.sleep(0.01)
            pacer.done(slot)

    threads = [threading.Thread(target=search) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stamps.sort()
    assert len(stamps) == 24
    for i in range(len(stamps) - SEARCH_PER_SECOND):
        assert stamps[i + SEARCH_PER_SECOND] - stamps[i] > 1.0
