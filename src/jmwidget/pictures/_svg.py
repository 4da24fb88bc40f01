"""The map as one standalone SVG picture, drawn in pure Python (and as PNG through vl-convert).

The picture follows the widget's light theme and geometry (a 200 px lane column, 170 px step
columns, a 132 px emotion row): stage headers spanning their steps, step headers, one row per
lane with its title, wrapped text, cards as sticky notes with their impact, channels as chips,
metrics as formatted numbers with a bar, the emotion curves with the neutral line. Service
blueprint parts are drawn when the document has them: lane ``zone`` bands, the lines of
interaction / visibility / internal interaction between zones, ``connections`` as arrows and
fail / wait points, durations, costs and owners on cards and cells.

This module puts the picture together; each part is drawn by its own module: :mod:`._header`,
:mod:`._rows` (with :mod:`._cells` and :mod:`._emotion`), :mod:`._zones` and :mod:`._arrows`, on
the sizes of :mod:`._geometry` and the colours of :mod:`._theme`.

Every piece of user text goes through ElementTree, which escapes it; nothing is spliced into
markup by hand.

>>> from jmwidget import Journey
>>> svg = to_svg(Journey.from_template("onboarding"))
>>> svg.startswith("<svg")
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from ..model import JourneyError
from ..prose import describe
from ._arrows import connections
from ._blueprint_marks import cell_annotations, zone_of
from ._elements import draw_text, el, num
from ._geometry import PAD, RULE_H, Layout, Row
from ._header import headers, title_block
from ._rows import build_row, draw_row
from ._theme import COLORS, FONT
from ._zones import draw_zone_line, lines_between, zone_bands

if TYPE_CHECKING:
    from ..model import Journey

SVG_NS = "http://www.w3.org/2000/svg"


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
    connections(svg, layout, rows, rules)
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
    """The picture's ``<desc>``: the map in plain language (:func:`jmwidget.prose.describe`)."""
    return describe(layout.doc)


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


__all__ = ["render", "to_png", "to_svg"]
