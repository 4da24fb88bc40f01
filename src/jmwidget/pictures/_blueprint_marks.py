"""Service-blueprint marks for drawing: zone names and tints, line styles, annotation labels.

The vocabulary (zones, lines, annotation fields) comes from :mod:`jmwidget.model`; this
module only adds what a picture needs. Documents are read with ``.get`` so that a plain
journey map (no zones, no annotations) draws without blueprint parts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model._blueprint import LINES, ZONE_NAMES, ZONES
from ..model.formatting import format_cost, format_duration

ZONE_SHORT_NAMES = {
    "evidence": "Evidence",
    "customer": "Customer",
    "frontstage": "Front",
    "backstage": "Back",
    "support": "Support",
}
ZONE_TINTS = {
    "evidence": "#f6efe3",
    "customer": "#e3eefb",
    "frontstage": "#e4f4e6",
    "backstage": "#efe7fa",
    "support": "#ececec",
}
_LINE_DASHES = {"interaction": None, "visibility": "8 4", "internal": "2 3"}
#: The line drawn above the zone at each index of :data:`ZONES`: ``index -> (name, dash pattern)``.
ZONE_LINES = {ZONES.index(below): (name, _LINE_DASHES[line]) for line, (name, _above, below) in LINES.items()}


def as_dict(value: object) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {}


def annotation_labels(item: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The annotations of a card (its ``annotations`` key) or a cell as ``(kind, label)`` pairs.

    ``kind`` is ``fail``, ``wait`` or ``note``; the order is fixed: fail point, wait point,
    duration, cost, owner.
    """
    source = as_dict(item.get("annotations")) if "annotations" in item else as_dict(item)
    found: list[tuple[str, str]] = []
    for key, kind, name in (("fail_point", "fail", "Fail point"), ("wait_point", "wait", "Wait point")):
        note = source.get(key)
        if note:
            found.append((kind, f"{name}: {note}"))
    duration = as_dict(source.get("duration"))
    if duration:
        value, unit = duration.get("value"), str(duration.get("unit", ""))
        shown = format_duration(value, unit) if isinstance(value, (int, float)) else f"{value} {unit}"
        found.append(("note", f"Time: {shown}"))
    cost = as_dict(source.get("cost"))
    if cost:
        amount, currency = cost.get("amount"), str(cost.get("currency", ""))
        shown = format_cost(amount, currency) if isinstance(amount, (int, float)) else f"{amount} {currency}"
        found.append(("note", f"Cost: {shown}".rstrip()))
    if source.get("owner"):
        found.append(("note", f"Owner: {source['owner']}"))
    return found


def cell_annotations(doc: Mapping[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Cell annotations keyed by ``(lane id, step id)``, from the document's ``annotations[lane][step]``."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for lane, row in as_dict(doc.get("annotations")).items():
        for step, value in as_dict(row).items():
            found[(str(lane), str(step))] = as_dict(value)
    return found


def zone_of(lane: Mapping[str, Any]) -> str | None:
    zone = lane.get("zone")
    return zone if zone in ZONES else None


__all__ = ["ZONES", "ZONE_LINES", "ZONE_NAMES", "annotation_labels", "as_dict", "cell_annotations", "zone_of"]
