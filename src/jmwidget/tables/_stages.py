"""A table's rows as stages and steps: grouped into runs of one stage, then added to a map.

Used by :func:`from_frame` and by the Excel workbook reader (its ``map`` sheet).
"""

from __future__ import annotations

import re
from typing import Any

import narwhals.stable.v2 as nw

from ..model import Journey, JourneyError
from ._values import column_values

#: One stage's rows: the stage name, its id from the table (or None), and ``(row, step name, step id)``.
StageRun = tuple[str, str | None, list[tuple[int, str, str | None]]]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def stage_runs(frame: nw.DataFrame[Any], stage: str, step: str, where: str) -> list[StageRun]:
    """Group rows into stages: consecutive rows with one stage (name, or ``stage_id`` if given)."""
    stage_values = column_values(frame, stage)
    step_values = column_values(frame, step)
    has_ids = "stage_id" in frame.columns and stage != "stage_id"
    stage_ids = column_values(frame, "stage_id") if has_ids else [None] * len(stage_values)
    step_ids = column_values(frame, "step_id") if "step_id" in frame.columns and step != "step_id" else None
    runs: list[StageRun] = []
    current: str | None = None
    current_key: Any = None
    for row, (given_stage, given_step) in enumerate(zip(stage_values, step_values, strict=True)):
        stage_name = current if given_stage is None or not str(given_stage).strip() else str(given_stage).strip()
        if stage_name is None:
            raise JourneyError(f"{where}: row {row}, column {stage!r}: the first row needs a stage name")
        if given_step is None or not str(given_step).strip():
            raise JourneyError(f"{where}: row {row}, column {step!r}: every row needs a step name")
        sid = stage_ids[row] if isinstance(stage_ids[row], str) else None
        key = sid if sid is not None else stage_name
        tid = step_ids[row] if step_ids is not None and isinstance(step_ids[row], str) else None
        entry = (row, str(given_step).strip(), tid)
        if runs and key == current_key and stage_name == current:
            runs[-1][2].append(entry)
        else:
            runs.append((stage_name, sid, [entry]))
        current, current_key = stage_name, key
    return runs


def claimable(given: str | None, used: set[str]) -> bool:
    """Whether a table's own id can be kept: a valid id not used yet."""
    return given is not None and bool(_ID.match(given)) and given not in used


def add_stages(journey: Journey, runs: list[StageRun]) -> dict[int, str]:
    """Add the stages and steps of ``runs``; return row -> step id.

    Valid, unused ids from the table are kept; ids from the table are claimed before any
    stage is added, so a generated id cannot take one.
    """
    used: set[str] = {p.id for p in journey.personas}

    def claim(given: str | None) -> str | None:
        if claimable(given, used):
            used.add(str(given))
            return given
        return None

    planned = [
        (name, claim(sid), [(row, step, claim(tid)) for row, step, tid in entries]) for name, sid, entries in runs
    ]
    row_steps: dict[int, str] = {}
    for name, sid, entries in planned:
        stage_input: dict[str, Any] = {"name": name, "steps": []}
        if sid is not None:
            stage_input["id"] = sid
        for _, step_name, tid in entries:
            stage_input["steps"].append({"name": step_name} | ({"id": tid} if tid is not None else {}))
        before = {s.id for s in journey.stages}
        journey.apply({"op": "add_stage", "stage": stage_input})
        added = next(s for s in journey.stages if s.id not in before)
        for (row, _, _), new_step in zip(entries, added.steps, strict=True):
            row_steps[row] = new_step.id
    return row_steps


__all__ = ["StageRun", "add_stages", "claimable", "stage_runs"]
