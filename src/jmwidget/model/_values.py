"""Rules for values: what each lane kind takes, the emotion scale, names and insert positions.

Each ``check_*`` raises :class:`OperationError` naming the place (``where``) and the rule.
"""

from __future__ import annotations

import math
from typing import Any

from ._errors import OperationError
from ._evidence import EVIDENCE_FIELDS
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
    if isinstance(value, dict):
        return "an object"
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


def check_evidence(value: dict[str, Any], where: str) -> Any:
    """Check an Evidence object (``{value, n?, sd?, low?, high?}``); return it normalised: its fields
    in order, ``n`` a whole ``int``, and a plain number when it holds nothing but ``value``."""
    unknown = [key for key in value if key not in EVIDENCE_FIELDS]
    if unknown:
        raise OperationError(
            f"{where}: evidence has no field {', '.join(map(repr, unknown))}; it takes {', '.join(EVIDENCE_FIELDS)}"
        )
    if "value" not in value:
        raise OperationError(f"{where}: evidence needs a value, got only {', '.join(value) or 'an empty object'}")
    for key in ("value", "sd", "low", "high"):
        if key in value and not _is_number(value[key]):
            raise OperationError(f"{where}: evidence {key} must be a finite number, got {_kind_of(value[key])}")
    if "sd" in value and value["sd"] < 0:
        raise OperationError(f"{where}: evidence sd must be 0 or more, got {value['sd']:g}")
    n = value.get("n", 0)
    if not _is_number(n) or n < 0 or not float(n).is_integer():
        raise OperationError(f"{where}: evidence n must be a whole number, 0 or more, got {_kind_of(n)}")
    number = value["value"]
    if "low" in value and value["low"] > number:
        raise OperationError(f"{where}: evidence low {value['low']:g} is above the value {number:g} (low <= value)")
    if "high" in value and value["high"] < number:
        raise OperationError(f"{where}: evidence high {value['high']:g} is below the value {number:g} (value <= high)")
    if len(value) == 1:
        return number
    return {key: int(value[key]) if key == "n" else value[key] for key in EVIDENCE_FIELDS if key in value}


def check_emotion(doc: Doc, lane: dict[str, Any], value: Any, where: str) -> Any:
    """Check one persona's emotion (a number, or Evidence whose value, low and high lie on the
    emotion scale); return it normalised."""
    scale = doc["emotion_scale"]
    checked = check_evidence(value, where) if isinstance(value, dict) else value
    number = checked["value"] if isinstance(checked, dict) else checked
    if not _is_number(number) or not scale["min"] <= number <= scale["max"]:
        got = f"evidence value {number:g}" if isinstance(value, dict) else _kind_of(value)
        raise OperationError(f"{where}: lane {lane['name']!r} takes numbers {scale_text(scale)}, got {got}")
    if isinstance(checked, dict):
        for key in ("low", "high"):
            if key in checked and not scale["min"] <= checked[key] <= scale["max"]:
                raise OperationError(
                    f"{where}: lane {lane['name']!r} takes numbers {scale_text(scale)}, "
                    f"got evidence {key} {checked[key]:g}"
                )
    return checked


def check_value(doc: Doc, lane: dict[str, Any], value: Any, where: str) -> Any:
    """Check a non-null ``set_cell`` value for ``lane``; return it normalised."""
    kind, name = lane["kind"], lane["name"]
    if kind == "text":
        if not isinstance(value, str):
            raise OperationError(f"{where}: lane {name!r} takes text, got {_kind_of(value)}")
        return value
    if kind == "metric":
        if isinstance(value, dict):
            return check_evidence(value, where)
        if not _is_number(value):
            raise OperationError(f"{where}: lane {name!r} takes a finite number, got {_kind_of(value)}")
        return value
    if kind == "emotion":
        return check_emotion(doc, lane, value, where)
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
