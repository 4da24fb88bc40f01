"""Service-blueprint zones in a drawn map: a labelled band beside each run of lanes in one zone,
and the named lines (interaction, visibility, internal interaction) between zones."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from ._blueprint_marks import ZONE_LINES, ZONE_NAMES, ZONE_SHORT_NAMES, ZONE_TINTS, ZONES, zone_of
from ._elements import draw_text, el, num
from ._geometry import PAD, RULE_H, SMALL, ZONE_W, Layout, Row
from ._textfit import fit, text_width
from ._theme import COLORS


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
    x, top, label_w, height = zone_line_label(layout, line, y)
    el(
        rule,
        "rect",
        x=x,
        y=top,
        width=label_w,
        height=height,
        rx=8.0,
        fill=COLORS["bg"],
        stroke=COLORS["rule"],
    )
    draw_text(rule, layout.body_x + 14, y + 4, name, size=SMALL, bold=True, fill=COLORS["rule"])


def zone_line_label(layout: Layout, line: int, y: float) -> tuple[float, float, float, float]:
    """The box of zone line ``line``'s name on the line at ``y`` (arrows keep off it)."""
    name = ZONE_LINES[line][0]
    return float(layout.body_x + 8), y - 8, text_width(name, SMALL, bold=True) + 12, 16.0


__all__ = ["draw_zone_line", "lines_between", "zone_bands", "zone_line_label", "zone_runs"]
