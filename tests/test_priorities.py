"""analysis.priorities and moments_that_matter: reach x severity, each rank explained by its columns."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from jmwidget import Journey, JourneyError, analysis

from .conftest import build_small


def ranked_map() -> Journey:
    journey = build_small()
    journey.add_lane("Users", "metric", id="users", format="count")
    for step, users in (("see-advert", 1000), ("compare-banks", 600), ("fill-form", 400)):
        journey.set_cell("users", step, users)
    journey.add_card("pains", "see-advert", "Advert hard to read", impact="trivial")
    journey.annotate("actions", "see-advert", fail_point="The poster's link is broken")
    journey.add_card("pains", "compare-banks", "Nobody minds")  # a pain point by its lane, impact 1
    return journey


def test_items_are_ranked_by_reach_times_severity_with_the_columns_that_explain_it() -> None:
    table = analysis.priorities(ranked_map(), reach="Users")
    assert table["text"].tolist() == [
        "Notices a bus stop poster",  # fail point, impact 2, reach 1000: 2 x 1 x 1000
        "Asked for the same address twice",  # work-around 2 x (1 + 1.375) x 400
        "Advert hard to read",  # trivial 1 x 1 x 1000
        "Nobody minds",  # 1 x 1 x 600
    ]
    assert table["kind"].tolist() == ["fail point", "pain point", "pain point", "pain point"]
    assert table["rank"].tolist() == [1, 2, 3, 4]
    form = table.iloc[1]
    # Fill form: emotion (2 + 1) / 2 = 1.5, 2.5 below See advert's 4 (compare banks has none):
    # 0.75 of the way from neutral to the bottom, plus a drop of 2.5 / 4 of the scale.
    assert (form["emotion"], form["emotion_drop"], form["distress"]) == (1.5, 2.5, 1.375)
    assert (form["impact"], form["impact_score"], form["severity"]) == ("work-around", 2, 4.75)
    assert (form["reach"], form["score"], form["reach_from"]) == (400, 1900, "lane 'Users'")
    assert table["score"].tolist() == [2000, 1900, 1000, 600]
    assert table.iloc[0]["fail_note"] == "The poster's link is broken"


def test_reach_from_a_funnel_table_a_bound_lane_or_nothing() -> None:
    journey = ranked_map()
    funnel = pd.DataFrame({"step": ["See advert", "Compare banks", "Fill form"], "reached": [10, 6, 4]})
    assert analysis.priorities(journey, reach=funnel)["score"].tolist() == [20, 19, 10, 6]
    journey.bind("Users", {"kind": "funnel", "source": "events", "params": {}}, column="reached")
    assert analysis.priorities(journey)["reach_from"].iloc[0] == "lane 'Users'"
    journey.unbind("Users")
    plain = analysis.priorities(journey)
    assert plain["reach"].tolist() == [1.0] * 4
    assert plain["reach_from"].iloc[0].startswith("none")
    assert plain["text"].iloc[0] == "Asked for the same address twice"  # severity alone: 4.75


def test_bad_reach_is_named() -> None:
    journey = ranked_map()
    with pytest.raises(JourneyError, match="reach='Actions' is a text lane"):
        analysis.priorities(journey, reach="Actions")
    with pytest.raises(JourneyError, match="names no lane"):
        analysis.priorities(journey, reach="Visitors")
    with pytest.raises(JourneyError, match="step 'Pay' is not a step of the map"):
        analysis.priorities(journey, reach=pd.DataFrame({"step": ["Pay"], "reached": [3]}))


def test_one_persona_s_view() -> None:
    table = analysis.priorities(ranked_map(), reach="Users", persona="Bo")
    form = table[table["step_id"] == "fill-form"].iloc[0]
    assert form["emotion"] == 1.0
    assert form["emotion_drop"] == 0.0  # Bo has no earlier value to drop from


def test_moments_that_matter_weigh_emotional_load_by_reach() -> None:
    moments = analysis.moments_that_matter(ranked_map(), reach="Users", top=None)
    assert moments["step"].tolist() == ["See advert", "Fill form", "Compare banks"]
    assert moments["load"].tolist()[:2] == [0.5, 0.75]
    assert moments["weighted_load"].tolist()[:2] == [0.5, 0.30000000000000004]
    assert math.isnan(moments["weighted_load"].iloc[2])
    assert len(analysis.moments_that_matter(ranked_map(), reach="Users")) == 3
    assert len(analysis.moments_that_matter(ranked_map(), top=1)) == 1
