"""Where things go in a drawn map: the grid sizes (from schema/shared.json, as in the widget), the
emotion row's y scale, and a document's columns, rows and boxes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree as ET

from ..model import GRID
from ._blueprint_marks import as_dict, zone_of

LANE_W = GRID["lane_w"]
STEP_W = GRID["step_w"]
STUB_W = GRID["stub_w"]
EMOTION_H = GRID["emotion_h"]
EMOTION_PAD = GRID["emotion_pad"]
CELL_MIN_H = 56
PAD = 16
ZONE_W = 28
RULE_H = 22
LINE_H = 17
SIZE = 13
SMALL = 11


def emotion_y(value: float, low: float, high: float) -> float:
    """The y of ``value`` inside the emotion row (the twin of ``emotionY`` in js/src/model/layout.ts)."""
    span = (high - low) or 1
    return EMOTION_PAD + ((high - value) / span) * (EMOTION_H - 2 * EMOTION_PAD)


@dataclass
class Column:
    """One step column (``step`` is ``None`` for the stub of a stage without steps)."""

    x: float
    width: float
    stage: dict[str, Any]
    step: dict[str, Any] | None


@dataclass
class Row:
    """One lane: its drawn header and cells (placed later at ``y``) and its cards' boxes in the row."""

    lane: dict[str, Any]
    y: float = 0.0
    height: float = CELL_MIN_H
    header: ET.Element | None = None
    cells: dict[str, ET.Element] = field(default_factory=dict)
    cards: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    #: Text drawn in the row's cells other than cards (x in the picture, y in the row): arrows keep off.
    texts: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass
class Box:
    """A rectangle a connection arrow runs between (a cell or a card)."""

    x: float
    y: float
    w: float
    h: float

    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def edge_towards(self, x: float, y: float) -> tuple[float, float]:
        """Where the line from the centre towards ``(x, y)`` leaves the box."""
        cx, cy = self.centre()
        dx, dy = x - cx, y - cy
        if dx == 0 and dy == 0:
            return cx, cy
        scale = min(
            (self.w / 2) / abs(dx) if dx else float("inf"),
            (self.h / 2) / abs(dy) if dy else float("inf"),
        )
        return cx + dx * scale, cy + dy * scale


@dataclass
class Layout:
    """A document with what every part of its picture needs: lanes, personas, scale and columns."""

    doc: Mapping[str, Any]
    uid: str
    lanes: list[dict[str, Any]]
    personas: list[dict[str, Any]]
    scale: dict[str, Any]
    zoned: bool
    left: float
    body_x: float
    columns: list[Column]
    right: float
    width: float

    @classmethod
    def of(cls, doc: Mapping[str, Any]) -> Layout:
        """The layout of ``doc``: a zone band column when a lane has a zone, then the lane column, then steps."""
        uid = hashlib.sha1(json.dumps(doc, sort_keys=True, default=str).encode("utf-8", "replace")).hexdigest()[:8]
        lanes: list[dict[str, Any]] = [as_dict(lane) for lane in doc.get("lanes", [])]
        zoned = any(zone_of(lane) for lane in lanes)
        left = PAD + (ZONE_W if zoned else 0)
        body_x = left + LANE_W
        columns: list[Column] = []
        x = body_x
        for stage in doc.get("stages", []):
            steps = stage.get("steps", [])
            for step in steps or [None]:
                width = STEP_W if step is not None else STUB_W
                columns.append(Column(x, width, stage, step))
                x += width
        return cls(
            doc=doc,
            uid=uid,
            lanes=lanes,
            personas=[as_dict(p) for p in doc.get("personas", [])],
            scale=as_dict(doc.get("emotion_scale")) or {"min": 1, "max": 5, "neutral": 3},
            zoned=zoned,
            left=left,
            body_x=body_x,
            columns=columns,
            right=x,
            width=max(x + PAD, 560),
        )


__all__ = [
    "CELL_MIN_H",
    "EMOTION_H",
    "EMOTION_PAD",
    "LANE_W",
    "LINE_H",
    "PAD",
    "RULE_H",
    "SIZE",
    "SMALL",
    "STEP_W",
    "STUB_W",
    "ZONE_W",
    "Box",
    "Column",
    "Layout",
    "Row",
    "emotion_y",
]
