"""Weighted forecast: deals x amount x probability per stage; lost counts 0, won in full."""

from __future__ import annotations

import altair as alt
import pytest

from hubwizard.config import Pipeline
from hubwizard.forecast import StageDeals, forecast, forecast_chart, forecast_frame, sample_deals
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


def test_frame_and_chart_follow_the_pipeline_order():
    result = forecast(PIPELINE, {"contact": (10, 1000.0)})
    frame = forecast_frame(result)
    assert list(frame["stage"]) == ["Contact made", "Quote sent", "Won", "Lost"]
    chart = forecast_chart(result)
    assert isinstance(chart, alt.LayerChart)
    spec = chart.to_dict()
    assert "weighted forecast 1,000 of 10,000" in spec["title"]
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["Contact made", "Quote sent", "Won", "Lost"]
