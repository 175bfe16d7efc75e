"""Portal-level reads: limits (``/crm/v3/limits/*``), owners (``/crm/v3/owners``) and account
details (``/account-info/v3/details``). Limits follow the sandbox's tier through
:mod:`hubwizard.hubspot_rules`.
"""

from __future__ import annotations

from typing import Any

from hubwizard import hubspot_rules as rules
from hubwizard.sandbox.errors import bad_request, not_found
from hubwizard.sandbox.portal import STANDARD_TYPES
from hubwizard.sandbox.router import Request, Response, Router
from hubwizard.sandbox.routes import pipelines, properties

OWNER_KIND = "owner"
CUSTOM_PROPERTIES_PER_ACCOUNT = 10_000
"""HubSpot's account-wide custom property cap (notes §2.2, third-party citing HubSpot's docs)."""
TIME_ZONE = "US/Eastern"
CURRENCY = "USD"


def _percentage(usage: int, limit: int) -> float:
    """Share of a limit in use, in percent (0–100) with two decimals."""
    return round(100 * usage / limit, 2) if limit else 0.0


def _entry(ot: Any, usage: int, limit: int | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "objectTypeId": ot.id,
        "singularLabel": ot.singular,
        "pluralLabel": ot.plural,
        "usage": usage,
    }
    if limit is not None:
        out["limit"] = limit
        out["percentage"] = _percentage(usage, limit)
    return out


def pipeline_limits(req: Request) -> Response:
    portal = req.portal
    limit = portal.pipeline_limit()

    def usage(type_id: str) -> int:
        return sum(1 for p in portal.store.list(pipelines.KIND, type_id) if not p.get("archived"))

    standard = [
        _entry(STANDARD_TYPES[rules.OBJECT_TYPE_IDS[n]], usage(rules.OBJECT_TYPE_IDS[n]), limit)
        for n in rules.PIPELINE_OBJECTS
    ]
    customs = [ot for ot in portal.all_object_types() if ot.custom]
    by_type = [_entry(ot, usage(ot.id), None) for ot in customs]
    overall_limit = limit * rules.CUSTOM_OBJECT_TYPES[portal.tier]
    overall_usage = sum(e["usage"] for e in by_type)
    return Response(
        200,
        {
            "hubspotDefinedObjectTypes": standard,
            "customObjectTypes": {
                "byObjectType": by_type,
                "overallLimit": overall_limit,
                "overallUsage": overall_usage,
                "overallPercentage": _percentage(overall_usage, overall_limit),
            },
        },
    )


def custom_object_limits(req: Request) -> Response:
    portal = req.portal
    limit = rules.CUSTOM_OBJECT_TYPES[portal.tier]
    usage = sum(1 for ot in portal.all_object_types() if ot.custom)
    return Response(200, {"limit": limit, "usage": usage, "percentage": _percentage(usage, limit)})


def custom_property_limits(req: Request) -> Response:
    portal = req.portal
    by_type = []
    for ot in portal.all_object_types():
        usage = sum(
            1
            for p in portal.store.list(properties.KIND, ot.id)
            if not p.get("hubspotDefined") and not p.get("archived")
        )
        by_type.append(_entry(ot, usage, rules.CUSTOM_PROPERTIES_PER_OBJECT))
    overall = sum(e["usage"] for e in by_type)
    return Response(
        200,
        {
            "byObjectType": by_type,
            "overallLimit": CUSTOM_PROPERTIES_PER_ACCOUNT,
            "overallUsage": overall,
            "overallPercentage": _percentage(overall, CUSTOM_PROPERTIES_PER_ACCOUNT),
        },
    )


def list_owners(req: Request) -> Response:
    limit = req.q_int("limit", 100, high=500)
    after = req.q("after") or "0"
    if not after.isdigit():
        raise bad_request(f"Invalid paging cursor 'after': {after}")
    archived = req.q_bool("archived")
    email = (req.q("email") or "").lower()
    owners = [
        o
        for o in req.portal.store.list(OWNER_KIND)
        if bool(o.get("archived")) == archived and (not email or o["email"].lower() == email)
    ]
    start = int(after)
    out: dict[str, Any] = {"results": owners[start : start + limit]}
    if start + limit < len(owners):
        nxt = str(start + limit)
        out["paging"] = {"next": {"after": nxt, "link": f"/crm/v3/owners/?after={nxt}&limit={limit}"}}
    return Response(200, out)


def get_owner(req: Request) -> Response:
    owner_id = req.params["ownerId"]
    id_property = req.q("idProperty", "id")
    for owner in req.portal.store.list(OWNER_KIND):
        key = str(owner["userId"]) if id_property == "userId" else owner["id"]
        if key == owner_id and bool(owner.get("archived")) == req.q_bool("archived"):
            return Response(200, owner)
    raise not_found(f"Owner {owner_id} does not exist")


def account_details(req: Request) -> Response:
    return Response(
        200,
        {
            "portalId": req.portal.portal_id,
            "accountType": "STANDARD",
            "timeZone": TIME_ZONE,
            "companyCurrency": CURRENCY,
            "additionalCurrencies": [],
            "utcOffset": "-05:00",
            "utcOffsetMilliseconds": -18_000_000,
            "uiDomain": "app.hubspot.com",
            "dataHostingLocation": "na1",
        },
    )


def register(router: Router) -> None:
    router.add("GET", "/crm/v3/limits/pipelines", pipeline_limits)
    router.add("GET", "/crm/v3/limits/custom-object-types", custom_object_limits)
    router.add("GET", "/crm/v3/limits/custom-properties", custom_property_limits)
    router.add("GET", "/crm/v3/owners", list_owners)
    router.add("GET", "/crm/v3/owners/{ownerId}", get_owner)
    router.add("GET", "/account-info/v3/details", account_details)
