"""Which stage of a design takes the place of each stage a portal already has.

When a setup adopts a pipeline the portal already holds (HubSpot's default deal or ticket
pipeline, or a pipeline read from a portal), every existing stage needs a destination: the design
stage its records move to. ``propose`` suggests one, the way a consultant would: a won stage maps
to the won stage, a lost one to the lost stage, a closed ticket stage to a closed stage (ticket
stages have a state, open or closed, where deal stages have a win probability), a stage whose
name means the same thing (in English, French or Chinese) to that stage, and otherwise the open
stage nearest in win probability (deals only) and position on the board. The user confirms or changes each row; ``with_mapping`` writes the
result into the stages' ``replaces`` lists, which is what the plan reads.

Pure functions: no portal call, no Streamlit.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from hubwizard.config import Pipeline, Stage
from hubwizard.hubspot_rules import DEFAULT_DEAL_STAGES, DEFAULT_TICKET_STAGES
from hubwizard.i18n import _

CONCEPTS: dict[str, tuple[str, ...]] = {
    "won": ("won", "win", "gagne", "gagnee", "signe et gagne", "赢单", "成交", "赢得", "已成交"),
    "lost": ("lost", "lose", "perdu", "perdue", "输单", "丢单", "失败", "已流失"),
    "contact": (
        "contact",
        "first contact",
        "contact made",
        "appointment",
        "appointment scheduled",
        "meeting",
        "rendez vous",
        "rdv",
        "premier contact",
        "prise de contact",
        "接触",
        "联系",
        "初次",
        "预约",
        "会面",
    ),
    "qualified": ("qualified", "qualification", "qualifie", "qualifiee", "合格", "资格", "确认需求"),
    "demo": (
        "demo",
        "presentation",
        "démo",
        "demonstration",
        "presentation planifiee",
        "演示",
        "展示",
        "介绍",
    ),
    "decision": ("decision", "decision maker", "bought in", "decideur", "决策", "认可"),
    "quote": ("quote", "proposal", "devis", "proposition", "offre", "报价", "方案", "提案"),
    "signed": ("signed", "contract", "contrat", "signe", "signature", "合同", "签约", "签署", "已签"),
    "negotiation": ("negotiation", "negociation", "谈判", "协商"),
    # the steps of a support ticket (HubSpot's default ticket stages and what teams rename them)
    "new": ("new", "nouveau", "nouvelle", "新建", "新工单", "新请求", "待分配"),
    "waiting_contact": (
        "waiting on contact",
        "waiting on customer",
        "waiting for customer",
        "waiting for contact",
        "awaiting customer",
        "pending customer",
        "customer reply",
        "en attente du contact",
        "en attente du client",
        "attente client",
        "en attente de reponse",
        "等待联系人",
        "等待客户",
        "待客户回复",
        "等待回复",
    ),
    "waiting_us": (
        "waiting on us",
        "in progress",
        "working on it",
        "being worked",
        "en attente de notre part",
        "en attente de nous",
        "en cours",
        "en traitement",
        "等待我们",
        "处理中",
        "进行中",
        "跟进中",
    ),
    "resolved": (
        "closed",
        "resolved",
        "solved",
        "done",
        "ferme",
        "fermee",
        "clos",
        "cloture",
        "resolu",
        "resolue",
        "已关闭",
        "已解决",
        "关闭",
        "解决",
    ),
}
"""Words that name the same step of a sales funnel or of a support ticket, per language (accents
removed, lower case). Closed stages are matched by outcome first: the names only choose among
stages of the same outcome."""


POSITION_WEIGHT = 0.5
"""How much a difference in board position (0 = first open stage, 1 = last) counts against a
difference in win probability when no name matches."""


CLAIMED_PENALTY = 0.1
"""Added to the distance of a design stage that another existing stage already maps to by name:
spread the stages over the design rather than pile them on one."""


@dataclass(frozen=True)
class Proposal:
    """One row of the mapping table: an existing stage and the design stage it goes to."""

    source_id: str
    source_label: str
    target: str | None
    """The design stage's local id; None when nothing fits (the user must choose)."""
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "source_label": self.source_label,
            "target": self.target,
            "reason": self.reason,
        }


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation as spaces: 'Rendez-vous planifié' → 'rendez vous planifie'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


@functools.cache
def _folded_concepts() -> tuple[tuple[str, tuple[str, ...], frozenset[str]], ...]:
    """Each concept with its names folded once: phrases and non-Latin names (matched inside
    the label) apart from single words (matched as words)."""
    out = []
    for concept, names in CONCEPTS.items():
        folded = [fold(name) for name in names]
        phrases = tuple(n for n in folded if n and (" " in n or not n.isascii()))
        words = frozenset(n for n in folded if n and n not in phrases)
        out.append((concept, phrases, words))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _concepts(label: str) -> frozenset[str]:
    folded = fold(label)
    words = set(folded.split())
    return frozenset(
        concept
        for concept, phrases, names in _folded_concepts()
        if not names.isdisjoint(words) or any(phrase in folded for phrase in phrases)
    )


