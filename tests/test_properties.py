"""Random operation sequences: atomic, invertible, round-trippable."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jmwidget import Journey, JourneyError
from jmwidget.document import Recorder
from jmwidget.ops import perform

from .conftest import build_small

NAMES = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=0, max_size=12)
VALUES = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.integers(min_value=-3, max_value=8),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.lists(st.sampled_from(["Website", "Mobile app", "Branch", "Fax"]), max_size=3),
)


def _ids(doc: dict[str, Any]) -> dict[str, list[str]]:
    return {
        "stage": [s["id"] for s in doc["stages"]] + ["missing"],
        "step": [t["id"] for s in doc["stages"] for t in s["steps"]] + ["missing"],
        "lane": [lane["id"] for lane in doc["lanes"]] + ["missing"],
        "persona": [p["id"] for p in doc["personas"]],
        "card": [
            c["id"]
            for row in doc["cells"].values()
            for v in row.values()
            if isinstance(v, list)
            for c in v
            if isinstance(c, dict)
        ]
        + ["missing"],
    }


def draw_op(data: st.DataObject, doc: dict[str, Any]) -> dict[str, Any]:
    ids = _ids(doc)
    pick = lambda kind: data.draw(st.sampled_from(ids[kind]))  # noqa: E731
    index = data.draw(st.integers(min_value=0, max_value=6))
    kind = data.draw(
        st.sampled_from(
            [
                "set_cell", "set_cell", "set_cell", "add_stage", "rename_stage", "move_stage", "delete_stage",
                "add_step", "rename_step", "move_step", "delete_step", "add_lane", "edit_lane", "move_lane",
                "delete_lane", "add_card", "edit_card", "move_card", "delete_card", "edit_map", "add_persona",
                "delete_persona", "batch",
            ]
        )
    )  # fmt: skip
    if kind == "set_cell":
        op = {"op": kind, "lane": pick("lane"), "step": pick("step"), "value": data.draw(VALUES)}
        if data.draw(st.booleans()):
            op["persona"] = pick("persona")
        return op
    if kind == "add_stage":
        return {"op": kind, "stage": {"name": data.draw(NAMES), "steps": [{"name": data.draw(NAMES)}]}, "index": index}
    if kind in ("rename_stage", "rename_step"):
        target = kind.split("_")[1]
        return {"op": kind, target: pick(target), "name": data.draw(NAMES)}
    if kind == "move_stage":
        return {"op": kind, "stage": pick("stage"), "index": index}
    if kind in ("delete_stage", "delete_step", "delete_lane", "delete_card", "delete_persona"):
        target = kind.split("_")[1]
        return {"op": kind, target: pick(target)}
    if kind == "add_step":
        return {"op": kind, "stage": pick("stage"), "step": {"name": data.draw(NAMES)}, "index": index}
    if kind == "move_step":
        return {"op": kind, "step": pick("step"), "stage": pick("stage"), "index": index}
    if kind == "add_lane":
        lane_kind = data.draw(st.sampled_from(["text", "cards", "channels", "emotion", "metric"]))
        return {"op": kind, "lane": {"name": data.draw(NAMES), "kind": lane_kind}, "index": index}
    if kind == "edit_lane":
        return {"op": kind, "lane": pick("lane"), "fields": {"name": data.draw(NAMES)}}
    if kind == "move_lane":
        return {"op": kind, "lane": pick("lane"), "index": index}
    if kind == "add_card":
        impact = data.draw(st.sampled_from([None, "trivial", "abandons"]))
        return {
            "op": kind,
            "lane": pick("lane"),
            "step": pick("step"),
            "card": {"text": data.draw(NAMES), "impact": impact},
        }
    if kind == "edit_card":
        return {"op": kind, "card": pick("card"), "fields": {"text": data.draw(NAMES), "color": "green"}}
    if kind == "move_card":
        return {"op": kind, "card": pick("card"), "lane": pick("lane"), "step": pick("step"), "index": index % 2}
    if kind == "edit_map":
        low = data.draw(st.integers(min_value=-3, max_value=1))
        return {
            "op": kind,
            "fields": {"title": data.draw(NAMES), "emotion_scale": {"min": low, "max": 5, "neutral": 3}},
        }
    if kind == "add_persona":
        return {"op": kind, "persona": {"name": data.draw(NAMES)}}
    return {"op": "batch", "ops": [draw_op(data, doc), draw_op(data, doc)]}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_sequences_are_atomic_invertible_and_round_trip(data: st.DataObject) -> None:
    journey = build_small()
    original = journey.to_json()
    states = [original]  # the document after each change that entered the history
    for _ in range(data.draw(st.integers(min_value=1, max_value=12))):
        before = journey.to_json()
        op = draw_op(data, journey.to_dict())
        try:
            change = journey.apply(op)
        except JourneyError:
            # A refused operation leaves the document exactly as it was.
            assert journey.to_json() == before
            continue
        # Every accepted state is a valid document that survives JSON unchanged.
        assert Journey.from_json(journey.to_json()).to_json() == journey.to_json()
        if change is not None and change.patches:
            states.append(journey.to_json())
    # Undo walks back through every state to the original, redo forward again.
    for state in reversed(states[:-1]):
        journey.undo()
        assert journey.to_json() == state
    for state in states[1:]:
        journey.redo()
        assert journey.to_json() == state
    assert not journey.can_redo


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_patches_replayed_on_a_copy_give_the_same_document(data: st.DataObject) -> None:
    """What the browser does: apply the kernel's patches to its own copy."""
    journey = build_small()
    mirror = json.loads(journey.to_json())
    journey.observe(lambda change: Recorder(mirror).apply(change.patches))
    for _ in range(8):
        with contextlib.suppress(JourneyError):
            journey.apply(draw_op(data, journey.to_dict()))
    if journey.can_undo:
        journey.undo()
    assert mirror == journey.to_dict()


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_inverse_patches_restore_exactly(data: st.DataObject) -> None:
    journey = build_small()
    doc = journey.to_dict()
    before = json.dumps(doc, sort_keys=True)
    rec = Recorder(doc)
    with contextlib.suppress(JourneyError):
        perform(doc, rec, draw_op(data, doc))
    rec.rollback()
    assert json.dumps(doc, sort_keys=True) == before
