"""Evidence behind a value: n, sd and a low..high interval on emotion and metric cells (schema 3)."""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jmwidget import DocumentError, Journey, OperationError
from jmwidget.model import (
    CURRENT_VERSION,
    SMALL_N,
    cell_number,
    evidence_cells,
    evidence_of,
    has_evidence,
    is_small_n,
    upgrade,
    without_evidence,
)
from jmwidget.model._merge import merge

from .conftest import build_small

FILL_FORM = {"value": 2.1, "n": 412, "low": 1.8, "high": 2.4}


# ---------------------------------------------------------------- schema version 3


def test_a_version_2_document_loads_as_version_3_unchanged() -> None:
    current = Journey.from_template("returns").to_dict()
    v2 = copy.deepcopy(current) | {"version": 2}
    upgraded, notes = upgrade(v2)
    assert CURRENT_VERSION == 3
    assert notes == []  # plain numbers stay valid: only the version changes
    assert upgraded == current
    assert Journey.from_dict(v2).to_dict() == current


def test_a_document_with_evidence_round_trips_through_json() -> None:
    journey = build_small()
    journey.set_cell("Emotion", "Fill form", FILL_FORM)
    journey.set_cell("Conversion", "See advert", {"value": 40, "n": 25, "sd": 3.5})
    again = Journey.from_json(journey.to_json())
    assert again == journey
    assert again.to_dict()["cells"]["emotion"]["fill-form"] == {"persona": FILL_FORM, "bo": 1}
    assert again.to_dict()["cells"]["conversion"]["see-advert"] == {"value": 40, "n": 25, "sd": 3.5}


@pytest.mark.parametrize(
    ("cell", "path", "message"),
    [
        (("emotion", "fill-form", "persona"), "$.cells.emotion.fill-form.persona", "evidence low 2.3 is above"),
        (("conversion", "fill-form", None), "$.cells.conversion.fill-form", "evidence high 1 is below"),
    ],
)
def test_a_stored_interval_that_misses_its_value_is_named_on_load(
    cell: tuple[str, str, str | None], path: str, message: str
) -> None:
    doc = build_small().to_dict()
    lane, step, persona = cell
    if persona:
        doc["cells"][lane][step][persona] = {"value": 2, "low": 2.3}
    else:
        doc["cells"][lane][step] = {"value": 42.5, "high": 1}
    with pytest.raises(DocumentError) as info:
        Journey.from_dict(doc)
    problems = dict(info.value.problems)
    assert message in problems[path], problems


def test_the_schema_refuses_unknown_evidence_fields_in_a_document() -> None:
    doc = build_small().to_dict()
    doc["cells"]["conversion"]["fill-form"] = {"value": 42.5, "mean": 42.5}
    with pytest.raises(DocumentError, match="fill-form"):
        Journey.from_dict(doc)


# ---------------------------------------------------------------- set_cell, get_cell, evidence


def test_set_cell_with_evidence_and_reading_it_back(small: Journey) -> None:
    small.set_cell("Emotion", "Fill form", FILL_FORM)
    assert small.get_cell("Emotion", "Fill form") == 2.1  # the plain number, as before
    assert small.evidence("Emotion", "Fill form") == FILL_FORM
    assert small.evidence("Emotion", "Fill form", persona="Bo") == {"value": 1}
    assert small.evidence("Emotion", "See advert", persona="Bo") is None
    small.set_cell("Conversion", "Fill form", {"mean": 41.0, "n": 300, "sd": 2.5, "low": 38, "high": 44})
    assert small.get_cell("Conversion", "Fill form") == 41.0
    assert small.evidence("Conversion", "Fill form") == {"value": 41.0, "n": 300, "sd": 2.5, "low": 38, "high": 44}
    assert small.evidence("Conversion", "See advert") is None


def test_mean_names_the_value_and_missing_fields_are_left_out(small: Journey) -> None:
    given = {"mean": np.float64(41.5), "n": np.int64(12), "sd": math.nan, "low": None}
    small.set_cell("Conversion", "Fill form", given)
    stored = small.document["cells"]["conversion"]["fill-form"]
    assert stored == {"value": 41.5, "n": 12}
    assert type(stored["value"]) is float
    assert type(stored["n"]) is int
    small.set_cell("Emotion", "Fill form", {"value": 3, "n": 12.0})
    assert small.document["cells"]["emotion"]["fill-form"]["persona"] == {"value": 3, "n": 12}
    assert type(small.document["cells"]["emotion"]["fill-form"]["persona"]["n"]) is int


