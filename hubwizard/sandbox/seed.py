"""What a fresh HubSpot portal holds, written into an empty sandbox.

- HubSpot's own property groups as a portal of today has them, many per object (from
  :mod:`hubwizard.kinds.properties`: deals also get ``dealstages``, ``deal_revenue``, ...; groups
  carry no ``hubspotDefined`` key, as in HubSpot), its native properties (from
  :mod:`hubwizard.natives`, marked ``hubspotDefined``), the system properties every record has,
  and the ``hs_v2_*`` stage-history properties of the default deal stages in ``dealstages``;
- the default deal pipeline ``default`` ("Sales Pipeline") with HubSpot's fixed stage ids and
  probabilities, and the default ticket pipeline ``0`` with stages ``1``–``4`` (created in 1970,
  as HubSpot's defaults are; metadata values are strings);
- four owners with ``@example.com`` addresses;
- eight sample deals spread over the default pipeline's stages, with amounts and owners.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hubwizard import natives
from hubwizard.hubspot_rules import DEFAULT_DEAL_STAGES, DEFAULT_TICKET_STAGES, OBJECT_TYPE_IDS
from hubwizard.kinds.properties import HUBSPOT_GROUPS
from hubwizard.sandbox.routes import objects, pipelines, properties
from hubwizard.sandbox.routes.account import OWNER_KIND
from hubwizard.sandbox.store import now_iso

if TYPE_CHECKING:
    from hubwizard.sandbox.portal import Portal

SYSTEM_PROPERTIES = {
    # object: (name, label, type, fieldType)
    "all": (
        ("hs_object_id", "Record ID", "number", "number"),
        ("createdate", "Create date", "datetime", "date"),
        ("hs_lastmodifieddate", "Last modified date", "datetime", "date"),
    ),
    "tickets": (
        ("hs_pipeline", "Pipeline", "enumeration", "select"),
        ("hs_pipeline_stage", "Ticket status", "enumeration", "select"),
    ),
}
OWNERS = (
    # id, userId, first, last, team
    ("75000001", 9100001, "Alex", "Martin", "Sales"),
    ("75000002", 9100002, "Sam", "Dubois", "Sales"),
    ("75000003", 9100003, "Robin", "Schmidt", "Sales"),
    ("75000004", 9100004, "Kim", "Garcia", "Customer Success"),
)
TEAMS = {"Sales": "4100001", "Customer Success": "4100002"}
SAMPLE_DEALS = (
    # name, amount, stage, owner index
    ("Acme Corp - annual licence", "12000", "appointmentscheduled", 0),
    ("Globex - pilot", "4500", "qualifiedtobuy", 1),
    ("Initech - team plan", "8000", "qualifiedtobuy", 2),
    ("Umbrella - expansion", "25000", "presentationscheduled", 0),
    ("Hooli - renewal", "18000", "decisionmakerboughtin", 1),
    ("Stark Industries - enterprise", "60000", "contractsent", 2),
    ("Wayne Enterprises - starter", "3000", "closedwon", 3),
    ("Cyberdyne - proof of concept", "7000", "closedlost", 0),
)
SAMPLE_CLOSE_DATE = "2026-12-15T00:00:00.000Z"
DEFAULTS_CREATED = "1970-01-01T00:00:00Z"
"""HubSpot's default pipelines and stages carry this creation date."""
STAGE_HISTORY = (
    # name prefix, label pattern, type, fieldType
    ("hs_v2_date_entered_", 'Date entered "{}"', "datetime", "date"),
    ("hs_v2_date_exited_", 'Date exited "{}"', "datetime", "date"),
    ("hs_v2_latest_time_in_", 'Latest time in "{}"', "number", "number"),
    ("hs_v2_cumulative_time_in_", 'Cumulative time in "{}"', "number", "number"),
)
"""HubSpot's calculated stage-history properties, one set per deal stage, in group ``dealstages``."""


