"""Service blueprints: zones and lines, connections, cascades, annotations.

Conflicts, documents and migration, and tables are in test_blueprint_documents.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from jmwidget import Journey, OperationError


def build_blueprint() -> Journey:
    """Two stages, three steps, a lane in every zone plus an emotion lane; a card in three cells."""
    j = Journey("Open a bank account", persona="Ana")
    j.add_stage("Apply", steps=["Fill form", "Upload ID"], id="apply")
    j.add_stage("Start", steps=["First login"], id="start")
    j.add_lane("Emotion", "emotion", id="emotion")
    j.add_lane("Evidence", "text", id="evidence", zone="evidence")
    j.add_lane("Customer", "text", id="customer", zone="customer")
    j.add_lane("Front", "cards", id="front", zone="frontstage")
    j.add_lane("Back", "cards", id="back", zone="backstage")
    j.add_lane("Support", "cards", id="support", zone="support")
    j.set_cell("customer", "fill-form", "Types name and address")
    j.add_card("front", "fill-form", "Form checks the postcode", id="form")
    j.add_card("back", "upload-id", "Agent reviews the ID photo", id="review")
    j.add_card("support", "upload-id", "ID check service", id="idcheck")
    return j


@pytest.fixture
def bp() -> Journey:
    return build_blueprint()


def unchanged(journey: Journey, before: str) -> None:
    assert journey.to_json() == before


# ---------------------------------------------------------------- zones and lines


def test_zones_lines_and_default_lane_places(bp: Journey) -> None:
    assert [lane.id for lane in bp.lanes] == ["emotion", "evidence", "customer", "front", "back", "support"]
    assert bp.zones == {
        "evidence": ("evidence",),
        "customer": ("customer",),
        "frontstage": ("front",),
        "backstage": ("back",),
        "support": ("support",),
    }
    assert bp.is_blueprint
    assert [(line.name, line.after_lane, line.before_lane) for line in bp.lines] == [
        ("Line of interaction", "customer", "front"),
        ("Line of visibility", "front", "back"),
        ("Line of internal interaction", "back", "support"),
    ]
    # A new zoned lane goes just above the first lane of a later zone; a plain lane at the end.
    bp.add_lane("Front 2", "text", id="front2", zone="frontstage")
    bp.add_lane("Notes", "text", id="notes")
    bp.add_lane("More support", "text", id="support2", zone="support")
    assert [lane.id for lane in bp.lanes][3:] == ["front", "front2", "back", "support", "notes", "support2"]
    assert bp.zones["frontstage"] == ("front", "front2")


def test_plain_journey_has_no_zones_or_lines() -> None:
    j = Journey.from_template("returns")
    assert not j.is_blueprint
    assert j.zones == {}
    assert j.lines == ()
    assert j.connections == ()


def test_lines_need_lanes_on_both_sides() -> None:
    j = Journey()
    j.add_lane("Customer", "text", zone="customer")
    assert j.lines == ()
    j.add_lane("Back", "text", zone="backstage")
    # Nothing frontstage: the customer / backstage boundary carries both upper lines.
    assert [line.id for line in j.lines] == ["interaction", "visibility"]


def test_zone_order_is_kept(bp: Journey) -> None:
    before = bp.to_json()
    with pytest.raises(OperationError, match=r"move_lane: lane 'Support' cannot move to position 1: .*zone order"):
        bp.move_lane("support", 1)
    with pytest.raises(OperationError, match=r"add_lane: lane 'Late' cannot go at position 0: lane 'Evidence'"):
        bp.add_lane("Late", "text", zone="backstage", index=0)
    with pytest.raises(OperationError, match=r"edit_lane: lane 'Customer' cannot be in zone 'support' here"):
        bp.set_zone("customer", "support")
    unchanged(bp, before)
    # Lanes without a zone move freely; moves inside one zone and zone changes that keep the order pass.
    bp.move_lane("emotion", 3)
    bp.move_lane("emotion", 0)
    bp.set_zone("customer", "evidence")
    assert bp.zones["evidence"] == ("evidence", "customer")
    bp.set_zone("customer", None)
    assert bp.lane("customer").zone is None
    bp.undo()
    bp.undo()
    bp.undo()
    bp.undo()
    unchanged(bp, before)


def test_unknown_zone_is_a_shape_error(bp: Journey) -> None:
    with pytest.raises(OperationError, match=r"add_lane: \$\.lane\.zone: 'kitchen' is not one of"):
        bp.add_lane("Kitchen", "text", zone="kitchen")


# ---------------------------------------------------------------- connections


def test_add_edit_delete_connection(bp: Journey) -> None:
    first = bp.add_connection("form", "review", label="sends the application")
    second = bp.add_connection(("Back", "Upload ID", "review"), ("support", "upload-id"))
    third = bp.add_connection(("customer", "Fill form"), {"lane": "front", "step": "fill-form", "card": "form"})
    assert [c.id for c in bp.connections] == [first, second, third]
    c = bp.connection("sends the application")
    assert (c.from_.lane, c.from_.step, c.from_.card) == ("front", "fill-form", "form")
    assert (c.to.lane, c.to.step, c.to.card) == ("back", "upload-id", "review")
    assert bp.connection(second).label is None
    assert bp.connection(third).from_.card is None
    bp.edit_connection(first, label="  forwards the form  ")
    assert bp.connection(first).label == "forwards the form"
    bp.edit_connection(first, label=None)
    assert "label" not in bp.to_dict()["connections"][0]
    bp.edit_connection(second, to=("support", "upload-id", "idcheck"))
    assert bp.connection(second).to.card == "idcheck"
    bp.delete_connection(third)
    assert len(bp.connections) == 2
    for _ in range(4):
        bp.undo()
    assert [c.label for c in bp.connections] == ["sends the application", None, None]


def test_connection_errors_leave_the_map_unchanged(bp: Journey) -> None:
    bp.add_connection("form", "review", id="link")
    before = bp.to_json()
    with pytest.raises(OperationError, match=r"add_connection: a connection cannot start and end at the same place"):
        bp.add_connection("form", "form")
    with pytest.raises(OperationError, match=r"add_connection: connection 'link' already goes from card 'form'"):
        bp.add_connection("form", ("back", "upload-id", "review"))
    with pytest.raises(OperationError, match=r"add_connection: to: card 'review' is in the cell 'Back' x 'Upload ID'"):
        bp.apply(
            {
                "op": "add_connection",
                "connection": {
                    "from": {"lane": "front", "step": "fill-form"},
                    "to": {"lane": "back", "step": "first-login", "card": "review"},
                },
            }
        )
    with pytest.raises(OperationError, match=r"add_connection: from: no step with id 'nowhere'"):
        bp.apply(
            {
                "op": "add_connection",
                "connection": {
                    "from": {"lane": "front", "step": "nowhere"},
                    "to": {"lane": "back", "step": "upload-id"},
                },
            }
        )
    with pytest.raises(OperationError, match=r"no card with id 'ghost'"):
        bp.add_connection("ghost", "form")
    with pytest.raises(OperationError, match=r"id 'form' is already used"):
        bp.add_connection(("customer", "fill-form"), "form", id="form")
    with pytest.raises(OperationError, match=r"no connection 'nope' \(the connections: ''\)"):
        bp.delete_connection("nope")
    with pytest.raises(OperationError, match=r"edit_connection: a connection cannot start and end at the same place"):
        bp.edit_connection("link", to="form")
    with pytest.raises(OperationError, match=r"add_connection: \$\.connection\.label: at most 500 characters, got 501"):
        bp.add_connection(("customer", "fill-form"), "review", label="x" * 501)
    with pytest.raises(OperationError, match=r"unknown field\(s\) colour"):
        bp.edit_connection("link", colour="red")
    # The reverse direction is a different dependency and is allowed.
    bp.add_connection("review", "form")
    bp.undo()
    unchanged(bp, before)


# ---------------------------------------------------------------- cascades


def _touching(bp: Journey) -> list[str]:
    return [
        bp.add_connection("form", "review", id="c1"),
        bp.add_connection("review", "idcheck", id="c2"),
        bp.add_connection(("customer", "fill-form"), ("customer", "first-login"), id="c3"),
    ]


@pytest.mark.parametrize(
    ("delete", "left"),
    [
        (lambda j: j.delete_step("upload-id"), ["c3"]),
        (lambda j: j.delete_step("first-login"), ["c1", "c2"]),
        (lambda j: j.delete_stage("apply"), []),
        (lambda j: j.delete_lane("back"), ["c3"]),
        (lambda j: j.delete_lane("customer"), ["c1", "c2"]),
        (lambda j: j.delete_card("review"), ["c3"]),
        (lambda j: j.delete_card("idcheck"), ["c1", "c3"]),
        (lambda j: j.set_cell("front", "fill-form", None), ["c2", "c3"]),
    ],
)
def test_deleting_what_a_connection_touches_deletes_it_and_undo_restores_it(
    bp: Journey, delete: Any, left: list[str]
) -> None:
    _touching(bp)
    bp.annotate("back", "upload-id", fail_point="ID photo too dark")
    before = bp.to_json()
    revision = bp.revision
    delete(bp)
    assert bp.revision == revision + 1  # one atomic change
    assert [c.id for c in bp.connections] == left
    assert Journey.from_json(bp.to_json()) == bp  # no dangling ends
    bp.undo()
    unchanged(bp, before)
    bp.redo()
    assert [c.id for c in bp.connections] == left


def test_deleting_a_step_or_lane_drops_its_cell_annotations(bp: Journey) -> None:
    bp.annotate("customer", "upload-id", wait_point="Waits for the upload")
    bp.annotate("customer", "fill-form", owner="Digital team")
    before = bp.to_json()
    bp.delete_step("upload-id")
    assert bp.to_dict()["annotations"]["customer"] == {"fill-form": {"owner": "Digital team"}}
    bp.delete_lane("customer")
    assert "customer" not in bp.to_dict()["annotations"]
    bp.undo()
    bp.undo()
    unchanged(bp, before)


def test_connections_follow_a_moved_card(bp: Journey) -> None:
    bp.add_connection("form", "review", id="c1")
    bp.annotate(card="review", owner="Back office")
    before = bp.to_json()
    bp.move_card("review", "back", "first-login")
    c = bp.connection("c1")
    assert (c.to.lane, c.to.step, c.to.card) == ("back", "first-login", "review")
    assert bp.annotation(card="review") == {"owner": "Back office"}
    assert Journey.from_json(bp.to_json()) == bp
    bp.undo()
    unchanged(bp, before)


# ---------------------------------------------------------------- annotations


def test_annotate_cells_and_cards(bp: Journey) -> None:
    bp.annotate(
        "customer",
        "Upload ID",
        fail_point="Upload fails on large photos",
        wait_point="Waits for the ID check",
        duration=(2, "days"),
        cost=(4.5, "EUR"),
        owner="Onboarding team",
    )
    # Cell values keep their shape; annotations live beside them, also on empty cells.
    assert bp.get_cell("customer", "upload-id") is None
    assert bp.annotation("customer", "upload-id") == {
        "fail_point": "Upload fails on large photos",
        "wait_point": "Waits for the ID check",
        "duration": {"value": 2, "unit": "days"},
        "cost": {"amount": 4.5, "currency": "EUR"},
        "owner": "Onboarding team",
    }
    bp.annotate(card="review", duration={"value": 90, "unit": "seconds"}, owner="Back office")
    assert bp.card("review")["annotations"] == {"duration": {"value": 90, "unit": "seconds"}, "owner": "Back office"}
    bp.annotate("customer", "upload-id", fail_point=None, cost=None)
    assert set(bp.annotation("customer", "upload-id")) == {"wait_point", "duration", "owner"}
    bp.annotate("customer", "upload-id", wait_point=None, duration=None, owner=None)
    assert bp.annotation("customer", "upload-id") == {}
    assert bp.to_dict()["annotations"]["customer"] == {}
    bp.annotate(card="review", duration=None, owner=None)
    assert "annotations" not in bp.card("review")
    # Clearing what is not there changes nothing and adds no history.
    revision = bp.revision
    bp.annotate("customer", "fill-form", owner=None)
    assert bp.revision == revision + 1
    assert bp.undo() is not None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"duration": (0, "minutes")}, r"at 'Customer' x 'Fill form': a duration must be a positive number, got 0"),
        ({"duration": (-5, "hours")}, r"a duration must be a positive number, got -5"),
        ({"duration": (5, "weeks")}, r"duration unit must be one of seconds, minutes, hours, days, got 'weeks'"),
        ({"duration": {"value": 5}}, r"a duration is \{'value': number, 'unit'"),
        ({"cost": (-1, "EUR")}, r"a cost amount must be a number of 0 or more, got -1"),
        ({"cost": (3, "euro")}, r"currency must be a 3-letter code like 'EUR' or 'USD', got 'euro'"),
        ({"cost": (3, "E1R")}, r"currency must be a 3-letter code like 'EUR' or 'USD', got 'E1R'"),
        ({"fail_point": "   "}, r"a fail point needs a non-empty note"),
        ({"wait_point": ""}, r"a wait point needs a non-empty note"),
        ({"owner": " "}, r"an owner needs a non-empty note"),
    ],
)
def test_bad_annotations_name_the_place_and_rule(bp: Journey, fields: dict[str, Any], message: str) -> None:
    bp.annotate("customer", "fill-form", owner="Digital team", fail_point="Postcode lookup times out")
    before = bp.to_json()
    with pytest.raises(OperationError, match=message):
        bp.annotate("customer", "fill-form", **fields)
    unchanged(bp, before)


def test_annotation_targets_must_exist(bp: Journey) -> None:
    before = bp.to_json()
    with pytest.raises(OperationError, match=r"set_annotation on card 'form' at 'Front' x 'Fill form': a fail point"):
        bp.annotate(card="form", fail_point="")
    with pytest.raises(OperationError, match=r"no card with id 'ghost'"):
        bp.annotate(card="ghost", owner="x")
    with pytest.raises(OperationError, match=r"set_annotation: name a cell \(lane and step\) or a card"):
        bp.apply({"op": "set_annotation", "lane": "customer", "fields": {"owner": "x"}})
    with pytest.raises(OperationError, match=r"card 'form' is in the cell 'Front' x 'Fill form', not the one named"):
        bp.apply({"op": "set_annotation", "card": "form", "lane": "back", "fields": {"owner": "x"}})
    with pytest.raises(OperationError, match=r"give at least one of fail_point"):
        bp.annotate("customer", "fill-form")
    with pytest.raises(OperationError, match=r"set_annotation: \$\.fields: unknown field"):
        bp.annotate("customer", "fill-form", colour="red")
    with pytest.raises(OperationError, match=r"no step 'Pay'"):
        bp.annotate("customer", "Pay", owner="x")
    unchanged(bp, before)


def test_deleted_card_takes_its_annotations(bp: Journey) -> None:
    bp.annotate(card="form", fail_point="Postcode list out of date")
    bp.delete_card("form")
    assert "fail_point" not in json.dumps(bp.to_dict())
    bp.undo()
    assert bp.annotation(card="form") == {"fail_point": "Postcode list out of date"}
