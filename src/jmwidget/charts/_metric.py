"""The metric chart: one bar per step with a value, labelled with it; error bars for the evidence."""

from __future__ import annotations

from typing import Any, cast

import altair as alt

from ..model import Journey, JourneyError, Lane, cell_number
from ..model.formatting import display_text, format_metric, metric_evidence_detail
from ._charts import STEP_WIDTH, _data, _params, _stage_layers, _steps, _x, title_text
from ._intervals import evidence_fields, evidence_tooltip, has_intervals, interval_layers


def _axis_title(lane: Lane) -> str:
    unit = lane.unit or {"percent": "%", "seconds": "s"}.get(lane.format or "", "")
    return title_text(f"{lane.name} ({unit})" if unit else lane.name)


def _metric_records(journey: Journey, lane: Lane) -> list[dict[str, Any]]:
    """One record per step with a value: its number, label and (where given) evidence."""
    cells: dict[str, Any] = journey.document["cells"].get(lane.id, {})  # read-only

    def detail(evidence: Any) -> str:
        return metric_evidence_detail(evidence, lane.format, lane.unit)

    records = []
    for step in _steps(journey):
        value = cell_number(cells.get(step["step_id"]))
        if value is None:
            continue
        records.append(
            {
                **step,
                "value": float(value),
                "label": display_text(format_metric(float(value), lane.format, lane.unit)),
                **evidence_fields(cells[step["step_id"]], detail),
            }
        )
    return records


def _y_scale(records: list[dict[str, Any]]) -> alt.Scale:
    """From 0 (or below) to the largest value or interval end, with head room for the value labels
    and the stage names."""
    values = [r["value"] for r in records] + [r[k] for r in records for k in ("low", "high") if k in r]
    top = max([*values, 0.0]) * 1.25 or 1.0
    bottom = min([*values, 0.0]) * 1.25
    return alt.Scale(domain=[bottom, top], nice=True)


def metric(
    journey: Journey,
    lane: str,
    *,
    width: int | None = None,
    height: int = 200,
    selected_step: str | None = None,
) -> alt.LayerChart:
    """A metric lane across the steps: one bar per step with a value, labelled with the value.

    The y axis title carries the unit (``"Conversion (%)"``); labels and tooltips show the value
    as the widget and the SVG do (:func:`jmwidget.model.formatting.format_metric`: percent values are
    percentage points, 42.5 -> "42.5%"; currency has two decimals, "12.50 EUR"). A value with
    evidence gets an error bar for its low..high interval (a rule and end ticks; the label sits
    above it) and an "Evidence" line in the tooltip ("n = 300, 40% to 45%").
    Stage bands, the ``step`` selection and the ``selected_step`` highlight are as in
    :func:`emotion`. Raises :class:`JourneyError` when ``lane`` is not a metric lane.
    """
    found = journey.lane(lane)
    if found.kind != "metric":
        raise JourneyError(f"lane {found.name!r} is a {found.kind} lane; metric charts need a metric lane")
    steps = _steps(journey)
    records = _metric_records(journey, found)
    x = _x(journey, steps)
    step_param, selected = _params(journey, selected_step)
    scale = _y_scale(records)
    base = alt.Chart(_data(records)).encode(
        x=x,
        y=alt.Y("value:Q", title=_axis_title(found), scale=scale),
        tooltip=[
            alt.Tooltip("stage:N", title="Stage"),
            alt.Tooltip("step:N", title="Step"),
            alt.Tooltip("label:N", title=title_text(found.name)),
            *evidence_tooltip(records),
        ],
    )
    color = "#2563eb" if found.higher_is_better is not False else "#ea580c"
    bars = base.mark_bar(width={"band": 0.6}, color=color)
    text = base.mark_text(dy=-6, baseline="bottom", fontSize=10).encode(text="label:N")
    intervals: list[alt.Chart] = []
    if has_intervals(records):
        intervals = interval_layers(base, scale, _axis_title(found), color=alt.value("#374151"))
        text = (
            base.transform_calculate(label_at="isValid(datum.high) ? max(datum.high, datum.value) : datum.value")
            .mark_text(dy=-6, baseline="bottom", fontSize=10)
            .encode(y=alt.Y("label_at:Q", scale=scale, title=_axis_title(found)), text="label:N")
        )
    chart = alt.layer(
        *_stage_layers(journey, steps, x, step_param, selected),
        bars,
        *intervals,
        text,
        width=alt.Step(STEP_WIDTH) if width is None else width,
        height=height,
        title=title_text(found.name),
    )
    return cast("alt.LayerChart", chart.add_params(selected))


__all__ = ["metric"]
