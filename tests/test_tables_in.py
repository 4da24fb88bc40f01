"""Tables in: repeated column names, tidy tables, and evidence columns (n, sd, low, high) for update_from_frame."""

from __future__ import annotations

from typing import Any

import pandas as pd
import polars as pl
import pytest

from jmwidget import Journey, JourneyError, OperationError
from jmwidget.tables import from_frame, to_pandas, to_polars, update_from_frame


def test_a_repeated_column_is_named_not_a_narwhals_error(small: Journey) -> None:
    frame = pd.DataFrame([["S", "a", "x", "y"]], columns=["stage", "step", "Notes", "Notes"])
    with pytest.raises(JourneyError, match=r"from_frame: the table has more than one column named 'Notes'"):
        from_frame(frame)
    update = pd.DataFrame([["see-advert", 1.0, 2.0]], columns=["step", "Conversion", "Conversion"])
    with pytest.raises(JourneyError, match=r"update_from_frame: .* more than one column named 'Conversion'"):
        small.update_from_pandas(update)
    with pytest.raises(JourneyError, match=r"named 'step', 'Notes'; rename or drop the repeats"):
        Journey.from_pandas(
            pd.DataFrame([["S", "a", "x", "y", "b"]], columns=["stage", "step", "Notes", "Notes", "step"])
        )


# ---------------------------------------------------------------- tidy tables


@pytest.mark.parametrize("export", [to_pandas, to_polars])
def test_a_tidy_table_of_the_map_changes_nothing(small: Journey, export: Any) -> None:
    before = small.to_dict()
    update_from_frame(small, export(small))
    assert small.to_dict() == before


def test_tidy_rows_set_values_and_gather_channels_and_cards(small: Journey) -> None:
    frame = pd.DataFrame(
        {
            "step": [
                "See advert",
                "fill-form",
                "fill-form",
                "compare-banks",
                "compare-banks",
                "see-advert",
                "fill-form",
            ],
            "lane": ["Conversion", "Emotion", "Pain points", "Channels", "Channels", "Emotion", "Pain points"],
            "persona": [None, "Bo", None, None, None, None, None],
            "value": [12.5, 4, "Slow", "Branch", "Website", None, "Lost"],
        }
    )
    update_from_frame(small, frame)
    assert small.get_cell("Conversion", "see-advert") == 12.5
    assert small.get_cell("Emotion", "fill-form", persona="Bo") == 4
    assert small.get_cell("Emotion", "fill-form") == 2  # Ana's, untouched
    assert small.get_cell("Emotion", "see-advert") == 4  # a row without a value is skipped
    assert small.get_cell("Channels", "compare-banks") == ["Branch", "Website"]
    assert [c["text"] for c in small.cards("pains", "fill-form")] == ["Slow", "Lost"]


def test_polars_tidy_rows_take_the_number_column(small: Journey) -> None:
    doubled = pl.when(pl.col("kind") == "metric").then(pl.col("number") * 2).otherwise(pl.col("number"))
    bo = pl.when(pl.col("persona") == "Bo").then(2.0).otherwise(doubled)
    update_from_frame(small, to_polars(small).with_columns(bo.alias("number")))  # ``value`` is text there
    assert small.get_cell("Conversion", "fill-form") == 85.0
    assert small.get_cell("Emotion", "fill-form", persona="Bo") == 2


def test_blank_text_in_value_clears_the_cell_whatever_number_says(small: Journey) -> None:
    frame = to_pandas(small)
    frame = frame[frame["lane_id"] == "conversion"].copy()
    frame["value"] = ""  # ``number`` still says 42.5
    update_from_frame(small, frame)
    assert small.get_cell("conversion", "fill-form") is None


def test_tidy_problems_are_named_and_nothing_is_applied(small: Journey) -> None:
    revision = small.revision
    frame = pd.DataFrame(
        {
            "step_id": ["see-advert", "nowhere", "fill-form", "fill-form", "fill-form"],
            "lane_id": ["nope", "conversion", "conversion", "conversion", "emotion"],
            "persona": [None, None, None, None, "Cy"],
            "value": [1, 2, 3, 4, 5],
        }
    )
    with pytest.raises(OperationError) as info:
        update_from_frame(small, frame)
    message = str(info.value)
    for part in ("'nowhere' (row 1)", "'nope' (row 0)", "'Cy' (row 4)", "rows 2 and 3 ('Conversion' x 'fill-form')"):
        assert part in message
    assert small.revision == revision
    with pytest.raises(JourneyError, match="lanes= picks the columns of a wide table"):
        update_from_frame(small, frame, lanes=["x"])


