"""Journey.refresh: bound lanes recomputed from data as one change that keeps people's edits."""

from __future__ import annotations

import warnings
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pytest

from jmwidget import JourneyError, data
from jmwidget.data import HandEditKeptWarning

from .conftest import build_small

STEPS = {"See advert": "ad", "Compare banks": "compare", "Fill form": "form"}


def events(*paths: str) -> pd.DataFrame:
    """One case per path; a path's letters are the events it has, a minute apart (a, c, f)."""
    names = {"a": "ad", "c": "compare", "f": "form"}
    rows = [
        (f"u{i}", names[letter], pd.Timestamp("2026-01-05") + pd.Timedelta(minutes=k))
        for i, path in enumerate(paths)
        for k, letter in enumerate(path)
    ]
    return pd.DataFrame(rows, columns=["user", "event", "at"])


def responses(scores: dict[str, list[float]], segment: str | None = None) -> pd.DataFrame:
    rows = [(step, score) for step, values in scores.items() for score in values]
    frame = pd.DataFrame(rows, columns=["step", "score"])
    if segment is not None:
        frame["who"] = segment
    return frame


def tickets(*rows: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["step", "topic"])


def bound_map() -> Any:
    journey = build_small()
    funnel = data.funnel("events", steps=STEPS, case="user", event="event", timestamp="at")
    journey.bind("Conversion", funnel, column="conversion")
    journey.bind("Emotion", data.survey("answers", step="step", score="score"), column="mean")
    journey.bind("Pain points", data.counts("tickets", step="step", category="topic", top=2), column="top")
    return journey


WEEK1 = {
    "events": events("acf", "acf", "ac", "a"),
    "answers": responses({"See advert": [4, 5, 4], "Fill form": [2, 1, 2, 3]}),
    "tickets": tickets(("Fill form", "Address twice"), ("Fill form", "Address twice"), ("Fill form", "Slow")),
}


def test_a_refresh_fills_bound_lanes_from_the_data_and_records_it() -> None:
    journey = bound_map()
    report = journey.refresh(**WEEK1)
    # Conversion is a percent lane: the funnel's fractions arrive as percentage points.
    assert journey.get_cell("Conversion", "Compare banks") == 75.0
    assert journey.get_cell("Conversion", "Fill form") == pytest.approx(66.666666667)
    evidence = journey.evidence("Emotion", "Fill form")
    assert evidence is not None
    assert (evidence["value"], evidence["n"], round(evidence["sd"], 3)) == (2.0, 4, 0.816)
    assert evidence["low"] < 2.0 < evidence["high"]
    texts = [card["text"] for card in journey.cards("Pain points", "Fill form")]
    assert texts == ["Asked for the same address twice", "Address twice (2)", "Slow (1)"]
    runs = {b.lane: b.last for b in journey.bindings}
    assert (runs["conversion"]["source"], runs["conversion"]["rows"], runs["pains"]["rows"]) == ("events", 9, 3)
    assert runs["emotion"]["at"].endswith("+00:00")
    assert report.revision == journey.revision
    assert not report.kept
    journey.undo()  # one change, undone as one step
    assert journey.get_cell("Conversion", "Fill form") == 42.5
    assert len(journey.cards("Pain points", "Fill form")) == 1


def test_the_same_data_again_is_no_change_no_revision_and_no_undo_entry() -> None:
    journey = bound_map()
    journey.refresh(**WEEK1)
    journey.undo()
    journey.redo()  # nothing left to redo: a change would show as a new undo entry
    revision = journey.revision
    report = journey.refresh(**WEEK1)
    assert journey.revision == revision
    assert not journey.can_redo  # still at the top of the history
    journey.undo()
    assert journey.get_cell("Conversion", "Fill form") == 42.5  # the undo after is the refresh itself
    assert report.revision is None
    assert not report.changed


def test_engines_agree_so_a_refresh_from_another_engine_is_no_change() -> None:
    journey = bound_map()
    journey.refresh(**WEEK1)
    revision = journey.revision
    con = duckdb.connect()
    frames = {"events": con.from_df(WEEK1["events"]), "answers": pl.LazyFrame(WEEK1["answers"].to_dict("list"))}
    report = journey.refresh(**frames, tickets=pl.DataFrame(WEEK1["tickets"].to_dict("list")))
    assert journey.revision == revision
    assert not report.changed


def test_an_edit_in_flight_from_the_browser_is_not_rejected_by_an_empty_refresh() -> None:
    journey = bound_map()
    journey.refresh(**WEEK1)
    seen = journey.revision  # the page's base
    journey.refresh(**WEEK1)
    journey.apply(
        {"op": "set_cell", "lane": "conversion", "step": "see-advert", "value": 99}, base=seen, origin="browser"
    )
    assert journey.get_cell("Conversion", "See advert") == 99


def test_a_value_edited_by_hand_since_the_last_refresh_is_kept_and_reported() -> None:
    journey = bound_map()
    journey.refresh(**WEEK1)
    journey.set_cell("Conversion", "Compare banks", 70)  # a colleague's correction
    week2 = {**WEEK1, "events": events("acf", "acf", "acf", "ac", "a")}
    with pytest.warns(HandEditKeptWarning, match="lane 'conversion' at 'compare-banks'"):
        report = journey.refresh(**week2)
    assert journey.get_cell("Conversion", "Compare banks") == 70
    assert journey.get_cell("Conversion", "Fill form") == 75.0  # not edited: follows the data
    (kept,) = report.kept
    assert (kept["before"], kept["after"]) == (70, 80.0)
    assert report.to_pandas()["what"].tolist().count("kept") == 1
    # Still a person's value at the next refresh; overwrite=True hands it back to the data.
    with pytest.warns(HandEditKeptWarning):
        journey.refresh(**week2)
    journey.refresh(**week2, overwrite=True)
    assert journey.get_cell("Conversion", "Compare banks") == 80.0


