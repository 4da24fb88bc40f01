"""Altair charts of a journey: the emotional arc and metric lanes, step by step.

The functions return ordinary ``alt.LayerChart`` objects: compose them (``&``, ``|``), change
their properties, or save them like any Altair chart.

Every chart has the steps on an ordinal x axis in map order (the field ``step_id``, labelled
with the step names), shaded stage bands with the stage names behind the data, and two
parameters for dashboards:

* ``step``: a click selection on the field ``step_id`` (``alt.selection_point(name="step",
  fields=["step_id"], on="click")``): clicking anywhere in a step's column selects that step;
* ``selected_step``: a variable holding a step id (``""`` for none); the step's column is
  highlighted. :func:`jmwidget.dashboard` sets it when the map's selection changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import altair as alt

from .._vega import vega_literal
from ..model import Journey, JourneyError, Lane, cell_number
from ..model.formatting import display_text, emotion_evidence_detail, emotion_ticks
from ._intervals import EVIDENCE_COLUMNS, evidence_fields, evidence_tooltip, has_intervals, interval_layers

if TYPE_CHECKING:
    import pandas as pd

STEP_WIDTH = 90
BAND_COLORS = ("#f3f4f6", "#e5e7eb")
HIGHLIGHT_COLOR = "#fde68a"
SHAPES = {"peak": "triangle-up", "trough": "triangle-down"}
EMOTION_COLUMNS = (
    "stage_id",
    "stage",
    "stage_index",
    "step_id",
    "step",
    "step_index",
    "persona_id",
    "persona",
    "value",
    "feature",
    *EVIDENCE_COLUMNS,
)


def title_text(text: object) -> str:
    """Chart text on one line, for titles (axes, tooltips, the chart): Vega-Lite writes field titles
    into expressions (tooltips, the marks' descriptions), where a line break (``\r`` in a pasted lane
    name) stopped the chart compiling."""
    return " ".join(display_text(text).splitlines())


# ---------------------------------------------------------------- data


def _emotion_lane(journey: Journey, lane: str | None) -> Lane:
    if lane is not None:
        found = journey.lane(lane)
        if found.kind != "emotion":
            raise JourneyError(f"lane {found.name!r} is a {found.kind} lane, not an emotion lane")
        return found
    for candidate in journey.lanes:
        if candidate.kind == "emotion":
            return candidate
    raise JourneyError(
        f"the map {journey.title!r} has no emotion lane to chart; add one with journey.add_lane('Emotion', 'emotion')"
    )


def features(values: Sequence[float]) -> list[str]:
    """``"peak"``, ``"trough"`` or ``""`` for each value of one curve.

    A point is a **peak** when it is strictly higher than each of its neighbours and a
    **trough** when strictly lower; the first and last points have one neighbour. A curve of
    one point has no features, and a plateau (equal neighbours) is neither.

    >>> features([3, 4, 2, 2, 5])
    ['trough', 'peak', '', '', 'peak']
    >>> features([3, 4, 2, 3])
    ['trough', 'peak', 'trough', 'peak']
    """
    out: list[str] = []
    for i, value in enumerate(values):
        neighbours = [values[j] for j in (i - 1, i + 1) if 0 <= j < len(values)]
        if neighbours and all(value > n for n in neighbours):
            out.append("peak")
        elif neighbours and all(value < n for n in neighbours):
            out.append("trough")
        else:
            out.append("")
    return out


def _steps(journey: Journey) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for stage_index, stage in enumerate(journey.stages):
        for step in stage.steps:
            rows.append(
                {
                    "stage_id": stage.id,
                    "stage": display_text(stage.name),
                    "stage_index": stage_index,
                    "step_id": step.id,
                    "step": display_text(step.name),
                    "step_index": len(rows),
                }
            )
    return rows


def _emotion_records(journey: Journey, lane: Lane) -> list[dict[str, Any]]:
    cells: dict[str, Any] = journey.document["cells"].get(lane.id, {})  # read-only
    steps = _steps(journey)
    records: list[dict[str, Any]] = []
    for persona in journey.personas:
        curve = [
            {
                **step,
                "persona_id": persona.id,
                "persona": display_text(persona.name),
                "value": float(cell_number(entry) or 0.0),
                **evidence_fields(entry, emotion_evidence_detail),
            }
            for step in steps
            for entry in [cells.get(step["step_id"], {}).get(persona.id)]
            if cell_number(entry) is not None
        ]
        for record, feature in zip(curve, features([r["value"] for r in curve]), strict=True):
            record["feature"] = feature
        _number_segments(curve)
        records += curve
    records.sort(key=lambda r: r["step_index"])  # map order; personas in order within a step
    return records


def _number_segments(curve: list[dict[str, Any]]) -> None:
    """Give one persona's records a ``segment``: a step without a value between two records starts a
    new one, so the line breaks there instead of joining across the gap."""
    segment = 0
    for previous, record in zip([None, *curve], curve, strict=False):
        if previous is not None and record["step_index"] != previous["step_index"] + 1:
            segment += 1
        record["segment"] = segment


def emotion_data(journey: Journey, *, lane: str | None = None) -> pd.DataFrame:
    """The data of :func:`emotion`: one row per step and persona with a value, in map order.

    Columns: ``stage_id, stage, stage_index, step_id, step, step_index, persona_id, persona,
    value, feature, n, sd, low, high``. ``value`` is the number (for a value with evidence, its
    ``value``); ``feature`` is ``"peak"``, ``"trough"`` or ``""``, computed per persona over the
    steps that have a value (steps without one are skipped, so a neighbour is the nearest step
    with a value); see :func:`features` for the rule. ``n`` (nullable integer), ``sd``, ``low``
    and ``high`` hold the evidence behind the value, missing (``<NA>``, NaN) where none is given.
    """
    import pandas as pd

    records = _emotion_records(journey, _emotion_lane(journey, lane))
    frame = pd.DataFrame.from_records(records, columns=list(EMOTION_COLUMNS))
    return frame.astype(
        {
            "stage_index": "int64",
            "step_index": "int64",
            "value": "float64",
            "n": "Int64",
            "sd": "float64",
            "low": "float64",
            "high": "float64",
        },
    )


# ---------------------------------------------------------------- shared layers


def _data(values: list[dict[str, Any]]) -> Any:
    """Inline data (kept in the spec, so charts are self-contained and easy to inspect)."""
    return alt.InlineData(values=values)


def _x(journey: Journey, steps: list[dict[str, Any]]) -> alt.X:
    ids = [s["step_id"] for s in steps]
    names = {s["step_id"]: s["step"] for s in steps}
    return alt.X(
        "step_id:O",
        sort=ids,
        scale=alt.Scale(domain=ids, paddingInner=0, paddingOuter=0),
        axis=alt.Axis(
            title=None,
            labelExpr=f"{vega_literal(names)}[datum.value]",
            labelAngle=0,
            labelLimit=STEP_WIDTH - 6,
        ),
    )


def _params(journey: Journey, selected_step: str | None) -> tuple[Any, Any]:
    step = alt.selection_point(name="step", fields=["step_id"], on="click", clear="dblclick")
    if selected_step is not None:
        selected_step = journey.step_id(selected_step)
    selected = alt.param(name="selected_step", value=selected_step or "")
    return step, selected


def _stage_layers(
    journey: Journey, steps: list[dict[str, Any]], x: alt.X, step_param: Any, selected: Any
) -> list[alt.Chart]:
    """Stage bands (one rect per step, coloured by stage, holding the ``step`` selection) and labels."""
    bands = (
        alt.Chart(_data(steps))
        .mark_rect()
        .encode(
            x=x,
            fill=alt.condition(
                f"datum.step_id == {selected.name}",
                alt.value(HIGHLIGHT_COLOR),
                alt.Fill(
                    "stage_index:O",
                    scale=alt.Scale(range=list(BAND_COLORS)),
                    legend=None,
                ),
            ),
            tooltip=[alt.Tooltip("stage:N", title="Stage"), alt.Tooltip("step:N", title="Step")],
        )
        .add_params(step_param)
    )
    stage_rows: list[dict[str, Any]] = []
    for row in steps:
        if not stage_rows or stage_rows[-1]["stage_id"] != row["stage_id"]:
            stage_rows.append({"stage_id": row["stage_id"], "stage": row["stage"], "step_id": row["step_id"]})
    labels = (
        alt.Chart(_data(stage_rows))
        .mark_text(align="left", baseline="top", dx=4, dy=4, fontWeight="bold", color="#374151")
        .encode(x=alt.X("step_id:O", bandPosition=0), y=alt.value(0), text="stage:N")
    )
    return [bands, labels]


# ---------------------------------------------------------------- charts


def emotion(
    journey: Journey,
    *,
    lane: str | None = None,
    width: int | None = None,
    height: int = 220,
    selected_step: str | None = None,
) -> alt.LayerChart:
    """The emotional arc: one line per persona across the steps, in map order.

    A step where a persona has no value leaves a gap in that persona's line (the records carry a
    ``segment`` number per run of consecutive steps, and the line is drawn per segment).

    Layers, back to front: stage bands (named ``stage_bands``, carrying the ``step``
    selection), stage names at the top, a dashed rule at the scale's neutral value
    (``neutral``), the lines (colour and dash by persona), the points, and the peaks and
    troughs (``features``: triangles up / down with a "peak" / "trough" label, see
    :func:`features`). Values with evidence add, where the map has them, error bars for their
    low..high interval (a rule and end ticks, in the persona's colour, under the points),
    hollow dashed points for a small n (below :data:`jmwidget.model.SMALL_N`), and an
    "Evidence" line in the tooltip ("n = 412, 1.8 to 2.4"). The y axis spans the emotion scale.
    ``width`` defaults to 90 px per step; ``lane`` picks an emotion lane (default: the first);
    ``selected_step`` sets the highlighted step (the ``selected_step`` parameter).

    Raises :class:`JourneyError` when the map has no emotion lane.
    """
    emotion_lane = _emotion_lane(journey, lane)
    steps = _steps(journey)
    records = _emotion_records(journey, emotion_lane)
    x = _x(journey, steps)
    step_param, selected = _params(journey, selected_step)
    base = alt.Chart(_data(records)).encode(x=x, y=_emotion_y(journey, emotion_lane))
    layers = [
        *_stage_layers(journey, steps, x, step_param, selected),
        *_neutral_rule(journey),
        *_emotion_marks(base, journey, emotion_lane, records),
    ]
    chart = alt.layer(
        *layers,
        width=alt.Step(STEP_WIDTH) if width is None else width,
        height=height,
        title=title_text(f"{emotion_lane.name}: {journey.title}"),
    )
    return cast("alt.LayerChart", chart.add_params(selected))


def _emotion_y(journey: Journey, emotion_lane: Lane) -> alt.Y:
    """The y encoding of the emotion chart: the whole scale, ticked as on the map's emotion axis
    (:func:`~jmwidget.model.formatting.emotion_ticks`: every point up to 11, "+2" on a signed scale),
    each number followed by the scale's word for it."""
    low, high, _ = journey.emotion_scale
    ticks = [t for t in emotion_ticks(journey.document["emotion_scale"]) if t["text"]]
    names = {
        str(t["value"]): f"{t['text']} {display_text(t['word'])}" if t["word"] and not t["neutral"] else t["text"]
        for t in ticks
    }
    y_axis = alt.Axis(
        title=title_text(emotion_lane.name),
        values=[t["value"] for t in ticks],
        labelExpr=f"{vega_literal(names)}[datum.value] || datum.label",
    )
    return alt.Y("value:Q", scale=alt.Scale(domain=[low, high], nice=False, zero=False), axis=y_axis)


def _neutral_rule(journey: Journey) -> list[alt.Chart]:
    """A dashed rule at the emotion scale's neutral value, named "neutral" (or the scale's word) at its left end."""
    low, high, neutral = journey.emotion_scale
    word = next(t["word"] for t in emotion_ticks(journey.document["emotion_scale"]) if t["neutral"])
    base = alt.Chart(_data([{"neutral": neutral, "word": display_text(word)}])).encode(
        y=alt.Y("neutral:Q", scale=alt.Scale(domain=[low, high], nice=False, zero=False))
    )
    rule = base.mark_rule(strokeDash=[4, 4], color="#6b7280")
    text = base.mark_text(align="left", baseline="bottom", dx=3, dy=-2, fontSize=10, color="#4b5563").encode(
        x=alt.value(0), text="word:N"
    )
    return [rule, text]


def _emotion_marks(
    base: alt.Chart, journey: Journey, emotion_lane: Lane, records: list[dict[str, Any]]
) -> list[alt.Chart]:
    """The curves on ``base`` (the records on x and y): lines, intervals, points (hollow for a small n),
    and the peaks and troughs with labels."""
    persona_scale = alt.Scale(domain=[display_text(p.name) for p in journey.personas])
    color = alt.Color("persona:N", scale=persona_scale, title="Persona")
    dash = alt.StrokeDash("persona:N", scale=persona_scale, title="Persona")
    tooltip = [
        alt.Tooltip("stage:N", title="Stage"),
        alt.Tooltip("step:N", title="Step"),
        alt.Tooltip("persona:N", title="Persona"),
        alt.Tooltip("value:Q", title=title_text(emotion_lane.name)),
        *evidence_tooltip(records),
        alt.Tooltip("feature:N", title="Feature"),
    ]
    # One line per persona and run of consecutive steps with a value: a step without one is a gap.
    lines = base.mark_line(strokeWidth=2.5, interpolate="monotone").encode(
        color=color, strokeDash=dash, detail=[alt.Detail("persona_id:N"), alt.Detail("segment:O")]
    )
    low, high, _ = journey.emotion_scale
    intervals = (
        interval_layers(
            base,
            alt.Scale(domain=[low, high], nice=False, zero=False),
            title_text(emotion_lane.name),
            color=color,
        )
        if has_intervals(records)
        else []
    )
    points = [
        base.mark_point(filled=True, size=60, opacity=1).encode(color=color, tooltip=tooltip, detail="persona_id:N")
    ]
    if any(r.get("uncertain") for r in records):  # few observations: a hollow, dashed ring
        points = [
            points[0].transform_filter("!datum.uncertain"),
            base.transform_filter("datum.uncertain")
            .mark_point(filled=False, size=60, opacity=0.8, strokeWidth=2, strokeDash=[2, 2])
            .encode(color=color, tooltip=tooltip, detail="persona_id:N"),
        ]
    feature_points = (
        base.transform_filter("datum.feature != ''")
        .mark_point(filled=True, size=150, opacity=1, stroke="white", strokeWidth=1)
        .encode(
            color=color,
            shape=alt.Shape(
                "feature:N",
                scale=alt.Scale(domain=list(SHAPES), range=list(SHAPES.values())),
                title="Feature",
            ),
            tooltip=tooltip,
        )
    )
    return [lines, *intervals, *points, feature_points, *_feature_labels(base)]


def _feature_labels(base: alt.Chart) -> list[alt.Chart]:
    """The words "peak" (above) and "trough" (below) at the features of the curves."""
    peak_labels = (
        base.transform_filter("datum.feature == 'peak'")
        .mark_text(dy=-14, fontSize=10, color="#15803d")
        .encode(text=alt.value("peak"))
    )
    trough_labels = (
        base.transform_filter("datum.feature == 'trough'")
        .mark_text(dy=16, fontSize=10, color="#b91c1c")
        .encode(text=alt.value("trough"))
    )
    return [peak_labels, trough_labels]


__all__ = ["EMOTION_COLUMNS", "emotion", "emotion_data", "features"]
