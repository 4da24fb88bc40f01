"""The template lock: Journey.lock/unlock, refusals from every path (operations, transactions,
undo, redo), the lock in the file, and templates from a path or a folder."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import jmwidget
from jmwidget import DocumentError, Journey, JourneyError, JourneyFileError, LockedError, OperationError
from jmwidget.model import Lock

from .conftest import build_small
from .test_properties import draw_op, start

STRUCTURE = "the map's structure is locked by its template; only cells can be filled (unlock() to change it)"


def structure_of(doc: dict[str, Any]) -> Any:
    """What the structure lock keeps: stages, steps, lanes, personas, scale, channels, which bindings."""
    bindings = [{k: v for k, v in b.items() if k != "last"} for b in doc.get("bindings") or ()]
    return [doc["stages"], doc["lanes"], doc["personas"], doc["emotion_scale"], doc["channels"], bindings]


def lane_of(doc: dict[str, Any], lane_id: str) -> Any:
    """What a lane lock keeps: the lane's settings, cells, cell annotations and bindings."""
    lane = next(lane for lane in doc["lanes"] if lane["id"] == lane_id)
    bindings = [{k: v for k, v in b.items() if k != "last"} for b in doc.get("bindings") or () if b["lane"] == lane_id]
    return [lane, doc["cells"].get(lane_id), doc["annotations"].get(lane_id), bindings]


# ---------------------------------------------------------------- lock and unlock


def test_lock_alone_locks_the_structure_and_is_stored_in_the_document(small: Journey) -> None:
    assert not small.locked
    small.lock()
    assert small.locked == Lock(structure=True)
    assert small.to_dict()["lock"] == {"structure": True}
    assert Journey.from_json(small.to_json()).locked == Lock(structure=True)


def test_locks_add_up_and_unlock_takes_parts_off(small: Journey) -> None:
    small.lock(lanes=["Actions"])
    assert small.locked == Lock(structure=False, lanes=("actions",))
    small.lock(structure=True, lanes=["pains"])
    assert small.locked == Lock(structure=True, lanes=("actions", "pains"))
    small.unlock(lanes=["actions"])
    assert small.locked == Lock(structure=True, lanes=("pains",))
    small.unlock(structure=True)
    assert small.to_dict()["lock"] == {"lanes": ["pains"]}
    small.unlock()
    assert "lock" not in small.to_dict()
    assert not small.locked


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda j: j.lock(lanes=["Nope"]), "no lane 'Nope'"),
        (lambda j: j.lock(lanes="actions"), "lanes is a list of lane ids or names"),
        (lambda j: j.lock(structure="yes"), "structure is True or False"),
        (lambda j: j.unlock(lanes=["actions"]), "lanes 'actions' are not locked"),
    ],
)
def test_bad_lock_arguments_are_refused_and_change_nothing(small: Journey, call: Any, message: str) -> None:
    before, rev = small.to_json(), small.revision
    with pytest.raises(OperationError, match=message):
        call(small)
    assert small.to_json() == before
    assert small.revision == rev


def test_lock_is_a_change_views_see_but_not_an_undo_entry(small: Journey) -> None:
    small = small.copy()  # no history
    seen: list[Any] = []
    small.observe(seen.append)
    small.set_cell("actions", "fill-form", "Types")
    small.lock()
    assert [c.label for c in seen] == ["set_cell", "lock"]
    assert seen[-1].patches == [{"op": "set", "path": ["lock"], "value": {"structure": True}}]
    small.undo()  # undoes the cell edit, not the lock
    assert small.get_cell("actions", "fill-form") is None
    assert small.locked.structure
    assert not small.can_undo


def test_a_lock_naming_a_missing_lane_is_an_invalid_document(small: Journey) -> None:
    doc = small.to_dict()
    doc["lock"] = {"lanes": ["gone"]}
    with pytest.raises(DocumentError, match=r"\$\.lock\.lanes\[0\]: no lane with id 'gone'"):
        Journey.from_dict(doc)
    doc["lock"] = {}
    with pytest.raises(DocumentError):
        Journey.from_dict(doc)


def test_lock_inside_a_transaction_is_refused(small: Journey) -> None:
    with pytest.raises(JourneyError, match="outside a transaction"), small.transaction():
        small.lock()


# ---------------------------------------------------------------- what a structure lock refuses


STRUCTURAL_CALLS = {
    "add_stage": lambda j: j.add_stage("New"),
    "rename_stage": lambda j: j.rename_stage("discover", "Find"),
    "move_stage": lambda j: j.move_stage("apply", 0),
    "delete_stage": lambda j: j.delete_stage("apply"),
    "add_step": lambda j: j.add_step("apply", "Sign"),
    "rename_step": lambda j: j.rename_step("fill-form", "Fill"),
    "move_step": lambda j: j.move_step("fill-form", 0, stage="discover"),
    "delete_step": lambda j: j.delete_step("fill-form"),
    "add_lane": lambda j: j.add_lane("Thoughts"),
    "edit_lane": lambda j: j.edit_lane("actions", description="What they do"),
    "move_lane": lambda j: j.move_lane("pains", 0),
    "delete_lane": lambda j: j.delete_lane("actions"),
    "add_persona": lambda j: j.add_persona("Cy"),
    "edit_persona": lambda j: j.edit_persona("Bo", role="Teacher"),
    "delete_persona": lambda j: j.delete_persona("Bo"),
    "edit_map (emotion_scale)": lambda j: j.edit(emotion_scale=(-3, 3, 0)),
    "edit_map (channels)": lambda j: j.edit(channels=["Website", "Mobile app", "Branch", "Phone"]),
}


