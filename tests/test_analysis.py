"""Blueprint analysis on hand-made blueprints with known answers, and properties over random ones."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jmwidget import Journey, JourneyError
from jmwidget.analysis import CycleError, alignment, critical_path, fail_points, time_and_cost, time_chart

from .test_blueprint import build_blueprint


def gaps(journey: Journey) -> set[tuple[str, str, str, str | None]]:
    frame = alignment(journey)
    return {(r.kind, r.lane_id, r.step_id, None if pd.isna(r.card_id) else r.card_id) for r in frame.itertuples()}


# ---------------------------------------------------------------- alignment


def test_alignment_finds_both_kinds_of_gap() -> None:
    j = build_blueprint()
    j.set_cell("customer", "upload-id", "Takes a photo of the passport")
    j.set_cell("evidence", "first-login", "Welcome email")
    assert gaps(j) == {
        ("no-frontstage", "customer", "upload-id", None),
        ("no-frontstage", "evidence", "first-login", None),
        ("no-backstage", "front", "fill-form", "form"),
    }
    frame = alignment(j).set_index("lane_id")
    assert frame.loc["customer", "message"] == (
        "No frontstage action for customer action 'Takes a photo of the passport' (step 'Upload ID'): "
        "none in this step and no connection to one"
    )
    assert frame.loc["evidence", "message"].startswith(
        "No frontstage action for touchpoint 'Welcome email' (step 'First login')"
    )
    assert frame.loc["front", "message"].endswith("connect it to the backstage action or system it relies on")
    assert list(alignment(j)["step_index"]) == sorted(alignment(j)["step_index"])


def test_a_connection_to_frontstage_closes_a_customer_gap() -> None:
    j = build_blueprint()
    j.set_cell("customer", "upload-id", "Takes a photo")
    j.add_connection(("customer", "upload-id"), "form")
    assert ("no-frontstage", "customer", "upload-id", None) not in gaps(j)


def test_backstage_chains_follow_connections_either_way_and_transitively() -> None:
    j = build_blueprint()
    j.add_card("front", "first-login", "App shows the account", id="login")
    assert {g[3] for g in gaps(j) if g[0] == "no-backstage"} == {"form", "login"}
    j.add_connection("idcheck", "form")  # support -> front counts as well
    j.add_connection("login", "form")  # front -> front -> support: a chain
    assert gaps(j) == set()


def test_a_chain_through_the_customer_side_does_not_count() -> None:
    j = build_blueprint()
    j.add_connection("form", ("customer", "fill-form"))
    j.add_connection(("customer", "fill-form"), "review")
    assert ("no-backstage", "front", "fill-form", "form") in gaps(j)


def test_a_whole_cell_end_stands_for_every_card_in_it() -> None:
    j = build_blueprint()
    j.add_card("front", "fill-form", "Chat answers questions", id="chat")
    j.add_connection(("front", "fill-form"), ("back", "upload-id"))
    assert not [g for g in gaps(j) if g[0] == "no-backstage"]


def test_unconnected_backstage_in_the_same_step_is_named() -> None:
    j = build_blueprint()
    j.add_card("front", "upload-id", "App shows upload progress", id="progress")
    message = alignment(j).set_index("card_id").loc["progress", "message"]
    assert "'Agent reviews the ID photo' (backstage) is in this step but not connected" in message


def test_a_map_without_frontstage_lanes_says_so() -> None:
    j = Journey("Plain")
    j.add_stage("Buy", steps=["Pays"])
    j.add_lane("Actions", "text", zone="customer")
    j.set_cell("Actions", "Pays", "Pays by card")
    assert list(alignment(j)["message"]) == [
        "No frontstage action for customer action 'Pays by card' (step 'Pays'): the map has no frontstage lane"
    ]


def test_alignment_needs_zones() -> None:
    j = Journey.from_template("onboarding")
    with pytest.raises(JourneyError, match="no lane of this map is in the evidence, customer or frontstage zone"):
        alignment(j)


def test_alignment_of_the_hotel_template() -> None:
    j = Journey.from_template("service-blueprint")
    # Three frontstage cards whose backstage sits in the same column but has no arrow to them.
    assert gaps(j) == {
        ("no-backstage", "front", "goes-to-the-room", "front-4"),
        ("no-backstage", "front", "orders-room-service", "front-6"),
        ("no-backstage", "front", "checks-out", "front-7"),
    }
    assert alignment(Journey.from_template("restaurant-order")).empty


def test_empty_alignment_has_the_columns() -> None:
    frame = alignment(Journey.from_template("restaurant-order"))
    assert list(frame.columns)[:4] == ["kind", "zone", "lane_id", "lane"]
    assert "message" in frame.columns


# ---------------------------------------------------------------- time and cost


def timed_blueprint() -> Journey:
    j = build_blueprint()
    j.annotate("customer", "fill-form", duration=(90, "seconds"))
    j.annotate(card="form", duration=(2, "minutes"), cost=(1.5, "EUR"), owner="Web team")
    j.annotate(card="review", duration=(1, "hours"), cost=(3, "USD"), owner="Back office", fail_point="Photo too dark")
    j.annotate("customer", "upload-id", wait_point="Waits for the agent")
    j.annotate(card="idcheck", duration=(0.5, "days"), owner="Back office")
    return j


def test_time_and_cost_per_step() -> None:
    frame = time_and_cost(timed_blueprint()).set_index("step_id")
    assert frame.loc["fill-form", "customer_time"] == 1.5
    assert frame.loc["fill-form", "frontstage_time"] == 2
    assert frame.loc["fill-form", "work_time"] == 2
    assert frame.loc["fill-form", "cost_EUR"] == 1.5
    assert frame.loc["fill-form", "cost_USD"] == 0
    assert frame.loc["upload-id", "backstage_time"] == 60
    assert frame.loc["upload-id", "support_time"] == 720
    assert frame.loc["upload-id", "work_time"] == 780
    assert frame.loc["upload-id", "waits"] == 1
    assert frame.loc["upload-id", "wait_notes"] == "Waits for the agent"
    assert frame.loc["upload-id", "fail_points"] == 1
    assert frame.loc["upload-id", "owners"] == "Back office"
    assert frame.loc["upload-id", "timed"] == 2
    assert frame.loc["first-login", "work_time"] == 0
    assert list(frame["cumulative_customer_time"]) == [1.5, 1.5, 1.5]
    assert frame.attrs["unit"] == "minutes"


def test_time_and_cost_per_stage_and_in_hours() -> None:
    frame = time_and_cost(timed_blueprint(), by="stage", unit="hours").set_index("stage_id")
    assert list(frame.index) == ["apply", "start"]
    assert frame.loc["apply", "steps"] == 2
    assert frame.loc["apply", "work_time"] == pytest.approx(2 / 60 + 1 + 12)
    assert frame.loc["apply", "customer_time"] == pytest.approx(90 / 3600)
    assert frame.loc["apply", "owners"] == "Web team; Back office"
    assert frame.loc["apply", "cost_USD"] == 3
    assert frame.loc["start", "timed"] == 0


def test_time_and_cost_refuses_unknown_units_and_groupings() -> None:
    with pytest.raises(JourneyError, match="unit must be one of seconds, minutes, hours, days, got 'weeks'"):
        time_and_cost(timed_blueprint(), unit="weeks")
    with pytest.raises(JourneyError, match="by must be 'step' or 'stage'"):
        time_and_cost(timed_blueprint(), by="lane")  # type: ignore[arg-type]


def test_time_chart_shows_both_sides_and_waits() -> None:
    spec = time_chart(timed_blueprint()).to_dict()
    bars, waits = spec["layer"]
    assert bars["encoding"]["xOffset"]["field"] == "side"
    (values,) = spec["datasets"].values()  # Altair gathers the inline rows into one named dataset
    by_key = {(v["step"], v["zone"]): v for v in values}
    assert by_key[("Upload ID", "Support")]["time"] == 720
    assert by_key[("Upload ID", "Customer")]["wait_notes"] == "Waits for the agent"
    assert waits["mark"]["type"] == "text"
    assert waits["encoding"]["text"] == {"value": "wait"}


durations = st.tuples(st.integers(1, 500), st.sampled_from(["seconds", "minutes", "hours", "days"]))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["customer", "front", "back", "support"]), st.integers(0, 2), durations)))
def test_every_duration_is_counted_once(annotations: list[tuple[str, int, tuple[int, str]]]) -> None:
    j = build_blueprint()
    steps = ["fill-form", "upload-id", "first-login"]
    seconds = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
    latest: dict[tuple[str, str], float] = {}
    for lane, step, (value, unit) in annotations:
        j.annotate(lane, steps[step], duration=(value, unit))
        latest[(lane, steps[step])] = value * seconds[unit]
    per_step = time_and_cost(j, unit="seconds")
    per_stage = time_and_cost(j, by="stage", unit="seconds")
    total = sum(latest.values())
    assert per_step["customer_time"].sum() + per_step["work_time"].sum() == pytest.approx(total)
    assert per_stage["work_time"].sum() == pytest.approx(per_step["work_time"].sum())
    hours = time_and_cost(j, unit="hours")
    assert (hours["work_time"] * 3600).to_numpy() == pytest.approx(per_step["work_time"].to_numpy())


# ---------------------------------------------------------------- critical path


def chain_blueprint() -> Journey:
    j = Journey("Chains")
    j.add_stage("All", steps=["One", "Two", "Three"])
    j.add_lane("Front", "cards", id="front", zone="frontstage")
    j.add_lane("Back", "cards", id="back", zone="backstage")
    for card, lane, step, minutes in [
        ("a", "front", "One", 2),
        ("b", "back", "One", None),
        ("c", "back", "Two", 5),
        ("d", "front", "Two", 10),
        ("e", "back", "Three", 1),
    ]:
        j.add_card(lane, step, card.upper(), id=card)
        if minutes:
            j.annotate(card=card, duration=(minutes, "minutes"))
    j.add_connection("a", "b", id="ab")
    j.add_connection("b", "c", id="bc", label="hands over")
    j.add_connection("d", "e", id="de")
    return j


def test_critical_path_is_the_longest_chain_by_duration() -> None:
    path = critical_path(chain_blueprint())
    assert list(path["card_id"]) == ["d", "e"]
    assert list(path["duration"]) == [10, 1]
    assert list(path["cumulative"]) == [10, 11]
    assert list(path["via"].fillna("-")) == ["-", "de"]
    assert path.attrs == {"total": 11.0, "unit": "minutes", "broken": []}


def test_critical_path_prefers_more_items_on_a_tie_and_names_the_connections() -> None:
    j = chain_blueprint()
    j.annotate(card="d", duration=(6, "minutes"))  # d -> e is now 7, a -> b -> c is 7 with three items
    path = critical_path(j, unit="seconds")
    assert list(path["card_id"]) == ["a", "b", "c"]
    assert list(path["via_label"].fillna("-")) == ["-", "-", "hands over"]
    assert path.attrs["total"] == 420


def test_a_loop_is_an_error_naming_it_or_is_broken_on_request() -> None:
    j = chain_blueprint()
    j.add_connection("c", "a", id="ca")
    with pytest.raises(CycleError, match=r"'A' → 'B' → 'C' → 'A' \(closed by connection 'ca'\)"):
        critical_path(j)
    path = critical_path(j, cycles="break")
    assert path.attrs["broken"] == ["ca"]
    assert list(path["card_id"]) == ["d", "e"]


def test_no_connections_no_path() -> None:
    j = chain_blueprint()
    for connection in ("ab", "bc", "de"):
        j.delete_connection(connection)
    path = critical_path(j)
    assert path.empty
    assert path.attrs["total"] == 0


def test_critical_path_of_the_restaurant_template() -> None:
    path = critical_path(Journey.from_template("restaurant-order"))
    assert list(path["card_id"]) == ["front-3", "support-3", "support-4", "back-4", "back-5", "front-4"]
    assert path.attrs["total"] == 22


@st.composite
def dags(draw: st.DrawFn) -> tuple[list[int], list[tuple[int, int]]]:
    n = draw(st.integers(2, 6))
    weights = draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
    pairs = [(i, k) for i in range(n) for k in range(i + 1, n)]
    edges = draw(st.lists(st.sampled_from(pairs), min_size=1, unique=True))
    return weights, edges


def _journey_of(weights: list[int], edges: list[tuple[int, int]]) -> Journey:
    j = Journey("Random")
    j.add_stage("All", steps=["S"])
    j.add_lane("Back", "cards", id="back", zone="backstage")
    for i, minutes in enumerate(weights):
        j.add_card("back", "S", f"card {i}", id=f"n{i}")
        if minutes:
            j.annotate(card=f"n{i}", duration=(minutes, "minutes"))
    for a, b in edges:
        j.add_connection(f"n{a}", f"n{b}")
    return j


@settings(max_examples=60, deadline=None)
@given(dags())
def test_critical_path_matches_brute_force(graph: tuple[list[int], list[tuple[int, int]]]) -> None:
    weights, edges = graph
    path = critical_path(_journey_of(weights, edges))
    nodes = [int(card[1:]) for card in path["card_id"]]
    assert all((a, b) in edges for a, b in itertools.pairwise(nodes))
    best = 0
    for length in range(2, len(weights) + 1):
        for combo in itertools.permutations(range(len(weights)), length):
            if all((a, b) in edges for a, b in itertools.pairwise(combo)):
                best = max(best, sum(weights[i] for i in combo))
    assert path.attrs["total"] == best


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 5), st.data())
def test_broken_loops_leave_a_real_chain(n: int, data: st.DataObject) -> None:
    pairs = [(a, b) for a in range(n) for b in range(n) if a != b]
    edges = data.draw(st.lists(st.sampled_from(pairs), min_size=1, unique=True))
    path = critical_path(_journey_of([1] * n, edges), cycles="break")
    nodes = [int(card[1:]) for card in path["card_id"]]
    assert len(set(nodes)) == len(nodes)
    assert all((a, b) in edges for a, b in itertools.pairwise(nodes))


# ---------------------------------------------------------------- fail points


def test_fail_points_sit_beside_the_emotion_and_metrics_of_their_step() -> None:
    j = timed_blueprint()
    j.add_persona("Ben", id="ben")
    j.add_lane("Drop-off", "metric", id="drop", unit="%", format="percent")
    for step, ana, ben, drop in [("fill-form", 4, 3, 5), ("upload-id", 2, 3, 30), ("first-login", 4, 4, 2)]:
        j.set_cell("emotion", step, ana, persona="persona")
        j.set_cell("emotion", step, ben, persona="ben")
        j.set_cell("drop", step, drop)
    j.annotate("customer", "first-login", fail_point="Password rules unclear")
    frame = fail_points(j)
    assert list(frame["fail_note"]) == ["Photo too dark", "Password rules unclear"]
    first = frame.iloc[0]
    assert (first["step_id"], first["zone"], first["card_id"], first["owner"]) == (
        "upload-id",
        "backstage",
        "review",
        "Back office",
    )
    assert first["Emotion: Ana"] == 2
    assert first["Emotion: Ana change"] == -2
    assert first["Emotion: Ben"] == 3
    assert first["Emotion: Ben change"] == 0
    assert first["Drop-off"] == 30
    second = frame.iloc[1]
    assert pd.isna(second["card_id"])
    assert second["lane_id"] == "customer"
    assert second["Emotion: Ana change"] == 2


def test_fail_points_of_a_step_without_emotion_are_nan() -> None:
    frame = fail_points(timed_blueprint())
    assert math.isnan(frame.iloc[0]["Emotion: Ana"])
    assert list(frame.columns)[-2:] == ["Emotion: Ana", "Emotion: Ana change"]


def test_no_fail_points_gives_an_empty_frame_with_columns() -> None:
    frame = fail_points(build_blueprint())
    assert frame.empty
    assert "fail_note" in frame.columns


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("template", ["service-blueprint", "restaurant-order"])
def test_analysis_survives_a_save_and_load(template: str, tmp_path: Path) -> None:
    j = Journey.from_template(template)
    loaded = Journey.load(j.save(tmp_path / "map.json"))
    for analyse in (alignment, time_and_cost, critical_path, fail_points):
        pd.testing.assert_frame_equal(analyse(loaded), analyse(j))
