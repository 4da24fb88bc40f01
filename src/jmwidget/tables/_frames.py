"""Journeys as dataframes, and dataframes as journeys (pandas, polars, ... through narwhals).

* :func:`to_pandas` / :func:`to_polars` give the map as a **tidy** table (one row per value) or a
  **wide** table (one row per step, one column per lane).
* :func:`from_frame` builds a map from a wide table such as a workshop spreadsheet.
* :func:`update_from_frame` writes values from a table into an existing map, atomically.

Any eager dataframe narwhals understands is accepted as input (pandas, polars, pyarrow, ...).
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import narwhals.stable.v2 as nw

from ..model import Journey, JourneyError, Lane, OperationError

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

Form = Literal["tidy", "wide", "connections"]
Backend = Literal["pandas", "polars"]

#: Blueprint annotation columns of the tidy form: a card's annotations on card rows, the cell's otherwise.
ANNOTATION_COLUMNS = (
    "fail_point",
    "fail_note",
    "wait_point",
    "wait_note",
    "duration",
    "duration_unit",
    "cost",
    "currency",
    "owner",
)
#: Columns of the tidy form, in order.
TIDY_COLUMNS = (
    "stage_id",
    "stage",
    "step_id",
    "step",
    "step_index",
    "lane_id",
    "lane",
    "kind",
    "persona_id",
    "persona",
    "value",
    "number",
    "card_id",
    "impact",
    "tag",
    "color",
    *ANNOTATION_COLUMNS,
)
#: Columns of the connections form (one row per connection), in order.
CONNECTION_COLUMNS = (
    "connection_id",
    *(
        f"{side}_{part}"
        for side in ("from", "to")
        for part in ("stage", "step_id", "step", "lane_id", "lane", "card_id", "card")
    ),
    "label",
)
#: The step columns that open the wide form.
STEP_COLUMNS = ("stage_id", "stage", "step_id", "step", "step_index")

CARD_SEPARATOR = "; "
CHANNEL_SEPARATOR = ", "
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_PERSONA_COLUMN = re.compile(r"^(?P<lane>.+?) \((?P<persona>[^()]+)\)$")
_CARD_SPLIT = re.compile(r"[\n;]")

_EMOTION_WORDS = ("emotion", "sentiment", "feeling", "mood")
_CHANNEL_WORDS = ("channel", "touchpoint", "touch point")
_CARD_WORDS = ("pain", "opportunit", "idea", "gain", "problem", "insight")
_METRIC_WORDS = (
    "%",
    "rate",
    "conversion",
    "drop",
    "count",
    "volume",
    "time",
    "duration",
    "seconds",
    "minutes",
    "nps",
    "csat",
    "ces",
    "churn",
    "cost",
    "revenue",
    "visits",
    "users",
    "sessions",
)


# ---------------------------------------------------------------- small helpers


def _plain(value: Any) -> Any:
    """numpy / pandas scalars -> plain Python values; missing values (None, NaN, NA, NaT) -> None."""
    if value is None:
        return None
    name = type(value).__name__
    if name in ("NAType", "NaTType"):
        return None
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, (str, bytes, list, tuple, dict)):
        with contextlib.suppress(TypeError, ValueError):
            value = item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _tidy_number(value: float | int) -> float | int:
    """4.0 -> 4 (emotion points read from a float column); other numbers unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _words(name: str, words: Iterable[str]) -> bool:
    low = name.lower()
    return any(word in low for word in words)


def _native(df: Any, where: str) -> nw.DataFrame[Any]:
    try:
        return nw.from_native(df, eager_only=True)
    except TypeError:
        raise JourneyError(
            f"{where} takes a dataframe (pandas, polars, pyarrow, ...), got {type(df).__name__}"
        ) from None


def _missing_column(frame: nw.DataFrame[Any], native: Any, column: str, what: str, where: str) -> JourneyError:
    columns = ", ".join(map(repr, frame.columns)) or "none"
    hint = ""
    index_names = getattr(getattr(native, "index", None), "names", None) or []
    if column in [str(n) for n in index_names if n is not None]:
        hint = f"; {column!r} is the index: call df.reset_index() first"
    return JourneyError(f"{where}: no {what} column {column!r} (the columns: {columns}){hint}")


# ---------------------------------------------------------------- journey -> frame


@dataclass(frozen=True)
class WideColumn:
    """One lane column of the wide form: its name, lane, and (emotion lanes) persona."""

    name: str
    lane: Lane
    persona_id: str | None = None


