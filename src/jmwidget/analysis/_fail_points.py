"""Fail points in context: each one beside the emotion and metric values of its step.

A drop in the emotion curve or a bad metric at a step is traced down that step's column to
the process that causes it; this table puts the two side by side, one row per fail point.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..model import cell_number
from ._items import WHERE, Blueprint, snapshot

if TYPE_CHECKING:
    from ..model import Journey

COLUMNS = [*WHERE, "fail_note", "owner"]


def _number(value: Any) -> float:
    """The number of an emotion or metric value (plain or with evidence); NaN for none."""
    number = cell_number(value)
    return math.nan if number is None else float(number)


def step_values(blueprint: Blueprint) -> tuple[list[str], dict[str, dict[str, float]]]:
    """Per step: each persona's emotion (``"<lane>: <persona>"``) with its change from the step
    before (``"... change"``), and each metric lane's value (by lane name). Returns the column
    names in order and ``{step_id: {column: value}}``."""
    doc = blueprint.doc
    personas = doc["personas"]
    columns: list[str] = []
    values: dict[str, dict[str, float]] = {s["step_id"]: {} for s in blueprint.steps}
    for lane in doc["lanes"]:
        cells = doc["cells"].get(lane["id"], {})
        if lane["kind"] == "emotion":
            for persona in personas:
                name = f"{lane['name']}: {persona['name']}"
                columns += [name, f"{name} change"]
                previous = math.nan
                for step in blueprint.steps:
                    value = _number((cells.get(step["step_id"]) or {}).get(persona["id"]))
                    values[step["step_id"]][name] = value
                    values[step["step_id"]][f"{name} change"] = value - previous
                    previous = value
        elif lane["kind"] == "metric":
            columns.append(lane["name"])
            for step in blueprint.steps:
                values[step["step_id"]][lane["name"]] = _number(cells.get(step["step_id"]))
    return columns, values


def fail_points(journey: Journey) -> pd.DataFrame:
    """Every fail point (on a cell or a card), in step order, with where it sits, its note and
    owner, and the emotion (and its change from the step before) and metric values of its step.

    Sort by an emotion ``change`` column to start from the steepest drops.
    """
    blueprint = snapshot(journey)
    extra, values = step_values(blueprint)
    rows = []
    for item in blueprint.items:
        note = item.annotations.get("fail_point")
        if note is None:
            continue
        rows.append({**item.where(), "fail_note": note, "owner": item.annotations.get("owner"), **values[item.step_id]})
    return pd.DataFrame(rows, columns=[*COLUMNS, *extra])
