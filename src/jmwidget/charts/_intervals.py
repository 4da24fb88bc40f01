"""Evidence in the charts: the fields a record of a value with evidence carries, and the layers
that draw its low..high interval (a rule with end ticks) and its small-n points.

Records only carry the fields that are given (``n``, ``sd``, ``low``, ``high``, the ``evidence``
text for tooltips, ``uncertain`` when n is small), so a tooltip leaves out what a value lacks and a
map without evidence draws exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import altair as alt

from ..model import evidence_of, has_evidence, is_small_n
from ..model.formatting import display_text

#: Columns the evidence adds to a record, in order.
EVIDENCE_COLUMNS = ("n", "sd", "low", "high")
#: An interval's end is its low (high) when given, else the value itself.
LOW_END = "isValid(datum.low) ? datum.low : datum.value"
HIGH_END = "isValid(datum.high) ? datum.high : datum.value"


def evidence_fields(entry: Any, detail: Callable[[Mapping[str, Any]], str]) -> dict[str, Any]:
    """What a chart record gains from a value's evidence: the fields given, the ``evidence`` text
    (``detail`` formats it, e.g. ``"n = 412, 1.8 to 2.4"``) and ``uncertain`` for a small n."""
    evidence = evidence_of(entry)
    if evidence is None or not has_evidence(evidence):
        return {}
    fields: dict[str, Any] = {key: float(evidence[key]) for key in EVIDENCE_COLUMNS if key in evidence}
    fields["evidence"] = display_text(detail(evidence))
    if is_small_n(evidence):
        fields["uncertain"] = True
    return fields


def has_intervals(records: list[dict[str, Any]]) -> bool:
    return any("low" in r or "high" in r for r in records)


def evidence_tooltip(records: list[dict[str, Any]]) -> list[alt.Tooltip]:
    """A tooltip line with the evidence text, when any record has evidence."""
    return [alt.Tooltip("evidence:N", title="Evidence")] if any("evidence" in r for r in records) else []


def interval_layers(base: alt.Chart, scale: alt.Scale, title: str, **encoding: Any) -> list[alt.Chart]:
    """Each record's low..high interval on ``base`` (on the y ``scale``, whose axis is ``title``): a
    rule from end to end and a tick at each end given."""
    ends = base.transform_filter("isValid(datum.low) || isValid(datum.high)").transform_calculate(
        low_end=LOW_END, high_end=HIGH_END
    )
    rule = ends.mark_rule(strokeWidth=1.5, opacity=0.8).encode(
        y=alt.Y("low_end:Q", scale=scale, title=title), y2=alt.Y2("high_end:Q"), **encoding
    )
    ticks = [
        base.transform_filter(f"isValid(datum.{end})")
        .mark_tick(thickness=1.5, size=10, opacity=0.8)
        .encode(y=alt.Y(f"{end}:Q", scale=scale, title=title), **encoding)
        for end in ("low", "high")
    ]
    return [rule, *ticks]


__all__ = ["EVIDENCE_COLUMNS", "evidence_fields", "evidence_tooltip", "has_intervals", "interval_layers"]
