"""Provision: pick the portal, read it, review the plan, apply with live progress, undo."""

from pathlib import Path

import streamlit as st

from hubwizard import i18n, setups
from hubwizard.i18n import N_, _, ngettext
from hubwizard.plan import Action
from hubwizard.ui import findings, nav, portal
from hubwizard.ui.state import ApplyRun, PlanEntry, wizard

ADVICE = N_("""
- **Try the sandbox first.** It behaves like a HubSpot portal: you see exactly what would happen.
- **You see the plan first.** Nothing is written until you apply, and exactly the plan you
  reviewed is applied: if the portal changed meanwhile, you get the new plan.
- **Nothing is deleted.** What the portal has beyond your setup is kept, and an apply can be
  undone: what it created is archived, what it changed is put back.
""")


STALE = N_(
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
            _("You picked another portal since the last plan: plan again to see what applying does there."),
            icon=":material/sync_problem:",
        )
    else:
        st.warning(
            _(
                "**Your setup changed since this plan** (on another page, or by an undo): plan again to "
                "see what applying does now."
            ),
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
        st.markdown(f"**{entry.label}** · HubSpot {nav.tier_name(state.tier.value)} ({state.tier_reason})")
        if not state.tier.at_least(config.tier):
            st.warning(
                _(
                    "Your setup is for HubSpot {setup_tier} but this portal looks like {portal_tier}: what "
                    "this subscription lacks is left out or refused, as the plan below says."
                ).format(
                    setup_tier=nav.tier_name(config.tier.value), portal_tier=nav.tier_name(state.tier.value)
                ),
                icon=":material/warning:",
            )
        limits = portal.limit_rows(state)
        if not limits.empty:
            with st.expander(_("Limits the portal reports")):
                st.dataframe(limits, hide_index=True, width="stretch")
    if not plan.ok:
        st.error(
            ngettext(
                "**The portal cannot take this setup yet**: {count} problem. Nothing will be written until "
                "it is fixed.",
                "**The portal cannot take this setup yet**: {count} problems. Nothing will be written until "
                "they are fixed.",
                len(plan.refusals),
            ).format(count=len(plan.refusals)),
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
    cols[0].metric(_("To create"), summary[Action.CREATE.value])
    cols[1].metric(_("To update"), summary[Action.UPDATE.value])
    cols[2].metric(_("Unchanged"), summary[Action.UNCHANGED.value] + summary[Action.KEEP.value])
    reads = summary["read_calls"]
    cols[3].metric(
        _("Write calls"),
        summary["write_calls"],
        help=ngettext("{count} read call made to plan", "{count} read calls made to plan", reads).format(
            count=reads
        ),
    )
    cols[4].metric(
        _("About"),
        f"{summary['estimated_seconds']:g} s",
        help=_("At {count} calls per 10 s").format(count=summary["rate_limit_per_10s"]),
    )
    everything = st.toggle(_("Show unchanged items too"), key="provision.everything")
    table = wizard().remember(
        "provision.plan_frame",
        plan,
        (everything, i18n.language()),
        lambda: portal.plan_frame(plan, everything=everything),
    )
    if table.empty:
        st.success(_("The portal already matches your setup: nothing to do."), icon=":material/check_circle:")
    else:
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                "change": st.column_config.TextColumn(_("Change"), width="small"),
                "what": st.column_config.TextColumn(_("What"), width="large"),
                "details": st.column_config.TextColumn(_("Details"), width="large"),
            },
        )
    st.button(
        ngettext(
            "Apply {count} change to {portal}", "Apply {count} changes to {portal}", len(plan.writes)
        ).format(count=len(plan.writes), portal=entry.label),
        key="provision.apply",
        on_click=request_apply,
        type="primary",
        icon=":material/rocket_launch:",
        disabled=not plan.ok or not plan.writes,
    )


