"""Which lanes, personas and steps a table's columns and rows name (for :func:`update_from_frame`)."""

from __future__ import annotations

from typing import Any

import narwhals.stable.v2 as nw

from ..model import Journey, Lane, OperationError
from ._columns import WideColumn, wide_columns
from ._evidence import EVIDENCE_STATS, stat_column
from ._values import PERSONA_COLUMN

#: A column to write: its name, the lane it names, and the persona (emotion lanes named ``"Emotion (Ana)"``).
Target = tuple[str, Lane, str | None]


def resolve_column(
    journey: Journey, column: str, ref: str, by_wide: dict[str, WideColumn]
) -> tuple[Lane, str | None] | str:
    """The lane (and persona) a column names, or a message saying why it names none."""
    try:
        return journey.lane(ref), None
    except OperationError as exc:
        reason = str(exc)
    if ref in by_wide:
        wide = by_wide[ref]
        return wide.lane, wide.persona_id
    match = PERSONA_COLUMN.match(ref)
    if match:
        try:
            lane = journey.lane(match["lane"])
            if lane.kind == "emotion":
                return lane, journey.persona_id(match["persona"].strip())
        except OperationError as exc:
            reason = str(exc)
    if "are named" in reason:  # ambiguous name
        return f"{column!r} ({reason})"
    return repr(column)


def resolve_targets(
    journey: Journey, frame: nw.DataFrame[Any], chosen: list[tuple[str, str]]
) -> tuple[list[Target], list[str]]:
    """``(column, lane, persona id)`` for each chosen column, and the problems found.

    A column naming no lane but named as a lane column's evidence (``"Conversion n"``) is that.
    """
    problems: list[str] = []
    absent = [c for c, _ in chosen if c not in frame.columns]
    if absent:
        problems.append(f"no column(s) {', '.join(map(repr, absent))} in the table")
    by_wide = {w.name: w for w in wide_columns(journey)}
    targets: list[Target] = []
    unknown: list[tuple[str, str]] = []
    for column, ref in chosen:
        if column in absent:
            continue
        resolved = resolve_column(journey, column, ref, by_wide)
        if isinstance(resolved, str):
            unknown.append((column, resolved))
        else:
            targets.append((column, *resolved))
    stats = {c for column, lane, _ in targets for c in stat_columns(frame, column, lane, targets).values()}
    unknown = [(column, message) for column, message in unknown if column not in stats]
    if unknown:
        lane_names = ", ".join(repr(lane.name) for lane in journey.lanes) or "none yet"
        problems.append(f"unknown lane(s) {', '.join(m for _, m in unknown)} (the lanes: {lane_names})")
    return targets, problems


def resolve_rows(journey: Journey, keys: list[Any], rows: list[int] | None = None) -> tuple[list[str], list[str]]:
    """The step id of each row (by step id or name; "" for none), and the keys naming no step.

    ``rows`` numbers the rows in messages (default: 0, 1, ...).
    """
    row_steps: list[str] = []
    unknown: list[str] = []
    known: dict[str, str] = {}
    for row, key in zip(rows or range(len(keys)), keys, strict=True):
        try:
            if key is None:
                raise OperationError("no step")
            if str(key) not in known:
                known[str(key)] = journey.step_id(str(key))
            row_steps.append(known[str(key)])
        except OperationError as exc:
            detail = "; ambiguous" if "are named" in str(exc) else ""
            unknown.append(f"{key!r} (row {row}{detail})")
            row_steps.append("")
    return row_steps, unknown


def stat_columns(frame: nw.DataFrame[Any], column: str, lane: Lane, targets: list[Target]) -> dict[str, str]:
    """The evidence columns beside a lane column (``"Conversion n"``...) that are not lane columns themselves."""
    if lane.kind not in ("emotion", "metric"):
        return {}
    lane_columns = {c for c, _, _ in targets}
    named = {s: stat_column(column, s) for s in EVIDENCE_STATS}
    return {s: c for s, c in named.items() if c in frame.columns and c not in lane_columns}


__all__ = ["Target", "resolve_column", "resolve_rows", "resolve_targets", "stat_columns"]
