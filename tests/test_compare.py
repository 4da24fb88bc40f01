"""compare(before, after): known answers, matching by name, moves, cards, blueprints, the summary and the chart."""

from __future__ import annotations

import doctest
from typing import Any

import pytest

import jmwidget
from jmwidget import Journey, JourneyError, compare
from jmwidget.model._lookups import all_ids
from jmwidget.model._new_ids import _rename

from .conftest import build_small


def renamed_ids(journey: Journey) -> Journey:
    """The same map with every id made new (as if built again from a table)."""
    doc = journey.to_dict()
    for item in sorted(all_ids(doc)):
        _rename(doc, item, f"x-{item}")
    return Journey.from_dict(doc)


def rows(diff: Any, what: str, change: str | None = None) -> list[Any]:
    return [c for c in diff if c.what == what and (change is None or c.change == change)]


# ---------------------------------------------------------------- current vs future state


def test_onboarding_against_its_future_state() -> None:
    current, future = Journey.from_template("onboarding"), Journey.from_template("future-state")
    diff = compare(current, future)
    assert [c.field for c in rows(diff, "map")] == ["title", "description", "scenario", "state"]
    # The four steps both maps have are found by id; the others differ in id and in name alike.
    shared = ("downloads-the-app", "enters-phone-and-email", "shares-details-with-employer", "makes-first-card-payment")
    assert diff.pairs("step") == {s: s for s in shared}
    assert {c.name for c in rows(diff, "step", "removed")} == {
        "Looks for requirements", "Fills in personal details", "Chooses account type", "Photographs ID",
        "Takes a selfie video", "Waits for review", "Adds money", "Orders the card",
    }  # fmt: skip
    assert [c.name for c in rows(diff, "step", "added")] == [
        "Sees the checklist", "Confirms his details", "Scans passport chip", "Takes a selfie photo",
        "Gets a decision", "Adds money by card", "Adds card to phone wallet",
    ]  # fmt: skip
    assert not rows(diff, "stage")
    assert [(c.change, c.name, c.field) for c in rows(diff, "lane")] == [
        ("removed", "Support tickets", None),
        ("changed", "Conversion", "description"),
        ("changed", "Time on step", "description"),
    ]
    [emotion] = rows(diff, "emotion")
    assert (emotion.step_id, emotion.persona_id, emotion.before, emotion.after, emotion.delta) == (
        "shares-details-with-employer", "tomas", 4, 5, 1
    )  # fmt: skip
    conversion = {c.step_id: c.delta for c in rows(diff, "metric") if c.lane_id == "conversion"}
    assert conversion == {"downloads-the-app": 2, "enters-phone-and-email": 2, "shares-details-with-employer": 5,
                          "makes-first-card-payment": 1}  # fmt: skip
    # Card ids are numbered (pain-1, idea-1, ...) in both templates for different cards: none is
    # taken for an edit or a move of another.
    assert not rows(diff, "card", "edited")
    assert not rows(diff, "card", "moved")
    by_lane = {(c.change, c.lane_id) for c in rows(diff, "card")}
    assert len(rows(diff, "card", "removed")) == 17
    assert len(rows(diff, "card", "added")) == 11
    assert by_lane == {(k, lane) for k in ("added", "removed") for lane in ("pain-points", "opportunities")}


def test_the_summary_of_current_vs_future() -> None:
    summary = compare(Journey.from_template("onboarding"), Journey.from_template("future-state")).summary()
    lines = summary.splitlines()
    assert lines[0] == (
        "From 'Opening a current account in the app' (current state) to "
        "'Opening a current account in the app (future state)' (future state)."
    )
    assert "The map's title, description, scenario and state changed." in lines
    assert "Steps: 1 step added in Discover ('Sees the checklist'); " in summary
    assert "2 steps removed from Sign up ('Fills in personal details' and 'Chooses account type')" in summary
    assert (
        "Lanes: 1 removed ('Support tickets'); 2 changed ('Conversion': description and 'Time on step': description)."
        in lines
    )
    assert "Cards in Pain points: 2 added and 9 removed." in lines
    assert "Cards in Opportunities: 9 added and 8 removed." in lines
    assert (
        "Conversion: 4 values changed; the largest: at 'Shares details with employer' it rises from 89% to 94% "
        "(better)."
    ) in lines
    assert lines[-1] == (
        "For Tomás Ruiz, emotion at 'Shares details with employer' rises from 4 to 5; over all steps, the average "
        "rises from 3.08 to 4.27 and the low point moves from 1 at 'Photographs ID' to 3 at 'Confirms his details'."
    )
    assert "matched by name" not in summary


