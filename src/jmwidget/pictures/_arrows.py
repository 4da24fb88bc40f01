"""Service-blueprint connections in a drawn map: arrows routed orthogonally through the gaps
between the cells' text and the cards (:mod:`._routes`, the twin of the widget's router), each label
on a small background where it covers no text. Connections whose ends are not drawn are left out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree as ET

from ._blueprint_marks import as_dict
from ._elements import draw_text, el
from ._geometry import Layout, Row
from ._routes import Box, Route, RouteArrow, RouteScene, route_all, route_path
from ._theme import COLORS
from ._tracks import ROUTES
from ._zones import zone_line_label

LABEL_SIZE = float(ROUTES["label_size"])


def short_label(label: str, most: int = ROUTES["label_chars"]) -> str:
    """A label shortened for drawing (``shortLabel`` in js/src/model/connections.ts)."""
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"


def connections(svg: ET.Element, layout: Layout, rows: list[Row], rules: list[tuple[int, float]]) -> None:
    """Every connection of the document whose two ends are drawn, routed around the text of ``rows``."""
    scene, found = route_scene(layout, rows, rules)
    if not found:
        return
    marker = arrow_head(svg, layout.uid)
    arrows = el(svg, "g", class_="jmw-connections")
    for route in route_all(scene):
        arrow(arrows, found[route.id], route, marker)


def route_scene(
    layout: Layout, rows: list[Row], rules: list[tuple[int, float]]
) -> tuple[RouteScene, dict[str, Mapping[str, Any]]]:
    """What the router needs (the body's bounds, text boxes, zone lines, arrows) and the connections by id."""
    cells, cards = end_boxes(layout, rows)
    obstacles = [*cards.values()]
    for row in rows:
        obstacles += [Box(x, row.y + y, w, h) for x, y, w, h in row.texts]
    lines: list[Box] = []
    for line, y in rules:
        obstacles.append(Box(*zone_line_label(layout, line, y)))
        lines.append(Box(layout.body_x, y - 2, layout.right - layout.body_x, 4))
    arrows: list[RouteArrow] = []
    found: dict[str, Mapping[str, Any]] = {}
    for connection in (as_dict(c) for c in layout.doc.get("connections") or []):
        ends = [as_dict(connection.get("from")), as_dict(connection.get("to"))]
        boxes = [
            cards.get(str(end.get("card"))) or cells.get((str(end.get("lane")), str(end.get("step")))) for end in ends
        ]
        source, target = boxes
        ident = str(connection.get("id"))
        if source is None or target is None or source == target or ident in found:
            continue
        found[ident] = connection
        arrows.append(RouteArrow(ident, source, target, short_label(str(connection.get("label") or ""))))
    top = rows[0].y if rows else 0.0
    bottom = rows[-1].y + rows[-1].height if rows else 0.0
    bounds = Box(layout.body_x, top, layout.right - layout.body_x, bottom - top)
    return RouteScene(bounds, obstacles, lines, arrows), found


def end_boxes(layout: Layout, rows: list[Row]) -> tuple[dict[tuple[str, str], Box], dict[str, Box]]:
    """The boxes a connection may end at: a cell's text (or its inside when empty) by ``(lane id, step id)``
    and cards by id."""
    cells: dict[tuple[str, str], Box] = {}
    cards: dict[str, Box] = {}
    for row in rows:
        texts = {x: Box(x, row.y + y, w, h) for x, y, w, h in row.texts}
        for column in layout.columns:
            if column.step is not None:
                inside = Box(column.x + 6, row.y + 6, column.width - 12, row.height - 12)
                cells[(str(row.lane.get("id")), str(column.step["id"]))] = texts.get(column.x + 6, inside)
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
        markerUnits="userSpaceOnUse",
    )
    el(head, "path", d="M0 0L10 5L0 10z", fill=COLORS["rule"])
    return marker


def arrow(parent: ET.Element, connection: Mapping[str, Any], route: Route, marker: str) -> None:
    """One connection: its routed path, and its label on a small background (with a leader if moved away)."""
    group = el(parent, "g", class_="jmw-connection", data_connection_id=connection.get("id"))
    el(
        group,
        "path",
        class_="jmw-connection-line",
        d=route_path(route.points),
        fill="none",
        stroke=COLORS["rule"],
        stroke_width=1.6,
        stroke_linejoin="round",
        marker_end=f"url(#{marker})",
    )
    if route.label is None:
        return
    box = route.label
    if route.leader:
        x1, y1, x2, y2 = route.leader
        el(
            group,
            "line",
            class_="jmw-connection-leader",
            x1=x1,
            y1=y1,
            x2=x2,
            y2=y2,
            stroke=COLORS["rule"],
            stroke_width=1.0,
            stroke_dasharray="2 2",
        )
    el(
        group,
        "rect",
        class_="jmw-connection-label-bg",
        x=box.x,
        y=box.y,
        width=box.w,
        height=box.h,
        rx=3.0,
        fill=COLORS["bg"],
        stroke=COLORS["rule"],
        stroke_width=0.8,
    )
    draw_text(
        group,
        box.x + box.w / 2,
        box.y + box.h / 2 + LABEL_SIZE * 0.36,
        short_label(str(connection.get("label") or "")),
        size=LABEL_SIZE,
        bold=True,
        fill=COLORS["fg"],
        anchor="middle",
        class_="jmw-connection-label",
    )


__all__ = ["arrow", "arrow_head", "connections", "end_boxes", "route_scene", "short_label"]