def test_evidence_with_only_a_value_is_stored_as_a_plain_number(small: Journey) -> None:
    small.set_cell("Emotion", "Fill form", {"value": 4})
    assert small.document["cells"]["emotion"]["fill-form"]["persona"] == 4
    small.set_cell("Conversion", "Fill form", {"value": 12.5})
    assert small.document["cells"]["conversion"]["fill-form"] == 12.5


def test_a_plain_number_replaces_the_evidence(small: Journey) -> None:
    small.set_cell("Emotion", "Fill form", FILL_FORM)
    small.set_cell("Emotion", "Fill form", 3)
    assert small.evidence("Emotion", "Fill form") == {"value": 3}


def test_evidence_is_for_emotion_and_metric_lanes(small: Journey) -> None:
    with pytest.raises(OperationError, match="'Actions' is a text lane; evidence stands behind emotion and metric"):
        small.evidence("Actions", "See advert")
    with pytest.raises(OperationError, match="persona applies to emotion lanes only"):
        small.evidence("Conversion", "Fill form", persona="Bo")
    with pytest.raises(OperationError, match="takes text, got an object"):
        small.set_cell("Actions", "See advert", {"value": 1})


@pytest.mark.parametrize(
    ("lane", "value", "message"),
    [
        ("Emotion", {"value": 2.1, "low": 2.5, "high": 2.0}, "evidence low 2.5 is above the value 2.1"),
        ("Emotion", {"value": 2.1, "low": 1.5, "high": 2.0}, "evidence high 2 is below the value 2.1"),
        ("Conversion", {"value": 40, "low": 45, "high": 50}, "evidence low 45 is above the value 40"),
        ("Emotion", {"value": 7, "n": 40}, "lane 'Emotion' takes numbers 1-5, got evidence value 7"),
        ("Emotion", {"value": 2, "low": 0.5}, "lane 'Emotion' takes numbers 1-5, got evidence low 0.5"),
        ("Emotion", {"value": 4, "high": 5.5}, "lane 'Emotion' takes numbers 1-5, got evidence high 5.5"),
        ("Emotion", {"value": 2, "median": 2}, "evidence has no field 'median'; it takes value, n, sd, low, high"),
        ("Conversion", {"value": 2, "n": -1}, "evidence n must be a whole number, 0 or more, got number -1"),
        ("Conversion", {"value": 2, "n": 2.5}, "evidence n must be a whole number, 0 or more, got number 2.5"),
        ("Conversion", {"value": 2, "sd": -0.1}, "evidence sd must be 0 or more, got -0.1"),
        ("Conversion", {"value": math.inf}, "evidence value must be a finite number"),
        ("Conversion", {"value": "high"}, "evidence value must be a finite number, got text 'high'"),
        ("Conversion", {"n": 40}, "evidence needs a value, got only n"),
        ("Conversion", {"value": 1, "mean": 1}, "as 'value' or 'mean', not both"),
    ],
)
def test_broken_evidence_is_refused_naming_the_cell_and_changes_nothing(
    small: Journey, lane: str, value: dict[str, Any], message: str
) -> None:
    before, revision = small.to_dict(), small.revision
    with pytest.raises(OperationError) as info:
        small.set_cell(lane, "Fill form", value)
    assert message in str(info.value)
    if "not both" not in message:  # the Python helper's own check comes before the operation
        assert f"set_cell at {lane!r} x 'Fill form'" in str(info.value)
    assert small.to_dict() == before
    assert small.revision == revision


def test_the_operation_itself_takes_evidence_and_refuses_mean(small: Journey) -> None:
    small.apply({"op": "set_cell", "lane": "conversion", "step": "fill-form", "value": {"value": 1, "n": 3}})
    assert small.evidence("conversion", "fill-form") == {"value": 1, "n": 3}
    with pytest.raises(OperationError, match="evidence has no field 'mean'"):
        small.apply({"op": "set_cell", "lane": "conversion", "step": "fill-form", "value": {"mean": 1}})


def test_undo_and_redo_bring_the_evidence_back(small: Journey) -> None:
    small.set_cell("Emotion", "Fill form", FILL_FORM)
    small.set_cell("Emotion", "Fill form", 5)
    small.undo()
    assert small.evidence("Emotion", "Fill form") == FILL_FORM
    small.undo()
    assert small.evidence("Emotion", "Fill form") == {"value": 2}
    small.redo()
    assert small.evidence("Emotion", "Fill form") == FILL_FORM


