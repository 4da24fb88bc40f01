"""Class statistics of one value (a step's emotion, a metric): mean, n, spread, a 95% interval,
and how the class map stores them.

**The one place to switch to evidence values** is :func:`stored_value`: while the installed
schema has no ``Evidence`` definition (schema version 2) the class map stores the mean and the
n, sd and interval go in the statistics frame only; once it has one (schema version 3, cells
``{"value", "n", "sd", "low", "high"}``), the same call stores the evidence object.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

#: Student's t, 0.975 quantile, by degrees of freedom 1..30 (two-sided 95% interval).
T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
Z975 = 1.959964
DECIMALS = 2


def t975(df: int) -> float:
    """The 0.975 quantile of Student's t with ``df`` degrees of freedom (a table to 30, then the
    Cornish-Fisher expansion, within 0.001 of the exact value).

    >>> t975(1), t975(24), round(t975(60), 3), round(t975(10_000), 2)
    (12.706, 2.064, 2.0, 1.96)
    """
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, got {df}")
    if df <= len(T975):
        return T975[df - 1]
    z = Z975
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


@dataclass(frozen=True)
class Stats:
    """One value across the class: ``n`` answers, their ``mean``, ``sd`` (sample standard
    deviation; None for one answer), ``low``..``high`` (95% interval of the mean, clipped to
    ``bounds`` when given; None for one answer), and the smallest and largest answer."""

    n: int
    mean: float
    sd: float | None
    low: float | None
    high: float | None
    smallest: float
    largest: float

    @classmethod
    def of(cls, values: Sequence[float], bounds: tuple[float, float] | None = None) -> Stats:
        """The statistics of ``values`` (at least one).

        >>> Stats.of([2, 4, 4, 5], bounds=(1, 5))
        Stats(n=4, mean=3.75, sd=1.26, low=1.75, high=5.0, smallest=2.0, largest=5.0)
        """
        n = len(values)
        mean = math.fsum(values) / n
        sd = low = high = None
        if n > 1:
            sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
            half = t975(n - 1) * sd / math.sqrt(n)
            low, high = mean - half, mean + half
            if bounds is not None:
                low, high = max(low, float(bounds[0])), min(high, float(bounds[1]))
        return cls(
            n=n,
            mean=round(mean, DECIMALS),
            sd=None if sd is None else round(sd, DECIMALS),
            low=None if low is None else round(low, DECIMALS),
            high=None if high is None else round(high, DECIMALS),
            smallest=float(min(values)),
            largest=float(max(values)),
        )

    def evidence(self) -> dict[str, Any]:
        """The evidence object of schema version 3: ``{"value", "n", "sd", "low", "high"}``
        (without the parts one answer has not got)."""
        out: dict[str, Any] = {"value": self.mean, "n": self.n}
        if self.sd is not None and self.low is not None and self.high is not None:
            out.update(sd=self.sd, low=min(self.low, self.mean), high=max(self.high, self.mean))
        return out


@cache
def evidence_supported() -> bool:
    """Whether the installed schema takes evidence objects as emotion and metric values."""
    from ..model._validation import schema

    return "Evidence" in schema()["$defs"]


def stored_value(stats: Stats) -> float | dict[str, Any]:
    """What the class map stores for a value: THE ONE PLACE that switches to evidence.

    The evidence object when the schema accepts it, else the mean (n, sd and the interval are in
    the statistics frame either way).
    """
    return stats.evidence() if evidence_supported() else stats.mean
