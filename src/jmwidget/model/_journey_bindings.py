"""The part of :class:`Journey` that binds lanes to data: ``bind``, ``unbind``, ``bindings``.

Computing and writing the values is :func:`jmwidget.data.refresh` (``Journey.refresh``); the model
only keeps the bindings, each refresh's record, and the rules that keep them consistent.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ._binding_ops import bindings_of
from ._errors import OperationError
from ._journey_blueprint import JourneyBlueprint


@dataclass(frozen=True)
class Binding:
    """A lane whose values come from data: the computation, the result column, the last refresh."""

    id: str
    lane: str
    compute: dict[str, Any]
    column: str
    persona: str | None = None
    last: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """The name of the table the computation reads (``refresh(<source>=frame)``)."""
        return str(self.compute["source"])


class JourneyBindings(JourneyBlueprint):
    """Lanes bound to computations over named sources."""

    @property
    def bindings(self) -> tuple[Binding, ...]:
        """The map's bindings, in document order."""
        return tuple(
            Binding(
                b["id"],
                b["lane"],
                copy.deepcopy(b["compute"]),
                b["column"],
                b.get("persona"),
                copy.deepcopy(b.get("last") or {}),
            )
            for b in bindings_of(self._doc)
        )

    def binding(self, ref: str) -> Binding:
        """One binding by id, or by the id or name of its lane (when the lane has one binding)."""
        found = [b for b in self.bindings if b.id == ref]
        if not found:
            lane_id = self.lane_id(ref)
            found = [b for b in self.bindings if b.lane == lane_id]
        if len(found) != 1:
            which = ", ".join(b.id for b in found) or "none"
            raise OperationError(f"{len(found)} bindings match {ref!r} ({which}); name one by id")
        return found[0]

    def bind(
        self,
        lane: str,
        computation: Any,
        *,
        column: str,
        persona: str | None = None,
        id: str | None = None,
    ) -> str:
        """Bind a metric, emotion or cards lane to ``computation`` (from :mod:`jmwidget.data` given a
        source name, e.g. ``data.funnel("events", ...)``, or its ``to_dict()``); ``column`` is the
        result's column that gives the values. Returns the binding's id; ``refresh`` fills the lane.
        """
        compute = computation.to_dict() if hasattr(computation, "to_dict") else dict(computation)
        binding: dict[str, Any] = {"lane": self.lane_id(lane), "compute": compute, "column": column}
        if persona is not None:
            binding["persona"] = self.persona_id(persona)
        if id is not None:
            binding["id"] = id
        return self._add({"op": "add_binding", "binding": binding})

    def unbind(self, binding: str) -> None:
        """Remove a binding (by id, or by its lane); the values it wrote stay in the map."""
        self.apply({"op": "delete_binding", "binding": self.binding(binding).id})

    def _record_run(self, binding_id: str, run: Mapping[str, Any] | None) -> None:
        self.apply({"op": "set_binding_run", "binding": binding_id, "run": None if run is None else dict(run)})


def _view(binding: Mapping[str, Any]) -> Binding:
    last = copy.deepcopy(binding.get("last") or {})
    compute = copy.deepcopy(binding["compute"])
    return Binding(binding["id"], binding["lane"], compute, binding["column"], binding.get("persona"), last)
