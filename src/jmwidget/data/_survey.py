"""Survey scores per step: :func:`survey`."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Literal, overload

import narwhals.stable.v2 as nw
import pandas as pd

from ..model import JourneyError
from ._computation import Computation
from ._frames import (
    Backend,
    DataWarning,
    check_backend,
    check_columns,
    collect_rows,
    is_number_type,
    lazy_frame,
    order_key,
    result_frame,
)
from ._stats import t_quantile

_WHERE = "survey"
#: ``((survey low, survey high), (map low, map high))``, e.g. ``((0, 10), (1, 5))``.
Scale = tuple[tuple[float, float], tuple[float, float]]
_DTYPES = {"n": "int64", "mean": "float64", "sd": "float64", "low": "float64", "high": "float64"}
_STEP, _SEGMENT, _SCORE = "step", "segment", "score"


@overload
def survey(
    responses: str,
    *,
    step: str,
    score: str,
    segment: str | None = None,
    scale: Scale | None = None,
    backend: Backend = "pandas",
) -> Computation: ...
@overload
def survey(
    responses: Any,
    *,
    step: str,
    score: str,
    segment: str | None = None,
    scale: Scale | None = None,
    backend: Literal["pandas"] = "pandas",
) -> pd.DataFrame: ...
@overload
def survey(
    responses: Any,
    *,
    step: str,
    score: str,
    segment: str | None = None,
    scale: Scale | None = None,
    backend: Literal["polars"],
) -> Any: ...
def survey(
    responses: Any,
    *,
    step: str,
    score: str,
    segment: str | None = None,
    scale: Scale | None = None,
    backend: Backend = "pandas",
) -> Any:
    """Mean survey score per step (and segment), with its n, spread and a 95% interval.

    One row per value of the ``step`` column (and of ``segment``, when given), ascending, a
    missing value last: ``step`` (the value as in the data), ``segment`` (only with
    ``segment=``), ``mean``, ``n`` (scores present), ``sd`` (sample standard deviation, n - 1),
    and ``low``/``high``, the 95% interval of the mean, ``mean ± t(0.975, n - 1) · sd / √n``.
    ``sd``, ``low`` and ``high`` are missing (NaN) when n < 2: one answer has no spread.

    ``scale=((0, 10), (1, 5))`` says the survey's scale (here 0-10) and the map's emotion scale
    (1-5): ``mean``, ``low``, ``high`` and ``sd`` are then mapped linearly onto the map's (0 -> 1,
    10 -> 5). Scores outside the survey's scale give a :class:`DataWarning`.

    ``responses`` is any dataframe narwhals reads; only the per-group sums are collected. The
    result is a pandas DataFrame (``backend="polars"`` for a polars one); a source
    name (a string) gives a :class:`Computation` instead. A missing column or a ``score`` column
    that is not numeric raises :class:`~jmwidget.JourneyError`.

    >>> import pandas as pd
    >>> from jmwidget.data import survey
    >>> answers = pd.DataFrame({"step": ["Pay", "Pay", "Pay", "Ship"], "csat": [4, 5, 3, 2]})
    >>> survey(answers, step="step", score="csat").round(3)
       step  mean  n   sd    low   high
    0   Pay   4.0  3  1.0  1.516  6.484
    1  Ship   2.0  1  NaN    NaN    NaN
    """
    params = survey_params(step=step, score=score, segment=segment, scale=scale)
    if isinstance(responses, str):
        return Computation("survey", responses, params)
    return compute_survey(responses, params, backend)


def survey_params(*, step: str, score: str, segment: str | None, scale: Scale | None) -> dict[str, Any]:
    """The arguments checked and as JSON data (``scale`` as ``[[low, high], [low, high]]``)."""
    for role, column in (("step", step), ("score", score), ("segment", segment)):
        if not (column is None and role == "segment") and (not isinstance(column, str) or not column):
            raise JourneyError(f"{_WHERE}: {role} must be a column name, got {column!r}")
    return {"step": step, "score": score, "segment": segment, "scale": _scale_pairs(scale)}


def _scale_pairs(scale: Any) -> list[list[float]] | None:
    if scale is None:
        return None
    try:
        (a, b), (c, d) = scale
        pairs = [[float(a), float(b)], [float(c), float(d)]]
    except (TypeError, ValueError):
        raise JourneyError(f"{_WHERE}: scale must be ((survey low, high), (map low, high)), got {scale!r}") from None
    if any(isinstance(v, bool) or not math.isfinite(v) for v in (a, b, c, d)) or a == b or c == d:
        raise JourneyError(f"{_WHERE}: scale needs two distinct finite ends on each side, got {scale!r}")
    return pairs


def compute_survey(responses: Any, params: Mapping[str, Any], backend: str) -> Any:
    """Run the survey summary ``params`` describe on a frame."""
    library = check_backend(backend, _WHERE)
    frame = lazy_frame(responses, _WHERE)
    segment = params["segment"]
    roles = {"step": params["step"], "score": params["score"]} | ({"segment": segment} if segment else {})
    schema = check_columns(frame, _WHERE, roles)
    if not is_number_type(schema[params["score"]]):
        raise JourneyError(
            f"{_WHERE}: column {params['score']!r} (score=) holds {schema[params['score']]}, not numbers"
        )
    keys = [_STEP, _SEGMENT] if segment else [_STEP]
    score = nw.col(_SCORE)
    query = (
        frame.select(
            nw.col(params["step"]).alias(_STEP),
            *([nw.col(segment).alias(_SEGMENT)] if segment else []),
            nw.col(params["score"]).cast(nw.Float64).alias(_SCORE),
        )
        .group_by(*keys)
        .agg(
            score.count().alias("n"),
            score.mean().alias("mean"),
            score.std(ddof=1).alias("sd"),
            score.min().alias("lowest"),
            score.max().alias("highest"),
        )
    )
    rows = sorted(collect_rows(query), key=lambda row: [order_key(row[key]) for key in keys])
    scale = params["scale"]
    if scale is not None:
        _warn_off_scale(rows, scale[0])
    table = {key: [row[key] for row in rows] for key in keys}
    table |= _columns([_summary(row, scale) for row in rows])
    return result_frame(table, _DTYPES, library)


def _summary(row: Mapping[str, Any], scale: Sequence[Sequence[float]] | None) -> dict[str, Any]:
    """``mean, n, sd, low, high`` of one group, on the map's scale when ``scale`` is given."""
    n = int(row["n"] or 0)
    mean = row["mean"] if n else None
    sd = row["sd"] if n >= 2 else None
    half = t_quantile(0.975, n - 1) * sd / math.sqrt(n) if sd is not None else None
    low, high = (mean - half, mean + half) if mean is not None and half is not None else (None, None)
    if scale is not None:
        (a, b), (c, d) = scale
        factor = (d - c) / (b - a)
        mean, low, high = (None if v is None else c + (v - a) * factor for v in (mean, low, high))
        sd = None if sd is None else sd * abs(factor)
        if factor < 0:
            low, high = high, low
    return {"mean": mean, "n": n, "sd": sd, "low": low, "high": high}


def _columns(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    return {name: [row[name] for row in rows] for name in ("mean", "n", "sd", "low", "high")}


def _warn_off_scale(rows: Sequence[Mapping[str, Any]], ends: Sequence[float]) -> None:
    low, high = min(ends), max(ends)
    off = [
        str(row[_STEP])
        for row in rows
        if (row["lowest"] is not None and row["lowest"] < low) or (row["highest"] is not None and row["highest"] > high)
    ]
    if off:
        warnings.warn(
            f"{_WHERE}: scores outside the survey's scale {low:g}-{high:g} at step {', '.join(dict.fromkeys(off))}",
            DataWarning,
            stacklevel=4,
        )


__all__ = ["Scale", "compute_survey", "survey", "survey_params"]
