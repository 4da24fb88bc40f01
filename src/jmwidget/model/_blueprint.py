"""Service-blueprint vocabulary and rules: zones, lines, annotations, connection endpoints.

A blueprint is a journey map with its backstage open. Lanes may belong to a **zone**
(:data:`ZONES`, top to bottom); the three **lines** (:data:`LINES`) sit between adjacent zones.
The zone rule: lanes that have a zone appear in zone order; lanes without one (emotion,
thoughts, metrics, ...) may sit anywhere. **Annotations** (fail / wait points, duration, cost,
owner) sit on a card (its ``annotations`` key) or on a cell (``annotations[lane][step]``);
**connections** are arrows between cells or cards. This module holds the pure rules; the
operations that use them are in :mod:`jmwidget.model`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._errors import OperationError
from ._shared import LINES, ZONE_NAMES, ZONES

ANNOTATION_FIELDS = ("fail_point", "wait_point", "duration", "cost", "owner")
DURATION_UNITS = ("seconds", "minutes", "hours", "days")
_NOTE_FIELDS = {"fail_point": "a fail point", "wait_point": "a wait point", "owner": "an owner"}


# ---------------------------------------------------------------- read-only views


@dataclass(frozen=True)
class Endpoint:
    """One end of a connection: the cell ``lane`` x ``step``, or ``card`` in that cell."""

    lane: str
    step: str
    card: str | None = None


@dataclass(frozen=True)
class Connection:
    """A directed arrow between two cells or cards (``from_`` relies on or leads to ``to``)."""

    id: str
    from_: Endpoint
    to: Endpoint
    label: str | None = None


@dataclass(frozen=True)
class BlueprintLine:
    """A line between two zones, drawn below lane ``after_lane`` and above lane ``before_lane``."""

    id: str
    name: str
    above: str
    below: str
    after_lane: str
    before_lane: str


def connection_view(data: Mapping[str, Any]) -> Connection:
    """A :class:`Connection` from its document dict."""
    ends = [Endpoint(e["lane"], e["step"], e.get("card")) for e in (data["from"], data["to"])]
    return Connection(data["id"], ends[0], ends[1], data.get("label"))


def lanes_by_zone(lanes: list[dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    """Lane ids per zone, in zone order; zones without lanes are left out."""
    found = {zone: tuple(lane["id"] for lane in lanes if lane.get("zone") == zone) for zone in ZONES}
    return {zone: ids for zone, ids in found.items() if ids}


def blueprint_lines(lanes: list[dict[str, Any]]) -> tuple[BlueprintLine, ...]:
    """The lines a map has: each where lanes of zones above and below it both exist."""
    lines = []
    for line_id, (name, above, below) in LINES.items():
        upper = [lane["id"] for lane in lanes if lane.get("zone") in ZONES[: ZONES.index(above) + 1]]
        lower = [lane["id"] for lane in lanes if lane.get("zone") in ZONES[ZONES.index(below) :]]
        if upper and lower:
            lines.append(BlueprintLine(line_id, name, above, below, upper[-1], lower[0]))
    return tuple(lines)


# ---------------------------------------------------------------- zones


def zone_rank(lane: Mapping[str, Any]) -> int | None:
    """The position of the lane's zone in :data:`ZONES`, or None for a lane without a zone."""
    zone = lane.get("zone")
    return ZONES.index(zone) if zone in ZONES else None


def zone_order_problem(lanes: list[dict[str, Any]]) -> str | None:
    """Why ``lanes`` break the zone rule (zoned lanes in zone order), or None if they keep it."""
    previous: dict[str, Any] | None = None
    for lane in lanes:
        rank = zone_rank(lane)
        if rank is None:
            continue
        if previous is not None and rank < (zone_rank(previous) or 0):
            return (
                f"lane {lane['name']!r} ({ZONE_NAMES[lane['zone']].lower()}) would sit below lane "
                f"{previous['name']!r} ({ZONE_NAMES[previous['zone']].lower()}); lanes with a zone keep "
                f"the zone order: {', '.join(ZONE_NAMES[z].lower() for z in ZONES)}"
            )
        previous = lane
    return None


