"""The lanes a table makes: each column's lane kind, guessed from its name and values (see :func:`from_frame`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw

from ._values import PERSONA_COLUMN, is_number

_EMOTION_WORDS = ("emotion", "sentiment", "feeling", "mood")
_CHANNEL_WORDS = ("channel", "touchpoint", "touch point")
_CARD_WORDS = ("pain", "opportunit", "idea", "gain", "problem", "insight")
_METRIC_WORDS = (
    "%",
    "rate",
    "conversion",
    "drop",
    "count",
    "volume",
    "time",
    "duration",
    "seconds",
    "minutes",
    "nps",
    "csat",
    "ces",
    "churn",
    "cost",
    "revenue",
    "visits",
    "users",
    "sessions",
)


@dataclass
class LaneSpec:
    """A lane to add: its name, kind, and the columns that fill it (several for an emotion lane's personas)."""

    name: str
    kind: str
    columns: list[tuple[str, str | None]] = field(default_factory=list)  # (column, persona name)


def _words(name: str, words: Iterable[str]) -> bool:
    low = name.lower()
    return any(word in low for word in words)


def _numeric(frame: nw.DataFrame[Any], column: str, values: list[Any]) -> bool:
    present = [v for v in values if v is not None]
    dtype = frame.schema[column]
    if dtype.is_numeric() and dtype != nw.Boolean():
        return True
    return bool(present) and all(is_number(v) for v in present)


def infer_kind(frame: nw.DataFrame[Any], column: str, values: list[Any], scale: tuple[int, int, float]) -> str:
    """The lane kind for a column; see :func:`from_frame` for the rules."""
    present = [v for v in values if v is not None]
    numeric = _numeric(frame, column, values)
    textual = all(isinstance(v, str) for v in present)
    if textual and _words(column, _CHANNEL_WORDS):
        return "channels"
    if textual and _words(column, _CARD_WORDS):
        return "cards"
    if numeric or not present:
        if _words(column, _EMOTION_WORDS):
            return "emotion"
        if not numeric:
            return "text"
        if _words(column, _METRIC_WORDS):
            return "metric"
        low, high, _ = scale
        if present and all(float(v).is_integer() and low <= v <= high for v in present):
            return "emotion"
        return "metric"
    return "text"


def lane_specs(
    frame: nw.DataFrame[Any],
    chosen: list[tuple[str, str]],
    kinds: Mapping[str, str],
    values: dict[str, list[Any]],
    scale: tuple[int, int, float],
) -> list[LaneSpec]:
    """The lanes of the chosen ``(column, lane name)`` pairs; ``"Emotion (Ana)"`` columns share one lane."""
    specs: dict[str, LaneSpec] = {}
    for column, name in chosen:
        kind = kinds.get(column) or infer_kind(frame, column, values[column], scale)
        lane_name, persona_name = name, None
        match = PERSONA_COLUMN.match(name)
        if kind == "emotion" and match:
            lane_name, persona_name = match["lane"], match["persona"].strip()
        key = f"emotion:{lane_name}" if kind == "emotion" else f"column:{column}"
        specs.setdefault(key, LaneSpec(lane_name, kind)).columns.append((column, persona_name))
    return list(specs.values())


__all__ = ["LaneSpec", "infer_kind", "lane_specs"]
