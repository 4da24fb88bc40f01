"""A new map from a wide table (one row per step, a column per lane): :func:`from_frame`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import narwhals.stable.v2 as nw

from ..model import Journey, JourneyError, OperationError
from ._build import TablePlan, build_journey, cell_entry, is_blank
from ._kinds import LaneSpec, lane_specs
from ._metrics import lane_fields, metric_options, rescale
from ._stages import add_stages, stage_runs
from ._values import choose_columns, column_values, missing_column, native_frame, split_channels

_WHERE = "from_frame"


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
    metrics: Mapping[str, Mapping[str, Any]] | None = None,
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

    **Metric lanes**: ``metrics={"Conversion": {"unit": "%", "format": "percent"}}`` makes a
    column a metric lane with that unit, format (default count) or ``higher_is_better``; the map
    shows points (84 as "84%"), ``"fraction": True`` reads 0.84 as 84 (see :mod:`jmwidget.tables`).

    Emotion columns named ``"Emotion (Ana)"`` become one lane ``Emotion`` with a persona per
    column; otherwise the map has one persona, named ``persona`` (default ``"Customer"``).
    ``emotion_scale`` is ``(min, max, neutral)``, default ``(1, 5, 3)``.

    Missing values leave the cell empty. Raises :class:`OperationError` (a ``ValueError``)
    naming the row (counted from 0, like ``df.iloc``) and column of a bad value, and
    :class:`JourneyError` for a missing stage or step column or two columns of one name. The map
    is written in one pass and validated once; like a loaded map, it has no undo history.
    """
    journey, plan = _plan(df, stage, step, title, lanes, kinds, persona, emotion_scale, channels, metrics)
    try:
        return build_journey(journey, plan)
    except JourneyError:
        pass  # a value the map cannot take: built operation by operation, the error names its row and column
    with journey.transaction("from_frame"):
        persona_ids = _add_personas(journey, plan.default_persona, plan.persona_names)
        _fill_lanes(journey, plan, add_stages(journey, plan.runs), persona_ids)
    return journey.copy()


def _plan(
    df: Any,
    stage: str,
    step: str,
    title: str,
    lanes: Sequence[str] | Mapping[str, str] | None,
    kinds: Mapping[str, str] | None,
    persona: str | None,
    emotion_scale: tuple[int, int, float] | None,
    channels: Sequence[str] | None,
    metrics: Mapping[str, Mapping[str, Any]] | None,
) -> tuple[Journey, TablePlan]:
    """The new, empty map and what the table puts in it; errors about the table's shape raised here."""
    frame = native_frame(df, _WHERE)
    options = metric_options(metrics, _WHERE)
    kinds = _kinds_with_metrics(kinds, options)
    chosen = _lane_columns(frame, df, stage=stage, step=step, lanes=lanes, kinds=kinds)
    values = {c: column_values(frame, c) for c, _ in chosen}
    specs = lane_specs(frame, chosen, dict(kinds), values, emotion_scale or (1, 5, 3))
    for spec in specs:
        if spec.kind == "metric" and spec.columns[0][0] in options:
            column = spec.columns[0][0]
            values[column] = rescale(values[column], options[column], column, _WHERE)
    persona_names = list(dict.fromkeys(p for spec in specs for _, p in spec.columns if p is not None))
    default_persona = persona or (persona_names[0] if persona_names else "Customer")
    vocabulary = _channel_vocabulary(channels, specs, values)
    runs = stage_runs(frame, stage, step, _WHERE)
    journey = Journey(title, persona=default_persona, emotion_scale=emotion_scale, channels=vocabulary)
    fields = {column: lane_fields(option) for column, option in options.items()}
    return journey, TablePlan(specs, values, runs, persona_names, default_persona, fields)


