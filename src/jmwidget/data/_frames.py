"""The engine side shared by every computation: any dataframe as a lazy narwhals frame, its columns
checked, timestamps as seconds, and the small result collected and handed back as a dataframe.

Nothing here pulls an input into Python: frames stay lazy until :func:`collect_rows`, which is
only ever given a small aggregated result.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import narwhals.stable.v2 as nw
import pandas as pd

from ..model import JourneyError

#: ``backend=``: the library the result comes back in.
Backend = Literal["pandas", "polars"]
BACKENDS: tuple[Backend, ...] = ("pandas", "polars")

_EPOCH = dt.datetime(1970, 1, 1)
_SPARK_LIKE = {nw.Implementation.PYSPARK, nw.Implementation.PYSPARK_CONNECT, nw.Implementation.SQLFRAME}


class DataWarning(UserWarning):
    """The data is thinner than a definition expects: an event name that never occurs, a score off the scale."""


def lazy_frame(data: Any, where: str) -> nw.LazyFrame[Any]:
    """``data`` (pandas, polars, DuckDB, PySpark, ... frame) as a narwhals LazyFrame, without collecting it."""
    frame: nw.DataFrame[Any] | nw.LazyFrame[Any]
    try:
        frame = nw.from_native(data)
    except TypeError:
        raise JourneyError(
            f"{where}: takes a dataframe (pandas, polars, DuckDB, PySpark, ...) or a source name (a string), "
            f"got {type(data).__name__}"
        ) from None
    if isinstance(frame, nw.DataFrame):
        return frame.lazy()
    return frame


def check_columns(frame: nw.LazyFrame[Any], where: str, roles: Mapping[str, str]) -> Mapping[str, Any]:
    """The frame's schema; a :class:`JourneyError` naming the first of ``roles`` (argument -> column) missing."""
    schema = frame.collect_schema()
    for role, column in roles.items():
        if column not in schema:
            close = difflib.get_close_matches(column, list(schema), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            columns = ", ".join(map(repr, schema)) or "none"
            raise JourneyError(f"{where}: no column {column!r} ({role}=); the columns are {columns}{hint}")
    return schema


def is_number_type(dtype: Any) -> bool:
    """A numeric dtype that is not a boolean."""
    return bool(dtype.is_numeric()) and dtype != nw.Boolean


def seconds(frame: nw.LazyFrame[Any], column: str, where: str) -> nw.Expr:
    """An expression for ``column`` as float seconds since 1970-01-01 (UTC for zoned timestamps).

    No one narwhals expression does this on every engine: the difference to the epoch's
    ``total_microseconds`` works on pandas, polars and DuckDB, not on PySpark, where casting a
    timestamp to a double gives the seconds instead (a cast DuckDB refuses). Numbers are taken as
    seconds already.
    """
    dtype = frame.collect_schema()[column]
    expr = nw.col(column)
    if is_number_type(dtype):
        return expr.cast(nw.Float64)
    if not isinstance(dtype, nw.Datetime):
        raise JourneyError(f"{where}: column {column!r} holds {dtype}, not timestamps (datetimes or seconds)")
    if frame.implementation in _SPARK_LIKE:
        return expr.cast(nw.Float64)
    if dtype.time_zone is not None:
        expr = expr.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
    return (expr - nw.lit(_EPOCH)).dt.total_microseconds() / 1_000_000


def collect_rows(frame: nw.LazyFrame[Any]) -> list[dict[str, Any]]:
    """Collect a small result as rows of plain Python values (missing values as None).

    Collected with the engine's own eager library where it has one (polars, pandas), else into
    pandas (DuckDB, PySpark), so that no optional library (pyarrow) is needed.
    """
    implementation = frame.implementation
    own = implementation is nw.Implementation.POLARS or implementation.is_pandas_like()
    eager = frame.collect() if own else frame.collect(backend="pandas")
    return [{name: plain(value) for name, value in row.items()} for row in eager.rows(named=True)]


def plain(value: Any) -> Any:
    """numpy / pandas scalars as plain Python; NaN, NA and NaT as None."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return None
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, (str, bytes, list, tuple, dict)):
        value = item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def check_backend(backend: str, where: str) -> Backend:
    """``backend`` if it is one of :data:`BACKENDS`, else a :class:`JourneyError`."""
    if backend not in BACKENDS:
        raise JourneyError(f"{where}: backend must be one of {', '.join(BACKENDS)}, got {backend!r}")
    return backend


def result_frame(columns: Mapping[str, Sequence[Any]], dtypes: Mapping[str, str], backend: Backend) -> Any:
    """The result table in ``backend``'s library; ``dtypes`` gives pandas dtypes (others are inferred)."""
    if backend == "pandas":
        return pd.DataFrame({name: pd.Series(list(values), dtype=dtypes.get(name)) for name, values in columns.items()})
    return nw.from_dict({name: list(values) for name, values in columns.items()}, backend=backend).to_native()


def order_key(value: Any) -> tuple[bool, str, Any]:
    """A sort key for group values: ascending, numbers before text, missing values last."""
    if value is None:
        return (True, "", 0)
    kind = "number" if isinstance(value, (int, float)) and not isinstance(value, bool) else type(value).__name__
    return (False, kind, value)


__all__ = [
    "BACKENDS",
    "Backend",
    "DataWarning",
    "check_backend",
    "check_columns",
    "collect_rows",
    "is_number_type",
    "lazy_frame",
    "order_key",
    "plain",
    "result_frame",
    "seconds",
]
