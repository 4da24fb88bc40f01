"""Dataframes in and out (pandas, polars and anything narwhals reads).

* :func:`to_pandas` / :func:`to_polars` give the map as a **tidy** table (one row per value), a
  **wide** table (one row per step, one column per lane; :func:`wide_columns` names the lane
  columns) or a **connections** table (one row per connection).
* :func:`from_frame` builds a map from a wide table such as a workshop spreadsheet.
* :func:`update_from_frame` writes values from a table into an existing map, atomically.

Any eager dataframe narwhals understands is accepted as input (pandas, polars, pyarrow, ...).
"""

from __future__ import annotations

from ._columns import (
    ANNOTATION_COLUMNS,
    CARD_SEPARATOR,
    CHANNEL_SEPARATOR,
    CONNECTION_COLUMNS,
    STEP_COLUMNS,
    TIDY_COLUMNS,
    WideColumn,
    wide_columns,
)
from ._from_frame import from_frame
from ._to_frame import to_pandas, to_polars
from ._update_from_frame import update_from_frame

__all__ = [
    "ANNOTATION_COLUMNS",
    "CARD_SEPARATOR",
    "CHANNEL_SEPARATOR",
    "CONNECTION_COLUMNS",
    "STEP_COLUMNS",
    "TIDY_COLUMNS",
    "WideColumn",
    "from_frame",
    "to_pandas",
    "to_polars",
    "update_from_frame",
    "wide_columns",
]
