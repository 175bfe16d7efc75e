"""Start's "Design my setup" panel: a few plain questions compose the setup; "Why" says why.

The answers are kept per setup in the session (:data:`KEY`) and beside the saved setup (so a
reload or another day can still change them), each submission with the language it was
composed in. Submitting composes the setup from the answers and commits it through the
one change path (:func:`hubwizard.ui.state.change`), so it is one undoable edit. Submitting
changed answers *recomposes*: the setup composed from the previous answers is the base, what the
user changed since then on the wizard's pages is re-applied on the new composition
(:mod:`hubwizard.questionnaire.recompose`).

Which answers a setup came from is found by content, not by history: the stored composition
closest to the setup as it is now (after an undo, the previous answers are back in the form).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from hubwizard import editing, i18n, setups
from hubwizard.config import Config
from hubwizard.hubspot_rules import Tier
from hubwizard.i18n import _, ngettext
from hubwizard.questionnaire import (
    DEFAULT_STEPS,
    STEPS,
    TEAMS,
    Answers,
    Chase,
    ProductLine,
    compose,
    edit_size,
    merge,
)
from hubwizard.questionnaire.compose import tier_words
from hubwizard.ui.state import change, say, wizard

KEY = "questionnaire"
"""``st.session_state[KEY]``: setup id → the answers submitted for it, oldest first (also saved
beside the setup, :data:`ANSWERS_FILE`)."""
PROBLEMS = "quest.problems"
SEEDED = "quest.seeded"
TIER_SEEN = "quest.tier_seen"
"""(setup id, the submission) the widgets were last given the answers of."""
KEPT = 20
"""Submissions kept per setup (besides the setup the first design replaced)."""
STEP_LABELS = {s.id: s.label for s in STEPS}
TEAM_LABELS = {t.id: t.label for t in TEAMS}
TIERS = [t.value for t in Tier]


@dataclass(frozen=True)
class Submitted:
    """One submission of the answers, or (``answers`` None) the setup it replaced."""

    answers: Answers | None
    lang: str
    replaced: Config | None = None

    def composed(self) -> Config:
        """The setup these answers composed, exactly as then (in the language of then)."""
        if self.answers is None:
            assert self.replaced is not None
            return self.replaced
        with i18n.using(self.lang):
            return compose(self.answers).config


def _entries(setup_id: str) -> list[Submitted]:
    """The submissions for one setup: this session's, else those saved beside the setup (a
    reload, a second tab, another day)."""
    store: dict[str, list[Submitted]] = st.session_state.setdefault(KEY, {})
    if setup_id not in store:
        store[setup_id] = load(setup_id)
    return store[setup_id]


# --- kept beside the saved setup ------------------------------------------------------------

ANSWERS_FILE = "questionnaire.json"
"""Beside the setup's ``config.json`` in its folder of saved setups."""


def _answers_path(setup_id: str) -> Path | None:
    return setups.folder() / setup_id / ANSWERS_FILE if setups.valid_id(setup_id) else None


def load(setup_id: str) -> list[Submitted]:
    """The submissions saved for a setup; what cannot be read is left out (never an error)."""
    path = _answers_path(setup_id)
    try:
        items = json.loads(path.read_text(encoding="utf-8")) if path else []
    except (OSError, ValueError):
        return []
    found = []
    for item in items if isinstance(items, list) else []:
        try:
            lang = item["lang"] if item["lang"] in i18n.LANGUAGES else i18n.SOURCE
            answers = Answers.from_dict(item["answers"]) if item.get("answers") else None
            replaced = Config.model_validate(item["replaced"]) if item.get("replaced") else None
        except (KeyError, TypeError, ValueError):
            continue
        if answers is not None or replaced is not None:
            found.append(Submitted(answers, lang, replaced))
    return found


def save(setup_id: str, entries: list[Submitted]) -> None:
    path = _answers_path(setup_id)
    if path is None:
        return
    items = [
        {
            "answers": e.answers.to_dict() if e.answers else None,
            "lang": e.lang,
            "replaced": e.replaced.model_dump(mode="json", exclude_none=True) if e.replaced else None,
        }
        for e in entries
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)


def current() -> Submitted | None:
    """The answers the setup being edited came from: the submission whose composition is the
    closest to the setup now (the latest on a tie); None when it was not designed here, or when
    it is closer to the setup the first design replaced (an undo back past the design)."""
    w = wizard()
    entries = _entries(w.setup_id)
    if not entries:
        return None
    memo = st.session_state.get("quest.current")
    if memo and memo[0] == (w.setup_id, w.revision, len(entries)):
        return entries[memo[1]] if memo[1] is not None else None
    sizes = [edit_size(e.composed(), w.config) for e in entries]
    best: int | None = min(range(len(entries)), key=lambda i: (sizes[i], -i))
    if entries[best].answers is None:
        best = None
    st.session_state["quest.current"] = ((w.setup_id, w.revision, len(entries)), best)
    return entries[best] if best is not None else None


