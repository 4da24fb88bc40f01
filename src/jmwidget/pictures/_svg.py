"""The map as one standalone SVG picture, drawn in pure Python (and as PNG through vl-convert).

The picture follows the widget's light theme and geometry (a 200 px lane column, 170 px step
columns, a 132 px emotion row): stage headers spanning their steps, step headers, one row per
lane with its title, wrapped text, cards as sticky notes with their impact, channels as chips,
metrics as formatted numbers with a bar, the emotion curves with the neutral line. Service
blueprint parts are drawn when the document has them: lane ``zone`` bands, the lines of
interaction / visibility / internal interaction between zones, ``connections`` as arrows and
fail / wait points, durations, costs and owners on cards and cells.

Every piece of user text goes through ElementTree, which escapes it; nothing is spliced into
markup by hand.

>>> from jmwidget import Journey
>>> svg = to_svg(Journey.from_template("onboarding"))
>>> svg.startswith("<svg")
True
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from ..model import JourneyError
from ._blueprint_marks import (
    ZONE_LINES,
    ZONE_NAMES,
    ZONE_SHORT_NAMES,
    ZONE_TINTS,
    ZONES,
    as_dict,
    cell_annotations,
    zone_of,
)
from ._elements import draw_text, el, num
from ._geometry import PAD, RULE_H, SMALL, ZONE_W, Box, Layout, Row
from ._header import headers, title_block
from ._rows import build_row, draw_row
from ._textfit import fit, text_width
from ._theme import COLORS, FONT

if TYPE_CHECKING:
    from ..model import Journey

SVG_NS = "http://www.w3.org/2000/svg"


# ---------------------------------------------------------------- blueprint


def zone_runs(rows: list[Row]) -> list[tuple[str, float, float]]:
    """``(zone, top, bottom)`` of each run of placed rows in one zone (a zone line may sit between them)."""
    runs: list[tuple[str, float, float]] = []
    for row in rows:
        zone = zone_of(row.lane)
        if zone is None:
            continue
        if runs and runs[-1][0] == zone and abs(runs[-1][2] - row.y) <= RULE_H:
            runs[-1] = (zone, runs[-1][1], row.y + row.height)
        else:
            runs.append((zone, row.y, row.y + row.height))
    return runs


def zone_bands(svg: ET.Element, rows: list[Row]) -> None:
    """A tinted band left of the lane headers for each run, with the zone's name turned upwards."""
    for zone, top, bottom in zone_runs(rows):
        band = el(svg, "g", class_="jmw-zone", data_zone=zone)
        el(
            band,
            "rect",
            x=float(PAD),
            y=top,
            width=float(ZONE_W - 2),
            height=bottom - top,
            rx=3.0,
            fill=ZONE_TINTS[zone],
            stroke=COLORS["strong"],
        )
        room = bottom - top - 8
        name = ZONE_NAMES[zone] if text_width(ZONE_NAMES[zone], 10.5, bold=True) <= room else ZONE_SHORT_NAMES[zone]
        size = 10.5 if text_width(name, 10.5, bold=True) <= room else 8.0
        label = fit(name, room, size)
        cx, cy = PAD + (ZONE_W - 2) / 2, (top + bottom) / 2
        draw_text(
            band,
            cx + size / 3,
            cy,
            label,
            size=size,
            bold=True,
            fill=COLORS["rule"],
            anchor="middle",
            transform=f"rotate(-90 {num(cx + size / 3)} {num(cy)})",
        )


def lines_between(previous: dict[str, Any] | None, lane: dict[str, Any]) -> list[int]:
    """The zone lines (indexes of :data:`ZONES`) crossed going from the zone of ``previous`` to ``lane``'s."""
    before, after = zone_of(previous or {}), zone_of(lane)
    if before is None or after is None:
        return []
    a, b = sorted((ZONES.index(before), ZONES.index(after)))
    return [line for line in range(a + 1, b + 1) if line in ZONE_LINES]


