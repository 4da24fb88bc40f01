"""The widget's sync protocol, driven the way the browser drives it (custom messages)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from jmwidget import Journey, JourneyWidget
from jmwidget.model._patches import Recorder
from jmwidget.model._validation import validate_message


class FakeBrowser:
    """Records what the kernel sends and keeps a copy of the document, as the front end does."""

    def __init__(self, widget: JourneyWidget) -> None:
        self.widget = widget
        self.sent: list[dict[str, Any]] = []
        self.doc = copy.deepcopy(widget._doc)
        self.rev = widget._rev
        widget.send = self._receive  # type: ignore[method-assign]
        self._req = 0

    def _receive(self, message: dict[str, Any], buffers: Any = None) -> None:
        message = json.loads(json.dumps(message))  # what crosses the wire
        assert validate_message("ServerMessage", message) == []
        self.sent.append(message)
        if message["type"] == "patch":
            assert message["rev"] == self.rev + 1
            Recorder(self.doc).apply(message["patches"])
            self.rev = message["rev"]
        elif message["type"] == "snapshot":
            self.doc, self.rev = message["doc"], message["rev"]

    def send(self, kind: str, **fields: Any) -> dict[str, Any]:
        self._req += 1
        message = {"type": kind, "req": f"r{self._req}", **fields}
        assert validate_message("ClientMessage", message) == []
        self.widget._on_message(self.widget, message, [])
        return self.sent[-1]

    def edit(self, op: dict[str, Any], base: int | None = None) -> dict[str, Any]:
        return self.send("edit", base=self.rev if base is None else base, op=op)


@pytest.fixture
def browser(small: Journey) -> FakeBrowser:
    return FakeBrowser(JourneyWidget(small))


def test_browser_edit_updates_the_journey_and_fires_callbacks(browser: FakeBrowser, small: Journey) -> None:
    seen: list[str] = []
    small.observe(lambda change: seen.append(change.origin))
    answer = browser.edit({"op": "set_cell", "lane": "actions", "step": "fill-form", "value": "Types her address"})
    assert answer["type"] == "patch"
    assert answer["req"] == "r1"
    assert answer["origin"] == "browser"
    assert small.get_cell("Actions", "Fill form") == "Types her address"
    assert seen == ["browser"]
    assert browser.doc == small.to_dict()


def test_code_changes_reach_the_browser_as_patches(browser: FakeBrowser, small: Journey) -> None:
    small.set_cell("emotion", "compare-banks", 3)
    small.add_stage("Use", steps=["First payment"])
    small.delete_lane("channels")
    assert [m["origin"] for m in browser.sent] == ["python", "python", "python"]
    assert browser.doc == small.to_dict()
    assert "req" not in browser.sent[0]


def test_rejected_edit_is_answered_and_changes_nothing(browser: FakeBrowser, small: Journey) -> None:
    before = small.to_json()
    answer = browser.edit({"op": "set_cell", "lane": "emotion", "step": "fill-form", "value": 9})
    assert answer["type"] == "reject"
    assert "lane 'Emotion' takes numbers 1-5, got number 9" in answer["message"]
    assert small.to_json() == before


def test_malformed_operation_is_rejected_not_raised(browser: FakeBrowser, small: Journey) -> None:
    before = small.to_json()
    browser.widget._on_message(browser.widget, {"type": "edit", "req": "x", "base": 0, "op": {"op": "nuke"}}, [])
    assert browser.sent[-1]["type"] == "reject"
    assert "unknown operation 'nuke'" in browser.sent[-1]["message"]
    assert small.to_json() == before


def test_simultaneous_edits_to_one_cell_reject_the_browser_visibly(browser: FakeBrowser, small: Journey) -> None:
    base = browser.rev
    small.set_cell("actions", "fill-form", "from code")
    answer = browser.edit(
        {"op": "set_cell", "lane": "actions", "step": "fill-form", "value": "from browser"}, base=base
    )
    assert answer["type"] == "reject"
    assert "was changed from Python" in answer["message"]
    assert small.get_cell("actions", "fill-form") == "from code"
    assert browser.doc == small.to_dict()


def test_simultaneous_edits_to_different_cells_both_survive(browser: FakeBrowser, small: Journey) -> None:
    base = browser.rev
    small.set_cell("actions", "fill-form", "from code")
    answer = browser.edit(
        {"op": "set_cell", "lane": "actions", "step": "see-advert", "value": "from browser"}, base=base
    )
    assert answer["type"] == "patch"
    assert small.get_cell("actions", "fill-form") == "from code"
    assert small.get_cell("actions", "see-advert") == "from browser"
    assert browser.doc == small.to_dict()


def test_undo_redo_from_the_browser_cover_code_edits(browser: FakeBrowser, small: Journey) -> None:
    small.set_cell("actions", "fill-form", "from code")
    browser.edit({"op": "rename_step", "step": "fill-form", "name": "Apply online"})
    assert browser.send("undo")["origin"] == "undo"
    assert small.steps[-1].name == "Fill form"
    browser.send("undo")
    assert small.get_cell("actions", "fill-form") is None
    assert browser.send("redo")["can_redo"] is True
    assert browser.doc == small.to_dict()


def test_nothing_to_undo_is_reported() -> None:
    browser = FakeBrowser(JourneyWidget(Journey()))
    assert browser.send("undo") == {"type": "reject", "req": "r1", "rev": 0, "message": "Nothing to undo."}


def test_readonly_widget_refuses_edits(small: Journey) -> None:
    browser = FakeBrowser(JourneyWidget(small, readonly=True))
    before = small.to_json()
    assert browser.edit({"op": "rename_stage", "stage": "apply", "name": "x"})["type"] == "reject"
    assert small.to_json() == before


def test_resync_sends_a_snapshot(browser: FakeBrowser, small: Journey) -> None:
    small.set_cell("actions", "fill-form", "x")
    browser.doc = {}
    answer = browser.send("resync")
    assert answer["type"] == "snapshot"
    assert browser.doc == small.to_dict()


def test_two_widgets_of_one_journey_stay_identical(small: Journey) -> None:
    first, second = FakeBrowser(JourneyWidget(small)), FakeBrowser(JourneyWidget(small))
    first.edit({"op": "add_card", "lane": "pains", "step": "see-advert", "card": {"text": "Tiny print"}})
    second.edit({"op": "move_lane", "lane": "pains", "index": 0})
    small.undo()
    assert first.doc == second.doc == small.to_dict()


def test_reload_gets_the_current_document_without_sync_messages(browser: FakeBrowser, small: Journey) -> None:
    small.set_cell("actions", "fill-form", "x")
    state = browser.widget.get_state()
    assert state["_doc"] == small.to_dict()
    assert state["_rev"] == small.revision


def test_single_cell_edit_is_small_on_a_large_map() -> None:
    journey = Journey("Large")
    with journey.transaction():
        for s in range(30):
            journey.add_stage(f"Stage {s}", steps=[f"Step {s}.{i}" for i in range(10)])
        lanes = [journey.add_lane(f"Lane {i}", "text") for i in range(40)]
        for lane in lanes:
            for step in journey.steps:
                journey.set_cell(lane, step.id, f"{lane} at {step.name}")
    browser = FakeBrowser(JourneyWidget(journey))
    step = journey.steps[150].id
    request = {
        "type": "edit",
        "req": "r1",
        "base": browser.rev,
        "op": {"op": "set_cell", "lane": lanes[7], "step": step, "value": "New"},
    }
    browser.widget._on_message(browser.widget, request, [])
    assert len(json.dumps(request)) < 2048
    assert len(json.dumps(browser.sent[-1])) < 2048
    assert browser.doc == journey.to_dict()


def test_selected_step_accepts_names_and_checks_them(small: Journey) -> None:
    widget = JourneyWidget(small)
    widget.selected_step = "Fill form"
    assert widget.selected_step == "fill-form"
    with pytest.raises(ValueError, match="no step 'Nope'"):
        widget.selected_step = "Nope"


def test_constructor_rejects_unknown_arguments(small: Journey) -> None:
    with pytest.raises(TypeError, match=r"unexpected keyword argument.*hieght"):
        JourneyWidget(small, hieght="3px")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"takes a jmwidget\.Journey"):
        JourneyWidget({"title": "x"})  # type: ignore[arg-type]


def test_displaying_a_journey_shows_the_widget(small: Journey) -> None:
    bundle = small._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.jupyter.widget-view+json" in data


def test_closed_widget_stops_following(small: Journey) -> None:
    widget = JourneyWidget(small)
    widget.close()
    small.set_cell("actions", "fill-form", "after close")
    assert widget._on_change not in small._observers
