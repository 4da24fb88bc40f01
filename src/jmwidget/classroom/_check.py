"""Each student's map checked against the class template: one row per finding.

Findings (``kind``):

* ``structure``: a stage, step or lane added, removed, renamed or moved, or a persona added or
  removed, compared with the template (:func:`jmwidget.compare`, by id then by name);
* ``empty-cell``: a cell left empty in a text, channels or metric lane (cards lanes hold notes
  only where they apply, so an empty one is no finding);
* ``no-emotion``: a step without an emotion value, per emotion lane and persona;
* ``no-frontstage`` / ``no-backstage``: a blueprint's alignment gaps (:func:`jmwidget.analysis.alignment`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..analysis import alignment
from ..diff import compare
from ..model import JourneyError
from ..prose import quote, value_of
from ._load import LoadProblem

if TYPE_CHECKING:
    import pandas as pd

    from ..diff import Difference
    from ..model import Journey

FINDING_COLUMNS = ("map", "kind", "lane", "step", "persona", "message", "lane_id", "step_id")
OVERVIEW_COLUMNS = (
    "map", "title", "loaded", "problem", "structure", "structure_changes", "empty_cells", "no_emotion", "gaps",
    "findings",
)  # fmt: skip
STRUCTURE = ("stage", "step", "lane", "persona")
GAP_KINDS = ("no-frontstage", "no-backstage")
#: Lanes whose empty cells are findings.
EMPTY_KINDS = ("text", "channels", "metric")


def _structural(change: Difference) -> bool:
    if change.what not in STRUCTURE:
        return False
    if change.what == "persona":
        return change.change in ("added", "removed")
    return change.change != "changed" or change.field in ("kind", "zone")


def _structure_message(change: Difference) -> str:
    what = change.what.capitalize()
    if change.change == "renamed":
        return f"{what} {quote(change.before)} renamed {quote(change.after)}"
    if change.change == "moved":
        return f"{what} {quote(change.name)} moved: {change.before} → {change.after}"
    if change.change == "changed":
        return f"{what} {quote(change.name)}: {change.field} {change.before!r} → {change.after!r}"
    where = f" {'in' if change.change == 'added' else 'from'} {change.where}" if change.where else ""
    return f"{what} {quote(change.name)} {change.change}{where}"


def _structure_rows(name: str, journey: Journey, template: Journey) -> Iterator[dict[str, Any]]:
    for change in compare(template, journey):
        if _structural(change):
            lane = change.name if change.what == "lane" else None
            step = change.name if change.what == "step" else None
            yield _row(name, "structure", _structure_message(change), lane=lane, step=step,
                       lane_id=change.lane_id, step_id=change.step_id)  # fmt: skip


def _row(name: str, kind: str, message: str, **where: Any) -> dict[str, Any]:
    return {"map": name, "kind": kind, "message": message, **where}


def _cell_rows(name: str, journey: Journey) -> Iterator[dict[str, Any]]:
    doc = journey.document
    steps = [(step["id"], step["name"]) for stage in doc["stages"] for step in stage["steps"]]
    for lane in doc["lanes"]:
        cells = doc["cells"].get(lane["id"], {})
        for step_id, step in steps:
            where = {"lane": lane["name"], "step": step, "lane_id": lane["id"], "step_id": step_id}
            if lane["kind"] == "emotion":
                for persona in doc["personas"]:
                    if value_of((cells.get(step_id) or {}).get(persona["id"])) is None:
                        message = f"No {lane['name'].lower()} value for {persona['name']} at {quote(step)}"
                        yield _row(name, "no-emotion", message, persona=persona["name"], **where)
            elif lane["kind"] in EMPTY_KINDS and cells.get(step_id) in (None, "", []):
                yield _row(name, "empty-cell", f"{quote(lane['name'])} is empty at {quote(step)}", **where)


def _gap_rows(name: str, journey: Journey) -> Iterator[dict[str, Any]]:
    if not any(lane.zone for lane in journey.lanes):
        return
    try:
        gaps = alignment(journey)
    except JourneyError:  # zones, but none on the customer's side
        return
    for gap in gaps.itertuples():
        yield _row(
            name,
            str(gap.kind),
            str(gap.message),
            lane=gap.lane,
            step=gap.step,
            lane_id=gap.lane_id,
            step_id=gap.step_id,
        )


def findings(maps: Mapping[str, Journey], template: Journey) -> pd.DataFrame:
    """One row per finding, map by map (columns :data:`FINDING_COLUMNS`); see the module docstring."""
    import pandas as pd

    rows = []
    for name, journey in maps.items():
        rows += [*_structure_rows(name, journey, template), *_cell_rows(name, journey), *_gap_rows(name, journey)]
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))


def overview(maps: Mapping[str, Journey], problems: list[LoadProblem], template: Journey) -> pd.DataFrame:
    """One row per map (and per file that did not load): counts of each kind of finding."""
    import pandas as pd

    found = findings(maps, template)
    rows: list[dict[str, Any]] = []
    for name, journey in maps.items():
        counts = found[found["map"] == name]["kind"].value_counts()
        changes = int(counts.get("structure", 0))
        rows.append(
            {
                "map": name,
                "title": journey.title,
                "loaded": True,
                "problem": None,
                "structure": "changed" if changes else "same",
                "structure_changes": changes,
                "empty_cells": int(counts.get("empty-cell", 0)),
                "no_emotion": int(counts.get("no-emotion", 0)),
                "gaps": int(sum(counts.get(kind, 0) for kind in GAP_KINDS)),
                "findings": int(counts.sum()),
            }
        )
    rows += [{"map": p.file, "loaded": False, "problem": f"{p.kind}: {p.message}"} for p in problems]
    frame = pd.DataFrame(rows, columns=list(OVERVIEW_COLUMNS))
    numbers = ["structure_changes", "empty_cells", "no_emotion", "gaps", "findings"]
    return frame.astype(dict.fromkeys(numbers, "Int64"))
