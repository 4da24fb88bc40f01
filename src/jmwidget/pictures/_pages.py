"""A map cut into printed pages: the step columns split at stage boundaries (a stage wider than a
page is split between its steps, its name marked "continued"), the lanes split between lanes when a
page is too short for them all. Every page is a whole drawing of its part of the map by
:func:`._svg.render`, so the title, state and legend, the STAGE and STEP headers and the lane
headers with the emotion scale are on every page; the first page also carries the map's
description. Each page is an SVG whose user unit is one PDF point (1/72 inch), ready for
:mod:`._pdf` and the HTML export's print stylesheet.

The map is drawn at its screen size (1 px = 0.75 pt, CSS's own ratio) and shrunk, down to
:data:`MIN_SCALE`, to keep a page's stages whole; below that a page is split rather than shrunk.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

from ..model import JourneyError
from ..prose import describe
from ._blueprint_marks import as_dict, cell_annotations
from ._elements import draw_lines, draw_text, el, num
from ._geometry import LANE_W, PAD, STEP_W, STUB_W, ZONE_W, Layout
from ._rows import build_row
from ._svg import SVG_NS, render
from ._textfit import wrap
from ._theme import COLORS, FONT

MM = 72 / 25.4
#: Page sizes in points, portrait (width, height): ISO A0-A5, US Letter, Legal and Tabloid.
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A0": (841 * MM, 1189 * MM),
    "A1": (594 * MM, 841 * MM),
    "A2": (420 * MM, 594 * MM),
    "A3": (297 * MM, 420 * MM),
    "A4": (210 * MM, 297 * MM),
    "A5": (148 * MM, 210 * MM),
    "Letter": (612.0, 792.0),
    "Legal": (612.0, 1008.0),
    "Tabloid": (792.0, 1224.0),
}
#: The map's screen size on paper (CSS: 96 px = 72 pt), and the smallest it is shrunk to.
MAX_SCALE = 0.75
MIN_SCALE = 0.6
MARGIN = 10 * MM
FOOTER_H = 14.0
#: A description taller than this share of the page goes on a page of its own.
COVER_SHARE = 0.2
#: Room for the title above the description on a page of its own.
COVER_TITLE_H = 34.0
DESCRIPTION_SIZE = 10.0


@dataclass(frozen=True)
class PageSetup:
    """A page's size in points (already turned for the orientation) and its margin."""

    width: float
    height: float
    margin: float = MARGIN

    @classmethod
    def of(cls, page: str | tuple[float, float], orientation: str) -> PageSetup:
        """``page`` is a name of :data:`PAGE_SIZES` (any case) or ``(width_mm, height_mm)``."""
        if orientation not in ("landscape", "portrait"):
            raise JourneyError(f"to_pdf(orientation=...): use 'landscape' or 'portrait', got {orientation!r}")
        if isinstance(page, str):
            sizes = {name.lower(): size for name, size in PAGE_SIZES.items()}
            if page.lower() not in sizes:
                raise JourneyError(f"to_pdf(page=...): unknown page size {page!r}; use one of {', '.join(PAGE_SIZES)}")
            short, long = sizes[page.lower()]
        elif (
            isinstance(page, tuple)
            and len(page) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) and 50 <= v <= 5000 for v in page)
        ):
            short, long = sorted((page[0] * MM, page[1] * MM))
        else:
            raise JourneyError(
                f"to_pdf(page=...): a page is a size name ({', '.join(PAGE_SIZES)}) or (width_mm, height_mm) "
                f"with each side 50-5000 mm, got {page!r}"
            )
        return cls(long, short) if orientation == "landscape" else cls(short, long)


@dataclass
class Page:
    """One printed page: the stages (with the steps on it) and the lanes it shows."""

    stages: list[dict[str, Any]]
    lanes: list[dict[str, Any]]


def part(doc: Mapping[str, Any], stages: list[dict[str, Any]], lanes: list[dict[str, Any]]) -> dict[str, Any]:
    """``doc`` showing only ``stages`` and ``lanes`` (cells, connections and notes stay whole: the
    drawing skips what it cannot place, and a metric's bars keep the whole lane's range)."""
    return {**doc, "stages": stages, "lanes": lanes}


