"""Service-blueprint connections in a drawn map: an arrow from box edge to box edge between two
cells or cards, with its label over the middle. Connections whose ends are not drawn are left out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree as ET

from ._blueprint_marks import as_dict
from ._elements import draw_text, el
from ._geometry import SMALL, Box, Layout, Row
from ._theme import COLORS


def connections(svg: ET.Element, layout: Layout, rows: list[Row]) -> None:
    """Every connection of the document whose two ends are drawn, over the placed rows."""
    found = [as_dict(c) for c in layout.doc.get("connections") or []]
    if not found:
        return
    cells, cards = end_boxes(layout, rows)
    marker = arrow_head(svg, layout.uid)
    arrows = el(svg, "g", class_="jmw-connections")
    for connection in found:
        ends = [as_dict(connection.get("from")), as_dict(connection.get("to"))]
        boxes = [
            cards.get(str(end.get("card"))) or cells.get((str(end.get("lane")), str(end.get("step")))) for end in ends
        ]
        source, target = boxes
        if source is None or target is None or source == target:
            continue
        arrow(arrows, connection, source, target, marker)


def end_boxes(layout: Layout, rows: list[Row]) -> tuple[dict[tuple[str, str], Box], dict[str, Box]]:
    """The boxes a connection may end at: cells by ``(lane id, step id)`` and cards by id."""
    cells: dict[tuple[str, str], Box] = {}
    cards: dict[str, Box] = {}
    for row in rows:
        for column in layout.columns:
            if column.step is not None:
                cells[(str(row.lane.get("id")), str(column.step["id"]))] = Box(
                    column.x, row.y, column.width, row.height
                )
        for card, (x, y, w, h) in row.cards.items():
            cards[card] = Box(x, row.y + y, w, h)
    return cells, cards


def arrow_head(svg: ET.Element, uid: str) -> str:
    """The arrow-head ``<marker>`` in ``<defs>``; return its id (unique per document, for inline SVG)."""
    marker = f"jmw-arrow-{uid}"
    defs = el(svg, "defs")
    head = el(
        defs,
        "marker",
        id=marker,
        viewBox="0 0 10 10",
        refX=9.0,
        refY=5.0,
        markerWidth=7.0,
        markerHeight=7.0,
        orient="auto-start-reverse",
    )
    el(head, "path", d="M0 0L10 5L0 10z", fill=COLORS["rule"])
    return marker


def arrow(parent: ET.Element, connection: Mapping[str, Any], source: Box, target: Box, marker: str) -> None:
    """One connection: a line between the facing edges of its boxes, and its label if it has one."""
    x1, y1 = source.edge_towards(*target.centre())
    x2, y2 = target.edge_towards(*source.centre())
    group = el(parent, "g", class_="jmw-connection", data_connection_id=connection.get("id"))
    el(
        group,
        "line",
        x1=x1,
        y1=y1,
        x2=x2,
        y2=y2,
        stroke=COLORS["rule"],
        stroke_width=1.6,
        marker_end=f"url(#{marker})",
    )
    if connection.get("label"):
        draw_text(
            group,
            (x1 + x2) / 2,
            (y1 + y2) / 2 - 4,
            str(connection["label"]),
            size=SMALL,
            bold=True,
            fill=COLORS["rule"],
            anchor="middle",
            stroke=COLORS["bg"],
            stroke_width=3.0,
            paint_order="stroke",
            stroke_linejoin="round",
        )


__all__ = ["arrow", "arrow_head", "connections", "end_boxes"]
