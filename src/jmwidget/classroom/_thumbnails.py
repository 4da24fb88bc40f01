"""A compact grid picture of each map, small enough to see a class of 30 on one screen.

One square per cell (lanes as rows, steps as columns, a gap between stages): dark when the cell
has content, pale when it is empty, emotion cells coloured by mood (red low, amber neutral, green
high). Against a template, cells that differ from it get a blue outline and a step the template
has not a blue bar on top. Every picture has a ``<title>`` and a ``<desc>``; user text goes
through ElementTree, which escapes it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from .._atomic import write_text
from ..diff import compare
from ..model.formatting import display_text, mood_of
from ..prose import plural, value_of

if TYPE_CHECKING:
    from ..model import Journey

CELL, GAP, STAGE_GAP, PAD = 10, 2, 5, 4
LABEL_W, HEAD_H = 64, 34
FONT = "'Liberation Sans', Arial, Helvetica, sans-serif"
COLORS = {
    "filled": "#475569", "some": "#94a3b8", "empty": "#f1f5f9", "edge": "#cbd5e1", "changed": "#2563eb",
    "low": "#ef4444", "neutral": "#f59e0b", "high": "#22c55e", "text": "#111827", "muted": "#6b7280",
}  # fmt: skip
LEGEND = (
    "Each square is a cell: dark with content, pale when empty; emotion red, amber or green for low, neutral or "
    "high. A blue outline marks a cell that differs from the template, a blue bar a step the template has not."
)


def _fill(lane: Mapping[str, Any], value: Any, scale: Mapping[str, Any]) -> str:
    if lane["kind"] == "emotion":
        numbers = [v for v in (value_of(x) for x in (value or {}).values()) if v is not None]
        return COLORS[mood_of(numbers[0], dict(scale))] if numbers else COLORS["empty"]
    if value in (None, "", []):
        return COLORS["empty"]
    return COLORS["some"] if lane["kind"] == "cards" and len(value) == 1 else COLORS["filled"]


def _columns(doc: Mapping[str, Any]) -> list[tuple[str, float]]:
    """Each step's id and x, stage by stage."""
    x, out = float(LABEL_W), []
    for stage in doc["stages"]:
        for step in stage["steps"]:
            out.append((step["id"], x))
            x += CELL + GAP
        x += STAGE_GAP
    return out


def thumbnail(journey: Journey, *, name: str | None = None, template: Journey | None = None, note: str = "") -> str:
    """The map as a small grid picture (an SVG string); see the module docstring.

    >>> from jmwidget import Journey
    >>> thumbnail(Journey.from_template("onboarding"), name="ana").startswith("<svg")
    True
    """
    doc = journey.document
    columns = _columns(doc)
    marks: dict[tuple[str, str], str] = {}
    new_steps: set[str] = set()
    if template is not None:
        diff = compare(template, journey)
        marks = {(c["lane"], c["step"]): c["kind"] for c in diff.cells()}
        new_steps = {c.id for c in diff if c.what == "step" and c.change == "added" and c.id}
    width = (columns[-1][1] + CELL if columns else LABEL_W) + PAD
    height = HEAD_H + len(doc["lanes"]) * (CELL + GAP) + PAD
    title = display_text(name or doc["title"])
    size = {"width": f"{width:g}", "height": f"{height:g}", "viewBox": f"0 0 {width:g} {height:g}"}
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "role": "img", "font-family": FONT, **size})
    ET.SubElement(svg, "title").text = title
    ET.SubElement(svg, "desc").text = display_text(
        f"{doc['title']}: {plural(len(columns), 'step')}, {plural(len(doc['lanes']), 'lane')}. {note}".strip()
    )
    _text(svg, PAD, 13, title[:40], size=11, weight="bold")
    _text(svg, PAD, 26, display_text(note)[:60], size=9, fill=COLORS["muted"])
    for step, x in columns:
        if step in new_steps:
            ET.SubElement(svg, "rect", {"x": f"{x:g}", "y": f"{HEAD_H - 4}", "width": f"{CELL}", "height": "2",
                                        "fill": COLORS["changed"]})  # fmt: skip
    for row, lane in enumerate(doc["lanes"]):
        y = HEAD_H + row * (CELL + GAP)
        _text(svg, PAD, y + CELL - 1, display_text(lane["name"])[:13], size=8, fill=COLORS["muted"])
        cells = doc["cells"].get(lane["id"], {})
        for step, x in columns:
            attrs = {"x": f"{x:g}", "y": f"{y:g}", "width": f"{CELL}", "height": f"{CELL}", "rx": "1.5",
                     "fill": _fill(lane, cells.get(step), doc["emotion_scale"]), "stroke": COLORS["edge"],
                     "stroke-width": "0.5"}  # fmt: skip
            if (lane["id"], step) in marks:
                attrs.update(stroke=COLORS["changed"], **{"stroke-width": "1.4"})
            ET.SubElement(svg, "rect", attrs)
    return ET.tostring(svg, encoding="unicode")


def _text(parent: ET.Element, x: float, y: float, text: str, *, size: int, **attrs: str) -> None:
    node = ET.SubElement(parent, "text", {"x": f"{x:g}", "y": f"{y:g}", "font-size": str(size), "fill": COLORS["text"]})
    for key, value in attrs.items():
        node.set("font-weight" if key == "weight" else key, value)
    node.text = text


@dataclass
class Thumbnails:
    """The grid pictures of a class (``svgs``: map name -> SVG) with a caption each; shown as a
    grid in a notebook, or saved as one self-contained HTML page with :meth:`save`."""

    svgs: dict[str, str]
    captions: dict[str, str]

    def html(self) -> str:
        """The pictures as an HTML fragment: a grid of figures with captions, and the legend."""
        figures = "".join(
            f'<figure style="margin:0">{svg}<figcaption style="font-size:11px;color:#374151">'
            f"{html.escape(self.captions.get(name, ''))}</figcaption></figure>"
            for name, svg in self.svgs.items()
        )
        return (
            f'<div class="jmw-thumbnails"><p style="font-size:12px;color:#4b5563">{html.escape(LEGEND)}</p>'
            '<div style="display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:12px">'
            f"{figures}</div></div>"
        )

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return f"<Thumbnails: {len(self.svgs)} maps>"

    def save(self, path: str | Path, *, title: str = "Class maps") -> Path:
        """Write one HTML page of the pictures (atomically); returns the path."""
        page = (
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
            '<body style="font-family:system-ui,sans-serif;margin:16px">'
            f'<h1 style="font-size:18px">{html.escape(title)}</h1>{self.html()}</body></html>\n'
        )
        return write_text(path, page)