def test_a_new_scale_must_hold_the_intervals_too(small: Journey) -> None:
    small.set_cell("Emotion", "Fill form", {"value": 2, "low": 1.5, "high": 2.5})
    before = small.to_dict()
    with pytest.raises(OperationError, match=r"got evidence low 1\.5"):
        small.edit(emotion_scale=(2, 6, 4))
    assert small.to_dict() == before


def test_merging_keeps_evidence_and_drops_an_interval_off_a_new_scale() -> None:
    base = build_small().to_dict()
    mine = Journey.from_dict(base)
    mine.set_cell("Emotion", "Fill form", FILL_FORM)
    mine.set_cell("Emotion", "See advert", {"value": 4, "low": 3, "high": 5})
    theirs = Journey.from_dict(base)
    theirs.edit(emotion_scale=(1, 4, 2))
    theirs.set_cell("Conversion", "Fill form", {"value": 40, "n": 10})
    result = merge(base, mine.to_dict(), theirs.to_dict())
    cells = result.document["cells"]
    assert cells["emotion"]["fill-form"]["persona"] == FILL_FORM
    assert "see-advert" not in cells["emotion"]  # its interval reaches 5, off the new scale
    assert cells["conversion"]["fill-form"] == {"value": 40, "n": 10}


# ---------------------------------------------------------------- readers for the other layers


def test_readers_take_either_shape() -> None:
    assert cell_number(3) == 3
    assert cell_number({"value": 2.5, "n": 3}) == 2.5
    assert cell_number(None) is None
    assert cell_number("text") is None
    assert evidence_of(3) == {"value": 3}
    assert evidence_of({"value": 2.5, "n": 3}) == {"value": 2.5, "n": 3}
    assert evidence_of(None) is None
    assert has_evidence({"value": 2.5, "n": 3})
    assert not has_evidence({"value": 2.5})
    assert not has_evidence(2.5)
    assert SMALL_N == 30
    assert is_small_n({"value": 1, "n": SMALL_N - 1})
    assert not is_small_n({"value": 1, "n": SMALL_N})
    assert not is_small_n({"value": 1})
    assert not is_small_n(1)


def test_counting_and_leaving_out_evidence(small: Journey) -> None:
    assert evidence_cells(small.document) == 0
    small.set_cell("Emotion", "Fill form", FILL_FORM)
    small.set_cell("Emotion", "Fill form", {"value": 1, "n": 3}, persona="Bo")
    small.set_cell("Conversion", "Fill form", {"value": 40, "sd": 1})
    assert evidence_cells(small.document) == 2  # cells, not persona values
    plain = without_evidence(small.document)
    assert plain["cells"]["emotion"]["fill-form"] == {"persona": 2.1, "bo": 1}
    assert plain["cells"]["conversion"]["fill-form"] == 40
    assert small.evidence("Conversion", "Fill form") == {"value": 40, "sd": 1}  # the map itself is untouched
    Journey.from_dict(plain)  # still a valid map


# ---------------------------------------------------------------- property: random evidence round-trips


def _evidence(low: float, high: float) -> st.SearchStrategy[dict[str, Any]]:
    number = st.floats(min_value=low, max_value=high, allow_nan=False)

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        value = draw(number)
        out: dict[str, Any] = {"value": value}
        if draw(st.booleans()):
            out["n"] = draw(st.integers(min_value=0, max_value=10**9))
        if draw(st.booleans()):
            out["sd"] = draw(st.floats(min_value=0, max_value=1e9, allow_nan=False))
        if draw(st.booleans()):
            out["low"] = draw(st.floats(min_value=low, max_value=value, allow_nan=False))
        if draw(st.booleans()):
            out["high"] = draw(st.floats(min_value=value, max_value=high, allow_nan=False))
        return out

    return build()


@settings(max_examples=60, deadline=None)
@given(emotion=_evidence(1, 5), metric=_evidence(-1e12, 1e12), alias=st.booleans())
def test_random_evidence_survives_set_cell_and_json(
    emotion: dict[str, Any], metric: dict[str, Any], alias: bool
) -> None:
    journey = build_small()
    given_metric = {("mean" if key == "value" and alias else key): v for key, v in metric.items()}
    journey.set_cell("Emotion", "Compare banks", emotion, persona="Bo")
    journey.set_cell("Conversion", "Compare banks", given_metric)
    again = Journey.from_json(journey.to_json())
    assert again == journey
    assert again.evidence("Emotion", "Compare banks", persona="Bo") == emotion
    assert again.evidence("Conversion", "Compare banks") == metric
    assert again.get_cell("Conversion", "Compare banks") == metric["value"]
    journey.undo()
    assert journey.evidence("Conversion", "Compare banks") is None
