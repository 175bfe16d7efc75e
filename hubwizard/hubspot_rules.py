"""HubSpot's rules that can be checked without a portal.

One module so the config checks, the linter and the sandbox all agree on what HubSpot accepts:
when the sandbox rejects a request, the linter would already have said why. Sources and their
certainty are in ``docs/sandbox.md`` (fidelity limits) and ``docs/provisioning.md``.
"""

from __future__ import annotations

import re
from enum import StrEnum

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
"""Internal names and local ids. HubSpot states no regex; every official example follows this."""

RESERVED_PREFIX = "hs_"
"""HubSpot keeps the ``hs_`` prefix for its own properties."""

MAX_LABEL_LENGTH = 100  # pipeline labels are said to be limited to 36 in v1 docs; stages 100


class Tier(StrEnum):
    """HubSpot subscription tiers, in ascending order."""

    FREE = "free"
    STARTER = "starter"
    PROFESSIONAL = "professional"
    ENTERPRISE = "enterprise"

    @property
    def rank(self) -> int:
        return list(Tier).index(self)

    def at_least(self, other: Tier) -> bool:
        return self.rank >= other.rank


class PropertyType(StrEnum):
    STRING = "string"
    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"
    ENUMERATION = "enumeration"
    BOOL = "bool"
    PHONE_NUMBER = "phone_number"


