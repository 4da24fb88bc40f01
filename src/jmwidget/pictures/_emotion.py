"""The emotion row of a drawn map: the dashed neutral line, one curve per persona (its own colour
and dash, spread apart so that equal values stay visible), the whisker of each value's low..high
interval, and a point coloured by mood at each value, titled with the persona, the step and the
value (with the evidence behind it). A value backed by few observations (n below
:data:`~jmwidget.model.SMALL_N`) is a hollow, faded, dashed ring: less certain, and not by colour alone."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from ..model import cell_number, evidence_of, has_evidence, is_small_n
from ..model.formatting import describe_emotion, emotion_evidence_text, emotion_ticks, mood_of
from ._blueprint_marks import as_dict
from ._elements import draw_text, el, num
from ._geometry import Layout, Row, emotion_y
from ._textfit import fit, text_width
from ._theme import COLORS, MOOD_COLORS, PERSONA_COLORS, PERSONA_DASHES

#: A drawn value: persona index, persona, the value's evidence (``{"value": x}`` for a plain number), x, y, step name.
Point = tuple[int, dict[str, Any], dict[str, Any], float, float, str]
#: Half the width of a whisker's end caps (as in the widget).
WHISKER_CAP = 4.0
#: The axis text's size, and the widest a scale word may be (longer words end in an ellipsis).
AXIS_SIZE = 10.0
AXIS_WORD_W = 72.0


def axis_width(scale: dict[str, Any]) -> float:
    """How much of the lane header's right side the emotion axis takes (numbers, words, gaps)."""
    ticks = emotion_ticks(scale)
    numbers = max(text_width(t["text"], AXIS_SIZE, bold=True) for t in ticks)
    words = max((min(AXIS_WORD_W, text_width(t["word"], AXIS_SIZE)) for t in ticks if t["word"]), default=0.0)
    return numbers + (words + 5 if words else 0) + 12


def emotion_axis(parent: ET.Element, layout: Layout, row: Row) -> None:
    """The scale at the right of the lane header (each point's number, its word, ``neutral`` at the
    neutral line, in bold) and a faint line across the steps at each numbered point."""
    low, high = float(layout.scale.get("min", 1)), float(layout.scale.get("max", 5))
    ticks = emotion_ticks(layout.scale)
    numbers = max(text_width(t["text"], AXIS_SIZE, bold=True) for t in ticks)
    axis = el(parent, "g", class_="jmw-emotion-axis")
    right = layout.body_x - 6
    for tick in ticks:
        y = row.y + emotion_y(tick["value"], low, high)
        bold = tick["neutral"]
        if tick["text"]:
            el(axis, "line", x1=layout.body_x - 4.0, y1=y, x2=float(layout.body_x), y2=y, stroke=COLORS["muted"])
            draw_text(axis, right, y + 3.5, tick["text"], size=AXIS_SIZE, fill=COLORS["fg"], anchor="end", bold=bold)
            if not tick["neutral"]:
                el(
                    parent,
                    "line",
                    x1=float(layout.body_x),
                    y1=y,
                    x2=float(layout.right),
                    y2=y,
                    stroke=COLORS["border"],
                    stroke_opacity=0.7,
                    class_="jmw-emotion-grid",
                )
        if tick["word"]:
            word = fit(str(tick["word"]), AXIS_WORD_W, AXIS_SIZE)
            x = right - numbers - 5
            draw_text(axis, x, y + 3.5, word, size=AXIS_SIZE, fill=COLORS["muted"], anchor="end", bold=bold)


def emotion_curves(parent: ET.Element, layout: Layout, row: Row) -> None:
    """The axis and grid, the neutral line, then every persona's curve, then the points on top of all curves."""
    emotion_axis(parent, layout, row)
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
        whisker(parent, layout, row, point)
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
        entry = as_dict(values.get(column.step["id"])).get(str(persona.get("id")))
        value, evidence = cell_number(entry), evidence_of(entry)
        if value is None or evidence is None:
            pen = False
            continue
        x = column.x + column.width / 2 + (index - (count - 1) / 2) * spread
        y = row.y + emotion_y(value, low, high)
        path.append(f"{'L' if pen else 'M'}{num(x)} {num(y)}")
        pen = True
        points.append((index, persona, evidence, x, y, str(column.step["name"])))
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


def whisker(parent: ET.Element, layout: Layout, row: Row, point: Point) -> None:
    """A value's low..high interval: a vertical line in its persona's colour, capped at each end given."""
    index, persona, evidence, x, _, _ = point
    given_low, given_high = evidence.get("low"), evidence.get("high")
    if given_low is None and given_high is None:
        return
    low, high = float(layout.scale.get("min", 1)), float(layout.scale.get("max", 5))
    top = row.y + emotion_y(evidence["value"] if given_high is None else given_high, low, high)
    bottom = row.y + emotion_y(evidence["value"] if given_low is None else given_low, low, high)
    d = f"M{num(x)} {num(bottom)} V{num(top)}"
    for given, y in ((given_high, top), (given_low, bottom)):
        if given is not None:
            d += f" M{num(x - WHISKER_CAP)} {num(y)} H{num(x + WHISKER_CAP)}"
    el(
        parent,
        "path",
        d=d,
        fill="none",
        stroke=PERSONA_COLORS[index % 6],
        stroke_width=1.5,
        stroke_linecap="round",
        stroke_opacity=0.85,
        class_="jmw-whisker",
        data_persona_id=persona.get("id"),
    )


def mood_point(parent: ET.Element, layout: Layout, point: Point) -> None:
    """A point coloured by its mood, ringed in white (or the persona colour of the 2nd to 4th of every six);
    hollow, faded and dashed when few observations stand behind it."""
    index, persona, evidence, x, y, step_name = point
    value = float(evidence["value"])
    mood = MOOD_COLORS[mood_of(value, layout.scale)]
    ring = PERSONA_COLORS[index % 6] if 1 <= index % 6 <= 3 else COLORS["bg"]
    uncertain = is_small_n(evidence)
    circle = el(
        parent,
        "circle",
        cx=x,
        cy=y,
        r=6.0,
        fill=COLORS["bg"] if uncertain else mood,
        stroke=mood if uncertain else ring,
        stroke_width=2.5 if uncertain else 2.0,
        stroke_dasharray="3 2" if uncertain else None,
        stroke_opacity=0.75 if uncertain else None,
        class_="jmw-point jmw-uncertain" if uncertain else "jmw-point",
        data_persona_id=persona.get("id"),
    )
    text = emotion_evidence_text(evidence) if has_evidence(evidence) else describe_emotion(value, layout.scale)
    el(circle, "title", f"{persona.get('name', '')}, {step_name}: {text}")


__all__ = ["axis_width", "emotion_axis", "emotion_curves", "mood_point", "persona_curve", "whisker"]
