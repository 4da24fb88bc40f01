"""The cells of the second map that a view would outline after a comparison."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ._difference import Difference
from ._pair import Pair

CELL_WHATS = ("cell", "metric", "emotion", "annotation")


def _empty(value: Any) -> bool:
    return value is None or value in ("", [], {})


def changed_cells(p: Pair, changes: Iterable[Difference]) -> list[dict[str, Any]]:
    """``{lane, step, kind, before, after, what}`` per cell of the second map, in map order."""
    touched: dict[tuple[str, str], set[str]] = {}
    for change in changes:
        if change.what in CELL_WHATS or (change.what == "card" and change.change != "removed"):
            touched.setdefault((str(change.lane_id), str(change.step_id)), set()).add(change.what)
        if change.what == "card" and change.change in ("removed", "moved") and change.before_id:
            old = p.a.cards[change.before_id]
            lane, step = p.mapped_place(old.lane, old.step)
            if lane is not None and step is not None:
                touched.setdefault((lane, step), set()).add("card")
    for lane in p.b.lanes:
        for step in p.b.steps:
            new_column = lane in p.lanes.added or step in p.steps.added
            if new_column and not _empty(p.b.cell(lane, step)):
                touched.setdefault((lane, step), set()).add("cell")
    lane_order = {lane: i for i, lane in enumerate(p.b.lanes)}
    step_order = {step: i for i, step in enumerate(p.b.steps)}
    cells = []
    for lane, step in sorted(touched, key=lambda cell: (lane_order[cell[0]], step_order[cell[1]])):
        before, after = _before(p, lane, step), p.b.cell(lane, step)
        kind = "changed"
        if _empty(before) != _empty(after):
            kind = "added" if _empty(before) else "removed"
        cells.append(
            {
                "lane": lane,
                "step": step,
                "kind": kind,
                "before": before,
                "after": after,
                "what": sorted(touched[lane, step]),
            }
        )
    return cells


def _before(p: Pair, lane: str, step: str) -> Any:
    """The first map's value of a second-map cell (emotion keyed by second-map persona ids)."""
    old_lane, old_step = p.lanes.back.get(lane), p.steps.back.get(step)
    if old_lane is None or old_step is None:
        return None
    value = p.a.cell(old_lane, old_step)
    if isinstance(value, dict):
        return {p.personas.pairs[k]: v for k, v in value.items() if k in p.personas.pairs}
    return value
