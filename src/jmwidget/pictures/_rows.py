"""The lanes of a drawn map: each lane's header (name, kind, description) and its cells are built
first, so the row knows its height, and drawn once the rows are stacked."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree as ET

from ..model import cell_number, evidence_of
from ..model.formatting import KIND_LABEL
from ._blueprint_marks import ZONE_TINTS, annotation_labels, as_dict, zone_of
from ._cells import annotation_block, cards_cell, channels_cell, metric_cell, metric_span, text_cell
from ._elements import draw_lines, el, group, num
from ._emotion import axis_width, emotion_curves
from ._geometry import CELL_MIN_H, EMOTION_H, LANE_W, SMALL, Column, Layout, Row
from ._textfit import clean, wrap
from ._theme import COLORS


def lane_header(lane: Mapping[str, Any], scale: Mapping[str, Any]) -> tuple[ET.Element, float]:
    """The lane's name, its kind (with the unit or emotion scale) and description; and the y below them."""
    kind = str(lane.get("kind", "text"))
    header = ET.Element("g", {"class": "jmw-lane-header"})
    width = LANE_W - 16 - (axis_width(dict(scale)) if kind == "emotion" else 0)  # the axis takes the right side
    y = draw_lines(header, 8, 6, wrap(str(lane.get("name", "")), width, bold=True), bold=True)
    meta = KIND_LABEL.get(kind, kind)
    if kind == "metric" and lane.get("unit"):
        meta += f" · {lane['unit']}"
    if kind == "emotion":
        meta += f" · {scale.get('min')}\u2013{scale.get('max')}"
    y = draw_lines(header, 8, y + 2, wrap(meta, width, SMALL), size=SMALL, fill=COLORS["muted"])
    if lane.get("description"):
        y = draw_lines(header, 8, y + 2, wrap(str(lane["description"]), width, SMALL), size=SMALL, fill=COLORS["muted"])
    return header, y


def build_row(layout: Layout, lane: dict[str, Any], notes: dict[tuple[str, str], dict[str, Any]]) -> Row:
    """The lane's header and cells, not placed yet; the row is as high as its tallest cell."""
    row = Row(lane)
    kind = str(lane.get("kind", "text"))
    row.header, y = lane_header(lane, layout.scale)
    height = max(CELL_MIN_H, y + 8)
    values = as_dict(as_dict(layout.doc.get("cells")).get(str(lane.get("id"))))
    span = metric_span(layout.doc, str(lane.get("id"))) if kind == "metric" else (0.0, 0.0)
    for column in layout.columns:
        if column.step is None:
            continue
        step_id = str(column.step["id"])
        cell = ET.Element(
            "g", {"class": "jmw-cell", "data-lane-id": clean(lane.get("id")), "data-step-id": clean(step_id)}
        )
        inner = column.width - 12
        bottom = cell_contents(cell, row, column, values.get(step_id), span)
        cell_notes = annotation_labels(notes.get((str(lane.get("id")), step_id), {}))
        if cell_notes:
            top = bottom + 2
            bottom = annotation_block(cell, 6, top, inner, cell_notes)
            row.texts.append((column.x + 6, top, inner, bottom - top))
        row.cells[step_id] = cell
        height = max(height, bottom + 6)
    row.height = float(EMOTION_H) if kind == "emotion" and height <= EMOTION_H else height
    return row


def cell_contents(cell: ET.Element, row: Row, column: Column, value: Any, span: tuple[float, float]) -> float:
    """Draw ``value`` as the lane's kind shows it; return the y below it. Cards' boxes go into ``row``."""
    lane = row.lane
    kind = str(lane.get("kind", "text"))
    inner = column.width - 12
    bottom = 6.0
    if kind == "emotion":
        bottom = float(EMOTION_H)
    elif value is None:
        pass
    elif kind == "cards" and isinstance(value, list):
        boxes: dict[str, tuple[float, float, float, float]] = {}
        bottom = cards_cell(cell, value, inner, boxes)
        row.cards.update({card: (column.x + x, y0, w, h) for card, (x, y0, w, h) in boxes.items()})
    elif kind == "channels" and isinstance(value, list):
        bottom = channels_cell(cell, value, inner)
    elif kind == "metric" and cell_number(value) is not None:
        bottom = metric_cell(cell, evidence_of(value) or {}, lane, span, inner)
    elif isinstance(value, (str, int, float)):
        bottom = text_cell(cell, value, inner)
    else:  # a value this version does not know how to draw: show it as data, losing nothing
        bottom = text_cell(cell, json.dumps(value, ensure_ascii=False), inner)
    if kind not in ("emotion", "cards") and bottom > 6:
        row.texts.append((column.x + 6, 6.0, inner, bottom - 6))
    return bottom


def draw_row(svg: ET.Element, layout: Layout, row: Row) -> None:
    """The placed row: lane header (tinted by its zone), cell backgrounds and cells, the emotion curves."""
    lane = row.lane
    zone = zone_of(lane)
    row_group = el(svg, "g", class_="jmw-row", data_lane_id=lane.get("id"), data_kind=lane.get("kind"))
    el(
        row_group,
        "rect",
        x=float(layout.left),
        y=row.y,
        width=float(LANE_W),
        height=row.height,
        fill=ZONE_TINTS[zone] if zone else COLORS["bg_alt"],
        stroke=COLORS["border"],
    )
    el(
        row_group,
        "line",
        x1=float(layout.body_x),
        y1=row.y,
        x2=float(layout.body_x),
        y2=row.y + row.height,
        stroke=COLORS["strong"],
    )
    if row.header is not None:
        group(row_group, layout.left, row.y).extend(list(row.header))
    for column in layout.columns:
        fill = COLORS["bg"] if column.step is not None else COLORS["bg_alt"]
        el(
            row_group,
            "rect",
            x=column.x,
            y=row.y,
            width=column.width,
            height=row.height,
            fill=fill,
            stroke=COLORS["border"],
        )
        if column.step is not None and str(column.step["id"]) in row.cells:
            cell = row.cells[str(column.step["id"])]
            cell.set("transform", f"translate({num(column.x)} {num(row.y)})")
            row_group.append(cell)
    if lane.get("kind") == "emotion":
        emotion_curves(row_group, layout, row)


__all__ = ["build_row", "cell_contents", "draw_row", "lane_header"]
