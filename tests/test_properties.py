"""Random operation sequences: atomic, invertible, round-trippable."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from jmwidget import Journey, JourneyError
from jmwidget.model._ops import perform
from jmwidget.model._patches import Recorder

from .conftest import build_small
from .test_blueprint import build_blueprint

NAMES = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=0, max_size=12)
VALUES = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.integers(min_value=-3, max_value=8),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.lists(st.sampled_from(["Website", "Mobile app", "Branch", "Fax"]), max_size=3),
    # Evidence behind an emotion or metric value, valid or not (low above the value, n < 0, ...).
    st.dictionaries(
        st.sampled_from(["value", "n", "sd", "low", "high", "mean"]),
        st.one_of(st.integers(min_value=-3, max_value=8), st.floats(allow_nan=False, width=32)),
        max_size=4,
    ),
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
        "connection": [c["id"] for c in doc["connections"]] + ["missing"],
    }


ZONES = st.sampled_from([None, "evidence", "customer", "frontstage", "backstage", "support"])
ANNOTATION_VALUES = {
    "fail_point": st.one_of(st.none(), NAMES),
    "wait_point": st.one_of(st.none(), NAMES),
    "owner": st.one_of(st.none(), NAMES),
    "duration": st.one_of(
        st.none(),
        st.fixed_dictionaries(
            {
                "value": st.integers(min_value=-1, max_value=90),
                "unit": st.sampled_from(["seconds", "minutes", "hours", "days", "weeks"]),
            }
        ),
    ),
    "cost": st.one_of(
        st.none(),
        st.fixed_dictionaries(
            {"amount": st.floats(min_value=-1, max_value=100), "currency": st.sampled_from(["EUR", "USD", "eur"])}
        ),
    ),
}


def start(data: st.DataObject) -> Journey:
    """The map a sequence starts from: the small journey, or a blueprint with connections and annotations."""
    if data.draw(st.booleans()):
        return build_small()
    journey = build_blueprint()
    journey.add_connection("form", "review", label="sends the form", id="c1")
    journey.add_connection("review", ("support", "upload-id"), id="c2")
    journey.add_connection(("customer", "fill-form"), "form", id="c3")
    journey.annotate("customer", "fill-form", fail_point="Postcode lookup fails", duration=(3, "minutes"))
    journey.annotate(card="review", owner="Back office", cost=(2.5, "EUR"))
    return journey


def draw_endpoint(data: st.DataObject, doc: dict[str, Any]) -> dict[str, Any]:
    """A connection end: mostly real cells and cards (sometimes in the wrong cell), now and then missing ones."""
    ids = _ids(doc)
    cards = [
        {"lane": lane_id, "step": step_id, "card": card["id"]}
        for lane_id, row in doc["cells"].items()
        for step_id, value in row.items()
        if isinstance(value, list)
        for card in value
        if isinstance(card, dict)
    ]
    cell = {"lane": data.draw(st.sampled_from(ids["lane"])), "step": data.draw(st.sampled_from(ids["step"]))}
    if cards and data.draw(st.booleans()):
        end = data.draw(st.sampled_from(cards))
        return {**end, **cell} if data.draw(st.integers(0, 5)) == 0 else end
    return cell


BLUEPRINT_OPS = ("edit_lane_zone", "add_connection", "edit_connection", "delete_connection", "set_annotation")


def draw_blueprint_op(data: st.DataObject, doc: dict[str, Any], kind: str) -> dict[str, Any]:
    """Zone changes, connections and annotations (some valid, some not)."""
    ids = _ids(doc)
    pick = lambda kind: data.draw(st.sampled_from(ids[kind]))  # noqa: E731
    if kind == "edit_lane_zone":
        return {"op": "edit_lane", "lane": pick("lane"), "fields": {"zone": data.draw(ZONES)}}
    if kind == "add_connection":
        connection = {"from": draw_endpoint(data, doc), "to": draw_endpoint(data, doc)}
        if data.draw(st.booleans()):
            connection["label"] = data.draw(NAMES)
        return {"op": kind, "connection": connection}
    if kind == "edit_connection":
        fields: dict[str, Any] = {"label": data.draw(st.one_of(st.none(), NAMES))}
        if data.draw(st.booleans()):
            fields[data.draw(st.sampled_from(["from", "to"]))] = draw_endpoint(data, doc)
        return {"op": kind, "connection": pick("connection"), "fields": fields}
    if kind == "delete_connection":
        return {"op": kind, "connection": pick("connection")}
    if kind == "set_annotation":
        keys = data.draw(st.lists(st.sampled_from(sorted(ANNOTATION_VALUES)), min_size=1, max_size=3, unique=True))
        op = {"op": kind, "fields": {key: data.draw(ANNOTATION_VALUES[key]) for key in keys}}
        if data.draw(st.booleans()):
            op["card"] = pick("card")
        else:
            op.update(lane=pick("lane"), step=pick("step"))
        return op
    raise AssertionError(kind)


OP_KINDS = [
    "set_cell", "set_cell", "set_cell", "add_stage", "rename_stage", "move_stage", "delete_stage",
    "add_step", "rename_step", "move_step", "delete_step", "add_lane", "edit_lane", "move_lane",
    "delete_lane", "add_card", "edit_card", "move_card", "delete_card", "edit_map", "add_persona",
    "delete_persona", "batch", "add_connection", "add_connection", "edit_connection",
    "delete_connection", "set_annotation", "set_annotation", "edit_lane_zone",
]  # fmt: skip


def draw_op(data: st.DataObject, doc: dict[str, Any]) -> dict[str, Any]:
    """One operation, valid or not, on the ids of ``doc`` (and some missing ones)."""
    ids = _ids(doc)
    pick = lambda kind: data.draw(st.sampled_from(ids[kind]))  # noqa: E731
    index = data.draw(st.integers(min_value=0, max_value=6))
    kind = data.draw(st.sampled_from(OP_KINDS))
    if kind == "set_cell":
        op = {"op": kind, "lane": pick("lane"), "step": pick("step"), "value": data.draw(VALUES)}
        if data.draw(st.booleans()):
            op["persona"] = pick("persona")
        return op
    if kind in ("delete_stage", "delete_step", "delete_lane", "delete_card", "delete_persona"):
        target = kind.split("_")[1]
        return {"op": kind, target: pick(target)}
    if kind in BLUEPRINT_OPS:
        return draw_blueprint_op(data, doc, kind)
    if kind == "batch":
        return {"op": "batch", "ops": [draw_op(data, doc), draw_op(data, doc)]}
    for draw in (_draw_column_op, _draw_lane_op, _draw_content_op):
        op = draw(data, kind, pick, index)
        if op is not None:
            return op
    raise AssertionError(f"no drawer for {kind}")


def _draw_column_op(data: st.DataObject, kind: str, pick: Any, index: int) -> dict[str, Any] | None:
    """Stages and steps."""
    if kind == "add_stage":
        return {"op": kind, "stage": {"name": data.draw(NAMES), "steps": [{"name": data.draw(NAMES)}]}, "index": index}
    if kind in ("rename_stage", "rename_step"):
        target = kind.split("_")[1]
        return {"op": kind, target: pick(target), "name": data.draw(NAMES)}
    if kind == "move_stage":
        return {"op": kind, "stage": pick("stage"), "index": index}
    if kind == "add_step":
        return {"op": kind, "stage": pick("stage"), "step": {"name": data.draw(NAMES)}, "index": index}
    if kind == "move_step":
        return {"op": kind, "step": pick("step"), "stage": pick("stage"), "index": index}
    return None


def _draw_lane_op(data: st.DataObject, kind: str, pick: Any, index: int) -> dict[str, Any] | None:
    """Lanes."""
    if kind == "add_lane":
        lane_kind = data.draw(st.sampled_from(["text", "cards", "channels", "emotion", "metric"]))
        lane: dict[str, Any] = {"name": data.draw(NAMES), "kind": lane_kind}
        zone = data.draw(ZONES)
        if zone is not None:
            lane["zone"] = zone
        op = {"op": kind, "lane": lane}
        if zone is None or data.draw(st.booleans()):
            op["index"] = index
        return op
    if kind == "edit_lane":
        return {"op": kind, "lane": pick("lane"), "fields": {"name": data.draw(NAMES)}}
    if kind == "move_lane":
        return {"op": kind, "lane": pick("lane"), "index": index}
    return None


def _draw_content_op(data: st.DataObject, kind: str, pick: Any, index: int) -> dict[str, Any] | None:
    """Cards, map fields and personas."""
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
    return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_sequences_are_atomic_invertible_and_round_trip(data: st.DataObject) -> None:
    journey = start(data)
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
        event(f"accepted {op['op']}")
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
    journey = start(data)
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
    journey = start(data)
    doc = journey.to_dict()
    before = json.dumps(doc, sort_keys=True)
    rec = Recorder(doc)
    with contextlib.suppress(JourneyError):
        perform(doc, rec, draw_op(data, doc))
    rec.rollback()
    assert json.dumps(doc, sort_keys=True) == before
