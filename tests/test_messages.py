"""Every message from a page is answered, and only a well-formed edit changes the map."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jmwidget import Journey, JourneyWidget, OperationError
from jmwidget.model._validation import validate_message

from .conftest import build_small

SET_CELL = {"op": "set_cell", "lane": "actions", "step": "fill-form", "value": "Types her address"}


class Page:
    """Sends raw messages to the widget and collects what the kernel answers."""

    def __init__(self) -> None:
        self.journey = build_small()
        self.widget = JourneyWidget(self.journey)
        self.answers: list[dict[str, Any]] = []
        self.widget.send = self._receive  # type: ignore[method-assign]

    def _receive(self, message: dict[str, Any], buffers: Any = None) -> None:
        message = json.loads(json.dumps(message))
        assert validate_message("ServerMessage", message) == []
        self.answers.append(message)

    def send(self, content: Any) -> dict[str, Any]:
        before = len(self.answers)
        self.widget._on_message(self.widget, content, [])
        assert len(self.answers) == before + 1, "exactly one answer per message"
        return self.answers[-1]


def nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


MALFORMED: dict[str, tuple[Any, str]] = {
    "op as text": ({"type": "edit", "req": "r1", "base": 0, "op": "set_cell"}, "op must be an object"),
    "op as a list": ({"type": "edit", "req": "r1", "base": 0, "op": [1, 2]}, "op must be an object"),
    "op as a number": ({"type": "edit", "req": "r1", "base": 0, "op": 7}, "op must be an object"),
    "op as key-value pairs": (
        {"type": "edit", "req": "r1", "base": 0, "op": [[k, v] for k, v in SET_CELL.items()]},
        "op must be an object",
    ),
    "base far in the future": ({"type": "edit", "req": "r1", "base": 10**18, "op": SET_CELL}, "a number beyond"),
    "base ahead of the kernel": ({"type": "edit", "req": "r1", "base": 99, "op": SET_CELL}, "base must be"),
    "base not whole": ({"type": "edit", "req": "r1", "base": 0.5, "op": SET_CELL}, "base must be"),
    "base as text": ({"type": "edit", "req": "r1", "base": "0", "op": SET_CELL}, "base must be"),
    "base missing": ({"type": "edit", "req": "r1", "op": SET_CELL}, "base must be"),
    "base negative": ({"type": "edit", "req": "r1", "base": -1, "op": SET_CELL}, "base must be"),
    "base true": ({"type": "edit", "req": "r1", "base": True, "op": SET_CELL}, "base must be"),
    "a huge number": (
        {"type": "edit", "req": "r1", "base": 0, "op": {**SET_CELL, "lane": "conversion", "value": 10**400}},
        "a number beyond",
    ),
    "nested 600 deep": ({"type": "edit", "req": "r1", "base": 0, "op": {**SET_CELL, "value": nested(600)}}, "deeper"),
    "nested 10,000 deep": ({"type": "edit", "req": "r1", "base": 0, "op": nested(10_000)}, "deeper"),
    "5 MB of text": (
        {"type": "edit", "req": "r1", "base": 0, "op": {**SET_CELL, "value": "x" * 5_000_000}},
        "characters of text",
    ),
    "unknown type": ({"type": "delete_everything", "req": "r1"}, "unknown message type"),
    "unknown field": ({"type": "undo", "req": "r1", "force": True}, "unknown field(s) force"),
    "no req": ({"type": "undo"}, "req must be"),
    "not an object": (["edit"], "a message is a JSON object"),
    "a text cell value too long": (
        {"type": "edit", "req": "r1", "base": 0, "op": {**SET_CELL, "value": "x" * 5001}},
        "at most 5000 characters, got 5001",
    ),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_message_is_rejected_by_name_and_changes_nothing(name: str) -> None:
    content, reason = MALFORMED[name]
    page = Page()
    page.journey.set_cell("Actions", "Fill form", "Set from Python")  # so base 0 is behind
    before, revision = page.journey.to_dict(), page.journey.revision
    answer = page.send(content)
    assert answer["type"] == "reject"
    assert reason in answer["message"]
    assert len(answer["message"]) < 500
    assert answer["req"] == ("r1" if isinstance(content, dict) and "req" in content else "")
    assert page.journey.to_dict() == before
    assert page.journey.revision == revision


def test_a_stale_base_never_skips_the_conflict_check() -> None:
    page = Page()
    page.journey.set_cell("Actions", "Fill form", "Set from Python")
    answer = page.send({"type": "edit", "req": "r1", "base": 0, "op": SET_CELL})
    assert answer["type"] == "reject"
    assert "was changed from Python at revision 1" in answer["message"]
    assert page.journey.get_cell("Actions", "Fill form") == "Set from Python"


def test_a_well_formed_edit_is_still_applied() -> None:
    page = Page()
    answer = page.send({"type": "edit", "req": "r1", "base": 0, "op": SET_CELL})
    assert answer["type"] == "patch"
    assert page.journey.get_cell("Actions", "Fill form") == "Types her address"


def test_python_refuses_an_operation_given_as_pairs() -> None:
    journey = build_small()
    with pytest.raises(OperationError, match="an operation is a mapping"):
        journey.apply(list(SET_CELL.items()))  # type: ignore[arg-type]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
MESSAGES = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {"type": st.sampled_from(["edit", "undo", "redo", "resync", "patch"]), "req": st.text(max_size=5)},
        optional={"base": JSON, "op": JSON | st.fixed_dictionaries({"op": st.sampled_from(["set_cell", "batch"])})},
    ),
)


@settings(max_examples=300, deadline=None)
@given(messages=st.lists(MESSAGES, min_size=1, max_size=5))
def test_random_messages_never_raise_and_always_get_one_answer(messages: list[Any]) -> None:
    page = Page()
    for content in messages:
        before = page.journey.to_dict()
        answer = page.send(content)
        assert answer["type"] in ("patch", "snapshot", "reject")
        if answer["type"] != "patch":
            assert page.journey.to_dict() == before
        Journey.from_json(page.journey.to_json())  # whatever was applied still loads