@pytest.mark.parametrize("name", list(STRUCTURAL_CALLS))
def test_structure_lock_refuses_every_structural_operation(small: Journey, name: str) -> None:
    small.lock()
    before, rev = small.to_json(), small.revision
    with pytest.raises(LockedError) as info:
        STRUCTURAL_CALLS[name](small)
    assert str(info.value) == f"{name}: {STRUCTURE}"
    assert small.to_json() == before
    assert small.revision == rev


def test_structure_lock_leaves_cells_cards_annotations_arrows_and_map_text_free(small: Journey) -> None:
    small.lock()
    small.set_cell("actions", "compare-banks", "Reads reviews")
    small.set_cell("emotion", "compare-banks", 3, persona="Bo")
    small.set_cell("conversion", "see-advert", 10)
    small.set_cell("channels", "fill-form", ["Branch"])
    card = small.add_card("pains", "see-advert", "Small print")
    small.edit_card(card, text="Tiny print")
    small.move_card(card, "pains", "compare-banks")
    small.annotate("actions", "fill-form", fail_point="Times out")
    small.add_connection(("actions", "see-advert"), card)
    small.edit(title="Ana's map", description="Mine", scenario="Spring", state="future")
    small.delete_card(card)
    assert small.title == "Ana's map"
    assert small.locked.structure


def test_batches_and_transactions_are_refused_whole(small: Journey) -> None:
    small.lock()
    before = small.to_json()
    batch = {"op": "batch", "ops": [{"op": "set_cell", "lane": "actions", "step": "fill-form", "value": "x"}]}
    batch["ops"].append({"op": "delete_step", "step": "fill-form"})
    with pytest.raises(LockedError, match=r"batch item 1: delete_step: the map's structure is locked"):
        small.apply(batch)
    assert small.to_json() == before

    def both() -> None:
        with small.transaction():
            small.set_cell("actions", "fill-form", "x")
            small.add_lane("Thoughts")

    with pytest.raises(LockedError):
        both()
    assert small.to_json() == before


def test_a_refused_operation_caught_inside_a_transaction_leaves_nothing_behind(small: Journey) -> None:
    small.lock(lanes=["actions"])
    with small.transaction():
        small.set_cell("pains", "fill-form", None)
        with pytest.raises(LockedError):
            small.delete_step("see-advert")  # deletes cells of other lanes first, then meets the lock
    doc = small.to_dict()
    assert "see-advert" in doc["cells"]["emotion"]
    assert small.get_cell("pains", "fill-form") is None


# ---------------------------------------------------------------- lanes


def test_lane_lock_refuses_the_lanes_cells_settings_and_position(small: Journey) -> None:
    small.lock(lanes=["Actions", "Pain points"])
    before = small.to_json()
    card = small.cards("pains", "fill-form")[0]["id"]
    calls = [
        lambda: small.set_cell("actions", "see-advert", "Other"),
        lambda: small.set_cell("actions", "fill-form", "New"),
        lambda: small.edit_lane("actions", name="Doing"),
        lambda: small.move_lane("actions", 3),
        lambda: small.delete_lane("actions"),
        lambda: small.annotate("actions", "see-advert", owner="Me"),
        lambda: small.add_card("pains", "see-advert", "More"),
        lambda: small.edit_card(card, text="Edited"),
        lambda: small.delete_card(card),
        lambda: small.delete_step("see-advert"),  # would drop the locked lane's cell there
    ]
    for call in calls:
        with pytest.raises(LockedError, match=r"lane '(Actions|Pain points)' is locked by its template"):
            call()
        assert small.to_json() == before
    small.set_cell("emotion", "see-advert", 2)  # other lanes stay free
    small.add_stage("Use", steps=["Log in"])  # and so does the structure
    small.set_cell("conversion", "log-in", 5)


def test_moving_a_card_out_of_or_into_a_locked_lane_is_refused(small: Journey) -> None:
    notes = small.add_lane("Notes", "cards", id="notes")
    mine = small.add_card(notes, "see-advert", "Mine")
    theirs = small.cards("pains", "fill-form")[0]["id"]
    small.lock(lanes=["pains"])
    with pytest.raises(LockedError):
        small.move_card(mine, "pains", "see-advert")
    with pytest.raises(LockedError):
        small.move_card(theirs, notes, "see-advert")
    small.move_card(mine, notes, "fill-form")


# ---------------------------------------------------------------- undo and redo


