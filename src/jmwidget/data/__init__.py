"""Raw data as per-step numbers for a map: funnels from event logs, survey scores, counts.

* :func:`funnel`: an ordered funnel from an event log (case, event, timestamp): cases reaching
  each step, conversion, drop-off, time to the next step.
* :func:`survey`: mean score per step (and segment) with n, sd and a 95% interval, optionally
  mapped onto the map's emotion scale.
* :func:`counts`: rows per step and their most frequent categories (support tickets, reviews).

Each is written once with narwhals and runs in the engine the data lives in: pandas, polars
(eager or lazy), a DuckDB relation, a PySpark DataFrame. Only the small per-step result is
collected, and it comes back as a pandas DataFrame (``backend="polars"`` for a polars one).
Given a source name (a string) instead of a frame, each returns a :class:`Computation`: a
plain-data definition to store and :meth:`~Computation.run` later: ``Journey.bind`` keeps one in
the map, and :func:`refresh` (``Journey.refresh``) recomputes every binding, keeping people's edits.
"""

from __future__ import annotations

from ._computation import KINDS, Computation
from ._counts import counts
from ._frames import BACKENDS, DataWarning
from ._funnel import FUNNEL_COLUMNS, funnel
from ._refresh import HandEditKeptWarning, RefreshReport, refresh
from ._stats import t_quantile
from ._survey import Scale, survey

__all__ = [
    "BACKENDS",
    "FUNNEL_COLUMNS",
    "KINDS",
    "Computation",
    "DataWarning",
    "HandEditKeptWarning",
    "RefreshReport",
    "Scale",
    "counts",
    "funnel",
    "refresh",
    "survey",
    "t_quantile",
]