def seed_portal(portal: Portal) -> None:
    """Fill an empty store with a fresh portal (the caller holds the transaction)."""
    store = portal.store
    _seed_properties(portal)
    at = now_iso()
    defaults = DEFAULTS_CREATED
    deal_stages = [
        pipelines.new_stage(
            sid, label, i, {"probability": prob, "isClosed": "true" if closed else "false"}, defaults
        )
        for i, (sid, label, prob, closed) in enumerate(DEFAULT_DEAL_STAGES)
    ]
    store.put(
        pipelines.KIND,
        "0-3",
        "default",
        pipelines.new_pipeline("default", "Sales Pipeline", 0, deal_stages, defaults),
    )
    ticket_stages = [
        pipelines.new_stage(sid, label, i, {"ticketState": state}, defaults)
        for i, (sid, label, state) in enumerate(DEFAULT_TICKET_STAGES)
    ]
    store.put(
        pipelines.KIND,
        "0-5",
        "0",
        pipelines.new_pipeline("0", "Support Pipeline", 0, ticket_stages, defaults),
    )
    for owner_id, user_id, first, last, team in OWNERS:
        store.put(
            OWNER_KIND,
            "",
            owner_id,
            {
                "id": owner_id,
                "email": f"{first.lower()}.{last.lower()}@example.com",
                "type": "PERSON",
                "firstName": first,
                "lastName": last,
                "userId": user_id,
                "userIdIncludingInactive": user_id,
                "createdAt": at,
                "updatedAt": at,
                "archived": False,
                "teams": [{"id": TEAMS[team], "name": team, "primary": True}],
            },
        )
    deals = portal.object_type("deals")
    for name, amount, stage, owner in SAMPLE_DEALS:
        values = {
            "dealname": name,
            "amount": amount,
            "pipeline": "default",
            "dealstage": stage,
            "closedate": SAMPLE_CLOSE_DATE,
            "hubspot_owner_id": OWNERS[owner][0],
        }
        record = objects.new_record(portal, deals, values, at)
        store.put(objects.KIND, deals.id, record["id"], record)


def _seed_properties(portal: Portal) -> None:
    store = portal.store
    for obj, type_id in OBJECT_TYPE_IDS.items():
        groups = dict(HUBSPOT_GROUPS.get(obj, ()))
        groups.update(
            {name: label for name, label in natives.NATIVE_GROUPS.get(obj, ()) if name not in groups}
        )
        for order, (name, label) in enumerate(groups.items()):
            store.put(
                properties.GROUP_KIND,
                type_id,
                name,
                properties.new_group_doc(name, label, order, hubspot_defined=True),
            )
        first_group = next(iter(groups))
        for order, native in enumerate(natives.natives_of(obj)):
            options = [
                {"label": label, "value": value, "displayOrder": i, "hidden": False, "description": ""}
                for i, (label, value) in enumerate(native.options)
            ]
            doc = properties.new_property_doc(
                native.name,
                native.label,
                native.type,
                native.field,
                native.group,
                description=native.description,
                options=options,
                hubspot_defined=True,
                display_order=order,
            )
            store.put(properties.KIND, type_id, native.name, doc)
        for name, label, type_, field in (*SYSTEM_PROPERTIES["all"], *SYSTEM_PROPERTIES.get(obj, ())):
            if store.get(properties.KIND, type_id, name) is None:
                doc = properties.new_property_doc(
                    name, label, type_, field, first_group, hubspot_defined=True
                )
                store.put(properties.KIND, type_id, name, doc)
    deals = OBJECT_TYPE_IDS["deals"]
    for stage_id, stage_label, _, _ in DEFAULT_DEAL_STAGES:
        for prefix, label, type_, field in STAGE_HISTORY:
            doc = properties.new_property_doc(
                f"{prefix}{stage_id}",
                label.format(stage_label),
                type_,
                field,
                "dealstages",
                hubspot_defined=True,
                extra={"calculated": True},
            )
            store.put(properties.KIND, deals, doc["name"], doc)
