"""Dataframes in and out (pandas, polars and anything narwhals reads)."""

from __future__ import annotations

from ._frames import STEP_COLUMNS, TIDY_COLUMNS, from_frame, to_pandas, to_polars, update_from_frame

__all__ = ["STEP_COLUMNS", "TIDY_COLUMNS", "from_frame", "to_pandas", "to_polars", "update_from_frame"]
