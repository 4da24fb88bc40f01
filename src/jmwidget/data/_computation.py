"""Deferred computations: what :func:`funnel`, :func:`survey` or :func:`counts` would compute, kept
as plain data until a frame is at hand.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import JourneyError

#: The kinds of computation, as named in :attr:`Computation.kind`.
KINDS = ("funnel", "survey", "counts")


@dataclass(frozen=True)
class Computation:
    """A computation named but not run: its ``kind``, the ``source`` it reads and its ``params``.

    :func:`funnel`, :func:`survey` and :func:`counts` return one when given a source name (a
    string) instead of a frame. Everything in it is JSON: ``params`` holds the function's keyword
    arguments with the funnel's ``steps`` as ``[[step, [event, ...]], ...]`` (a list keeps the order
    in any JSON reader), a window in seconds and a scale as ``[[low, high], [low, high]]``.
    :meth:`run` computes it on a frame; :meth:`to_dict` and :meth:`from_dict` store it.

    >>> import pandas as pd
    >>> from jmwidget.data import counts
    >>> later = counts("tickets", step="step", category="topic", top=1)
    >>> later.to_dict()
    {'kind': 'counts', 'source': 'tickets', 'params': {'step': 'step', 'category': 'topic', 'top': 1}}
    >>> tickets = pd.DataFrame({"step": ["Pay", "Pay"], "topic": ["card", "card"]})
    >>> later.run(tickets)[["step", "count"]].to_dict("records")
    [{'step': 'Pay', 'count': 2}]
    """

    kind: str
    source: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise JourneyError(f"Computation: kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        if not isinstance(self.source, str) or not self.source:
            raise JourneyError(f"Computation: source must be a non-empty string, got {self.source!r}")
        try:
            plain = json.loads(json.dumps(dict(self.params), allow_nan=False))
        except (TypeError, ValueError) as error:
            raise JourneyError(f"Computation: params must be JSON data ({error})") from None
        object.__setattr__(self, "params", plain)

    def __hash__(self) -> int:
        return hash(json.dumps(self.to_dict(), sort_keys=True))

    def to_dict(self) -> dict[str, Any]:
        """``{"kind", "source", "params"}``, JSON types only (a copy)."""
        return {"kind": self.kind, "source": self.source, "params": copy.deepcopy(dict(self.params))}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Computation:
        """The computation :meth:`to_dict` gave; its parameters are checked as the function would."""
        if not isinstance(data, Mapping) or set(data) != {"kind", "source", "params"}:
            raise JourneyError("Computation.from_dict: expects a mapping with exactly 'kind', 'source' and 'params'")
        params = data["params"]
        if not isinstance(params, Mapping):
            raise JourneyError(f"Computation.from_dict: params must be a mapping, got {type(params).__name__}")
        from ._registry import normalise

        return cls(data["kind"], data["source"], normalise(str(data["kind"]), params))

    def run(self, frame: Any, *, backend: str = "pandas") -> Any:
        """Compute it on ``frame`` (the data the source names): the function's result table."""
        from ._registry import compute

        return compute(self.kind, frame, self.params, backend)


__all__ = ["KINDS", "Computation"]
