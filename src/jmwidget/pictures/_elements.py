"""SVG element builders: every attribute value and piece of text goes through ElementTree, which
escapes it, after :func:`~jmwidget.pictures._textfit.clean` made it a string XML can hold."""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree as ET

from ._geometry import LINE_H, SIZE
from ._textfit import clean
from ._theme import COLORS


def num(value: float) -> str:
    """A number as an attribute value: at most two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def el(parent: ET.Element, tag: str, text: str | None = None, /, **attrs: object) -> ET.Element:
    """A child element; attribute names use ``_`` for ``-``, values are escaped by ElementTree."""
    values = {
        name.rstrip("_").replace("_", "-"): num(value) if isinstance(value, float) else clean(value)
        for name, value in attrs.items()
        if value is not None
    }
    element = ET.SubElement(parent, tag, values)
    if text is not None:
        element.text = clean(text)
    return element


def draw_text(
    parent: ET.Element,
    x: float,
    y: float,
    text: str,
    *,
    size: float = SIZE,
    bold: bool = False,
    fill: str = COLORS["fg"],
    anchor: str | None = None,
    **attrs: object,
) -> ET.Element:
    """One ``<text>`` element with its baseline at ``(x, y)``."""
    element = el(
        parent,
        "text",
        None,
        x=float(x),
        y=float(y),
        font_size=float(size),
        font_weight="bold" if bold else None,
        fill=fill,
        text_anchor=anchor,
        **attrs,
    )
    _fill_text(element, clean(text))
    return element


# Arrows, shapes and dingbats ("⇄", "▤", "◐", "⚠") are missing from Liberation Sans, and a
# rasteriser that falls back for one glyph may keep the fallback (a serif) for the whole line:
# such lines name a font that has them first.
_SYMBOLS = re.compile("[\u2190-\u2bff\ufffd]")
SYMBOL_FONT = "'DejaVu Sans', 'Segoe UI Symbol', 'Liberation Sans', Arial, sans-serif"


def _fill_text(element: ET.Element, text: str) -> None:
    element.text = text
    if _SYMBOLS.search(text):
        element.set("font-family", SYMBOL_FONT)


def draw_lines(parent: ET.Element, x: float, top: float, lines: list[str], **style: Any) -> float:
    """Draw ``lines`` from ``top``; return the y below them."""
    size = float(style.get("size", SIZE))
    step = round(size * 1.3) if size > SIZE else LINE_H if size == SIZE else size + 4
    for index, line in enumerate(lines):
        draw_text(parent, x, top + index * step + size, line, **style)
    return top + len(lines) * step


def group(parent: ET.Element, x: float, y: float, **attrs: object) -> ET.Element:
    """A ``<g>`` moved to ``(x, y)``."""
    return el(parent, "g", transform=f"translate({num(x)} {num(y)})", **attrs)


__all__ = ["SYMBOL_FONT", "draw_lines", "draw_text", "el", "group", "num"]