def test_form_wide_reads_lanes_named_like_tidy_columns() -> None:
    journey = Journey("Odd names")
    journey.add_stage("S", steps=["a"])
    journey.add_lane("lane", "text")
    journey.add_lane("value", "metric")
    update_from_frame(journey, pd.DataFrame({"step": ["a"], "lane": ["x"], "value": [3]}), form="wide")
    assert (journey.get_cell("lane", "a"), journey.get_cell("value", "a")) == ("x", 3)


# ---------------------------------------------------------------- evidence


def test_evidence_columns_write_evidence_into_the_map(small: Journey) -> None:
    wide = pd.DataFrame({"step": ["fill-form"], "Conversion": [40.0], "Conversion n": [120], "Conversion sd": [4.5]})
    update_from_frame(small, wide)
    assert small.evidence("Conversion", "Fill form") == {"value": 40.0, "n": 120, "sd": 4.5}
    tidy = pd.DataFrame({"step": ["see-advert"], "lane": ["Emotion"], "value": [4.0], "n": [31], "low": [3.5]})
    update_from_frame(small, tidy)
    assert small.evidence("Emotion", "See advert") == {"value": 4.0, "n": 31, "low": 3.5}
    plain = pd.DataFrame({"step": ["fill-form"], "lane": ["Conversion"], "value": [41.0], "n": [None], "low": [None]})
    update_from_frame(small, plain)  # evidence columns without values: a plain number
    assert small.evidence("Conversion", "Fill form") == {"value": 41.0}
    small.undo()
    assert small.evidence("Conversion", "Fill form") == {"value": 40.0, "n": 120, "sd": 4.5}


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch, small: Journey) -> list[dict[str, Any]]:
    """The set_cell operations update_from_frame applies (recorded, not applied)."""
    ops: list[dict[str, Any]] = []
    monkeypatch.setattr(small, "apply", lambda op, **_: ops.append(op))
    return ops


def test_wide_evidence_columns_make_evidence_objects(small: Journey, written: list[dict[str, Any]]) -> None:
    frame = pd.DataFrame(
        {
            "step": ["see-advert", "fill-form"],
            "Conversion": [40.0, 42.0],
            "Conversion n": [120.0, None],
            "Conversion low": [38.5, None],
            "Emotion (Bo)": [3, 4],
            "Emotion (Bo) sd": [0.5, None],
        }
    )
    update_from_frame(small, frame)
    values = [(op["lane"], op["step"], op.get("persona"), op["value"]) for op in written]
    assert values == [
        ("conversion", "see-advert", None, {"value": 40.0, "n": 120, "low": 38.5}),
        ("conversion", "fill-form", None, 42.0),
        ("emotion", "see-advert", "bo", {"value": 3, "sd": 0.5}),
        ("emotion", "fill-form", "bo", 4),
    ]
    assert type(written[0]["value"]["n"]) is int


def test_tidy_evidence_columns_make_evidence_objects(small: Journey, written: list[dict[str, Any]]) -> None:
    frame = pd.DataFrame(
        {
            "step_id": ["fill-form", "fill-form"],
            "lane_id": ["emotion", "conversion"],
            "persona_id": ["persona", None],
            "value": [2.0, 0.4],
            "n": [31, None],
            "high": [2.5, 0.5],
        }
    )
    update_from_frame(small, frame, metrics={"Conversion": {"fraction": True}})
    assert [op["value"] for op in written] == [{"value": 2, "n": 31, "high": 2.5}, {"value": 40.0, "high": 50.0}]


def test_bad_evidence_is_named_by_row_and_column(small: Journey) -> None:
    frame = pd.DataFrame({"step": ["see-advert", "fill-form"], "Conversion": [None, 1.0], "Conversion n": [5, 2.5]})
    with pytest.raises(OperationError) as info:
        update_from_frame(small, frame)
    assert "row 0, column 'Conversion': n given without a value" in str(info.value)
    assert "row 1, column 'Conversion': n is a count (a whole number from 0), got 2.5" in str(info.value)
