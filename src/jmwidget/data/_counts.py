"""Rows and their most frequent categories per step: :func:`counts`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

import narwhals.stable.v2 as nw
import pandas as pd

from ..model import JourneyError
from ._computation import Computation
from ._frames import Backend, check_backend, check_columns, collect_rows, lazy_frame, order_key, result_frame

_WHERE = "counts"
_DTYPES = {"count": "int64", "top": "object"}
_STEP, _CATEGORY, _N, _TOTAL, _MISSING, _FEWER, _RANK = "step", "category", "n", "total", "missing", "fewer", "rank"


@overload
def counts(rows: str, *, step: str, category: str, top: int = 3, backend: Backend = "pandas") -> Computation: ...
@overload
def counts(
    rows: Any, *, step: str, category: str, top: int = 3, backend: Literal["pandas"] = "pandas"
) -> pd.DataFrame: ...
@overload
def counts(rows: Any, *, step: str, category: str, top: int = 3, backend: Literal["polars"]) -> Any: ...
def counts(rows: Any, *, step: str, category: str, top: int = 3, backend: Backend = "pandas") -> Any:
    """Rows per step and the ``top`` most frequent categories, ready to become cards.

    One row per value of the ``step`` column (ascending, a missing value last): ``step`` (the
    value as in the data), ``count`` (its rows, those with no category included) and ``top``, a
    list of ``{"category": ..., "count": ...}`` from the most frequent down. Ties are broken by
    the category, ascending (text by code point, as every engine sorts it), so the result does not
    depend on the engine or the order of the rows; rows with no category are counted but never in
    ``top``. A card per entry, say ``f"{t['category']} ({t['count']})"``, is one comprehension away.

    ``rows`` is any dataframe narwhals reads; only the ``top`` categories of each step are
    collected. The result is a pandas DataFrame (``backend="polars"`` for a polars one);
    a source name (a string) gives a :class:`Computation` instead.

    >>> import pandas as pd
    >>> from jmwidget.data import counts
    >>> tickets = pd.DataFrame({"step": ["Pay", "Pay", "Pay", "Ship"],
    ...                         "topic": ["card declined", "refund", "card declined", "late"]})
    >>> for row in counts(tickets, step="step", category="topic", top=2).itertuples():
    ...     print(row.step, row.count, [(t["category"], t["count"]) for t in row.top])
    Pay 3 [('card declined', 2), ('refund', 1)]
    Ship 1 [('late', 1)]
    """
    params = counts_params(step=step, category=category, top=top)
    if isinstance(rows, str):
        return Computation("counts", rows, params)
    return compute_counts(rows, params, backend)


def counts_params(*, step: str, category: str, top: int) -> dict[str, Any]:
    """The arguments checked, as JSON data."""
    for role, column in (("step", step), ("category", category)):
        if not isinstance(column, str) or not column:
            raise JourneyError(f"{_WHERE}: {role} must be a column name, got {column!r}")
    if not isinstance(top, int) or isinstance(top, bool) or top < 0:
        raise JourneyError(f"{_WHERE}: top must be a whole number, 0 or more, got {top!r}")
    return {"step": step, "category": category, "top": top}


def compute_counts(rows: Any, params: Mapping[str, Any], backend: str) -> Any:
    """Run the counts ``params`` describe on a frame: per step and category, only the first ``top`` collected."""
    library = check_backend(backend, _WHERE)
    frame = lazy_frame(rows, _WHERE)
    check_columns(frame, _WHERE, {"step": params["step"], "category": params["category"]})
    # Every step keeps at least its first row (rank 1), even with top=0 or no category at all,
    # so that its total comes along.
    query = (
        frame.select(nw.col(params["step"]).alias(_STEP), nw.col(params["category"]).alias(_CATEGORY))
        .group_by(_STEP, _CATEGORY)
        .agg(nw.len().alias(_N))
        .with_columns(
            nw.col(_N).sum().over(_STEP).alias(_TOTAL),
            nw.col(_CATEGORY).is_null().alias(_MISSING),
            (nw.lit(0) - nw.col(_N).cast(nw.Int64)).alias(_FEWER),
        )
        .with_columns(nw.col(_N).cum_count().over(_STEP, order_by=[_MISSING, _FEWER, _CATEGORY]).alias(_RANK))
        .filter(nw.col(_RANK) <= max(params["top"], 1))
    )
    collected = collect_rows(query)
    steps = sorted({order_key(row[_STEP]): row[_STEP] for row in collected}.items())
    by_step: dict[tuple[bool, str, Any], list[dict[str, Any]]] = {key: [] for key, _ in steps}
    for row in sorted(collected, key=lambda row: row[_RANK]):
        by_step[order_key(row[_STEP])].append(row)
    table = {
        "step": [value for _, value in steps],
        "count": [int(group[0][_TOTAL]) for group in by_step.values()],
        "top": [_top(group, params["top"]) for group in by_step.values()],
    }
    return result_frame(table, _DTYPES, library)


def _top(group: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    return [{"category": r[_CATEGORY], "count": int(r[_N])} for r in group if r[_CATEGORY] is not None][:top]


__all__ = ["compute_counts", "counts", "counts_params"]