class FieldType(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    FILE = "file"
    HTML = "html"
    PHONENUMBER = "phonenumber"
    NUMBER = "number"
    SELECT = "select"
    RADIO = "radio"
    CHECKBOX = "checkbox"
    BOOLEANCHECKBOX = "booleancheckbox"
    DATE = "date"
    CALCULATION_EQUATION = "calculation_equation"


FIELDS_BY_TYPE: dict[PropertyType, tuple[FieldType, ...]] = {
    PropertyType.STRING: (
        FieldType.TEXT,
        FieldType.TEXTAREA,
        FieldType.FILE,
        FieldType.HTML,
        FieldType.PHONENUMBER,
        FieldType.CALCULATION_EQUATION,
    ),
    PropertyType.NUMBER: (FieldType.NUMBER, FieldType.CALCULATION_EQUATION),
    PropertyType.DATE: (FieldType.DATE,),
    PropertyType.DATETIME: (FieldType.DATE,),
    PropertyType.ENUMERATION: (
        FieldType.SELECT,
        FieldType.RADIO,
        FieldType.CHECKBOX,
        FieldType.BOOLEANCHECKBOX,
        FieldType.CALCULATION_EQUATION,
    ),
    PropertyType.BOOL: (FieldType.BOOLEANCHECKBOX, FieldType.CALCULATION_EQUATION),
    PropertyType.PHONE_NUMBER: (FieldType.PHONENUMBER,),
}
"""Valid ``type`` → ``fieldType`` pairs (HubSpot's properties guide)."""

DEFAULT_FIELD: dict[PropertyType, FieldType] = {t: fields[0] for t, fields in FIELDS_BY_TYPE.items()}

TYPES_WITH_OPTIONS = frozenset({PropertyType.ENUMERATION})

BOOL_OPTIONS = ({"label": "Yes", "value": "true"}, {"label": "No", "value": "false"})
"""HubSpot wants these two options on every ``bool`` property; the gateway adds them."""


def field_suits_type(type_: PropertyType | str, field: FieldType | str) -> bool:
    """True when HubSpot accepts this ``type``/``fieldType`` pair."""
    try:
        return FieldType(field) in FIELDS_BY_TYPE[PropertyType(type_)]
    except ValueError:
        return False


def name_problem(name: str) -> str | None:
    """Why HubSpot would reject ``name`` as an internal name, or None when it is fine."""
    if not name:
        return "must not be empty"
    if name.startswith(RESERVED_PREFIX):
        return f"must not start with '{RESERVED_PREFIX}', HubSpot reserves that prefix"
    if not NAME_PATTERN.match(name):
        return "must start with a lowercase letter and hold only lowercase letters, digits and '_'"
    return None


def name_problem_words(name: str) -> str | None:
    """:func:`name_problem`'s reason in the session's language, for people (the sandbox answers
    with the English one, as HubSpot's API does)."""
    from hubwizard.i18n import _

    if name_problem(name) is None:
        return None
    if not name:
        return _("must not be empty")
    if name.startswith(RESERVED_PREFIX):
        return _("must not start with '{prefix}', HubSpot reserves that prefix").format(
            prefix=RESERVED_PREFIX
        )
    return _("must start with a lowercase letter and hold only lowercase letters, digits and '_'")


# --- probabilities ----------------------------------------------------------------------

PROBABILITY_STEP = 0.1


def probability_problem(value: float) -> str | None:
    """Why HubSpot would reject a deal stage probability, or None."""
    if not 0.0 <= value <= 1.0:
        return "must be between 0.0 and 1.0"
    tenths = value * 10
    if abs(tenths - round(tenths)) > 1e-6:
        return "must be a multiple of 0.1 (HubSpot accepts 0.0, 0.1, ... 1.0)"
    return None


def normalise_probability(value: float) -> str:
    """The string HubSpot returns for a probability: ``0.10`` → ``"0.1"``, ``1`` → ``"1.0"``."""
    return repr(round(float(value), 1))


# --- objects and tiers ------------------------------------------------------------------

STANDARD_OBJECTS = ("contacts", "companies", "deals", "tickets")
PIPELINE_OBJECTS = ("deals", "tickets")
OBJECT_TYPE_IDS = {"contacts": "0-1", "companies": "0-2", "deals": "0-3", "tickets": "0-5"}
ASSOCIATION_NAMES = {
    "contacts": "CONTACT",
    "companies": "COMPANY",
    "deals": "DEAL",
    "tickets": "TICKET",
}

PIPELINES_PER_OBJECT: dict[Tier, int] = {
    Tier.FREE: 1,
    Tier.STARTER: 2,
    Tier.PROFESSIONAL: 15,
    Tier.ENTERPRISE: 100,
}
"""Pipelines allowed per object (deals or tickets). Commonly quoted; unverified on a live portal,
so the gateway reads the real numbers from ``/crm/v3/limits/pipelines`` when it can."""

STAGES_PER_PIPELINE = 100
CUSTOM_PROPERTIES_PER_OBJECT = 1000
CUSTOM_PROPERTIES_PER_GROUP_ADVICE = 30
CUSTOM_OBJECT_TYPES: dict[Tier, int] = {
    Tier.FREE: 0,
    Tier.STARTER: 0,
    Tier.PROFESSIONAL: 0,
    Tier.ENTERPRISE: 10,
}

CUSTOM_OBJECTS_MIN_TIER = Tier.ENTERPRISE
WORKFLOWS_MIN_TIER = Tier.PROFESSIONAL
EXTRA_PIPELINES_MIN_TIER = Tier.STARTER

RATE_LIMIT_PER_10S: dict[Tier, int] = {
    Tier.FREE: 100,
    Tier.STARTER: 100,
    Tier.PROFESSIONAL: 190,
    Tier.ENTERPRISE: 190,
}
RATE_LIMIT_DAILY: dict[Tier, int] = {
    Tier.FREE: 250_000,
    Tier.STARTER: 250_000,
    Tier.PROFESSIONAL: 625_000,
    Tier.ENTERPRISE: 1_000_000,
}
DEFAULT_PIPELINE_ID: dict[str, str] = {"deals": "default", "tickets": "0"}
"""The id of HubSpot's own pipeline of each object (every portal has one; it cannot be archived)."""

DEFAULT_DEAL_STAGES: tuple[tuple[str, str, str, bool], ...] = (
    ("appointmentscheduled", "Appointment Scheduled", "0.2", False),
    ("qualifiedtobuy", "Qualified To Buy", "0.4", False),
    ("presentationscheduled", "Presentation Scheduled", "0.6", False),
    ("decisionmakerboughtin", "Decision Maker Bought-In", "0.8", False),
    ("contractsent", "Contract Sent", "0.9", False),
    ("closedwon", "Closed Won", "1.0", True),
    ("closedlost", "Closed Lost", "0.0", True),
)
"""HubSpot's default deal pipeline as a new portal has it: id, label, probability (as HubSpot
writes it), closed."""

DEFAULT_TICKET_STAGES: tuple[tuple[str, str, str], ...] = (
    ("1", "New", "OPEN"),
    ("2", "Waiting on contact", "OPEN"),
    ("3", "Waiting on us", "OPEN"),
    ("4", "Closed", "CLOSED"),
)
"""HubSpot's default ticket pipeline ("Support Pipeline", id ``0``) as a new portal has it: id,
label, ticket state."""

DEFAULT_DEAL_STAGE_IDS = tuple(stage[0] for stage in DEFAULT_DEAL_STAGES)
"""The fixed stage ids of HubSpot's default deal pipeline, in board order."""

BATCH_SIZE = 100
"""Inputs per batch call; documented for object batches, used for property batches too."""
