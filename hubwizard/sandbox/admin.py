"""The sandbox's own paths, ``/_sandbox/*``: health, statistics, recent requests, reset, faults,
configuration and the clock. No token, no rate limit, not counted; the provisioner never calls them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hubwizard.sandbox.clock import parse_moment
from hubwizard.sandbox.errors import bad_request
from hubwizard.sandbox.portal import parse_tier
from hubwizard.sandbox.router import Request, Response, Router

if TYPE_CHECKING:
    from hubwizard.sandbox.server import SandboxServer


def build_router(sandbox: SandboxServer) -> Router:
    router = Router()

    def health(req: Request) -> Response:
        return Response(
            200, {"ok": True, "tier": sandbox.portal.tier.value, "portalId": sandbox.portal.portal_id}
        )

    def stats(req: Request) -> Response:
        return Response(200, sandbox.stats())

    def requests(req: Request) -> Response:
        limit = req.q_int("limit", 100, low=0, high=1000)
        return Response(200, {"results": sandbox.recent_requests(limit)})

    def reset(req: Request) -> Response:
        sandbox.reset()
        return Response(200, {"ok": True})

    def get_faults(req: Request) -> Response:
        return Response(200, sandbox.faults.as_dict())

    def set_faults(req: Request) -> Response:
        body = req.json_object()
        if body.get("clear"):
            sandbox.faults.clear()
            body = {k: v for k, v in body.items() if k != "clear"}
        try:
            sandbox.faults.update(**body)
        except ValueError as exc:
            raise bad_request(str(exc))
        return Response(200, sandbox.faults.as_dict())

    def get_config(req: Request) -> Response:
        return Response(200, sandbox.config())

    def set_config(req: Request) -> Response:
        body = req.json_object()
        unknown = set(body) - {"tier", "rateLimit", "dailyLimit"}
        if unknown:
            raise bad_request(
                f"Unknown settings: {', '.join(sorted(unknown))}; use tier, rateLimit, dailyLimit"
            )
        if "tier" in body:
            sandbox.set_tier(parse_tier(str(body["tier"])))
        for key, attr in (("rateLimit", "rate_limit"), ("dailyLimit", "daily_limit")):
            if key in body:
                value: Any = body[key]
                if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                    raise bad_request(f"{key} must be a whole number >= 1, or null for the tier's limit")
                setattr(sandbox, attr, value)
        return Response(200, sandbox.config())

    def get_clock(req: Request) -> Response:
        clock = sandbox.portal.clock
        return Response(200, {"now": clock.iso(), "set": clock.is_set})

    def set_clock(req: Request) -> Response:
        body = req.json_object()
        if set(body) != {"now"}:
            raise bad_request(
                'Send {"now": "<ISO time>"} to set the clock, or {"now": null} for the real time'
            )
        value = body["now"]
        if value is None:
            sandbox.portal.clock.set(None)
        else:
            try:
                sandbox.portal.clock.set(parse_moment(str(value)))
            except ValueError:
                raise bad_request(f"now: '{value}' is not an ISO time such as 2026-03-01T09:00:00Z")
        return get_clock(req)

    def seed_deals(req: Request) -> Response:
        from hubwizard.sandbox.seed_deals import seed_summary

        body = req.json_object()
        deals, seed = body.get("deals"), body.get("seed", 1)
        if isinstance(deals, bool) or not isinstance(deals, int) or not 1 <= deals <= 1_000_000:
            raise bad_request("deals must be a whole number from 1 to 1,000,000")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise bad_request("seed must be a whole number")
        try:
            summary = seed_summary(sandbox.portal, deals, seed, str(body.get("pipeline") or "default"))
        except ValueError as exc:
            raise bad_request(str(exc))
        return Response(200, summary)

    router.add("GET", "/_sandbox/health", health)
    router.add("POST", "/_sandbox/seed-deals", seed_deals)
    router.add("GET", "/_sandbox/clock", get_clock)
    router.add("POST", "/_sandbox/clock", set_clock)
    router.add("GET", "/_sandbox/stats", stats)
    router.add("GET", "/_sandbox/requests", requests)
    router.add("POST", "/_sandbox/reset", reset)
    router.add("GET", "/_sandbox/faults", get_faults)
    router.add("POST", "/_sandbox/faults", set_faults)
    router.add("GET", "/_sandbox/config", get_config)
    router.add("POST", "/_sandbox/config", set_config)
    return router
