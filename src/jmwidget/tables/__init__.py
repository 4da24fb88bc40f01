"""Dataframes in and out (pandas, polars and anything narwhals reads).

* :func:`to_pandas` / :func:`to_polars` give the map as a **tidy** table (one row per value), a
  **wide** table (one row per step, one column per lane; :func:`wide_columns` names the lane
  columns) or a **connections** table (one row per connection). :func:`to_polars` needs
  polars only (no pyarrow).
* :func:`from_frame` builds a map from a wide table such as a workshop spreadsheet, in time
  proportional to the table (the document is written in one pass and validated once).
* :func:`update_from_frame` writes values from a wide or a tidy table into an existing map,
  atomically.

Any eager dataframe narwhals understands is accepted as input (pandas, polars, pyarrow, ...);
a table with two columns of one name is refused with a :class:`~jmwidget.JourneyError` naming it.

**Metric lanes** (``metrics=`` of :func:`from_frame` and :func:`update_from_frame`)::

    metrics={"Conversion": {"unit": "%", "format": "percent", "higher_is_better": True}}

sets each named lane's unit, format (``percent``, ``count``, ``seconds``, ``currency``,
``score``) and direction. The map keeps percentages as points: 42.5 shows as "42.5%". Values
are taken as they are, never guessed at: a column of fractions (0.84 for 84%) needs
``"fraction": True``, which multiplies its values (and ``sd``, ``low``, ``high``) by 100. A
``"percent"`` column whose values all lie within 0-1 and that says nothing about ``fraction``
gets a ``UserWarning``; ``"fraction": False`` keeps the values and silences it.

**Evidence** (:data:`EVIDENCE_STATS`): an emotion or metric value may carry the data behind it,
``{"value": 4.2, "n": 31, "sd": 0.8, "low": 3.9, "high": 4.5}`` (schema version 3 on). The tidy
form has columns ``n, sd, low, high`` (missing for a plain number; ``value`` and ``number`` are
the plain number either way); :func:`update_from_frame` reads the same columns from a tidy
table, and ``"<column> n"``, ``"<column> sd"``, ``"<column> low"``, ``"<column> high"`` beside a
lane's column in a wide one.
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
from ._evidence import EVIDENCE_STATS
from ._from_frame import from_frame
from ._to_frame import to_pandas, to_polars
from ._update_from_frame import update_from_frame

__all__ = [
    "ANNOTATION_COLUMNS",
    "CARD_SEPARATOR",
    "CHANNEL_SEPARATOR",
    "CONNECTION_COLUMNS",
    "EVIDENCE_STATS",
    "STEP_COLUMNS",
    "TIDY_COLUMNS",
    "WideColumn",
    "from_frame",
    "to_pandas",
    "to_polars",
    "update_from_frame",
    "wide_columns",
]
