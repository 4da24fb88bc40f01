"""Evidence behind a value: how much data stands behind an emotion or metric number.

An emotion cell's entry for a persona, and a metric cell, hold a plain number or an **Evidence**
object ``{"value": 2.1, "n": 412, "sd": 0.4, "low": 1.8, "high": 2.4}``: the value, and
optionally the number of observations ``n``, the standard deviation ``sd`` and an interval
``low..high`` (``low <= value <= high``, checked in :mod:`._values`). The readers below take either
shape, so code outside the model never looks into a cell by hand: :func:`cell_number` is the plain
number, :func:`evidence_of` the Evidence object.

A value whose evidence has ``n`` below :data:`SMALL_N` (``schema/shared.json``, shared with the
front end) is drawn as less certain: a hollow, faded point.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from typing import Any

from ._shared import shared

#: The fields of an Evidence object, in the order they are written and described.
EVIDENCE_FIELDS = ("value", "n", "sd", "low", "high")
#: A value backed by fewer observations than this is drawn as less certain.
SMALL_N: int = int(shared()["evidence"]["small_n"])


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def cell_number(value: Any) -> float | None:
    """The plain number of an emotion entry or a metric cell: the number itself, or an Evidence
    object's ``value``; ``None`` for anything else (an empty cell).

    >>> cell_number(2.1), cell_number({"value": 2.1, "n": 412}), cell_number(None)
    (2.1, 2.1, None)
    """
    if isinstance(value, Mapping):
        value = value.get("value")
    if _is_number(value) and math.isfinite(value):
        number: float = value
        return number
    return None


def evidence_of(value: Any) -> dict[str, Any] | None:
    """The Evidence object of an emotion entry or a metric cell (a copy): ``{"value": x}`` for a
    plain number, ``None`` for an empty cell."""
    if isinstance(value, Mapping) and "value" in value:
        return {key: copy.deepcopy(value[key]) for key in EVIDENCE_FIELDS if key in value}
    number = cell_number(value)
    return None if number is None else {"value": number}


def has_evidence(value: Any) -> bool:
    """Whether a value carries more than its number (n, sd, low or high)."""
    return isinstance(value, Mapping) and any(key in value for key in EVIDENCE_FIELDS[1:])


def is_small_n(value: Any) -> bool:
    """Whether a value's evidence names fewer than :data:`SMALL_N` observations."""
    return isinstance(value, Mapping) and _is_number(value.get("n")) and value["n"] < SMALL_N


def evidence_cells(doc: Mapping[str, Any]) -> int:
    """How many cells of ``doc`` (emotion or metric) hold a value with evidence."""
    kinds = {lane.get("id"): lane.get("kind") for lane in doc.get("lanes") or ()}
    count = 0
    for lane_id, row in (doc.get("cells") or {}).items():
        kind = kinds.get(lane_id)
        for value in row.values():
            entries = value.values() if kind == "emotion" and isinstance(value, Mapping) else [value]
            if kind in ("emotion", "metric") and any(map(has_evidence, entries)):
                count += 1
    return count


def without_evidence(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``doc`` whose emotion and metric values are plain numbers (the evidence left out)."""
    plain = copy.deepcopy(dict(doc))
    kinds = {lane.get("id"): lane.get("kind") for lane in plain.get("lanes") or ()}
    for lane_id, row in (plain.get("cells") or {}).items():
        kind = kinds.get(lane_id)
        for step_id, value in row.items():
            if kind == "metric" and isinstance(value, Mapping):
                row[step_id] = value.get("value")
            elif kind == "emotion" and isinstance(value, Mapping):
                row[step_id] = {
                    persona: entry.get("value") if isinstance(entry, Mapping) else entry
                    for persona, entry in value.items()
                }
    return plain


__all__ = [
    "EVIDENCE_FIELDS",
    "SMALL_N",
    "cell_number",
    "evidence_cells",
    "evidence_of",
    "has_evidence",
    "is_small_n",
    "without_evidence",
]
