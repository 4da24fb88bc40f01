"""One side of a comparison: a document read once into the lookups the comparison needs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import JourneyError
from ..model._targets import Key, flatten
from ..model.formatting import display_text

if TYPE_CHECKING:
    from ..model import Journey

#: The target kinds that sit in one cell (lane, step): their keys name the lane and the step.
CELL_KINDS = ("cell", "emotion", "annotation")


@dataclass(frozen=True)
class CardPlace:
    """Where a card sits: its lane, its step, its index in the cell."""

    lane: str
    step: str
    index: int
    card: dict[str, Any]


class Side:
    """A document and what is looked up in it: items by id, steps' stages, cards' places, targets."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc
        self.table = flatten(dict(doc))
        self.stages = {s["id"]: s for s in doc["stages"]}
        self.steps = {t["id"]: t for s in doc["stages"] for t in s["steps"]}
        self.stage_of = {t["id"]: s["id"] for s in doc["stages"] for t in s["steps"]}
        self.lanes = {lane["id"]: lane for lane in doc["lanes"]}
        self.personas = {p["id"]: p for p in doc["personas"]}
        self.connections = {c["id"]: c for c in doc["connections"]}
        self.cards: dict[str, CardPlace] = {}
        for lane_id, row in doc["cells"].items():
            if self.lanes.get(lane_id, {}).get("kind") != "cards":
                continue
            for step_id, cards in row.items():
                for index, card in enumerate(cards):
                    self.cards[card["id"]] = CardPlace(lane_id, step_id, index, card)

    # ------------------------------------------------------------ reading

    def step_order(self) -> list[str]:
        return list(self.steps)

    def cell(self, lane_id: str, step_id: str) -> Any:
        return self.doc["cells"].get(lane_id, {}).get(step_id)

    def annotation(self, lane_id: str, step_id: str) -> dict[str, Any]:
        note: dict[str, Any] = self.doc.get("annotations", {}).get(lane_id, {}).get(step_id) or {}
        return note

    def cards_in(self, lane_id: str, step_id: str) -> list[str]:
        return [card["id"] for card in self.cell(lane_id, step_id) or []]

    def cards_in_order(self) -> list[tuple[str, str]]:
        """Every card as (id, text), in map order: step by step, lanes top to bottom."""
        out = []
        for step_id in self.steps:
            for lane_id, lane in self.lanes.items():
                if lane["kind"] == "cards":
                    out += [(card["id"], card["text"]) for card in self.cell(lane_id, step_id) or []]
        return out

    # ------------------------------------------------------------ names for people

    def name(self, kind: str, item_id: str | None) -> str:
        """The display name of a stage, step, lane or persona (the id when it is missing)."""
        if item_id is None:
            return ""
        table = {"stage": self.stages, "step": self.steps, "lane": self.lanes, "persona": self.personas}[kind]
        return display_text(table[item_id]["name"]) if item_id in table else item_id

    def place(self, lane_id: str, step_id: str) -> str:
        """``"Lane, Step"``."""
        return f"{self.name('lane', lane_id)}, {self.name('step', step_id)}"

    def end(self, end: Mapping[str, Any]) -> str:
        """A connection end as the widget names it: ``"Lane, Step"`` or ``"card text (Lane, Step)"``."""
        where = self.place(end["lane"], end["step"])
        card = self.cards.get(end.get("card") or "")
        return f"{display_text(card.card['text'])} ({where})" if card else where

    def arrow(self, connection: Mapping[str, Any]) -> str:
        """``"from → to"``, with the label after it when there is one."""
        text = f"{self.end(connection['from'])} → {self.end(connection['to'])}"
        label = connection.get("label")
        return f"{text} ({display_text(label)})" if label else text

    # ------------------------------------------------------------ targets

    def keys_in(self, *, lane: str | None = None, step: str | None = None, persona: str | None = None) -> set[Key]:
        """The cell-level targets (cells, emotion values, annotations, card lists) of a lane, a step
        or a persona."""
        return set(self._keys_in(lane, step, persona))

    def _keys_in(self, lane: str | None, step: str | None, persona: str | None) -> Iterator[Key]:
        for key in self.table:
            if key[0] in CELL_KINDS:
                lane_id, step_id = key[1], key[2]
                who = key[3] if key[0] == "emotion" else None
            elif key[:2] == ("list", "cards"):
                lane_id, step_id, who = key[2], key[3], None
            else:
                continue
            wanted = {lane_id, step_id} & {lane, step} - {None}
            if wanted or (persona is not None and who == persona):
                yield key


def document(journey: Journey | Mapping[str, Any]) -> Mapping[str, Any]:
    """A copy of the document of a journey, or of a document dict (upgraded and checked)."""
    if isinstance(journey, Mapping):
        from ..model import Journey

        return Journey.from_dict(journey).document
    to_dict = getattr(journey, "to_dict", None)
    if not callable(to_dict):
        raise JourneyError(f"compare() takes two jmwidget.Journey objects or documents, got {type(journey).__name__}")
    doc: Mapping[str, Any] = to_dict()
    return doc
