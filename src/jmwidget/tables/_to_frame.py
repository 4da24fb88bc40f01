"""The map as a table: the tidy, wide and connections forms of :func:`to_pandas` and :func:`to_polars`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import narwhals.stable.v2 as nw

from ..model import Journey, JourneyError
from ._columns import (
    CARD_SEPARATOR,
    CHANNEL_SEPARATOR,
    CONNECTION_COLUMNS,
    STEP_COLUMNS,
    TIDY_COLUMNS,
    WideColumn,
    wide_columns,
)
from ._evidence import evidence_stats, plain_number

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

Form = Literal["tidy", "wide", "connections"]
Backend = Literal["pandas", "polars"]
Data = dict[str, list[Any]]
#: Column name -> its type: "str", "int", "float", "bool", or "object" (pandas' mixed ``value`` column).
Schema = dict[str, str]


def _cells(journey: Journey) -> dict[str, dict[str, Any]]:
    # Read-only access to the document's cells (no deep copy of the whole map).
    cells: dict[str, dict[str, Any]] = journey.document["cells"]
    return cells


# ---------------------------------------------------------------- tidy: one row per value


def _step_positions(journey: Journey) -> list[tuple[str, str, str, str, int]]:
    """``(stage id, stage name, step id, step name, step index)`` of every step, in map order."""
    positions: list[tuple[str, str, str, str, int]] = []
    for stage in journey.stages:
        for step in stage.steps:
            positions.append((stage.id, stage.name, step.id, step.name, len(positions)))
    return positions


def _tidy_records(journey: Journey) -> list[dict[str, Any]]:
    positions = _step_positions(journey)
    personas = {p.id: p.name for p in journey.personas}
    cells = _cells(journey)
    notes: dict[str, dict[str, Any]] = journey.document["annotations"]
    rows: list[dict[str, Any]] = []
    empty = dict.fromkeys(TIDY_COLUMNS)
    for lane in journey.lanes:
        row_cells = cells.get(lane.id, {})
        row_notes = notes.get(lane.id, {})
        for stage_id, stage_name, step_id, step_name, index in positions:
            note = row_notes.get(step_id)
            if step_id not in row_cells and note is None:
                continue
            base = {
                **empty,
                "stage_id": stage_id,
                "stage": stage_name,
                "step_id": step_id,
                "step": step_name,
                "step_index": index,
                "lane_id": lane.id,
                "lane": lane.name,
                "kind": lane.kind,
                "zone": lane.zone,
                **_annotation_columns(note),
            }
            rows.extend(_cell_rows(base, lane.kind, row_cells.get(step_id), note, personas))
    return rows


def _cell_rows(
    base: dict[str, Any], kind: str, value: Any, note: Mapping[str, Any] | None, personas: dict[str, str]
) -> list[dict[str, Any]]:
    """The tidy rows of one cell (``base`` holds its step, lane and annotation columns)."""
    if value is None:  # an empty cell with annotations
        return [base]
    if kind == "emotion":
        rank = {pid: position for position, pid in enumerate(personas)}
        return [
            {**base, "persona_id": pid, "persona": personas.get(pid), **_number_columns(value[pid])}
            for pid in sorted(value, key=lambda p: rank.get(p, len(personas)))
        ]
    if kind == "metric":
        return [{**base, **_number_columns(value)}]
    if kind == "channels":
        return [{**base, "value": channel} for channel in value]
    if kind == "cards":
        rows = [_card_row(base, card) for card in value]
        if note is not None:  # the cell's own annotations, apart from its cards'
            rows.append(base)
        return rows
    return [{**base, "value": value}]


def _number_columns(entry: Any) -> dict[str, Any]:
    """``value`` and ``number`` (the plain number) and the evidence columns of an emotion or metric entry."""
    number = plain_number(entry)
    columns = {"value": number, "number": number}
    return (columns | evidence_stats(entry)) if isinstance(entry, Mapping) else columns


def _card_row(base: dict[str, Any], card: dict[str, Any]) -> dict[str, Any]:
    return {
        **base,
        "value": card["text"],
        "card_id": card["id"],
        "impact": card.get("impact"),
        "tag": card.get("tag"),
        "color": card.get("color"),
        **_annotation_columns(card.get("annotations")),
    }


def _annotation_columns(note: Mapping[str, Any] | None) -> dict[str, Any]:
    note = note or {}
    duration, cost = note.get("duration") or {}, note.get("cost") or {}
    return {
        "fail_point": "fail_point" in note,
        "fail_note": note.get("fail_point"),
        "wait_point": "wait_point" in note,
        "wait_note": note.get("wait_point"),
        "duration": float(duration["value"]) if duration else None,
        "duration_unit": duration.get("unit"),
        "cost": float(cost["amount"]) if cost else None,
        "currency": cost.get("currency"),
        "owner": note.get("owner"),
    }


def _tidy_table(journey: Journey, backend: Backend) -> tuple[Data, Schema]:
    records = _tidy_records(journey)
    text_value = backend != "pandas"
    schema: Schema = dict.fromkeys(TIDY_COLUMNS, "str")
    # pandas users get numbers as numbers in one object column; polars has no mixed
    # columns, so there ``value`` is text and the numbers live in ``number`` (both forms).
    schema["value"] = "str" if text_value else "object"
    schema |= {"step_index": "int", "number": "float", "n": "int", "sd": "float", "low": "float", "high": "float"}
    schema |= {"fail_point": "bool", "wait_point": "bool", "duration": "float", "cost": "float"}
    data: Data = {name: [r[name] for r in records] for name in TIDY_COLUMNS}
    if text_value:
        data["value"] = [v if v is None or isinstance(v, str) else repr(v) for v in data["value"]]
    return data, schema


# ---------------------------------------------------------------- wide: one row per step


def _wide_records(journey: Journey) -> tuple[list[WideColumn], list[dict[str, Any]]]:
    columns = wide_columns(journey)
    cells = _cells(journey)
    rows: list[dict[str, Any]] = []
    for stage in journey.stages:
        for step in stage.steps:
            row: dict[str, Any] = {
                "stage_id": stage.id,
                "stage": stage.name,
                "step_id": step.id,
                "step": step.name,
                "step_index": len(rows),
            }
            for column in columns:
                row[column.name] = _wide_value(column, cells.get(column.lane.id, {}).get(step.id))
            rows.append(row)
    return columns, rows


def _wide_value(column: WideColumn, value: Any) -> Any:
    """One cell in the wide form: numbers as floats, cards and channels joined into one string."""
    kind = column.lane.kind
    if value is None:
        return None
    if kind == "emotion":
        return plain_number(value.get(column.persona_id))
    if kind == "metric":
        return plain_number(value)
    if kind == "cards":
        return CARD_SEPARATOR.join(card["text"] for card in value)
    if kind == "channels":
        return CHANNEL_SEPARATOR.join(value)
    return value


def _wide_table(journey: Journey) -> tuple[Data, Schema]:
    columns, records = _wide_records(journey)
    schema: Schema = dict.fromkeys(STEP_COLUMNS, "str")
    schema["step_index"] = "int"
    for column in columns:
        schema[column.name] = "float" if column.lane.kind in ("emotion", "metric") else "str"
    return {name: [r[name] for r in records] for name in schema}, schema


# ---------------------------------------------------------------- connections: one row per connection


def _connection_records(journey: Journey) -> list[dict[str, Any]]:
    steps = {step.id: (stage.name, step.name) for stage in journey.stages for step in stage.steps}
    lanes = {lane.id: lane.name for lane in journey.lanes}
    cards = {
        card["id"]: card["text"]
        for row in _cells(journey).values()
        for value in row.values()
        if isinstance(value, list)
        for card in value
        if isinstance(card, dict)
    }
    rows: list[dict[str, Any]] = []
    for connection in journey.connections:
        row: dict[str, Any] = {"connection_id": connection.id, "label": connection.label}
        for side, end in (("from", connection.from_), ("to", connection.to)):
            stage_name, step_name = steps[end.step]
            row |= {
                f"{side}_stage": stage_name,
                f"{side}_step_id": end.step,
                f"{side}_step": step_name,
                f"{side}_lane_id": end.lane,
                f"{side}_lane": lanes[end.lane],
                f"{side}_card_id": end.card,
                f"{side}_card": cards.get(end.card) if end.card else None,
            }
        rows.append(row)
    return rows


def _connections_table(journey: Journey) -> tuple[Data, Schema]:
    records = _connection_records(journey)
    schema: Schema = dict.fromkeys(CONNECTION_COLUMNS, "str")
    return {name: [r[name] for r in records] for name in CONNECTION_COLUMNS}, schema


# ---------------------------------------------------------------- the frames


def _frame(journey: Journey, form: Form, backend: Backend) -> Any:
    if form == "tidy":
        data, schema = _tidy_table(journey, backend)
    elif form == "wide":
        data, schema = _wide_table(journey)
    elif form == "connections":
        data, schema = _connections_table(journey)
    else:
        raise JourneyError(f"form must be 'tidy', 'wide' or 'connections', got {form!r}")
    if backend == "polars":
        return _polars_frame(data, schema)
    return _pandas_frame(data, schema)


def _pandas_frame(data: Data, schema: Schema) -> Any:
    """A pandas frame; ``n`` (a count that may be missing) as pandas' nullable ``Int64``."""
    types = {"str": nw.String(), "int": nw.Int64(), "float": nw.Float64(), "bool": nw.Boolean(), "object": nw.Object()}
    counts = [name for name in ("n",) if schema.get(name) == "int"]
    dtypes = {name: nw.Float64() if name in counts else types[kind] for name, kind in schema.items()}
    frame = nw.from_dict(data, schema=dtypes, backend="pandas").to_native()
    for name in counts:
        frame[name] = frame[name].astype("Int64")
    return frame