def concepts(label: str) -> set[str]:
    """The funnel steps a stage's name speaks of ('Devis envoyé' → {'quote'})."""
    return set(_concepts(label))


def _metadata(stage: dict[str, Any]) -> dict[str, Any]:
    metadata = stage.get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def _portal_closed(stage: dict[str, Any]) -> str | None:
    """'won', 'lost', 'closed' or None (open) for a portal stage, from its string metadata.

    A ticket stage says ``ticketState: OPEN`` or ``CLOSED`` and has no probability: closed is
    its only outcome. A deal stage says ``isClosed`` and its probability tells won from lost."""
    metadata = _metadata(stage)
    if "ticketState" in metadata:
        return "closed" if str(metadata.get("ticketState")).upper() == "CLOSED" else None
    if str(metadata.get("isClosed", "false")).lower() != "true":
        return None
    return "won" if _probability(stage) >= 1.0 else "lost"


def _design_closed(stage: Stage) -> str | None:
    """'won', 'lost', 'closed' (a ticket or custom object stage's closed state) or None (open)."""
    if stage.closed is not None:
        return stage.closed
    return "closed" if stage.state == "closed" else None


def _has_probability(stage: dict[str, Any]) -> bool:
    """Whether a portal stage weighs its records (deal stages do; ticket stages do not)."""
    return "probability" in _metadata(stage)


def _probability(stage: dict[str, Any]) -> float:
    metadata = _metadata(stage)
    try:
        return float(metadata.get("probability", 0.0))
    except (TypeError, ValueError):
        return 0.0


def _position(index: int, count: int) -> float:
    return index / (count - 1) if count > 1 else 0.0


def _by_name(label: str, opens: list[Stage]) -> tuple[Stage | None, str, list[Stage]]:
    """The open design stage a name designates: (stage, reason, stages sharing a step)."""
    exact = next((s for s in opens if fold(s.label) == fold(label)), None)
    if exact is not None:
        return exact, _("same name"), [exact]
    mine = concepts(label)
    named = [s for s in opens if mine & concepts(s.label)]
    if len(named) == 1:
        return named[0], _("same step by name"), named
    return None, "", named


def propose(portal_stages: list[dict[str, Any]], design: list[Stage]) -> list[Proposal]:
    """A destination for each existing stage (in board order), with the reason in plain words.

    Closed stages keep their outcome: a won stage goes to the design's won stage, a lost one to
    a lost stage, a closed ticket stage to a closed stage (the one its name means, else the
    first), never to an open one. Open stages go to the open design stage that means the
    same (by name), or else the one nearest in probability and board position, preferring a
    stage no other name already claims.
    """
    opens = [s for s in design if s.is_open]
    won = next((s for s in design if s.closed == "won"), None)
    lost = next((s for s in design if s.closed == "lost"), None)
    closeds = [s for s in design if _design_closed(s) == "closed"]
    open_portal = [s for s in portal_stages if _portal_closed(s) is None]
    claimed = {
        found.id for s in open_portal if (found := _by_name(str(s.get("label") or ""), opens)[0]) is not None
    }
    out = []
    for stage in portal_stages:
        sid, label = str(stage.get("id")), str(stage.get("label") or stage.get("id"))
        closed = _portal_closed(stage)
        if closed == "closed":
            out.append(_closed_ticket(sid, label, closeds))
            continue
        if closed is not None:
            target = won if closed == "won" else lost
            if target is None:
                reason = (
                    _("the design has no won stage") if closed == "won" else _("the design has no lost stage")
                )
                out.append(Proposal(sid, label, None, reason))
            else:
                reason = (
                    _("closed won stays closed won")
                    if closed == "won"
                    else _("closed lost stays closed lost")
                )
                out.append(Proposal(sid, label, target.id, reason))
            continue
        if not opens:
            out.append(Proposal(sid, label, None, _("the design has no open stage")))
            continue
        found, reason, named = _by_name(label, opens)
        if found is not None:
            out.append(Proposal(sid, label, found.id, reason))
            continue
        where = _position(open_portal.index(stage), len(open_portal))
        probability = _probability(stage)

        def distance(s: Stage, where: float = where, probability: float = probability) -> float:
            position = _position(opens.index(s), len(opens))
            # probability is what a forecast multiplies by: it weighs more than the position
            return (
                abs((s.probability or 0.0) - probability)
                + POSITION_WEIGHT * abs(position - where)
                + (CLAIMED_PENALTY if s.id in claimed else 0.0)
            )

        best = min(named or opens, key=distance)
        if not _has_probability(stage):  # a ticket stage: the board position is all there is
            reason = _("same step by name, nearest position") if named else _("nearest position on the board")
        else:
            reason = (
                _("same step by name, nearest probability")
                if named
                else _("nearest probability and position")
            )
        out.append(Proposal(sid, label, best.id, reason))
    return out


