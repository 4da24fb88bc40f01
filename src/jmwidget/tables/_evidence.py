"""Evidence behind emotion and metric values: ``{"value", "n", "sd", "low", "high"}`` in place of a number.

A cell (an emotion cell's persona entry, or a metric cell) holds a plain number or such an object
(only ``value`` required). Reading works with both shapes whatever the map's schema version;
writing one needs schema version 3 or later, which every map this jmwidget reads is upgraded to.

In tables the four parts are columns: ``n, sd, low, high`` in the tidy form (beside ``value``),
and ``"<column> n"``, ``"<column> sd"``, ``"<column> low"``, ``"<column> high"`` beside a lane's
column in a wide table (``"Conversion n"``, ``"Emotion (Ana) low"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import OperationError
from ._values import is_number

#: The parts of an evidence object besides its ``value``, in column order.
EVIDENCE_STATS = ("n", "sd", "low", "high")


# ---------------------------------------------------------------- reading: either shape


def plain_number(value: Any) -> float | None:
    """The number of a cell entry, a plain number or an evidence object, as a float (None if neither)."""
    if isinstance(value, Mapping):
        value = value.get("value")
    return float(value) if is_number(value) else None


def evidence_stats(value: Any) -> dict[str, Any]:
    """``n`` (int) and ``sd``, ``low``, ``high`` (floats) of an evidence object; all None for a plain number."""
    parts: Mapping[str, Any] = value if isinstance(value, Mapping) else {}
    n: Any = parts.get("n")
    stats: dict[str, Any] = {"n": int(n) if is_number(n) else None}
    for name in EVIDENCE_STATS[1:]:
        stats[name] = float(parts[name]) if is_number(parts.get(name)) else None
    return stats


# ---------------------------------------------------------------- writing


def stat_column(column: str, stat: str) -> str:
    """The wide table's name for a stat of a lane column: ``"Conversion" , "n" -> "Conversion n"``."""
    return f"{column} {stat}"


def checked_stats(given: Mapping[str, Any]) -> dict[str, int | float]:
    """The present stats of one table row: ``n`` a whole number >= 0 (as int), the others finite numbers.

    Raises :class:`OperationError` naming the first bad one.
    """
    stats: dict[str, int | float] = {}
    for name in EVIDENCE_STATS:
        value = given.get(name)
        if value is None:
            continue
        if not is_number(value):
            raise OperationError(f"{name} takes a number, got {value!r}")
        if name == "n":
            if not float(value).is_integer() or value < 0:
                raise OperationError(f"n is a count (a whole number from 0), got {value!r}")
            value = int(value)
        stats[name] = value
    return stats


def cell_value(number: Any, stats: Mapping[str, int | float]) -> Any:
    """What ``set_cell`` writes: the number alone, or with stats an evidence object.

    Raises :class:`OperationError` when there are stats but no number.
    """
    if not stats:
        return number
    if number is None:
        raise OperationError(f"{', '.join(stats)} given without a value")
    return {"value": number, **stats}


__all__ = [
    "EVIDENCE_STATS",
    "cell_value",
    "checked_stats",
    "evidence_stats",
    "plain_number",
    "stat_column",
]
