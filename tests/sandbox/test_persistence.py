"""A file-backed sandbox keeps its portal across restarts; reset gives a fresh portal back."""

from __future__ import annotations

from hubspot import HubSpot
from hubspot.crm.pipelines import PipelineInput, PipelineStageInput
from hubspot.crm.properties import PropertyCreate

from hubwizard.home import sandbox_db
from hubwizard.sandbox import start_sandbox


def apis(sb):
    client = HubSpot(access_token="pat-test", host=sb.url)
    return client.crm.properties.core_api, client.crm.pipelines.pipelines_api


def test_data_survives_stop_and_start_and_reset_restores_a_fresh_portal(tmp_path):
    data = tmp_path / "portal.sqlite3"
    with start_sandbox(data=data) as sb:
        props, pipelines = apis(sb)
        props.create(
            "deals",
            PropertyCreate(
                name="kept", label="Kept", type="string", field_type="text", group_name="dealinformation"
            ),
        )
        created = pipelines.create(
            "deals",
            PipelineInput(
                label="Kept pipeline",
                display_order=1,
                stages=[PipelineStageInput(label="A", display_order=0, metadata={"probability": "0.5"})],
            ),
        )
    assert data.exists()

    with start_sandbox(data=data) as sb:
        props, pipelines = apis(sb)
        assert props.get_by_name("deals", "kept").label == "Kept"
        assert [p.id for p in pipelines.get_all("deals").results] == ["default", created.id]
        again = pipelines.create(
            "deals",
            PipelineInput(
                label="Second",
                display_order=2,
                stages=[PipelineStageInput(label="B", display_order=0, metadata={"probability": "0.5"})],
            ),
        )
        assert int(again.id) > int(created.id), "id counters survive restarts"
        sb.reset()
        assert "kept" not in {p.name for p in props.get_all("deals").results}
        assert "dealname" in {p.name for p in props.get_all("deals").results}
        assert [p.id for p in pipelines.get_all("deals").results] == ["default"]

    with start_sandbox(data=data) as sb:
        _, pipelines = apis(sb)
        assert [p.id for p in pipelines.get_all("deals").results] == ["default"]


def test_default_data_file_lives_in_the_hubwizard_home(hubwizard_home):
    path = sandbox_db()
    assert path.parent == hubwizard_home
    with start_sandbox(data=path) as sb:
        assert sb.config()["data"] == str(path)
    assert path.exists()


def test_stop_is_clean_and_idempotent(tmp_path):
    sb = start_sandbox(data=tmp_path / "p.sqlite3")
    props, _ = apis(sb)
    props.get_all("deals")  # leaves a keep-alive connection open
    sb.stop()
    sb.stop()
    import socket

    import pytest

    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", sb.port), timeout=1):
        pass
