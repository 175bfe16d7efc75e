"""Portals in the wizard: the shared embedded sandbox, this session's HubSpot connection, the
plan, the apply with live progress, undo, and errors in plain words.

The sandbox is one per server process (``st.cache_resource``); ``HUBWIZARD_SANDBOX_URL`` points
the wizard at a sandbox that runs elsewhere (tests start one in memory), and
``HUBWIZARD_SANDBOX_DATA`` chooses the embedded sandbox's data (``:memory:`` or a file; default:
the hubwizard home). A HubSpot token is kept in this session's ``WizardState`` only: never in a
shared cache, a file, a log line, a download or an error message.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from hubwizard.apply import Event
from hubwizard.errors import PortalError
from hubwizard.export import export_config
from hubwizard.hubspot_rules import OBJECT_TYPE_IDS
from hubwizard.i18n import N_, _, ngettext
from hubwizard.plan import Action, Plan
from hubwizard.portals import (
    SANDBOX_TOKEN,
    Connection,
    check_connection,
    check_token,
    diagnose,
    open_portal,
)
from hubwizard.provision import PlanChanged, apply_reviewed, plan_against, undo_last
from hubwizard.state import PortalState, read_portal
from hubwizard.ui.state import ApplyRun, PlanEntry, WizardState, bound, say, wizard

SANDBOX_URL_ENV = "HUBWIZARD_SANDBOX_URL"
SANDBOX_DATA_ENV = "HUBWIZARD_SANDBOX_DATA"
GATEWAY_OPTIONS: dict[str, Any] = {"max_attempts": 5, "max_wait": 10.0}
"""Fewer retries than the command line's: with the defaults an unreachable portal takes about
four minutes to report (10 attempts with backoff up to 30 s); here it takes seconds, and a
rate-limited call still waits and retries."""
PORTAL_KINDS = {"sandbox": N_("Built-in sandbox portal"), "hubspot": N_("My HubSpot portal")}


def _release(connection: Connection) -> None:
    connection.close()


@st.cache_resource(show_spinner=False, on_release=_release)
def _shared_sandbox(url: str, data: str) -> Connection:
    if url:
        connection = open_portal(url, token=SANDBOX_TOKEN, **GATEWAY_OPTIONS)
        connection.label = f"sandbox at {url}"
        connection.details["sandbox"] = True  # named as a sandbox in the session's language
        return connection
    return open_portal("sandbox", sandbox_data=data or None, **GATEWAY_OPTIONS)


def sandbox_connection() -> Connection:
    """The embedded sandbox, one per server process, shared by every session."""
    with st.spinner(_("Starting the built-in sandbox portal…")):
        return _shared_sandbox(os.environ.get(SANDBOX_URL_ENV, ""), os.environ.get(SANDBOX_DATA_ENV, ""))


def connection(w: WizardState) -> Connection:
    """The portal this session chose. Raises PortalError when HubSpot has no token yet."""
    if w.portal_kind == "sandbox":
        return sandbox_connection()
    if not w.token:
        raise PortalError("no access token entered yet", status=401)
    if w.hubspot is None:
        check_token(w.token)  # a pasting mistake is named before any network call
        opened = open_portal("hubspot", token=w.token, **GATEWAY_OPTIONS)
        try:
            check_connection(opened, w.token)  # one quick read: wrong token, scope or network
        except Exception:
            opened.close()
            raise
        w.hubspot = opened
    return w.hubspot


def current_apply(w: WizardState) -> ApplyRun | None:
    """The last apply, if it was made to the portal now selected: the page shows only the
    selected portal's state (not the sandbox's last apply while HubSpot is chosen)."""
    run = w.last_apply
    return run if run is not None and run.portal == portal_key(w) else None


def portal_key(w: WizardState) -> str:
    return "sandbox" if w.portal_kind == "sandbox" else f"hubspot#{w.hubspot_serial}"


def _forget_connection(w: WizardState) -> None:
    if w.hubspot is not None:
        w.hubspot.close()
        w.hubspot = None
    w.hubspot_serial += 1
    w.plan = None
    w.plan_error = None


def _set_kind(value: str) -> bool:
    w = wizard()
    w.portal_kind = value
    w.plan_error = None
    return False  # the config did not change


def _set_token(value: str) -> bool:
    w = wizard()
    w.token = (value or "").strip()
    _forget_connection(w)
    return False


def forget_token() -> None:
    w = wizard()
    w.token = ""
    _forget_connection(w)
    st.session_state.pop("portal.token", None)


def picker() -> None:
    """Choose the portal: the sandbox, or HubSpot with a token typed here (never stored)."""
    w = wizard()
    bound(
        st.radio,
        _("Portal"),
        "portal.kind",
        w.portal_kind,
        _set_kind,
        options=list(PORTAL_KINDS),
        format_func=lambda kind: _(PORTAL_KINDS[kind]),
        horizontal=True,
    )
    if w.portal_kind == "hubspot":
        bound(
            st.text_input,
            _("HubSpot access token"),
            "portal.token",
            w.token,
            _set_token,
            type="password",
            placeholder="pat-…",
            help=_(
                "A private app token with the CRM schema, pipelines, properties and automation scopes. "
                "It stays in this browser session's memory: never saved, logged or downloaded."
            ),
        )
        if w.token:
            st.button(
                _("Forget the token"), key="portal.forget", on_click=forget_token, icon=":material/key_off:"
            )
    else:
        st.caption(
            _(
                "The sandbox is a local stand-in for HubSpot that behaves like a portal: try everything "
                "there first, nothing reaches your real CRM."
            )
        )


# --- errors in plain words ----------------------------------------------------------------

TITLES = {
    0: N_("The portal could not be reached"),
    401: N_("The portal did not accept the token"),
    403: N_("The token or the portal's subscription does not allow this"),
    429: N_("HubSpot's rate limit was reached"),
}


def explain(exc: Exception, secret: str = "") -> tuple[str, str]:
    """(what happened, what to do) for any error, with the token masked if it slipped in. A
    wrong token, a missing scope (named) and no network each get their own words."""
    if isinstance(exc, PortalError) and exc.message == "no access token entered yet":
        return _("No HubSpot token yet"), _(
            "Paste a service key or private app token above, or use the sandbox."
        )
    if isinstance(exc, PortalError) and (exc.status == 401 or diagnose(exc).cause == "scope"):
        found = diagnose(exc, label=_("the portal"))
        what, advice = found.what[:1].upper() + found.what[1:], found.advice
        if found.cause == "token" and exc.status == 401:  # the pasted token, not an env variable
            advice = _(
                "Check the token you pasted above (a service key or private app token of this "
                "portal), or use the sandbox."
            )
        if secret:
            what, advice = what.replace(secret, "•••"), advice.replace(secret, "•••")
        return what, advice
    if isinstance(exc, PortalError):
        title = _(TITLES.get(exc.status, N_("The portal answered with an error")))
        if exc.is_daily_limit:
            title = _("The portal's daily API limit is used up")
        what = f"{title}: {exc.message}" + (f" (HTTP {exc.status})" if exc.status else "")
        advice = exc.advice or _("Check the portal, then try again.")
        if exc.status == 401:  # the shared advice names the command line's variable
            advice = _(
                "Check the token you pasted above (a private app token of this portal), or use the sandbox."
            )
        if exc.status == 401 and exc.message == "no access token entered yet":
            what, advice = (
                _("No HubSpot token yet"),
                _("Paste a private app token above, or use the sandbox."),
            )
    else:
        what = _("Something went wrong: {error}").format(error=f"{type(exc).__name__}: {exc}")
        advice = _("Try again; if it keeps happening, download your setup from Review so nothing is lost.")
    if secret:
        what, advice = what.replace(secret, "•••"), advice.replace(secret, "•••")
    return what, advice


def show_error(error: tuple[str, str] | None) -> None:
    if error:
        st.error(error[0], icon=":material/error:")
        st.info(error[1], icon=":material/help:")


# --- reading and planning -----------------------------------------------------------------


def current_plan(w: WizardState) -> PlanEntry | None:
    """The plan for this portal and this revision of the config, if one was read."""
    entry = w.plan
    if entry is not None and entry.portal == portal_key(w) and entry.revision == w.revision:
        return entry
    return None


def make_plan(w: WizardState) -> PlanEntry | None:
    """Read the portal and plan (a few seconds at most); errors are kept to show."""
    w.plan_error = None
    try:
        conn = connection(w)
        with st.spinner(_("Reading {portal} and planning…").format(portal=conn.title)):
            planned = plan_against(conn, w.config)
    except Exception as exc:  # any failure becomes a message, never a traceback
        w.plan_error = explain(exc, w.token)
        return None
    w.plan = PlanEntry(portal_key(w), w.revision, planned, conn.title)
    return w.plan


def import_portal(w: WizardState) -> None:
    """Start from what a portal already has (a callback of the Start page)."""
    try:
        conn = connection(w)
        result = export_config(
            read_portal(conn.gateway), name=_("Imported from {portal}").format(portal=conn.title)
        )
    except Exception as exc:
        w.plan_error = explain(exc, w.token)
        say("error", w.plan_error[0] + " " + w.plan_error[1])
        return
    w.replace(result.config, f"portal:{conn.label}")
    w.imported_skipped = list(result.skipped)
    pipelines, groups, workflows = (
        len(result.config.pipelines),
        len(result.config.property_groups),
        len(result.config.workflows),
    )
    say(
        "success",
        _("Imported {pipelines}, {groups} and {workflows} from {portal}.").format(
            pipelines=ngettext("{count} pipeline", "{count} pipelines", pipelines).format(count=pipelines),
            groups=ngettext("{count} property group", "{count} property groups", groups).format(count=groups),
            workflows=ngettext("{count} workflow", "{count} workflows", workflows).format(count=workflows),
            portal=conn.title,
        ),
    )


ACTION_WORDS = {
    Action.CREATE: N_("Create"),
    Action.UPDATE: N_("Update"),
    Action.ARCHIVE: N_("Archive"),
    Action.KEEP: N_("Keep"),
    Action.UNCHANGED: N_("Unchanged"),
}


def plan_frame(plan: Plan, *, everything: bool = False) -> pd.DataFrame:
    """The plan as a table in business words: what changes, and how."""
    rows = []
    for op in plan.operations:
        if op.action is Action.UNCHANGED and not everything:
            continue
        details = [c.text for c in op.changes if op.action is Action.UPDATE or op.kind == "workflow"]
        rows.append(
            {
                "change": _(ACTION_WORDS[op.action]),
                "what": op.title,
                "details": "; ".join([*details, *(f"({n})" for n in op.notes)]),
            }
        )
    return pd.DataFrame(rows, columns=["change", "what", "details"])


def limit_rows(state: PortalState) -> pd.DataFrame:
    """What the portal reports about its limits: used and allowed."""
    from hubwizard.wording import records  # "deals" as the session's language says it

    names = {v: records(k) for k, v in OBJECT_TYPE_IDS.items()}
    names.update({str(s.get("objectTypeId")): str(s.get("name")) for s in state.schemas})
    rows = [
        {"limit": _("{object} pipelines").format(object=names.get(ot, ot)), "used": used, "allowed": limit}
        for ot, (limit, used) in sorted(state.limits.pipelines.items())
    ]
    if state.limits.custom_object_types:
        limit, used = state.limits.custom_object_types
        rows.append({"limit": _("custom objects"), "used": used, "allowed": limit})
    rows.extend(
        {
            "limit": _("custom properties on {object}").format(object=names.get(ot, ot)),
            "used": used,
            "allowed": limit,
        }
        for ot, (limit, used) in sorted(state.limits.custom_properties.items())
    )
    frame = pd.DataFrame(rows, columns=["limit", "used", "allowed"])
    return frame.rename(columns={"limit": _("Limit"), "used": _("Used"), "allowed": _("Allowed")})


# --- applying ---------------------------------------------------------------------------


def _links(connection: Connection, state: PortalState, plan: Plan, applied: Any) -> list[tuple[str, str]]:
    """Links into HubSpot for what the apply touched; none for the sandbox (its account answer
    names app.hubspot.com too, so ``state.link`` alone would point at HubSpot)."""
    if connection.kind != "hubspot":
        return []
    links: dict[str, str] = {}
    for op in plan.writes:
        if op.id not in applied.report.done:
            continue
        created = applied.report.created.get(op.id) or {}
        url = state.link(op.kind, op.object, str(created.get("flowId") or op.target.get("flowId") or ""))
        if url and url not in links.values():
            links[op.title] = url
    return list(links.items())


def run_apply(w: WizardState, entry: PlanEntry) -> None:
    """Apply the reviewed plan with live progress, and keep the result to show after."""
    run = ApplyRun(w.revision, entry.portal, entry.label)
    run.titles = {op.id: op.title for op in entry.planned.plan.operations}
    try:
        conn = connection(w)
    except Exception as exc:
        run.error = explain(exc, w.token)
        w.last_apply = run
        return
    with st.status(_("Applying to {portal}…").format(portal=conn.title), expanded=True) as box:
        bar = st.progress(0, text=_("Checking the portal has not changed since you reviewed the plan…"))

        def on_event(event: Event) -> None:
            if event.kind == "task_start":
                return
            run.events.append(event.message)
            share = event.done / event.total if event.total else 1.0
            bar.progress(
                min(max(share, 0.0), 1.0),
                text=_("{done} of {total} calls: {message}").format(
                    done=event.done, total=event.total, message=event.message
                ),
            )

        try:
            applied = apply_reviewed(conn, w.config, entry.planned, on_event=on_event)
        except PlanChanged as exc:
            w.plan = PlanEntry(entry.portal, w.revision, exc.planned, entry.label)
            box.update(
                label=_("The portal changed since you reviewed the plan: nothing was written"), state="error"
            )
            say(
                "warning",
                _(
                    "The portal changed since you reviewed the plan, so nothing was written. Review the new "
                    "plan below, then apply again."
                ),
            )
            return
        except Exception as exc:
            run.error = explain(exc, w.token)
            box.update(label=_("The apply stopped"), state="error")
            w.last_apply = run
            return
        run.applied = applied
        run.links = _links(conn, entry.planned.state, entry.planned.plan, applied)
        box.update(
            label=_("Applied: {status}").format(status=applied.report.status),
            state="complete" if applied.report.ok else "error",
        )
    w.last_apply = run
    w.plan = None


def undo(w: WizardState) -> None:
    """Take the last apply back (a callback of the confirm button)."""
    run = w.last_apply
    w.confirm_undo = False
    if run is None or run.applied is None:
        return
    try:
        report = undo_last(connection(w), Path(run.applied.report.journal))
    except Exception as exc:
        say("error", " ".join(explain(exc, w.token)))
        return
    run.undo = report
    w.plan = None
    if not report.ok:
        say(
            "warning",
            ngettext(
                "Undo finished with {count} problem; see below.",
                "Undo finished with {count} problems; see below.",
                len(report.failed),
            ).format(count=len(report.failed)),
        )


def journal_bytes(run: ApplyRun) -> bytes:
    path = Path(run.applied.report.journal)
    return path.read_bytes() if path.exists() else b""
