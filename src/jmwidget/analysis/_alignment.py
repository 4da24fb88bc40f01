"""Alignment gaps: what the customer meets with nothing delivering it.

Two rules from service blueprinting:

* every touchpoint (physical evidence) and customer action needs a **frontstage** action under
  it: one in the same step column, or one a connection links it to;
* every frontstage action needs a **backstage or support** chain behind it: following
  connections (in either direction, through frontstage, backstage and support items) it must
  reach a backstage action or a support process.

A connection's direction says what relies on what, and blueprints draw it both ways ("the
receptionist relies on the booking system", "housekeeping releases the room first"), so for
the question "is anything behind this?" a connection counts whichever way it points.
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import TYPE_CHECKING

import pandas as pd

from ..model import JourneyError
from ._items import WHERE, Blueprint, Item, Key, snapshot

if TYPE_CHECKING:
    from ..model import Journey

NO_FRONTSTAGE = "no-frontstage"
NO_BACKSTAGE = "no-backstage"
COLUMNS = ["kind", *WHERE, "message"]
_CUSTOMER_SIDE = ("evidence", "customer")
_DELIVERY = ("frontstage", "backstage", "support")


def _neighbours(blueprint: Blueprint) -> dict[Key, set[Key]]:
    """Items linked by a connection, either way."""
    linked: dict[Key, set[Key]] = defaultdict(set)
    for start, end, _ in blueprint.edges():
        linked[start].add(end)
        linked[end].add(start)
    return linked


def _zone_of(blueprint: Blueprint, key: Key) -> str | None:
    zone = blueprint.lane(key[0]).get("zone")
    return str(zone) if zone else None


def _reaches_backstage(blueprint: Blueprint, start: Key, linked: dict[Key, set[Key]]) -> bool:
    """Whether a chain of connections through delivery zones leads from ``start`` to backstage or support."""
    seen, queue = {start}, deque([start])
    while queue:
        for nxt in linked.get(queue.popleft(), ()):
            zone = _zone_of(blueprint, nxt)
            if nxt in seen or zone not in _DELIVERY:
                continue
            if zone in ("backstage", "support"):
                return True
            seen.add(nxt)
            queue.append(nxt)
    return False


def _row(item: Item, kind: str, message: str) -> dict[str, object]:
    return {"kind": kind, **item.where(), "message": message}


def alignment(journey: Journey) -> pd.DataFrame:
    """The alignment gaps of a blueprint, one row per item, in step order.

    ``kind`` is ``"no-frontstage"`` (a touchpoint or customer action with no frontstage action
    in its step and no connection to one) or ``"no-backstage"`` (a frontstage action with no
    chain of connections to a backstage action or support process); ``message`` says what is
    missing. Pass the frame to ``JourneyWidget.highlight`` to outline the cells in the map.
    An empty frame means every touchpoint is delivered and every delivery is backed.
    """
    blueprint = snapshot(journey)
    zones = {lane.get("zone") for lane in blueprint.doc["lanes"]}
    if not zones & {"evidence", "customer", "frontstage"}:
        raise JourneyError(
            "alignment compares blueprint zones, but no lane of this map is in the evidence, customer or "
            "frontstage zone; put lanes in zones first, e.g. journey.set_zone('Actions', 'customer')"
        )
    linked = _neighbours(blueprint)
    content = [item for item in blueprint.items if item.text]
    frontstage_steps = {item.step_id for item in content if item.zone == "frontstage"}
    backstage_by_step: dict[str, list[Item]] = defaultdict(list)
    for item in content:
        if item.zone in ("backstage", "support"):
            backstage_by_step[item.step_id].append(item)
    rows = []
    for item in content:
        if item.zone in _CUSTOMER_SIDE:
            if item.step_id in frontstage_steps:
                continue
            if any(_zone_of(blueprint, other) == "frontstage" for other in linked.get(item.key, ())):
                continue
            what = "touchpoint" if item.zone == "evidence" else "customer action"
            why = (
                "the map has no frontstage lane"
                if "frontstage" not in zones
                else "none in this step and no connection to one"
            )
            message = f"No frontstage action for {what} '{item.label()}' (step '{item.step}'): {why}"
            rows.append(_row(item, NO_FRONTSTAGE, message))
        elif item.zone == "frontstage" and not _reaches_backstage(blueprint, item.key, linked):
            nearby = backstage_by_step.get(item.step_id, [])
            hint = (
                f"'{nearby[0].label()}' ({nearby[0].zone_name.lower()}) is in this step but not connected"
                if nearby
                else "connect it to the backstage action or system it relies on"
            )
            message = (
                f"No backstage or support process behind frontstage action '{item.label()}' "
                f"(step '{item.step}'): {hint}"
            )
            rows.append(_row(item, NO_BACKSTAGE, message))
    return pd.DataFrame(rows, columns=COLUMNS)