# --- the answers in the widgets ----------------------------------------------------------------


def _lines(text: str) -> list[str]:
    seen: set[str] = set()
    out = []
    for raw in (text or "").splitlines():
        name = raw.strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def _seed(answers: Answers, *, overwrite: bool) -> None:
    """Give the widgets the answers' values: those not drawn yet, or all of them when the setup
    now comes from other answers (a submission, an undo back to earlier answers)."""
    values = {
        "quest.company": answers.company,
        "quest.teams": list(answers.teams),
        "quest.lines": "\n".join(line.name for line in answers.lines),
        "quest.steps": list(answers.steps),
        "quest.other_steps": list(answers.other_steps),
        "quest.chase": answers.chase.value,
        "quest.email_id": answers.email_id,
        "quest.recruits": answers.recruits,
        "quest.tier": answers.tier.value,
    }
    for line in answers.lines:
        values[f"quest.owner.{line.name}"] = line.owner
        values[f"quest.different.{line.name}"] = line.different
    for key, value in values.items():
        if overwrite:
            st.session_state[key] = value
        else:
            st.session_state.setdefault(key, value)


def _answers() -> Answers:
    state = st.session_state
    names = _lines(state.get("quest.lines", ""))
    return Answers(
        company=state.get("quest.company", ""),
        teams=tuple(state.get("quest.teams", ())),
        lines=tuple(
            ProductLine(
                name,
                state.get(f"quest.owner.{name}", "") or "",
                bool(state.get(f"quest.different.{name}", False)),
            )
            for name in names
        ),
        steps=tuple(state.get("quest.steps", DEFAULT_STEPS)),
        other_steps=tuple(state.get("quest.other_steps", ())),
        chase=Chase(state.get("quest.chase", Chase.TASK.value)),
        email_id=state.get("quest.email_id", "") or "",
        recruits=bool(state.get("quest.recruits", False)),
        tier=Tier(state.get("quest.tier", Tier.PROFESSIONAL.value)),
    )


def _first_answers() -> Answers:
    w = wizard()
    if not w.source:
        return Answers(company="")
    return Answers(company="", tier=w.config.tier)


# --- submitting -------------------------------------------------------------------------------


def submit() -> None:
    """Compose (or recompose) the setup from the answers in the widgets, as one undoable edit."""
    answers = _answers()
    problems = answers.problems()
    st.session_state[PROBLEMS] = problems
    if problems:
        return
    w = wizard()
    if not w.source:
        w.replace(editing.blank_setup(answers.company, answers.tier.value), "questionnaire")
    previous = current()
    entries = _entries(w.setup_id)
    composition = compose(answers)
    dropped: list[str] = []
    if previous is None or previous.answers is None:
        entries.append(Submitted(None, i18n.language(), w.config.model_copy(deep=True)))
        config = composition.config
        label = _("Designed the setup from your answers")
    else:
        merged = merge(previous.composed(), w.config, composition.config)
        config, dropped = merged.config, merged.dropped
        label = _("Recomposed the setup from your changed answers")

    def apply(new: Config = config) -> None:
        wizard().config = new

    change(label, apply)
    entries.append(Submitted(answers, i18n.language()))
    del entries[1:-KEPT]  # the replaced setup stays first
    save(w.setup_id, entries)
    say(
        "success",
        ngettext(
            "Your setup is ready: {count} decision, each with its reason under “Why this setup”.",
            "Your setup is ready: {count} decisions, each with its reason under “Why this setup”.",
            len(composition.decisions),
        ).format(count=len(composition.decisions)),
    )
    if dropped:
        say(
            "info",
            ngettext(
                "{count} of your own edits was inside something your new answers no longer have, and went with it.",
                "{count} of your own edits were inside things your new answers no longer have, and went with them.",
                len(dropped),
            ).format(count=len(dropped)),
        )


# --- drawing ------------------------------------------------------------------------------------


