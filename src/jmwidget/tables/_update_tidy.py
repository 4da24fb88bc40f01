"""Tidy tables (a row per value, as :func:`to_pandas` gives them) read for :func:`update_from_frame`.

A row names its step by ``step_id`` (else the ``step`` column: an id or a name), its lane by
``lane_id`` (else ``lane``: an id or a name), and, on an emotion lane, its persona by
``persona_id`` (else ``persona``; default: the ``persona`` argument). Emotion and metric rows
take ``value``, or ``number`` where ``value`` is missing or text (polars' tidy form has text in
``value``); blank text clears the cell. The rows of one channels or cards cell together give its
channels or cards, in row order; any other cell takes one row. Rows without a value are skipped;
``n, sd, low, high`` give evidence.
"""

from __future__ import annotations

from typing import Any

import narwhals.stable.v2 as nw

from ..model import Journey, Lane, OperationError
from ._columns import wide_columns
from ._evidence import EVIDENCE_STATS
from ._resolve import resolve_column, resolve_rows
from ._values import column_values, is_number, missing_column
from ._writes import Write

_WHERE = "update_from_frame"
_JOINED = ("cards", "channels")  # kinds whose cell gathers several rows


def is_tidy(frame: nw.DataFrame[Any]) -> bool:
    """A table with a ``value`` column and a ``lane_id`` or ``lane`` column."""
    return "value" in frame.columns and ("lane_id" in frame.columns or "lane" in frame.columns)


def tidy_writes(journey: Journey, frame: nw.DataFrame[Any], df: Any, step: str, default_pid: str) -> list[Write]:
    """A write per cell the table gives a value for; one :class:`OperationError` naming every unknown
    step, lane and persona and every cell given twice."""
    names = frame.columns
    key = "step_id" if step == "step" and "step_id" in names else step
    if key not in names:
        raise missing_column(frame, df, key, "step", _WHERE)
    lane_key = "lane_id" if "lane_id" in names else "lane"
    persona_key = next((c for c in ("persona_id", "persona") if c in names), None)
    empty = [None] * len(frame)
    values, lanes = column_values(frame, "value"), column_values(frame, lane_key)
    numbers = column_values(frame, "number") if "number" in names else empty
    personas = column_values(frame, persona_key) if persona_key else empty
    stats = {s: column_values(frame, s) for s in EVIDENCE_STATS if s in names}
    rows = [r for r in range(len(frame)) if values[r] is not None or numbers[r] is not None or _given(stats, r)]
    keys = column_values(frame, key)
    row_steps, unknown_steps = resolve_rows(journey, [keys[r] for r in rows], rows)
    problems = [f"unknown step(s) {', '.join(unknown_steps)}"] if unknown_steps else []
    cells = _Cells(journey, default_pid)
    for row, step_id in zip(rows, row_steps, strict=True):
        cells.add(row, lanes[row], personas[row], step_id)
    problems += cells.problems()
    if problems:
        raise OperationError(f"{_WHERE}: " + "; ".join(problems) + "; nothing was applied")
    writes = []
    for (lane, step_id, persona_id), group in cells.groups.items():
        first = group[0]
        if lane.kind in _JOINED:
            value: Any = [values[r] for r in group if values[r] is not None]
        else:
            value = values[first]
            if lane.kind in ("emotion", "metric") and numbers[first] is not None and _not_a_number(value):
                value = numbers[first]
        given = _given(stats, first) if lane.kind in ("emotion", "metric") else {}
        writes.append(Write(f"row {first}", lane, step_id, persona_id, value, given))
    return writes


def _not_a_number(value: Any) -> bool:
    """Missing, or neither a number nor blank text (which clears the cell): ``number`` is read instead."""
    if isinstance(value, str):
        return bool(value.strip())
    return not is_number(value)


def _given(stats: dict[str, list[Any]], row: int) -> dict[str, Any]:
    return {s: values[row] for s, values in stats.items() if values[row] is not None}


class _Cells:
    """Rows grouped by the cell they name, the lanes and personas named once each."""

    def __init__(self, journey: Journey, default_pid: str) -> None:
        self.journey, self.default_pid = journey, default_pid
        self.by_wide = {w.name: w for w in wide_columns(journey)}
        self.lanes: dict[str, tuple[Lane, str | None] | str] = {}
        self.personas: dict[str, str | None] = {}
        self.groups: dict[tuple[Lane, str, str], list[int]] = {}
        self.unknown: dict[str, list[str]] = {"lane": [], "persona": []}
        self.twice: list[str] = []

    def add(self, row: int, lane_ref: Any, persona_ref: Any, step_id: str) -> None:
        ref = str(lane_ref)
        if ref not in self.lanes:
            self.lanes[ref] = resolve_column(self.journey, ref, ref, self.by_wide)
            if isinstance(self.lanes[ref], str):
                self.unknown["lane"].append(f"{self.lanes[ref]} (row {row})")
        resolved = self.lanes[ref]
        if isinstance(resolved, str) or not step_id:
            return
        lane, persona_id = resolved
        if lane.kind == "emotion" and persona_id is None and persona_ref is not None:
            persona_id = self._persona(str(persona_ref), row)
        key = (lane, step_id, (persona_id or self.default_pid) if lane.kind == "emotion" else "")
        group = self.groups.setdefault(key, [])
        if group and lane.kind not in _JOINED:
            self.twice.append(f"rows {group[0]} and {row} ({lane.name!r} x {step_id!r})")
        group.append(row)

    def _persona(self, ref: str, row: int) -> str | None:
        if ref not in self.personas:
            try:
                self.personas[ref] = self.journey.persona_id(ref)
            except OperationError:
                self.personas[ref] = None
                self.unknown["persona"].append(f"{ref!r} (row {row})")
        return self.personas[ref]

    def problems(self) -> list[str]:
        found = [f"unknown {kind}(s) {', '.join(refs)}" for kind, refs in self.unknown.items() if refs]
        if self.twice:
            found.append(f"one cell, two values: {', '.join(self.twice)}")
        return found


__all__ = ["is_tidy", "tidy_writes"]
