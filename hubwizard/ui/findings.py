"""Findings next to what they concern, and the way from a finding to the page that fixes it."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from hubwizard import editing
from hubwizard.findings import Finding, Severity
from hubwizard.ui.nav import go, step
from hubwizard.ui.state import wizard
from hubwizard.wording import plural

BOX = {Severity.ERROR: st.error, Severity.WARNING: st.warning, Severity.INFO: st.info}
ICON = {
    Severity.ERROR: ":material/error:",
    Severity.WARNING: ":material/warning:",
    Severity.INFO: ":material/lightbulb:",
}
TITLE = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Tips"}


def _escaped(words: str) -> str:
    """Plain words as markdown text: brackets and stars stay what they are."""
    return "".join(f"\\{c}" if c in "[]*_`$<>" else c for c in words)


def text(finding: Finding) -> str:
    """The message, the fix in the wizard's terms, then a small details line with the rule code.

    The command line's ``hint`` (config-file wording) is never shown here."""
    fix = f"  \n{_escaped(finding.fix)}" if finding.fix else ""
    return f"{_escaped(finding.message)}{fix}  \n:small[{details(finding)}]"


def details(finding: Finding) -> str:
    """The details line: the rule code, for the docs and for support."""
    return f"Details: rule {finding.code}"


def show(findings: Sequence[Finding], *, limit: int = 8) -> None:
    """Findings as coloured boxes, the first ``limit`` open, the rest folded away."""
    for finding in findings[:limit]:
        BOX[finding.severity](text(finding), icon=ICON[finding.severity])
    rest = findings[limit:]
    if rest:
        with st.expander(plural(len(rest), "more finding")):
            for finding in rest:
                BOX[finding.severity](text(finding), icon=ICON[finding.severity])


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
        f"Fix on {target.title}",
        key=key,
        icon=":material/arrow_forward:",
        on_click=focus,
        args=(location,),
        type="tertiary",
    )


def by_severity(findings: Sequence[Finding], *, limit: int = 40) -> None:
    """Every finding grouped by severity, each with its way to the page that fixes it."""
    if not findings:
        st.success(
            "No findings: the setup follows the guide and HubSpot will accept it.", icon=":material/check:"
        )
        return
    for severity in Severity:
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        st.subheader(f"{TITLE[severity]} ({len(group)})")
        for n, finding in enumerate(group[:limit]):
            with st.container(border=True):
                left, right = st.columns([5, 1.4], vertical_alignment="center")
                left.markdown(f"{ICON[severity]} {text(finding)}")
                with right:
                    fix_button(finding, f"review.fix.{severity.value}.{n}")
        if len(group) > limit:
            st.caption(
                f"… and {len(group) - limit} more {TITLE[severity].lower()}; fix the ones above first."
            )