def form() -> None:
    """The questions, in the order the guide takes them."""
    entry = current()
    shown = (wizard().setup_id, id(entry))
    _seed(
        entry.answers if entry and entry.answers else _first_answers(),
        overwrite=st.session_state.get(SEEDED, shown) != shown,
    )
    st.session_state[SEEDED] = shown
    # the subscription is also chosen on Start (and undone): the question follows the setup
    tier = wizard().config.tier.value if wizard().source else None
    if tier and st.session_state.get(TIER_SEEN, tier) != tier:
        st.session_state["quest.tier"] = tier
    st.session_state[TIER_SEEN] = tier
    st.markdown(
        _(
            "Answer a few plain questions: the wizard composes a complete setup that follows the "
            "Sales Hub guide, and tells you why for each choice. Change an answer later and the "
            "setup is recomposed, keeping your own edits."
        )
    )
    # the words of the choices, in this run's language: a format_func may be called outside
    # the run (AppTest), where the session's language is not the current one
    tiers = {t: tier_words(Tier(t)) for t in TIERS}
    teams = {t: _(label) for t, label in TEAM_LABELS.items()}
    steps = {s: _(label) for s, label in STEP_LABELS.items()}
    left, right = st.columns(2)
    left.text_input(_("Company name"), key="quest.company")
    right.selectbox(
        _("HubSpot subscription"),
        TIERS,
        key="quest.tier",
        format_func=tiers.__getitem__,
        help=_("It decides what HubSpot allows: pipelines, workflows, custom objects."),
    )
    st.multiselect(
        _("After Sales wins a deal, which teams take it over? Pick them in hand-over order."),
        list(TEAM_LABELS),
        key="quest.teams",
        format_func=teams.__getitem__,
        placeholder=_("Only Sales"),
    )
    st.multiselect(
        _("The steps every deal goes through"),
        list(STEP_LABELS),
        key="quest.steps",
        format_func=steps.__getitem__,
        help=_("Only the essential ones: every extra stage is time lost updating deals."),
    )
    st.text_area(
        _("Your product lines, one per line"),
        key="quest.lines",
        height=90,
        placeholder=_("Software\nHardware"),
    )
    names = _lines(st.session_state.get("quest.lines", ""))
    for name in names:
        owner, different = st.columns([3, 2], vertical_alignment="bottom")
        owner.text_input(
            _("Who sells {line}? (their email in HubSpot, optional)").format(line=name),
            key=f"quest.owner.{name}",
        )
        different.checkbox(
            _("{line} is sold in a truly different way").format(line=name),
            key=f"quest.different.{name}",
            help=_("Other steps, another team. Most products are sold the same way."),
        )
    if any(st.session_state.get(f"quest.different.{name}") for name in names):
        st.multiselect(
            _("The steps of the lines sold differently"),
            list(STEP_LABELS),
            key="quest.other_steps",
            format_func=steps.__getitem__,
        )
    chases = [c.value for c in Chase]
    chase_words = {
        Chase.NONE.value: _("No"),
        Chase.TASK.value: _("Yes, with a task for the salesperson"),
        Chase.EMAIL.value: _("Yes, with an email to the client"),
    }
    st.radio(
        _("When a quote waits for its signature, do you chase it?"),
        chases,
        key="quest.chase",
        format_func=chase_words.__getitem__,
        horizontal=True,
    )
    if st.session_state.get("quest.chase") == Chase.EMAIL.value:
        st.text_input(
            _("The id of the marketing email to send (optional)"),
            key="quest.email_id",
            help=_("In HubSpot: Marketing → Email, the number in the email's address."),
        )
    st.checkbox(_("We recruit: keep track of job applications"), key="quest.recruits")
    for problem in st.session_state.get(PROBLEMS) or []:
        st.error(problem, icon=":material/error:")
    w = wizard()
    if w.source and current() is None:
        st.caption(_("Designing replaces the setup you are editing; Undo brings it back."))
    st.button(
        _("Design my setup") if entry is None else _("Recompose my setup"),
        key="quest.submit",
        on_click=submit,
        type="primary",
        icon=":material/auto_awesome:",
    )


def why() -> None:
    """Each decision of the composition: what, from which answer, and the guide's reason."""
    entry = current()
    if entry is None or entry.answers is None:
        return
    decisions = compose(entry.answers).decisions
    with st.expander(
        ngettext(
            "Why this setup: {count} decision", "Why this setup: {count} decisions", len(decisions)
        ).format(count=len(decisions)),
        expanded=True,
        icon=":material/school:",
    ):
        for decision in decisions:
            with st.container(border=True, key=f"quest.why.{decision.topic}"):
                st.markdown(f"**{decision.what}**")
                st.caption(_("Your answer: {answer}").format(answer=decision.answer))
                st.markdown(_("Why: {reason}").format(reason=decision.why))


def section() -> None:
    """The questionnaire on Start: the form (open until a start is picked) and the reasons."""
    w = wizard()
    label = (
        _("Design my setup: answer a few questions")
        if current() is None
        else _("Design my setup: your answers (change one and the setup is recomposed)")
    )
    with st.expander(label, expanded=not w.source, icon=":material/quiz:"):
        form()
    why()
