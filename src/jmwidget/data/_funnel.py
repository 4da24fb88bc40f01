"""Ordered funnels from an event log: :func:`funnel`."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Literal, overload

import narwhals.stable.v2 as nw
import pandas as pd

from ..model import JourneyError
from ._computation import Computation
from ._frames import Backend, DataWarning, check_backend, check_columns, collect_rows, lazy_frame, result_frame, seconds

_WHERE = "funnel"
#: The result's columns, in order.
FUNNEL_COLUMNS = (
    "step",
    "reached",
    "conversion",
    "overall_conversion",
    "drop_off",
    "median_time_to_next",
    "p90_time_to_next",
)
_DTYPES = dict.fromkeys(FUNNEL_COLUMNS[2:], "float64") | {"reached": "int64", "drop_off": "int64"}
# Internal column names: the input's columns are renamed to these first, so they cannot clash.
_CASE, _EVENT, _TIME, _CANDIDATE, _SEEN = "case", "event", "time", "candidate", "seen"


@overload
def funnel(
    events: str,
    *,
    steps: Mapping[str, str | Sequence[str]],
    case: str,
    event: str,
    timestamp: str,
    window: float | dt.timedelta | None = None,
    backend: Backend = "pandas",
) -> Computation: ...
@overload
def funnel(
    events: Any,
    *,
    steps: Mapping[str, str | Sequence[str]],
    case: str,
    event: str,
    timestamp: str,
    window: float | dt.timedelta | None = None,
    backend: Literal["pandas"] = "pandas",
) -> pd.DataFrame: ...
@overload
def funnel(
    events: Any,
    *,
    steps: Mapping[str, str | Sequence[str]],
    case: str,
    event: str,
    timestamp: str,
    window: float | dt.timedelta | None = None,
    backend: Literal["polars"],
) -> Any: ...
def funnel(
    events: Any,
    *,
    steps: Mapping[str, str | Sequence[str]],
    case: str,
    event: str,
    timestamp: str,
    window: float | dt.timedelta | None = None,
    backend: Backend = "pandas",
) -> Any:
    """An ordered funnel: how many cases reach each step, and how fast they go on.

    ``steps`` maps each step (an id or a name of the map: the keys are kept as given) to the
    event name, or names, that mark it. The rule of product-analytics funnels: a case (``case``
    column) reaches the first step at its first event of that step; it reaches step *k* at its
    first event of step *k* at or after the time it reached step *k - 1* (an event before that
    does not count, an event at the same time does), and, with a ``window`` (seconds or a
    ``timedelta``), no later than ``window`` after it reached the first step. Rows with no case or
    no timestamp are ignored; ``timestamp`` holds datetimes (zoned ones are read in UTC) or
    numbers of seconds.

    One row per step, in the order of ``steps``: ``step``, ``reached`` (cases), ``conversion``
    (``reached`` over the previous step's, 0-1; 1.0 for the first step), ``overall_conversion``
    (over the first step's), ``drop_off`` (cases lost since the previous step; 0 for the first),
    ``median_time_to_next`` and ``p90_time_to_next``: seconds from this step to the next among
    the cases that reach the next (linear interpolation; missing for the last step, or when none
    go on). Conversions are missing (NaN) where the step before had no case.

    ``events`` is any dataframe narwhals reads (pandas, polars eager or lazy, a DuckDB relation,
    a PySpark DataFrame, ...); the work runs in its engine and only the per-step result is
    collected. The result is a pandas DataFrame (``backend="polars"`` for a polars one). Given a
    source name (a string) instead of a frame, nothing is computed: a :class:`Computation` to
    :meth:`~Computation.run` later is returned.

    Raises :class:`~jmwidget.JourneyError` for a missing column, an event name listed under two
    steps, or a step none of whose events occur in the data; an event name that never occurs
    while its step's others do gives a :class:`DataWarning`.

    >>> import pandas as pd
    >>> from jmwidget.data import funnel
    >>> log = pd.DataFrame({
    ...     "user": ["a", "a", "a", "b", "b", "b", "c"],
    ...     "event": ["visit", "signup", "pay", "visit", "signup", "pay_later", "visit"],
    ...     "at": pd.to_datetime(["2024-05-01 10:00", "2024-05-01 10:05", "2024-05-01 11:00", "2024-05-01 12:00",
    ...                           "2024-05-01 12:20", "2024-05-01 12:30", "2024-05-02 09:00"]),
    ... })
    >>> table = funnel(log, steps={"Visit": "visit", "Sign up": "signup", "Pay": ["pay", "pay_later"]},
    ...                case="user", event="event", timestamp="at")
    >>> table[["step", "reached", "conversion", "drop_off", "median_time_to_next"]].round(2)
          step  reached  conversion  drop_off  median_time_to_next
    0    Visit        3        1.00         0                750.0
    1  Sign up        2        0.67         1               1950.0
    2      Pay        2        1.00         0                  NaN
    """
    params = funnel_params(steps=steps, case=case, event=event, timestamp=timestamp, window=window)
    if isinstance(events, str):
        return Computation("funnel", events, params)
    return compute_funnel(events, params, backend)


def funnel_params(
    *,
    steps: Mapping[str, str | Sequence[str]],
    case: str,
    event: str,
    timestamp: str,
    window: float | dt.timedelta | None,
) -> dict[str, Any]:
    """The arguments checked and as JSON data (``steps`` as ``[[step, [event, ...]], ...]``)."""
    if not isinstance(steps, Mapping) or not steps:
        raise JourneyError(f"{_WHERE}: steps must map each step to its event name(s), e.g. {{'Sign up': 'signup'}}")
    pairs: list[list[Any]] = []
    owner: dict[str, str] = {}
    for key, names in steps.items():
        if not isinstance(key, str):
            raise JourneyError(f"{_WHERE}: step keys must be strings (step ids or names), got {key!r}")
        listed = [names] if isinstance(names, str) else list(names) if isinstance(names, Sequence) else None
        if not listed or not all(isinstance(name, str) for name in listed):
            raise JourneyError(f"{_WHERE}: step {key!r} must list one or more event names (strings), got {names!r}")
        for name in listed:
            if owner.get(name, key) != key:
                raise JourneyError(f"{_WHERE}: event {name!r} is listed under two steps, {owner[name]!r} and {key!r}")
            owner[name] = key
        pairs.append([key, list(dict.fromkeys(listed))])
    for role, column in (("case", case), ("event", event), ("timestamp", timestamp)):
        if not isinstance(column, str) or not column:
            raise JourneyError(f"{_WHERE}: {role} must be a column name, got {column!r}")
    return {"steps": pairs, "case": case, "event": event, "timestamp": timestamp, "window": _window_seconds(window)}


def _window_seconds(window: float | dt.timedelta | None) -> float | None:
    if window is None:
        return None
    if isinstance(window, dt.timedelta):
        seconds_ = window.total_seconds()
    elif isinstance(window, (int, float)) and not isinstance(window, bool):
        seconds_ = float(window)
    else:
        raise JourneyError(f"{_WHERE}: window must be seconds or a timedelta, got {window!r}")
    if not math.isfinite(seconds_) or seconds_ < 0:
        raise JourneyError(f"{_WHERE}: window must be a finite, non-negative duration, got {window!r}")
    return seconds_


def compute_funnel(events: Any, params: Mapping[str, Any], backend: str) -> Any:
    """Run the funnel ``params`` describe on a frame: one collected row, reshaped per step."""
    library = check_backend(backend, _WHERE)
    frame = lazy_frame(events, _WHERE)
    roles = {"case": params["case"], "event": params["event"], "timestamp": params["timestamp"]}
    schema = check_columns(frame, _WHERE, roles)
    event_type = schema[params["event"]]
    if event_type not in (nw.String, nw.Categorical, nw.Enum):
        raise JourneyError(f"{_WHERE}: column {params['event']!r} (event=) holds {event_type}, not event names")
    # A missing time needs no filter: it is never a minimum and never compares true.
    base = frame.select(
        nw.col(params["case"]).alias(_CASE),
        nw.col(params["event"]).alias(_EVENT),
        seconds(frame, params["timestamp"], _WHERE).alias(_TIME),
    ).filter(~nw.col(_CASE).is_null())
    names = [list(names) for _, names in params["steps"]]
    query = _reach_times(base, names, params["window"]).select(*_summary(len(names)))
    # A step reached by some case has an event that occurs; only the names of steps with several
    # are counted beside the summary (one query, collected once).
    several = [name for step in names if len(step) > 1 for name in step]
    if several:
        query = query.join(_occurrences(base, several), how="cross")
    (row,) = collect_rows(query)
    _check_occurrences(base, params["steps"], row)
    return result_frame(_per_step([key for key, _ in params["steps"]], row), _DTYPES, library)


def _reach_times(base: nw.LazyFrame[Any], names: list[list[str]], window: float | None) -> nw.LazyFrame[Any]:
    """One row per case that reached the first step: ``t0 .. t{K-1}``, when it reached each (null: never).

    Step by step, each case's events of the step are joined to it and the earliest one that counts
    is kept. The times reached so far are grouping keys rather than aggregates: one value per
    case either way, and cheaper to carry (DuckDB).
    """
    reached = base.filter(nw.col(_EVENT).is_in(names[0])).group_by(_CASE).agg(nw.col(_TIME).min().alias("t0"))
    for k in range(1, len(names)):
        later = base.filter(nw.col(_EVENT).is_in(names[k])).select(_CASE, nw.col(_TIME).alias(_CANDIDATE))
        counts = nw.col(_CANDIDATE) >= nw.col(f"t{k - 1}")
        if window is not None:
            counts = counts & (nw.col(_CANDIDATE) <= nw.col("t0") + window)
        reached = (
            reached.join(later, on=_CASE, how="left")
            .with_columns(nw.when(counts).then(nw.col(_CANDIDATE)).alias(_CANDIDATE))
            .group_by(_CASE, *(f"t{j}" for j in range(k)))
            .agg(nw.col(_CANDIDATE).min().alias(f"t{k}"))
        )
    return reached


def _summary(steps: int) -> list[nw.Expr]:
    """Cases per step, and the median and 90th percentile of the time from each step to the next."""
    expressions = [nw.col(f"t{k}").count().alias(f"reached{k}") for k in range(steps)]
    for k in range(steps - 1):
        delta = nw.col(f"t{k + 1}") - nw.col(f"t{k}")
        expressions.append(delta.median().alias(f"median{k}"))
        expressions.append(delta.quantile(0.9, interpolation="linear").alias(f"p90_{k}"))
    return expressions


def _occurrences(base: nw.LazyFrame[Any], names: Sequence[str]) -> nw.LazyFrame[Any]:
    """One row: how many events bear each of ``names`` (``seen0``, ``seen1``, ...: event names may
    not make safe column names)."""
    return base.filter(nw.col(_EVENT).is_in(names)).select(
        *((nw.col(_EVENT) == name).cast(nw.Int64).sum().alias(f"{_SEEN}{i}") for i, name in enumerate(names))
    )


def _check_occurrences(base: nw.LazyFrame[Any], steps: Sequence[Sequence[Any]], row: Mapping[str, Any]) -> None:
    """A step none of whose events occur is an error; one of its event names missing, a warning.

    Steps nobody reached whose names were not counted with the summary are counted now (a second,
    small query, only then).
    """
    several = [name for _, names in steps if len(names) > 1 for name in names]
    seen = {name: row[f"{_SEEN}{i}"] for i, name in enumerate(several)}
    unknown = [names[0] for k, (_, names) in enumerate(steps) if not row[f"reached{k}"] and len(names) == 1]
    if unknown:
        (counted,) = collect_rows(_occurrences(base, unknown))
        seen |= {name: counted[f"{_SEEN}{i}"] for i, name in enumerate(unknown)}
    for k, (key, names) in enumerate(steps):
        missing = [name for name in names if not seen.get(name, row[f"reached{k}"])]
        if len(missing) == len(names):
            raise JourneyError(
                f"{_WHERE}: no event of step {key!r} ({', '.join(map(repr, names))}) occurs in the data"
                f"{_suggestion(base, missing)}"
            )
        if missing:
            warnings.warn(
                f"{_WHERE}: event {', '.join(map(repr, missing))} of step {key!r} never occurs in the data"
                f"{_suggestion(base, missing)}",
                DataWarning,
                stacklevel=4,
            )


def _suggestion(base: nw.LazyFrame[Any], missing: Sequence[str]) -> str:
    """``"; did you mean ..."`` from the data's event names (a small distinct query, asked only here)."""
    known = [row[_EVENT] for row in collect_rows(base.select(_EVENT).unique().head(10_000))]
    close = [c for name in missing for c in difflib.get_close_matches(name, [str(k) for k in known], n=1)]
    return f"; did you mean {', '.join(map(repr, close))}?" if close else ""


def _per_step(keys: Sequence[str], row: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The collected row as one row per step."""
    reached = [int(row[f"reached{k}"] or 0) for k in range(len(keys))]
    last = len(keys) - 1
    return {
        "step": list(keys),
        "reached": reached,
        "conversion": [1.0 if reached[0] else None] + [_ratio(reached[k], reached[k - 1]) for k in range(1, last + 1)],
        "overall_conversion": [_ratio(n, reached[0]) for n in reached],
        "drop_off": [0] + [reached[k - 1] - reached[k] for k in range(1, last + 1)],
        "median_time_to_next": [_number(row[f"median{k}"]) for k in range(last)] + [None],
        "p90_time_to_next": [_number(row[f"p90_{k}"]) for k in range(last)] + [None],
    }


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


__all__ = ["FUNNEL_COLUMNS", "compute_funnel", "funnel", "funnel_params"]
