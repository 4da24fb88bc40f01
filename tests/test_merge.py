"""Three-way merge of two versions of a map: changes to different things all survive; a real
conflict keeps the file's side and is reported, never lost silently."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jmwidget import Journey, JourneyError
from jmwidget.model._merge import _MISSING, merge
from jmwidget.model._new_ids import separate_new_ids
from jmwidget.model._targets import flatten

from .test_properties import draw_op, start

TEXT_LANE = "Physical evidence"


def versions(template: str = "service-blueprint") -> tuple[Journey, Journey, Journey]:
    base = Journey.from_template(template)
    return base, base.copy(), base.copy()


def merged(base: Journey, mine: Journey, theirs: Journey) -> tuple[Journey, list[str]]:
    result = merge(base.to_dict(), mine.to_dict(), theirs.to_dict())
    return Journey.from_dict(result.document), [c.message for c in result.conflicts]


def test_edits_of_different_cells_both_survive() -> None:
    base, mine, theirs = versions()
    first, second = base.steps[0].id, base.steps[1].id
    mine.set_cell(TEXT_LANE, first, "mine")
    theirs.set_cell(TEXT_LANE, second, "theirs")
    result, conflicts = merged(base, mine, theirs)
    assert (result.get_cell(TEXT_LANE, first), result.get_cell(TEXT_LANE, second)) == ("mine", "theirs")
    assert conflicts == []


def test_the_same_cell_changed_on_both_sides_keeps_the_files_value_and_says_so() -> None:
    base, mine, theirs = versions()
    step = base.steps[2]
    mine.set_cell(TEXT_LANE, step.id, "mine")
    theirs.set_cell(TEXT_LANE, step.id, "theirs")
    result, conflicts = merged(base, mine, theirs)
    assert result.get_cell(TEXT_LANE, step.id) == "theirs"
    assert conflicts == [
        f"the cell {TEXT_LANE!r} x {step.name!r}: your change ('mine') was replaced by the file's ('theirs')"
    ]


def test_an_edit_in_a_step_deleted_in_the_file_is_reported() -> None:
    base, mine, theirs = versions()
    step = base.steps[4]
    mine.set_cell(TEXT_LANE, step.id, "edited")
    theirs.delete_step(step.id)
    result, conflicts = merged(base, mine, theirs)
    assert step.id not in {s.id for s in result.steps}
    assert conflicts == [
        f"the cell {TEXT_LANE!r} x {step.name!r}: your change was not kept; it was deleted in the file meanwhile"
    ]


def test_steps_and_cards_added_on_both_sides_all_survive_even_with_the_same_names() -> None:
    base, mine, theirs = versions()
    stage = base.stages[0].id
    mine_step = mine.add_step(stage, "Pay")
    theirs_step = theirs.add_step(stage, "Pay")
    assert mine_step == theirs_step  # ids come from names: the same id on both sides
    mine.set_cell(TEXT_LANE, mine_step, "mine")
    theirs.set_cell(TEXT_LANE, theirs_step, "theirs")
    cards = next(lane.name for lane in base.lanes if lane.kind == "cards")
    step = base.steps[0].id
    mine.add_card(cards, step, "card A")
    theirs.add_card(cards, step, "card B")
    result, conflicts = merged(base, mine, theirs)
    pays = [s for s in result.stages[0].steps if s.name == "Pay"]
    assert len(pays) == 2
    assert sorted(result.get_cell(TEXT_LANE, s.id) for s in pays) == ["mine", "theirs"]
    assert {"card A", "card B"} <= {card["text"] for card in result.cards(cards, step)}
    assert conflicts == []


def test_reordering_and_renaming_lanes_on_different_sides_both_survive() -> None:
    base, mine, theirs = versions("onboarding")
    first, last = base.lanes[0], base.lanes[-1]
    mine.move_lane(last.id, 0)
    theirs.rename_lane(first.id, "Renamed in the file")
    result, conflicts = merged(base, mine, theirs)
    assert result.lanes[0].id == last.id
    assert result.lane(first.id).name == "Renamed in the file"
    assert conflicts == []


def test_an_arrow_to_a_card_deleted_in_the_file_goes_and_is_reported() -> None:
    base, mine, theirs = versions()
    card = next(c for c in base.to_dict()["connections"] if "card" in c["to"])["to"]
    other = base.to_dict()["connections"][0]["from"]
    mine.add_connection((other["lane"], other["step"]), card["card"], label="new arrow")
    theirs.delete_card(card["card"])
    result, conflicts = merged(base, mine, theirs)
    assert all(c.label != "new arrow" for c in result.connections)
    assert any(message.startswith("connection") and "was deleted on the other side" in message for message in conflicts)


def _changed(b: dict[Any, Any], x: dict[Any, Any]) -> set[Any]:
    return {k for k in set(b) | set(x) if b.get(k, _MISSING) != x.get(k, _MISSING)}


def _apply_some(data: st.DataObject, journey: Journey) -> None:
    for _ in range(data.draw(st.integers(0, 6))):
        with contextlib.suppress(JourneyError):
            journey.apply(draw_op(data, journey.to_dict()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_on_two_sides_lose_nothing_that_did_not_conflict(data: st.DataObject) -> None:
    base = start(data)
    mine, theirs = base.copy(), base.copy()
    _apply_some(data, mine)
    _apply_some(data, theirs)
    b_doc, t_doc = base.to_dict(), theirs.to_dict()
    m_doc = separate_new_ids(b_doc, mine.to_dict(), t_doc)
    result = merge(b_doc, mine.to_dict(), t_doc)
    Journey.from_dict(result.document)  # valid
    b, m, t, r = flatten(b_doc), flatten(m_doc), flatten(t_doc), flatten(result.document)
    reported = {c.target for c in result.conflicts}
    for key in _changed(b, m) - reported:
        if key[0] != "list":
            assert r.get(key, _MISSING) == m.get(key, _MISSING), key  # mine's change is there
    for key in _changed(b, t):
        if key[0] != "list" and key not in reported:
            assert r.get(key, _MISSING) == t.get(key, _MISSING), key  # theirs' change is there
    if not result.mine_changed:
        assert result.document == t_doc
