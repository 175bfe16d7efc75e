"""The client-side limiter, on a fake clock."""

from __future__ import annotations

from hubwizard.ratelimit import RateLimiter


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_never_more_than_the_allowance_in_any_window():
    clock = Clock()
    limiter = RateLimiter(100, clock=clock, sleep=clock.sleep)
    sent = []
    for _ in range(400):
        limiter.acquire()
        sent.append(clock.now)
    for i, start in enumerate(sent):
        in_window = [t for t in sent[i:] if t < start + 10.0]
        assert len(in_window) <= limiter.allowance
    assert limiter.allowance == 92
    assert clock.now >= 30.0  # 400 calls at 92 per window: at least 4 windows


def test_learns_the_budget_and_pauses_when_the_portal_is_nearly_spent():
    clock = Clock()
    limiter = RateLimiter(100, clock=clock, sleep=clock.sleep)
    limiter.observe({"X-HubSpot-RateLimit-Max": "190", "X-HubSpot-RateLimit-Remaining": "150"})
    assert limiter.budget == 190 and limiter.allowance == 174
    limiter.observe({"X-HubSpot-RateLimit-Max": "190", "X-HubSpot-RateLimit-Remaining": "1"})
    limiter.acquire()
    assert clock.now >= 2.5  # held back while the window drains
    limiter.pause(5)
    before = clock.now
    limiter.acquire()
    assert clock.now - before >= 5
