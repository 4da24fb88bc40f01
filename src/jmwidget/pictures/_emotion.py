"""The emotion row of a drawn map: the dashed neutral line, one curve per persona (its own colour
and dash, spread apart so that equal values stay visible), and a point coloured by mood at each
value, titled with the persona, the step and the value."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from ..model.formatting import describe_emotion, mood_of
from ._blueprint_marks import as_dict
from ._elements import el, num
from ._geometry import Layout, Row, emotion_y
from ._theme import COLORS, MOOD_COLORS, PERSONA_COLORS, PERSONA_DASHES

#: A drawn value: persona index, persona, value, x, y, step name.
Point = tuple[int, dict[str, Any], float, float, float, str]


def emotion_curves(parent: ET.Element, layout: Layout, row: Row) -> None:
    """The neutral line, then every persona's curve, then the points on top of all curves."""
    low, high = float(layout.scale.get("min", 1)), float(layout.scale.get("max", 5))
    neutral = float(layout.scale.get("neutral", (low + high) / 2))
    ny = row.y + emotion_y(neutral, low, high)
    el(
        parent,
        "line",
        x1=float(layout.body_x),
        y1=ny,
        x2=float(layout.right),
        y2=ny,
        stroke=COLORS["muted"],
        stroke_dasharray="3 4",
        stroke_opacity=0.6,
        class_="jmw-neutral-line",
    )
    values = as_dict(as_dict(layout.doc.get("cells")).get(str(row.lane.get("id"))))
    points: list[Point] = []
    for index, persona in enumerate(layout.personas):
        points += persona_curve(parent, layout, row, values, index, persona)
    for point in points:
        mood_point(parent, layout, point)


def persona_curve(
    parent: ET.Element, layout: Layout, row: Row, values: dict[str, Any], index: int, persona: dict[str, Any]
) -> list[Point]:
    """One persona's curve through its values (broken where a step has none); return its points."""
    low, high = float(layout.scale.get("min", 1)), float(layout.scale.get("max", 5))
    count = len(layout.personas)
    spread = min(8, 40 / count) if count > 1 else 0
    points: list[Point] = []
    path: list[str] = []
    pen = False
    for column in layout.columns:
        if column.step is None:
            continue
        value = as_dict(values.get(column.step["id"])).get(str(persona.get("id")))
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            pen = False
            continue
        x = column.x + column.width / 2 + (index - (count - 1) / 2) * spread
        y = row.y + emotion_y(value, low, high)
        path.append(f"{'L' if pen else 'M'}{num(x)} {num(y)}")
        pen = True
        points.append((index, persona, float(value), x, y, str(column.step["name"])))
    if path:
        el(
            parent,
            "path",
            d=" ".join(path),
            fill="none",
            stroke=PERSONA_COLORS[index % 6],
            stroke_width=2.5,
            stroke_dasharray=PERSONA_DASHES[index % 6],
            stroke_linejoin="round",
            stroke_linecap="round",
            class_="jmw-curve",
            data_persona_id=persona.get("id"),
        )
    return points


def mood_point(parent: ET.Element, layout: Layout, point: Point) -> None:
    """A point coloured by its mood, ringed in white (or the persona colour of the 2nd to 4th of every six)."""
    index, persona, value, x, y, step_name = point
    ring = PERSONA_COLORS[index % 6] if 1 <= index % 6 <= 3 else COLORS["bg"]
    circle = el(
        parent,
        "circle",
        cx=x,
        cy=y,
        r=6.0,
        fill=MOOD_COLORS[mood_of(value, layout.scale)],
        stroke=ring,
        stroke_width=2.0,
        class_="jmw-point",
        data_persona_id=persona.get("id"),
    )
    el(circle, "title", f"{persona.get('name', '')}, {step_name}: {describe_emotion(value, layout.scale)}")


__all__ = ["emotion_curves", "mood_point", "persona_curve"]
