"""Money amounts and durations: one formatting rule for the widget (js/src/model/format.ts), the SVG and the charts."""

from __future__ import annotations

from pathlib import Path

import pytest

from jmwidget.model.formatting import format_amount, format_cost, format_duration
from jmwidget.pictures._blueprint_marks import annotation_labels

from .run_ts import run_format_ts

AMOUNTS = [0, 0.4, 1.9, 2.345, 2.5, 12, 999.995, 1234.5, 12000, 1e6 + 0.1]
DURATIONS = [(12, "minutes"), (1.5, "hours"), (1, "days"), (95, "seconds"), (0.125, "hours"), (1500, "minutes")]


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (1.9, "EUR", "1.90 EUR"),
        (0.4, "EUR", "0.40 EUR"),
        (12, "EUR", "12 EUR"),
        (1234.5, "GBP", "1,234.50 GBP"),
        (12000, "", "12,000"),
    ],
)
def test_costs_show_two_decimals_unless_whole(amount: float, currency: str, shown: str) -> None:
    assert format_cost(amount, currency) == shown


@pytest.mark.parametrize("amount", AMOUNTS)
def test_the_svg_marks_use_the_same_rule(amount: float) -> None:
    labels = dict(annotation_labels({"cost": {"amount": amount, "currency": "EUR"}}))
    assert labels["note"] == f"Cost: {format_cost(amount, 'EUR')}"


@pytest.mark.parametrize(
    ("value", "unit", "shown"), [(12, "minutes", "12 min"), (1.5, "hours", "1.5 h"), (2, "days", "2 d")]
)
def test_durations_read_as_in_the_widget(value: float, unit: str, shown: str) -> None:
    assert format_duration(value, unit) == shown
    labels = dict(annotation_labels({"duration": {"value": value, "unit": unit}}))
    assert labels["note"] == f"Time: {shown}"


def test_amounts_and_durations_match_the_front_end(tmp_path: Path) -> None:
    amounts, costs, durations = run_format_ts(
        tmp_path,
        ["formatAmount", "formatCost", "formatDuration"],
        "[amounts.map((a) => formatAmount(a)), amounts.map((a) => formatCost(a, 'EUR')),"
        " durations.map(([v, u]) => formatDuration(v, u))]",
        amounts=AMOUNTS,
        durations=DURATIONS,
    )
    assert amounts == [format_amount(a) for a in AMOUNTS]
    assert costs == [format_cost(a, "EUR") for a in AMOUNTS]
    assert durations == [format_duration(v, u) for v, u in DURATIONS]