def test_data_cards_keep_their_id_colour_tag_impact_and_notes_and_people_s_cards_are_untouched() -> None:
    journey = bound_map()
    journey.refresh(**WEEK1)
    ours = next(c for c in journey.cards("Pain points", "Fill form") if c["text"].startswith("Address"))
    journey.edit_card(ours["id"], color="orange", tag="forms", impact="abandons")
    journey.annotate(card=ours["id"], fail_point="Address is asked twice")
    mine = journey.add_card("Pain points", "Fill form", "Font too small")
    week2 = {**WEEK1, "tickets": tickets(*[("Fill form", "Address twice")] * 3, ("Fill form", "Login"))}
    report = journey.refresh(**week2)
    again = journey.card(ours["id"])
    assert again["text"] == "Address twice (3)"
    assert (again["color"], again["tag"], again["impact"]) == ("orange", "forms", "abandons")
    assert journey.annotation(card=ours["id"]) == {"fail_point": "Address is asked twice"}
    texts = [card["text"] for card in journey.cards("Pain points", "Fill form")]
    assert texts == ["Asked for the same address twice", "Address twice (3)", "Font too small", "Login (1)"]
    assert journey.card(mine)["text"] == "Font too small"
    assert {(c["before"], c["after"]) for c in report.changed} >= {("Slow (1)", None)}


def test_a_data_card_a_person_rewrote_or_deleted_is_left_so() -> None:
    journey = bound_map()
    journey.refresh(**WEEK1)
    cards = {c["text"]: c["id"] for c in journey.cards("Pain points", "Fill form")}
    journey.edit_card(cards["Address twice (2)"], text="Address asked twice on the form")
    journey.delete_card(cards["Slow (1)"])
    week2 = {**WEEK1, "tickets": tickets(*[("Fill form", "Address twice")] * 3, ("Fill form", "Slow"))}
    with pytest.warns(HandEditKeptWarning):
        report = journey.refresh(**week2)
    texts = [card["text"] for card in journey.cards("Pain points", "Fill form")]
    assert texts == ["Asked for the same address twice", "Address asked twice on the form"]
    assert len(report.kept) == 2


def test_a_survey_by_segment_fills_each_persona_s_curve_with_its_evidence() -> None:
    journey = build_small()
    survey = data.survey("answers", step="step", score="score", segment="who")
    journey.bind("Emotion", survey, column="mean", persona="Ana")
    journey.bind("Emotion", survey, column="mean", persona="Bo")
    answers = pd.concat([responses({"See advert": [5, 4]}, "Ana"), responses({"See advert": [1, 2, 1]}, "bo")])
    journey.refresh(answers=answers)
    # n = 2: the 95% interval of the mean reaches past the scale, so it stops at its ends.
    ana = journey.evidence("Emotion", "See advert", persona="Ana")
    assert ana == pytest.approx({"value": 4.5, "n": 2, "sd": 0.707106781, "low": 1, "high": 5})
    bo = journey.evidence("Emotion", "See advert", persona="Bo")  # its segment named by id
    assert bo is not None
    assert (bo["value"], bo["n"]) == (pytest.approx(1.333333333), 3)
    journey.bind("Emotion", survey, column="mean")
    with pytest.raises(JourneyError, match="bind it with persona="):
        journey.refresh(answers=answers)


def test_bad_sources_and_steps_are_named_and_change_nothing() -> None:
    journey = bound_map()
    before = journey.to_dict()
    with pytest.raises(JourneyError, match="no binding reads the source 'evnts'; the bindings read: answers, events"):
        journey.refresh(evnts=WEEK1["events"])
    with pytest.raises(JourneyError, match="no column 'user'"):
        journey.refresh(events=WEEK1["events"].rename(columns={"user": "person"}))
    with pytest.raises(JourneyError, match="Emotion"):
        journey.refresh(answers=responses({"Fill form": [9, 9]}))  # off the 1-5 scale
    assert journey.to_dict() == before
    journey.bind("Conversion", data.counts("tickets", step="step", category="topic"), column="top")
    with pytest.raises(JourneyError, match="a metric or emotion lane takes numbers"):
        journey.refresh(tickets=WEEK1["tickets"])
    journey.undo()
    assert journey.to_dict() == before
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = journey.refresh(answers=responses({"Fill form": [2], "Pay the fee": [3]}))
    assert report.unmatched == ["Pay the fee"]
    assert report.skipped == ["conversion-data", "pains-data"]
    assert any("Pay the fee" in str(w.message) for w in caught)


def test_a_locked_template_still_refreshes_but_a_locked_lane_refuses_and_nothing_changes() -> None:
    journey = bound_map()
    journey.lock()  # the structure: stages, steps, lanes; cells stay open
    journey.refresh(**WEEK1)
    assert journey.get_cell("Conversion", "Compare banks") == 75.0
    other = bound_map()
    other.lock(lanes=["Conversion"])
    before = other.to_dict()
    with pytest.raises(JourneyError, match="lane 'Conversion' is locked"):
        other.refresh(**WEEK1)
    assert other.to_dict() == before
