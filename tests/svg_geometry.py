"""Whether an arrow or a label covers text in a drawn SVG picture: the Python counterpart of
tests/e2e/arrow_geometry.js, read back from the SVG alone.

Text boxes come from the drawing: every ``<text>`` line (its width estimated with the Arial metrics
the picture is laid out with, its height from the ascent and descent of the font size) and every
card's rectangle. Arrows are read from their drawn path (each run a thin box), leaders from their
line, labels from their background rectangle. Translations of groups are followed; text turned by
a rotation (the zone names, outside the body where arrows run) is left out.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from jmwidget.pictures._textfit import text_width

SVG = "{http://www.w3.org/2000/svg}"
TRANSLATE = re.compile(r"^translate\((-?[\d.]+)[ ,]+(-?[\d.]+)\)$")
POINT = re.compile(r"[ML](-?[\d.]+)[ ,](-?[\d.]+)")
#: Overlaps up to this many px are a touch, not a cover (an arrow ends on its card's edge).
TOUCH = 0.5
ASCENT, DESCENT = 0.9, 0.21  # Arial's, in em


@dataclass(frozen=True)
class Rect:
    left: float
    top: float
    right: float
    bottom: float

    @classmethod
    def of(cls, x: float, y: float, w: float, h: float) -> Rect:
        return cls(x, y, x + w, y + h)

    def covers(self, other: Rect) -> bool:
        return (
            self.left < other.right - TOUCH
            and other.left < self.right - TOUCH
            and self.top < other.bottom - TOUCH
            and other.top < self.bottom - TOUCH
        )


def walk(node: ET.Element, dx: float = 0.0, dy: float = 0.0) -> Iterator[tuple[ET.Element, float, float]]:
    """Every element under ``node`` with the translation its ancestors give it; not into rotated groups
    or nested ``<svg>`` drawings (check those on their own)."""
    for child in node:
        transform = child.get("transform", "")
        if child.tag == f"{SVG}svg" or (transform and not TRANSLATE.match(transform)):
            continue
        match = TRANSLATE.match(transform)
        x, y = (dx + float(match[1]), dy + float(match[2])) if match else (dx, dy)
        yield child, x, y
        yield from walk(child, x, y)


def f(element: ET.Element, name: str) -> float:
    return float(element.get(name, "0"))


def text_box(element: ET.Element, dx: float, dy: float) -> Rect:
    size = f(element, "font-size") or 13.0
    width = text_width(element.text or "", size, bold=element.get("font-weight") == "bold")
    x = f(element, "x") + dx
    x -= {"middle": width / 2, "end": width}.get(element.get("text-anchor", ""), 0.0)
    y = f(element, "y") + dy
    return Rect(x, y - ASCENT * size, x + width, y + DESCENT * size)


def texts(svg: ET.Element) -> list[tuple[str, Rect]]:
    """The picture's text lines and cards, named, outside the arrows' own group."""
    found: list[tuple[str, Rect]] = []
    arrows = {id(e) for g in svg.iter(f"{SVG}g") if g.get("class") == "jmw-connections" for e in g.iter()}
    for element, dx, dy in walk(svg):
        if id(element) in arrows:
            continue
        if element.tag == f"{SVG}text" and (element.text or "").strip():
            found.append((f'text "{element.text.strip()[:30]}"', text_box(element, dx, dy)))
        elif element.tag == f"{SVG}g" and element.get("class") == "jmw-card":
            rect = [r for r in element if r.tag == f"{SVG}rect"][-1]  # the note (the first is its shadow)
            box = Rect.of(f(rect, "x") + dx, f(rect, "y") + dy, f(rect, "width"), f(rect, "height"))
            found.append((f"card at {box.left:.0f},{box.top:.0f}", box))
    return found


def arrow_parts(svg: ET.Element) -> tuple[list[tuple[str, str, Rect]], list[str]]:
    """Each arrow's runs, leader and label as ``(arrow id, part, box)``, and the diagonal runs found."""
    parts: list[tuple[str, str, Rect]] = []
    diagonal: list[str] = []
    for g in svg.iter(f"{SVG}g"):
        if g.get("class") != "jmw-connection":
            continue
        ident = g.get("data-connection-id", "?")
        path = g.find(f"{SVG}path")
        points = [(float(x), float(y)) for x, y in POINT.findall(path.get("d", "") if path is not None else "")]
        for (x1, y1), (x2, y2) in itertools.pairwise(points):
            if x1 != x2 and y1 != y2:
                diagonal.append(f"arrow {ident}: a diagonal run")
            box = Rect(min(x1, x2) - 0.01, min(y1, y2) - 0.01, max(x1, x2) + 0.01, max(y1, y2) + 0.01)
            parts.append((ident, "run", box))
        for line in g.iter(f"{SVG}line"):
            xs, ys = sorted((f(line, "x1"), f(line, "x2"))), sorted((f(line, "y1"), f(line, "y2")))
            parts.append((ident, "leader", Rect(xs[0], ys[0], xs[1], ys[1])))
        for rect in g.iter(f"{SVG}rect"):
            if rect.get("class") == "jmw-connection-label-bg":
                parts.append((ident, "label", Rect.of(f(rect, "x"), f(rect, "y"), f(rect, "width"), f(rect, "height"))))
    return parts, diagonal


def covered(svg: ET.Element, extra: Sequence[tuple[str, Rect]] = ()) -> tuple[int, int, list[str]]:
    """``(arrow parts, text boxes, hits)`` of a drawing; ``extra`` adds text boxes known otherwise."""
    boxes = texts(svg) + list(extra)
    parts, hits = arrow_parts(svg)
    for ident, what, part in parts:
        hits += [f"arrow {ident} {what} covers {name}" for name, box in boxes if part.covers(box)]
    return len(parts), len(boxes), hits
