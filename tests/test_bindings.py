"""Bindings in the model: a lane bound to a computation over a named source, kept consistent."""

from __future__ import annotations

import pytest

from jmwidget import Journey, JourneyError
from jmwidget.model._merge import merge

from .conftest import build_small

FUNNEL = {"kind": "funnel", "source": "events", "params": {"steps": {"See advert": ["ad_view"]}}}


def test_a_metric_lane_binds_and_unbinds_and_the_binding_is_saved(tmp_path: object) -> None:
    journey = build_small()
    binding = journey.bind("Conversion", FUNNEL, column="conversion")
    (found,) = journey.bindings
    assert (found.id, found.lane, found.column, found.source) == (binding, "conversion", "conversion", "events")
    assert Journey.from_json(journey.to_json()).bindings == journey.bindings
    journey.undo()
    assert journey.bindings == ()
    journey.redo()
    journey.unbind("Conversion")
    assert journey.bindings == ()


def test_only_metric_emotion_and_cards_lanes_bind() -> None:
    journey = build_small()
    with pytest.raises(JourneyError, match="a text lane cannot be bound to data"):
        journey.bind("Actions", FUNNEL, column="conversion")
    with pytest.raises(JourneyError, match="persona applies to emotion lanes only"):
        journey.bind("Conversion", FUNNEL, column="conversion", persona="Bo")
    assert journey.bindings == ()


def test_deleting_the_lane_or_the_persona_deletes_its_bindings_in_the_same_step() -> None:
    journey = build_small()
    journey.bind("Conversion", FUNNEL, column="conversion")
    journey.bind("Emotion", {**FUNNEL, "kind": "survey"}, column="mean", persona="Bo")
    journey.delete_lane("Conversion")
    assert [b.lane for b in journey.bindings] == ["emotion"]
    journey.delete_persona("Bo")
    assert journey.bindings == ()
    journey.undo()
    journey.undo()
    assert len(journey.bindings) == 2


def test_a_binding_to_a_missing_lane_is_an_invalid_document() -> None:
    doc = build_small().to_dict()
    doc["bindings"] = [{"id": "b1", "lane": "nope", "compute": FUNNEL, "column": "conversion"}]
    with pytest.raises(JourneyError, match=r"\$\.bindings\[0\]\.lane: no lane with id 'nope'"):
        Journey.from_dict(doc)


def test_bindings_made_on_two_sides_both_survive_a_merge() -> None:
    base = build_small()
    mine, theirs = base.copy(), base.copy()
    mine.bind("Conversion", FUNNEL, column="conversion")
    theirs.bind("Emotion", {**FUNNEL, "kind": "survey"}, column="mean")
    result = merge(base.to_dict(), mine.to_dict(), theirs.to_dict())
    assert sorted(b["lane"] for b in result.document["bindings"]) == ["conversion", "emotion"]
    assert result.conflicts == []