def test_the_table_has_one_row_per_change() -> None:
    diff = compare(Journey.from_template("onboarding"), Journey.from_template("future-state"))
    frame = diff.to_pandas()
    assert list(frame.columns) == list(jmwidget.diff.COLUMNS)
    assert len(frame) == len(diff) == 62
    emotion = frame[frame["what"] == "emotion"].iloc[0]
    assert (emotion["name"], emotion["where"], emotion["matched_by"]) == (
        "Shares details with employer", "Emotion: Tomás Ruiz", "id"
    )  # fmt: skip
    assert frame[frame["change"].isin(["added", "removed"])]["matched_by"].isna().all()
    matching = diff.matching()
    assert set(matching["matched_by"].dropna()) == {"id"}
    assert len(matching[(matching["kind"] == "step") & matching["after_id"].isna()]) == 8


def test_cells_for_a_view_use_the_second_maps_ids() -> None:
    diff = compare(Journey.from_template("onboarding"), Journey.from_template("future-state"))
    cells = {(c["lane"], c["step"]): c for c in diff.cells()}
    future = Journey.from_template("future-state")
    steps, lanes = {s.id for s in future.steps}, {lane.id for lane in future.lanes}
    assert all(lane in lanes and step in steps for lane, step in cells)
    shared = cells["emotion", "shares-details-with-employer"]
    assert (shared["kind"], shared["before"], shared["after"], shared["what"]) == (
        "changed", {"tomas": 4}, {"tomas": 5}, ["emotion"]
    )  # fmt: skip
    assert cells["actions", "sees-the-checklist"]["kind"] == "added"  # a new step's content
    assert cells["pain-points", "confirms-his-details"]["what"] == ["card", "cell"]  # a card in a new step
    assert cells["pain-points", "shares-details-with-employer"] == {
        "lane": "pain-points",
        "step": "shares-details-with-employer",
        "kind": "removed",
        "before": [
            {"color": "pink", "id": "pain-9", "impact": "trivial", "text": "Account details hidden two menus deep"}
        ],
        "after": None,
        "what": ["card"],
    }


# ---------------------------------------------------------------- matching by name


def test_maps_built_apart_are_matched_by_name() -> None:
    current = Journey.from_template("onboarding")
    rebuilt = renamed_ids(current)
    diff = compare(current, rebuilt)
    assert not diff
    assert set(diff.matching()["matched_by"]) == {"name"}
    assert diff.pairs("step")["photographs-id"] == "x-photographs-id"
    assert diff.pairs("card")["pain-4"] == "x-pain-4"
    by_id = compare(current, rebuilt, by=("id",))
    assert len(rows(by_id, "step", "removed")) == len(rows(by_id, "step", "added")) == 12


def test_a_change_in_a_map_built_apart_is_found_through_names() -> None:
    current = Journey.from_template("onboarding")
    rebuilt = renamed_ids(current)
    rebuilt.set_cell("x-emotion", "x-photographs-id", 3)
    rebuilt.rename_step("x-waits-for-review", "Waits for a decision")
    diff = compare(current, rebuilt)
    [emotion] = rows(diff, "emotion")
    assert (emotion.step_id, emotion.before, emotion.after, emotion.matched_by) == ("x-photographs-id", 1, 3, "name")
    # The renamed step has no id and no name in common with its old self.
    assert [c.name for c in rows(diff, "step", "removed")] == ["Waits for review"]
    assert [c.name for c in rows(diff, "step", "added")] == ["Waits for a decision"]
    assert "Matched by name because their ids differ: 1 persona, 5 stages, 9 lanes, 11 steps and 17 cards." in (
        diff.summary().splitlines()
    )