def draw_zone_line(svg: ET.Element, layout: Layout, line: int, y: float) -> None:
    """Zone line ``line`` across the map at ``y``, with its name on a label over the grid."""
    name, dash = ZONE_LINES[line]
    rule = el(svg, "g", class_="jmw-zone-line", data_line=name.lower().replace(" ", "-"))
    el(
        rule,
        "line",
        x1=float(PAD),
        y1=y,
        x2=float(layout.right),
        y2=y,
        stroke=COLORS["rule"],
        stroke_width=1.6,
        stroke_dasharray=dash,
    )
    label_w = text_width(name, SMALL, bold=True) + 12
    el(
        rule,
        "rect",
        x=float(layout.body_x + 8),
        y=y - 8,
        width=label_w,
        height=16.0,
        rx=8.0,
        fill=COLORS["bg"],
        stroke=COLORS["rule"],
    )
    draw_text(rule, layout.body_x + 14, y + 4, name, size=SMALL, bold=True, fill=COLORS["rule"])


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


# ---------------------------------------------------------------- assembly


def render(doc: Mapping[str, Any]) -> ET.Element:
    """The ``<svg>`` element of ``doc``: title, headers, rows, zone bands and lines, then arrows on top."""
    layout = Layout.of(doc)
    svg = ET.Element("svg", {"xmlns": SVG_NS, "role": "img", "font-family": FONT, "class": "jmw-svg"})
    title = str(doc.get("title") or "Untitled journey")
    el(svg, "title", title, id=f"jmw-title-{layout.uid}")
    el(svg, "desc", description(layout), id=f"jmw-desc-{layout.uid}")
    svg.set("aria-labelledby", f"jmw-title-{layout.uid} jmw-desc-{layout.uid}")
    background = el(svg, "rect", x=0.0, y=0.0, fill=COLORS["bg"])
    top = title_block(svg, layout)
    notes = cell_annotations(doc)
    rows = [build_row(layout, lane, notes) for lane in layout.lanes]
    y = headers(svg, layout, top) if layout.columns or rows else top
    y, rules = stack_rows(rows, y)
    for row in rows:
        draw_row(svg, layout, row)
    y = empty_notice(svg, layout, rows, y)
    if layout.zoned:
        zone_bands(svg, rows)
    for line, rule_y in rules:
        draw_zone_line(svg, layout, line, rule_y)
    connections(svg, layout, rows)
    height = y + PAD
    width = max(layout.width, layout.body_x + 140 + PAD)
    for key, value in (("width", width), ("height", height)):
        svg.set(key, num(value))
        background.set(key, num(value))
    svg.set("viewBox", f"0 0 {num(width)} {num(height)}")
    return svg


def stack_rows(rows: list[Row], y: float) -> tuple[float, list[tuple[int, float]]]:
    """Place the rows from ``y`` down, with room for a zone line where the zone changes.

    Returns the y below them and each zone line with its y.
    """
    rules: list[tuple[int, float]] = []
    previous: dict[str, Any] | None = None
    for row in rows:
        for line in lines_between(previous, row.lane):
            rules.append((line, y + RULE_H / 2))
            y += RULE_H
        row.y = y
        y += row.height
        if zone_of(row.lane):
            previous = row.lane
    return y, rules


def empty_notice(svg: ET.Element, layout: Layout, rows: list[Row], y: float) -> float:
    """Say so when the map has no stages or no lanes; return the y below the map."""
    if not rows and not layout.columns:
        draw_text(svg, PAD, y + 20, "This map has no stages or lanes yet.", fill=COLORS["muted"])
        y += 32
    elif not layout.columns:
        draw_text(svg, layout.body_x + 10, rows[0].y + 20 if rows else y + 20, "No stages yet.", fill=COLORS["muted"])
    return y


