"""Answers → a complete setup, and the decisions that shaped it, each with the guide's reason.

The rules, in the order the guide takes them (``docs/questionnaire.md`` says the same for people):

1. **One deal pipeline per team that works on deals.** Sales' pipeline adopts HubSpot's own
   default pipeline (reshaped in place, its stages mapped onto the new ones); each team that
   takes over afterwards gets a pipeline of its own, created alongside, as far as the
   subscription's pipeline limit allows (Free 1, Starter 2).
2. **Hand-over**: a workflow copies each deal won in one team's pipeline into the next team's
   first stage (Professional and Enterprise; below that the team does it by hand).
3. **Product lines are a property, not pipelines**: a "Product line" dropdown with one option per
   line, and one workflow per salesperson that assigns the deals of their lines to them. A line
   gets a pipeline of its own only when it is sold in a truly different way: its steps share
   less than half of Sales' steps (otherwise, as the guide says, the common stages win).
4. **Only the essential stages**, from the answer, with win probabilities that rise from stage to
   stage (the guide's 10% first contact, 30% demo, 60% quote), then won (100%) and lost (0%).
   Chasing quotes needs a "Quote sent" stage: it is added when missing.
5. **Reminders are workflows, not stages**: 15 days after a deal enters "Quote sent", a task for
   the owner or an email to the client, stopping as soon as the deal moves on.
6. **Recruiting**: on Enterprise, applications are a custom object with their HR group and a
   recruitment pipeline; below, an "HR" property group on contacts (candidates are people), so
   applications never mix with the sales pipeline and its forecast.
7. **No workflow on a subscription without workflows** (Free, Starter): said as a decision.

Labels are composed in the current language (:mod:`hubwizard.i18n`); internal names stay ASCII.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from dataclasses import dataclass, field

from hubwizard import stage_mapping
from hubwizard.config import (
    Config,
    CustomObject,
    ObjectPropertyGroup,
    Option,
    Pipeline,
    Portal,
    Property,
    PropertyGroup,
    Stage,
    Workflow,
)
from hubwizard.hubspot_rules import (
    CUSTOM_OBJECTS_MIN_TIER,
    PIPELINES_PER_OBJECT,
    WORKFLOWS_MIN_TIER,
    PropertyType,
    Tier,
)
from hubwizard.i18n import _, ngettext
from hubwizard.questionnaire.answers import (
    QUOTE_STEP,
    STEP_BY_ID,
    TEAM_BY_ID,
    Answers,
    Chase,
    Decision,
    Problems,
    ProductLine,
    TeamChoice,
)
from hubwizard.wording import tier_name

SALES = "sales"
OTHER_WAY = "other_way"
"""The pipeline of the product lines sold in a truly different way."""
REMINDER_DAYS = 15
"""The guide's example: a quote still unsigned after 15 days gets a reminder."""
SHARED_ENOUGH = 0.5
"""Lines whose steps share at least half of the steps of Sales stay in Sales' pipeline."""

PRODUCT_GROUP = "product_information"
PRODUCT_PROPERTY = "product_line"


@dataclass
class Composition:
    """A complete setup and the decisions that made it, in the order they were taken."""

    config: Config
    decisions: list[Decision] = field(default_factory=list)


def tier_words(tier: Tier) -> str:
    """ "HubSpot Professional", with the subscription named as the rest of the wizard names it."""
    return _("HubSpot {tier}").format(tier=tier_name(tier))


def _join(items: list[str]) -> str:
    return _(", ").join(items)


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