def wide_columns(journey: Journey) -> list[WideColumn]:
    """The lane columns of :func:`to_pandas` ``form="wide"``, in lane order.

    A column is named by its lane; an emotion lane gets one column per persona named
    ``"Emotion (Ana)"`` when the map has several personas. A name already taken (two lanes
    with one name, or a lane named like a step column) gets the lane id: ``"Notes [notes-2]"``.
    """
    personas = journey.personas
    taken = set(STEP_COLUMNS)
    columns: list[WideColumn] = []

    def claim(name: str, lane: Lane, persona_id: str | None) -> None:
        if name in taken:
            name = f"{name} [{lane.id}]" if persona_id is None else f"{name} [{lane.id}/{persona_id}]"
        taken.add(name)
        columns.append(WideColumn(name, lane, persona_id))

    for lane in journey.lanes:
        if lane.kind == "emotion":
            if len(personas) == 1:
                claim(lane.name, lane, personas[0].id)
            else:
                for persona in personas:
                    claim(f"{lane.name} ({persona.name})", lane, persona.id)
        else:
            claim(lane.name, lane, None)
    return columns


def _cells(journey: Journey) -> dict[str, dict[str, Any]]:
    # Read-only access to the document's cells (no deep copy of the whole map).
    cells: dict[str, dict[str, Any]] = journey.document["cells"]
    return cells


def _tidy_records(journey: Journey) -> list[dict[str, Any]]:
    stages = journey.stages
    step_info: list[tuple[str, str, str, str, int]] = []
    for stage in stages:
        for step in stage.steps:
            step_info.append((stage.id, stage.name, step.id, step.name, len(step_info)))
    personas = {p.id: p.name for p in journey.personas}
    persona_order = list(personas)
    cells = _cells(journey)
    notes: dict[str, dict[str, Any]] = journey.document["annotations"]
    rows: list[dict[str, Any]] = []
    empty = dict.fromkeys(TIDY_COLUMNS)
    for lane in journey.lanes:
        row_cells = cells.get(lane.id, {})
        row_notes = notes.get(lane.id, {})
        for stage_id, stage_name, step_id, step_name, index in step_info:
            note = row_notes.get(step_id)
            if step_id not in row_cells and note is None:
                continue
            value = row_cells.get(step_id)
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
                **_annotation_columns(note),
            }
            if value is None:  # an empty cell with annotations
                rows.append(base)
            elif lane.kind == "emotion":
                for pid in sorted(value, key=lambda p: persona_order.index(p) if p in personas else len(personas)):
                    number = float(value[pid])
                    rows.append(
                        {**base, "persona_id": pid, "persona": personas.get(pid), "value": number, "number": number}
                    )
            elif lane.kind == "metric":
                rows.append({**base, "value": float(value), "number": float(value)})
            elif lane.kind == "channels":
                rows.extend({**base, "value": channel} for channel in value)
            elif lane.kind == "cards":
                rows.extend(
                    {
                        **base,
                        "value": card["text"],
                        "card_id": card["id"],
                        "impact": card.get("impact"),
                        "tag": card.get("tag"),
                        "color": card.get("color"),
                        **_annotation_columns(card.get("annotations")),
                    }
                    for card in value
                )
                if note is not None:  # the cell's own annotations, apart from its cards'
                    rows.append(base)
            else:
                rows.append({**base, "value": value})
    return rows


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
                value = cells.get(column.lane.id, {}).get(step.id)
                kind = column.lane.kind
                if value is None:
                    row[column.name] = None
                elif kind == "emotion":
                    number = value.get(column.persona_id)
                    row[column.name] = None if number is None else float(number)
                elif kind == "metric":
                    row[column.name] = float(value)
                elif kind == "cards":
                    row[column.name] = CARD_SEPARATOR.join(card["text"] for card in value)
                elif kind == "channels":
                    row[column.name] = CHANNEL_SEPARATOR.join(value)
                else:
                    row[column.name] = value
            rows.append(row)
    return columns, rows


