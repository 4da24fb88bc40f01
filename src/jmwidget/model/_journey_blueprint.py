"""JourneyBlueprint: the service blueprint helpers. Zones and lines, connections, annotations.

Zones on lanes, the lines between them, connections between cells or cards, and annotations
(fail / wait points, duration, cost, owner) on cells or cards; the rules are in ``_blueprint``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from ._blueprint import ANNOTATION_FIELDS, BlueprintLine, Connection, blueprint_lines, connection_view, lanes_by_zone
from ._errors import OperationError
from ._journey_editing import JourneyEditing, plain_json
from ._lookups import find_card


class JourneyBlueprint(JourneyEditing):
    """A journey map read and edited as a service blueprint."""

    # ------------------------------------------------------------ zones and lines

    @property
    def zones(self) -> dict[str, tuple[str, ...]]:
        """Lane ids per blueprint zone, top to bottom (evidence, customer, frontstage, backstage, support)."""
        return lanes_by_zone(self._doc["lanes"])

    @property
    def is_blueprint(self) -> bool:
        """Whether any lane is in a blueprint zone."""
        return any("zone" in lane for lane in self._doc["lanes"])

    @property
    def lines(self) -> tuple[BlueprintLine, ...]:
        """The lines of interaction, visibility and internal interaction this map has, top to bottom."""
        return blueprint_lines(self._doc["lanes"])

    def set_zone(self, lane: str, zone: str | None) -> None:
        """Put a lane in a blueprint zone (None takes it out); the zone order must still hold."""
        self.edit_lane(lane, zone=zone)

    # ------------------------------------------------------------ connections

    @property
    def connections(self) -> tuple[Connection, ...]:
        """The connections (arrows) between cells and cards, in document order."""
        return tuple(connection_view(c) for c in self._doc["connections"])

    def connection_id(self, ref: str) -> str:
        """The id of the connection with this id or label."""
        items = [{"id": c["id"], "name": c.get("label", "")} for c in self._doc["connections"]]
        return self._resolve("connection", ref, items)

    def connection(self, ref: str) -> Connection:
        """One connection by id or label."""
        connection_id = self.connection_id(ref)
        return next(c for c in self.connections if c.id == connection_id)

    def _endpoint(self, ref: Any) -> dict[str, str]:
        """A connection end from a card id, ``(lane, step)``, ``(lane, step, card)`` or a mapping."""
        if isinstance(ref, str):
            lane_id, step_id, _ = find_card(self._doc, ref)
            return {"lane": lane_id, "step": step_id, "card": ref}
        if isinstance(ref, Mapping):
            ref = (ref.get("lane"), ref.get("step"), ref.get("card"))
        if isinstance(ref, (tuple, list)) and len(ref) in (2, 3):
            end = {"lane": self.lane_id(ref[0]), "step": self.step_id(ref[1])}
            if len(ref) == 3 and ref[2] is not None:
                end["card"] = ref[2]
            return end
        raise OperationError(f"a connection end is a card id, (lane, step) or (lane, step, card), got {ref!r}")

    def add_connection(
        self, from_: Any, to: Any, *, label: str | None = None, id: str | None = None, index: int | None = None
    ) -> str:
        """Add an arrow from one cell or card to another; return its id.

        Each end is a card id, a ``(lane, step)`` pair (ids or names) or ``(lane, step, card)``.
        """
        connection: dict[str, Any] = {"from": self._endpoint(from_), "to": self._endpoint(to)}
        if label is not None:
            connection["label"] = label
        if id is not None:
            connection["id"] = id
        op: dict[str, Any] = {"op": "add_connection", "connection": connection}
        if index is not None:
            op["index"] = index
        return self._add(op)

    def edit_connection(self, connection: str, **fields: Any) -> None:
        """Change a connection's ``label`` (None removes it), ``from_`` or ``to`` end."""
        unknown = set(fields) - {"label", "from_", "to"}
        if unknown:
            raise OperationError(
                f"edit_connection: unknown field(s) {', '.join(sorted(unknown))}; use label, from_, to"
            )
        changes: dict[str, Any] = {}
        if "label" in fields:
            changes["label"] = fields["label"]
        if "from_" in fields:
            changes["from"] = self._endpoint(fields["from_"])
        if "to" in fields:
            changes["to"] = self._endpoint(fields["to"])
        self.apply({"op": "edit_connection", "connection": self.connection_id(connection), "fields": changes})

    def delete_connection(self, connection: str) -> None:
        """Delete a connection (by id or label)."""
        self.apply({"op": "delete_connection", "connection": self.connection_id(connection)})

    # ------------------------------------------------------------ annotations

    def annotation(
        self, lane: str | None = None, step: str | None = None, *, card: str | None = None
    ) -> dict[str, Any]:
        """The annotations of a cell or a card (a copy; empty if none)."""
        if card is not None:
            return copy.deepcopy(self.card(card).get("annotations", {}))
        if lane is None or step is None:
            raise OperationError("annotation: name a cell (lane and step) or a card")
        lane_id, step_id = self.lane_id(lane), self.step_id(step)
        return copy.deepcopy(self._doc["annotations"].get(lane_id, {}).get(step_id, {}))

    def annotate(
        self, lane: str | None = None, step: str | None = None, *, card: str | None = None, **fields: Any
    ) -> None:
        """Set or clear (None) annotations of a cell or a card, in one step.

        Fields: ``fail_point`` and ``wait_point`` (a note on what fails / why the customer waits),
        ``duration`` (``(value, unit)`` with unit seconds, minutes, hours or days, or a dict),
        ``cost`` (``(amount, "EUR")`` or a dict), ``owner`` (team or role).
        """
        if not fields:
            raise OperationError(f"annotate: give at least one of {', '.join(ANNOTATION_FIELDS)}")
        values = dict(fields)
        for key, names in (("duration", ("value", "unit")), ("cost", ("amount", "currency"))):
            if isinstance(values.get(key), (tuple, list)) and len(values[key]) == 2:
                values[key] = dict(zip(names, map(plain_json, values[key]), strict=True))
        op: dict[str, Any] = {"op": "set_annotation", "fields": values}
        if card is not None:
            op["card"] = card
        if lane is not None:
            op["lane"] = self.lane_id(lane)
        if step is not None:
            op["step"] = self.step_id(step)
        self.apply(op)