def _kinds_with_metrics(kinds: Mapping[str, str] | None, options: Mapping[str, Any]) -> dict[str, str]:
    """``kinds``, with the columns named in ``metrics`` made metric lanes."""
    clash = {c: k for c, k in (kinds or {}).items() if c in options and k != "metric"}
    if clash:
        raise JourneyError(f"{_WHERE}: metrics apply to metric lanes; kinds makes {clash} other kinds")
    return dict.fromkeys(options, "metric") | dict(kinds or {})


def _lane_columns(
    frame: nw.DataFrame[Any],
    df: Any,
    *,
    stage: str,
    step: str,
    lanes: Sequence[str] | Mapping[str, str] | None,
    kinds: Mapping[str, str] | None,
) -> list[tuple[str, str]]:
    """The ``(column, lane name)`` pairs that become lanes; a :class:`JourneyError` for a missing
    column or an unknown kind in ``kinds``."""
    for column, what in ((stage, "stage"), (step, "step")):
        if column not in frame.columns:
            raise missing_column(frame, df, column, what, _WHERE)
    if kinds:
        from ..model._values import LANE_KINDS

        bad = {c: k for c, k in kinds.items() if k not in LANE_KINDS}
        if bad:
            raise JourneyError(f"{_WHERE}: kinds must be one of {', '.join(LANE_KINDS)}; got {bad}")
    meta = {stage, step} | {c for c in ("stage_id", "step_id", "step_index") if c in frame.columns}
    chosen = choose_columns(frame, lanes, meta)
    missing = [c for c, _ in chosen if c not in frame.columns] + [c for c in (kinds or {}) if c not in frame.columns]
    if missing:
        names = ", ".join(map(repr, dict.fromkeys(missing)))
        raise JourneyError(f"{_WHERE}: no column(s) {names} (the columns: {', '.join(map(repr, frame.columns))})")
    return chosen


def _channel_vocabulary(
    channels: Sequence[str] | None, specs: list[LaneSpec], values: dict[str, list[Any]]
) -> list[str]:
    """``channels``, then every new channel found in the channels columns."""
    vocabulary = list(channels or [])
    for spec in specs:
        if spec.kind == "channels":
            vocabulary += [c for v in values[spec.columns[0][0]] if v is not None for c in split_channels(v)]
    return list(dict.fromkeys(vocabulary))


def _add_personas(journey: Journey, default_persona: str, persona_names: list[str]) -> dict[str, str]:
    """Persona name -> id: the map's first persona is ``default_persona``; the other names are added."""
    persona_ids = {default_persona: journey.personas[0].id}
    for name in persona_names:
        if name not in persona_ids:
            persona_ids[name] = journey.add_persona(name)
    return persona_ids


def _fill_lanes(journey: Journey, plan: TablePlan, row_steps: dict[int, str], persona_ids: dict[str, str]) -> None:
    """Add a lane per spec and write its columns' values into it, row by row, one operation at a time."""
    for spec in plan.specs:
        lane_id = journey.add_lane(spec.name, spec.kind, **plan.lane_fields(spec))
        for column, persona_name in spec.columns:
            pid = persona_ids[persona_name or plan.default_persona]
            for row, value in enumerate(plan.values[column]):
                if is_blank(value):
                    continue
                here = f"{_WHERE}: row {row}, column {column!r}"
                try:
                    for op in _cell_ops(journey, spec.kind, lane_id, row_steps[row], value, pid):
                        journey.apply(op)
                except OperationError as exc:
                    raise OperationError(f"{here}: {exc}") from None


def _cell_ops(
    journey: Journey, kind: str, lane_id: str, step_id: str, value: Any, persona_id: str
) -> list[dict[str, Any]]:
    """The operations that write one table value into an (empty) cell."""
    entry = cell_entry(kind, value, journey.emotion_scale)
    if kind == "cards":
        return [{"op": "add_card", "lane": lane_id, "step": step_id, "card": {"text": t}} for t in entry]
    op: dict[str, Any] = {"op": "set_cell", "lane": lane_id, "step": step_id, "value": entry}
    if kind == "emotion":
        op["persona"] = persona_id
    return [op]


__all__ = ["from_frame"]
