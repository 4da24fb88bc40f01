"""Turn analysis rows (a frame or a list) into the widget's ``highlights``: ``{lane, step, kind, message}``."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import narwhals as nw

from ..model import JourneyError

if TYPE_CHECKING:
    from ..model import Journey


def _rows(rows: Any) -> list[Mapping[str, Any]]:
    if isinstance(rows, Mapping):
        return [rows]
    try:
        frame = nw.from_native(rows, eager_only=True)
    except TypeError:
        frame = None
    if frame is not None:
        records: list[Mapping[str, Any]] = frame.rows(named=True)
        return records
    if isinstance(rows, Iterable) and not isinstance(rows, (str, bytes)):
        return list(rows)
    raise JourneyError(
        f"highlight takes a dataframe (e.g. from jmwidget.analysis.alignment), a list of "
        f"{{'lane', 'step', 'kind', 'message'}} mappings, or None; got {type(rows).__name__}"
    )


def _field(row: Mapping[str, Any], *names: str) -> Any:
    for name in names:
        value = row.get(name)
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            return value
    return None


def to_highlights(journey: Journey, rows: Any) -> list[dict[str, str]]:
    """One highlight per row, naming the lane and step by id; rows name them by id or name
    (``lane_id``/``lane``, ``step_id``/``step``); ``kind`` defaults to "note"."""
    if rows is None:
        return []
    out: list[dict[str, str]] = []
    for i, row in enumerate(_rows(rows)):
        if not isinstance(row, Mapping):
            raise JourneyError(f"highlight row {i}: expected a mapping with lane and step, got {row!r}")
        lane, step = _field(row, "lane_id", "lane"), _field(row, "step_id", "step")
        if lane is None or step is None:
            raise JourneyError(f"highlight row {i}: needs a lane (lane_id or lane) and a step (step_id or step)")
        try:
            item = {"lane": journey.lane_id(str(lane)), "step": journey.step_id(str(step))}
        except JourneyError as error:
            raise JourneyError(f"highlight row {i}: {error}") from None
        item["kind"] = str(_field(row, "kind") or "note")
        item["message"] = str(_field(row, "message") or "")
        if item not in out:
            out.append(item)
    return out
