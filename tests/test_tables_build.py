"""from_frame writes the document in one pass: the same map, ids and errors as building it operation by operation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jmwidget import Journey, JourneyError, OperationError
from jmwidget.tables import _from_frame, from_frame


def by_operations(monkeypatch: pytest.MonkeyPatch, frame: Any, **options: Any) -> Journey:
    """The map ``from_frame`` builds operation by operation (its way when the one-pass build refuses)."""

    def refuse(*_: Any) -> Journey:
        raise JourneyError("refused")

    with monkeypatch.context() as patch:
        patch.setattr(_from_frame, "build_journey", refuse)
        return from_frame(frame, **options)


def test_one_pass_gives_the_documents_and_ids_of_the_operations(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = pd.DataFrame(
        {
            "stage": ["Card", None, "Card", "Card 2"],
            "step": ["Card", "Card 2", "card", "Card"],
            "Notes": ["a", None, "  ", "b"],
            "Emotion (Ana)": [1, 2, None, 5],
            "Emotion (Bo)": [None, 3.0, 4, None],
            "Card": ["x; y", "z\nw", None, "v"],
            "Channels": ["Web, App", "App", "", None],
            "Visits": [1, 2.5, None, 4],
        }
    )
    kinds = {"Card": "cards"}
    fast = from_frame(frame, kinds=kinds, title="T")
    slow = by_operations(monkeypatch, frame, kinds=kinds, title="T")
    assert fast.to_dict() == slow.to_dict()
    assert [s.id for s in fast.stages] == ["card", "card-2-3"]
    assert [s.id for s in fast.steps] == ["card-2", "card-2-2", "card-3", "card-4"]
    assert [lane.id for lane in fast.lanes] == ["notes", "emotion", "card-5", "channels", "visits"]
    assert [c["id"] for c in fast.cards("card-5", "card-2")] == ["card-6", "card-7"]  # ids taken by steps skipped
    assert [p.name for p in fast.personas] == ["Ana", "Bo"]


def test_ids_from_the_table_are_kept_and_never_taken_by_a_generated_one() -> None:
    frame = pd.DataFrame(
        {"stage": ["Pay", "Ship"], "stage_id": [None, "pay"], "step": ["Pay", "Go"], "step_id": ["go", "bad id!"]}
    )
    journey = from_frame(frame)  # before: "pay" was generated for the first stage, then refused for the second
    assert [(s.id, [t.id for t in s.steps]) for s in journey.stages] == [("pay-2", ["go"]), ("pay", ["go-2"])]


def test_a_value_the_map_refuses_is_named_by_row_and_column() -> None:
    frame = pd.DataFrame({"stage": ["S", "S"], "step": ["a", "b"], "Notes": ["fine", "x" * 5001]})
    with pytest.raises(OperationError, match=r"from_frame: row 1, column 'Notes': set_cell: .*at most 5000 characters"):
        from_frame(frame)
    named = pd.DataFrame({"stage": ["S"], "step": ["a"], "N" * 201: ["x"]})
    with pytest.raises(OperationError, match=r"add_lane: .*at most 200 characters"):
        from_frame(named)


def test_the_one_pass_build_validates_once_and_has_no_history() -> None:
    journey = from_frame(pd.DataFrame({"stage": ["S"], "step": ["a"], "Emotion": [4]}))
    assert (journey.revision, journey.can_undo) == (0, False)
    assert journey == Journey.from_dict(journey.to_dict())


# ---------------------------------------------------------------- property: any small table, both ways alike

WORDS = st.sampled_from(["Card", "card 2", "Pay", "pay", "Step", "A b", "x", "Émile", "persona", "lane"])
CELLS: dict[str, st.SearchStrategy[Any]] = {
    "text": st.one_of(st.none(), st.sampled_from(["", " ", "note", "Pay", 3.0])),
    "cards": st.one_of(st.none(), st.sampled_from(["a; b", "c", ";", "d\ne; f"])),
    "channels": st.one_of(st.none(), st.sampled_from(["Web", "Web, App", ",", "App, App"])),
    "emotion": st.one_of(st.none(), st.sampled_from([1, 2, 3.0, 4.5, 5])),
    "metric": st.one_of(st.none(), st.integers(-5, 500), st.floats(-1e3, 1e3, allow_nan=False)),
}


@st.composite
def tables(draw: Callable[..., Any]) -> tuple[pd.DataFrame, dict[str, str]]:
    rows = draw(st.integers(1, 6))
    data: dict[str, list[Any]] = {
        "stage": [draw(st.one_of(st.none(), WORDS)) if r else draw(WORDS) for r in range(rows)],
        "step": [draw(WORDS) for _ in range(rows)],
    }
    kinds: dict[str, str] = {}
    for index, kind in enumerate(draw(st.lists(st.sampled_from(list(CELLS)), max_size=5))):
        name = draw(WORDS) + f" {index}" if kind != "emotion" else f"Emotion ({draw(st.sampled_from(['Ana', 'Bo']))})"
        if name in data:
            continue
        data[name] = [draw(CELLS[kind]) for _ in range(rows)]
        kinds[name] = kind
    return pd.DataFrame(data), kinds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables())
def test_one_pass_and_operations_agree_on_any_small_table(
    monkeypatch: pytest.MonkeyPatch, table: tuple[pd.DataFrame, dict[str, str]]
) -> None:
    frame, kinds = table
    fast = from_frame(frame, kinds=kinds, channels=["Web"])
    slow = by_operations(monkeypatch, frame, kinds=kinds, channels=["Web"])
    assert fast.to_dict() == slow.to_dict()