def column_groups(doc: Mapping[str, Any], body_w: float) -> list[list[dict[str, Any]]]:
    """The stages packed into pages of ``body_w`` px of step columns, split only at stage boundaries
    unless one stage alone is wider than a page."""
    per_page = max(1, int(body_w // STEP_W))
    pieces: list[tuple[dict[str, Any], float]] = []
    for stage in map(as_dict, doc.get("stages", [])):
        steps = list(stage.get("steps", []))
        if len(steps) <= per_page:
            pieces.append((stage, len(steps) * STEP_W if steps else STUB_W))
            continue
        for start in range(0, len(steps), per_page):
            name = str(stage.get("name", "")) + (" (continued)" if start else "")
            chunk = steps[start : start + per_page]
            pieces.append(({**stage, "name": name, "steps": chunk}, len(chunk) * STEP_W))
    groups: list[list[dict[str, Any]]] = []
    used = body_w + 1
    for stage, width in pieces:
        if used + width > body_w:
            groups.append([])
            used = 0.0
        groups[-1].append(stage)
        used += width
    return groups or [[]]


def lane_groups(doc: Mapping[str, Any], stages: list[dict[str, Any]], room: float) -> list[list[dict[str, Any]]]:
    """The lanes packed into pages of ``room`` px height (headers included), split between lanes."""
    lanes = [as_dict(lane) for lane in doc.get("lanes", [])]
    frame = float(render(part(doc, stages, [])).get("height", "0"))
    layout = Layout.of(part(doc, stages, lanes))
    notes = cell_annotations(doc)
    groups: list[list[dict[str, Any]]] = [[]]
    used = frame
    for lane in lanes:
        height = build_row(layout, lane, notes).height + (22 if lane.get("zone") else 0)  # room for a zone line
        if groups[-1] and used + height > room:
            groups.append([])
            used = frame
        groups[-1].append(lane)
        used += height
    return groups


def paginate(doc: Mapping[str, Any], setup: PageSetup, first_top: float) -> list[Page]:
    """The pages of ``doc``: column groups left to right, each split into lane groups top to bottom."""
    inner_w = setup.width - 2 * setup.margin
    inner_h = setup.height - 2 * setup.margin - FOOTER_H - first_top
    zoned = any(as_dict(lane).get("zone") for lane in doc.get("lanes", []))
    frame_w = 2 * PAD + LANE_W + (ZONE_W if zoned else 0)
    pages: list[Page] = []
    for stages in column_groups(doc, inner_w / MIN_SCALE - frame_w):
        for lanes in lane_groups(doc, stages, inner_h / MIN_SCALE):
            pages.append(Page(stages, lanes))
    return pages


def _default_description(doc: Mapping[str, Any]) -> str:
    """The map's own description, then what :func:`jmwidget.prose.describe` says about it."""
    own = str(doc.get("description") or "").strip()
    return "\n\n".join(part for part in (own, describe(doc)) if part)


def description_block(svg: ET.Element, text: str, setup: PageSetup) -> float:
    """The map's description at the top of the first page; return its height in points."""
    lines = wrap(text.strip(), setup.width - 2 * setup.margin, DESCRIPTION_SIZE)  # drawn in points, unscaled
    if not lines:
        return 0.0
    bottom = draw_lines(svg, setup.margin, setup.margin, lines, size=DESCRIPTION_SIZE, fill=COLORS["fg"])
    return bottom - setup.margin + 8


def fitted_scale(drawings: list[ET.Element], setup: PageSetup, first_top: float) -> float:
    """One scale for every page (the same text size throughout): the largest, up to
    :data:`MAX_SCALE`, at which every page's drawing fits its room."""
    scale = MAX_SCALE
    for index, drawing in enumerate(drawings):
        room_w = setup.width - 2 * setup.margin
        room_h = setup.height - 2 * setup.margin - FOOTER_H - (first_top if index == 0 else 0.0)
        scale = min(scale, room_w / float(drawing.get("width", "1")), room_h / float(drawing.get("height", "1")))
    return scale


def blank_page(setup: PageSetup, classes: str) -> ET.Element:
    """An empty page: an SVG in points, the page's size, its background."""
    svg = ET.Element("svg", {"xmlns": SVG_NS, "font-family": FONT, "class": classes})
    for key, value in (("width", setup.width), ("height", setup.height)):
        svg.set(key, num(value))
    svg.set("viewBox", f"0 0 {num(setup.width)} {num(setup.height)}")
    el(svg, "rect", x=0.0, y=0.0, width=setup.width, height=setup.height, fill=COLORS["bg"])
    return svg


def page_svg(drawing: ET.Element, scale: float, setup: PageSetup, head: ET.Element, footer: str) -> str:
    """One page as an SVG in points: ``head``'s children (the description), the part of the map at
    ``scale`` below them, and a footer line."""
    svg = blank_page(setup, "jmw-page")
    svg.extend(list(head))
    drawing.set("x", num(setup.margin))
    drawing.set("y", num(setup.margin + float(head.get("height", "0"))))
    for key in ("width", "height"):
        drawing.set(key, num(float(drawing.get(key, "1")) * scale))
    svg.append(drawing)
    draw_text(svg, setup.margin, setup.height - setup.margin + 2, footer, size=8, fill=COLORS["muted"])
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)


def footer_text(doc: Mapping[str, Any], page: Page | None, number: int, count: int) -> str:
    """The footer: the title, the first and last stage on the page (the cover: "about this map"),
    ``page 2 of 6``."""
    title = str(doc.get("title") or "Untitled journey")
    if page is None:
        return textwrap.shorten(f"{title} \u00b7 about this map", 140) + f" \u00b7 page {number} of {count}"
    stages = [str(s.get("name", "")) for s in page.stages]
    where = f"{stages[0]} \u2013 {stages[-1]}" if len(stages) > 1 else (stages[0] if stages else "")
    return textwrap.shorten(f"{title} \u00b7 {where}", 140) + f" \u00b7 page {number} of {count}"


def page_svgs(
    doc: Mapping[str, Any], page: str | tuple[float, float], orientation: str, description: str | None
) -> list[str]:
    """Every page of ``doc`` as an SVG string (user unit: 1 pt). ``description`` defaults to the map's own."""
    setup = PageSetup.of(page, orientation)
    if description is not None and not isinstance(description, str):
        raise JourneyError(f"to_pdf(description=...): the description is text, got {type(description).__name__}")
    text = _default_description(doc) if description is None else description
    first = ET.Element("g")
    first_top = description_block(first, text, setup) if text.strip() else 0.0
    first.set("height", num(first_top))
    # A long description gets a page of its own, so the map's pages keep their size.
    cover = first_top > COVER_SHARE * (setup.height - 2 * setup.margin - FOOTER_H)
    map_top = 0.0 if cover else first_top
    pages = paginate(doc, setup, map_top)
    drawings = [render(part(doc, p.stages, p.lanes)) for p in pages]
    scale = fitted_scale(drawings, setup, map_top)
    count = len(pages) + cover
    title = str(doc.get("title") or "Untitled journey")
    svgs = [cover_svg(first, setup, title, footer_text(doc, None, 1, count))] if cover else []
    for number, (p, drawing) in enumerate(zip(pages, drawings, strict=True), start=1 + cover):
        head = first if number == 1 else ET.Element("g")
        svgs.append(page_svg(drawing, scale, setup, head, footer_text(doc, p, number, count)))
    return svgs


def cover_svg(head: ET.Element, setup: PageSetup, title: str, footer: str) -> str:
    """A first page holding the title and the description (too long to share a page with the map)."""
    svg = blank_page(setup, "jmw-page jmw-cover")
    draw_text(svg, setup.margin, setup.margin + 14, title, size=18, bold=True)
    body = el(svg, "g", transform=f"translate(0 {num(COVER_TITLE_H)})")
    body.extend(list(head))
    draw_text(svg, setup.margin, setup.height - setup.margin + 2, footer, size=8, fill=COLORS["muted"])
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)


__all__ = ["MAX_SCALE", "MIN_SCALE", "PAGE_SIZES", "Page", "PageSetup", "column_groups", "page_svgs", "paginate"]