def _closed_ticket(sid: str, label: str, closeds: list[Stage]) -> Proposal:
    """Where a closed ticket stage goes: a closed design stage, by name when several are closed."""
    if not closeds:
        return Proposal(sid, label, None, _("the design has no closed stage"))
    found, _reason, named = _by_name(label, closeds)
    if found is not None:
        return Proposal(sid, label, found.id, _("closed stays closed, same step by name"))
    return Proposal(sid, label, (named or closeds)[0].id, _("closed stays closed"))


def mapping_of(pipeline: Pipeline, portal_stages: list[dict[str, Any]]) -> dict[str, str | None]:
    """The mapping a design already states: existing stage id → design stage id (or None)."""
    out: dict[str, str | None] = {}
    for portal_stage in portal_stages:
        sid, label = str(portal_stage.get("id")), str(portal_stage.get("label") or "")
        target = next(
            (
                s.id
                for s in pipeline.stages
                if sid in s.replaces
                or s.hubspot_id == sid
                or fold(s.label) == fold(label)
                or any(fold(r) == fold(label) for r in s.replaces)
            ),
            None,
        )
        out[sid] = target
    return out


def with_mapping(pipeline: Pipeline, mapping: dict[str, str | None]) -> Pipeline:
    """The pipeline with each stage's ``replaces`` set from ``mapping`` (existing stage id →
    design stage id). A stage pinned to an existing id keeps it and is not listed twice."""
    replaces: dict[str, list[str]] = {s.id: [] for s in pipeline.stages}
    for source, target in mapping.items():
        if target in replaces:
            stage = pipeline.stage(target)
            if stage is not None and stage.hubspot_id == source:
                continue
            replaces[target].append(source)
    stages = [s.model_copy(update={"replaces": replaces[s.id]}) for s in pipeline.stages]
    return pipeline.model_copy(update={"stages": stages})


def default_deal_stages() -> list[dict[str, Any]]:
    """HubSpot's default deal stages in the shape a portal read gives (when no portal is read)."""
    return [
        {
            "id": sid,
            "label": label,
            "displayOrder": i,
            "metadata": {"probability": p, "isClosed": "true" if closed else "false"},
        }
        for i, (sid, label, p, closed) in enumerate(DEFAULT_DEAL_STAGES)
    ]


def default_ticket_stages() -> list[dict[str, Any]]:
    """HubSpot's default ticket stages in the shape a portal read gives (when no portal is read)."""
    return [
        {"id": sid, "label": label, "displayOrder": i, "metadata": {"ticketState": state}}
        for i, (sid, label, state) in enumerate(DEFAULT_TICKET_STAGES)
    ]


def default_stages(object_name: str) -> list[dict[str, Any]]:
    """HubSpot's default stages of the object's own pipeline (deals or tickets)."""
    return default_ticket_stages() if object_name == "tickets" else default_deal_stages()


def current(pipeline: Pipeline, portal_stages: list[dict[str, Any]]) -> dict[str, str | None]:
    """The mapping to show and to write: what the design says, the proposal where it says nothing."""
    stated = mapping_of(pipeline, portal_stages)
    proposed = {p.source_id: p.target for p in propose(portal_stages, pipeline.stages)}
    return {sid: stated.get(sid) or proposed.get(sid) for sid in stated}


def table_rows(pipeline: Pipeline, portal_stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per existing stage: its label, the design stage its records go to, and why."""
    stated = mapping_of(pipeline, portal_stages)
    reasons = {p.source_id: p.reason for p in propose(portal_stages, pipeline.stages)}
    labels = {s.id: s.label for s in pipeline.stages}
    rows = []
    for sid, target in current(pipeline, portal_stages).items():
        label = next(str(s.get("label") or sid) for s in portal_stages if str(s.get("id")) == sid)
        rows.append(
            {
                "existing": label,
                "moves_to": labels.get(target or ""),
                "why": _("your choice")
                if stated.get(sid)
                else _("proposed: {reason}").format(reason=reasons.get(sid, "")),
                "stage_id": sid,
            }
        )
    return rows


def edit_rows(
    pipeline: Pipeline, portal_stages: list[dict[str, Any]], edited: dict[int, dict[str, Any]]
) -> Pipeline:
    """The pipeline with the table's edits (row index → {"moves_to": design stage label}) and
    every other row's current mapping written into ``replaces``."""
    mapping = current(pipeline, portal_stages)
    by_label = {s.label: s.id for s in pipeline.stages}
    order = list(mapping)
    for index, change in edited.items():
        if 0 <= int(index) < len(order) and "moves_to" in change:
            mapping[order[int(index)]] = by_label.get(str(change["moves_to"]))
    return with_mapping(pipeline, mapping)