def _frame(journey: Journey, form: Form, backend: Backend) -> Any:
    if form == "tidy":
        records = _tidy_records(journey)
        text_value = backend != "pandas"
        schema: dict[str, Any] = {name: nw.String() for name in TIDY_COLUMNS}
        schema["step_index"] = nw.Int64()
        schema["number"] = nw.Float64()
        # pandas users get numbers as numbers in one object column; polars has no mixed
        # columns, so there ``value`` is text and the numbers live in ``number`` (both forms).
        schema["value"] = nw.String() if text_value else nw.Object()
        schema |= {
            "fail_point": nw.Boolean(),
            "wait_point": nw.Boolean(),
            "duration": nw.Float64(),
            "cost": nw.Float64(),
        }
        data: dict[str, list[Any]] = {name: [r[name] for r in records] for name in TIDY_COLUMNS}
        if text_value:
            data["value"] = [v if v is None or isinstance(v, str) else repr(v) for v in data["value"]]
    elif form == "wide":
        columns, records = _wide_records(journey)
        schema = {name: nw.String() for name in STEP_COLUMNS}
        schema["step_index"] = nw.Int64()
        for column in columns:
            schema[column.name] = nw.Float64() if column.lane.kind in ("emotion", "metric") else nw.String()
        data = {name: [r[name] for r in records] for name in schema}
    elif form == "connections":
        records = _connection_records(journey)
        schema = {name: nw.String() for name in CONNECTION_COLUMNS}
        data = {name: [r[name] for r in records] for name in CONNECTION_COLUMNS}
    else:
        raise JourneyError(f"form must be 'tidy', 'wide' or 'connections', got {form!r}")
    return nw.from_dict(data, schema=schema, backend=backend).to_native()


def to_pandas(journey: Journey, form: Form = "tidy") -> pd.DataFrame:
    """The map as a pandas DataFrame.

    ``form="tidy"`` (default): one row per value, in map order (lanes top to bottom, then steps
    left to right), with the columns :data:`TIDY_COLUMNS`:

    * ``stage_id, stage, step_id, step, step_index`` (0-based position of the step in the map),
      ``lane_id, lane, kind``;
    * ``persona_id, persona``: set on emotion rows (one row per persona with a value);
    * ``value``: the text (text lanes), the channel (channels lanes: one row per channel), the
      card text (cards lanes: one row per card), or the number (emotion, metric lanes) as a float;
    * ``number``: the value as a float for emotion and metric rows, NaN otherwise;
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
    """
    frame: pl.DataFrame = _frame(journey, form, "polars")
    return frame


# ---------------------------------------------------------------- frame -> journey


@dataclass
class _LaneSpec:
    name: str
    kind: str
    columns: list[tuple[str, str | None]] = field(default_factory=list)  # (column, persona name)


def _column_values(frame: nw.DataFrame[Any], column: str) -> list[Any]:
    return [_plain(v) for v in frame[column].to_list()]


def _numeric(frame: nw.DataFrame[Any], column: str, values: list[Any]) -> bool:
    present = [v for v in values if v is not None]
    dtype = frame.schema[column]
    if dtype.is_numeric() and dtype != nw.Boolean():
        return True
    return bool(present) and all(_is_number(v) for v in present)


def _infer_kind(frame: nw.DataFrame[Any], column: str, values: list[Any], scale: tuple[int, int, float]) -> str:
    """The lane kind for a column; see :func:`from_frame` for the rules."""
    present = [v for v in values if v is not None]
    numeric = _numeric(frame, column, values)
    textual = all(isinstance(v, str) for v in present)
    if textual and _words(column, _CHANNEL_WORDS):
        return "channels"
    if textual and _words(column, _CARD_WORDS):
        return "cards"
    if numeric or not present:
        if _words(column, _EMOTION_WORDS):
            return "emotion"
        if not numeric:
            return "text"
        if _words(column, _METRIC_WORDS):
            return "metric"
        low, high, _ = scale
        if present and all(float(v).is_integer() and low <= v <= high for v in present):
            return "emotion"
        return "metric"
    return "text"