def description(layout: Layout) -> str:
    """The picture's ``<desc>``: state, personas, and how many stages, steps and lanes."""
    doc = layout.doc
    steps = sum(1 for c in layout.columns if c.step is not None)
    stages = len(doc.get("stages", []))
    names = ", ".join(str(p.get("name", "")) for p in layout.personas)
    state = "future-state" if doc.get("state") == "future" else "current-state"
    return textwrap.shorten(
        f"A {state} journey map for {names}: {stages} stages, {steps} steps, {len(layout.lanes)} lanes.", 600
    )


def _document(journey: Journey | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(journey, Mapping):
        return journey
    to_dict = getattr(journey, "to_dict", None)
    if not callable(to_dict):
        raise JourneyError(f"to_svg() takes a jmwidget.Journey or a document dict, got {type(journey).__name__}")
    document: Mapping[str, Any] = to_dict()
    return document


def to_svg(journey: Journey | Mapping[str, Any]) -> str:
    """The map as a standalone SVG document (a string starting with ``<svg``).

    It has ``xmlns``, ``width``/``height`` and a ``viewBox``, ``role="img"`` and a ``<title>``
    holding the map's title; user text is escaped. Open it in a browser, put it in a slide, or
    convert it with :func:`to_png`.
    """
    root = render(_document(journey))
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


def to_png(journey: Journey | Mapping[str, Any], *, scale: float = 2.0) -> bytes:
    """The map as PNG bytes: :func:`to_svg` rasterised by vl-convert (``scale`` 2 = 2 px per SVG px)."""
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not 0 < scale <= 16:
        raise JourneyError(f"to_png(scale=...): the scale must be a number above 0 and at most 16, got {scale!r}")
    import vl_convert

    png: bytes = vl_convert.svg_to_png(to_svg(journey), scale=float(scale))
    return png


#: The static fallback draws at most this many cells (steps x lanes): a display must stay cheap.
FALLBACK_CELLS = 600


def fallback_document(journey: Journey, *, cells: int = FALLBACK_CELLS) -> dict[str, Any]:
    """The document the static fallback draws: the whole map, or its first steps when it is large.

    A map with more than ``cells`` cells keeps its first ``cells // lanes`` steps (at least one),
    the connections and annotations among them, and says so in its title.
    """
    doc = journey.to_dict()
    steps = [step["id"] for stage in doc["stages"] for step in stage["steps"]]
    keep_count = max(1, cells // max(1, len(doc["lanes"])))
    if len(steps) <= keep_count:
        return doc
    keep = set(steps[:keep_count])
    doc["stages"] = [
        {**stage, "steps": [step for step in stage["steps"] if step["id"] in keep]}
        for stage in doc["stages"]
        if any(step["id"] in keep for step in stage["steps"])
    ]
    for key in ("cells", "annotations"):
        if key in doc:
            doc[key] = {lane: {s: v for s, v in row.items() if s in keep} for lane, row in doc[key].items()}
    if "connections" in doc:
        doc["connections"] = [c for c in doc["connections"] if c["from"]["step"] in keep and c["to"]["step"] in keep]
    doc["title"] = f"{doc['title']} (first {keep_count} of {len(steps)} steps)"
    return doc


def mimebundle(journey: Journey) -> dict[str, str]:
    """Static display data for places without a widget front end (GitHub, nbviewer, nbconvert).

    ``text/html`` holds the SVG inline, so its text can be searched and selected, in a box that
    scrolls sideways; ``image/svg+xml`` is the same picture; ``text/plain`` a one-line summary.
    Large maps are drawn in part (:func:`fallback_document`), so displaying one stays fast.
    """
    svg = to_svg(fallback_document(journey))
    html = f'<div class="jmw-static" style="max-width:100%;overflow-x:auto">{svg}</div>'
    return {"text/html": html, "image/svg+xml": svg, "text/plain": repr(journey)}


__all__ = ["fallback_document", "mimebundle", "render", "to_png", "to_svg"]
