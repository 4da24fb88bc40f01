"""Text limits come from the schema alone, and the operations keep them: nothing that can be applied
can make a map that fails to save or load."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jmwidget import Journey, OperationError
from jmwidget.model import _validation

from .conftest import build_small


def _limit(name: str) -> int:
    limit: int = _validation.schema()["$defs"][name]["maxLength"]
    return limit


EDITS: dict[str, tuple[str, Callable[[Journey, str], object]]] = {
    "step name": ("ShortText", lambda j, text: j.rename_step("Fill form", text)),
    "stage name": ("ShortText", lambda j, text: j.rename_stage("Apply", text)),
    "lane name": ("ShortText", lambda j, text: j.rename_lane("Actions", text)),
    "persona name": ("ShortText", lambda j, text: j.edit_persona("Bo", name=text)),
    "title": ("TitleText", lambda j, text: setattr(j, "title", text)),
    "description": ("ProseText", lambda j, text: setattr(j, "description", text)),
    "text cell": ("LongText", lambda j, text: j.set_cell("Actions", "Fill form", text)),
    "card text": ("LongText", lambda j, text: j.add_card("Pain points", "Fill form", text)),
    "card tag": ("TagText", lambda j, text: j.add_card("Pain points", "Fill form", "a card", tag=text)),
    "fail point": ("LongText", lambda j, text: j.annotate("Actions", "Fill form", fail_point=text)),
}


@pytest.mark.parametrize("what", sorted(EDITS))
def test_one_character_over_the_limit_is_refused_and_changes_nothing(what: str, tmp_path: Path) -> None:
    definition, edit = EDITS[what]
    limit = _limit(definition)
    journey = build_small()
    before = journey.to_dict()
    with pytest.raises(OperationError, match=rf"at most {limit} characters, got {limit + 1}"):
        edit(journey, "x" * (limit + 1))
    assert journey.to_dict() == before
    edit(journey, "y" * limit)  # the limit itself is fine, and the map saves and loads
    assert Journey.load(journey.save(tmp_path / "map.json")) == journey


def test_a_five_megabyte_title_is_refused_with_a_short_message() -> None:
    journey = build_small()
    with pytest.raises(OperationError) as info:
        journey.title = "x" * 5_000_000
    assert len(str(info.value)) < 200
    assert journey.title == "Open a bank account"


TEXT = st.text(st.characters(codec="utf-8"), max_size=600)


@settings(max_examples=60, deadline=None)
@given(text=TEXT, what=st.sampled_from(sorted(EDITS)))
def test_whatever_text_an_edit_takes_the_map_still_loads(text: str, what: str) -> None:
    _definition, edit = EDITS[what]
    journey = build_small()
    try:
        edit(journey, text)
    except OperationError:
        return
    assert Journey.from_json(journey.to_json()) == journey
