"""Writes the recorded portals under ``tests/recordings/`` (the JSON files are committed).

Hand-written from HubSpot's documented response shapes and what long-lived portals look like:
hundreds of HubSpot-defined properties (``"hubspotDefined": true``) spread over many of
HubSpot's groups, custom properties *without* the key (absent, not false), custom properties in
HubSpot's groups, calculated fields and unusual type/field pairs, string stage metadata,
``writePermissions`` and 1970 ``createdAt`` on default stages, numeric and UUID ids, a deal
pipeline without a lost stage whose "Closed Lost" is open at 10 %, 403 answers in every shape
HubSpot uses for a missing scope, and unreadable limits.

Run ``python tests/recordings/make_recordings.py`` to rewrite them; the output is deterministic.
Files under ``<portal>/automation/`` are not written here (the workflow recordings are kept by
hand next to these).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
EPOCH = "1970-01-01T00:00:00Z"
OLD = "2019-03-14T09:26:53.120Z"
NEWER = "2023-11-02T15:04:11.872Z"
DEFAULT_WRITE = "CRM_PERMISSIONS_ENFORCEMENT"


# --- building blocks --------------------------------------------------------------------


def prop(
    name: str,
    label: str,
    type_: str,
    field: str,
    group: str,
    *,
    hubspot: bool = True,
    order: int = -1,
    options: list[tuple[str, str]] | None = None,
    description: str = "",
    calculated: bool = False,
    hidden: bool = False,
    unique: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    """A property as ``GET /crm/v3/properties/{object}`` returns it."""
    body: dict[str, Any] = {
        "updatedAt": NEWER,
        "createdAt": OLD if hubspot else NEWER,
        "name": name,
        "label": label,
        "type": type_,
        "fieldType": field,
        "description": description,
        "groupName": group,
        "options": [
            {"label": lab, "value": val, "displayOrder": i, "hidden": False}
            for i, (lab, val) in enumerate(options or [])
        ],
        "displayOrder": order,
        "calculated": calculated,
        "externalOptions": False,
        "hasUniqueValue": unique,
        "hidden": hidden,
        "modificationMetadata": {
            "archivable": not hubspot,
            "readOnlyDefinition": hubspot,
            "readOnlyValue": calculated,
        },
        "formField": not hubspot and not calculated,
        "dataSensitivity": "non_sensitive",
    }
    if hubspot:
        body["hubspotDefined"] = True  # custom properties carry no key at all
    else:
        body["createdUserId"] = "9100001"
        body["updatedUserId"] = "9100001"
    body.update(extra)
    return body


def group(name: str, label: str, order: int) -> dict[str, Any]:
    """A group as ``GET /crm/v3/properties/{object}/groups`` returns it (no hubspotDefined key)."""
    return {"name": name, "label": label, "displayOrder": order, "archived": False}


def stage(
    sid: str, label: str, order: int, metadata: dict[str, str], *, created: str = EPOCH
) -> dict[str, Any]:
    return {
        "label": label,
        "displayOrder": order,
        "metadata": metadata,
        "id": sid,
        "createdAt": created,
        "updatedAt": created,
        "archived": False,
        "writePermissions": DEFAULT_WRITE,
    }


def deal_meta(probability: str, closed: bool) -> dict[str, str]:
    return {"isClosed": "true" if closed else "false", "probability": probability}


def pipeline(
    pid: str, label: str, order: int, stages: list[dict[str, Any]], created: str = EPOCH
) -> dict[str, Any]:
    return {
        "label": label,
        "displayOrder": order,
        "id": pid,
        "stages": stages,
        "createdAt": created,
        "updatedAt": NEWER,
        "archived": False,
    }


def results(items: list[Any]) -> dict[str, Any]:
    return {"results": items}


def missing_scopes(**shape: Any) -> dict[str, Any]:
    body = {
        "status": "error",
        "message": "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        "correlationId": shape.pop("correlation", "5f0c8a6e-1b7e-4e53-9d3e-0c1c1f2a7b01"),
        "category": "MISSING_SCOPES",
        "links": {"scopes": "https://developers.hubspot.com/scopes"},
    }
    body.update(shape)
    return body


# --- HubSpot-defined property catalogues --------------------------------------------------

OPTIONS_DEALTYPE = [("New Business", "newbusiness"), ("Existing Business", "existingbusiness")]
OPTIONS_PRIORITY = [("Low", "low"), ("Medium", "medium"), ("High", "high")]
OPTIONS_LIFECYCLE = [
    ("Subscriber", "subscriber"),
    ("Lead", "lead"),
    ("Marketing Qualified Lead", "marketingqualifiedlead"),
    ("Sales Qualified Lead", "salesqualifiedlead"),
    ("Opportunity", "opportunity"),
    ("Customer", "customer"),
    ("Evangelist", "evangelist"),
    ("Other", "other"),
]
OPTIONS_SOURCE = [
    ("Organic Search", "ORGANIC_SEARCH"),
    ("Paid Search", "PAID_SEARCH"),
    ("Email Marketing", "EMAIL_MARKETING"),
    ("Social Media", "SOCIAL_MEDIA"),
    ("Referrals", "REFERRALS"),
    ("Direct Traffic", "DIRECT_TRAFFIC"),
    ("Offline Sources", "OFFLINE"),
]
ANALYTICS = [
    ("hs_analytics_source", "Original Source", "enumeration", "select", OPTIONS_SOURCE),
    ("hs_analytics_source_data_1", "Original Source Drill-Down 1", "string", "text", None),
    ("hs_analytics_source_data_2", "Original Source Drill-Down 2", "string", "text", None),
    ("hs_analytics_latest_source", "Latest Source", "enumeration", "select", OPTIONS_SOURCE),
    ("hs_analytics_latest_source_data_1", "Latest Source Drill-Down 1", "string", "text", None),
    ("hs_analytics_latest_source_timestamp", "Latest Source Timestamp", "datetime", "date", None),
    ("hs_analytics_num_page_views", "Number of Pageviews", "number", "number", None),
    ("hs_analytics_num_visits", "Number of Sessions", "number", "number", None),
    ("hs_analytics_first_timestamp", "Time First Seen", "datetime", "date", None),
    ("hs_analytics_last_timestamp", "Time Last Seen", "datetime", "date", None),
    ("hs_analytics_first_url", "First Page Seen", "string", "text", None),
    ("hs_analytics_last_url", "Last Page Seen", "string", "text", None),
]


def bulk(prefix: str, group_name: str, count: int, start: int = 0) -> list[dict[str, Any]]:
    """HubSpot-defined properties of many types, as long-lived portals accumulate them."""
    shapes = [
        ("string", "text"),
        ("number", "number"),
        ("datetime", "date"),
        ("enumeration", "select"),
        ("bool", "booleancheckbox"),
        ("date", "date"),
        ("string", "textarea"),
        ("enumeration", "checkbox"),
    ]
    out = []
    for i in range(count):
        type_, field = shapes[i % len(shapes)]
        options = None
        if type_ == "enumeration":
            options = [("Option A", "a"), ("Option B", "b"), ("Option C", "c")]
        if type_ == "bool":
            options = [("Yes", "true"), ("No", "false")]
        name = f"hs_{prefix}_{start + i:03d}"
        label = f"{prefix.replace('_', ' ').capitalize()} field {start + i}"
        out.append(prop(name, label, type_, field, group_name, order=-1, options=options, hidden=i % 7 == 3))
    return out


# Calculated and unusual type/field pairs that HubSpot itself returns.
def odd_pairs(prefix: str, group_name: str) -> list[dict[str, Any]]:
    return [
        prop(
            f"hs_{prefix}_days_to_close",
            "Days to close",
            "number",
            "calculation_equation",
            group_name,
            calculated=True,
            calculationFormula="(closedate - createdate) / 86400000",
        ),
        prop(
            f"hs_{prefix}_last_read",
            "Last read",
            "number",
            "calculation_read_time",
            group_name,
            calculated=True,
        ),
        prop(
            f"hs_{prefix}_read_at",
            "Read at",
            "datetime",
            "calculation_read_time",
            group_name,
            calculated=True,
        ),
        prop(
            f"hs_{prefix}_is_big",
            "Is big",
            "bool",
            "calculation_equation",
            group_name,
            calculated=True,
            options=[("Yes", "true"), ("No", "false")],
        ),
        prop(f"hs_{prefix}_score_text", "Score (text)", "string", "number", group_name),
        prop(
            f"hs_{prefix}_band", "Band", "enumeration", "number", group_name, options=[("1", "1"), ("2", "2")]
        ),
        prop(f"hs_{prefix}_stamp", "Stamp", "datetime", "number", group_name),
        prop(f"hs_{prefix}_location", "Location", "object_coordinates", "text", group_name),
        prop(
            f"hs_{prefix}_owner_ref",
            "Owner reference",
            "enumeration",
            "select",
            group_name,
            referencedObjectType="OWNER",
            externalOptions=True,
        ),
        prop(
            f"hs_{prefix}_revenue",
            "Revenue",
            "number",
            "number",
            group_name,
            showCurrencySymbol=True,
            numberDisplayHint="currency",
        ),
    ]


# --- agency portal (Professional-looking, limits unreadable, no tickets scope) -------------

DEFAULT_DEAL_STAGES = [
    ("appointmentscheduled", "Appointment Scheduled", "0.2", False),
    ("qualifiedtobuy", "Qualified To Buy", "0.4", False),
    ("presentationscheduled", "Presentation Scheduled", "0.6", False),
    ("decisionmakerboughtin", "Decision Maker Bought-In", "0.8", False),
    ("contractsent", "Contract Sent", "0.9", False),
    ("closedwon", "Closed Won", "1.0", True),
    ("closedlost", "Closed Lost", "0.0", True),
]
RENEWAL_STAGES = [
    ("20418311", "Renewal due", "0.5", False),
    ("20418312", "Terms agreed", "0.8", False),
    ("20418313", "Renewed", "1.0", True),
    ("20418314", "Churned", "0.0", True),
]
PARTNER_STAGES = [  # a long-lived pipeline with no lost stage: "Closed Lost" is open at 10 %
    ("3f9c3a54-8d5e-4a0c-9c36-1f0f4f3d2a11", "Referred", "0.1", False),
    ("b1a7e2c0-51d4-4f6e-8f4b-5c2d8a9e7f22", "Proposal", "0.4", False),
    ("partnerwon", "Closed Won", "1.0", True),
    ("61203377", "Closed Lost", "0.1", False),
]

DEAL_GROUPS = [
    ("dealinformation", "Deal information"),
    ("dealstages", "Deal stage properties"),
    ("deal_activity", "Deal activity"),
    ("analyticsinformation", "Analytics information"),
    ("deal_revenue", "Deal revenue"),
    ("dealscripted", "Deal scripted"),
    ("agency_services", "Agency services"),
    ("old_campaign_fields", "Old campaign fields"),  # a custom group left empty
]
CONTACT_GROUPS = [
    ("contactinformation", "Contact information"),
    ("emailinformation", "Email information"),
    ("conversioninformation", "Conversion information"),
    ("analyticsinformation", "Web analytics history"),
    ("socialmediainformation", "Social media information"),
    ("contact_activity", "Contact activity"),
    ("sales_properties", "Sales properties"),
    ("facebook_ads_properties", "Facebook Ads properties"),
    ("salesforceinformation", "Salesforce information"),
    ("client_profile", "Client profile"),
]
COMPANY_GROUPS = [
    ("companyinformation", "Company information"),
    ("companylcs", "Company lifecycle stage"),
    ("company_activity", "Company activity"),
    ("company_signals", "Company signals"),
    ("conversioninformation", "Conversion information"),
    ("analyticsinformation", "Web analytics history"),
    ("socialmediainformation", "Social media information"),
    ("deal_information", "Deal information"),
    ("targetaccountsinformation", "Target accounts information"),
    ("sales_properties", "Sales properties"),
    ("prospectingagent", "Prospecting agent"),
    ("buyer_intent_properties", "Buyer intent"),
    ("account_management", "Account management"),
]


def deal_properties() -> list[dict[str, Any]]:
    out = [
        prop("dealname", "Deal Name", "string", "text", "dealinformation", order=0),
        prop("amount", "Amount", "number", "number", "dealinformation", order=1, showCurrencySymbol=True),
        prop("closedate", "Close Date", "datetime", "date", "dealinformation", order=2),
        prop(
            "dealstage",
            "Deal Stage",
            "enumeration",
            "radio",
            "dealinformation",
            order=3,
            options=[(s[1], s[0]) for s in DEFAULT_DEAL_STAGES],
        ),
        prop(
            "pipeline",
            "Pipeline",
            "enumeration",
            "select",
            "dealinformation",
            order=4,
            options=[("Sales Pipeline", "default")],
        ),
        prop(
            "hubspot_owner_id",
            "Deal owner",
            "enumeration",
            "select",
            "dealinformation",
            order=5,
            referencedObjectType="OWNER",
            externalOptions=True,
        ),
        prop(
            "dealtype",
            "Deal Type",
            "enumeration",
            "radio",
            "dealinformation",
            order=6,
            options=OPTIONS_DEALTYPE,
        ),
        prop("description", "Deal Description", "string", "textarea", "dealinformation", order=7),
        prop("hs_priority", "Priority", "enumeration", "select", "dealinformation", options=OPTIONS_PRIORITY),
        prop("hs_object_id", "Record ID", "number", "number", "dealinformation"),
        prop("createdate", "Create Date", "datetime", "date", "dealinformation"),
        prop("hs_lastmodifieddate", "Last Modified Date", "datetime", "date", "dealinformation"),
        prop("closed_lost_reason", "Closed Lost Reason", "string", "textarea", "dealinformation"),
        prop("closed_won_reason", "Closed Won Reason", "string", "textarea", "dealinformation"),
        prop(
            "hs_deal_stage_probability",
            "Deal probability",
            "number",
            "number",
            "dealinformation",
            calculated=True,
        ),
        prop("hs_forecast_amount", "Forecast amount", "number", "number", "dealinformation", calculated=True),
        prop(
            "hs_is_closed",
            "Is Deal Closed?",
            "bool",
            "booleancheckbox",
            "dealinformation",
            calculated=True,
            options=[("Yes", "true"), ("No", "false")],
        ),
        prop(
            "hs_v2_date_entered_current_stage",
            "Date entered current stage",
            "datetime",
            "date",
            "dealinformation",
            calculated=True,
        ),
        prop(
            "hs_v2_time_in_current_stage",
            "Time in current stage",
            "datetime",
            "date",
            "dealinformation",
            calculated=True,
        ),
        prop("num_contacted_notes", "Number of times contacted", "number", "number", "deal_activity"),
        prop("notes_last_contacted", "Last Contacted", "datetime", "date", "deal_activity"),
        prop("notes_last_updated", "Last Activity Date", "datetime", "date", "deal_activity"),
        prop("notes_next_activity_date", "Next Activity Date", "datetime", "date", "deal_activity"),
        prop("num_notes", "Number of Sales Activities", "number", "number", "deal_activity"),
        prop(
            "hs_acv",
            "Annual contract value",
            "number",
            "calculation_equation",
            "deal_revenue",
            calculated=True,
        ),
        prop(
            "hs_arr",
            "Annual recurring revenue",
            "number",
            "calculation_equation",
            "deal_revenue",
            calculated=True,
        ),
        prop(
            "hs_mrr",
            "Monthly recurring revenue",
            "number",
            "calculation_equation",
            "deal_revenue",
            calculated=True,
        ),
        prop(
            "hs_tcv",
            "Total contract value",
            "number",
            "calculation_equation",
            "deal_revenue",
            calculated=True,
        ),
        prop("hs_predicted_amount", "Predicted amount", "number", "number", "dealscripted", calculated=True),
        prop(
            "hs_likelihood_to_close",
            "Likelihood to close",
            "number",
            "number",
            "dealscripted",
            calculated=True,
        ),
    ]
    out += [prop(n, lab, t, f, "analyticsinformation", options=o) for n, lab, t, f, o in ANALYTICS]
    for sid, label, _, _ in (
        DEFAULT_DEAL_STAGES + RENEWAL_STAGES + [("98765", "Stage of a deleted pipeline", "", False)]
    ):
        out += [
            prop(
                f"hs_v2_date_entered_{sid}",
                f'Date entered "{label}"',
                "datetime",
                "date",
                "dealstages",
                calculated=True,
            ),
            prop(
                f"hs_v2_date_exited_{sid}",
                f'Date exited "{label}"',
                "datetime",
                "date",
                "dealstages",
                calculated=True,
            ),
            prop(
                f"hs_v2_latest_time_in_{sid}",
                f'Latest time in "{label}"',
                "number",
                "number",
                "dealstages",
                calculated=True,
            ),
            prop(
                f"hs_v2_cumulative_time_in_{sid}",
                f'Cumulative time in "{label}"',
                "number",
                "number",
                "dealstages",
                calculated=True,
            ),
            prop(
                f"hs_date_entered_{sid}",
                f'Date entered "{label}" (legacy)',
                "datetime",
                "date",
                "dealinformation",
                calculated=True,
                hidden=True,
            ),
        ]
    out += odd_pairs("deal", "dealinformation")
    out += bulk("deal", "dealinformation", 40)
    out += bulk("deal_rev", "deal_revenue", 10)
    # custom properties: no hubspotDefined key; many sit in HubSpot's own group
    out += [
        prop(
            "contract_length_months",
            "Contract length (months)",
            "number",
            "number",
            "dealinformation",
            hubspot=False,
            description="Length of the signed contract.",
        ),
        prop(
            "lead_source_detail",
            "Lead source detail",
            "enumeration",
            "select",
            "dealinformation",
            hubspot=False,
            options=[
                ("Referral", "referral"),
                ("Event", "event"),
                ("Website", "website"),
                ("Cold outreach", "cold_outreach"),
            ],
        ),
        prop(
            "budget_confirmed",
            "Budget confirmed",
            "bool",
            "booleancheckbox",
            "dealinformation",
            hubspot=False,
            options=[("Yes", "true"), ("No", "false")],
        ),
        prop("renewal_date", "Renewal date", "date", "date", "deal_revenue", hubspot=False),
        prop("retainer_fee", "Monthly retainer fee", "number", "number", "deal_revenue", hubspot=False),
        prop(
            "service_line",
            "Service line",
            "enumeration",
            "checkbox",
            "agency_services",
            hubspot=False,
            options=[
                ("SEO", "seo"),
                ("Paid media", "paid_media"),
                ("Content", "content"),
                ("Web design", "web_design"),
            ],
        ),
        prop("account_director", "Account director", "string", "text", "agency_services", hubspot=False),
        prop("brief_link", "Brief link", "string", "text", "agency_services", hubspot=False, hidden=True),
        prop("po_number", "PO number", "string", "text", "agency_services", hubspot=False, unique=True),
        prop("kickoff_notes", "Kick-off notes", "string", "textarea", "agency_services", hubspot=False),
        # custom, but nothing hubwizard can write back: a calculation and an unusual pair
        prop(
            "gross_margin",
            "Gross margin",
            "number",
            "calculation_equation",
            "deal_revenue",
            hubspot=False,
            calculated=True,
            calculationFormula="amount * 0.35",
        ),
        prop("legacy_score", "Legacy score", "string", "number", "dealinformation", hubspot=False),
    ]
    return out


def contact_properties() -> list[dict[str, Any]]:
    out = [
        prop("firstname", "First Name", "string", "text", "contactinformation", order=0),
        prop("lastname", "Last Name", "string", "text", "contactinformation", order=1),
        prop("email", "Email", "string", "text", "contactinformation", order=2, unique=True),
        prop("phone", "Phone Number", "string", "phonenumber", "contactinformation"),
        prop("mobilephone", "Mobile Phone Number", "string", "phonenumber", "contactinformation"),
        prop("company", "Company Name", "string", "text", "contactinformation"),
        prop("jobtitle", "Job Title", "string", "text", "contactinformation"),
        prop(
            "lifecyclestage",
            "Lifecycle Stage",
            "enumeration",
            "radio",
            "contactinformation",
            options=OPTIONS_LIFECYCLE,
        ),
        prop(
            "hs_lead_status",
            "Lead Status",
            "enumeration",
            "radio",
            "sales_properties",
            options=[
                ("New", "NEW"),
                ("Open", "OPEN"),
                ("In Progress", "IN_PROGRESS"),
                ("Unqualified", "UNQUALIFIED"),
            ],
        ),
        prop(
            "hubspot_owner_id",
            "Contact owner",
            "enumeration",
            "select",
            "sales_properties",
            referencedObjectType="OWNER",
            externalOptions=True,
        ),
        prop("hs_object_id", "Record ID", "number", "number", "contactinformation"),
        prop("createdate", "Create Date", "datetime", "date", "contactinformation"),
        prop("lastmodifieddate", "Last Modified Date", "datetime", "date", "contactinformation"),
        prop(
            "hs_email_optout",
            "Unsubscribed from all email",
            "bool",
            "booleancheckbox",
            "emailinformation",
            options=[("Yes", "true"), ("No", "false")],
        ),
        prop(
            "hs_email_last_open_date",
            "Last marketing email open date",
            "datetime",
            "date",
            "emailinformation",
        ),
        prop("first_conversion_event_name", "First Conversion", "string", "text", "conversioninformation"),
        prop("recent_conversion_event_name", "Recent Conversion", "string", "text", "conversioninformation"),
        prop(
            "num_conversion_events", "Number of Form Submissions", "number", "number", "conversioninformation"
        ),
        prop("twitterhandle", "Twitter Username", "string", "text", "socialmediainformation"),
        prop("hs_linkedin_url", "LinkedIn URL", "string", "text", "socialmediainformation"),
        prop("notes_last_contacted", "Last Contacted", "datetime", "date", "contact_activity"),
        prop(
            "hs_sales_email_last_replied",
            "Recent Sales Email Replied Date",
            "datetime",
            "date",
            "contact_activity",
        ),
        prop("salesforceleadid", "Salesforce Lead ID", "string", "text", "salesforceinformation"),
        prop(
            "hs_facebook_ad_clicked",
            "Clicked Facebook ad",
            "bool",
            "booleancheckbox",
            "facebook_ads_properties",
            options=[("Yes", "true"), ("No", "false")],
        ),
    ]
    out += [prop(n, lab, t, f, "analyticsinformation", options=o) for n, lab, t, f, o in ANALYTICS]
    out += odd_pairs("contact", "contactinformation")
    out += bulk("contact", "contactinformation", 60)
    out += bulk("contact_email", "emailinformation", 40)
    out += bulk("contact_activity", "contact_activity", 30)
    out += bulk("contact_social", "socialmediainformation", 10)
    out += [
        prop(
            "preferred_language",
            "Preferred language",
            "enumeration",
            "select",
            "contactinformation",
            hubspot=False,
            options=[("English", "en"), ("French", "fr"), ("German", "de")],
        ),
        prop(
            "decision_role",
            "Decision role",
            "enumeration",
            "radio",
            "contactinformation",
            hubspot=False,
            options=[("Decision maker", "decision_maker"), ("Influencer", "influencer"), ("User", "user")],
        ),
        prop(
            "newsletter_topics",
            "Newsletter topics",
            "enumeration",
            "checkbox",
            "client_profile",
            hubspot=False,
            options=[("Strategy", "strategy"), ("Creative", "creative")],
        ),
        prop("client_since", "Client since", "date", "date", "client_profile", hubspot=False),
        prop("nps_score", "NPS score", "number", "number", "client_profile", hubspot=False),
    ]
    return out


def company_properties() -> list[dict[str, Any]]:
    out = [
        prop("name", "Company name", "string", "text", "companyinformation", order=0),
        prop("domain", "Company Domain Name", "string", "text", "companyinformation", order=1, unique=True),
        prop(
            "industry",
            "Industry",
            "enumeration",
            "select",
            "companyinformation",
            options=[
                ("Accounting", "ACCOUNTING"),
                ("Computer Software", "COMPUTER_SOFTWARE"),
                ("Marketing and Advertising", "MARKETING_AND_ADVERTISING"),
            ],
        ),
        prop("numberofemployees", "Number of Employees", "number", "number", "companyinformation"),
        prop("annualrevenue", "Annual Revenue", "number", "number", "companyinformation"),
        prop("city", "City", "string", "text", "companyinformation"),
        prop("country", "Country/Region", "string", "text", "companyinformation"),
        prop(
            "hubspot_owner_id",
            "Company owner",
            "enumeration",
            "select",
            "companyinformation",
            referencedObjectType="OWNER",
            externalOptions=True,
        ),
        prop(
            "lifecyclestage",
            "Lifecycle Stage",
            "enumeration",
            "radio",
            "companylcs",
            options=OPTIONS_LIFECYCLE,
        ),
        prop("hs_object_id", "Record ID", "number", "number", "companyinformation"),
        prop("createdate", "Create Date", "datetime", "date", "companyinformation"),
        prop("hs_lastmodifieddate", "Last Modified Date", "datetime", "date", "companyinformation"),
        prop("notes_last_contacted", "Last Contacted", "datetime", "date", "company_activity"),
        prop(
            "hs_num_open_deals",
            "Number of open deals",
            "number",
            "number",
            "deal_information",
            calculated=True,
        ),
        prop(
            "total_revenue",
            "Total Revenue",
            "number",
            "calculation_equation",
            "deal_information",
            calculated=True,
        ),
        prop(
            "hs_is_target_account",
            "Target Account",
            "bool",
            "booleancheckbox",
            "targetaccountsinformation",
            options=[("Yes", "true"), ("No", "false")],
        ),
        prop(
            "hs_ideal_customer_profile",
            "Ideal Customer Profile Tier",
            "enumeration",
            "radio",
            "targetaccountsinformation",
            options=[("Tier 1", "tier_1"), ("Tier 2", "tier_2"), ("Tier 3", "tier_3")],
        ),
        prop(
            "hs_intent_signals_enabled",
            "Buyer intent enabled",
            "bool",
            "booleancheckbox",
            "buyer_intent_properties",
            options=[("Yes", "true"), ("No", "false")],
        ),
        prop(
            "hs_prospecting_agent_last_run",
            "Prospecting agent last run",
            "datetime",
            "date",
            "prospectingagent",
        ),
        prop("hs_signal_headcount_growth", "Headcount growth signal", "number", "number", "company_signals"),
        prop("first_conversion_event_name", "First Conversion", "string", "text", "conversioninformation"),
        prop("facebook_company_page", "Facebook Company Page", "string", "text", "socialmediainformation"),
        prop(
            "hs_lead_status",
            "Lead Status",
            "enumeration",
            "radio",
            "sales_properties",
            options=[("New", "NEW"), ("Open", "OPEN")],
        ),
    ]
    out += [prop(n, lab, t, f, "analyticsinformation", options=o) for n, lab, t, f, o in ANALYTICS]
    out += odd_pairs("company", "companyinformation")
    out += bulk("company", "companyinformation", 70)
    out += bulk("company_activity", "company_activity", 30)
    out += bulk("company_signal", "company_signals", 20)
    out += bulk("company_social", "socialmediainformation", 10)
    out += bulk("company_deals", "deal_information", 10)
    out += [
        prop(
            "client_tier",
            "Client tier",
            "enumeration",
            "select",
            "companyinformation",
            hubspot=False,
            options=[("Gold", "gold"), ("Silver", "silver"), ("Bronze", "bronze")],
        ),
        prop(
            "agency_region",
            "Agency region",
            "enumeration",
            "select",
            "companyinformation",
            hubspot=False,
            options=[("North", "north"), ("South", "south")],
        ),
        prop("retainer_budget", "Retainer budget", "number", "number", "account_management", hubspot=False),
        prop(
            "account_manager_notes",
            "Account manager notes",
            "string",
            "textarea",
            "account_management",
            hubspot=False,
        ),
        prop(
            "contract_signed",
            "Contract signed",
            "bool",
            "booleancheckbox",
            "account_management",
            hubspot=False,
            options=[("Yes", "true"), ("No", "false")],
        ),
        prop(
            "hq_coordinates",
            "HQ coordinates",
            "object_coordinates",
            "text",
            "companyinformation",
            hubspot=False,
        ),
    ]
    return out


def owners(base: int) -> dict[str, Any]:
    people = [("Maya", "Lopez"), ("Tom", "Becker"), ("Ines", "Moreau")]
    return results(
        [
            {
                "id": str(base + i),
                "email": f"{first.lower()}.{last.lower()}@agency.example",
                "type": "PERSON",
                "firstName": first,
                "lastName": last,
                "userId": 50_000_000 + i,
                "userIdIncludingInactive": 50_000_000 + i,
                "createdAt": OLD,
                "updatedAt": NEWER,
                "archived": False,
                "teams": [{"id": "88001", "name": "Accounts", "primary": True}],
            }
            for i, (first, last) in enumerate(people)
        ]
    )


def agency_portal() -> dict[str, Any]:
    files: dict[str, Any] = {}
    files["account-info/v3/details"] = {
        "portalId": 4410021,
        "accountType": "STANDARD",
        "timeZone": "Europe/London",
        "companyCurrency": "GBP",
        "additionalCurrencies": ["EUR"],
        "utcOffset": "+00:00",
        "utcOffsetMilliseconds": 0,
        "uiDomain": "app-eu1.hubspot.com",
        "dataHostingLocation": "eu1",
    }
    files["crm/v3/owners"] = owners(31_000_001)
    # limits: unreadable, each in another shape
    files["crm/v3/limits/pipelines.403"] = {
        "status": "error",
        "message": "This access token does not have proper permissions!",
        "correlationId": "0f3e2c1a-6b7d-4a8e-9f10-112233445566",
        "category": "FORBIDDEN",
    }
    files["crm/v3/limits/custom-object-types.404"] = {
        "status": "error",
        "message": "Resource not found",
        "correlationId": "0f3e2c1a-6b7d-4a8e-9f10-112233445567",
        "category": "OBJECT_NOT_FOUND",
    }
    files["crm/v3/limits/custom-properties.403"] = missing_scopes(
        errors=[
            {
                "message": "One or more of the following scopes are required.",
                "context": {"requiredGranularScopes": ["crm.objects.custom.read"]},
            }
        ]
    )
    # custom objects: the token lacks the schemas scope (named only in the message)
    files["crm-object-schemas/v3/schemas.403"] = {
        "status": "error",
        "message": "The OAuth token used to make this call is missing required 'crm.schemas.custom.read' scope",
        "correlationId": "7c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5",
        "category": "MISSING_SCOPES",
    }
    # deals
    files["crm/v3/properties/deals"] = results(deal_properties())
    files["crm/v3/properties/deals/groups"] = results(
        [group(n, lab, i) for i, (n, lab) in enumerate(DEAL_GROUPS)]
    )
    files["crm/v3/pipelines/deals"] = results(
        [
            pipeline(
                "default",
                "Sales Pipeline",
                0,
                [stage(s, lab, i, deal_meta(p, c)) for i, (s, lab, p, c) in enumerate(DEFAULT_DEAL_STAGES)],
            ),
            pipeline(
                "12345678",
                "Renewals",
                1,
                [
                    stage(s, lab, i, deal_meta(p, c), created=OLD)
                    for i, (s, lab, p, c) in enumerate(RENEWAL_STAGES)
                ],
                created=OLD,
            ),
            pipeline(
                "0d1c7a2e-9b8f-4e3d-a1c2-b3d4e5f6a7b8",
                "Partner referrals",
                2,
                [
                    stage(s, lab, i, deal_meta(p, c), created=NEWER)
                    for i, (s, lab, p, c) in enumerate(PARTNER_STAGES)
                ],
                created=NEWER,
            ),
        ]
    )
    # tickets: no scope, in the three shapes HubSpot uses
    files["crm/v3/properties/tickets.403"] = missing_scopes(
        errors=[
            {
                "message": "One or more of the following scopes are required.",
                "context": {"requiredGranularScopes": ["tickets", "crm.objects.tickets.read"]},
            }
        ]
    )
    files["crm/v3/properties/tickets/groups.403"] = missing_scopes(
        errors=[
            {
                "message": "One or more of the following scopes are required.",
                "context": {"requiredScopes": ["tickets"]},
            }
        ]
    )
    files["crm/v3/pipelines/tickets.403"] = missing_scopes(context={"requiredScopes": ["tickets"]})
    # contacts and companies (no pipelines asked: contacts have the lifecycle, companies none)
    files["crm/v3/properties/contacts"] = results(contact_properties())
    files["crm/v3/properties/contacts/groups"] = results(
        [group(n, lab, i) for i, (n, lab) in enumerate(CONTACT_GROUPS)]
    )
    files["crm/v3/properties/companies"] = results(company_properties())
    files["crm/v3/properties/companies/groups"] = results(
        [group(n, lab, i) for i, (n, lab) in enumerate(COMPANY_GROUPS)]
    )
    return files


# --- enterprise portal (custom objects, limits readable) ----------------------------------

PROJECTS = "2-40010001"
VENDORS = "2-40010002"


def custom_object_standard(prefix: str, group_name: str) -> list[dict[str, Any]]:
    """What HubSpot adds to every custom object (all hubspotDefined, in its own group)."""
    return [
        prop("hs_object_id", "Record ID", "number", "number", group_name),
        prop("hs_createdate", "Object create date/time", "datetime", "date", group_name),
        prop("hs_lastmodifieddate", "Object last modified date/time", "datetime", "date", group_name),
        prop(
            "hubspot_owner_id",
            "Owner",
            "enumeration",
            "select",
            group_name,
            referencedObjectType="OWNER",
            externalOptions=True,
        ),
        prop("hs_pipeline", "Pipeline", "enumeration", "select", group_name),
        prop("hs_pipeline_stage", "Pipeline stage", "enumeration", "select", group_name),
        prop("hs_all_owner_ids", "All owner IDs", "enumeration", "checkbox", group_name),
        prop("hs_merged_object_ids", "Merged record IDs", "enumeration", "checkbox", group_name),
        prop("hs_object_source", "Record source", "string", "text", group_name),
        prop(
            f"hs_{prefix}_calculated_age",
            "Age in days",
            "number",
            "calculation_equation",
            group_name,
            calculated=True,
        ),
    ]


def project_properties() -> list[dict[str, Any]]:
    return [
        *custom_object_standard("project", "projectinformation"),
        prop("project_name", "Project name", "string", "text", "project_details", hubspot=False),
        prop("project_code", "Project code", "string", "text", "project_details", hubspot=False, unique=True),
        prop(
            "project_kind",
            "Kind of project",
            "enumeration",
            "select",
            "project_details",
            hubspot=False,
            options=[("Implementation", "implementation"), ("Training", "training"), ("Audit", "audit")],
        ),
        prop("start_date", "Start date", "date", "date", "project_details", hubspot=False),
        prop("budget", "Budget", "number", "number", "project_budget", hubspot=False),
        prop(
            "budget_approved",
            "Budget approved",
            "bool",
            "booleancheckbox",
            "project_budget",
            hubspot=False,
            options=[("Yes", "true"), ("No", "false")],
        ),
        prop("risk_notes", "Risk notes", "string", "textarea", "projectinformation", hubspot=False),
    ]


def vendor_properties() -> list[dict[str, Any]]:
    return [
        *custom_object_standard("vendor", "vendorinformation")[:4],
        prop("vendor_name", "Vendor name", "string", "text", "vendor_profile", hubspot=False),
        prop("vendor_country", "Country", "string", "text", "vendor_profile", hubspot=False),
        prop(
            "preferred",
            "Preferred vendor",
            "bool",
            "booleancheckbox",
            "vendor_profile",
            hubspot=False,
            options=[("Yes", "true"), ("No", "false")],
        ),
    ]


def schema(
    object_type: str,
    name: str,
    singular: str,
    plural: str,
    primary: str,
    secondary: list[str],
    required: list[str],
    props: list[dict[str, Any]],
    to: list[str],
    description: str,
) -> dict[str, Any]:
    numeric = object_type.split("-")[1]
    return {
        "id": numeric,
        "createdAt": OLD,
        "updatedAt": NEWER,
        "archived": False,
        "restorable": True,
        "metaType": "PORTAL_SPECIFIC",
        "labels": {"singular": singular, "plural": plural},
        "description": description,
        "requiredProperties": required,
        "searchableProperties": [primary],
        "primaryDisplayProperty": primary,
        "secondaryDisplayProperties": secondary,
        "portalId": 4410022,
        "name": name,
        "objectTypeId": object_type,
        "fullyQualifiedName": f"p4410022_{name}",
        "associations": [
            {
                "fromObjectTypeId": object_type,
                "toObjectTypeId": target,
                "name": f"{name}_to_{target.replace('-', '_')}",
                "id": str(100 + i),
                "createdAt": NEWER,
                "updatedAt": NEWER,
            }
            for i, target in enumerate(to)
        ],
        "properties": props,
    }


def enterprise_portal() -> dict[str, Any]:
    files: dict[str, Any] = {}
    files["account-info/v3/details"] = {
        "portalId": 4410022,
        "accountType": "STANDARD",
        "timeZone": "America/New_York",
        "companyCurrency": "USD",
        "additionalCurrencies": [],
        "utcOffset": "-05:00",
        "utcOffsetMilliseconds": -18000000,
        "uiDomain": "app.hubspot.com",
        "dataHostingLocation": "na1",
    }
    files["crm/v3/owners"] = owners(42_000_001)
    files["crm/v3/limits/pipelines"] = {
        "hubspotDefinedObjectTypes": [
            {
                "objectTypeId": "0-3",
                "singularLabel": "Deal",
                "pluralLabel": "Deals",
                "usage": 2,
                "limit": 100,
                "percentage": 2.0,
            },
            {
                "objectTypeId": "0-5",
                "singularLabel": "Ticket",
                "pluralLabel": "Tickets",
                "usage": 1,
                "limit": 100,
                "percentage": 1.0,
            },
        ],
        "customObjectTypes": {
            "byObjectType": [
                {"objectTypeId": PROJECTS, "singularLabel": "Project", "pluralLabel": "Projects", "usage": 1},
                {"objectTypeId": VENDORS, "singularLabel": "Vendor", "pluralLabel": "Vendors", "usage": 0},
            ],
            "overallLimit": 1000,
            "overallUsage": 1,
            "overallPercentage": 0.1,
        },
    }
    files["crm/v3/limits/custom-object-types"] = {"limit": 10, "usage": 2, "percentage": 20.0}
    files["crm/v3/limits/custom-properties"] = {
        "byObjectType": [
            {
                "objectTypeId": "0-3",
                "singularLabel": "Deal",
                "pluralLabel": "Deals",
                "usage": 3,
                "limit": 1000,
                "percentage": 0.3,
            },
            {
                "objectTypeId": PROJECTS,
                "singularLabel": "Project",
                "pluralLabel": "Projects",
                "usage": 7,
                "limit": 1000,
                "percentage": 0.7,
            },
        ],
        "overallLimit": 10000,
        "overallUsage": 13,
        "overallPercentage": 0.13,
    }
    files["crm-object-schemas/v3/schemas"] = results(
        [
            schema(
                PROJECTS,
                "projects",
                "Project",
                "Projects",
                "project_name",
                ["project_code"],
                ["project_name"],
                project_properties(),
                ["0-3", "0-2"],
                "Client projects delivered after a deal is won.",
            ),
            schema(
                VENDORS,
                "vendors",
                "Vendor",
                "Vendors",
                "vendor_name",
                [],
                ["vendor_name"],
                vendor_properties(),
                ["0-2"],
                "",
            ),
        ]
    )
    files[f"crm/v3/properties/{PROJECTS}"] = results(project_properties())
    files[f"crm/v3/properties/{PROJECTS}/groups"] = results(
        [
            group("projectinformation", "Project information", 0),
            group("project_details", "Project details", 1),
            group("project_budget", "Budget", 2),
        ]
    )
    files[f"crm/v3/pipelines/{PROJECTS}"] = results(
        [
            pipeline(
                "a4c9b1e2-3d4f-4a5b-8c6d-7e8f9a0b1c2d",
                "Project delivery",
                0,
                [
                    stage(
                        "4e2b7c1d-0a9f-4d3e-b2c1-a0f9e8d7c6b5",
                        "Planned",
                        0,
                        {"isClosed": "false"},
                        created=NEWER,
                    ),
                    stage("57381002", "In progress", 1, {"isClosed": "false"}, created=NEWER),
                    stage("57381003", "Delivered", 2, {"isClosed": "true"}, created=NEWER),
                ],
                created=NEWER,
            )
        ]
    )
    files[f"crm/v3/properties/{VENDORS}"] = results(vendor_properties())
    files[f"crm/v3/properties/{VENDORS}/groups"] = results(
        [group("vendorinformation", "Vendor information", 0), group("vendor_profile", "Vendor profile", 1)]
    )
    files[f"crm/v3/pipelines/{VENDORS}"] = results([])
    files["crm/v3/properties/deals"] = results(
        [
            *[p for p in deal_properties() if p.get("hubspotDefined")][:120],
            prop(
                "implementation_fee",
                "Implementation fee",
                "number",
                "number",
                "dealinformation",
                hubspot=False,
            ),
            prop(
                "project_size",
                "Project size",
                "enumeration",
                "select",
                "deal_sizing",
                hubspot=False,
                options=[("Small", "small"), ("Medium", "medium"), ("Large", "large")],
            ),
            prop("sizing_notes", "Sizing notes", "string", "textarea", "deal_sizing", hubspot=False),
        ]
    )
    files["crm/v3/properties/deals/groups"] = results(
        [group(n, lab, i) for i, (n, lab) in enumerate(DEAL_GROUPS[:6])]
        + [group("deal_sizing", "Deal sizing", 6)]
    )
    files["crm/v3/pipelines/deals"] = results(
        [
            pipeline(
                "default",
                "Sales Pipeline",
                0,
                [stage(s, lab, i, deal_meta(p, c)) for i, (s, lab, p, c) in enumerate(DEFAULT_DEAL_STAGES)],
            ),
            pipeline(
                "77120044",
                "Enterprise deals",
                1,
                [
                    stage(s, lab, i, deal_meta(p, c), created=OLD)
                    for i, (s, lab, p, c) in enumerate(
                        [
                            ("77120045", "Discovery", "0.1", False),
                            ("77120046", "Solution design", "0.3", False),
                            ("77120047", "Negotiation", "0.7", False),
                            ("77120048", "Won", "1.0", True),
                            ("77120049", "Lost", "0.0", True),
                        ]
                    )
                ],
                created=OLD,
            ),
        ]
    )

    def ticket_stage(sid: str, label: str, order: int, state: str) -> dict[str, Any]:
        return stage(
            sid, label, order, {"ticketState": state, "isClosed": "true" if state == "CLOSED" else "false"}
        )

    files["crm/v3/pipelines/tickets"] = results(
        [
            pipeline(
                "0",
                "Support Pipeline",
                0,
                [
                    ticket_stage("1", "New", 0, "OPEN"),
                    ticket_stage("2", "Waiting on contact", 1, "OPEN"),
                    ticket_stage("3", "Waiting on us", 2, "OPEN"),
                    ticket_stage("4", "Closed", 3, "CLOSED"),
                ],
            )
        ]
    )
    files["crm/v3/properties/tickets"] = results(
        [
            prop("subject", "Ticket name", "string", "text", "ticketinformation"),
            prop("content", "Ticket description", "string", "textarea", "ticketinformation"),
            prop("hs_pipeline", "Pipeline", "enumeration", "select", "ticketinformation"),
            prop("hs_pipeline_stage", "Ticket status", "enumeration", "select", "ticketinformation"),
            prop(
                "hs_ticket_priority",
                "Priority",
                "enumeration",
                "select",
                "ticketinformation",
                options=[("Low", "LOW"), ("Medium", "MEDIUM"), ("High", "HIGH")],
            ),
            prop("hs_object_id", "Record ID", "number", "number", "ticketinformation"),
            prop(
                "affected_product",
                "Affected product",
                "enumeration",
                "select",
                "ticketinformation",
                hubspot=False,
                options=[("Platform", "platform"), ("Mobile app", "mobile_app")],
            ),
        ]
    )
    files["crm/v3/properties/tickets/groups"] = results(
        [group("ticketinformation", "Ticket information", 0), group("ticket_activity", "Ticket activity", 1)]
    )
    files["crm/v3/properties/contacts"] = results(
        [p for p in contact_properties() if p.get("hubspotDefined")][:80]
    )
    files["crm/v3/properties/contacts/groups"] = results(
        [group(n, lab, i) for i, (n, lab) in enumerate(CONTACT_GROUPS[:9])]
    )
    files["crm/v3/properties/companies"] = results(
        [p for p in company_properties() if p.get("hubspotDefined")][:80]
    )
    files["crm/v3/properties/companies/groups"] = results(
        [group(n, lab, i) for i, (n, lab) in enumerate(COMPANY_GROUPS[:12])]
    )
    return files


PORTALS = {"agency-portal": agency_portal, "enterprise-portal": enterprise_portal}


def write(name: str, files: dict[str, Any]) -> None:
    root = HERE / name
    for child in root.iterdir() if root.is_dir() else []:
        if child.name != "automation":  # the workflow recordings are kept by hand
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    for relative, body in files.items():
        path = root / f"{relative}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for portal_name, build in PORTALS.items():
        write(portal_name, build())
        print(f"wrote {HERE / portal_name}")
