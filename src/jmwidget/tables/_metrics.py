"""The ``metrics=`` option of :func:`from_frame` and :func:`update_from_frame`: unit, format and scale of metric lanes.

``metrics={"Conversion": {"unit": "%", "format": "percent", "higher_is_better": True}}``: each
key names a column (or, in :func:`update_from_frame`, a lane), each value the lane's fields.
``"fraction": True`` says the column holds fractions (0.84): they are multiplied by 100 on the
way in, since the map keeps percentages as points (``42.5`` shows as ``"42.5%"``). Values are
never rescaled otherwise; a ``"percent"`` column whose values all lie in 0-1 (not all whole) and
that says nothing about ``fraction`` gets a warning naming the option.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..model import JourneyError
from ..model._validation import schema
from ..model._warnings import warn_caller
from ._values import is_number

#: The lane fields ``metrics=`` sets, and the one that rescales values.
METRIC_FIELDS = ("unit", "format", "higher_is_better")
FRACTION = "fraction"


def metric_formats() -> tuple[str, ...]:
    """The formats a metric lane takes (the schema's ``MetricFormat``)."""
    return tuple(schema()["$defs"]["MetricFormat"]["enum"])


def metric_options(metrics: Mapping[str, Mapping[str, Any]] | None, where: str) -> dict[str, dict[str, Any]]:
    """``metrics`` checked: keys are names, values mappings of :data:`METRIC_FIELDS` and ``fraction``."""
    options: dict[str, dict[str, Any]] = {}
    for key, given in (metrics or {}).items():
        if not isinstance(given, Mapping):
            raise JourneyError(f"{where}: metrics[{key!r}] is a mapping such as {{'unit': '%', 'format': 'percent'}}")
        unknown = sorted(set(map(str, given)) - {*METRIC_FIELDS, FRACTION})
        if unknown:
            allowed = ", ".join((*METRIC_FIELDS, FRACTION))
            raise JourneyError(
                f"{where}: metrics[{key!r}] has unknown field(s) {', '.join(unknown)} (allowed: {allowed})"
            )
        fmt = given.get("format")
        if fmt is not None and fmt not in metric_formats():
            raise JourneyError(
                f"{where}: metrics[{key!r}]: format must be one of {', '.join(metric_formats())}, got {fmt!r}"
            )
        for name, kind in (("unit", str), ("higher_is_better", bool), (FRACTION, bool)):
            if given.get(name) is not None and not isinstance(given[name], kind):
                raise JourneyError(f"{where}: metrics[{key!r}]: {name} is a {kind.__name__}, got {given[name]!r}")
        options[str(key)] = {k: v for k, v in given.items() if v is not None}
    return options


def lane_fields(option: Mapping[str, Any]) -> dict[str, Any]:
    """The lane fields of one ``metrics`` entry (without ``fraction``)."""
    return {k: option[k] for k in METRIC_FIELDS if k in option}


def times_100(value: Any) -> Any:
    """A fraction as percentage points, decimal digits shifted (0.07 -> 7.0, not 7.000000000000001)."""
    if not is_number(value):
        return value
    if isinstance(value, int):
        return value * 100
    return float(Decimal(repr(float(value))).scaleb(2))


def rescale(values: list[Any], option: Mapping[str, Any], name: str, where: str) -> list[Any]:
    """A column's values as the map keeps them: fractions times 100 when ``fraction`` is true.

    Otherwise see :func:`warn_if_fractions`; ``name`` is the key of ``option`` in ``metrics``.
    """
    if option.get(FRACTION):
        return [times_100(v) for v in values]
    warn_if_fractions(values, option, name, where)
    return values


def warn_if_fractions(values: list[Any], option: Mapping[str, Any], name: str, where: str) -> None:
    """Warn when a ``"percent"`` column looks like fractions and ``fraction`` was not said either way."""
    if option.get("format") == "percent" and FRACTION not in option and _looks_like_fractions(values):
        warn_caller(
            UserWarning(
                f"{where}: {name!r} has format 'percent' and values from 0 to 1, which the map shows as "
                f"0-1%; pass metrics={{{name!r}: {{..., 'fraction': True}}}} to read them as fractions "
                f"(0.84 -> 84%), or 'fraction': False to keep them"
            )
        )


def _looks_like_fractions(values: list[Any]) -> bool:
    numbers = [v for v in values if is_number(v)]
    return bool(numbers) and all(0 <= v <= 1 for v in numbers) and any(not float(v).is_integer() for v in numbers)


__all__ = [
    "FRACTION",
    "METRIC_FIELDS",
    "lane_fields",
    "metric_formats",
    "metric_options",
    "rescale",
    "times_100",
    "warn_if_fractions",
]
