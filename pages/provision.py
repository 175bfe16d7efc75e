"""Provision: pick the portal, read it, review the plan, apply with live progress, undo."""

from pathlib import Path

import streamlit as st

from hubwizard import editing, setups
from hubwizard.plan import Action
from hubwizard.ui import findings, nav, portal
from hubwizard.ui.state import ApplyRun, PlanEntry, wizard

ADVICE = """
- **Try the sandbox first.** It behaves like a HubSpot portal: you see exactly what would happen.
- **You see the plan first.** Nothing is written until you apply, and exactly the plan you
  reviewed is applied: if the portal changed meanwhile, you get the new plan.
- **Nothing is deleted.** What the portal has beyond your setup is kept, and an apply can be
  undone: what it created is archived, what it changed is put back.
"""


STALE = (
    "**Your setup changed since this plan**: nothing was applied. Plan again to see what applying does now."
)


def matches_setup(entry: PlanEntry) -> bool:
    """The plan was made for exactly the setup on screen: its fingerprint is computed afresh
    here, not taken from the last commit, so even a change that escaped the wizard's change path
    stops the apply."""
    return setups.fingerprint_of(wizard().config) == entry.revision


def stale_plan_notice(plan: PlanEntry) -> None:
    w = wizard()
    if plan.portal != portal.portal_key(w):
        st.info(
            "You picked another portal since the last plan: plan again to see what applying does there.",
            icon=":material/sync_problem:",
        )
    else:
        st.warning(
            "**Your setup changed since this plan** (on another page, or by an undo): plan again to "
            "see what applying does now.",
            icon=":material/sync_problem:",
        )


def request_plan() -> None:
    wizard().plan_requested = True


def request_apply() -> None:
    wizard().apply_requested = True


def ask_undo(value: bool) -> None:
    wizard().confirm_undo = value


def do_undo() -> None:
    portal.undo(wizard())


def show_plan(entry: PlanEntry) -> None:
    plan = entry.planned.plan
    state = entry.planned.state
    config = wizard().config
    with st.container(border=True):
        st.markdown(f"**{entry.label}** · HubSpot {state.tier.value.capitalize()} ({state.tier_reason})")
        if not state.tier.at_least(config.tier):
            st.warning(
                f"Your setup is for HubSpot {config.tier.value.capitalize()} but this portal looks like "
                f"{state.tier.value.capitalize()}: some items may be refused.",
                icon=":material/warning:",
            )
        limits = portal.limit_rows(state)
        if not limits.empty:
            with st.expander("Limits the portal reports"):
                st.dataframe(limits, hide_index=True, width="stretch")
    if not plan.ok:
        st.error(
            f"**The portal cannot take this setup yet**: {len(plan.refusals)} problem(s). Nothing will be "
            "written until they are fixed.",
            icon=":material/block:",
        )
        for n, refusal in enumerate(plan.refusals):
            with st.container(border=True):
                left, right = st.columns([5, 1.4], vertical_alignment="center")
                left.markdown(findings.text(refusal))
                with right:
                    findings.fix_button(refusal, f"provision.fix.{n}")
    summary = plan.summary()
    cols = st.columns(5)
    cols[0].metric("To create", summary[Action.CREATE.value])
    cols[1].metric("To update", summary[Action.UPDATE.value])
    cols[2].metric("Unchanged", summary[Action.UNCHANGED.value] + summary[Action.KEEP.value])
    cols[3].metric(
        "Write calls", summary["write_calls"], help=f"{summary['read_calls']} read call(s) made to plan"
    )
    cols[4].metric(
        "About",
        f"{summary['estimated_seconds']:g} s",
        help=f"At {summary['rate_limit_per_10s']} calls per 10 s",
    )
    everything = st.toggle("Show unchanged items too", key="provision.everything")
    table = wizard().remember(
        "provision.plan_frame", plan, everything, lambda: portal.plan_frame(plan, everything=everything)
    )
    if table.empty:
        st.success("The portal already matches your setup: nothing to do.", icon=":material/check_circle:")
    else:
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                "change": st.column_config.TextColumn("Change", width="small"),
                "what": st.column_config.TextColumn("What", width="large"),
                "details": st.column_config.TextColumn("Details", width="large"),
            },
        )
    st.button(
        f"Apply {len(plan.writes)} change(s) to {entry.label}",
        key="provision.apply",
        on_click=request_apply,
        type="primary",
        icon=":material/rocket_launch:",
        disabled=not plan.ok or not plan.writes,
    )


