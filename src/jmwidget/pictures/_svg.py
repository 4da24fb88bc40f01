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

import hashlib
import json
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from ..model import JourneyError
from ..model.formatting import KIND_LABEL, bar_fraction, describe_emotion, format_metric
from ..model.formatting import impact_label as _impact_label
from ..model.formatting import mood_of as _mood_of
from ._blueprint_marks import (
    ZONE_LINES,
    ZONE_NAMES,
    ZONE_SHORT_NAMES,
    ZONE_TINTS,
    ZONES,
    annotation_labels,
    as_dict,
    cell_annotations,
    zone_of,
)
from ._elements import draw_lines, draw_text, el, group, num
from ._geometry import (
    CELL_MIN_H,
    EMOTION_H,
    LANE_W,
    LINE_H,
    PAD,
    RULE_H,
    SMALL,
    STEP_W,
    STUB_W,
    ZONE_W,
    Box,
    Column,
    Row,
    emotion_y,
)
from ._textfit import clean, fit, text_width, wrap
from ._theme import CARD_COLORS, COLORS, FONT, IMPACT_COLORS, MOOD_COLORS, PERSONA_COLORS, PERSONA_DASHES

if TYPE_CHECKING:
    from ..model import Journey

SVG_NS = "http://www.w3.org/2000/svg"

# ---------------------------------------------------------------- cells


def _annotation_block(parent: ET.Element, x: float, top: float, width: float, notes: list[tuple[str, str]]) -> float:
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


def _text_cell(cell: ET.Element, value: object, inner: float) -> float:
    return draw_lines(cell, 6, 6, wrap(str(value), inner))


def _cards_cell(
    cell: ET.Element, cards: list[Any], inner: float, boxes: dict[str, tuple[float, float, float, float]]
) -> float:
    y = 6.0
    for raw in cards:
        card = as_dict(raw)
        note = el(cell, "g", class_="jmw-card")
        text_w = inner - 12
        body = ET.Element("g")
        bottom = draw_lines(body, 12, y + 4, wrap(str(card.get("text", "")), text_w), fill=COLORS["card_fg"])
        impact, tag = card.get("impact"), card.get("tag")
        if impact or tag:
            x = 12.0
            if impact:
                label = _impact_label(str(impact))
                draw_text(
                    body, x, bottom + 12, label, size=SMALL, bold=True, fill=IMPACT_COLORS.get(str(impact), "#333333")
                )
                x += text_width(label, SMALL, bold=True) + 8
            if tag:
                tag_w = min(text_width(str(tag), SMALL) + 12, 12 + text_w - x)
                el(body, "rect", x=x, y=bottom + 2, width=tag_w, height=14.0, rx=7.0, fill="none", stroke="#00000055")
                draw_text(
                    body, x + 6, bottom + 12.5, fit(str(tag), tag_w - 10, SMALL), size=SMALL, fill=COLORS["card_fg"]
                )
            bottom += 17
        bottom = _annotation_block(body, 12, bottom + 2, text_w, annotation_labels(card))
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
        if card.get("id"):
            boxes[str(card["id"])] = (6.0, y, inner, height)
        y += height + 4
    return y


def _channels_cell(cell: ET.Element, channels: list[Any], inner: float) -> float:
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


def _metric_cell(
    cell: ET.Element, value: float, lane: Mapping[str, Any], span: tuple[float, float], inner: float
) -> float:
    label = format_metric(value, lane.get("format"), lane.get("unit"))
    draw_text(cell, 6, 24, label, bold=True)
    el(cell, "rect", x=6.0, y=32.0, width=inner, height=6.0, rx=3.0, fill=COLORS["bg_alt"])
    fill = bar_fraction(value, *span) * inner
    if fill > 0:
        el(cell, "rect", x=6.0, y=32.0, width=fill, height=6.0, rx=3.0, fill=COLORS["accent"], fill_opacity=0.7)
    return 44.0