def test_a_lane_of_another_kind_is_another_lane() -> None:
    before = Journey("Kinds", persona="Ana")
    before.add_stage("All", steps=["One"])
    before.add_lane("Notes", "text", id="notes")
    before.set_cell("notes", "one", "hello")
    after = Journey("Kinds", persona="Ana")
    after.add_stage("All", steps=["One"])
    after.add_lane("Notes", "emotion", id="notes")
    after.set_cell("notes", "one", 3)
    diff = compare(before, after)
    assert [(c.what, c.change) for c in diff] == [("lane", "removed"), ("lane", "added")]
    assert diff.pairs("lane") == {}


# ---------------------------------------------------------------- renames, moves, cards


def test_renames_and_moves() -> None:
    before = build_small()
    after = before.copy()
    after.rename_step("compare-banks", "Compare offers")
    after.rename_stage("apply", "Sign up")
    after.move_step("see-advert", 0, stage="apply")
    after.move_lane("channels", 0)
    after.add_stage("Use", steps=["First payment"], id="use")
    diff = compare(before, after)
    changes = {(c.what, c.change, c.name) for c in diff}
    assert changes >= {
        ("step", "renamed", "Compare offers"),
        ("stage", "renamed", "Sign up"),
        ("step", "moved", "See advert"),
        ("lane", "moved", "Channels"),
        ("stage", "added", "Use"),
        ("step", "added", "First payment"),
    }
    [moved] = rows(diff, "step", "moved")
    assert (moved.before, moved.after) == ("Discover (1 of 2)", "Sign up (1 of 2)")
    [lane] = rows(diff, "lane", "moved")  # one lane left its place; the others kept their order
    assert (lane.before, lane.after) == ("2 of 5", "1 of 5")
    assert [c.field for c in rows(diff, "step", "renamed")] == ["name"]


def test_a_step_moved_within_its_stage_is_the_only_one_moved() -> None:
    before = Journey("Order", persona="Ana")
    before.add_stage("All", steps=["A", "B", "C", "D"])
    after = before.copy()
    after.move_step("b", 3)
    assert [(c.name, c.before, c.after) for c in compare(before, after)] == [("B", "All (2 of 4)", "All (4 of 4)")]


def test_card_edits_and_moves() -> None:
    before = build_small()
    card = before.cards("pains", "fill-form")[0]["id"]
    before.add_card("pains", "fill-form", "Too many fields", id="c2")
    before.add_card("pains", "see-advert", "Poster is hard to read", id="c3")
    after = before.copy()
    after.edit_card(card, text="Asked for the address twice", impact="abandons")
    after.move_card("c3", "pains", "compare-banks")
    after.add_card("pains", "compare-banks", "No fee table", id="c4")
    after.delete_card("c2")
    diff = compare(before, after)
    assert [(c.change, c.field, c.before, c.after) for c in rows(diff, "card", "edited")] == [
        ("edited", "text", "Asked for the same address twice", "Asked for the address twice"),
        ("edited", "impact", "work-around", "abandons"),
    ]
    [moved] = rows(diff, "card", "moved")
    assert (moved.id, moved.before, moved.after) == (
        "c3",
        "Pain points, See advert (1 of 1)",
        "Pain points, Compare banks (1 of 2)",
    )
    assert [c.id for c in rows(diff, "card", "added")] == ["c4"]
    assert [c.id for c in rows(diff, "card", "removed")] == ["c2"]
    assert "Cards in Pain points: 1 added, 1 removed, 1 edited and 1 moved." in diff.summary().splitlines()


def test_a_card_id_reused_for_another_text_elsewhere_is_not_the_same_card() -> None:
    before = build_small()
    before.add_card("pains", "see-advert", "Poster is hard to read", id="card-9")
    after = before.copy()
    after.delete_card("card-9")
    after.add_card("pains", "compare-banks", "No fee table", id="card-9")
    diff = compare(before, after)
    assert [(c.change, c.name) for c in rows(diff, "card")] == [
        ("removed", "Poster is hard to read"),
        ("added", "No fee table"),
    ]
    after.edit_card("card-9", text="Poster is hard to read")  # same text: the card moved
    assert [c.change for c in rows(compare(before, after), "card")] == ["moved"]


# ---------------------------------------------------------------- blueprints


