"""A finding's fixes as buttons: one click applies the fix as ONE undoable edit.

The fix itself is :mod:`hubwizard.fixes` (pure, no Streamlit). Here it goes through the wizard's
one change path (:func:`hubwizard.ui.state.change`): the edit is recorded for undo, the setup
saved, findings and any plan follow, and a notice says what was done with "Undo" right there.
"""

from __future__ import annotations

import streamlit as st

from hubwizard import editing, fixes
from hubwizard.findings import Finding
from hubwizard.i18n import _
from hubwizard.ui.state import change, say, wizard

ICON = ":material/auto_fix_high:"


def _escaped(words: str) -> str:
    return "".join(f"\\{c}" if c in "[]*_`$<>" else c for c in words)


def offered(finding: Finding) -> list[fixes.Fix]:
    """The fixes of ``finding`` on the setup as it is now."""
    return fixes.fixes_for(wizard().config, finding)


def apply(finding: Finding, key: str) -> None:
    """The button's callback: the fix is found again on the setup as it is at the click (the
    same as when the button was drawn, unless another tab changed it) and applied."""
    w = wizard()
    fix = next((f for f in fixes.fixes_for(w.config, finding) if f.key == key), None)
    if fix is None:
        say("warning", _("This fix no longer applies: the setup changed in the meantime."))
        return

    def edit() -> None:
        try:
            fixed = fix.apply(w.config)
        except Exception as exc:  # said in words; the setup stays as it was
            raise editing.EditRefused(
                _("this fix could not be applied ({reason})").format(reason=exc)
            ) from exc
        w.config = fixed
        for name in w.nonces:  # tables are drawn again from the fixed setup
            w.nonces[name] += 1

    if change(fix.done, edit):
        w.removed(_("{done}.").format(done=fix.done))


def widget_key(finding: Finding, fix: fixes.Fix, place: str) -> str:
    return f"fix.{place}.{finding.code}.{finding.path}.{fix.key}"


def buttons(finding: Finding, found: list[fixes.Fix], place: str, *, explain: bool = True) -> None:
    """One button per fix, each with what it will do and why (under it, and on hover)."""
    for fix in found:
        st.button(
            fix.title,
            key=widget_key(finding, fix, place),
            icon=ICON,
            on_click=apply,
            args=(finding, fix.key),
            help=fix.explanation,
        )
        if explain:
            st.caption(_escaped(fix.explanation))


def explanations(found: list[fixes.Fix]) -> str:
    """The fixes' explanations as small markdown lines (next to buttons drawn elsewhere)."""
    return "  \n".join(f":small[**{_escaped(f.title)}:** {_escaped(f.explanation)}]" for f in found)
