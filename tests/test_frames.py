"""Journeys as dataframes (pandas and polars) and back: to_pandas/to_polars, from_frame, update_from_frame."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jmwidget import Journey, JourneyError, OperationError
from jmwidget.tables import TIDY_COLUMNS, from_frame, to_pandas, to_polars, update_from_frame

BACKENDS = ["pandas", "polars"]


def make_frame(backend: str, data: dict[str, list[Any]]) -> Any:
    """A native frame of ``backend`` from columns (None means missing)."""
    if backend == "pandas":
        return pd.DataFrame(data)
    return pl.DataFrame(data, strict=False)


def export(journey: Journey, form: str, backend: str) -> Any:
    return to_pandas(journey, form) if backend == "pandas" else to_polars(journey, form)  # type: ignore[arg-type]


def records(frame: Any) -> list[dict[str, Any]]:
    """Rows as dicts with missing values as None, for either backend."""
    if isinstance(frame, pl.DataFrame):
        return frame.to_dicts()
    rows = frame.astype(object).to_dict("records")
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()} for row in rows]


# ---------------------------------------------------------------- to_pandas / to_polars


@pytest.mark.parametrize("backend", BACKENDS)
def test_tidy_has_one_row_per_value_in_map_order(small: Journey, backend: str) -> None:
    frame = export(small, "tidy", backend)
    assert list(frame.columns) == list(TIDY_COLUMNS)
    rows = records(frame)
    assert [(r["lane_id"], r["step_id"], r["persona"]) for r in rows] == [
        ("actions", "see-advert", None),
        ("channels", "compare-banks", None),
        ("channels", "compare-banks", None),
        ("emotion", "see-advert", "Ana"),
        ("emotion", "fill-form", "Ana"),
        ("emotion", "fill-form", "Bo"),
        ("conversion", "fill-form", None),
        ("pains", "fill-form", None),
    ]
    assert [r["value"] for r in rows if r["kind"] == "channels"] == ["Website", "Mobile app"]
    assert [r["number"] for r in rows if r["kind"] in ("emotion", "metric")] == [4.0, 2.0, 1.0, 42.5]
    card = rows[-1]
    assert card["value"] == "Asked for the same address twice"
    assert (card["impact"], card["color"], card["tag"]) == ("work-around", "pink", None)
    assert card["card_id"] == small.cards("pains", "fill-form")[0]["id"]
    assert rows[0]["stage"] == "Discover"
    assert rows[-1]["step_index"] == 2


def test_tidy_value_is_a_number_in_pandas_and_text_in_polars(small: Journey) -> None:
    pandas_values = to_pandas(small)["value"].tolist()
    assert 42.5 in pandas_values
    assert isinstance(pandas_values[3], float)
    polars_frame = to_polars(small)
    assert polars_frame.schema["value"] == pl.String
    assert "42.5" in polars_frame["value"].to_list()
    assert polars_frame.schema["number"] == pl.Float64


@pytest.mark.parametrize("form", ["tidy", "wide"])
def test_empty_map_gives_empty_frames_with_columns_and_dtypes(form: str) -> None:
    journey = Journey("Empty")
    frame = to_pandas(journey, form)  # type: ignore[arg-type]
    assert len(frame) == 0
    assert frame["step_index"].dtype == "int64"
    assert "step_id" in frame.columns
    if form == "tidy":
        assert list(frame.columns) == list(TIDY_COLUMNS)
        assert frame["number"].dtype == "float64"
    polars_frame = to_polars(journey, form)  # type: ignore[arg-type]
    assert polars_frame.height == 0
    assert polars_frame.schema["step_index"] == pl.Int64


def test_empty_lanes_keep_their_wide_dtypes() -> None:
    journey = Journey("No values")
    journey.add_stage("Only", steps=["One"])
    journey.add_lane("Conversion", "metric")
    journey.add_lane("Notes", "text")
    frame = to_pandas(journey, "wide")
    assert frame["Conversion"].dtype == "float64"
    assert frame["Notes"].isna().all()


@pytest.mark.parametrize("backend", BACKENDS)
def test_wide_has_one_row_per_step_and_one_column_per_lane(small: Journey, backend: str) -> None:
    frame = export(small, "wide", backend)
    assert list(frame.columns) == [
        "stage_id",
        "stage",
        "step_id",
        "step",
        "step_index",
        "Actions",
        "Channels",
        "Emotion (Ana)",
        "Emotion (Bo)",
        "Conversion",
        "Pain points",
    ]
    rows = records(frame)
    assert [r["step"] for r in rows] == ["See advert", "Compare banks", "Fill form"]
    assert rows[1]["Channels"] == "Website, Mobile app"
    assert rows[2]["Emotion (Ana)"] == 2.0
    assert rows[2]["Emotion (Bo)"] == 1.0
    assert rows[0]["Emotion (Bo)"] is None
    assert rows[2]["Conversion"] == 42.5
    assert rows[2]["Pain points"] == "Asked for the same address twice"
    assert rows[0]["Conversion"] is None


def test_wide_joins_cards_and_names_single_persona_emotion_by_lane() -> None:
    journey = Journey("One persona")
    journey.add_stage("Stage", steps=["Step"])
    journey.add_lane("Feeling", "emotion")
    journey.add_lane("Ideas", "cards")
    journey.set_cell("Feeling", "Step", 5)
    journey.add_card("Ideas", "Step", "First")
    journey.add_card("Ideas", "Step", "Second")
    frame = to_pandas(journey, "wide")
    assert frame.loc[0, "Feeling"] == 5.0
    assert frame.loc[0, "Ideas"] == "First; Second"


def test_duplicate_lane_names_get_the_lane_id() -> None:
    journey = Journey("Twins")
    journey.add_stage("Stage", steps=["Step"])
    journey.add_lane("Notes", "text", id="notes")
    journey.add_lane("Notes", "text", id="notes-b")
    assert list(to_pandas(journey, "wide").columns)[-2:] == ["Notes", "Notes [notes-b]"]


def test_journey_methods_delegate(small: Journey) -> None:
    assert small.to_pandas("wide").shape == (3, 11)
    rebuilt = Journey.from_pandas(small.to_pandas("wide"))
    assert rebuilt.get_cell("Conversion", "Fill form") == 42.5


# ---------------------------------------------------------------- from_frame


def workshop(backend: str) -> Any:
    return make_frame(
        backend,
        {
            "stage": ["Before", None, "During", "During", "After"],
            "step": ["Hear about it", "Visit site", "Sign up", "Verify email", "First use"],
            "Actions": ["Asks a friend", "Reads pricing", None, "Clicks link", "Creates a project"],
            "Touchpoints": ["Face to face", "Website, Blog", "Website", "Email", "App"],
            "Emotion": [4, 3, 2, 1, 5],
            "Conversion rate": [None, 35.5, 20.0, 18.25, 12.0],
            "Pain points": [None, "Prices hidden\nNo trial", "Long form; Captcha", None, None],
        },
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_from_frame_builds_a_map_from_a_workshop_table(backend: str) -> None:
    journey = from_frame(workshop(backend), title="Signup", persona="Maya")
    assert journey.title == "Signup"
    assert [p.name for p in journey.personas] == ["Maya"]
    assert [(s.name, [t.name for t in s.steps]) for s in journey.stages] == [
        ("Before", ["Hear about it", "Visit site"]),
        ("During", ["Sign up", "Verify email"]),
        ("After", ["First use"]),
    ]
    assert [(lane.name, lane.kind) for lane in journey.lanes] == [
        ("Actions", "text"),
        ("Touchpoints", "channels"),
        ("Emotion", "emotion"),
        ("Conversion rate", "metric"),
        ("Pain points", "cards"),
    ]
    assert journey.get_cell("Actions", "Sign up") is None
    assert journey.get_cell("Touchpoints", "Visit site") == ["Website", "Blog"]
    assert journey.channels == ("Face to face", "Website", "Blog", "Email", "App")
    assert journey.get_cell("Emotion", "Verify email") == 1
    assert type(journey.get_cell("Emotion", "Verify email")) is int
    assert journey.get_cell("Conversion rate", "Verify email") == 18.25
    assert [c["text"] for c in journey.cards("Pain points", "Visit site")] == ["Prices hidden", "No trial"]
    assert [c["text"] for c in journey.cards("Pain points", "Sign up")] == ["Long form", "Captcha"]
    json.dumps(journey.to_dict())  # plain Python values only (no numpy scalars)
    # Written in one pass and validated once: like a loaded map, no undo history to empty it with.
    assert not journey.can_undo
    assert journey.revision == 0


def test_numpy_scalars_become_plain_numbers() -> None:
    frame = pd.DataFrame(
        {
            "stage": ["S", "S"],
            "step": ["A", "B"],
            "Mood": np.array([2, 4], dtype=np.int64),
            "Volume": np.array([10.5, 3], dtype=np.float32),
        }
    )
    journey = from_frame(frame)
    assert type(journey.get_cell("Mood", "A")) is int
    assert type(journey.get_cell("Volume", "A")) is float
    json.dumps(journey.to_dict())
    journey.update_from_pandas(pd.DataFrame({"step": ["B"], "Volume": [np.int64(7)]}))
    assert type(journey.get_cell("Volume", "B")) is int


def test_a_stage_name_that_comes_back_later_makes_a_separate_stage() -> None:
    frame = pd.DataFrame({"stage": ["Use", "Support", "Use"], "step": ["a", "b", "c"]})
    journey = from_frame(frame)
    assert [s.name for s in journey.stages] == ["Use", "Support", "Use"]
    assert len({s.id for s in journey.stages}) == 3


@pytest.mark.parametrize("backend", BACKENDS)
def test_kinds_are_inferred_and_can_be_overridden(backend: str) -> None:
    frame = make_frame(
        backend,
        {
            "stage": ["S", "S", "S"],
            "step": ["a", "b", "c"],
            "Rating": [1, 5, 3],
            "Visits": [1, 2, 3],
            "Minutes": [1.5, 2.0, 3.0],
            "Spend": [120, 80, 9],
            "Notes": ["x", "y", None],
        },
    )
    kinds = {lane.name: lane.kind for lane in from_frame(frame).lanes}
    assert kinds == {"Rating": "emotion", "Visits": "metric", "Minutes": "metric", "Spend": "metric", "Notes": "text"}
    overridden = from_frame(frame, kinds={"Rating": "metric", "Notes": "cards"})
    assert overridden.lane("Rating").kind == "metric"
    assert overridden.lane("Notes").kind == "cards"


def test_lanes_picks_and_renames_columns() -> None:
    journey = from_frame(workshop("pandas"), lanes={"Emotion": "Sentiment", "Actions": "Doing"})
    assert [(lane.name, lane.kind) for lane in journey.lanes] == [("Sentiment", "emotion"), ("Doing", "text")]


def test_emotion_columns_per_persona_make_one_lane() -> None:
    frame = pd.DataFrame({"stage": ["S", "S"], "step": ["a", "b"], "Emotion (Ana)": [1, 2], "Emotion (Bo)": [None, 5]})
    journey = from_frame(frame)
    assert [p.name for p in journey.personas] == ["Ana", "Bo"]
    assert [lane.name for lane in journey.lanes] == ["Emotion"]
    assert journey.get_cell("Emotion", "b", persona="Bo") == 5
    assert journey.get_cell("Emotion", "a", persona="Bo") is None


def test_other_emotion_scales() -> None:
    frame = pd.DataFrame({"stage": ["S", "S"], "step": ["a", "b"], "Emotion": [-2, 2]})
    with pytest.raises(OperationError, match=r"row 0, column 'Emotion'.*1-5.*emotion_scale"):
        from_frame(frame)
    journey = from_frame(frame, emotion_scale=(-2, 2, 0))
    assert journey.get_cell("Emotion", "a") == -2


@pytest.mark.parametrize("backend", BACKENDS)
def test_from_frame_errors_name_the_row_and_column(backend: str) -> None:
    with pytest.raises(JourneyError, match=r"no stage column 'phase'.*'stage'"):
        from_frame(workshop(backend), stage="phase")
    bad = make_frame(backend, {"stage": ["S", "S"], "step": ["a", "b"], "Emotion": [3, 9]})
    with pytest.raises(ValueError, match=r"row 1, column 'Emotion': emotion values are numbers 1-5, got 9"):
        from_frame(bad)
    no_step = make_frame(backend, {"stage": ["S", "S"], "step": ["a", None]})
    with pytest.raises(JourneyError, match=r"row 1, column 'step'"):
        from_frame(no_step)
    no_stage = make_frame(backend, {"stage": [None, "S"], "step": ["a", "b"]})
    with pytest.raises(JourneyError, match=r"row 0, column 'stage'"):
        from_frame(no_stage)
    with pytest.raises(JourneyError, match="'Nope'"):
        from_frame(workshop(backend), kinds={"Nope": "text"})
    with pytest.raises(JourneyError, match="kinds must be one of"):
        from_frame(workshop(backend), kinds={"Emotion": "mood"})


def test_a_stage_in_the_index_gets_a_hint() -> None:
    frame = pd.DataFrame({"stage": ["S"], "step": ["a"]}).set_index("stage")
    with pytest.raises(JourneyError, match="reset_index"):
        from_frame(frame)


def test_not_a_frame() -> None:
    with pytest.raises(JourneyError, match="takes a dataframe"):
        from_frame([{"stage": "S", "step": "a"}])


@pytest.mark.parametrize("backend", BACKENDS)
def test_wide_round_trip_keeps_ids_and_values(small: Journey, backend: str) -> None:
    rebuilt = from_frame(export(small, "wide", backend))
    assert [(s.id, s.name, s.steps) for s in rebuilt.stages] == [(s.id, s.name, s.steps) for s in small.stages]
    assert [(lane.name, lane.kind) for lane in rebuilt.lanes] == [(lane.name, lane.kind) for lane in small.lanes]
    assert rebuilt.get_cell("Emotion", "fill-form", persona="Bo") == 1
    assert rebuilt.get_cell("Channels", "compare-banks") == ["Website", "Mobile app"]
    assert [c["text"] for c in rebuilt.cards("Pain points", "fill-form")] == ["Asked for the same address twice"]


# ---------------------------------------------------------------- update_from_frame


@pytest.mark.parametrize("backend", BACKENDS)
def test_update_sets_values_by_step_name_or_id_and_skips_missing(small: Journey, backend: str) -> None:
    frame = make_frame(
        backend,
        {
            "step": ["See advert", "fill-form"],
            "conversion": [10.0, None],
            "Actions": [None, "Types her address"],
            "Emotion (Bo)": [3, None],
            "Channels": ["Branch, Website", None],
        },
    )
    update_from_frame(small, frame)
    assert small.get_cell("conversion", "see-advert") == 10.0
    assert small.get_cell("conversion", "fill-form") == 42.5  # missing: kept, not cleared
    assert small.get_cell("actions", "fill-form") == "Types her address"
    assert small.get_cell("actions", "see-advert") == "Notices a bus stop poster"
    assert small.get_cell("emotion", "see-advert", persona="Bo") == 3
    assert small.get_cell("emotion", "see-advert") == 4
    assert small.get_cell("channels", "see-advert") == ["Branch", "Website"]


def test_update_is_one_undo_step_and_one_change(small: Journey) -> None:
    changes: list[Any] = []
    small.observe(changes.append)
    before = small.to_dict()
    update_from_frame(small, pd.DataFrame({"step": ["see-advert", "compare-banks"], "Conversion": [1.0, 2.0]}))
    assert len(changes) == 1
    small.undo()
    assert small.to_dict() == before


def test_update_reports_every_unknown_step_and_lane_and_applies_nothing(small: Journey) -> None:
    revision = small.revision
    frame = pd.DataFrame(
        {
            "step": ["See advert", "Nowhere", "Elsewhere"],
            "Conversion": [1.0, 2.0, 3.0],
            "Mood": [1, 2, 3],
            "X": [1, 2, 3],
        }
    )
    with pytest.raises(OperationError) as info:
        update_from_frame(small, frame)
    message = str(info.value)
    for name in ("'Nowhere' (row 1)", "'Elsewhere' (row 2)", "'Mood'", "'X'", "nothing was applied"):
        assert name in message
    assert small.revision == revision


@pytest.mark.parametrize("backend", BACKENDS)
def test_update_value_errors_name_row_and_column_and_apply_nothing(small: Journey, backend: str) -> None:
    before = small.to_dict()
    frame = make_frame(
        backend,
        {
            "step": ["see-advert", "compare-banks", "fill-form"],
            "Conversion": [5.0, 6.0, 7.0],
            "Emotion (Ana)": [3, 9, 0],
        },
    )
    with pytest.raises(OperationError) as info:
        update_from_frame(small, frame)
    message = str(info.value)
    assert "2 bad values" in message
    assert "row 1, column 'Emotion (Ana)'" in message
    assert "row 2, column 'Emotion (Ana)'" in message
    assert "takes numbers 1-5, got number 9" in message
    assert small.to_dict() == before
    assert not small.can_redo


def test_update_metric_with_text_is_an_error(small: Journey) -> None:
    with pytest.raises(OperationError, match=r"row 0, column 'Conversion'.*takes numbers"):
        update_from_frame(small, pd.DataFrame({"step": ["fill-form"], "Conversion": ["lots"]}))


def test_update_replaces_cards_one_per_line(small: Journey) -> None:
    (card,) = small.cards("pains", "fill-form")
    frame = pd.DataFrame(
        {"step": ["fill-form", "see-advert"], "Pain points": [card["text"], "Too small\nHard to read"]}
    )
    update_from_frame(small, frame)
    assert small.cards("pains", "fill-form") == [card]  # same text: card kept with its colour and impact
    assert [c["text"] for c in small.cards("pains", "see-advert")] == ["Too small", "Hard to read"]
    update_from_frame(small, pd.DataFrame({"step": ["fill-form"], "Pain points": ["Other"]}))
    assert [c["text"] for c in small.cards("pains", "fill-form")] == ["Other"]


def test_update_keys_on_step_id_column_and_honours_persona_and_lanes(small: Journey) -> None:
    frame = pd.DataFrame({"step_id": ["see-advert"], "Feeling": [2], "Ignored": ["x"]})
    update_from_frame(small, frame, lanes={"Feeling": "Emotion"}, persona="Bo")
    assert small.get_cell("emotion", "see-advert", persona="Bo") == 2
    with pytest.raises(JourneyError, match="no step column 'key'"):
        update_from_frame(small, frame, step="key")


def test_update_from_the_wide_form_restores_values(small: Journey) -> None:
    target = small.copy()
    for lane in target.lanes:
        target.delete_lane(lane.id)
    for lane in small.lanes:
        target.add_lane(lane.name, lane.kind, id=lane.id)
    update_from_frame(target, to_pandas(small, "wide"))
    assert to_pandas(target, "wide").equals(to_pandas(small, "wide"))


# ---------------------------------------------------------------- round trip property

NAMES = st.text(alphabet="abcdefghij XYZ", min_size=1, max_size=8).filter(lambda s: s.strip() == s and s)
TEXTS = st.text(alphabet="abc xyz,.!?-é", min_size=1, max_size=12).filter(lambda s: s.strip() != "")
METRICS = st.one_of(st.integers(-1000, 100_000), st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False))
EMOTIONS = st.sampled_from([1, 2, 3, 4, 5, 2.5])
LANES = [("Actions", "text"), ("Thoughts", "text"), ("Conversion rate", "metric"), ("Time on step", "metric")]


@st.composite
def journeys(draw: Callable[..., Any]) -> Journey:
    personas = draw(st.sampled_from([["Customer"], ["Ana", "Bo"]]))
    journey = Journey("Random", persona=personas[0])
    for name in personas[1:]:
        journey.add_persona(name)
    for _ in range(draw(st.integers(1, 3))):
        journey.add_stage(draw(NAMES), steps=draw(st.lists(NAMES, min_size=1, max_size=3)))
    lanes = draw(st.lists(st.sampled_from(LANES), unique=True, max_size=4))
    if draw(st.booleans()):
        lanes.insert(draw(st.integers(0, len(lanes))), ("Emotion", "emotion"))
    for name, kind in lanes:
        lane_id = journey.add_lane(name, kind)
        for step in journey.steps:
            if kind == "emotion":
                for persona in journey.personas:
                    value = draw(st.one_of(st.none(), EMOTIONS))
                    if value is not None:
                        journey.set_cell(lane_id, step.id, value, persona=persona.id)
                continue
            value = draw(st.one_of(st.none(), TEXTS if kind == "text" else METRICS))
            if value is not None:
                journey.set_cell(lane_id, step.id, value)
    return journey


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(journey=journeys())
def test_wide_round_trip_property(journey: Journey, backend: str) -> None:
    persona = journey.personas[0].name
    rebuilt = from_frame(export(journey, "wide", backend), persona=persona)
    assert [(s.name, [t.name for t in s.steps]) for s in rebuilt.stages] == [
        (s.name, [t.name for t in s.steps]) for s in journey.stages
    ]
    assert [(lane.name, lane.kind) for lane in rebuilt.lanes] == [(lane.name, lane.kind) for lane in journey.lanes]
    if any(lane.kind == "emotion" for lane in journey.lanes):  # personas live in emotion columns only
        assert [p.name for p in rebuilt.personas] == [p.name for p in journey.personas]
    for lane in journey.lanes:
        for old, new in zip(journey.steps, rebuilt.steps, strict=True):
            for persona_old, persona_new in zip(journey.personas, rebuilt.personas, strict=False):
                if lane.kind != "emotion" and persona_old != journey.personas[0]:
                    continue
                kwargs_old = {"persona": persona_old.id} if lane.kind == "emotion" else {}
                kwargs_new = {"persona": persona_new.id} if lane.kind == "emotion" else {}
                assert rebuilt.get_cell(lane.name, new.id, **kwargs_new) == journey.get_cell(
                    lane.id, old.id, **kwargs_old
                )