def test_two_blueprints_compare_arrows_and_annotations() -> None:
    before = Journey.from_template("service-blueprint")
    after = before.copy()
    first, second = (c.id for c in before.connections[:2])
    after.delete_connection(first)
    after.edit_connection(second, label="asks for the room")
    after.annotate("customer", "checks-in", wait_point="Queue at the desk", duration=None)
    after.annotate("customer", "goes-to-the-room", fail_point="Key card does not work")
    after.add_connection(("customer", "checks-out"), ("front", "checks-out"), label="hands back the key")
    diff = compare(before, after)
    arrows = rows(diff, "connection")
    assert [(c.change, c.field) for c in arrows] == [("removed", None), ("added", None), ("changed", "label")]
    assert arrows[2].after == "asks for the room"
    notes = [(c.step_id, c.field, c.change, c.after) for c in rows(diff, "annotation")]
    assert notes == [
        ("checks-in", "duration", "removed", None),
        ("checks-in", "wait_point", "changed", "Queue at the desk"),
        ("goes-to-the-room", "fail_point", "added", "Key card does not work"),
    ]
    assert "Annotations: 1 removed, 1 changed and 1 added; arrows: 1 removed, 1 added and 1 changed." in diff.summary()
    cells = {(c["lane"], c["step"]): c["what"] for c in diff.cells()}
    assert cells["customer", "checks-in"] == ["annotation"]


def test_an_arrow_between_matched_cells_is_matched_by_its_ends() -> None:
    before = Journey.from_template("restaurant-order")
    rebuilt = renamed_ids(before)
    diff = compare(before, rebuilt)
    assert not diff
    assert set(diff.matching().query("kind == 'connection'")["matched_by"]) == {"ends"}


# ---------------------------------------------------------------- wording, chart, errors


def test_summary_and_describe_share_the_emotion_wording() -> None:
    before = Journey.from_template("onboarding")
    after = before.copy()
    after.set_cell("Emotion", "Chooses account type", 5)  # now the largest drop is 5 -> 1
    assert "emotion at 'Photographs ID' falls from 5 to 1" in after.describe()
    assert "For Tomás Ruiz, emotion at 'Chooses account type' rises from 3 to 5" in compare(before, after).summary()


def test_the_chart_draws_both_curves_and_compiles() -> None:
    vl_convert = pytest.importorskip("vl_convert")
    diff = compare(Journey.from_template("onboarding"), Journey.from_template("future-state"))
    spec = diff.chart().to_dict()
    layers = spec["layer"]
    assert len(layers) == 3  # curves, change bars, change labels
    points = spec["datasets"][layers[0]["data"]["name"]]
    assert {p["series"] for p in points} == {"Before (current state)", "After (future state)"}
    assert [m["label"] for m in spec["datasets"][layers[1]["data"]["name"]]] == ["+1"]
    columns = [p["step"] for p in points if p["series"].startswith("After")]
    assert columns[:3] == ["Downloads the app", "+ Sees the checklist", "Enters phone and email"]
    assert "\u2212 Looks for requirements" in {p["step"] for p in points}
    assert vl_convert.vegalite_to_svg(spec).startswith("<svg")


def test_the_chart_of_several_personas_and_hostile_names() -> None:
    before = build_small()
    before.rename_step("see-advert", "<b>\u2028'\"}</b>")
    after = before.copy()
    after.set_cell("emotion", "fill-form", 4, persona="Bo")
    spec = compare(before, after).chart().to_dict()
    assert len(spec["vconcat"]) == 2
    assert "\u2028" not in str(spec)


def test_errors_name_the_problem() -> None:
    small = build_small()
    with pytest.raises(JourneyError, match="match by 'id' and/or 'name'"):
        compare(small, small, by=("text",))
    with pytest.raises(JourneyError, match=r"two jmwidget\.Journey"):
        compare(small, 42)  # type: ignore[arg-type]
    with pytest.raises(JourneyError, match="kind must be one of"):
        compare(small, small).pairs("cell")
    with pytest.raises(JourneyError, match="no emotion lane"):
        compare(Journey("A"), Journey("B")).chart()
    assert compare(small, small.to_dict()).summary().startswith("No differences between 'Open a bank account'")


def test_the_examples_in_the_docstrings_run() -> None:
    from jmwidget.diff import _diff, _match

    for module in (_diff, _match):
        result = doctest.testmod(module)
        assert result.failed == 0, module.__name__
        assert result.attempted > 0, module.__name__
