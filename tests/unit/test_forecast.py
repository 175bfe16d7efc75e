"""Weighted forecast: deals x amount x probability per stage; lost counts 0, won in full."""

from __future__ import annotations

import pytest

from hubwizard.config import Pipeline
from hubwizard.forecast import (
    StageDeals,
    forecast,
    forecast_chart,
    forecast_frame,
    forecast_table,
    sample_deals,
)
from hubwizard.templates import get_template

PIPELINE = Pipeline.model_validate(
    {
        "id": "sales",
        "label": "Sales",
        "stages": [
            {"id": "contact", "label": "Contact made", "probability": 0.1},
            {"id": "quote", "label": "Quote sent", "probability": 0.6},
            {"id": "won", "label": "Won", "probability": 0.7, "closed": "won"},
            {"id": "lost", "label": "Lost", "probability": 0.5, "closed": "lost"},
        ],
    }
)


def test_weighted_per_stage_from_count_and_average_or_a_list_of_deals():
    result = forecast(
        PIPELINE, {"contact": (10, 1000.0), "quote": [2000.0, 3000.0], "won": (2, 500.0), "lost": (4, 1000.0)}
    )
    rows = {s.stage_id: s for s in result.stages}
    assert rows["contact"].weighted == pytest.approx(1000.0)  # 10 x 1000 x 0.1
    assert rows["quote"].deals == 2 and rows["quote"].weighted == pytest.approx(3000.0)
    assert rows["won"].probability == 1.0 and rows["won"].weighted == 1000.0  # won counts in full
    assert (
        rows["lost"].probability == 0.0 and rows["lost"].weighted == 0.0
    )  # lost counts 0, whatever is written
    assert result.weighted_total == pytest.approx(5000.0)
    assert result.total_amount == pytest.approx(10000.0 + 5000.0 + 1000.0 + 4000.0)
    assert result.won_amount == 1000.0 and result.open_weighted == pytest.approx(4000.0)
    assert result.deals == 18


def test_missing_probability_counts_zero_and_is_flagged():
    pipeline = PIPELINE.model_copy(deep=True)
    pipeline.stages[0].probability = None
    row = forecast(pipeline, {"contact": (3, 100.0)}).stages[0]
    assert row.weighted == 0.0 and row.probability_missing


def test_stages_without_deals_count_nothing():
    assert forecast(PIPELINE, {}).weighted_total == 0.0


def test_stage_deals_accepts_the_three_shapes():
    assert StageDeals.of((3, 10.0)).amount == 30.0
    assert StageDeals.of([1, 2, 3]).deals == 3
    assert StageDeals.of(StageDeals(amounts=(5.0,))).amount == 5.0


def test_sample_deals_make_a_funnel():
    samples = sample_deals(get_template("b2b-sales").config.pipelines[0])
    open_counts = [samples[s].count for s in ("contact_made", "demo_sent", "quote_sent", "quote_signed")]
    assert open_counts == sorted(open_counts, reverse=True)


def test_frame_follows_the_pipeline_order():
    result = forecast(PIPELINE, {"contact": (10, 1000.0)})
    frame = forecast_frame(result)
    assert list(frame["stage"]) == ["Contact made", "Quote sent", "Won", "Lost"]


DEALS = {"contact": (10, 1000.0), "quote": (2, 2500.0), "won": (2, 500.0), "lost": (4, 1000.0)}


def _sections(spec: dict) -> list[dict]:
    return spec["vconcat"]


def _bars(section: dict) -> dict:
    return next(layer for layer in section["layer"] if layer["mark"]["type"] == "bar")


def test_chart_labels_every_stage_open_deals_apart_from_won_and_lost():
    spec = forecast_chart(forecast(PIPELINE, DEALS)).to_dict()
    open_part, closed_part = _sections(spec)
    assert _bars(open_part)["encoding"]["y"]["sort"] == ["Contact made", "Quote sent"]
    assert _bars(closed_part)["encoding"]["y"]["sort"] == ["Won", "Lost"]
    for section in (open_part, closed_part):
        axis = _bars(section)["encoding"]["y"]["axis"]
        assert axis["labelOverlap"] is False and axis["labelLimit"] == 0  # no label hidden or cut
        assert section["height"] == {"step": 26}  # room for every label
    shown = {row["stage"] for section in (open_part, closed_part) for row in section["data"]["values"]}
    assert shown == {s.label for s in PIPELINE.stages}
    assert open_part["title"] == "Open deals: 4,000 weighted of 15,000"
    assert closed_part["title"] == "Won 1,000 and lost 4,000"


def test_chart_has_a_legend_money_and_room_for_the_values():
    spec = forecast_chart(forecast(PIPELINE, DEALS)).to_dict()
    open_part = _sections(spec)[0]
    colour = _bars(open_part)["encoding"]["color"]
    assert colour["legend"]["orient"] == "top"
    assert colour["scale"]["domain"] == [
        "Amount in the stage",
        "Weighted by win probability",
        "Won: counts in full",
        "Lost: counts for nothing",
    ]
    x = _bars(open_part)["encoding"]["x"]
    assert x["axis"]["format"] == ",.0f"
    assert x["scale"]["domain"] == [0, 10000.0 * 1.3]  # the widest bar plus room for its value
    texts = [row["text"] for row in open_part["data"]["values"]]
    assert texts == ["10,000", "1,000", "5,000", "3,000"]
    assert spec["title"] == (
        "Sales: weighted forecast 5,000 = won 1,000 + open 4,000 weighted (of 15,000 open); lost 4,000"
    )


def test_text_table_is_the_chart_for_the_command_line():
    table = forecast_table(forecast(PIPELINE, DEALS)).splitlines()
    assert table[0].startswith("Sales: weighted forecast 5,000")
    assert table[1].split() == ["Stage", "Outcome", "Win", "%", "Deals", "Amount", "Weighted"]
    assert table[3].split() == ["Contact", "made", "open", "10%", "10", "10,000", "1,000"]
    assert table[5].startswith("  ---")  # open deals apart from won and lost
    assert table[6].split() == ["Won", "won", "100%", "2", "1,000", "1,000"]
    assert table[7].split() == ["Lost", "lost", "0%", "4", "4,000", "0"]


def test_lint_text_output_shows_the_forecast_table(capsys):
    from pathlib import Path

    from hubwizard.cli import main

    template = Path(__file__).resolve().parents[2] / "templates" / "b2b-sales.yaml"
    assert main(["lint", str(template)]) == 0
    out = capsys.readouterr().out
    assert "Weighted forecast with sample deals" in out
    assert "Sales: weighted forecast 66,000 = won 15,000 + open 51,000 weighted (of 150,000 open)" in out
    assert "  Signed quote received  open       90%      3  15,000    13,500" in out
