"""Rules for values: what each lane kind takes, the emotion scale, names and insert positions.

Each ``check_*`` raises :class:`OperationError` naming the place (``where``) and the rule.
"""

from __future__ import annotations

import math
from typing import Any

from ._errors import OperationError
from ._lookups import Doc

LANE_KINDS = ("text", "cards", "channels", "emotion", "metric")


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"boolean {value}"
    if isinstance(value, (int, float)):
        return f"number {value:g}"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def scale_text(scale: dict[str, Any]) -> str:
    return f"{scale['min']}-{scale['max']}"


def check_scale(scale: dict[str, Any], where: str) -> None:
    if scale["min"] >= scale["max"]:
        raise OperationError(f"{where}: emotion scale min must be below max, got {scale['min']}-{scale['max']}")
    if not scale["min"] <= scale["neutral"] <= scale["max"]:
        raise OperationError(
            f"{where}: emotion scale neutral point must lie in {scale_text(scale)}, got {scale['neutral']}"
        )


def check_emotion(doc: Doc, lane: dict[str, Any], value: Any, where: str) -> None:
    scale = doc["emotion_scale"]
    if not _is_number(value) or not scale["min"] <= value <= scale["max"]:
        raise OperationError(f"{where}: lane {lane['name']!r} takes numbers {scale_text(scale)}, got {_kind_of(value)}")


def check_value(doc: Doc, lane: dict[str, Any], value: Any, where: str) -> Any:
    """Check a non-null ``set_cell`` value for ``lane``; return it normalised."""
    kind, name = lane["kind"], lane["name"]
    if kind == "text":
        if not isinstance(value, str):
            raise OperationError(f"{where}: lane {name!r} takes text, got {_kind_of(value)}")
        return value
    if kind == "metric":
        if not _is_number(value):
            raise OperationError(f"{where}: lane {name!r} takes a finite number, got {_kind_of(value)}")
        return value
    if kind == "emotion":
        check_emotion(doc, lane, value, where)
        return value
    if kind == "channels":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise OperationError(f"{where}: lane {name!r} takes a list of channels, got {_kind_of(value)}")
        unknown = [v for v in value if v not in doc["channels"]]
        if unknown:
            vocabulary = ", ".join(doc["channels"]) or "none defined"
            raise OperationError(
                f"{where}: lane {name!r} takes channels from the map's vocabulary ({vocabulary}), "
                f"got {', '.join(map(repr, unknown))}"
            )
        return list(dict.fromkeys(value))
    raise OperationError(f"{where}: lane {name!r} holds cards; use add_card, edit_card, move_card, delete_card")


def clean_name(value: Any, what: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise OperationError(f"{where}: a {what} needs a non-empty name")
    return value.strip()


def insert_position(index: Any, length: int, what: str, where: str) -> int:
    if index is None:
        return length
    if not 0 <= index <= length:
        raise OperationError(f"{where}: {what} index must be 0-{length}, got {index}")
    return int(index)