def _split_cards(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        pieces = [str(v) for v in value if _plain(v) is not None]
    else:
        pieces = _CARD_SPLIT.split(str(value))
    return [p.strip() for p in pieces if p.strip()]


def _split_channels(value: Any) -> list[str]:
    pieces = (
        [str(v) for v in value if _plain(v) is not None] if isinstance(value, (list, tuple)) else str(value).split(",")
    )
    return list(dict.fromkeys(p.strip() for p in pieces if p.strip()))


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def from_frame(
    df: Any,
    *,
    stage: str = "stage",
    step: str = "step",
    title: str = "Journey from table",
    lanes: Sequence[str] | Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    persona: str | None = None,
    emotion_scale: tuple[int, int, float] | None = None,
    channels: Sequence[str] | None = None,
) -> Journey:
    """Build a map from a wide table: one row per step, a stage column, a step column.

    Every other column becomes a lane, in column order (``lanes`` picks and orders the columns,
    or maps column -> lane name). The columns ``stage_id``, ``step_id`` and ``step_index`` of
    :func:`to_pandas` ``form="wide"`` are not lanes: valid ids in them are kept.

    **Stages.** Consecutive rows with the same stage name form one stage; a missing stage name
    (a merged spreadsheet cell) continues the stage above. A name that comes back later after
    another stage makes a *separate* stage with the same name (maps are read left to right).
    With a ``stage_id`` column, rows are grouped by that id instead.

    **Lane kinds** (``kinds={"column": "metric"}`` overrides, for any column):

    * text columns named like channels / touchpoints -> ``channels`` (split on ``","``; the
      map's channel vocabulary is ``channels`` followed by every new value found);
    * text columns named like pain points, opportunities, ideas, gains, problems, insights ->
      ``cards`` (one card per line or ``";"``-separated piece);
    * numeric (or empty) columns named like emotion / sentiment / feeling / mood -> ``emotion``;
    * numeric columns named like a measure (``%``, rate, conversion, time, count, volume, NPS,
      CSAT, ...) -> ``metric``;
    * other numeric columns -> ``emotion`` when every value is a whole number on the emotion
      scale, else ``metric``;
    * everything else -> ``text``.

    Emotion columns named ``"Emotion (Ana)"`` become one lane ``Emotion`` with a persona per
    column; otherwise the map has one persona, named ``persona`` (default ``"Customer"``).
    ``emotion_scale`` is ``(min, max, neutral)``, default ``(1, 5, 3)``.

    Missing values leave the cell empty. Raises :class:`OperationError` (a ``ValueError``)
    naming the row (counted from 0, like ``df.iloc``) and column of a bad value, and
    :class:`JourneyError` for a missing stage or step column. The map is built in one
    transaction, so its history has one entry.
    """
    where = "from_frame"
    frame = _native(df, where)
    for column, what in ((stage, "stage"), (step, "step")):
        if column not in frame.columns:
            raise _missing_column(frame, df, column, what, where)
    if kinds:
        from ..model._values import LANE_KINDS

        bad = {c: k for c, k in kinds.items() if k not in LANE_KINDS}
        if bad:
            raise JourneyError(f"{where}: kinds must be one of {', '.join(LANE_KINDS)}; got {bad}")
    kinds = dict(kinds or {})
    meta = {stage, step} | {c for c in ("stage_id", "step_id", "step_index") if c in frame.columns}
    chosen = _choose_columns(frame, lanes, meta)
    missing = [c for c, _ in chosen if c not in frame.columns] + [c for c in kinds if c not in frame.columns]
    if missing:
        names = ", ".join(map(repr, dict.fromkeys(missing)))
        raise JourneyError(f"{where}: no column(s) {names} (the columns: {', '.join(map(repr, frame.columns))})")

    values = {c: _column_values(frame, c) for c, _ in chosen}
    specs = _lane_specs(frame, chosen, kinds, values, emotion_scale or (1, 5, 3))
    persona_names = list(dict.fromkeys(p for spec in specs for _, p in spec.columns if p is not None))
    default_persona = persona or (persona_names[0] if persona_names else "Customer")
    vocabulary = list(channels or [])
    for spec in specs:
        if spec.kind == "channels":
            vocabulary += [c for v in values[spec.columns[0][0]] if v is not None for c in _split_channels(v)]
    runs = _stage_runs(frame, stage, step, where)

    journey = Journey(
        title, persona=default_persona, emotion_scale=emotion_scale, channels=list(dict.fromkeys(vocabulary))
    )
    with journey.transaction("from_frame"):
        persona_ids = {default_persona: journey.personas[0].id}
        for name in persona_names:
            if name not in persona_ids:
                persona_ids[name] = journey.add_persona(name)
        row_steps = _add_stages(journey, runs)
        for spec in specs:
            lane_id = journey.add_lane(spec.name, spec.kind)
            for column, persona_name in spec.columns:
                pid = persona_ids[persona_name or default_persona]
                for row, value in enumerate(values[column]):
                    if value is None or (isinstance(value, str) and not value.strip()):
                        continue
                    here = f"{where}: row {row}, column {column!r}"
                    try:
                        for op in _cell_ops(journey, spec.kind, lane_id, row_steps[row], value, pid):
                            journey.apply(op)
                    except OperationError as exc:
                        raise OperationError(f"{here}: {exc}") from None
    return journey


def _choose_columns(
    frame: nw.DataFrame[Any], lanes: Sequence[str] | Mapping[str, str] | None, meta: set[str]
) -> list[tuple[str, str]]:
    """``(column, lane reference)`` pairs: every non-meta column, or those ``lanes`` names."""
    if lanes is None:
        return [(c, c) for c in frame.columns if c not in meta]
    if isinstance(lanes, Mapping):
        return [(str(c), str(n)) for c, n in lanes.items()]
    return [(str(c), str(c)) for c in lanes]


def _lane_specs(
    frame: nw.DataFrame[Any],
    chosen: list[tuple[str, str]],
    kinds: Mapping[str, str],
    values: dict[str, list[Any]],
    scale: tuple[int, int, float],
) -> list[_LaneSpec]:
    specs: dict[str, _LaneSpec] = {}
    for column, name in chosen:
        kind = kinds.get(column) or _infer_kind(frame, column, values[column], scale)
        lane_name, persona_name = name, None
        match = _PERSONA_COLUMN.match(name)
        if kind == "emotion" and match:
            lane_name, persona_name = match["lane"], match["persona"].strip()
        key = f"emotion:{lane_name}" if kind == "emotion" else f"column:{column}"
        specs.setdefault(key, _LaneSpec(lane_name, kind)).columns.append((column, persona_name))
    return list(specs.values())


_Run = tuple[str, str | None, list[tuple[int, str, str | None]]]  # stage name, id, [(row, step, id)]


def _stage_runs(frame: nw.DataFrame[Any], stage: str, step: str, where: str) -> list[_Run]:
    """Group rows into stages: consecutive rows with one stage (name, or ``stage_id`` if given)."""
    stage_values = _column_values(frame, stage)
    step_values = _column_values(frame, step)
    has_ids = "stage_id" in frame.columns and stage != "stage_id"
    stage_ids = _column_values(frame, "stage_id") if has_ids else [None] * len(stage_values)
    step_ids = _column_values(frame, "step_id") if "step_id" in frame.columns and step != "step_id" else None
    runs: list[_Run] = []
    current: str | None = None
    current_key: Any = None
    for row, (given_stage, given_step) in enumerate(zip(stage_values, step_values, strict=True)):
        stage_name = current if given_stage is None or not str(given_stage).strip() else str(given_stage).strip()
        if stage_name is None:
            raise JourneyError(f"{where}: row {row}, column {stage!r}: the first row needs a stage name")
        if given_step is None or not str(given_step).strip():
            raise JourneyError(f"{where}: row {row}, column {step!r}: every row needs a step name")
        sid = stage_ids[row] if isinstance(stage_ids[row], str) else None
        key = sid if sid is not None else stage_name
        tid = step_ids[row] if step_ids is not None and isinstance(step_ids[row], str) else None
        entry = (row, str(given_step).strip(), tid)
        if runs and key == current_key and stage_name == current:
            runs[-1][2].append(entry)
        else:
            runs.append((stage_name, sid, [entry]))
        current, current_key = stage_name, key
    return runs


def _add_stages(journey: Journey, runs: list[_Run]) -> dict[int, str]:
    """Add the stages and steps of ``runs``; return row -> step id.

    Valid, unused ids from the table are kept; ids from the table are claimed before any
    stage is added, so a generated id cannot take one.
    """
    used: set[str] = {p.id for p in journey.personas}

    def claim(given: str | None) -> str | None:
        if given is not None and _ID.match(given) and given not in used:
            used.add(given)
            return given
        return None

    planned = [
        (name, claim(sid), [(row, step, claim(tid)) for row, step, tid in entries]) for name, sid, entries in runs
    ]
    row_steps: dict[int, str] = {}
    for name, sid, entries in planned:
        stage_input: dict[str, Any] = {"name": name, "steps": []}
        if sid is not None:
            stage_input["id"] = sid
        for _, step_name, tid in entries:
            stage_input["steps"].append({"name": step_name} | ({"id": tid} if tid is not None else {}))
        before = {s.id for s in journey.stages}
        journey.apply({"op": "add_stage", "stage": stage_input})
        added = next(s for s in journey.stages if s.id not in before)
        for (row, _, _), new_step in zip(entries, added.steps, strict=True):
            row_steps[row] = new_step.id
    return row_steps


def _cell_ops(
    journey: Journey, kind: str, lane_id: str, step_id: str, value: Any, persona_id: str
) -> list[dict[str, Any]]:
    """The operations that write one table value into an (empty) cell."""
    if kind == "cards":
        return [{"op": "add_card", "lane": lane_id, "step": step_id, "card": {"text": t}} for t in _split_cards(value)]
    op: dict[str, Any] = {"op": "set_cell", "lane": lane_id, "step": step_id}
    if kind == "emotion":
        low, high, _ = journey.emotion_scale
        if not _is_number(value) or not low <= value <= high:
            raise OperationError(
                f"emotion values are numbers {low}-{high}, got {value!r}"
                " (pass emotion_scale=(min, max, neutral) for another scale)"
            )
        op.update(value=_tidy_number(value), persona=persona_id)
    elif kind == "metric":
        if not _is_number(value):
            raise OperationError(f"metric values are finite numbers, got {value!r}")
        op["value"] = value
    elif kind == "channels":
        op["value"] = _split_channels(value)
    else:
        op["value"] = _as_text(value)
    return [op]


# ---------------------------------------------------------------- frame -> existing journey


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
    match = _PERSONA_COLUMN.match(ref)
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
) -> tuple[list[tuple[str, Lane, str | None]], list[str]]:
    """``(column, lane, persona id)`` for each chosen column, and the problems found."""
    problems: list[str] = []
    absent = [c for c, _ in chosen if c not in frame.columns]
    if absent:
        problems.append(f"no column(s) {', '.join(map(repr, absent))} in the table")
    by_wide = {w.name: w for w in wide_columns(journey)}
    targets: list[tuple[str, Lane, str | None]] = []
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
    where = "update_from_frame"
    frame = _native(df, where)
    key_column = step
    if key_column not in frame.columns and step == "step" and "step_id" in frame.columns:
        key_column = "step_id"
    if key_column not in frame.columns:
        raise _missing_column(frame, df, key_column, "step", where)

    chosen = _choose_columns(frame, lanes, {key_column, *STEP_COLUMNS})
    targets, problems = _resolve_targets(journey, frame, chosen)
    default_pid = journey.persona_id(persona) if persona is not None else journey.personas[0].id
    row_steps, unknown_steps = _resolve_rows(journey, _column_values(frame, key_column))
    if unknown_steps:
        problems.insert(0, f"unknown step(s) {', '.join(unknown_steps)}")
    if problems:
        raise OperationError(f"{where}: " + "; ".join(problems) + "; nothing was applied")

    columns = {column: _column_values(frame, column) for column, _, _ in targets}
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
                f"{where}: {count} bad value{'s' if count > 1 else ''}, nothing was applied:\n  " + "\n  ".join(errors)
            )