def _metric_span(doc: Mapping[str, Any], lane_id: str, columns: list[Column]) -> tuple[float, float]:
    row = as_dict(doc.get("cells", {}).get(lane_id))
    values = [
        float(v)
        for c in columns
        if c.step is not None
        for v in [row.get(c.step["id"])]
        if isinstance(v, (int, float)) and not isinstance(v, bool)
    ]
    return (min(0.0, *values), max(values)) if values else (0.0, 0.0)


# ---------------------------------------------------------------- the picture


class _Renderer:
    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc
        self.uid = hashlib.sha1(json.dumps(doc, sort_keys=True, default=str).encode("utf-8", "replace")).hexdigest()[:8]
        self.lanes: list[dict[str, Any]] = [as_dict(lane) for lane in doc.get("lanes", [])]
        self.personas: list[dict[str, Any]] = [as_dict(p) for p in doc.get("personas", [])]
        self.scale: dict[str, Any] = as_dict(doc.get("emotion_scale")) or {"min": 1, "max": 5, "neutral": 3}
        self.zoned = any(zone_of(lane) for lane in self.lanes)
        self.left = PAD + (ZONE_W if self.zoned else 0)
        self.body_x = self.left + LANE_W
        self.columns: list[Column] = []
        x = self.body_x
        for stage in doc.get("stages", []):
            steps = stage.get("steps", [])
            for step in steps or [None]:
                width = STEP_W if step is not None else STUB_W
                self.columns.append(Column(x, width, stage, step))
                x += width
        self.right = x
        self.width = max(self.right + PAD, 560)

    # -------------------------------------------------------- header: title, legend, stages, steps

    def title_block(self, svg: ET.Element) -> float:
        title = str(self.doc.get("title") or "Untitled journey")
        y = draw_lines(svg, PAD, PAD - 2, wrap(title, self.width - 2 * PAD, 20, bold=True), size=20, bold=True)
        y += 12
        state = "Future state" if self.doc.get("state") == "future" else "Current state"
        badge_w = text_width(state, SMALL) + 16
        el(
            svg,
            "rect",
            x=float(PAD),
            y=y,
            width=badge_w,
            height=18.0,
            rx=9.0,
            fill="none",
            stroke=COLORS["accent"] if state == "Future state" else COLORS["strong"],
            stroke_dasharray="4 3" if state == "Future state" else None,
        )
        draw_text(svg, PAD + 8, y + 13, state, size=SMALL, fill=COLORS["muted"])
        x = PAD + badge_w + 14
        if any(lane.get("kind") == "emotion" for lane in self.lanes):
            x = self.legend(svg, x, y)
        y += 26
        scenario = str(self.doc.get("scenario") or "").strip()
        if scenario:
            y = draw_lines(svg, PAD, y, wrap(scenario, self.width - 2 * PAD, 12), size=12, fill=COLORS["muted"]) + 4
        return y + 6

    def legend(self, svg: ET.Element, x: float, y: float) -> float:
        legend = el(svg, "g", class_="jmw-legend")
        for index, persona in enumerate(self.personas):
            name = str(persona.get("name", ""))
            if x + 34 + text_width(name, SMALL) > self.width - PAD:
                x, y = PAD + 0.0, y + 20
            el(
                legend,
                "line",
                x1=x,
                y1=y + 9,
                x2=x + 26,
                y2=y + 9,
                stroke=PERSONA_COLORS[index % 6],
                stroke_width=2.5,
                stroke_dasharray=PERSONA_DASHES[index % 6],
                stroke_linecap="round",
            )
            draw_text(legend, x + 31, y + 13, name, size=SMALL, fill=COLORS["muted"])
            x += 31 + text_width(name, SMALL) + 14
        for mood, word in (("low", "low"), ("neutral", "neutral"), ("high", "high")):
            el(legend, "circle", cx=x + 5, cy=y + 9, r=5.0, fill=MOOD_COLORS[mood])
            draw_text(legend, x + 13, y + 13, word, size=SMALL, fill=COLORS["muted"])
            x += 13 + text_width(word, SMALL) + 10
        return x

    def headers(self, svg: ET.Element, top: float) -> float:
        stages: list[tuple[dict[str, Any], float, float]] = []
        for column in self.columns:
            if stages and stages[-1][0] is column.stage:
                stage, x, w = stages[-1]
                stages[-1] = (stage, x, w + column.width)
            else:
                stages.append((column.stage, column.x, column.width))
        stage_lines = [wrap(str(s.get("name", "")), w - 12, bold=True) for s, _x, w in stages]
        step_lines = [wrap(str(c.step["name"]), c.width - 12) if c.step else ["no steps"] for c in self.columns]
        stage_h = max([30.0] + [len(lines) * LINE_H + 13.0 for lines in stage_lines])
        step_h = max([30.0] + [len(lines) * LINE_H + 13.0 for lines in step_lines])
        head = el(svg, "g", class_="jmw-head")
        for label, y, h in (("STAGE", top, stage_h), ("STEP", top + stage_h, step_h)):
            el(
                head,
                "rect",
                x=float(self.left),
                y=y,
                width=float(LANE_W),
                height=h,
                fill=COLORS["bg_head"],
                stroke=COLORS["border"],
            )
            draw_text(head, self.left + 8, y + 19, label, size=10, fill=COLORS["muted"], letter_spacing=0.6)
        for (stage, x, w), lines in zip(stages, stage_lines, strict=True):
            el(
                head,
                "rect",
                x=x,
                y=top,
                width=w,
                height=stage_h,
                fill=COLORS["bg_head"],
                stroke=COLORS["border"],
                data_stage_id=stage.get("id"),
            )
            el(head, "line", x1=x + w, y1=top, x2=x + w, y2=top + stage_h, stroke=COLORS["strong"], stroke_width=2.0)
            draw_lines(head, x + 6, top + 6, lines, bold=True)
        for column, lines in zip(self.columns, step_lines, strict=True):
            y = top + stage_h
            el(
                head,
                "rect",
                x=column.x,
                y=y,
                width=column.width,
                height=step_h,
                fill=COLORS["bg_head"],
                stroke=COLORS["border"],
                data_step_id=column.step["id"] if column.step else None,
            )
            muted = {"fill": COLORS["muted"], "size": SMALL} if column.step is None else {}
            draw_lines(head, column.x + 6, y + 6, lines, **muted)
        return top + stage_h + step_h

    # -------------------------------------------------------- lanes

    def build_row(self, lane: dict[str, Any], notes: dict[tuple[str, str], dict[str, Any]]) -> Row:
        row = Row(lane)
        kind = str(lane.get("kind", "text"))
        header = ET.Element("g", {"class": "jmw-lane-header"})
        y = draw_lines(header, 8, 6, wrap(str(lane.get("name", "")), LANE_W - 16, bold=True), bold=True)
        meta = KIND_LABEL.get(kind, kind)
        if kind == "metric" and lane.get("unit"):
            meta += f" · {lane['unit']}"
        if kind == "emotion":
            meta += f" · {self.scale.get('min')}\u2013{self.scale.get('max')}"
        y = draw_lines(header, 8, y + 2, wrap(meta, LANE_W - 16, SMALL), size=SMALL, fill=COLORS["muted"])
        if lane.get("description"):
            y = draw_lines(
                header, 8, y + 2, wrap(str(lane["description"]), LANE_W - 16, SMALL), size=SMALL, fill=COLORS["muted"]
            )
        row.header = header
        height = max(CELL_MIN_H, y + 8)
        values = as_dict(as_dict(self.doc.get("cells")).get(str(lane.get("id"))))
        span = _metric_span(self.doc, str(lane.get("id")), self.columns) if kind == "metric" else (0.0, 0.0)
        for column in self.columns:
            if column.step is None:
                continue
            step_id = str(column.step["id"])
            cell = ET.Element(
                "g", {"class": "jmw-cell", "data-lane-id": clean(lane.get("id")), "data-step-id": clean(step_id)}
            )
            inner = column.width - 12
            value = values.get(step_id)
            bottom = 6.0
            if kind == "emotion":
                bottom = float(EMOTION_H)
            elif value is None:
                pass
            elif kind == "cards" and isinstance(value, list):
                boxes: dict[str, tuple[float, float, float, float]] = {}
                bottom = _cards_cell(cell, value, inner, boxes)
                row.cards.update({card: (column.x + x, y0, w, h) for card, (x, y0, w, h) in boxes.items()})
            elif kind == "channels" and isinstance(value, list):
                bottom = _channels_cell(cell, value, inner)
            elif kind == "metric" and isinstance(value, (int, float)) and not isinstance(value, bool):
                bottom = _metric_cell(cell, float(value), lane, span, inner)
            elif isinstance(value, (str, int, float)):
                bottom = _text_cell(cell, value, inner)
            else:  # a value this version does not know how to draw: show it as data, losing nothing
                bottom = _text_cell(cell, json.dumps(value, ensure_ascii=False), inner)
            cell_notes = annotation_labels(notes.get((str(lane.get("id")), step_id), {}))
            if cell_notes:
                bottom = _annotation_block(cell, 6, bottom + 2, inner, cell_notes)
            row.cells[step_id] = cell
            height = max(height, bottom + 6)
        row.height = float(EMOTION_H) if kind == "emotion" and height <= EMOTION_H else height
        return row

    def draw_row(self, svg: ET.Element, row: Row) -> None:
        lane = row.lane
        zone = zone_of(lane)
        row_group = el(svg, "g", class_="jmw-row", data_lane_id=lane.get("id"), data_kind=lane.get("kind"))
        el(
            row_group,
            "rect",
            x=float(self.left),
            y=row.y,
            width=float(LANE_W),
            height=row.height,
            fill=ZONE_TINTS[zone] if zone else COLORS["bg_alt"],
            stroke=COLORS["border"],
        )
        el(
            row_group,
            "line",
            x1=float(self.body_x),
            y1=row.y,
            x2=float(self.body_x),
            y2=row.y + row.height,
            stroke=COLORS["strong"],
        )
        if row.header is not None:
            group(row_group, self.left, row.y).extend(list(row.header))
        for column in self.columns:
            fill = COLORS["bg"] if column.step is not None else COLORS["bg_alt"]
            el(
                row_group,
                "rect",
                x=column.x,
                y=row.y,
                width=column.width,
                height=row.height,
                fill=fill,
                stroke=COLORS["border"],
            )
            if column.step is not None and str(column.step["id"]) in row.cells:
                cell = row.cells[str(column.step["id"])]
                cell.set("transform", f"translate({num(column.x)} {num(row.y)})")
                row_group.append(cell)
        if lane.get("kind") == "emotion":
            self.emotion(row_group, row)

    def emotion(self, parent: ET.Element, row: Row) -> None:
        low, high = float(self.scale.get("min", 1)), float(self.scale.get("max", 5))
        neutral = float(self.scale.get("neutral", (low + high) / 2))
        ny = row.y + emotion_y(neutral, low, high)
        el(
            parent,
            "line",
            x1=float(self.body_x),
            y1=ny,
            x2=float(self.right),
            y2=ny,
            stroke=COLORS["muted"],
            stroke_dasharray="3 4",
            stroke_opacity=0.6,
            class_="jmw-neutral-line",
        )
        values = as_dict(as_dict(self.doc.get("cells")).get(str(row.lane.get("id"))))
        count = len(self.personas)
        spread = min(8, 40 / count) if count > 1 else 0
        points: list[tuple[int, dict[str, Any], float, float, float, str]] = []
        for index, persona in enumerate(self.personas):
            path: list[str] = []
            pen = False
            for column in self.columns:
                if column.step is None:
                    continue
                value = as_dict(values.get(column.step["id"])).get(str(persona.get("id")))
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    pen = False
                    continue
                x = column.x + column.width / 2 + (index - (count - 1) / 2) * spread
                y = row.y + emotion_y(value, low, high)
                path.append(f"{'L' if pen else 'M'}{num(x)} {num(y)}")
                pen = True
                points.append((index, persona, float(value), x, y, str(column.step["name"])))
            if path:
                el(
                    parent,
                    "path",
                    d=" ".join(path),
                    fill="none",
                    stroke=PERSONA_COLORS[index % 6],
                    stroke_width=2.5,
                    stroke_dasharray=PERSONA_DASHES[index % 6],
                    stroke_linejoin="round",
                    stroke_linecap="round",
                    class_="jmw-curve",
                    data_persona_id=persona.get("id"),
                )
        for index, persona, value, x, y, step_name in points:
            ring = PERSONA_COLORS[index % 6] if 1 <= index % 6 <= 3 else COLORS["bg"]
            point = el(
                parent,
                "circle",
                cx=x,
                cy=y,
                r=6.0,
                fill=MOOD_COLORS[_mood_of(value, self.scale)],
                stroke=ring,
                stroke_width=2.0,
                class_="jmw-point",
                data_persona_id=persona.get("id"),
            )
            el(point, "title", f"{persona.get('name', '')}, {step_name}: {describe_emotion(value, self.scale)}")

    # -------------------------------------------------------- blueprint

    def zone_bands(self, svg: ET.Element, rows: list[Row]) -> None:
        runs: list[tuple[str, float, float]] = []
        for row in rows:
            zone = zone_of(row.lane)
            if zone is None:
                continue
            if runs and runs[-1][0] == zone and abs(runs[-1][2] - row.y) <= RULE_H:
                runs[-1] = (zone, runs[-1][1], row.y + row.height)
            else:
                runs.append((zone, row.y, row.y + row.height))
        for zone, top, bottom in runs:
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

    def zone_lines(self, previous: dict[str, Any] | None, lane: dict[str, Any]) -> list[int]:
        before, after = zone_of(previous or {}), zone_of(lane)
        if before is None or after is None:
            return []
        a, b = sorted((ZONES.index(before), ZONES.index(after)))
        return [line for line in range(a + 1, b + 1) if line in ZONE_LINES]

    def draw_rule(self, svg: ET.Element, line: int, y: float) -> None:
        name, dash = ZONE_LINES[line]
        rule = el(svg, "g", class_="jmw-zone-line", data_line=name.lower().replace(" ", "-"))
        el(
            rule,
            "line",
            x1=float(PAD),
            y1=y,
            x2=float(self.right),
            y2=y,
            stroke=COLORS["rule"],
            stroke_width=1.6,
            stroke_dasharray=dash,
        )
        label_w = text_width(name, SMALL, bold=True) + 12
        el(
            rule,
            "rect",
            x=float(self.body_x + 8),
            y=y - 8,
            width=label_w,
            height=16.0,
            rx=8.0,
            fill=COLORS["bg"],
            stroke=COLORS["rule"],
        )
        draw_text(rule, self.body_x + 14, y + 4, name, size=SMALL, bold=True, fill=COLORS["rule"])

    def connections(self, svg: ET.Element, rows: list[Row]) -> None:
        connections = [as_dict(c) for c in self.doc.get("connections") or []]
        if not connections:
            return
        cells: dict[tuple[str, str], Box] = {}
        cards: dict[str, Box] = {}
        for row in rows:
            for column in self.columns:
                if column.step is not None:
                    cells[(str(row.lane.get("id")), str(column.step["id"]))] = Box(
                        column.x, row.y, column.width, row.height
                    )
            for card, (x, y, w, h) in row.cards.items():
                cards[card] = Box(x, row.y + y, w, h)
        marker = f"jmw-arrow-{self.uid}"
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
        layer = el(svg, "g", class_="jmw-connections")
        for connection in connections:
            ends = [as_dict(connection.get("from")), as_dict(connection.get("to"))]
            boxes = [
                cards.get(str(end.get("card"))) or cells.get((str(end.get("lane")), str(end.get("step"))))
                for end in ends
            ]
            source, target = boxes
            if source is None or target is None or source == target:
                continue
            x1, y1 = source.edge_towards(*target.centre())
            x2, y2 = target.edge_towards(*source.centre())
            arrow = el(layer, "g", class_="jmw-connection", data_connection_id=connection.get("id"))
            el(
                arrow,
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
                    arrow,
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

    # -------------------------------------------------------- assembly

    def render(self) -> ET.Element:
        svg = ET.Element("svg", {"xmlns": SVG_NS, "role": "img", "font-family": FONT, "class": "jmw-svg"})
        title = str(self.doc.get("title") or "Untitled journey")
        el(svg, "title", title, id=f"jmw-title-{self.uid}")
        el(svg, "desc", self.description(), id=f"jmw-desc-{self.uid}")
        svg.set("aria-labelledby", f"jmw-title-{self.uid} jmw-desc-{self.uid}")
        background = el(svg, "rect", x=0.0, y=0.0, fill=COLORS["bg"])
        top = self.title_block(svg)
        notes = cell_annotations(self.doc)
        rows = [self.build_row(lane, notes) for lane in self.lanes]
        y = self.headers(svg, top) if self.columns or rows else top
        rules: list[tuple[int, float]] = []
        previous: dict[str, Any] | None = None
        for row in rows:
            for line in self.zone_lines(previous, row.lane):
                rules.append((line, y + RULE_H / 2))
                y += RULE_H
            row.y = y
            y += row.height
            if zone_of(row.lane):
                previous = row.lane
        for row in rows:
            self.draw_row(svg, row)
        if not rows and not self.columns:
            draw_text(svg, PAD, y + 20, "This map has no stages or lanes yet.", fill=COLORS["muted"])
            y += 32
        elif not self.columns:
            draw_text(svg, self.body_x + 10, rows[0].y + 20 if rows else y + 20, "No stages yet.", fill=COLORS["muted"])
        if self.zoned:
            self.zone_bands(svg, rows)
        for line, rule_y in rules:
            self.draw_rule(svg, line, rule_y)
        self.connections(svg, rows)
        height = y + PAD
        width = max(self.width, self.body_x + 140 + PAD)
        for key, value in (("width", width), ("height", height)):
            svg.set(key, num(value))
            background.set(key, num(value))
        svg.set("viewBox", f"0 0 {num(width)} {num(height)}")
        return svg

    def description(self) -> str:
        steps = sum(1 for c in self.columns if c.step is not None)
        stages = len(self.doc.get("stages", []))
        names = ", ".join(str(p.get("name", "")) for p in self.personas)
        state = "future-state" if self.doc.get("state") == "future" else "current-state"
        return textwrap.shorten(
            f"A {state} journey map for {names}: {stages} stages, {steps} steps, {len(self.lanes)} lanes.", 600
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
    root = _Renderer(_document(journey)).render()
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


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


def to_png(journey: Journey | Mapping[str, Any], *, scale: float = 2.0) -> bytes:
    """The map as PNG bytes: :func:`to_svg` rasterised by vl-convert (``scale`` 2 = 2 px per SVG px)."""
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not 0 < scale <= 16:
        raise JourneyError(f"to_png(scale=...): the scale must be a number above 0 and at most 16, got {scale!r}")
    import vl_convert

    png: bytes = vl_convert.svg_to_png(to_svg(journey), scale=float(scale))
    return png


__all__ = ["emotion_y", "fallback_document", "mimebundle", "to_png", "to_svg"]
