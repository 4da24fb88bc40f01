"""What the widget's compare view draws: ``JourneyWidget(after, compare_to=before)``.

The synced ``comparison`` trait holds the two maps' titles and states, the cells to outline (from
:meth:`jmwidget.diff.Diff.cells`) with their before and after values as plain text, the steps and
lanes only the second map has (added) and those only the first has (removed), each removed one
placed next to the second map's step or lane that followed it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..diff import compare
from ..model import Journey
from ..model.formatting import format_metric

STATE_NAMES = {"current": "Current state", "future": "Future state"}


def comparison_state(before: Journey, after: Journey) -> dict[str, Any]:
    """The ``comparison`` trait of a widget showing ``after`` compared to ``before``."""
    diff = compare(before, after)
    doc_a, doc_b = before.document, after.document
    changes = list(diff)
    steps_a = [t["id"] for s in doc_a["stages"] for t in s["steps"]]
    return {
        "before": _side(doc_a),
        "after": _side(doc_b),
        "cells": [_cell(doc_b, row) for row in diff.cells()],
        "added_steps": [c.id for c in changes if c.what == "step" and c.change == "added"],
        "added_lanes": [c.id for c in changes if c.what == "lane" and c.change == "added"],
        "removed_steps": _removed(changes, "step", steps_a, diff.pairs("step")),
        "removed_lanes": _removed(changes, "lane", [lane["id"] for lane in doc_a["lanes"]], diff.pairs("lane")),
    }


def _side(doc: Mapping[str, Any]) -> dict[str, str]:
    return {"title": doc["title"], "state": doc["state"], "state_name": STATE_NAMES.get(doc["state"], doc["state"])}


def _removed(changes: Sequence[Any], what: str, order: list[str], pairs: dict[str, str]) -> list[dict[str, Any]]:
    """Removed steps or lanes, each with ``before``: the second map's item it stood before (None: the end)."""
    removed = []
    for change in changes:
        if change.what != what or change.change != "removed":
            continue
        later = order[order.index(change.id) + 1 :] if change.id in order else []
        anchor = next((pairs[item] for item in later if item in pairs), None)
        removed.append({"id": change.id, "name": change.name, "before": anchor})
    return removed


def _cell(doc: Mapping[str, Any], row: Mapping[str, Any]) -> dict[str, Any]:
    """One outlined cell; both values read with the second map's lane and personas (``Diff.cells``
    gives the first map's emotion values keyed by the second map's persona ids)."""
    lane = next(lane for lane in doc["lanes"] if lane["id"] == row["lane"])
    return {
        "lane": row["lane"],
        "step": row["step"],
        "kind": row["kind"],
        "before": value_text(doc, lane, row["before"]),
        "after": value_text(doc, lane, row["after"]),
    }


def value_text(doc: Mapping[str, Any], lane: Mapping[str, Any], value: Any) -> str:
    """A cell's value as one line of plain text ("(empty)" for none); the view shows it as text."""
    if value is None or value in ("", [], {}):
        return "(empty)"
    if lane["kind"] == "metric":
        number = value["value"] if isinstance(value, Mapping) else value
        return format_metric(number, lane.get("format"), lane.get("unit"))
    if lane["kind"] == "emotion" and isinstance(value, Mapping):
        names = {p["id"]: p["name"] for p in doc["personas"]}
        parts = [f"{names.get(pid, pid)} {_number(v)}" for pid, v in value.items()]
        return "; ".join(parts)
    if lane["kind"] == "cards" and isinstance(value, list):
        return "; ".join(str(card.get("text", "")) for card in value)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _number(value: Any) -> str:
    number = value["value"] if isinstance(value, Mapping) else value
    return f"{number:g}" if isinstance(number, (int, float)) else str(number)


__all__ = ["comparison_state", "value_text"]
