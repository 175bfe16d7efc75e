"""The wizard on a Free portal: b2b-sales, unedited, is planned with its reminder workflow left
out (the note says what it would have done and what to do instead) and applies."""

from __future__ import annotations

from app_helpers import click, goto, texts, use_template
from streamlit.testing.v1 import AppTest


def test_a_free_portal_leaves_the_workflow_out_with_its_note_and_applies(at: AppTest, sandbox):
    sandbox.set_tier("free")
    use_template(at, "b2b-sales")
    goto(at, "provision")
    click(at, "provision.plan")
    assert not at.error, [e.value for e in at.error]
    table = at.dataframe[-1].value
    row = table[table["what"].str.startswith("Leave out workflow")].iloc[0]
    assert row["what"] == "Leave out workflow 'Quote follow-up after 15 days': HubSpot Free has no workflows"
    assert "what it would have done: When a deal enters *Quote sent*" in row["details"]
    assert "create the task by hand on each deal" in row["details"]
    assert "upgrade the portal to HubSpot Professional" in row["details"]
    assert not at.button(key="provision.apply").disabled
    click(at, "provision.apply")
    assert at.status[0].state == "complete"
    assert "The portal now matches your setup." in texts(at)
