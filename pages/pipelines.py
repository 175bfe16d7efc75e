"""Pipelines & stages: the boards, their stages and win probabilities, with the guide's advice."""

from typing import Any

import streamlit as st

from hubwizard import editing
from hubwizard.config import Pipeline
from hubwizard.i18n import N_, _, ngettext
from hubwizard.ui import adoption, findings, nav
from hubwizard.ui.lists import AddField, ListEditor
from hubwizard.ui.state import bound, frame, table, wizard

ADVICE = N_("""
- **One shared pipeline.** Never one per salesperson; several products don't need several
  pipelines (use a product property). One per department is fine: *Sales*, then *Administration*.
- **Only the essential stages.** Each extra stage is time lost updating deals; a stage where deals
  pile up suggests a missing step.
- **A reminder is not a stage.** Follow-ups are tasks or emails (see Workflows).
- **Every stage has a win probability** (first contact 10%, demo 30%, quote 60%), in steps of
  10%: they make the weighted forecast on Review accurate.
""")

RECORDS_ADVICE = N_("""
- **One shared pipeline per process.** Never one per agent or per product: a property tells them
  apart. HubSpot's own pipeline is the one to use first.
- **Only the essential stages.** Each extra stage is time lost updating {records}; a stage where
  {records} pile up suggests a missing step.
- **A reminder is not a stage.** Follow-ups are tasks or emails (see Workflows).
- **Every stage is open or closed**: a closed stage ends the work, and what is closed stays closed.
""")
"""The advice when the open pipeline is not a deal pipeline (tickets, a custom object): no win
probabilities there, their stages are open or closed."""


PIPELINES: ListEditor[Pipeline] = ListEditor(
    key="pipelines",
    select="pipeline",
    noun=N_("pipeline"),
    items=lambda config: config.pipelines,
    name_of=lambda p: p.label,
    removes=lambda p: stage_count(len(p.stages)),
)


def stage_count(n: int) -> str:
    return ngettext("{count} stage", "{count} stages", n).format(count=n)


def set_object(index: int) -> Any:
    def setter(value: str) -> None:
        editing.retarget(wizard().config.pipelines[index], value)

    return setter


def stage_table(pipeline: Pipeline, index: int, items: dict[int, list[Any]]) -> None:
    deals = editing.is_deal_pipeline(pipeline)
    rows = editing.stage_rows(pipeline)
    for j, row in enumerate(rows):
        row["check"] = editing.short_note(items.get(j, []))
    col = st.column_config
    config: dict[str, Any] = {
        "order": col.NumberColumn(
            "#", width=50, min_value=1, step=1, help=_("Change the number to move a stage.")
        ),
        # nothing is required: a new row is kept as soon as anything is typed in it (a stage
        # without a name is called "New stage"), and a new stage is open until told otherwise
        "label": col.TextColumn(_("Stage"), width=190),
        "probability": col.NumberColumn(
            _("Win %"),
            width=80,
            min_value=0,
            max_value=100,
            step=1,
            format="%g%%",
            help=_("In steps of 10%; won stages 100%, lost stages 0%."),
        ),
        "outcome": col.SelectboxColumn(
            _("Outcome"),
            options=editing.OUTCOMES,
            width=90,
            default=editing.NEW_STAGE_OUTCOME,
            format_func=editing.outcome_word,
        ),
        "state": col.SelectboxColumn(
            _("State"),
            options=editing.STATES,
            width=90,
            default=editing.NEW_STAGE_STATE,
            format_func=editing.outcome_word,
        ),
        "id": col.TextColumn(_("Id"), width=130, help=_("Local key used by workflows; made from the label.")),
        "check": col.TextColumn(_("Check"), disabled=True, width=260),
    }
    columns = (
        ["order", "label", "probability", "outcome", "check", "id"]
        if deals
        else ["order", "label", "state", "check", "id"]
    )

    def on_edit(delta: Any, pipeline: Pipeline = pipeline, rows: list[dict[str, Any]] = rows) -> None:
        editing.edit_stages(pipeline, rows, delta)

    table(
        f"stages.{index}",
        frame(rows, columns),
        on_edit,
        what=_("Edited the stages of “{pipeline}”").format(pipeline=pipeline.label),
        num_rows="dynamic",
        column_config={c: config[c] for c in columns},
        width="stretch",
    )
    st.caption(
        _(
            "Double-click a cell to edit it. Add a stage in the empty last row, remove one by selecting its "
            "row and pressing Delete, reorder by changing the # column."
        )
    )


nav.header("pipelines")
w = wizard()

if not nav.needs_start():
    config = w.config
    shown = PIPELINES.current(config)
    advice = (
        _(ADVICE)
        if shown is None or shown.object == "deals"
        else _(RECORDS_ADVICE).format(records=editing.object_words(config, shown.object).lower())
    )
    with nav.with_advice(advice):
        page_findings = w.page_findings("pipelines")
        labels = [
            editing.with_findings(
                f"{p.label} · {editing.object_words(config, p.object)} · {stage_count(len(p.stages))}",
                page_findings,
                f"pipelines[{i}]",
            )
            for i, p in enumerate(config.pipelines)
        ]
        top, add = st.columns([3, 1], vertical_alignment="bottom")
        with top:
            index = PIPELINES.choose(_("Pipeline"), labels)
        with add:
            PIPELINES.add_form(
                _("Add a pipeline"),
                [
                    AddField("label", _("Label"), placeholder=_("e.g. Administration")),
                    AddField(
                        "object",
                        _("Object"),
                        options=editing.pipeline_objects(config),
                        format_func=lambda o: editing.object_words(config, o),
                    ),
                ],
                lambda config, values: editing.new_pipeline(config, values["label"], values["object"]),
            )
        general = [f for f in page_findings if f.path == "pipelines"]
        findings.show(general)
        if index is None:
            st.info(
                _("No pipeline yet: add one. One shared deal pipeline is usually all a sales team needs.")
            )
        else:
            pipeline = config.pipelines[index]
            left, middle, right = st.columns([3, 2, 1], vertical_alignment="bottom")
            with left:
                PIPELINES.rename(index, _("Pipeline label"), "pipelines.label")
            with middle:
                objects = editing.pipeline_objects(config)
                if pipeline.object not in objects:
                    objects = [pipeline.object, *objects]
                bound(
                    st.selectbox,
                    _("Object"),
                    "pipelines.object",
                    pipeline.object,
                    set_object(index),
                    options=objects,
                    format_func=lambda o: editing.object_words(config, o),
                )
            with right:
                PIPELINES.delete_button(index)
            whole, items = editing.by_item(page_findings, f"pipelines[{index}]")
            findings.show(whole)
            stage_table(pipeline, index, items)
            adoption.choice(pipeline, index)
            stage_findings = [f for j in sorted(items) for f in items[j]]
            if stage_findings:
                with st.expander(
                    _("Findings on these stages ({count})").format(count=len(stage_findings)), expanded=True
                ):
                    findings.show(stage_findings)

nav.footer("pipelines")
