"""Comparing two maps: :func:`compare` (current vs future state, two versions, two students).

Items are matched by id, then by name (:mod:`._match`); the :class:`Diff` lists every change as
a :class:`Difference`, and gives a table (``to_pandas``), plain sentences (``summary``), both
emotion curves on one chart (``chart``), and the cells a view would outline (``cells``).
"""

from __future__ import annotations

from ._diff import MATCHING_COLUMNS, Diff, compare
from ._difference import COLUMNS, Difference
from ._match import Matching, match, moved

__all__ = ["COLUMNS", "MATCHING_COLUMNS", "Diff", "Difference", "Matching", "compare", "match", "moved"]