def slug(text: str, taken: set[str], fallback: str) -> str:
    """An ASCII internal value for a name ('Logiciels é' → 'logiciels_e'), unique in ``taken``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    base = "_".join(words)[:40].strip("_")
    if not base or not base[0].isalpha():
        base = f"{fallback}_{base}".strip("_") if base else fallback
    value, n = base, 2
    while value in taken:
        value = f"{base}_{n}"
        n += 1
    taken.add(value)
    return value


def rising(defaults: list[float]) -> list[float]:
    """Probabilities as close to ``defaults`` as possible, strictly rising in steps of 10%,
    between 10% and 90% (at most nine stages)."""
    tenths = [min(max(round(p * 10), 1), 9) for p in defaults]
    for i in range(1, len(tenths)):
        tenths[i] = max(tenths[i], tenths[i - 1] + 1)
    for i in range(len(tenths) - 1, -1, -1):
        ceiling = 9 if i == len(tenths) - 1 else tenths[i + 1] - 1
        tenths[i] = min(tenths[i], ceiling)
    return [t / 10 for t in tenths]


def _deal_stages(steps: tuple[str, ...]) -> list[Stage]:
    chosen = [STEP_BY_ID[s] for s in steps]
    probabilities = rising([s.probability for s in chosen])
    stages = [
        Stage(id=s.id, label=_(s.label), probability=p) for s, p in zip(chosen, probabilities, strict=True)
    ]
    stages.append(Stage(id="closed_won", label=_("Closed won"), probability=1.0, closed="won"))
    stages.append(Stage(id="closed_lost", label=_("Closed lost"), probability=0.0, closed="lost"))
    return stages


def _team_pipeline(team: TeamChoice) -> Pipeline:
    stages = [Stage(id=sid, label=_(label), probability=p) for sid, label, p in team.stages]
    stages.append(Stage(id=team.won[0], label=_(team.won[1]), probability=1.0, closed="won"))
    stages.append(Stage(id=team.lost[0], label=_(team.lost[1]), probability=0.0, closed="lost"))
    return Pipeline(id=team.id, object="deals", label=_(team.label), stages=stages)


def _adopted(pipeline: Pipeline) -> Pipeline:
    """Sales' pipeline as HubSpot's default one, each default stage mapped onto a new one."""
    pipeline = pipeline.model_copy(update={"adopt": "default"})
    key = tuple((s.id, s.label, s.probability, s.closed) for s in pipeline.stages)
    return stage_mapping.with_mapping(pipeline, dict(_default_mapping(key)))


@functools.lru_cache(maxsize=256)
def _default_mapping(
    stages: tuple[tuple[str, str, float | None, str | None], ...],
) -> tuple[tuple[str, str | None], ...]:
    """Where each of HubSpot's default stages goes, for one list of stages (the proposal reads
    every name in three languages: worth remembering, as a form recomposes often)."""
    pipeline = Pipeline(
        id=SALES,
        label="-",
        adopt="default",
        stages=[Stage(id=i, label=label, probability=p, closed=c) for i, label, p, c in stages],
    )
    return tuple(stage_mapping.current(pipeline, stage_mapping.default_deal_stages()).items())


def shared_share(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """How much of the smaller step list the other one has too (0 to 1)."""
    if not a or not b:
        return 0.0
    return len(set(a) & set(b)) / min(len(a), len(b))


class _Composer:
    def __init__(self, answers: Answers) -> None:
        self.a = answers
        self.tier = answers.tier
        self.decisions: list[Decision] = []
        self.pipelines: list[Pipeline] = []
        self.groups: list[PropertyGroup] = []
        self.objects: list[CustomObject] = []
        self.workflows: list[Workflow] = []
        self.workflows_allowed = self.tier.at_least(WORKFLOWS_MIN_TIER)
        self.pipeline_limit = PIPELINES_PER_OBJECT[self.tier]

    def decide(self, topic: str, what: str, answer: str, why: str) -> None:
        self.decisions.append(Decision(topic, what, answer, why))

    # --- 4. stages (decided first: the hand-over and reminders refer to them) ---------------

    def sales_steps(self) -> tuple[str, ...]:
        steps = self.a.steps
        labels = [_(STEP_BY_ID[s].label) for s in steps]
        if self.a.chase is not Chase.NONE and QUOTE_STEP not in steps:
            steps = tuple(s for s in STEP_BY_ID if s in {*steps, QUOTE_STEP})
            self.decide(
                "quote_stage",
                _("Added the stage “{stage}”.").format(stage=_(STEP_BY_ID[QUOTE_STEP].label)),
                _("You chase quotes; your steps: {steps}.").format(steps=_join(labels)),
                _(
                    "A reminder waits for a quote to come back signed, so sending the quote is a "
                    "step every deal goes through: the reminder starts when a deal enters it."
                ),
            )
        return steps

    def stages_decision(self, pipeline: Pipeline) -> None:
        opens = [f"{s.label} {percent(s.probability or 0)}" for s in pipeline.stages if s.is_open]
        self.decide(
            "stages",
            _("Sales' stages: {stages}, then won (100%) or lost (0%).").format(stages=_join(opens)),
            _("Steps every deal goes through: {steps}.").format(
                steps=_join([_(STEP_BY_ID[s].label) for s in self.a.steps])
            ),
            _(
                "Only the essential stages: every extra stage is time lost updating deals. Each "
                "stage has a win probability that rises as deals progress (first contact 10%, "
                "demo 30%, quote 60%), so the weighted forecast on the board is right."
            ),
        )

    # --- 1. pipelines -----------------------------------------------------------------------

    def departments(self, steps: tuple[str, ...]) -> list[TeamChoice]:
        sales = _adopted(Pipeline(id=SALES, object="deals", label=_("Sales"), stages=_deal_stages(steps)))
        self.pipelines.append(sales)
        wanted = [TEAM_BY_ID[t] for t in self.a.teams]
        room = max(self.pipeline_limit - 1, 0)
        kept, left_out = wanted[:room], wanted[room:]
        self.pipelines.extend(_team_pipeline(t) for t in kept)
        answer = (
            _("Sales, then {teams}.").format(teams=_join([_(t.label) for t in wanted]))
            if wanted
            else _("Only Sales works on deals.")
        )
        names = [_("Sales")] + [_(t.label) for t in kept]
        self.decide(
            "departments",
            ngettext(
                "{count} deal pipeline: {names}; Sales' is HubSpot's own pipeline, reshaped.",
                "{count} deal pipelines, one per team: {names}; Sales' is HubSpot's own pipeline, reshaped.",
                len(names),
            ).format(count=len(names), names=_join(names)),
            answer,
            _(
                "A pipeline is a shared, standard tool: one per department that takes part in the "
                "sale, never one per salesperson. Every portal already has HubSpot's default "
                "pipeline, so Sales uses it instead of leaving two."
            ),
        )
        self.stages_decision(sales)
        if left_out:
            self.decide(
                "pipeline_limit",
                _("No pipeline of its own for {teams}.").format(teams=_join([_(t.label) for t in left_out])),
                _("Subscription: {tier}.").format(tier=tier_words(self.tier)),
                ngettext(
                    "{tier} allows {count} deal pipeline: those teams follow won deals on the "
                    "pipelines above until the portal has a higher subscription.",
                    "{tier} allows {count} deal pipelines: those teams follow won deals on the "
                    "pipelines above until the portal has a higher subscription.",
                    self.pipeline_limit,
                ).format(tier=tier_words(self.tier), count=self.pipeline_limit),
            )
        return kept

    # --- 3. product lines -------------------------------------------------------------------

    def other_way(self, steps: tuple[str, ...]) -> Pipeline | None:
        different = [line for line in self.a.lines if line.different]
        if not different:
            return None
        names = _join([line.name for line in different])
        answer = _("Sold in a different way: {lines}; their steps: {steps}.").format(
            lines=names, steps=_join([_(STEP_BY_ID[s].label) for s in self.a.other_steps])
        )
        if shared_share(steps, self.a.other_steps) >= SHARED_ENOUGH:
            self.decide(
                "other_way",
                _("{lines} stay in Sales' pipeline.").format(lines=names),
                answer,
                _(
                    "Their steps are mostly the same as Sales' steps. Even when a product is sold "
                    "differently, look for the common stages first: one pipeline keeps reporting "
                    "and follow-up simple."
                ),
            )
            return None
        if len(self.pipelines) >= self.pipeline_limit:
            self.decide(
                "other_way",
                _("{lines} stay in Sales' pipeline.").format(lines=names),
                answer,
                ngettext(
                    "{tier} allows {count} deal pipeline, and the teams' pipelines come first.",
                    "{tier} allows {count} deal pipelines, and the teams' pipelines come first.",
                    self.pipeline_limit,
                ).format(tier=tier_words(self.tier), count=self.pipeline_limit),
            )
            return None
        # named after the way of selling, never after a product: a pipeline named after a
        # product reads as the per-product pipeline the guide warns against
        pipeline = Pipeline(
            id=OTHER_WAY,
            object="deals",
            label=_("Sales, other process"),
            stages=_deal_stages(self.a.other_steps),
        )
        self.pipelines.append(pipeline)
        self.decide(
            "other_way",
            _("A pipeline of its own for {lines}: “{label}”.").format(lines=names, label=pipeline.label),
            answer,
            _(
                "Only a product whose sales process is truly different justifies a separate "
                "pipeline: these steps share less than half of Sales' steps."
            ),
        )
        return pipeline

    def products(self) -> list[tuple[str, list[str]]]:
        """The product property; (owner, option values) for each salesperson named."""
        lines = self.a.lines
        if len(lines) < 2:
            if lines:
                self.decide(
                    "products",
                    _("No product property."),
                    _("One product line: {line}.").format(line=lines[0].name),
                    _("With a single product line every deal is about it: nothing to tell apart."),
                )
            return []
        taken: set[str] = set()
        values = [slug(line.name, taken, "line") for line in lines]
        prop = Property(
            name=PRODUCT_PROPERTY,
            label=_("Product line"),
            type=PropertyType.ENUMERATION,
            options=[Option(label=line.name, value=v) for line, v in zip(lines, values, strict=True)],
            description=_("Which product line the deal is about; one pipeline serves them all."),
        )
        self.groups.append(
            PropertyGroup(
                object="deals", name=PRODUCT_GROUP, label=_("Product information"), properties=[prop]
            )
        )
        by_owner: dict[str, list[str]] = {}
        for line, value in zip(lines, values, strict=True):
            if line.owner:
                by_owner.setdefault(line.owner, []).append(value)
        self.decide(
            "products",
            _("A dropdown property “{property}” with one option per line, in the group “{group}”.").format(
                property=prop.label, group=_("Product information")
            ),
            _("Product lines: {lines}.").format(lines=_join([line.name for line in lines])),
            _(
                "Several products do not justify several pipelines: they make follow-up and "
                "reporting harder. A product property tells the deals apart in one pipeline."
            ),
        )
        return list(by_owner.items())

    # --- 6. recruiting ----------------------------------------------------------------------

    def recruiting(self) -> None:
        if not self.a.recruits:
            return
        answer = _("You recruit; subscription: {tier}.").format(tier=tier_words(self.tier))
        if self.tier.at_least(CUSTOM_OBJECTS_MIN_TIER):
            self.objects.append(_application_object())
            self.pipelines.append(_recruitment_pipeline())
            self.decide(
                "recruiting",
                _(
                    "A custom object “{object}” with an “HR” group and a recruitment pipeline of its own."
                ).format(object=_("Application")),
                answer,
                _(
                    "Applications are not sales opportunities: as a custom object they get their "
                    "own properties and pipeline, and the sales pipeline and its reports stay clean."
                ),
            )
            return
        self.groups.append(
            PropertyGroup(object="contacts", name="hr", label=_("HR"), properties=_hr_properties())
        )
        self.decide(
            "recruiting",
            _("An “HR” property group on contacts: application source, position sought, education level."),
            answer,
            _(
                "Custom objects need HubSpot Enterprise. HubSpot was not designed for applications "
                "as deals: an HR property group on the candidates keeps them out of the sales "
                "pipeline and its forecast."
            ),
        )

    # --- 2. and 5. workflows ----------------------------------------------------------------

    def hand_over(self, sources: list[Pipeline], teams: list[TeamChoice]) -> None:
        if not teams:
            return
        chain = [(source, teams[0]) for source in sources]
        chain += [(self._pipeline(a.id), b) for a, b in itertools.pairwise(teams)]
        pairs = [_("{source} → {team}").format(source=s.label, team=_(t.label)) for s, t in chain]
        answer = _("Hand-over order: {pairs}.").format(pairs=_join(pairs))
        if not self.workflows_allowed:
            self.decide(
                "hand_over",
                _("No hand-over workflow: the next team copies each won deal into its pipeline by hand."),
                answer,
                _("Workflows need HubSpot Professional or Enterprise."),
            )
            return
        for source, team in chain:
            won = next(s for s in source.stages if s.closed == "won")
            target = self._pipeline(team.id)
            suffix = "" if source.id == SALES else f"_from_{source.id}"
            self.workflows.append(
                Workflow.model_validate(
                    {
                        "id": f"hand_over_to_{team.id}{suffix}",
                        "name": _("Copy deals won in {source} into {team}").format(
                            source=source.label, team=target.label
                        ),
                        "object": "deals",
                        "trigger": {"stage_entered": {"pipeline": source.id, "stage": won.id}},
                        "steps": [
                            {"copy_to_pipeline": {"pipeline": target.id, "stage": target.stages[0].id}}
                        ],
                    }
                )
            )
        self.decide(
            "hand_over",
            ngettext(
                "A hand-over workflow copies each won deal into the next team's pipeline.",
                "{count} hand-over workflows copy each won deal into the next team's pipeline.",
                len(chain),
            ).format(count=len(chain)),
            answer,
            _(
                "Each department runs its own steps: when a deal is signed in one pipeline, a "
                "workflow copies it into the next team's pipeline, where that team takes over."
            ),
        )

    def routing(self, owners: list[tuple[str, list[str]]]) -> None:
        if len(self.a.lines) < 2:
            return
        named = _join([f"{line.name} → {line.owner}" for line in self.a.lines if line.owner])
        if not owners:
            self.decide(
                "owner_by_product",
                _("No owner assignment by product line."),
                _("No salesperson named for a product line."),
                _("Name the salesperson who sells a line and a workflow assigns its deals to them."),
            )
            return
        if not self.workflows_allowed:
            self.decide(
                "owner_by_product",
                _("No owner assignment workflow: set the deal owner by hand."),
                _("Salespeople: {owners}.").format(owners=named),
                _("Workflows need HubSpot Professional or Enterprise."),
            )
            return
        labels = {o.value: o.label for o in self.groups[0].properties[0].options}
        for k, (owner, values) in enumerate(owners, 1):
            self.workflows.append(
                Workflow.model_validate(
                    {
                        "id": f"assign_owner_{k}",
                        "name": _("Assign {lines} deals to {owner}").format(
                            lines=_join([labels[v] for v in values]), owner=owner
                        )[:200],
                        "object": "deals",
                        "trigger": {"property_is": {"property": PRODUCT_PROPERTY, "values": values}},
                        "steps": [{"assign_owner": {"owner": owner}}],
                    }
                )
            )
        self.decide(
            "owner_by_product",
            ngettext(
                "A workflow assigns each deal to the salesperson of its product line.",
                "{count} workflows assign each deal to the salesperson of its product line.",
                len(owners),
            ).format(count=len(owners)),
            _("Salespeople: {owners}.").format(owners=named),
            _(
                "Instead of a pipeline per product, a workflow can give the deal to a given "
                "salesperson by product type."
            ),
        )

    def reminders(self) -> None:
        chase = self.a.chase
        if chase is Chase.NONE:
            self.decide(
                "reminders",
                _("No quote reminder."),
                _("You do not chase quotes."),
                _("Do not automate everything: reminders only where the team needs them."),
            )
            return
        answer = (
            _("You chase quotes by a task for the salesperson.")
            if chase is Chase.TASK
            else _("You chase quotes by an email to the client.")
        )
        if not self.workflows_allowed:
            self.decide(
                "reminders",
                _("No reminder workflow: the salesperson creates a task by hand when a quote waits."),
                answer,
                _("Workflows need HubSpot Professional or Enterprise; a reminder is never a stage."),
            )
            return
        by_email = chase is Chase.EMAIL and bool(self.a.email_id)
        targets = [p for p in self.pipelines if p.object == "deals" and p.stage(QUOTE_STEP) is not None]
        for pipeline in targets:
            action = (
                {"send_email": {"email_id": self.a.email_id}}
                if by_email
                else {
                    "create_task": {
                        "subject": _("Follow up the quote"),
                        "assign_to": "owner",
                        "priority": "high",
                    }
                }
            )
            self.workflows.append(
                Workflow.model_validate(
                    {
                        "id": "quote_reminder" if pipeline.id == SALES else f"quote_reminder_{pipeline.id}",
                        "name": _("Quote follow-up after {days} days ({pipeline})").format(
                            days=REMINDER_DAYS, pipeline=pipeline.label
                        ),
                        "object": "deals",
                        "trigger": {"stage_entered": {"pipeline": pipeline.id, "stage": QUOTE_STEP}},
                        "exit_when_trigger_no_longer_true": True,
                        "steps": [{"delay": {"days": REMINDER_DAYS}}, action],
                    }
                )
            )
        how = _("an email to the client") if by_email else _("a task for the deal owner")
        self.decide(
            "reminders",
            _(
                "A workflow: {days} days after a deal enters “{stage}”, {how}; it stops when the deal moves on."
            ).format(days=REMINDER_DAYS, stage=_(STEP_BY_ID[QUOTE_STEP].label), how=how),
            answer,
            _(
                "A follow-up is not a stage: some quotes need no chasing, others two or three "
                "reminders. Keep “Quote sent” as a stage and let a workflow remind."
            ),
        )
        if chase is Chase.EMAIL and not by_email:
            self.decide(
                "reminder_email",
                _("The reminder is a task until you name the email to send."),
                answer,
                _(
                    "A workflow emails the client with a marketing email made in HubSpot: give "
                    "its id in the questionnaire to send it instead of the task."
                ),
            )

    def no_workflows(self) -> None:
        if self.workflows_allowed:
            return
        self.decide(
            "workflows",
            _("No workflows in this setup."),
            _("Subscription: {tier}.").format(tier=tier_words(self.tier)),
            _(
                "{tier} has no workflows: hand-overs, owner assignment and reminders are done by "
                "hand, with tasks the owner creates, until the portal has Professional."
            ).format(tier=tier_words(self.tier)),
        )

    def _pipeline(self, pipeline_id: str) -> Pipeline:
        return next(p for p in self.pipelines if p.id == pipeline_id)

    # --- the whole setup --------------------------------------------------------------------

    def compose(self) -> Composition:
        steps = self.sales_steps()
        teams = self.departments(steps)
        other = self.other_way(steps)
        owners = self.products()
        self.hand_over([self.pipelines[0], *([other] if other else [])], teams)
        self.routing(owners)
        self.reminders()
        self.recruiting()
        self.no_workflows()
        config = Config(
            name=_("{company} sales setup").format(company=self.a.company),
            description=_("Designed from the answers to the questionnaire, following the Sales Hub guide."),
            portal=Portal(tier=self.tier),
            pipelines=self.pipelines,
            property_groups=self.groups,
            custom_objects=self.objects,
            workflows=self.workflows,
        )
        return Composition(Config.model_validate(config.model_dump(mode="json")), self.decisions)


def compose(answers: Answers) -> Composition:
    """The setup the answers call for, in the current language, with each decision and why.
    :class:`Problems` (in plain words) when the answers cannot be composed."""
    problems = answers.problems()
    if problems:
        raise Problems(problems)
    return _Composer(answers.normalised()).compose()


# --- recruiting pieces ---------------------------------------------------------------------


def _hr_properties() -> list[Property]:
    return [
        Property(
            name="application_source",
            label=_("Application source"),
            type=PropertyType.ENUMERATION,
            options=[
                Option(label=_("Website"), value="website"),
                Option(label=_("Mail"), value="mail"),
                Option(label=_("Phone"), value="phone"),
                Option(label="LinkedIn", value="linkedin"),
                Option(label=_("Referral"), value="referral"),
            ],
        ),
        Property(
            name="position_sought",
            label=_("Position sought"),
            type=PropertyType.ENUMERATION,
            options=[
                Option(label=_("Salesperson"), value="salesperson"),
                Option(label=_("Administrative assistant"), value="administrative_assistant"),
                Option(label=_("Project manager"), value="project_manager"),
            ],
        ),
        Property(
            name="education_level",
            label=_("Education level"),
            type=PropertyType.ENUMERATION,
            options=[
                Option(label=_("Secondary school"), value="secondary"),
                Option(label=_("Two-year degree"), value="two_year"),
                Option(label=_("Bachelor's degree"), value="bachelor"),
                Option(label=_("Master's degree"), value="master"),
                Option(label=_("Doctorate"), value="doctorate"),
            ],
        ),
    ]


def _application_object() -> CustomObject:
    candidate = Property(name="candidate_name", label=_("Candidate name"), type=PropertyType.STRING)
    return CustomObject(
        name="application",
        singular=_("Application"),
        plural=_("Applications"),
        description=_("A candidate's application for a position."),
        primary_property="candidate_name",
        secondary_properties=["position_sought"],
        required=["candidate_name"],
        associations=["contacts"],
        property_groups=[
            ObjectPropertyGroup(name="hr", label=_("HR"), properties=[candidate, *_hr_properties()])
        ],
    )


def _recruitment_pipeline() -> Pipeline:
    stages = [
        ("received", _("Application received"), "open"),
        ("screening", _("Screening"), "open"),
        ("interview", _("Interview"), "open"),
        ("offer", _("Offer made"), "open"),
        ("hired", _("Hired"), "closed"),
        ("declined", _("Not selected"), "closed"),
    ]
    return Pipeline(
        id="recruitment",
        object="application",
        label=_("Recruitment"),
        stages=[Stage(id=sid, label=label, state=state) for sid, label, state in stages],
    )


__all__ = ["Composition", "ProductLine", "compose"]
