"""The widget's compare view (``compare_to``) and the lock seen from the widget, without a browser."""

from __future__ import annotations

from typing import Any

import pytest

from jmwidget import Journey, JourneyWidget

from .conftest import build_small
from .test_lock import STRUCTURE
from .test_widget import FakeBrowser


def before_and_after() -> tuple[Journey, Journey]:
    before = build_small()
    after = before.copy()
    after.state = "future"
    after.title = "Open a bank account, redesigned"
    after.set_cell("actions", "see-advert", "Sees a <b>video</b> ad")
    after.set_cell("emotion", "fill-form", 4)
    after.set_cell("conversion", "see-advert", 12)
    after.add_step("apply", "Sign", id="sign")
    after.delete_step("compare-banks")
    after.delete_lane("channels")
    return before, after


def test_compare_to_outlines_changed_cells_with_text_before_and_after() -> None:
    before, after = before_and_after()
    widget = JourneyWidget(after, compare_to=before)
    state: dict[str, Any] = widget.comparison
    assert state["before"] == {"title": "Open a bank account", "state": "current", "state_name": "Current state"}
    assert state["after"]["state_name"] == "Future state"
    cells = {(c["lane"], c["step"]): c for c in state["cells"]}
    assert cells["actions", "see-advert"] == {
        "lane": "actions",
        "step": "see-advert",
        "kind": "changed",
        "before": "Notices a bus stop poster",
        "after": "Sees a <b>video</b> ad",
    }
    assert cells["emotion", "fill-form"]["before"] == "Ana 2; Bo 1"
    assert cells["emotion", "fill-form"]["after"] == "Ana 4; Bo 1"
    assert cells["conversion", "see-advert"] == {**cells["conversion", "see-advert"], "kind": "added"}
    assert cells["conversion", "see-advert"]["before"] == "(empty)"
    assert cells["conversion", "see-advert"]["after"] == "12%"
    assert state["added_steps"] == ["sign"]
    assert state["added_lanes"] == []
    assert state["removed_steps"] == [{"id": "compare-banks", "name": "Compare banks", "before": "fill-form"}]
    assert state["removed_lanes"] == [{"id": "channels", "name": "Channels", "before": "emotion"}]


def test_the_comparison_follows_edits_and_goes_with_none() -> None:
    before, after = before_and_after()
    widget = JourneyWidget(after, compare_to=before)
    assert ("pains", "sign") not in {(c["lane"], c["step"]) for c in widget.comparison["cells"]}
    after.add_card("pains", "sign", "Needs a pen")
    assert ("pains", "sign") in {(c["lane"], c["step"]) for c in widget.comparison["cells"]}
    widget.compare_to = None
    assert widget.comparison is None
    assert JourneyWidget(after).comparison is None


def test_compare_to_takes_a_journey_only() -> None:
    with pytest.raises(TypeError, match=r"compare_to takes a jmwidget.Journey or None, got dict"):
        JourneyWidget(build_small(), compare_to={"title": "x"})  # type: ignore[arg-type]


def test_the_browser_is_refused_a_locked_part_and_an_undo_across_the_lock_but_fills_cells() -> None:
    journey = build_small().copy()
    step = journey.add_step("apply", "Sign")
    journey.lock()
    browser = FakeBrowser(JourneyWidget(journey))
    answer = browser.edit({"op": "delete_step", "step": "fill-form"})
    assert answer["type"] == "reject"
    assert answer["message"] == f"delete_step: {STRUCTURE}"
    answer = browser.edit({"op": "set_cell", "lane": "actions", "step": "fill-form", "value": "Types"})
    assert answer["type"] == "patch"
    assert browser.send("undo")["type"] == "patch"  # the cell edit
    answer = browser.send("undo")  # the step added before the lock
    assert answer["type"] == "reject"
    assert answer["message"].startswith("undo of 'add_step': this would change the map's stages and steps")
    assert step in [s.id for s in journey.steps]
    assert browser.doc == journey.to_dict()
