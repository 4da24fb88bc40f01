"""The contents of one drawn cell, by lane kind: wrapped text, cards as sticky notes with their
impact and tag, channels as chips, a metric as a formatted number with a bar; and the fail / wait
markers and notes of a card or cell. Each draws from the cell's top left and returns the y below."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree as ET

from ..model import cell_number, has_evidence, is_small_n
from ..model.formatting import bar_fraction, format_metric, impact_label, metric_evidence_detail
from ._blueprint_marks import annotation_labels, as_dict
from ._elements import draw_lines, draw_text, el
from ._geometry import SMALL
from ._textfit import fit, text_width, wrap
from ._theme import CARD_COLORS, COLORS, IMPACT_COLORS


def annotation_block(parent: ET.Element, x: float, top: float, width: float, notes: list[tuple[str, str]]) -> float:
    """Fail / wait markers (a circled F or W and the words) and notes; return the y below them."""
    y = top
    for kind, label in notes:
        lines = wrap(label, width - (18 if kind != "note" else 0), SMALL)
        if kind in ("fail", "wait"):
            color = COLORS[kind]
            el(parent, "circle", cx=float(x + 7), cy=float(y + 8), r=7.0, fill=color)
            draw_text(parent, x + 7, y + 11.5, kind[0].upper(), size=9.5, bold=True, fill="#ffffff", anchor="middle")
            y = draw_lines(
                parent, x + 18, y + 1, lines, size=SMALL, bold=True, fill=color if kind == "fail" else "#8a4b00"
            )
        else:
            y = draw_lines(parent, x, y + 1, lines, size=SMALL, fill=COLORS["muted"])
        y += 2
    return y


def text_cell(cell: ET.Element, value: object, inner: float) -> float:
    return draw_lines(cell, 6, 6, wrap(str(value), inner))


def cards_cell(
    cell: ET.Element, cards: list[Any], inner: float, boxes: dict[str, tuple[float, float, float, float]]
) -> float:
    """The cards one under another; each card's box in the cell goes into ``boxes`` by card id."""
    y = 6.0
    for raw in cards:
        card = as_dict(raw)
        height = card_note(cell, card, y, inner)
        if card.get("id"):
            boxes[str(card["id"])] = (6.0, y, inner, height)
        y += height + 4
    return y


def card_note(cell: ET.Element, card: Mapping[str, Any], y: float, inner: float) -> float:
    """One card at ``y``: a shadowed note with its text, impact, tag and annotations; return its height."""
    note = el(cell, "g", class_="jmw-card")
    text_w = inner - 12
    body = ET.Element("g")
    bottom = draw_lines(body, 12, y + 4, wrap(str(card.get("text", "")), text_w), fill=COLORS["card_fg"])
    impact, tag = card.get("impact"), card.get("tag")
    if impact or tag:
        x = 12.0
        if impact:
            label = impact_label(str(impact))
            draw_text(
                body, x, bottom + 12, label, size=SMALL, bold=True, fill=IMPACT_COLORS.get(str(impact), "#333333")
            )
            x += text_width(label, SMALL, bold=True) + 8
        if tag:
            tag_w = min(text_width(str(tag), SMALL) + 12, 12 + text_w - x)
            el(body, "rect", x=x, y=bottom + 2, width=tag_w, height=14.0, rx=7.0, fill="none", stroke="#00000055")
            draw_text(body, x + 6, bottom + 12.5, fit(str(tag), tag_w - 10, SMALL), size=SMALL, fill=COLORS["card_fg"])
        bottom += 17
    bottom = annotation_block(body, 12, bottom + 2, text_w, annotation_labels(card))
    height = bottom - y + 4
    el(note, "rect", x=7.0, y=y + 1, width=inner, height=height, rx=3.0, fill="#000000", fill_opacity=0.12)
    el(
        note,
        "rect",
        x=6.0,
        y=y,
        width=inner,
        height=height,
        rx=3.0,
        fill=CARD_COLORS.get(str(card.get("color") or "yellow"), CARD_COLORS["yellow"]),
    )
    note.extend(list(body))
    return height


def channels_cell(cell: ET.Element, channels: list[Any], inner: float) -> float:
    x, y = 6.0, 6.0
    for channel in channels:
        name = str(channel)
        chip_w = min(text_width(name, SMALL) + 14, inner)
        if x > 6 and x + chip_w > 6 + inner:
            x, y = 6.0, y + 21
        el(cell, "rect", x=x, y=y, width=chip_w, height=18.0, rx=9.0, fill=COLORS["bg_alt"], stroke=COLORS["strong"])
        draw_text(cell, x + 7, y + 13, fit(name, chip_w - 12, SMALL), size=SMALL)
        x += chip_w + 3
    return y + 24 if channels else y


def metric_cell(
    cell: ET.Element, evidence: Mapping[str, Any], lane: Mapping[str, Any], span: tuple[float, float], inner: float
) -> float:
    """The value as the lane formats it, the data behind it (n, sd, interval; italic when n is small)
    in small muted text, and a bar; return the y below them."""
    value = float(evidence["value"])
    draw_text(cell, 6, 24, format_metric(value, lane.get("format"), lane.get("unit")), bold=True)
    top = 32.0
    if has_evidence(evidence):
        detail = metric_evidence_detail(evidence, lane.get("format"), lane.get("unit"))
        style = "italic" if is_small_n(evidence) else None
        top = draw_lines(
            cell,
            6,
            28,
            wrap(detail, inner, SMALL),
            size=SMALL,
            fill=COLORS["muted"],
            font_style=style,
            class_="jmw-evidence",
        )
        top += 4
    el(cell, "rect", x=6.0, y=top, width=inner, height=6.0, rx=3.0, fill=COLORS["bg_alt"])
    fill = bar_fraction(value, *span) * inner
    if fill > 0:
        el(cell, "rect", x=6.0, y=top, width=fill, height=6.0, rx=3.0, fill=COLORS["accent"], fill_opacity=0.7)
    return top + 12


def metric_span(doc: Mapping[str, Any], lane_id: str) -> tuple[float, float]:
    """The low and high end of a metric lane's bars: 0 or below, and its largest value, over the
    whole lane (a printed page showing some of the steps draws its bars on the same range)."""
    row = as_dict(doc.get("cells", {}).get(lane_id))
    values = [float(v) for v in map(cell_number, row.values()) if v is not None]
    return (min(0.0, *values), max(values)) if values else (0.0, 0.0)


__all__ = ["annotation_block", "card_note", "cards_cell", "channels_cell", "metric_cell", "metric_span", "text_cell"]
