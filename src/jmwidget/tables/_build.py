"""A new map written in one pass from a table and validated once: how :func:`from_frame` builds.

The document comes out as the operations ``add_persona``, ``add_stage``, ``add_lane``,
``set_cell`` and ``add_card`` would make it, in the same order and with the same ids (the ids
in use are kept in a set, so building is linear in the size of the table). A table that makes
an invalid map raises here; :func:`from_frame` then builds it operation by operation, whose error
names the row and column of the first bad value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Journey, OperationError
from ..model._lookups import Numbers, all_ids, new_id
from ..model._structure_ops import PERSONA_DEFAULTS
from ..model._values import clean_name
from ._kinds import LaneSpec
from ._stages import StageRun, claimable
from ._values import as_text, is_number, split_cards, split_channels, tidy_number


@dataclass
class TablePlan:
    """What a table makes: lanes (with their columns' values and fields), stages, personas."""

    specs: list[LaneSpec]
    values: dict[str, list[Any]]
    runs: list[StageRun]
    persona_names: list[str]
    default_persona: str
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)  # lane fields by column (metric lanes)

    def lane_fields(self, spec: LaneSpec) -> dict[str, Any]:
        return self.fields.get(spec.columns[0][0], {}) if spec.kind == "metric" else {}


def is_blank(value: Any) -> bool:
    """A missing value or blank text: the cell stays empty."""
    return value is None or (isinstance(value, str) and not value.strip())


def cell_entry(kind: str, value: Any, scale: tuple[int, int, float]) -> Any:
    """One table value as a lane of ``kind`` keeps it: card texts (a list), channels, a number or text.

    Raises :class:`OperationError` for a value the lane cannot take.
    """
    if kind == "cards":
        return split_cards(value)
    if kind == "channels":
        return split_channels(value)
    if kind == "emotion":
        low, high, _ = scale
        if not is_number(value) or not low <= value <= high:
            raise OperationError(
                f"emotion values are numbers {low}-{high}, got {value!r}"
                " (pass emotion_scale=(min, max, neutral) for another scale)"
            )
        return tidy_number(value)
    if kind == "metric":
        if not is_number(value):
            raise OperationError(f"metric values are finite numbers, got {value!r}")
        return value
    return as_text(value)


class _Ids:
    """The ids in use while the document grows, and new ones as the operations would choose them."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.numbers: dict[str, Numbers] = {}

    def new(self, name: str, fallback: str) -> str:
        made = new_id({}, name, fallback, self.taken, self.numbers)
        self.taken.add(made)
        return made

    def claim(self, given: str | None) -> str | None:
        """A table's own id, kept when it is valid and unused."""
        if claimable(given, self.taken):
            self.taken.add(str(given))
            return given
        return None


def build_journey(base: Journey, plan: TablePlan) -> Journey:
    """``base`` (a new, empty map) with the plan's personas, stages, lanes and values, validated once."""
    doc = base.to_dict()
    ids = _Ids(all_ids(doc))
    persona_ids = {plan.default_persona: doc["personas"][0]["id"]}
    for name in plan.persona_names:
        if name not in persona_ids:
            clean = clean_name(name, "persona", "add_persona")
            persona_ids[name] = ids.new(clean, "persona")
            doc["personas"].append({"id": persona_ids[name], "name": clean, **PERSONA_DEFAULTS})
    row_steps = _add_stages(doc, ids, plan.runs)
    scale = base.emotion_scale
    for spec in plan.specs:
        name = clean_name(spec.name, "lane", "add_lane")
        lane = {"id": ids.new(name, "lane"), "name": name, "kind": spec.kind, **plan.lane_fields(spec)}
        if spec.kind == "metric":
            lane.setdefault("format", "count")
        doc["lanes"].append(lane)
        doc["annotations"][lane["id"]] = {}
        row: dict[str, Any] = doc["cells"].setdefault(lane["id"], {})
        for column, persona_name in spec.columns:
            persona_id = persona_ids[persona_name or plan.default_persona]
            for index, value in enumerate(plan.values[column]):
                if not is_blank(value):
                    _fill(row, row_steps[index], spec.kind, cell_entry(spec.kind, value, scale), persona_id, ids)
    return Journey.from_dict(doc, copy=False)


def _add_stages(doc: dict[str, Any], ids: _Ids, runs: list[StageRun]) -> dict[int, str]:
    """The stages and steps of ``runs`` (the table's valid, unused ids kept); row -> step id."""
    planned = [
        (name, ids.claim(sid), [(row, step, ids.claim(tid)) for row, step, tid in rows]) for name, sid, rows in runs
    ]
    row_steps: dict[int, str] = {}
    for name, sid, rows in planned:
        stage_name = clean_name(name, "stage", "add_stage")
        stage: dict[str, Any] = {"id": sid or ids.new(stage_name, "stage"), "name": stage_name, "steps": []}
        for row, step, tid in rows:
            step_name = clean_name(step, "step", "add_stage")
            stage["steps"].append({"id": tid or ids.new(step_name, "step"), "name": step_name})
            row_steps[row] = stage["steps"][-1]["id"]
        doc["stages"].append(stage)
    return row_steps


def _fill(row: dict[str, Any], step_id: str, kind: str, entry: Any, persona_id: str, ids: _Ids) -> None:
    """Write one converted value into its cell (an empty list leaves the cell empty)."""
    if kind == "emotion":
        row.setdefault(step_id, {})[persona_id] = entry
    elif kind == "cards":
        if entry:
            row.setdefault(step_id, []).extend({"id": ids.new("card", "card"), "text": text} for text in entry)
    elif entry != []:
        row[step_id] = entry


__all__ = ["TablePlan", "build_journey", "cell_entry", "is_blank"]
