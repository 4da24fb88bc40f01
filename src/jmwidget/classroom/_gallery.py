"""Small multiples of every student's emotion curve (Altair facets), readable at 30 maps.

Each panel is one map: its first persona's curve on its first emotion lane, in step order. With
a template, the x axis is the template's steps (a student's step found by id or name) and every
panel also draws the class mean in grey, so a curve that leaves the class stands out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import altair as alt

from ..diff import compare
from ..model.formatting import display_text
from ..prose import value_of

if TYPE_CHECKING:
    from ..model import Journey

STUDENT, CLASS = "student", "class mean"


def _curve(journey: Journey, steps: list[str] | None = None, persona: str | None = None) -> dict[str, float]:
    """Step id -> emotion value of one persona (default: the first) on the first emotion lane."""
    doc = journey.document
    lane = next((lane["id"] for lane in doc["lanes"] if lane["kind"] == "emotion"), None)
    who = persona or (doc["personas"][0]["id"] if doc["personas"] else None)
    if lane is None or who is None:
        return {}
    cells = doc["cells"].get(lane, {})
    order = steps if steps is not None else [t["id"] for s in doc["stages"] for t in s["steps"]]
    values = {step: value_of((cells.get(step) or {}).get(who)) for step in order}
    return {step: value for step, value in values.items() if value is not None}


def gallery_records(maps: Mapping[str, Journey], template: Journey | None) -> list[dict[str, Any]]:
    """The points of :func:`gallery`: ``{map, x, step, value, series}``."""
    records: list[dict[str, Any]] = []
    if template is None:
        for name, journey in maps.items():
            order = [t.id for t in journey.steps]
            names = {t.id: display_text(t.name) for t in journey.steps}
            for step, value in _curve(journey).items():
                records.append(
                    {
                        "map": display_text(name),
                        "x": order.index(step) + 1,
                        "step": names[step],
                        "value": value,
                        "series": STUDENT,
                    }
                )
        return records
    steps = [t.id for t in template.steps]
    names = {t.id: display_text(t.name) for t in template.steps}
    persona = template.personas[0].id if template.personas else None
    per_map: dict[str, dict[str, float]] = {}
    for name, journey in maps.items():
        diff = compare(template, journey)
        step_pairs, persona_pairs = diff.pairs("step"), diff.pairs("persona")
        theirs = _curve(journey, [step_pairs[s] for s in steps if s in step_pairs], persona_pairs.get(persona or ""))
        per_map[name] = {s: theirs[step_pairs[s]] for s in steps if step_pairs.get(s) in theirs}
    for step in steps:
        values = [curve[step] for curve in per_map.values() if step in curve]
        mean = round(sum(values) / len(values), 2) if values else None
        for name, curve in per_map.items():
            base = {"map": display_text(name), "x": steps.index(step) + 1, "step": names[step]}
            if step in curve:
                records.append({**base, "value": curve[step], "series": STUDENT})
            if mean is not None:
                records.append({**base, "value": mean, "series": CLASS})
    return records


def gallery(
    maps: Mapping[str, Journey],
    template: Journey | None = None,
    *,
    columns: int = 6,
    width: int = 150,
    height: int = 70,
) -> alt.FacetChart:
    """Every map's emotion curve in its own small panel, ``columns`` panels a row."""
    scales = [journey.emotion_scale for journey in ([template] if template else list(maps.values()))]
    low = min((s[0] for s in scales), default=1)
    high = max((s[1] for s in scales), default=5)
    data = alt.InlineData(values=gallery_records(maps, template))
    color = alt.Color("series:N", scale=alt.Scale(domain=[STUDENT, CLASS], range=["#2563eb", "#9ca3af"]), title=None)
    dash = alt.StrokeDash("series:N", scale=alt.Scale(domain=[STUDENT, CLASS], range=[[1, 0], [4, 3]]), title=None)
    panel = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=14), strokeWidth=1.8)
        .encode(
            x=alt.X(
                "x:Q", title=None, axis=alt.Axis(labels=False, ticks=False, grid=False), scale=alt.Scale(zero=False)
            ),
            y=alt.Y("value:Q", title=None, scale=alt.Scale(domain=[low, high], nice=False), axis=alt.Axis(tickCount=3)),
            color=color,
            strokeDash=dash,
            detail="series:N",
            tooltip=[
                alt.Tooltip("map:N", title="Map"),
                alt.Tooltip("step:N", title="Step"),
                alt.Tooltip("series:N", title="Curve"),
                alt.Tooltip("value:Q", title="Emotion"),
            ],
        )
        .properties(width=width, height=height)
    )
    facet = alt.Facet(
        "map:N", title=None, sort=[display_text(name) for name in maps], header=alt.Header(labelFontSize=11)
    )
    chart: alt.FacetChart = panel.facet(facet=facet, columns=columns, title="Emotion, map by map")
    return chart
