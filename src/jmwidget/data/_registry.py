"""Each kind of :class:`~jmwidget.data.Computation` -> how its parameters are checked and how it runs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..model import JourneyError
from ._counts import compute_counts, counts_params
from ._funnel import compute_funnel, funnel_params
from ._survey import compute_survey, survey_params

_NORMALISE: dict[str, Callable[..., dict[str, Any]]] = {
    "funnel": funnel_params,
    "survey": survey_params,
    "counts": counts_params,
}
_COMPUTE: dict[str, Callable[[Any, Mapping[str, Any], str], Any]] = {
    "funnel": compute_funnel,
    "survey": compute_survey,
    "counts": compute_counts,
}


def normalise(kind: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Stored ``params`` of a ``kind``, checked as its function checks its arguments."""
    if kind not in _NORMALISE:
        raise JourneyError(f"Computation: kind must be one of {', '.join(_NORMALISE)}, got {kind!r}")
    arguments = dict(params)
    if kind == "funnel" and isinstance(arguments.get("steps"), list):
        arguments["steps"] = _steps_from_pairs(arguments["steps"])
    try:
        return _NORMALISE[kind](**arguments)
    except TypeError as error:
        raise JourneyError(f"Computation: params of a {kind} do not fit ({error})") from None


def _steps_from_pairs(pairs: list[Any]) -> dict[Any, Any]:
    steps: dict[Any, Any] = {}
    for pair in pairs:
        if not isinstance(pair, list) or len(pair) != 2 or pair[0] in steps:
            raise JourneyError(f"Computation: a funnel's steps are distinct [step, [event, ...]] pairs, got {pair!r}")
        steps[pair[0]] = pair[1]
    return steps


def compute(kind: str, frame: Any, params: Mapping[str, Any], backend: str) -> Any:
    """Run a computation of ``kind`` on ``frame``."""
    return _COMPUTE[kind](frame, params, backend)


__all__ = ["compute", "normalise"]
