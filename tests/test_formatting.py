"""Money amounts and durations: one formatting rule for the widget (js/src/model/format.ts), the SVG and the charts."""

from __future__ import annotations

from pathlib import Path

import pytest

from jmwidget.model.formatting import (
    emotion_evidence_text,
    format_amount,
    format_cost,
    format_duration,
    metric_evidence_text,
)
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


EVIDENCE = [
    {"value": 2.1, "n": 412, "low": 1.8, "high": 2.4},
    {"value": 3},
    {"value": 2.345, "n": 1500, "sd": 0.456},
    {"value": 4, "low": 3.5},
    {"value": 1, "high": 1.25, "n": 0},
    {"value": 1234.5, "n": 12, "sd": 99.95, "low": 999.5, "high": 1500},
    {"value": -3.125, "sd": 0, "low": -4.5, "high": -2},
]
METRIC_FORMATS = [
    (None, None),
    ("percent", "%"),
    ("count", "visits"),
    ("seconds", None),
    ("currency", "EUR"),
    ("score", "/10"),
]


def test_evidence_reads_the_same_in_python_and_in_the_widget(tmp_path: Path) -> None:
    emotion, metric = run_format_ts(
        tmp_path,
        ["emotionEvidenceText", "metricEvidenceText"],
        "[evidence.map((e) => emotionEvidenceText(e)),"
        " formats.map(([f, u]) => evidence.map((e) => metricEvidenceText(e, f ?? undefined, u ?? undefined)))]",
        evidence=EVIDENCE,
        formats=METRIC_FORMATS,
    )
    assert emotion == [emotion_evidence_text(e) for e in EVIDENCE]
    assert metric == [[metric_evidence_text(e, f, u) for e in EVIDENCE] for f, u in METRIC_FORMATS]
    assert emotion[0] == "2.1 (n = 412, 1.8 to 2.4)"
    assert metric[1][0] == "2.1% (n = 412, 1.8% to 2.4%)"
    assert metric[2][5] == "1,235 visits (n = 12, sd = 100 visits, 1,000 visits to 1,500 visits)"
