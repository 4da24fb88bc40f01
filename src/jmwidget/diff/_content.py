"""Differences in a map's content: cells, emotion and metric values, annotations, cards, arrows.

Cells and annotations are compared where both maps have the lane and the step (and, for emotion,
the persona): the content of a step, lane or persona in one map only goes with that step's,
lane's or persona's own difference. Cards and arrows are items of their own and are always
compared, wherever they sit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model.formatting import display_text
from ..prose import value_of
from ._difference import Difference, What
from ._match import moved
from ._pair import Pair, own_end

CARD_FIELDS = ("text", "color", "tag", "impact")


def _delta(before: Any, after: Any) -> float | None:
    old, new = value_of(before), value_of(after)
    return None if old is None or new is None else new - old


def _how(*methods: str) -> str:
    """How a cell was found in both maps: ``name`` when any of its lane, step or persona was."""
    return "name" if "name" in methods else "id"


def _value_change(before: Any, after: Any) -> str:
    if before is None:
        return "added"
    return "removed" if after is None else "changed"


def cell_rows(p: Pair) -> Iterator[Difference]:
    """Cells of text, channels, metric and emotion lanes, and cell annotations."""
    for old_lane, new_lane in p.lanes.pairs.items():
        kind = p.b.lanes[new_lane]["kind"]
        for old_step, new_step in p.steps.pairs.items():
            how = [p.lanes.how[old_lane], p.steps.how[old_step]]
            ids = {"lane_id": new_lane, "step_id": new_step}
            old, new = p.a.cell(old_lane, old_step), p.b.cell(new_lane, new_step)
            if kind == "emotion":
                yield from _emotion_rows(p, (old_lane, old_step), (new_lane, new_step), how)
            elif kind != "cards" and old != new:
                what: What = "metric" if kind == "metric" else "cell"
                yield Difference(
                    what,
                    _value_change(old, new),  # type: ignore[arg-type]
                    p.b.name("step", new_step),
                    p.b.name("lane", new_lane),
                    before=old,
                    after=new,
                    delta=_delta(old, new) if what == "metric" else None,
                    matched_by=_how(*how),
                    targets=frozenset({("cell", old_lane, old_step), ("cell", new_lane, new_step)}),
                    **ids,
                )
            yield from _annotation_rows(p, (old_lane, old_step), (new_lane, new_step), how)


def _emotion_rows(
    p: Pair, old_cell: tuple[str, str], new_cell: tuple[str, str], how: list[str]
) -> Iterator[Difference]:
    old_values = p.a.cell(*old_cell) or {}
    new_values = p.b.cell(*new_cell) or {}
    for old_persona, new_persona in p.personas.pairs.items():
        old, new = old_values.get(old_persona), new_values.get(new_persona)
        if old == new:
            continue
        yield Difference(
            "emotion",
            _value_change(old, new),  # type: ignore[arg-type]
            p.b.name("step", new_cell[1]),
            f"{p.b.name('lane', new_cell[0])}: {p.b.name('persona', new_persona)}",
            before=old,
            after=new,
            delta=_delta(old, new),
            matched_by=_how(*how, p.personas.how[old_persona]),
            lane_id=new_cell[0],
            step_id=new_cell[1],
            persona_id=new_persona,
            targets=frozenset({("emotion", *old_cell, old_persona), ("emotion", *new_cell, new_persona)}),
        )


def _annotation_rows(
    p: Pair, old_cell: tuple[str, str], new_cell: tuple[str, str], how: list[str]
) -> Iterator[Difference]:
    old_note, new_note = p.a.annotation(*old_cell), p.b.annotation(*new_cell)
    if old_note == new_note:
        return
    for field in sorted(set(old_note) | set(new_note)):
        old, new = old_note.get(field), new_note.get(field)
        if old != new:
            yield Difference(
                "annotation",
                _value_change(old, new),  # type: ignore[arg-type]
                p.b.name("step", new_cell[1]),
                p.b.name("lane", new_cell[0]),
                field=field,
                before=old,
                after=new,
                matched_by=_how(*how),
                lane_id=new_cell[0],
                step_id=new_cell[1],
                targets=frozenset({("annotation", *old_cell), ("annotation", *new_cell)}),
            )


# ---------------------------------------------------------------- cards


def card_rows(p: Pair) -> Iterator[Difference]:
    """Cards added, removed, edited (one row per field) or moved (to another cell, or within one)."""
    for card_id in p.cards.removed:
        yield _card_only_in(p, card_id, removed=True)
    for card_id in p.cards.added:
        yield _card_only_in(p, card_id, removed=False)
    for old_id, new_id in p.cards.pairs.items():
        yield from _card_edits(p, old_id, new_id)
    yield from _card_moves(p)


def _card_only_in(p: Pair, card_id: str, *, removed: bool) -> Difference:
    side = p.a if removed else p.b
    place = side.cards[card_id]
    return Difference(
        "card",
        "removed" if removed else "added",
        display_text(place.card["text"]),
        side.place(place.lane, place.step),
        id=card_id,
        before_id=card_id if removed else None,
        lane_id=place.lane,
        step_id=place.step,
        targets=frozenset({("card", card_id), ("list", "cards", place.lane, place.step)}),
    )


def _card_edits(p: Pair, old_id: str, new_id: str) -> Iterator[Difference]:
    old, new = p.a.cards[old_id], p.b.cards[new_id]
    old_notes, new_notes = old.card.get("annotations") or {}, new.card.get("annotations") or {}
    fields = [(f, old.card.get(f), new.card.get(f)) for f in CARD_FIELDS]
    fields += [(f, old_notes.get(f), new_notes.get(f)) for f in sorted(set(old_notes) | set(new_notes))]
    for field, before, after in fields:
        if before != after:
            yield Difference(
                "card",
                "edited",
                display_text(new.card["text"]),
                p.b.place(new.lane, new.step),
                field=field,
                before=before,
                after=after,
                matched_by=p.cards.how[old_id],
                id=new_id,
                before_id=old_id,
                lane_id=new.lane,
                step_id=new.step,
                targets=frozenset({("card", old_id), ("card", new_id)}),
            )


def _card_moves(p: Pair) -> Iterator[Difference]:
    shifted: set[str] = set()
    for place in p.b.cards.values():  # within one cell: cards that left their order
        if place.index == 0:
            old_lane, old_step = p.lanes.back.get(place.lane), p.steps.back.get(place.step)
            if old_lane is None or old_step is None:
                continue
            order_a = p.a.cards_in(old_lane, old_step)
            stayed = [p.cards.back[c] for c in p.b.cards_in(place.lane, place.step) if p.cards.back.get(c) in order_a]
            shifted.update(moved(order_a, stayed))
    for old_id, new_id in p.cards.pairs.items():
        old, new = p.a.cards[old_id], p.b.cards[new_id]
        other_cell = p.mapped_place(old.lane, old.step) != (new.lane, new.step)
        if not other_cell and old_id not in shifted:
            continue
        yield Difference(
            "card",
            "moved",
            display_text(new.card["text"]),
            p.b.place(new.lane, new.step),
            before=_card_position(p.a, old_id),
            after=_card_position(p.b, new_id),
            matched_by=p.cards.how[old_id],
            id=new_id,
            before_id=old_id,
            lane_id=new.lane,
            step_id=new.step,
            targets=frozenset({("list", "cards", old.lane, old.step), ("list", "cards", new.lane, new.step)}),
        )


def _card_position(side: Any, card_id: str) -> str:
    place = side.cards[card_id]
    return f"{side.place(place.lane, place.step)} ({place.index + 1} of {len(side.cards_in(place.lane, place.step))})"


# ---------------------------------------------------------------- arrows


def connection_rows(p: Pair) -> Iterator[Difference]:
    """Arrows added, removed, or changed (an end or the label)."""
    key = ("list", "connections")
    for side, ids, removed in ((p.a, p.connections.removed, True), (p.b, p.connections.added, False)):
        for connection_id in ids:
            connection = side.connections[connection_id]
            yield Difference(
                "connection",
                "removed" if removed else "added",
                side.arrow(connection),
                id=connection_id,
                before_id=connection_id if removed else None,
                lane_id=connection["from"]["lane"],
                step_id=connection["from"]["step"],
                targets=frozenset({("connection", connection_id), key}),
            )
    for old_id, new_id in p.connections.pairs.items():
        old, new = p.a.connections[old_id], p.b.connections[new_id]
        changes = [("label", old.get("label"), new.get("label"))] if old.get("label") != new.get("label") else []
        for end in ("from", "to"):
            if p.mapped_end(old[end]) != own_end(new[end]):
                changes.append((end, p.a.end(old[end]), p.b.end(new[end])))
        for field, before, after in changes:
            yield Difference(
                "connection",
                "changed",
                p.b.arrow(new),
                field=field,
                before=before,
                after=after,
                matched_by=p.connections.how[old_id],
                id=new_id,
                before_id=old_id,
                lane_id=new["from"]["lane"],
                step_id=new["from"]["step"],
                targets=frozenset({("connection", old_id), ("connection", new_id)}),
            )
