"""Differences in a map's fields and its structure: personas, stages, steps and lanes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model._targets import MAP_FIELDS, Key
from ._difference import Difference, What
from ._match import Matching, moved
from ._pair import Pair
from ._sides import Side

PERSONA_FIELDS = ("role", "goals", "needs", "quote", "backstory")
LANE_FIELDS = ("kind", "zone", "description", "unit", "format", "higher_is_better")


def map_rows(p: Pair) -> Iterator[Difference]:
    """The map's own fields: title, description, scenario, state, channels, emotion scale."""
    for name in MAP_FIELDS:
        old, new = p.a.doc.get(name), p.b.doc.get(name)
        if old != new:
            yield Difference(
                "map", "changed", name, field=name, before=old, after=new, targets=frozenset({("map", name)})
            )


def _only_in(p: Pair, what: What, side: Side, item_id: str, extra: set[Key]) -> Difference:
    """A difference for an item in one map only (removed from the first, or added in the second)."""
    removed = side is p.a
    where = side.name("stage", side.stage_of[item_id]) if what == "step" else ""
    return Difference(
        what,
        "removed" if removed else "added",
        side.name(what, item_id),
        where,
        id=item_id,
        before_id=item_id if removed else None,
        step_id=item_id if what == "step" else None,
        lane_id=item_id if what == "lane" else None,
        persona_id=item_id if what == "persona" else None,
        targets=frozenset({(what, item_id), *extra}),
    )


def _renamed_and_fields(p: Pair, what: What, m: Matching, fields: tuple[str, ...]) -> Iterator[Difference]:
    table_a = {"persona": p.a.personas, "stage": p.a.stages, "step": p.a.steps, "lane": p.a.lanes}[what]
    table_b = {"persona": p.b.personas, "stage": p.b.stages, "step": p.b.steps, "lane": p.b.lanes}[what]
    for old_id, new_id in m.pairs.items():
        old, new = table_a[old_id], table_b[new_id]
        ids = _ids(what, old_id, new_id, m)
        for name in ("name", *fields):
            if old.get(name) != new.get(name):
                yield Difference(
                    what,
                    "renamed" if name == "name" else "changed",
                    p.b.name(what, new_id),
                    p.b.name("stage", p.b.stage_of[new_id]) if what == "step" else "",
                    field=name,
                    before=old.get(name),
                    after=new.get(name),
                    targets=frozenset({(what, old_id), (what, new_id)}),
                    **ids,
                )


def _ids(what: str, old_id: str, new_id: str, m: Matching) -> dict[str, Any]:
    ids: dict[str, Any] = {"id": new_id, "before_id": old_id, "matched_by": m.how[old_id]}
    if what in ("step", "lane", "persona"):
        ids[f"{what}_id"] = new_id
    return ids


def _moves(
    p: Pair, what: What, m: Matching, order_a: list[str], order_b: list[str], list_key: Key
) -> Iterator[Difference]:
    """Items of one list (personas, stages or lanes) that left their order."""
    in_b = [m.back[item] for item in order_b if item in m.back]  # first-map ids, in the second map's order
    for old_id in moved(order_a, in_b):
        new_id = m.pairs[old_id]
        yield Difference(
            what,
            "moved",
            p.b.name(what, new_id),
            before=f"{order_a.index(old_id) + 1} of {len(order_a)}",
            after=f"{order_b.index(new_id) + 1} of {len(order_b)}",
            targets=frozenset({list_key}),
            **_ids(what, old_id, new_id, m),
        )


def persona_rows(p: Pair) -> Iterator[Difference]:
    m, key = p.personas, ("list", "personas")
    for item in m.removed:
        yield _only_in(p, "persona", p.a, item, {key, *p.a.keys_in(persona=item)})
    for item in m.added:
        yield _only_in(p, "persona", p.b, item, {key, *p.b.keys_in(persona=item)})
    yield from _renamed_and_fields(p, "persona", m, PERSONA_FIELDS)
    yield from _moves(p, "persona", m, list(p.a.personas), list(p.b.personas), key)


def stage_rows(p: Pair) -> Iterator[Difference]:
    m, key = p.stages, ("list", "stages")
    for item in m.removed:
        yield _only_in(p, "stage", p.a, item, {key, ("list", "steps", item)})
    for item in m.added:
        yield _only_in(p, "stage", p.b, item, {key, ("list", "steps", item)})
    yield from _renamed_and_fields(p, "stage", m, ())
    yield from _moves(p, "stage", m, list(p.a.stages), list(p.b.stages), key)


def lane_rows(p: Pair) -> Iterator[Difference]:
    m, key = p.lanes, ("list", "lanes")
    for item in m.removed:
        yield _only_in(p, "lane", p.a, item, {key, *p.a.keys_in(lane=item)})
    for item in m.added:
        yield _only_in(p, "lane", p.b, item, {key, *p.b.keys_in(lane=item)})
    yield from _renamed_and_fields(p, "lane", m, LANE_FIELDS)
    yield from _moves(p, "lane", m, list(p.a.lanes), list(p.b.lanes), key)


def step_rows(p: Pair) -> Iterator[Difference]:
    m = p.steps
    for item in m.removed:
        yield _only_in(p, "step", p.a, item, {("list", "steps", p.a.stage_of[item]), *p.a.keys_in(step=item)})
    for item in m.added:
        yield _only_in(p, "step", p.b, item, {("list", "steps", p.b.stage_of[item]), *p.b.keys_in(step=item)})
    yield from _renamed_and_fields(p, "step", m, ())
    yield from _step_moves(p)


def _step_moves(p: Pair) -> Iterator[Difference]:
    """Steps now in another stage, and steps that left their order within a stage."""
    m = p.steps
    shifted: list[str] = []
    for new_stage, stage in p.b.stages.items():
        old_stage = p.stages.back.get(new_stage)
        stayed = [m.back[t["id"]] for t in stage["steps"] if m.back.get(t["id"]) in p.a.steps]
        stayed = [old for old in stayed if p.a.stage_of[old] == old_stage]
        order_a = [t["id"] for t in p.a.stages[old_stage]["steps"]] if old_stage else []
        shifted += moved(order_a, stayed)
    for old_id, new_id in m.pairs.items():
        old_stage, new_stage = p.a.stage_of[old_id], p.b.stage_of[new_id]
        other_stage = p.stages.pairs.get(old_stage) != new_stage
        if not other_stage and old_id not in shifted:
            continue
        yield Difference(
            "step",
            "moved",
            p.b.name("step", new_id),
            p.b.name("stage", new_stage),
            before=_step_position(p.a, old_id),
            after=_step_position(p.b, new_id),
            targets=frozenset({("list", "steps", old_stage), ("list", "steps", new_stage)}),
            **_ids("step", old_id, new_id, m),
        )


def _step_position(side: Side, step_id: str) -> str:
    stage = side.stages[side.stage_of[step_id]]
    ids = [t["id"] for t in stage["steps"]]
    return f"{side.name('stage', stage['id'])} ({ids.index(step_id) + 1} of {len(ids)})"
