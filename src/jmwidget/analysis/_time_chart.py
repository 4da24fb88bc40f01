"""The chart of :func:`time_chart`: per step (or stage), bars of the customer's time beside the
organisation's work, stacked by zone, with a "wait" label over steps with a wait point.

Imported on the first :func:`time_chart` call, so the rest of the analysis needs no Altair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import altair as alt

from .._vega import vega_literal
from ..model.formatting import display_text
from ._timing import SIDE_NAMES, SIDES, ZONE_COLORS, By

if TYPE_CHECKING:
    import pandas as pd

    from ..model import Journey


def time_bars(journey: Journey, frame: pd.DataFrame, *, by: By, unit: str, selected_step: str | None) -> alt.LayerChart:
    """The chart of ``frame`` (:func:`time_and_cost` of ``journey`` per ``by``, in ``unit``)."""
    key = "step_id" if by == "step" else "stage_id"
    name = "step" if by == "step" else "stage"
    data = alt.InlineData(values=_side_records(frame, key, name))
    x = _place_axis(frame, key, name)
    side = alt.XOffset("side:N", sort=["Customer", "Organisation"])
    step, selected = _step_params(journey, selected_step)
    opacity: Any = alt.value(1)
    if by == "step":
        opacity = alt.condition(
            f"{selected.name} == '' || datum.step_id == {selected.name}", alt.value(1), alt.value(0.35)
        )
    bars = _bars(data, x, side, opacity, name, unit)
    if by == "step":
        bars = bars.add_params(step, selected)
    title = f"Time per {name}: the customer's time and the organisation's work ({unit})"
    return alt.LayerChart(layer=[bars, _wait_labels(data, x, side, name)], title=title, height=220)


def _side_records(frame: pd.DataFrame, key: str, name: str) -> list[dict[str, Any]]:
    """One record per row of ``frame`` and side (customer, frontstage, backstage, support)."""
    records = []
    for row in frame.to_dict("records"):
        for s in SIDES:
            records.append(
                {
                    key: row[key],
                    name: display_text(row[name]),
                    "side": "Customer" if s == "customer" else "Organisation",
                    "zone": SIDE_NAMES[s],
                    "time": row[f"{s}_time"],
                    "waits": row["waits"],
                    "wait_notes": display_text(row["wait_notes"]) if isinstance(row["wait_notes"], str) else "",
                }
            )
    return records


def _place_axis(frame: pd.DataFrame, key: str, name: str) -> alt.X:
    """The steps (or stages) along x in map order, labelled with their names."""
    names = {k: display_text(v) for k, v in zip(frame[key], frame[name], strict=True)}
    return alt.X(
        f"{key}:N",
        sort=list(frame[key]),
        title=name.capitalize(),
        axis=alt.Axis(labelAngle=-30, labelLimit=160, labelExpr=f"{vega_literal(names)}[datum.value]"),
    )


def _step_params(journey: Journey, selected_step: str | None) -> tuple[Any, Any]:
    """The ``step`` click selection and the ``selected_step`` variable of :mod:`jmwidget.charts`."""
    step = alt.selection_point(name="step", fields=["step_id"], on="click", clear="dblclick")
    chosen = journey.step_id(selected_step) if selected_step else ""
    selected = alt.param(name="selected_step", value=chosen)
    return step, selected


def _bars(data: Any, x: alt.X, side: Any, opacity: Any, name: str, unit: str) -> alt.Chart:
    """The time bars, stacked by zone, the customer's beside the organisation's."""
    bars: alt.Chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            xOffset=side,
            y=alt.Y("sum(time):Q", title=f"Time ({unit})"),
            color=alt.Color(
                "zone:N",
                title="Time of",
                scale=alt.Scale(domain=[SIDE_NAMES[s] for s in SIDES], range=list(ZONE_COLORS)),
            ),
            opacity=opacity,
            tooltip=[
                alt.Tooltip(f"{name}:N"),
                alt.Tooltip("zone:N", title="time of"),
                alt.Tooltip("time:Q", title=unit, format=",.1f"),
                alt.Tooltip("wait_notes:N", title="waits"),
            ],
        )
    )
    return bars


def _wait_labels(data: Any, x: alt.X, side: Any, name: str) -> alt.Chart:
    """A "wait" label over the customer's bar of each step (or stage) with a wait point."""
    waits: alt.Chart = (
        alt.Chart(data)
        .transform_filter("datum.waits > 0 && datum.zone == 'Customer'")
        .mark_text(dy=-8, fontWeight="bold")
        .encode(
            x=x,
            xOffset=side,
            y=alt.Y("time:Q"),
            text=alt.value("wait"),
            tooltip=[alt.Tooltip(f"{name}:N"), alt.Tooltip("wait_notes:N", title="waits")],
        )
    )
    return waits


__all__ = ["time_bars"]
