"""Shared fixtures: a small, fully typed map."""

from __future__ import annotations

import pytest

from jmwidget import Journey


def build_small() -> Journey:
    """Two stages, three steps, one lane of every kind, two personas."""
    j = Journey("Open a bank account", channels=["Website", "Mobile app", "Branch"], persona="Ana")
    j.add_persona("Bo", role="Student")
    j.add_stage("Discover", steps=["See advert", "Compare banks"], id="discover")
    j.add_stage("Apply", steps=["Fill form"], id="apply")
    j.add_lane("Actions", "text", id="actions")
    j.add_lane("Channels", "channels", id="channels")
    j.add_lane("Emotion", "emotion", id="emotion")
    j.add_lane("Conversion", "metric", id="conversion", unit="%", format="percent")
    j.add_lane("Pain points", "cards", id="pains")
    j.set_cell("actions", "see-advert", "Notices a bus stop poster")
    j.set_cell("channels", "compare-banks", ["Website", "Mobile app"])
    j.set_cell("emotion", "see-advert", 4)
    j.set_cell("emotion", "fill-form", 2)
    j.set_cell("emotion", "fill-form", 1, persona="Bo")
    j.set_cell("conversion", "fill-form", 42.5)
    j.add_card("pains", "fill-form", "Asked for the same address twice", impact="work-around", color="pink")
    return j


@pytest.fixture
def small() -> Journey:
    return build_small()
