"""Ids kept during a table update (``id_batch``) are those a rescan would give; remembered places stay right."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jmwidget import Journey, OperationError
from jmwidget.model._lookups import find_card, find_step, id_batch

KINDS = ["add_card", "add_card_id", "add_card_at_99", "delete_card", "move_card", "clear_cell", "add_stage"]
KINDS += ["delete_step", "connect"]


def base_map() -> Journey:
    j = Journey("Ids", persona="Ana")
    j.add_stage("Card", steps=["Card", "Pay", "card 3"])
    j.add_lane("Pains", "cards")
    j.add_lane("Ideas", "cards")
    for step in j.steps:
        j.add_card("Pains", step.id, "one")
        j.add_card("Ideas", step.id, "two")
    return j


def act(journey: Journey, kind: str, a: int, b: int) -> None:
    """One operation picked by ``kind`` and two numbers (resolved against the map as it is now)."""
    doc = journey.document
    steps = [step.id for step in journey.steps]
    lanes = [lane.id for lane in journey.lanes]
    cards = [c["id"] for lane in lanes for cell in doc["cells"][lane].values() for c in cell]
    if kind.startswith("add_card") and steps:
        card = {"text": "new"} | ({"id": f"card-{a % 9 + 1}"} if kind == "add_card_id" else {})
        at = {"index": 99} if kind == "add_card_at_99" else {}  # refused after its id was chosen
        journey.apply({"op": "add_card", "lane": lanes[a % 2], "step": steps[b % len(steps)], "card": card} | at)
    elif kind == "delete_card" and cards:
        journey.apply({"op": "delete_card", "card": cards[a % len(cards)]})
    elif kind == "move_card" and cards:
        op = {"op": "move_card", "card": cards[a % len(cards)], "lane": lanes[b % 2], "step": steps[a % len(steps)]}
        journey.apply(op | {"index": 0})
    elif kind == "clear_cell" and steps:
        journey.apply({"op": "set_cell", "lane": lanes[a % 2], "step": steps[b % len(steps)], "value": None})
    elif kind == "add_stage":
        journey.apply({"op": "add_stage", "stage": {"name": "Card", "steps": [{"name": "card"}] * (a % 3)}})
    elif kind == "delete_step" and steps:
        journey.apply({"op": "delete_step", "step": steps[a % len(steps)]})
    elif kind == "connect" and len(cards) > 1:
        ends = [journey.card(cards[i % len(cards)]) for i in (a, b)]
        connection = {
            side: {"lane": e["lane"], "step": e["step"], "card": e["id"]}
            for side, e in zip(("from", "to"), ends, strict=True)
        }
        journey.apply({"op": "add_connection", "connection": connection})


def run(journey: Journey, actions: list[tuple[str, int, int]], *, batch: bool) -> None:
    with journey.transaction(), id_batch(journey.document) if batch else contextlib.nullcontext():  # type: ignore[arg-type]
        for kind, a, b in actions:
            with contextlib.suppress(OperationError):
                act(journey, kind, a, b)


ACTIONS = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 50), st.integers(0, 50)), max_size=40)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_ids_in_a_batch_are_those_of_a_rescan(actions: list[tuple[str, int, int]]) -> None:
    kept, rescanned = base_map(), base_map()
    run(kept, actions, batch=True)
    run(rescanned, actions, batch=False)
    assert kept.to_dict() == rescanned.to_dict()
    doc = kept.document
    for si, stage in enumerate(doc["stages"]):
        for ti, step in enumerate(stage["steps"]):
            assert find_step(doc, step["id"]) == (si, ti)  # type: ignore[arg-type]
    for lane_id, row in doc["cells"].items():
        for step_id, cards in row.items():
            for index, card in enumerate(cards):
                assert find_card(doc, card["id"]) == (lane_id, step_id, index)  # type: ignore[arg-type]


def test_a_freed_id_is_given_again_as_before() -> None:
    for batch in (True, False):
        j = base_map()
        run(j, [("delete_card", 2, 0), ("add_card", 0, 1), ("add_card", 0, 1)], batch=batch)
        assert [c["id"] for c in j.cards("pains", "pay")] == ["card-6", "card-8", "card-10"]  # card-8 was freed


def test_an_id_chosen_for_a_refused_operation_is_chosen_again() -> None:
    for batch in (True, False):
        j = base_map()
        run(j, [("add_card_at_99", 0, 0), ("add_card", 0, 0)], batch=batch)
        assert [c["id"] for c in j.cards("pains", j.steps[0].id)] == ["card-4", "card-10"]


def test_places_are_checked_so_a_moved_step_or_card_is_still_found(small: Journey) -> None:
    doc: Any = small.document
    assert find_step(doc, "fill-form") == (1, 0)
    small.move_step("fill-form", 0, stage="discover")
    assert find_step(doc, "fill-form") == (0, 0)
    (card,) = small.cards("pains", "fill-form")
    small.add_card("pains", "fill-form", "first", index=0)
    assert find_card(doc, card["id"]) == ("pains", "fill-form", 1)
    small.delete_step("fill-form")
    with pytest.raises(OperationError, match="no step"):
        find_step(doc, "fill-form")
    with pytest.raises(OperationError, match="no card"):
        find_card(doc, card["id"])


def test_replacing_cards_from_a_table_keeps_the_ids_of_before(small: Journey) -> None:
    small.add_card("pains", "see-advert", "a")
    small.add_card("pains", "see-advert", "b")
    update: Callable[..., None] = small.update_from_pandas
    update(pd.DataFrame({"step": ["see-advert", "fill-form"], "Pain points": ["c; d; e", "f"]}))
    ids = {step: [c["id"] for c in small.cards("pains", step)] for step in ("see-advert", "fill-form")}
    assert ids == {"see-advert": ["card-2", "card-3", "card-4"], "fill-form": ["card"]}