def zone_insert_index(lanes: list[dict[str, Any]], zone: str) -> int:
    """Where a new lane of ``zone`` goes by default: at the end, or just above the first lane of a later zone."""
    rank = ZONES.index(zone)
    ranks = [zone_rank(lane) for lane in lanes]
    later = [i for i, r in enumerate(ranks) if r is not None and r > rank]
    return later[0] if later else len(lanes)


# ---------------------------------------------------------------- annotations


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_annotation_field(key: str, value: Any, where: str) -> Any:
    """Check one non-null annotation field; return it normalised (notes stripped)."""
    if key in _NOTE_FIELDS:
        if not isinstance(value, str) or not value.strip():
            raise OperationError(f"{where}: {_NOTE_FIELDS[key]} needs a non-empty note (use null to clear it)")
        return value.strip()
    if key == "duration":
        if not isinstance(value, Mapping) or set(value) != {"value", "unit"}:
            raise OperationError(
                f"{where}: a duration is {{'value': number, 'unit': one of {', '.join(DURATION_UNITS)}}}"
            )
        if not _is_number(value["value"]) or value["value"] <= 0:
            raise OperationError(f"{where}: a duration must be a positive number, got {value['value']!r}")
        if value["unit"] not in DURATION_UNITS:
            raise OperationError(
                f"{where}: duration unit must be one of {', '.join(DURATION_UNITS)}, got {value['unit']!r}"
            )
        return {"value": value["value"], "unit": value["unit"]}
    if key == "cost":
        if not isinstance(value, Mapping) or set(value) != {"amount", "currency"}:
            raise OperationError(f"{where}: a cost is {{'amount': number, 'currency': 3-letter code like 'EUR'}}")
        if not _is_number(value["amount"]) or value["amount"] < 0:
            raise OperationError(f"{where}: a cost amount must be a number of 0 or more, got {value['amount']!r}")
        currency = value["currency"]
        if not (isinstance(currency, str) and re.fullmatch(r"[A-Z]{3}", currency)):
            raise OperationError(f"{where}: currency must be a 3-letter code like 'EUR' or 'USD', got {currency!r}")
        return {"amount": value["amount"], "currency": currency}
    raise OperationError(f"{where}: unknown annotation {key!r}; annotations are {', '.join(ANNOTATION_FIELDS)}")


def check_annotation(value: Any, where: str) -> None:
    """Check a stored annotation object (every field, and that it is not empty)."""
    if not isinstance(value, Mapping):
        raise OperationError(f"{where}: an annotation is an object of {', '.join(ANNOTATION_FIELDS)}")
    if not value:
        raise OperationError(f"{where}: an annotation with nothing set is left out, not stored empty")
    for key, field_value in value.items():
        check_annotation_field(key, field_value, where)


# ---------------------------------------------------------------- connections


def endpoint_key(end: Mapping[str, Any]) -> tuple[str, str, str]:
    """A comparable form of a connection endpoint: ``(lane, step, card or "")``."""
    return (str(end["lane"]), str(end["step"]), str(end.get("card") or ""))


def touches(
    connection: Mapping[str, Any], *, lane: str | None = None, step: str | None = None, card: str | None = None
) -> bool:
    """Whether either end of ``connection`` is in ``lane``, in ``step`` or on ``card``."""
    for end in (connection["from"], connection["to"]):
        if lane is not None and end["lane"] == lane:
            return True
        if step is not None and end["step"] == step:
            return True
        if card is not None and end.get("card") == card:
            return True
    return False


__all__ = [
    "ANNOTATION_FIELDS",
    "DURATION_UNITS",
    "LINES",
    "ZONES",
    "ZONE_NAMES",
    "BlueprintLine",
    "Connection",
    "Endpoint",
    "blueprint_lines",
    "check_annotation",
    "check_annotation_field",
    "connection_view",
    "endpoint_key",
    "lanes_by_zone",
    "touches",
    "zone_insert_index",
    "zone_order_problem",
    "zone_rank",
]
