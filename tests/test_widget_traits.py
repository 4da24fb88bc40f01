"""The widget's view traits: the journey/blueprint view and the highlights list."""

from __future__ import annotations

import pytest

from jmwidget import Journey, JourneyWidget
from jmwidget.errors import JourneyError


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
