"""Analysis of journey maps and service blueprints: alignment gaps, time and cost, the critical
path, fail points, and what to fix first (priorities, moments that matter).

Pure Python over the document model (pandas frames out; Altair only for :func:`time_chart`).
"""

from __future__ import annotations

from ._alignment import NO_BACKSTAGE, NO_FRONTSTAGE, alignment
from ._critical_path import CycleError, critical_path
from ._fail_points import fail_points
from ._priorities import moments_that_matter, priorities
from ._timing import time_and_cost, time_chart

__all__ = [
    "NO_BACKSTAGE",
    "NO_FRONTSTAGE",
    "CycleError",
    "alignment",
    "critical_path",
    "fail_points",
    "moments_that_matter",
    "priorities",
    "time_and_cost",
    "time_chart",
]
