"""Pipelines & stages: use HubSpot's own deal or ticket pipeline or create one alongside, and say
where the records of its existing stages go (the mapping table). The logic is
``hubwizard.stage_mapping``; every portal has one default pipeline of each (deals: ``default``,
tickets: ``0``), so both get the same choice and table, in their own words."""

from __future__ import annotations

from typing import Any

import streamlit as st

from hubwizard import stage_mapping, wording
from hubwizard.config import Pipeline
from hubwizard.hubspot_rules import DEFAULT_PIPELINE_ID
from hubwizard.i18n import N_, _
from hubwizard.ui.state import bound, frame, table, wizard

CHOICES = ("adopt", "alongside")
KINDS = {"deals": N_("deal pipeline"), "tickets": N_("ticket pipeline")}
"""Whole phrases, not a noun glued to "pipeline": French says "pipeline de transactions", "de
tickets" (plural), English "deal pipeline" (singular)."""
CHOICE_WORDS = {
    "adopt": N_("Use HubSpot's own {kind} (recommended)"),
    "alongside": N_("Create a new pipeline next to it"),
}
REASON = N_(
    "Every HubSpot portal already has one deal pipeline. The guide's first rule is **one shared "
    "pipeline**: using HubSpot's own keeps your portal at one pipeline (and a Free portal allows "
    "only one). Its stages are renamed and re-weighted, and the deals of the stages you drop move "
    "to the stage you choose below. Create a new one only for another department."
)
TICKET_REASON = N_(
    "Every HubSpot portal already has one ticket pipeline, the Support Pipeline. The guide's first "
    "rule is **one shared pipeline**: using HubSpot's own keeps your support team on one board (and "
    "a Free portal allows only one ticket pipeline, as for deals). Its stages are renamed and each "
    "is open or closed as you set it, and the tickets of the stages you drop move to the stage you "
    "choose below. Create a new one only for another team."
)
REASONS = {"deals": REASON, "tickets": TICKET_REASON}
OUTCOME_NOTES = {
    "deals": N_("A won stage stays won and a lost stage stays lost."),
    "tickets": N_("A closed stage stays closed: its tickets only move to a closed stage."),
}


def _portal_stages(object_name: str = "deals") -> tuple[list[dict[str, Any]], str]:
    """The live stages of the portal's default pipeline of the object (read once per portal,
    object and apply), or HubSpot's default stages when the portal cannot be read."""
    from hubwizard.ui import portal

    w = wizard()
    run = portal.current_apply(w)
    applied = run.applied.report.run_id if run is not None and run.applied is not None else ""
    undone = "undone" if run is not None and run.undo is not None else ""
    key = f"{portal.portal_key(w)}#{object_name}#{applied}#{undone}"
    cache: dict[str, Any] = st.session_state.setdefault("adoption.stages", {})
    if key not in cache:
        try:
            found = portal.connection(w).gateway.pipeline(object_name, DEFAULT_PIPELINE_ID[object_name]) or {}
            stages = [s for s in found.get("stages") or [] if not s.get("archived")]
            cache[key] = (
                sorted(stages, key=lambda s: int(s.get("displayOrder") or 0)),
                _("the stages of “{pipeline}” in {portal}").format(
                    pipeline=found.get("label"), portal=portal.connection(w).title
                ),
            )
        except Exception:  # no token yet, no network: HubSpot's defaults are the best guess
            cache[key] = (stage_mapping.default_stages(object_name), _("HubSpot's default stages"))
        if not cache[key][0]:
            cache[key] = (stage_mapping.default_stages(object_name), _("HubSpot's default stages"))
    return cache[key]


def _set_choice(index: int) -> Any:
    def setter(value: str) -> None:
        config = wizard().config
        pipeline = config.pipelines[index]
        if value == "adopt":
            for other in config.pipelines:
                if other is not pipeline and other.object == pipeline.object:
                    other.adopt = None
            pipeline.adopt = "default"
            stages, _source = _portal_stages(pipeline.object)
            adopted = stage_mapping.with_mapping(pipeline, stage_mapping.current(pipeline, stages))
            pipeline.stages = adopted.stages
        else:
            pipeline.adopt = None
            for stage in pipeline.stages:
                stage.replaces = []

    return setter


def choice(pipeline: Pipeline, index: int) -> None:
    """The adopt / create-alongside choice of a deal or ticket pipeline, with the guide's reason."""
    if pipeline.object not in DEFAULT_PIPELINE_ID:  # deals and tickets: HubSpot has one of each
        return
    kind = _(KINDS[pipeline.object])
    st.markdown("##### " + _("HubSpot's own {kind}").format(kind=kind))
    bound(
        st.radio,
        _("Which pipeline holds these stages?"),
        "pipelines.adopt",
        "adopt" if pipeline.adopts_default else "alongside",
        _set_choice(index),
        options=list(CHOICES),
        format_func=lambda choice: _(CHOICE_WORDS[choice]).format(kind=kind),
        horizontal=True,
    )
    st.caption(_(REASONS[pipeline.object]))
    if pipeline.adopt == "default":
        mapping_table(pipeline, index)


def mapping_table(pipeline: Pipeline, index: int) -> None:
    """Where the records of each existing stage go: the proposal, which the user can change."""
    stages, source = _portal_stages(pipeline.object)
    records = wording.records(pipeline.object)
    rows = stage_mapping.table_rows(pipeline, stages)
    col = st.column_config
    config = {
        "existing": col.TextColumn(_("Existing stage"), disabled=True, width=200),
        "moves_to": col.SelectboxColumn(
            _("Its {records} go to").format(records=records),
            options=[s.label for s in pipeline.stages],
            width=200,
            required=True,
        ),
        "why": col.TextColumn(_("Why"), disabled=True, width=260),
    }

    def on_edit(delta: Any, pipeline: Pipeline = pipeline) -> None:
        edited = dict((delta or {}).get("edited_rows") or {})
        mapped = stage_mapping.edit_rows(pipeline, stages, {int(k): v for k, v in edited.items()})
        pipeline.stages = mapped.stages

    st.markdown(_("**Where the {records} go** ({source})").format(records=records, source=source))
    table(
        f"adoption.{index}",
        frame(rows, ["existing", "moves_to", "why"]),
        on_edit,
        what=_("Changed where the {records} of “{pipeline}” go").format(
            records=records, pipeline=pipeline.label
        ),
        num_rows="fixed",
        column_config=config,
        width="stretch",
    )
    st.caption(
        _(OUTCOME_NOTES[pipeline.object])
        + " "
        + _(
            "Stages whose {records} go elsewhere are removed once their {records} have moved; the plan "
            "shows every move before anything is written."
        ).format(records=records)
    )
