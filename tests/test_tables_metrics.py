"""Units, formats and fractions of metric lanes from tables: the ``metrics=`` option."""

from __future__ import annotations

import warnings

import pandas as pd
import polars as pl
import pytest

from jmwidget import Journey, JourneyError
from jmwidget.model.formatting import format_metric
from jmwidget.tables import from_frame, update_from_frame


def funnel() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": ["Find", "Find", "Buy"],
            "step": ["Search", "Compare", "Pay"],
            "Conversion": [84.0, 42.5, 7.0],
            "Share": [0.84, 0.07, 0.5],
            "Wait": [30, 95, 12],
        }
    )


def shown(journey: Journey, lane: str, step: str) -> str:
    """The metric as the map shows it (the widget and the pictures use the same formatting)."""
    info = journey.lane(lane)
    return format_metric(journey.get_cell(lane, step), info.format, info.unit)


def test_units_and_formats_are_set_per_column() -> None:
    journey = from_frame(
        funnel(),
        metrics={
            "Conversion": {"unit": "%", "format": "percent", "higher_is_better": True},
            "Wait": {"format": "seconds"},
        },
    )
    conversion = journey.lane("Conversion")
    assert (conversion.kind, conversion.unit, conversion.format, conversion.higher_is_better) == (
        "metric",
        "%",
        "percent",
        True,
    )
    assert shown(journey, "Conversion", "Search") == "84%"  # before: format count, no unit: "84"
    assert shown(journey, "Wait", "Compare") == "1m 35s"
    assert journey.lane("Share").format == "count"  # no entry: the default, as before


def test_fractions_are_multiplied_by_100_only_when_asked() -> None:
    journey = from_frame(funnel(), metrics={"Share": {"format": "percent", "fraction": True}})
    assert [journey.get_cell("Share", s) for s in ("Search", "Compare", "Pay")] == [
        84.0,
        7.0,
        50.0,
    ]  # 7.0, not 7.000000000000001
    assert shown(journey, "Share", "Search") == "84%"
    kept = from_frame(funnel(), metrics={"Share": {"format": "percent", "fraction": False}})
    assert kept.get_cell("Share", "Search") == 0.84


def test_a_percent_column_of_fractions_warns_unless_fraction_is_said() -> None:
    with pytest.warns(UserWarning, match=r"'Share' has format 'percent' and values from 0 to 1.*'fraction': True"):
        journey = from_frame(funnel(), metrics={"Share": {"format": "percent"}})
    assert journey.get_cell("Share", "Search") == 0.84  # values are never guessed at
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from_frame(funnel(), metrics={"Conversion": {"format": "percent"}})  # 84, 42.5, 7: points, no warning
        from_frame(funnel(), metrics={"Share": {"format": "percent", "fraction": False}})


def test_metrics_options_are_checked() -> None:
    with pytest.raises(JourneyError, match=r"format must be one of percent, count, seconds, currency, score"):
        from_frame(funnel(), metrics={"Conversion": {"format": "pct"}})
    with pytest.raises(JourneyError, match=r"unknown field\(s\) units"):
        from_frame(funnel(), metrics={"Conversion": {"units": "%"}})
    with pytest.raises(JourneyError, match=r"no column\(s\) 'Nope'"):
        from_frame(funnel(), metrics={"Nope": {"unit": "%"}})
    with pytest.raises(JourneyError, match=r"metrics apply to metric lanes"):
        from_frame(funnel(), metrics={"Conversion": {"unit": "%"}}, kinds={"Conversion": "text"})
    with pytest.raises(JourneyError, match=r"fraction is a bool"):
        from_frame(funnel(), metrics={"Conversion": {"fraction": "yes"}})


def test_metrics_make_a_column_a_metric_lane() -> None:
    frame = pd.DataFrame({"stage": ["S", "S"], "step": ["a", "b"], "Score": [1, 4]})  # would be an emotion lane
    assert from_frame(frame).lane("Score").kind == "emotion"
    assert from_frame(frame, metrics={"Score": {"format": "score"}}).lane("Score").kind == "metric"


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_update_edits_the_lane_and_reads_fractions(backend: str) -> None:
    journey = from_frame(funnel())
    table = {"step": ["Search", "Pay"], "Share": [0.9, 0.25]}
    frame = pd.DataFrame(table) if backend == "pandas" else pl.DataFrame(table)
    update_from_frame(journey, frame, metrics={"Share": {"unit": "%", "format": "percent", "fraction": True}})
    assert (journey.lane("Share").unit, journey.lane("Share").format) == ("%", "percent")
    assert (journey.get_cell("Share", "Search"), journey.get_cell("Share", "Pay")) == (90.0, 25.0)
    journey.undo()  # the lane edit and the values are one change
    assert journey.lane("Share").format == "count"
    assert journey.get_cell("Share", "Search") == 0.84


def test_update_metrics_name_a_metric_lane() -> None:
    journey = from_frame(funnel())
    journey.update_from_pandas(pd.DataFrame({"step": ["Pay"]}), metrics={"wait": {"unit": "s"}})  # by lane id
    assert journey.lane("Wait").unit == "s"
    with pytest.raises(JourneyError, match=r"metrics name unknown lane\(s\) 'Nope'"):
        journey.update_from_pandas(pd.DataFrame({"step": ["Pay"]}), metrics={"Nope": {"unit": "s"}})
    journey.add_lane("Notes", "text")
    with pytest.raises(JourneyError, match=r"metrics apply to metric lanes; 'Notes' is a text lane"):
        journey.update_from_pandas(pd.DataFrame({"step": ["Pay"]}), metrics={"Notes": {"unit": "s"}})
    with pytest.warns(UserWarning, match="fraction"):
        journey.update_from_pandas(
            pd.DataFrame({"step": ["Pay"], "Share": [0.3]}), metrics={"Share": {"format": "percent"}}
        )
