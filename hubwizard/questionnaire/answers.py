"""The questionnaire's answers: a handful of plain questions taken from the guide's decision points.

Each answer is something a sales manager knows without knowing HubSpot: the company's name, the
teams that take over a deal after Sales signs it (in hand-over order), the product lines (who
sells each, whether one is sold in a truly different way), the steps every deal goes through,
whether quotes are chased (by a task or an email), whether the company recruits, and the HubSpot
subscription. :func:`hubwizard.questionnaire.compose` turns them into a setup.

Answers are plain frozen dataclasses (no Streamlit, no pydantic): the wizard keeps them in the
session, tests generate them with hypothesis. :meth:`Answers.problems` says, in the user's
language, what cannot be composed (an empty company name, a line named twice, more steps than
the essential ones).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from hubwizard.hubspot_rules import Tier
from hubwizard.i18n import N_, _


class Chase(StrEnum):
    """How a quote that waits for its signature is chased (guide, section 2)."""

    NONE = "none"
    TASK = "task"
    EMAIL = "email"


@dataclass(frozen=True)
class StepChoice:
    """One essential step of a sales funnel, with the win probability it usually has."""

    id: str
    label: str  # N_() marked, translated when composed
    probability: float


STEPS: tuple[StepChoice, ...] = (
    StepChoice("first_contact", N_("First contact"), 0.1),
    StepChoice("needs_confirmed", N_("Needs confirmed"), 0.2),
    StepChoice("demo_given", N_("Demo given"), 0.3),
    StepChoice("site_visit", N_("Site visit done"), 0.4),
    StepChoice("proposal_sent", N_("Proposal sent"), 0.5),
    StepChoice("quote_sent", N_("Quote sent"), 0.6),
    StepChoice("negotiation", N_("Negotiation"), 0.8),
)
"""The essential steps to pick from, in funnel order, with the guide's probabilities (first
contact 10%, demo 30%, quote 60%). Seven at most: more open stages than that is more than the
essential steps (HW201)."""

STEP_IDS: tuple[str, ...] = tuple(s.id for s in STEPS)
STEP_BY_ID = {s.id: s for s in STEPS}
DEFAULT_STEPS: tuple[str, ...] = ("first_contact", "demo_given", "quote_sent", "negotiation")
QUOTE_STEP = "quote_sent"


@dataclass(frozen=True)
class TeamChoice:
    """A team that takes a deal over after Sales, with the steps of its own pipeline."""

    id: str
    label: str  # N_() marked
    stages: tuple[tuple[str, str, float], ...]
    won: tuple[str, str]
    lost: tuple[str, str]


TEAMS: tuple[TeamChoice, ...] = (
    TeamChoice(
        "administration",
        N_("Administration"),
        (
            ("contract_filed", N_("Signed contract filed"), 0.7),
            ("account_set_up", N_("Customer account set up"), 0.8),
            ("invoice_sent", N_("First invoice sent"), 0.9),
        ),
        ("paid", N_("Paid")),
        ("cancelled", N_("Cancelled")),
    ),
    TeamChoice(
        "onboarding",
        N_("Onboarding"),
        (
            ("kick_off_held", N_("Kick-off meeting held"), 0.7),
            ("set_up_done", N_("Set-up done"), 0.8),
            ("training_done", N_("Users trained"), 0.9),
        ),
        ("live", N_("Customer live")),
        ("onboarding_stopped", N_("Onboarding stopped")),
    ),
    TeamChoice(
        "delivery",
        N_("Delivery"),
        (
            ("project_planned", N_("Project planned"), 0.7),
            ("work_under_way", N_("Work under way"), 0.8),
            ("delivered", N_("Delivered"), 0.9),
        ),
        ("accepted", N_("Accepted by the customer")),
        ("delivery_cancelled", N_("Delivery cancelled")),
    ),
    TeamChoice(
        "customer_success",
        N_("Customer success"),
        (
            ("welcome_call_done", N_("Welcome call done"), 0.7),
            ("first_review_held", N_("First review held"), 0.8),
            ("renewal_proposed", N_("Renewal proposed"), 0.9),
        ),
        ("renewed", N_("Renewed")),
        ("churned", N_("Not renewed")),
    ),
)
"""The teams that may take a deal over after Sales, each with its own essential steps."""

TEAM_IDS: tuple[str, ...] = tuple(t.id for t in TEAMS)
TEAM_BY_ID = {t.id: t for t in TEAMS}

MAX_LINES = 8
MAX_NAME = 40
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ProductLine:
    """A product line: its name, the salesperson who owns its deals (an email, or ""), and
    whether it is sold in a truly different way (other steps, another team)."""

    name: str
    owner: str = ""
    different: bool = False


@dataclass(frozen=True)
class Answers:
    """Everything the questionnaire asks. ``teams`` are the teams after Sales, in hand-over
    order; ``other_steps`` are the steps of the lines sold differently."""

    company: str = "My company"
    teams: tuple[str, ...] = ()
    lines: tuple[ProductLine, ...] = ()
    steps: tuple[str, ...] = DEFAULT_STEPS
    other_steps: tuple[str, ...] = ()
    chase: Chase = Chase.TASK
    email_id: str = ""
    recruits: bool = False
    tier: Tier = Tier.PROFESSIONAL

    # --- checking ---------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What keeps these answers from being composed, in plain words (empty when fine)."""
        out: list[str] = []
        if not self.company.strip():
            out.append(_("Give the company's name."))
        elif len(self.company.strip()) > MAX_NAME * 2:
            out.append(
                _("The company's name is too long ({count} characters at most).").format(count=MAX_NAME * 2)
            )
        for team in self.teams:
            if team not in TEAM_BY_ID:
                out.append(_("Unknown team “{team}”.").format(team=team))
        if len(set(self.teams)) != len(self.teams):
            out.append(_("Each team takes over once: remove the repeated team."))
        if len(self.lines) > MAX_LINES:
            out.append(_("Name at most {count} product lines.").format(count=MAX_LINES))
        seen: set[str] = set()
        for line in self.lines:
            name = line.name.strip()
            if not name:
                out.append(_("A product line has no name."))
                continue
            if len(name) > MAX_NAME:
                out.append(
                    _("The product line “{name}” has a name longer than {count} characters.").format(
                        name=name, count=MAX_NAME
                    )
                )
            if name.casefold() in seen:
                out.append(_("The product line “{name}” is named twice.").format(name=name))
            seen.add(name.casefold())
            if line.owner.strip() and not EMAIL.match(line.owner.strip()):
                out.append(
                    _("“{owner}” (who sells {name}) is not an email address.").format(
                        owner=line.owner.strip(), name=name
                    )
                )
        for what, steps in (
            (_("the steps every deal goes through"), self.steps),
            (_("the steps of the lines sold differently"), self.other_steps),
        ):
            for step in steps:
                if step not in STEP_BY_ID:
                    out.append(_("Unknown step “{step}” in {what}.").format(step=step, what=what))
        if not self.steps:
            out.append(_("Pick at least one step every deal goes through."))
        if any(line.different for line in self.lines) and not self.other_steps:
            out.append(_("Pick the steps of the product lines sold differently."))
        return out

    # --- derived ------------------------------------------------------------------------

    def normalised(self) -> Answers:
        """Names trimmed, steps in funnel order, no repeated step: the answers compose uses."""
        return replace(
            self,
            company=self.company.strip(),
            lines=tuple(
                ProductLine(line.name.strip(), line.owner.strip().lower(), line.different)
                for line in self.lines
            ),
            steps=_in_order(self.steps),
            other_steps=_in_order(self.other_steps),
            email_id=self.email_id.strip(),
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["chase"] = self.chase.value
        data["tier"] = self.tier.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answers:
        return cls(
            company=str(data.get("company", "")),
            teams=tuple(data.get("teams", ())),
            lines=tuple(ProductLine(**line) for line in data.get("lines", ())),
            steps=tuple(data.get("steps", DEFAULT_STEPS)),
            other_steps=tuple(data.get("other_steps", ())),
            chase=Chase(data.get("chase", Chase.TASK)),
            email_id=str(data.get("email_id", "")),
            recruits=bool(data.get("recruits", False)),
            tier=Tier(data.get("tier", Tier.PROFESSIONAL)),
        )


def _in_order(steps: tuple[str, ...]) -> tuple[str, ...]:
    chosen = set(steps)
    return tuple(s for s in STEP_IDS if s in chosen)


@dataclass(frozen=True)
class Decision:
    """One choice the composition made: what, the answer it came from, and the guide's reason."""

    topic: str
    """A stable ASCII key (``departments``, ``hand_over``, ``products`` ...), for tests and the UI."""
    what: str
    answer: str
    why: str


@dataclass
class Problems(ValueError):
    """Answers that cannot be composed; ``messages`` say why in the user's language."""

    messages: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return " ".join(self.messages)
