"""The top of a drawn map: its title, state badge, persona and mood legend, scenario, and the
stage and step headers over the grid."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from ..model import SMALL_N, is_small_n
from ._elements import draw_lines, draw_text, el
from ._geometry import LANE_W, LINE_H, PAD, SMALL, Column, Layout
from ._textfit import text_width, wrap
from ._theme import COLORS, MOOD_COLORS, PERSONA_COLORS, PERSONA_DASHES


def title_block(svg: ET.Element, layout: Layout) -> float:
    """The title, the current / future state badge, the legend and the scenario; return the y below."""
    doc = layout.doc
    title = str(doc.get("title") or "Untitled journey")
    y = draw_lines(svg, PAD, PAD - 2, wrap(title, layout.width - 2 * PAD, 20, bold=True), size=20, bold=True)
    y += 12
    state = "Future state" if doc.get("state") == "future" else "Current state"
    badge_w = text_width(state, SMALL) + 16
    el(
        svg,
        "rect",
        x=float(PAD),
        y=y,
        width=badge_w,
        height=18.0,
        rx=9.0,
        fill="none",
        stroke=COLORS["accent"] if state == "Future state" else COLORS["strong"],
        stroke_dasharray="4 3" if state == "Future state" else None,
    )
    draw_text(svg, PAD + 8, y + 13, state, size=SMALL, fill=COLORS["muted"])
    x = PAD + badge_w + 14
    if any(lane.get("kind") == "emotion" for lane in layout.lanes):
        x = legend(svg, layout, x, y)
    y += 26
    scenario = str(doc.get("scenario") or "").strip()
    if scenario:
        y = draw_lines(svg, PAD, y, wrap(scenario, layout.width - 2 * PAD, 12), size=12, fill=COLORS["muted"]) + 4
    return y + 6


def legend(svg: ET.Element, layout: Layout, x: float, y: float) -> float:
    """Each persona's line style by name, the three mood colours, and the hollow ring of a value with
    few observations when the map has one; return the x after them."""
    group = el(svg, "g", class_="jmw-legend")
    for index, persona in enumerate(layout.personas):
        name = str(persona.get("name", ""))
        if x + 34 + text_width(name, SMALL) > layout.width - PAD:
            x, y = PAD + 0.0, y + 20
        el(
            group,
            "line",
            x1=x,
            y1=y + 9,
            x2=x + 26,
            y2=y + 9,
            stroke=PERSONA_COLORS[index % 6],
            stroke_width=2.5,
            stroke_dasharray=PERSONA_DASHES[index % 6],
            stroke_linecap="round",
        )
        draw_text(group, x + 31, y + 13, name, size=SMALL, fill=COLORS["muted"])
        x += 31 + text_width(name, SMALL) + 14
    for mood, word in (("low", "low"), ("neutral", "neutral"), ("high", "high")):
        el(group, "circle", cx=x + 5, cy=y + 9, r=5.0, fill=MOOD_COLORS[mood])
        draw_text(group, x + 13, y + 13, word, size=SMALL, fill=COLORS["muted"])
        x += 13 + text_width(word, SMALL) + 10
    if _has_small_n(layout):  # the hollow ring of a value backed by few observations
        word = f"n < {SMALL_N}"
        el(
            group,
            "circle",
            cx=x + 5,
            cy=y + 9,
            r=4.5,
            fill=COLORS["bg"],
            stroke=COLORS["muted"],
            stroke_dasharray="3 2",
        )
        draw_text(group, x + 13, y + 13, word, size=SMALL, fill=COLORS["muted"])
        x += 13 + text_width(word, SMALL) + 10
    return x


def _has_small_n(layout: Layout) -> bool:
    cells = layout.doc.get("cells") or {}
    return any(
        is_small_n(entry)
        for lane in layout.lanes
        if lane.get("kind") == "emotion"
        for value in (cells.get(lane.get("id")) or {}).values()
        if isinstance(value, dict)
        for entry in value.values()
    )


def stage_spans(columns: list[Column]) -> list[tuple[dict[str, Any], float, float]]:
    """Each stage with the x and width of the step columns it spans."""
    stages: list[tuple[dict[str, Any], float, float]] = []
    for column in columns:
        if stages and stages[-1][0] is column.stage:
            stage, x, w = stages[-1]
            stages[-1] = (stage, x, w + column.width)
        else:
            stages.append((column.stage, column.x, column.width))
    return stages


def headers(svg: ET.Element, layout: Layout, top: float) -> float:
    """The STAGE and STEP header rows from ``top``; return the y below them."""
    stages = stage_spans(layout.columns)
    stage_lines = [wrap(str(s.get("name", "")), w - 12, bold=True) for s, _x, w in stages]
    step_lines = [wrap(str(c.step["name"]), c.width - 12) if c.step else ["no steps"] for c in layout.columns]
    stage_h = max([30.0] + [len(lines) * LINE_H + 13.0 for lines in stage_lines])
    step_h = max([30.0] + [len(lines) * LINE_H + 13.0 for lines in step_lines])
    head = el(svg, "g", class_="jmw-head")
    for label, y, h in (("STAGE", top, stage_h), ("STEP", top + stage_h, step_h)):
        el(
            head,
            "rect",
            x=float(layout.left),
            y=y,
            width=float(LANE_W),
            height=h,
            fill=COLORS["bg_head"],
            stroke=COLORS["border"],
        )
        draw_text(head, layout.left + 8, y + 19, label, size=10, fill=COLORS["muted"], letter_spacing=0.6)
    for (stage, x, w), lines in zip(stages, stage_lines, strict=True):
        el(
            head,
            "rect",
            x=x,
            y=top,
            width=w,
            height=stage_h,
            fill=COLORS["bg_head"],
            stroke=COLORS["border"],
            data_stage_id=stage.get("id"),
        )
        el(head, "line", x1=x + w, y1=top, x2=x + w, y2=top + stage_h, stroke=COLORS["strong"], stroke_width=2.0)
        draw_lines(head, x + 6, top + 6, lines, bold=True)
    step_headers(head, layout.columns, step_lines, top + stage_h, step_h)
    return top + stage_h + step_h


def step_headers(head: ET.Element, columns: list[Column], step_lines: list[list[str]], y: float, step_h: float) -> None:
    """One header per step column (a stage without steps says so, muted)."""
    for column, lines in zip(columns, step_lines, strict=True):
        el(
            head,
            "rect",
            x=column.x,
            y=y,
            width=column.width,
            height=step_h,
            fill=COLORS["bg_head"],
            stroke=COLORS["border"],
            data_step_id=column.step["id"] if column.step else None,
        )
        muted = {"fill": COLORS["muted"], "size": SMALL} if column.step is None else {}
        draw_lines(head, column.x + 6, y + 6, lines, **muted)


__all__ = ["headers", "legend", "stage_spans", "title_block"]