def show_result(run: ApplyRun) -> None:
    w = wizard()
    st.markdown("#### Last apply")
    failed = run.error is not None or not run.ok
    with st.status(
        f"Applied to {run.label}" if not failed else f"Apply to {run.label} did not finish",
        state="error" if failed else "complete",
        expanded=failed,
    ):
        for line in run.events:
            st.write(line)
    if run.error:
        portal.show_error(run.error)
        return
    report = run.applied.report
    cols = st.columns(5)
    cols[0].metric("Done", len(report.done))
    cols[1].metric("Failed", len(report.failed))
    cols[2].metric("Skipped", len(report.skipped))
    cols[3].metric("Write calls", report.calls.get("writes", 0))
    cols[4].metric("Seconds", f"{report.seconds:.1f}")
    if run.undo is not None:
        pass  # the portal no longer holds this apply: see the undo report below
    elif run.applied.matches:
        st.success("The portal now matches your setup.", icon=":material/check_circle:")
    elif run.applied.verification is not None:
        st.warning(
            f"The portal still differs in {len(run.applied.verification.writes)} item(s): plan and apply again "
            "to finish; what is done stays done.",
            icon=":material/warning:",
        )
    for op, error in report.failed:
        st.error(f"**{run.titles.get(op, op)}** failed: {error}", icon=":material/error:")
    if report.skipped:
        skipped = "; ".join(run.titles.get(op, op) for op in report.skipped)
        st.caption(f"Not tried, because a step they depend on failed: {skipped}")
    if run.links:
        st.markdown("**Open in HubSpot:** " + " · ".join(f"[{title}]({url})" for title, url in run.links))
    buttons = st.container(horizontal=True)
    buttons.download_button(
        "Download the journal",
        data=lambda: portal.journal_bytes(run),
        file_name=Path(report.journal).name,
        mime="application/jsonl",
        key="provision.journal",
        icon=":material/receipt_long:",
        on_click="ignore",
        help="Every call of this apply and every id created, one JSON line each. It never holds a token.",
    )
    if run.undo is not None:
        st.info(f"Undone: {len(run.undo.undone)} change(s) taken back, {len(run.undo.failed)} could not be.")
        for op, error in run.undo.failed:
            st.error(f"**{op}**: {error}")
    elif report.done and not w.confirm_undo:
        buttons.button(
            "Undo this apply", key="provision.undo", on_click=ask_undo, args=(True,), icon=":material/undo:"
        )
    elif report.done:
        st.warning(
            "Undo archives what this apply created and puts back what it changed. HubSpot refuses to "
            "archive a stage or pipeline that holds deals: those are reported, not forced.",
            icon=":material/undo:",
        )
        yes, no, _ = st.columns([1, 1, 3])
        yes.button("Yes, undo it", key="provision.undo.yes", on_click=do_undo, type="primary")
        no.button("Cancel", key="provision.undo.no", on_click=ask_undo, args=(False,))


nav.header("provision")
w = wizard()

if not nav.needs_start():
    with nav.with_advice(ADVICE, "Good to know"):
        portal.picker()
        if w.install:
            w.install = False
            w.plan_requested = True
        if w.errors():
            st.warning(
                f"The checks found {editing.plural(len(w.errors()), 'error')}: the portal would refuse this setup. "
                "See Review for the way to fix each.",
                icon=":material/error:",
            )
        st.button(
            "Read the portal and plan",
            key="provision.plan",
            on_click=request_plan,
            type="primary" if portal.current_plan(w) is None else "secondary",
            icon=":material/travel_explore:",
        )
        if w.plan_requested:
            w.plan_requested = False
            portal.make_plan(w)
        portal.show_error(w.plan_error)
        entry = portal.current_plan(w)
        if entry is None and w.plan is not None:
            stale_plan_notice(w.plan)
        if entry is not None:
            show_plan(entry)
            if w.apply_requested:
                w.apply_requested = False
                if not matches_setup(entry):
                    st.warning(STALE, icon=":material/sync_problem:")
                elif entry.planned.plan.ok and entry.planned.plan.writes:
                    portal.run_apply(w, entry)
                    st.rerun()
        w.apply_requested = False
        run = w.last_apply
        if run is not None and run.portal == portal.portal_key(w):  # only the chosen portal's apply
            show_result(run)

nav.footer("provision")