def _polars_frame(data: Data, schema: Schema) -> Any:
    """A polars frame made from the Python columns themselves (no pyarrow needed)."""
    import polars as pl

    types = {"str": pl.String, "int": pl.Int64, "float": pl.Float64, "bool": pl.Boolean}
    return pl.DataFrame(data, schema={name: types[kind] for name, kind in schema.items()})


def to_pandas(journey: Journey, form: Form = "tidy") -> pd.DataFrame:
    """The map as a pandas DataFrame.

    ``form="tidy"`` (default): one row per value, in map order (lanes top to bottom, then steps
    left to right), with the columns :data:`TIDY_COLUMNS`:

    * ``stage_id, stage, step_id, step, step_index`` (0-based position of the step in the map),
      ``lane_id, lane, kind``, ``zone`` (the lane's blueprint zone, or missing);
    * ``persona_id, persona``: set on emotion rows (one row per persona with a value);
    * ``value``: the text (text lanes), the channel (channels lanes: one row per channel), the
      card text (cards lanes: one row per card), or the number (emotion, metric lanes) as a float;
    * ``number``: the value as a float for emotion and metric rows, NaN otherwise;
    * ``n, sd, low, high``: the evidence behind an emotion or metric value when the cell holds
      it (``{"value": 4.2, "n": 31, ...}``; ``value`` and ``number`` are then its value), else missing;
    * ``card_id, impact, tag, color``: set on card rows;
    * blueprint annotations (:data:`ANNOTATION_COLUMNS`): ``fail_point`` / ``wait_point`` (bool)
      with their notes ``fail_note`` / ``wait_note``, ``duration`` + ``duration_unit``, ``cost`` +
      ``currency``, ``owner``. Card rows carry the card's annotations, other rows the cell's. An
      annotated cell gets a row even when empty (``value`` missing), and a cards cell's own
      annotations get a row of their own (``card_id`` missing).

    ``form="wide"``: one row per step (``stage_id, stage, step_id, step, step_index``) and one
    column per lane (see :func:`wide_columns` for the names): text as ``str``, emotion and metric
    values as floats, cards joined with ``"; "``, channels joined with ``", "``; empty cells are
    missing (NaN / None).

    ``form="connections"``: one row per connection (:data:`CONNECTION_COLUMNS`): ``connection_id``,
    for each end (``from_``/``to_``) its ``stage``, ``step_id``, ``step``, ``lane_id``, ``lane``,
    ``card_id`` and ``card`` (the card's text; missing for a cell end), and ``label``. Also
    :meth:`Journey.connections_frame`.

    An empty map gives an empty frame with the same columns and dtypes.
    """
    frame: pd.DataFrame = _frame(journey, form, "pandas")
    return frame


def to_polars(journey: Journey, form: Form = "tidy") -> pl.DataFrame:
    """The map as a polars DataFrame; see :func:`to_pandas`.

    The one difference: polars columns hold one type, so in the tidy form ``value`` is always
    text (numbers written as ``"42.5"``); use the ``number`` column for emotion and metric rows.
    The frame is made from Python lists by polars itself: pyarrow is not needed.
    """
    frame: pl.DataFrame = _frame(journey, form, "polars")
    return frame


__all__ = ["Backend", "Form", "to_pandas", "to_polars"]