def _apply_value(journey: Journey, lane: Lane, step_id: str, value: Any, persona_id: str) -> None:
    op: dict[str, Any] = {"op": "set_cell", "lane": lane.id, "step": step_id}
    if lane.kind == "cards":
        texts = _split_cards(value) if not (isinstance(value, str) and not value.strip()) else []
        current = journey.cards(lane.id, step_id)
        if [card["text"] for card in current] == texts:
            return
        for card in current:
            journey.apply({"op": "delete_card", "card": card["id"]})
        for text in texts:
            journey.apply({"op": "add_card", "lane": lane.id, "step": step_id, "card": {"text": text}})
        return
    if lane.kind == "channels":
        op["value"] = _split_channels(value)
    elif lane.kind == "text":
        op["value"] = value if isinstance(value, str) else _as_text(value)
    elif lane.kind == "emotion":
        op.update(value=_tidy_number(value) if _is_number(value) else value, persona=persona_id)
    else:
        op["value"] = value
    if isinstance(op["value"], str) and lane.kind in ("emotion", "metric"):
        if not op["value"].strip():
            op["value"] = None
        else:
            raise OperationError(f"lane {lane.name!r} takes numbers, got text {op['value']!r}")
    journey.apply(op)


__all__ = [
    "STEP_COLUMNS",
    "TIDY_COLUMNS",
    "WideColumn",
    "from_frame",
    "to_pandas",
    "to_polars",
    "update_from_frame",
    "wide_columns",
]