def show_result(run: ApplyRun) -> None:
    w = wizard()
    st.markdown("#### " + _("Last apply"))
    failed = run.error is not None or not run.ok
    with st.status(
        _("Applied to {portal}").format(portal=run.label)
        if not failed
        else _("Apply to {portal} did not finish").format(portal=run.label),
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
    cols[0].metric(_("Done"), len(report.done))
    cols[1].metric(_("Failed"), len(report.failed))
    cols[2].metric(_("Skipped"), len(report.skipped))
    cols[3].metric(_("Write calls"), report.calls.get("writes", 0))
    cols[4].metric(_("Seconds"), f"{report.seconds:.1f}")
    if run.undo is not None:
        pass  # the portal no longer holds this apply: see the undo report below
    elif run.applied.matches:
        st.success(_("The portal now matches your setup."), icon=":material/check_circle:")
    elif run.applied.verification is not None:
        differs = len(run.applied.verification.writes)
        st.warning(
            ngettext(
                "The portal still differs in {count} item: plan and apply again to finish; what is done "
                "stays done.",
                "The portal still differs in {count} items: plan and apply again to finish; what is done "
                "stays done.",
                differs,
            ).format(count=differs),
            icon=":material/warning:",
        )
    for op, error in report.failed:
        st.error(
            _("**{what}** failed: {error}").format(what=run.titles.get(op, op), error=error),
            icon=":material/error:",
        )
    if report.skipped:
        skipped = "; ".join(run.titles.get(op, op) for op in report.skipped)
        st.caption(_("Not tried, because a step they depend on failed: {items}").format(items=skipped))
    if run.links:
        st.markdown(
            _("**Open in HubSpot:**") + " " + " · ".join(f"[{title}]({url})" for title, url in run.links)
        )
    buttons = st.container(horizontal=True)
    buttons.download_button(
        _("Download the journal"),
        data=lambda: portal.journal_bytes(run),
        file_name=Path(report.journal).name,
        mime="application/jsonl",
        key="provision.journal",
        icon=":material/receipt_long:",
        on_click="ignore",
        help=_("Every call of this apply and every id created, one JSON line each. It never holds a token."),
    )
    if run.undo is not None:
        st.info(
            ngettext(
                "Undone: {count} change taken back, {failed} could not be.",
                "Undone: {count} changes taken back, {failed} could not be.",
                len(run.undo.undone),
            ).format(count=len(run.undo.undone), failed=len(run.undo.failed))
        )
        for op, error in run.undo.failed:
            st.error(f"**{op}**: {error}")
    elif report.done and not w.confirm_undo:
        buttons.button(
            _("Undo this apply"),
            key="provision.undo",
            on_click=ask_undo,
            args=(True,),
            icon=":material/undo:",
        )
    elif report.done:
        st.warning(
            _(
                "Undo archives what this apply created and puts back what it changed. HubSpot refuses to "
                "archive a stage or pipeline that holds deals: those are reported, not forced."
            ),
            icon=":material/undo:",
        )
        yes, no, _gap = st.columns([1, 1, 3])
        yes.button(_("Yes, undo it"), key="provision.undo.yes", on_click=do_undo, type="primary")
        no.button(_("Cancel"), key="provision.undo.no", on_click=ask_undo, args=(False,))


nav.header("provision")
w = wizard()

if not nav.needs_start():
    with nav.with_advice(_(ADVICE), _("Good to know")):
        portal.picker()
        if w.install:
            w.install = False
            w.plan_requested = True
        if w.errors():
            errors = len(w.errors())
            st.warning(
                ngettext(
                    "The checks found {count} error: the portal would refuse this setup. See Review for the way "
                    "to fix it.",
                    "The checks found {count} errors: the portal would refuse this setup. See Review for the way "
                    "to fix each.",
                    errors,
                ).format(count=errors),
                icon=":material/error:",
            )
        st.button(
            _("Read the portal and plan"),
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
                    st.warning(_(STALE), icon=":material/sync_problem:")
                elif entry.planned.plan.ok and entry.planned.plan.writes:
                    portal.run_apply(w, entry)
                    st.rerun()
        w.apply_requested = False
        run = w.last_apply
        if run is not None and run.portal == portal.portal_key(w):  # only the chosen portal's apply
            show_result(run)

nav.footer("provision")
