"""Findings next to what they concern, and the way from a finding to its remedy: a one-click fix
where the remedy is obvious (:mod:`hubwizard.ui.fixes`), else a jump to the page that fixes it."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from hubwizard import editing
from hubwizard.findings import Finding, Severity
from hubwizard.i18n import N_, _, ngettext
from hubwizard.ui import fixes
from hubwizard.ui.nav import go, step
from hubwizard.ui.state import wizard

BOX = {Severity.ERROR: st.error, Severity.WARNING: st.warning, Severity.INFO: st.info}
ICON = {
    Severity.ERROR: ":material/error:",
    Severity.WARNING: ":material/warning:",
    Severity.INFO: ":material/lightbulb:",
}
TITLE = {Severity.ERROR: N_("Errors"), Severity.WARNING: N_("Warnings"), Severity.INFO: N_("Tips")}


def _escaped(words: str) -> str:
    """Plain words as markdown text: brackets and stars stay what they are."""
    return "".join(f"\\{c}" if c in "[]*_`$<>" else c for c in words)


def text(finding: Finding, *, how: bool = True) -> str:
    """The message, the fix in the wizard's terms, then a small details line with the rule code.
    ``how=False`` leaves out the fix's words (a button does it, and says what it does).

    The command line's ``hint`` (config-file wording) is never shown here."""
    fix = f"  \n{_escaped(finding.fix)}" if finding.fix and how else ""
    return f"{_escaped(finding.message)}{fix}  \n:small[{details(finding)}]"


def details(finding: Finding) -> str:
    """The details line: the rule code, for the docs and for support."""
    return _("Details: rule {code}").format(code=finding.code)


def show(findings: Sequence[Finding], *, limit: int = 8) -> None:
    """Findings as coloured boxes, the first ``limit`` open, the rest folded away; under a
    finding with a remedy, its fixes as buttons with what they do and why."""
    for finding in findings[:limit]:
        _box(finding)
    rest = findings[limit:]
    if rest:
        more = ngettext("{count} more finding", "{count} more findings", len(rest)).format(count=len(rest))
        with st.expander(more):
            for finding in rest:
                _box(finding)


def _box(finding: Finding) -> None:
    found = fixes.offered(finding)
    BOX[finding.severity](text(finding, how=not found), icon=ICON[finding.severity])
    if found:
        fixes.buttons(finding, found, "box")


def focus(location: editing.Location) -> None:
    """Open the page of a finding with its item selected (a callback)."""
    w = wizard()
    config = w.config
    go(location.page)
    if location.index is None:
        return
    if location.page == "pipelines":
        w.selected["pipeline"] = location.index
    elif location.page == "properties" and location.index < len(config.property_groups):
        object_name = config.property_groups[location.index].object
        w.selected["properties.object"] = object_name
        w.selected["properties.group"] = sum(
            1 for g in config.property_groups[: location.index] if g.object == object_name
        )
    elif location.page == "custom_objects":
        w.selected["object"] = location.index
        if location.group is not None:
            w.selected["object.group"] = location.group
    elif location.page == "workflows":
        w.selected["workflow"] = location.index


def fix_button(finding: Finding, key: str) -> None:
    """ "Fix it" for one finding: opens its page with the item selected."""
    location = editing.locate(finding.path)
    target = step(location.page)
    st.button(
        _("Fix on {page}").format(page=_(target.title)),
        key=key,
        icon=":material/arrow_forward:",
        on_click=focus,
        args=(location,),
        type="tertiary",
    )


def by_severity(findings: Sequence[Finding], *, limit: int = 40) -> None:
    """Every finding grouped by severity, each with its remedy: its fixes (one click each, what
    they do written under the finding) or the way to the page that fixes it."""
    if not findings:
        st.success(
            _("No findings: the setup follows the guide and HubSpot will accept it."), icon=":material/check:"
        )
        return
    for severity in Severity:
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        st.subheader(f"{_(TITLE[severity])} ({len(group)})")
        for n, finding in enumerate(group[:limit]):
            found = fixes.offered(finding)
            with st.container(border=True):
                left, right = st.columns([5, 1.4], vertical_alignment="center")
                words = text(finding)
                if found:  # what the buttons do, then the details line
                    words = (
                        f"{_escaped(finding.message)}  \n{fixes.explanations(found)}  \n"
                        f":small[{details(finding)}]"
                    )
                left.markdown(f"{ICON[severity]} {words}")
                with right:
                    if found:
                        fixes.buttons(finding, found, f"review.{severity.value}.{n}", explain=False)
                    else:
                        fix_button(finding, f"review.fix.{severity.value}.{n}")
        if len(group) > limit:
            st.caption(
                _("… and {count} more {what}; fix the ones above first.").format(
                    count=len(group) - limit, what=_(TITLE[severity]).lower()
                )
            )
