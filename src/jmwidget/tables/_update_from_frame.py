"""Values from a table written into an existing map, as one undoable change: :func:`update_from_frame`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import narwhals.stable.v2 as nw

from ..model import Journey, JourneyError, Lane, OperationError
from ._columns import STEP_COLUMNS, wide_columns
from ._metrics import metric_options
from ._resolve import resolve_column, resolve_rows, resolve_targets, stat_columns
from ._update_tidy import is_tidy, tidy_writes
from ._values import choose_columns, column_values, missing_column, native_frame
from ._writes import LaneOptions, Write, rescaled, write_all

_WHERE = "update_from_frame"


def update_from_frame(
    journey: Journey,
    df: Any,
    *,
    step: str = "step",
    lanes: Sequence[str] | Mapping[str, str] | None = None,
    persona: str | None = None,
    metrics: Mapping[str, Mapping[str, Any]] | None = None,
    form: Literal["wide", "tidy"] | None = None,
) -> None:
    """Write values from a table into ``journey`` as one undoable change.

    **Wide** tables have one row per step, keyed by the ``step`` column (step ids or names; when
    there is no ``step`` column but a ``step_id`` column, that one). Every other column names a
    lane by id or name, or an emotion lane and persona as ``"Emotion (Ana)"`` (the names
    :func:`to_pandas` gives); ``lanes`` picks the columns to use, or maps column -> lane. The
    step columns of the wide form (``stage_id, stage, step_id, step, step_index``) are never
    lanes. Plain emotion columns set ``persona`` (default: the map's first persona).

    **Tidy** tables (``form="tidy"``, or any table with a ``value`` column and a ``lane_id`` or
    ``lane`` column) have a row per value, as :func:`to_pandas` gives them: ``step_id`` (or
    ``step``), ``lane_id`` (or ``lane``), ``persona_id`` (or ``persona``) on emotion rows, and
    ``value`` (``number`` where ``value`` is not a number); the rows of a channels or cards cell
    together give its channels or cards.

    Values: missing values (None, NaN, NA) are skipped, not cleared; an empty string clears a
    cell. Text lanes take text (numbers are written as text), metric and emotion lanes numbers,
    channels lanes a list or a comma-separated string. **Cards lanes**: a string *replaces* the
    cell's cards with one card per line (or ``";"``-separated piece, as the wide form joins
    them); the cards are kept as they are when the texts are unchanged.

    **Evidence** behind emotion and metric values: columns ``n, sd, low, high`` (tidy) or
    ``"<column> n"``, ``"<column> sd"``, ``"<column> low"``, ``"<column> high"`` beside a lane's
    column (wide: ``"Conversion n"``, ``"Emotion (Ana) low"``) make the cell an evidence object
    (maps of schema version 3 and later). **Metric lanes**: ``metrics={"Conversion": {"unit":
    "%", "format": "percent"}}`` edits the lanes (keys: a column, or a lane by id or name), as in
    :func:`from_frame`, ``"fraction": True`` included.

    Unknown steps or lanes raise one :class:`OperationError` naming them all; bad values (say
    emotion 9 on a 1-5 scale) raise one naming every row (from 0) and column. Either way
    nothing is applied.
    """
    frame = native_frame(df, _WHERE)
    options = metric_options(metrics, _WHERE)
    default_pid = journey.persona_id(persona) if persona is not None else journey.personas[0].id
    if form not in (None, "wide", "tidy"):
        raise JourneyError(f"{_WHERE}: form must be 'wide' or 'tidy', got {form!r}")
    if form == "tidy" or (form is None and is_tidy(frame)):
        if lanes is not None:
            raise JourneyError(f"{_WHERE}: lanes= picks the columns of a wide table; a tidy table names its lanes")
        writes, columns = tidy_writes(journey, frame, df, step, default_pid), dict[str, Lane]()
    else:
        writes, columns = _wide_writes(journey, frame, df, step, lanes, default_pid)
    lane_options = _lane_options(journey, options, columns)
    write_all(journey, rescaled(writes, lane_options), lane_options)


def _wide_writes(
    journey: Journey,
    frame: nw.DataFrame[Any],
    df: Any,
    step: str,
    lanes: Sequence[str] | Mapping[str, str] | None,
    default_pid: str,
) -> tuple[list[Write], dict[str, Lane]]:
    """A write per present value of the lane columns (column by column), and column -> lane."""
    key_column = step
    if key_column not in frame.columns and step == "step" and "step_id" in frame.columns:
        key_column = "step_id"
    if key_column not in frame.columns:
        raise missing_column(frame, df, key_column, "step", _WHERE)
    chosen = choose_columns(frame, lanes, {key_column, *STEP_COLUMNS})
    targets, problems = resolve_targets(journey, frame, chosen)
    row_steps, unknown_steps = resolve_rows(journey, column_values(frame, key_column))
    if unknown_steps:
        problems.insert(0, f"unknown step(s) {', '.join(unknown_steps)}")
    if problems:
        raise OperationError(f"{_WHERE}: " + "; ".join(problems) + "; nothing was applied")
    writes: list[Write] = []
    for column, lane, persona_id in targets:
        values = column_values(frame, column)
        stats = {s: column_values(frame, c) for s, c in stat_columns(frame, column, lane, targets).items()}
        for row, value in enumerate(values):
            given = {s: stat[row] for s, stat in stats.items() if stat[row] is not None} if stats else {}
            if value is not None or given:
                source = f"row {row}, column {column!r}"
                writes.append(Write(source, lane, row_steps[row], persona_id or default_pid, value, given))
    return writes, {column: lane for column, lane, _ in targets}


def _lane_options(
    journey: Journey, options: Mapping[str, Mapping[str, Any]], columns: Mapping[str, Lane]
) -> LaneOptions:
    """The ``metrics`` entries by lane id: a key names a column of the table, or a lane by id, name or wide name."""
    by_wide = {w.name: w for w in wide_columns(journey)}
    found: dict[str, tuple[str, Mapping[str, Any]]] = {}
    unknown: list[str] = []
    for key, option in options.items():
        resolved = (columns[key], None) if key in columns else resolve_column(journey, key, key, by_wide)
        if isinstance(resolved, str):
            unknown.append(resolved)
        elif resolved[0].kind != "metric":
            raise JourneyError(f"{_WHERE}: metrics apply to metric lanes; {key!r} is a {resolved[0].kind} lane")
        else:
            found[resolved[0].id] = (key, option)
    if unknown:
        raise JourneyError(f"{_WHERE}: metrics name unknown lane(s) {', '.join(unknown)}")
    return found


__all__ = ["update_from_frame"]
