"""Both emotion curves of a comparison on one Altair chart, the difference at each shared step marked.

The x axis holds every step of the second map in its order, with the first map's removed steps
where they stood (after the step they followed); step names are marked ``+`` (only in the second
map) and ``-`` (a minus sign; only in the first). The first map's curve is dashed and grey, the second's solid;
at each step both maps have, a bar runs from the old value to the new one, green when emotion
rises and red when it falls, labelled with the change. One chart per persona found in both maps.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import altair as alt

from .._vega import vega_literal
from ..model import JourneyError
from ..model.formatting import display_text
from ..prose import number, value_of
from ._pair import Pair

STEP_WIDTH = 80
COLORS = {"before": "#9ca3af", "after": "#2563eb", "rises": "#16a34a", "falls": "#dc2626"}
STATE = {"current": "current state", "future": "future state"}


def _series(doc: Any, word: str) -> str:
    state = STATE.get(str(doc.get("state")))
    return f"{word} ({state})" if state else word


def _lanes(p: Pair, lane: str | None) -> tuple[str | None, str]:
    """The emotion lane of each map: the second map's ``lane`` (id or name) or its first emotion
    lane, and its partner in the first map (or the first map's first emotion lane)."""
    emotion_b = [lane_id for lane_id, data in p.b.lanes.items() if data["kind"] == "emotion"]
    if lane is not None:
        emotion_b = [i for i in emotion_b if lane in (i, p.b.lanes[i]["name"])]
    if not emotion_b:
        wanted = f" called {lane!r}" if lane is not None else ""
        raise JourneyError(f"compare(...).chart(): the second map has no emotion lane{wanted}")
    new = emotion_b[0]
    old = p.lanes.back.get(new)
    if old is None:
        old = next((i for i, data in p.a.lanes.items() if data["kind"] == "emotion"), None)
    return old, new


def columns(p: Pair) -> list[dict[str, Any]]:
    """The x axis: ``{column, step, old, new, status}`` per step, ``status`` ``kept``, ``added`` or
    ``removed``. Stage by stage in the second map's order; a removed step follows the step it
    followed in its stage (a removed stage's steps follow the stage before it)."""
    out: list[dict[str, Any]] = []

    def removed(steps: list[str]) -> None:
        for old in steps:
            out.append({"step": "\u2212 " + p.a.name("step", old), "old": old, "new": None, "status": "removed"})

    stages_after: dict[str | None, list[str]] = defaultdict(list)  # second-map stage -> removed stages after it
    anchor: str | None = None
    for old_stage in p.a.stages:
        if old_stage in p.stages.pairs:
            anchor = p.stages.pairs[old_stage]
        else:
            stages_after[anchor].append(old_stage)
    for old_stage in stages_after[None]:
        removed([t["id"] for t in p.a.stages[old_stage]["steps"]])
    for new_stage, stage in p.b.stages.items():
        after = _removed_steps(p, p.stages.back.get(new_stage), new_stage)
        removed(after[None])
        for new in (t["id"] for t in stage["steps"]):
            old = p.steps.back.get(new)
            name = p.b.name("step", new) if old else "+ " + p.b.name("step", new)
            out.append({"step": name, "old": old, "new": new, "status": "kept" if old else "added"})
            removed(after[new])
        for old_stage in stages_after[new_stage]:
            removed([t["id"] for t in p.a.stages[old_stage]["steps"]])
    for index, column in enumerate(out):
        column["column"] = f"c{index}"
    return out


def _removed_steps(p: Pair, old_stage: str | None, new_stage: str) -> dict[str | None, list[str]]:
    """The removed steps of a stage, by the second-map step of that stage they follow (None: its start)."""
    after: dict[str | None, list[str]] = defaultdict(list)
    anchor: str | None = None
    for step in p.a.stages[old_stage]["steps"] if old_stage else []:
        new = p.steps.pairs.get(step["id"])
        if new is None:
            after[anchor].append(step["id"])
        elif p.b.stage_of[new] == new_stage:
            anchor = new
    return after


def _records(p: Pair, lanes: tuple[str | None, str], personas: tuple[str, str]) -> tuple[list[Any], list[Any]]:
    """The curve points of both maps, and the marked differences."""
    (old_lane, new_lane), (old_persona, new_persona) = lanes, personas
    labels = {"before": _series(p.a.doc, "Before"), "after": _series(p.b.doc, "After")}
    points, marks = [], []
    for column in columns(p):
        old = (
            value_of((p.a.cell(old_lane, column["old"]) or {}).get(old_persona)) if old_lane and column["old"] else None
        )
        new = value_of((p.b.cell(new_lane, column["new"]) or {}).get(new_persona)) if column["new"] else None
        base = {"column": column["column"], "step": display_text(column["step"]), "status": column["status"]}
        for series, value in (("before", old), ("after", new)):
            if value is not None:
                points.append({**base, "series": labels[series], "value": value})
        if old is not None and new is not None and old != new:
            sign = "+" if new > old else "\u2212"
            direction = "rises" if new > old else "falls"
            marks.append(
                {**base, "before": old, "after": new, "direction": direction, "label": sign + number(abs(new - old))}
            )
    return points, marks


def chart(p: Pair, *, lane: str | None = None, height: int = 220) -> Any:
    """The chart (one per persona in both maps, stacked); see the module docstring."""
    lanes = _lanes(p, lane)
    cols = columns(p)
    low = min(p.a.doc["emotion_scale"]["min"], p.b.doc["emotion_scale"]["min"])
    high = max(p.a.doc["emotion_scale"]["max"], p.b.doc["emotion_scale"]["max"])
    names = {c["column"]: display_text(c["step"]) for c in cols}
    x = alt.X(
        "column:O",
        sort=list(names),
        scale=alt.Scale(domain=list(names)),
        axis=alt.Axis(title=None, labelExpr=f"{vega_literal(names)}[datum.value]", labelAngle=-30, labelAlign="right"),
    )
    scale = alt.Scale(domain=[low, high], nice=False, zero=False)
    lane_name = p.b.name("lane", lanes[1])
    charts = []
    for old_persona, new_persona in p.personas.pairs.items():
        points, marks = _records(p, lanes, (old_persona, new_persona))
        title = alt.TitleParams(
            display_text(f"{lane_name} for {p.b.name('persona', new_persona)}"),
            subtitle=[display_text(f"{_series(p.a.doc, 'Before')}: {p.a.doc.get('title')}")[:200],
                      display_text(f"{_series(p.b.doc, 'After')}: {p.b.doc.get('title')}")[:200],
                      "Steps marked \u2212 are only in the first map, + only in the second; bars mark the change."],
        )  # fmt: skip
        layers = _layers(p, x, (display_text(lane_name), scale), points, marks)
        charts.append(alt.layer(*layers, width=alt.Step(STEP_WIDTH), height=height, title=title))
    if not charts:
        raise JourneyError("compare(...).chart(): the two maps have no persona in common")
    return charts[0] if len(charts) == 1 else alt.vconcat(*charts)


def _layers(p: Pair, x: alt.X, axis: tuple[str, alt.Scale], points: list[Any], marks: list[Any]) -> list[alt.Chart]:
    """The two curves, then the bars from old to new value with the change written beside them."""
    labels = [_series(p.a.doc, "Before"), _series(p.b.doc, "After")]
    title, scale = axis
    y = alt.Y("value:Q", title=title, scale=scale)
    color = alt.Color("series:N", scale=alt.Scale(domain=labels, range=[COLORS["before"], COLORS["after"]]), title=None)
    dash = alt.StrokeDash("series:N", scale=alt.Scale(domain=labels, range=[[5, 4], [1, 0]]), title=None)
    tooltip = [alt.Tooltip("step:N", title="Step"), alt.Tooltip("series:N", title="Map"), alt.Tooltip("value:Q")]
    lines = (
        alt.Chart(alt.InlineData(values=points))
        .mark_line(strokeWidth=2.5, point=True)
        .encode(x=x, y=y, color=color, strokeDash=dash, detail="series:N", tooltip=tooltip)
    )
    if not marks:
        return [lines]
    direction = alt.condition("datum.direction == 'rises'", alt.value(COLORS["rises"]), alt.value(COLORS["falls"]))
    changes = alt.Chart(alt.InlineData(values=marks)).encode(x=x)
    bars = changes.mark_rule(strokeWidth=7, opacity=0.35).encode(
        y=alt.Y("before:Q", scale=scale, title=title),
        y2="after:Q",
        color=direction,
        tooltip=[alt.Tooltip("step:N", title="Step"), alt.Tooltip("label:N", title="Change")],
    )
    text = changes.mark_text(dx=16, fontSize=11, fontWeight="bold").encode(
        y=alt.Y("after:Q", scale=scale, title=title), text="label:N", color=direction
    )
    return [lines, bars, text]
