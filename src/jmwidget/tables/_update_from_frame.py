"""Values from a table written into an existing map, as one undoable change: :func:`update_from_frame`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import narwhals.stable.v2 as nw

from ..model import Journey, Lane, OperationError
from ._columns import STEP_COLUMNS, WideColumn, wide_columns
from ._values import (
    PERSONA_COLUMN,
    as_text,
    choose_columns,
    column_values,
    is_number,
    missing_column,
    native_frame,
    split_cards,
    split_channels,
    tidy_number,
)

_WHERE = "update_from_frame"

#: A column to write: its name, the lane it names, and the persona (emotion lanes named ``"Emotion (Ana)"``).
Target = tuple[str, Lane, str | None]


def update_from_frame(
    journey: Journey,
    df: Any,
    *,
    step: str = "step",
    lanes: Sequence[str] | Mapping[str, str] | None = None,
    persona: str | None = None,
) -> None:
    """Write values from a table into ``journey``, one row per step, as one undoable change.

    Rows are keyed by the ``step`` column, holding step ids or names (when there is no ``step``
    column but a ``step_id`` column, that one). Every other column names a lane by id or name,
    or an emotion lane and persona as ``"Emotion (Ana)"`` (the names :func:`to_pandas` gives);
    ``lanes`` picks the columns to use, or maps column -> lane. The step columns of the wide
    form (``stage_id, stage, step_id, step, step_index``) are never lanes. Plain emotion
    columns set ``persona`` (default: the map's first persona).

    Values: missing values (None, NaN, NA) are skipped, not cleared; an empty string clears a
    cell. Text lanes take text (numbers are written as text), metric and emotion lanes numbers,
    channels lanes a list or a comma-separated string. **Cards lanes**: a string *replaces* the
    cell's cards with one card per line (or ``";"``-separated piece, as the wide form joins
    them); the cards are kept as they are when the texts are unchanged.

    Unknown steps or lanes raise one :class:`OperationError` naming them all; bad values (say
    emotion 9 on a 1-5 scale) raise one naming every row (from 0) and column. Either way
    nothing is applied.
    """
    frame = native_frame(df, _WHERE)
    key_column = step
    if key_column not in frame.columns and step == "step" and "step_id" in frame.columns:
        key_column = "step_id"
    if key_column not in frame.columns:
        raise missing_column(frame, df, key_column, "step", _WHERE)

    chosen = choose_columns(frame, lanes, {key_column, *STEP_COLUMNS})
    targets, problems = _resolve_targets(journey, frame, chosen)
    default_pid = journey.persona_id(persona) if persona is not None else journey.personas[0].id
    row_steps, unknown_steps = _resolve_rows(journey, column_values(frame, key_column))
    if unknown_steps:
        problems.insert(0, f"unknown step(s) {', '.join(unknown_steps)}")
    if problems:
        raise OperationError(f"{_WHERE}: " + "; ".join(problems) + "; nothing was applied")
    _write_values(journey, frame, targets, row_steps, default_pid)


# ---------------------------------------------------------------- which lanes and steps


def _resolve_column(
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


def _resolve_targets(
    journey: Journey, frame: nw.DataFrame[Any], chosen: list[tuple[str, str]]
) -> tuple[list[Target], list[str]]:
    """``(column, lane, persona id)`` for each chosen column, and the problems found."""
    problems: list[str] = []
    absent = [c for c, _ in chosen if c not in frame.columns]
    if absent:
        problems.append(f"no column(s) {', '.join(map(repr, absent))} in the table")
    by_wide = {w.name: w for w in wide_columns(journey)}
    targets: list[Target] = []
    unknown: list[str] = []
    for column, ref in chosen:
        if column in absent:
            continue
        resolved = _resolve_column(journey, column, ref, by_wide)
        if isinstance(resolved, str):
            unknown.append(resolved)
        else:
            targets.append((column, *resolved))
    if unknown:
        lane_names = ", ".join(repr(lane.name) for lane in journey.lanes) or "none yet"
        problems.append(f"unknown lane(s) {', '.join(unknown)} (the lanes: {lane_names})")
    return targets, problems


def _resolve_rows(journey: Journey, keys: list[Any]) -> tuple[list[str], list[str]]:
    """The step id of each row (by step id or name), and the keys naming no step."""
    row_steps: list[str] = []
    unknown: list[str] = []
    for row, key in enumerate(keys):
        try:
            if key is None:
                raise OperationError("no step")
            row_steps.append(journey.step_id(str(key)))
        except OperationError as exc:
            detail = "; ambiguous" if "are named" in str(exc) else ""
            unknown.append(f"{key!r} (row {row}{detail})")
            row_steps.append("")
    return row_steps, unknown


# ---------------------------------------------------------------- writing the values


def _write_values(
    journey: Journey, frame: nw.DataFrame[Any], targets: list[Target], row_steps: list[str], default_pid: str
) -> None:
    """Every present value of the target columns, in one transaction; one error naming every bad value."""
    columns = {column: column_values(frame, column) for column, _, _ in targets}
    errors: list[str] = []
    with journey.transaction("update from table"):
        for column, lane, persona_id in targets:
            for row, value in enumerate(columns[column]):
                if value is None:
                    continue
                step_id = row_steps[row]
                try:
                    _apply_value(journey, lane, step_id, value, persona_id or default_pid)
                except OperationError as exc:
                    errors.append(f"row {row}, column {column!r}: {exc}")
        if errors:
            count = len(errors)
            raise OperationError(
                f"{_WHERE}: {count} bad value{'s' if count > 1 else ''}, nothing was applied:\n  " + "\n  ".join(errors)
            )


def _apply_value(journey: Journey, lane: Lane, step_id: str, value: Any, persona_id: str) -> None:
    op: dict[str, Any] = {"op": "set_cell", "lane": lane.id, "step": step_id}
    if lane.kind == "cards":
        texts = split_cards(value) if not (isinstance(value, str) and not value.strip()) else []
        current = journey.cards(lane.id, step_id)
        if [card["text"] for card in current] == texts:
            return
        for card in current:
            journey.apply({"op": "delete_card", "card": card["id"]})
        for text in texts:
            journey.apply({"op": "add_card", "lane": lane.id, "step": step_id, "card": {"text": text}})
        return
    if lane.kind == "channels":
        op["value"] = split_channels(value)
    elif lane.kind == "text":
        op["value"] = value if isinstance(value, str) else as_text(value)
    elif lane.kind == "emotion":
        op.update(value=tidy_number(value) if is_number(value) else value, persona=persona_id)
    else:
        op["value"] = value
    if isinstance(op["value"], str) and lane.kind in ("emotion", "metric"):
        if not op["value"].strip():
            op["value"] = None
        else:
            raise OperationError(f"lane {lane.name!r} takes numbers, got text {op['value']!r}")
    journey.apply(op)


__all__ = ["update_from_frame"]