def test_undo_does_not_cross_the_lock_and_works_again_after_unlock(small: Journey) -> None:
    step = small.add_step("apply", "Sign")
    small.lock()
    small.set_cell("actions", step, "Signs")
    small.undo()  # the cell edit made under the lock: fine
    before = small.to_json()
    with pytest.raises(LockedError, match=r"^undo of 'add_step': this would change the map's stages and steps: "):
        small.undo()
    assert small.to_json() == before
    assert small.can_undo  # still there
    small.unlock()
    small.undo()
    assert step not in [s.id for s in small.steps]


def test_redo_of_a_structural_edit_is_refused_under_the_lock(small: Journey) -> None:
    step = small.add_step("apply", "Sign")
    small.undo()
    small.lock()
    with pytest.raises(LockedError, match=r"^redo of 'add_step'"):
        small.redo()
    assert step not in [s.id for s in small.steps]
    assert small.can_redo


def test_undo_of_a_locked_lanes_cell_is_refused(small: Journey) -> None:
    small.set_cell("actions", "fill-form", "Types")
    small.lock(lanes=["actions"])
    with pytest.raises(LockedError, match=r"^undo of 'set_cell': lane 'Actions' is locked"):
        small.undo()
    assert small.get_cell("actions", "fill-form") == "Types"


# ---------------------------------------------------------------- random sequences


def draw_lock(data: st.DataObject, journey: Journey) -> None:
    lane_ids = [lane.id for lane in journey.lanes]
    lanes = data.draw(st.lists(st.sampled_from(lane_ids), unique=True, max_size=3)) if lane_ids else []
    structure = data.draw(st.booleans()) or not lanes
    journey.lock(structure=structure, lanes=lanes)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_undo_and_redo_never_change_what_is_locked(data: st.DataObject) -> None:
    journey = start(data).copy()  # no history from building it
    original = journey.to_json()
    for _ in range(data.draw(st.integers(min_value=0, max_value=5))):  # a history from before the lock
        with contextlib.suppress(JourneyError):
            journey.apply(draw_op(data, journey.to_dict()))
    if data.draw(st.booleans()):
        journey.undo()  # something to redo
    draw_lock(data, journey)
    lock = journey.locked
    kept = journey.to_dict()
    for _ in range(data.draw(st.integers(min_value=1, max_value=15))):
        action = data.draw(st.sampled_from(["op", "op", "op", "undo", "redo"]))
        before = journey.to_json()
        try:
            if action == "op":
                journey.apply(draw_op(data, journey.to_dict()))
            else:
                getattr(journey, action)()
        except JourneyError as exc:
            event(f"refused: {type(exc).__name__}")
            assert journey.to_json() == before
            continue
        doc = journey.to_dict()
        if lock.structure:
            assert structure_of(doc) == structure_of(kept)
        for lane_id in lock.lanes:
            assert lane_of(doc, lane_id) == lane_of(kept, lane_id)
        assert journey.locked == lock
    # Unlocked, the whole history (before and during the lock) undoes back to the start.
    journey.unlock()
    while journey.can_undo:
        journey.undo()
    assert journey.to_json() == original


# ---------------------------------------------------------------- templates: files and folders


def test_a_locked_template_saved_and_opened_from_its_path_stays_locked(tmp_path: Path) -> None:
    teacher = build_small()
    teacher.lock(lanes=["actions"])
    teacher.lock()
    path = teacher.save(tmp_path / "bank.json")
    student = Journey.from_template(path)
    assert student == teacher
    assert Journey.from_template(str(path)).locked == Lock(structure=True, lanes=("actions",))
    with pytest.raises(LockedError):
        student.add_step("apply", "Sign")
    student.set_cell("emotion", "see-advert", 1)
    assert Journey.load(path).get_cell("emotion", "see-advert") == 4  # the template file is not changed


def test_from_template_names_still_work_and_unknown_ones_list_the_names() -> None:
    assert Journey.from_template("blank").title == "Untitled journey map"
    with pytest.raises(JourneyError, match=r"no template 'no-such'; the templates are: .*blank.*path of a map file"):
        Journey.from_template("no-such")
    with pytest.raises(JourneyFileError):
        Journey.from_template(Path("no-such.json"))


def test_templates_of_a_folder_lists_its_maps_only(tmp_path: Path) -> None:
    build_small().save(tmp_path / "b-bank.json")
    Journey.from_template("onboarding").save(tmp_path / "a-onboarding.json")
    (tmp_path / "notes.json").write_text(json.dumps({"hello": 1}), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "table.csv").write_text("step,value\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    build_small().save(tmp_path / "sub" / "deeper.json")
    found = jmwidget.templates(tmp_path)
    assert found == [tmp_path / "a-onboarding.json", tmp_path / "b-bank.json"]
    assert Journey.from_template(found[1]) == build_small()
    assert jmwidget.templates() == jmwidget.model.template_names()


def test_templates_of_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(JourneyFileError, match="is not a folder"):
        jmwidget.templates(tmp_path / "missing")
