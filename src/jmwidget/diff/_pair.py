"""Two maps side by side, with every kind of item paired (:mod:`._match`).

A lane pairs only with a lane of its own kind. Cards and arrows get numbered ids (``card``,
``card-2``, ...; ``connection-2``), so two maps made apart reuse them for different things. An id
alone therefore pairs a card only when it kept its text or its place (lane and step), and an
arrow only when it kept an end or its label; otherwise they count as one removed and one added,
and may still pair by text (cards) or by ends (arrows).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._match import Matching, match
from ._sides import Side


@dataclass
class Pair:
    """Both sides and the pairing of each kind of item."""

    a: Side
    b: Side
    personas: Matching
    stages: Matching
    lanes: Matching
    steps: Matching
    cards: Matching
    connections: Matching

    def kinds(self) -> dict[str, Matching]:
        return {
            "persona": self.personas,
            "stage": self.stages,
            "lane": self.lanes,
            "step": self.steps,
            "card": self.cards,
            "connection": self.connections,
        }

    def mapped_end(self, end: Mapping[str, Any]) -> tuple[str, str, str] | None:
        """A first-map arrow end in the second map's ids; None when its lane, step or card is not there."""
        lane, step = self.lanes.pairs.get(end["lane"]), self.steps.pairs.get(end["step"])
        card = self.cards.pairs.get(end["card"]) if end.get("card") else ""
        if lane is None or step is None or card is None:
            return None
        return (lane, step, card)

    def mapped_place(self, lane_id: str, step_id: str) -> tuple[str | None, str | None]:
        return self.lanes.pairs.get(lane_id), self.steps.pairs.get(step_id)


def own_end(end: Mapping[str, Any]) -> tuple[str, str, str]:
    return (end["lane"], end["step"], end.get("card") or "")


def pair(before: Mapping[str, Any], after: Mapping[str, Any], by: Iterable[str]) -> Pair:
    """Pair the items of two documents: personas, stages, lanes (of one kind), steps, then cards
    and arrows, whose places are read through the pairs found before them."""
    by = tuple(by)
    a, b = Side(before), Side(after)
    personas = match(_named(before["personas"]), _named(after["personas"]), by=by)
    stages = match(_named(before["stages"]), _named(after["stages"]), by=by)
    # A lane pairs only with a lane of the same kind (a lane's kind never changes): "Emotion" as
    # text is another lane than "Emotion" as emotion, whatever its id.
    lanes = match(
        [(lane["id"], f"{lane['kind']}: {lane['name']}") for lane in before["lanes"]],
        [(lane["id"], f"{lane['kind']}: {lane['name']}") for lane in after["lanes"]],
        by=by,
        keep=lambda lane_id: a.lanes[lane_id]["kind"] == b.lanes[lane_id]["kind"],
    )
    steps = match(_named(a.steps.values()), _named(b.steps.values()), by=by)
    result = Pair(a, b, personas, stages, lanes, steps, match([], []), match([], []))

    def card_kept(card_id: str) -> bool:
        old, new = a.cards[card_id], b.cards[card_id]
        same_place = result.mapped_place(old.lane, old.step) == (new.lane, new.step)
        return bool(old.card["text"] == new.card["text"] or same_place)

    result.cards = match(a.cards_in_order(), b.cards_in_order(), by=by, keep=card_kept)

    def arrow_kept(connection_id: str) -> bool:
        old, new = a.connections[connection_id], b.connections[connection_id]
        ends = any(result.mapped_end(old[side]) == own_end(new[side]) for side in ("from", "to"))
        return ends or bool(old.get("label") and old.get("label") == new.get("label"))

    result.connections = match(
        [(c["id"], _ends_key(result.mapped_end(c["from"]), result.mapped_end(c["to"]))) for c in before["connections"]],
        [(c["id"], _ends_key(own_end(c["from"]), own_end(c["to"]))) for c in after["connections"]],
        by=by,
        keep=arrow_kept,
        by_name="ends",
    )
    return result


def _named(items: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    return [(item["id"], item["name"]) for item in items]


def _ends_key(start: tuple[str, str, str] | None, end: tuple[str, str, str] | None) -> str:
    """What an arrow is called for pairing by ends: both ends, or nothing (never pairs) when one is gone."""
    return "" if start is None or end is None else json.dumps([start, end])
