"""The widget's view traits: the journey/blueprint view and the highlights list."""

from __future__ import annotations

import pytest
import traitlets

from jmwidget import Journey, JourneyError, JourneyWidget


def test_view_defaults_to_blueprint_only_for_a_map_with_zones() -> None:
    assert JourneyWidget(Journey.from_template("service-blueprint")).view == "blueprint"
    assert JourneyWidget(Journey.from_template("onboarding")).view == "journey"
    assert JourneyWidget(Journey.from_template("onboarding"), view="blueprint").view == "blueprint"


def test_view_is_synced_and_refuses_other_names_keeping_the_old_one() -> None:
    widget = JourneyWidget(Journey.from_template("service-blueprint"), view="journey")
    assert widget.get_state()["view"] == "journey"
    with pytest.raises(JourneyError, match="'journey' or 'blueprint', got 'backstage'"):
        widget.view = "backstage"
    assert widget.view == "journey"
    with pytest.raises(JourneyError):
        JourneyWidget(Journey(), view="all")


def test_highlights_are_a_synced_list() -> None:
    widget = JourneyWidget(Journey.from_template("service-blueprint"))
    assert widget.highlights == []
    item = {"lane": "front", "step": "checks-in", "kind": "gap", "message": "No backstage chain"}
    widget.highlights = [item]
    assert widget.get_state()["highlights"] == [item]


def test_highlight_takes_alignment_gaps_a_list_or_none() -> None:
    from jmwidget.analysis import alignment

    w = JourneyWidget(Journey.from_template("service-blueprint"))
    set_ = w.highlight(alignment(w.journey))
    assert [(h["lane"], h["step"], h["kind"]) for h in set_] == [
        ("front", "goes-to-the-room", "no-backstage"),
        ("front", "orders-room-service", "no-backstage"),
        ("front", "checks-out", "no-backstage"),
    ]
    assert w.highlights == set_
    assert all(
        h["message"].startswith("No backstage or support process behind frontstage action '") for h in w.highlights
    )
    # Lanes and steps by name; kind and message optional; repeated rows count once.
    row = {"lane": "Backstage", "step": "Checks in"}
    assert w.highlight([row, row]) == [{"lane": "back", "step": "checks-in", "kind": "note", "message": ""}]
    assert w.highlight(None) == []
    assert w.highlights == []


def test_a_bad_highlight_row_is_named_and_changes_nothing() -> None:
    w = JourneyWidget(Journey.from_template("service-blueprint"))
    w.highlight([{"lane": "front", "step": "checks-in", "message": "keep me"}])
    before = list(w.highlights)
    with pytest.raises(JourneyError, match=r"highlight row 1: no lane 'Kitchen'"):
        w.highlight([{"lane": "front", "step": "checks-in"}, {"lane": "Kitchen", "step": "checks-in"}])
    with pytest.raises(JourneyError, match="highlight row 0: needs a lane"):
        w.highlight([{"step": "checks-in"}])
    with pytest.raises(JourneyError, match="highlight takes a dataframe"):
        w.highlight(42)
    assert w.highlights == before


def test_a_highlight_function_keeps_the_highlights_live() -> None:
    from jmwidget.analysis import alignment

    w = JourneyWidget(Journey.from_template("service-blueprint"))
    assert len(w.highlight(alignment)) == 3
    w.journey.add_connection("front-4", "back-4")  # the room is ready because housekeeping cleaned it
    assert [h["step"] for h in w.highlights] == ["orders-room-service", "checks-out"]
    w.journey.undo()
    assert len(w.highlights) == 3
    w.highlight(None)  # a fixed list or None stops following
    w.journey.add_connection("front-4", "back-4")
    assert w.highlights == []
    w.highlight(alignment)
    for lane in ("evidence", "customer", "front"):  # alignment needs zones: with none left, no highlights
        w.journey.set_zone(lane, None)
    assert w.highlights == []


def test_revision_is_a_synced_read_only_trait_that_follows_every_change() -> None:
    journey = Journey.from_template("onboarding")
    journey.set_cell("actions", "downloads-the-app", "Before the widget")
    widget = JourneyWidget(journey)
    assert widget.revision == journey.revision == 1
    assert widget.get_state()["revision"] == 1
    seen: list[int] = []
    widget.observe(lambda change: seen.append(change["new"]), "revision")
    journey.set_cell("actions", "downloads-the-app", "Second")
    journey.undo()
    assert seen == [2, 3]
    assert widget.get_state()["revision"] == 3
    with pytest.raises(traitlets.TraitError, match="read-only"):
        widget.revision = 10
    assert widget.revision == 3


def test_a_page_writing_the_revision_cannot_move_it() -> None:
    journey = Journey.from_template("onboarding")
    widget = JourneyWidget(journey)
    journey.set_cell("actions", "downloads-the-app", "One")
    journey.set_cell("actions", "downloads-the-app", "Two")
    seen: list[int] = []
    widget.observe(lambda change: seen.append(change["new"]), "revision")
    widget.set_state({"revision": 2})  # the page's revision after its own edit: nothing changes
    assert seen == []
    widget.set_state({"revision": 1})  # a page behind the kernel
    assert widget.revision == journey.revision == 2
    assert set(seen) <= {2}  # traitlets may report the restored value, never the page's
