"""jmwidget.data.counts: rows and the most frequent categories per step, ties in a fixed order."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest

from jmwidget import JourneyError
from jmwidget.data import counts

TICKETS = pd.DataFrame(
    {
        "step": ["Pay"] * 7 + ["Ship"] * 4 + ["Return"],
        "topic": [
            *["refund", "card", "card", "zip code", "3-D Secure", "refund", None],  # Pay
            *["late", "late", "lost", None],  # Ship
            None,  # Return
        ],
    }
)


def top(table: pd.DataFrame) -> dict[str, list[tuple[str, int]]]:
    return {row.step: [(t["category"], t["count"]) for t in row.top] for row in table.itertuples()}


def test_steps_in_order_with_their_rows_and_top_categories() -> None:
    table = counts(TICKETS, step="step", category="topic", top=2)
    assert list(table.columns) == ["step", "count", "top"]
    assert table["step"].tolist() == ["Pay", "Return", "Ship"]
    assert table["count"].tolist() == [7, 1, 4]  # rows with no topic are counted
    assert top(table) == {
        "Pay": [("card", 2), ("refund", 2)],  # a tie at 2: by category, ascending
        "Return": [],  # no topic at all: counted, nothing in top
        "Ship": [("late", 2), ("lost", 1)],
    }


def test_ties_are_ordered_by_category_whatever_the_row_order() -> None:
    expected = [("3-D Secure", 1), ("zip code", 1)]
    for seed in range(5):
        shuffled = TICKETS.sample(frac=1, random_state=seed)
        assert top(counts(shuffled, step="step", category="topic", top=4))["Pay"][2:] == expected


def test_top_larger_than_the_categories_and_top_zero() -> None:
    assert top(counts(TICKETS, step="step", category="topic", top=10))["Ship"] == [("late", 2), ("lost", 1)]
    table = counts(TICKETS, step="step", category="topic", top=0)
    assert table["count"].tolist() == [7, 1, 4]
    assert table["top"].tolist() == [[], [], []]


def test_numeric_steps_and_categories_and_a_missing_step() -> None:
    frame = pd.DataFrame({"step": [2, 1, 1, None], "code": [500, 404, 404, 404]})
    table = counts(frame, step="step", category="code", top=1)
    assert table["count"].tolist() == [2, 1, 1]
    assert [row[0]["category"] for row in table["top"]] == [404, 500, 404]
    assert table["step"].tolist()[:2] == [1.0, 2.0]
    assert pd.isna(table["step"][2])


def test_polars_in_and_polars_out_and_cards_from_the_rows() -> None:
    frame = pl.DataFrame({"step": ["Pay", "Pay", "Pay"], "topic": ["card", "card", "refund"]})
    table = counts(frame.lazy(), step="step", category="topic", backend="polars")
    assert isinstance(table, pl.DataFrame)
    cards = [f"{t['category']} ({t['count']})" for t in table.row(0, named=True)["top"]]
    assert cards == ["card (2)", "refund (1)"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"step": "step", "category": "topic", "top": -1}, "top must be a whole number"),
        ({"step": "step", "category": "topic", "top": 1.5}, "top must be a whole number"),
        ({"step": "", "category": "topic"}, "step must be a column name"),
    ],
)
def test_bad_arguments_are_refused(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(JourneyError, match=message):
        counts(TICKETS, **arguments)  # type: ignore[arg-type]


def test_an_unknown_column_is_named() -> None:
    with pytest.raises(JourneyError, match=r"no column 'topics' \(category=\).*did you mean 'topic'"):
        counts(TICKETS, step="step", category="topics")
