"""jmwidget.data.funnel on small hand-made logs, each answer worked out by hand."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import polars as pl
import pytest

from jmwidget import JourneyError
from jmwidget.data import FUNNEL_COLUMNS, DataWarning, funnel

START = pd.Timestamp("2024-05-01 09:00")
STEPS = {"visit": "visit", "signup": "signup", "pay": "pay"}


def log(*events: tuple[str, str, float]) -> pd.DataFrame:
    """``(case, event, minutes after START)`` rows as an event log."""
    return pd.DataFrame(
        {
            "user": [e[0] for e in events],
            "event": [e[1] for e in events],
            "at": [START + pd.Timedelta(minutes=e[2]) for e in events],
        }
    )


def run(events: Any, steps: dict[str, Any] | None = None, **options: Any) -> pd.DataFrame:
    return funnel(events, steps=steps or STEPS, case="user", event="event", timestamp="at", **options)


def reached(table: pd.DataFrame) -> list[int]:
    return table["reached"].tolist()


def test_the_table_has_one_row_per_step_in_the_order_given_with_the_keys_as_given() -> None:
    events = log(("a", "pay", 0), ("a", "visit", 1), ("a", "signup", 2), ("a", "pay", 3))
    steps = {"step-pay-id": "visit", "Sign up": "signup", "3": "pay"}
    table = run(events, steps)
    assert list(table.columns) == list(FUNNEL_COLUMNS)
    assert table["step"].tolist() == ["step-pay-id", "Sign up", "3"]
    assert reached(table) == [1, 1, 1]


def test_an_event_of_a_later_step_before_the_earlier_step_does_not_count() -> None:
    events = log(
        ("a", "signup", 0),  # before a's visit: does not count
        ("a", "visit", 5),
        ("b", "signup", 0),  # b signs up, then visits, and never signs up again
        ("b", "visit", 10),
        ("c", "visit", 0),
        ("c", "signup", 7),
        ("c", "pay", 3),  # between c's visit and sign-up: does not count for pay
    )
    table = run(events)
    assert reached(table) == [3, 1, 0]
    assert table["drop_off"].tolist() == [0, 2, 1]
    assert table["median_time_to_next"][0] == 420.0  # c: visit at 0, sign-up at 7
    assert math.isnan(table["median_time_to_next"][1])


def test_an_event_at_the_same_time_as_the_previous_step_counts() -> None:
    table = run(log(("a", "visit", 0), ("a", "signup", 0), ("a", "pay", 0)))
    assert reached(table) == [1, 1, 1]
    assert table["median_time_to_next"].tolist()[:2] == [0.0, 0.0]


def test_repeated_events_the_first_visit_starts_the_case_and_the_first_later_signup_counts() -> None:
    events = log(
        ("a", "visit", 0),
        ("a", "visit", 30),
        ("a", "signup", 40),
        ("a", "signup", 50),
        ("a", "pay", 45),
        ("a", "pay", 70),
    )
    table = run(events)
    assert reached(table) == [1, 1, 1]
    # visit at 0 -> sign-up at 40 -> pay at 45 (the first pay at or after the sign-up)
    assert table["median_time_to_next"].tolist()[:2] == [2400.0, 300.0]


def test_a_window_counts_from_the_first_step_and_includes_its_end() -> None:
    events = log(
        ("a", "visit", 0),
        ("a", "signup", 30),
        ("a", "pay", 60),  # exactly at the window's end: counts
        ("b", "visit", 0),
        ("b", "signup", 30),
        ("b", "pay", 61),  # a minute too late
        ("c", "visit", 0),
        ("c", "signup", 90),  # too late for the sign-up, so pay cannot count either
        ("c", "pay", 95),
    )
    assert reached(run(events, window=3600)) == [3, 2, 1]
    assert reached(run(events, window=dt.timedelta(hours=1))) == [3, 2, 1]
    assert reached(run(events, window=pd.Timedelta(minutes=61))) == [3, 2, 2]
    assert reached(run(events)) == [3, 3, 3]


def test_a_window_does_not_move_the_start_to_a_later_first_step_event() -> None:
    # The case starts at its first visit; a second visit later does not open a new window.
    events = log(("a", "visit", 0), ("a", "visit", 100), ("a", "signup", 110))
    assert reached(run(events, {"visit": "visit", "signup": "signup"}, window=3600)) == [1, 0]


def test_several_event_names_mark_one_step_and_the_earliest_after_the_previous_step_counts() -> None:
    steps = {"Arrive": ["visit", "open_app"], "Sign up": ["signup", "signup_google"], "Pay": "pay"}
    events = log(
        ("a", "open_app", 0),
        ("a", "signup_google", 10),
        ("a", "signup", 20),
        ("a", "pay", 25),
        ("b", "visit", 0),
        ("b", "signup", 5),
        ("c", "open_app", 3),
    )
    table = run(events, steps)
    assert reached(table) == [3, 2, 1]
    assert table["median_time_to_next"].tolist()[:2] == [450.0, 900.0]  # (600 + 300) / 2; pay 15 min after sign-up


def test_conversions_drop_off_and_the_first_step() -> None:
    events = log(
        *[(f"u{i}", "visit", 0) for i in range(10)],
        *[(f"u{i}", "signup", 1) for i in range(4)],
        *[(f"u{i}", "pay", 2) for i in range(3)],
    )
    table = run(events)
    assert reached(table) == [10, 4, 3]
    assert table["conversion"].tolist() == [1.0, 0.4, 0.75]
    assert table["overall_conversion"].tolist() == [1.0, 0.4, 0.3]
    assert table["drop_off"].tolist() == [0, 6, 1]
    assert table["reached"].dtype == "int64"
    assert table["drop_off"].dtype == "int64"


def test_a_step_nobody_reaches_leaves_the_next_conversion_missing() -> None:
    events = log(("a", "signup", 0), ("a", "visit", 1), ("b", "visit", 0), ("b", "pay", 3))
    table = run(events)
    assert reached(table) == [2, 0, 0]
    assert table["conversion"][1] == 0.0
    assert math.isnan(table["conversion"][2])  # 0 of 0
    assert table["overall_conversion"].tolist() == [1.0, 0.0, 0.0]
    assert table["median_time_to_next"].isna().all()


def test_time_to_next_median_and_p90_among_cases_that_go_on() -> None:
    minutes = [1, 2, 3, 4, 5, 10, 15, 20, 25, 50]  # visit -> sign-up, ten cases
    events = log(
        *[(f"u{i}", "visit", 0) for i in range(12)],  # u10 and u11 never sign up
        *[(f"u{i}", "signup", m) for i, m in enumerate(minutes)],
    )
    table = run(events, {"visit": "visit", "signup": "signup"})
    assert table["median_time_to_next"][0] == pytest.approx(450.0)  # (5 + 10) / 2 minutes
    assert table["p90_time_to_next"][0] == pytest.approx(1650.0)  # 25 + 0.1 * (50 - 25) minutes
    assert math.isnan(table["median_time_to_next"][1])  # the last step has no next
    assert math.isnan(table["p90_time_to_next"][1])


def test_sub_second_times_are_kept() -> None:
    events = pd.DataFrame(
        {
            "user": ["a", "a"],
            "event": ["visit", "signup"],
            "at": pd.to_datetime(["2024-05-01 09:00:00.250", "2024-05-01 09:00:01.750"]),
        }
    )
    assert run(events, {"visit": "visit", "signup": "signup"})["median_time_to_next"][0] == pytest.approx(1.5)


def test_numbers_are_read_as_seconds() -> None:
    events = pd.DataFrame({"user": [1, 1, 2], "event": ["visit", "signup", "visit"], "at": [100, 160.5, 5]})
    table = run(events, {"visit": "visit", "signup": "signup"})
    assert reached(table) == [2, 1]
    assert table["median_time_to_next"][0] == 60.5


def test_zoned_timestamps_are_compared_as_instants() -> None:
    # 10:30 in Paris (UTC+2 in May) is 08:30 UTC: before 09:00 UTC, so the sign-up does not count.
    at = pd.to_datetime(["2024-05-01 09:00+00:00", "2024-05-01 10:30+02:00", "2024-05-01 11:30+02:00"], utc=True)
    events = pd.DataFrame({"user": ["a", "a", "a"], "event": ["visit", "signup", "pay"], "at": at})
    events["at"] = events["at"].dt.tz_convert("Europe/Paris")
    table = run(events)
    assert reached(table) == [1, 0, 0]
    events.loc[1, "event"] = "other"
    events.loc[2, "event"] = "signup"
    assert run(events, {"visit": "visit", "signup": "signup"})["median_time_to_next"][0] == 1800.0


def test_rows_without_a_case_or_a_time_are_ignored() -> None:
    events = log(("a", "visit", 0), ("b", "visit", 0), ("a", "signup", 5))
    events.loc[1, "user"] = None
    events = pd.concat([events, pd.DataFrame({"user": ["c"], "event": ["visit"], "at": [pd.NaT]})], ignore_index=True)
    assert reached(run(events, {"visit": "visit", "signup": "signup"})) == [1, 1]


def test_polars_in_and_polars_out() -> None:
    events = pl.DataFrame(
        {
            "user": ["a", "a", "b"],
            "event": ["visit", "signup", "visit"],
            "at": [dt.datetime(2024, 5, 1, 9), dt.datetime(2024, 5, 1, 9, 5), dt.datetime(2024, 5, 1, 9)],
        }
    )
    table = run(events.lazy(), {"visit": "visit", "signup": "signup"}, backend="polars")
    assert isinstance(table, pl.DataFrame)
    assert table["reached"].to_list() == [2, 1]
    assert table["median_time_to_next"].to_list() == [300.0, None]


# ---------------------------------------------------------------------------------------- errors


def test_an_unknown_column_is_named() -> None:
    with pytest.raises(JourneyError, match=r"no column 'usr' \(case=\).*did you mean 'user'"):
        funnel(log(("a", "visit", 0)), steps=STEPS, case="usr", event="event", timestamp="at")


def test_a_step_none_of_whose_events_occur_is_an_error_with_a_suggestion() -> None:
    events = log(("a", "visit", 0), ("a", "sign_up", 1))
    with pytest.raises(JourneyError, match=r"no event of step 'signup' \('signup'\) occurs.*did you mean 'sign_up'"):
        run(events, {"visit": "visit", "signup": "signup"})


def test_an_event_name_that_never_occurs_beside_others_is_a_warning() -> None:
    events = log(("a", "visit", 0), ("a", "signup", 1))
    with pytest.warns(DataWarning, match=r"event 'signup_googel' of step 'signup' never occurs"):
        table = run(events, {"visit": "visit", "signup": ["signup", "signup_googel"]})
    assert reached(table) == [1, 1]


def test_an_event_listed_under_two_steps_is_refused() -> None:
    with pytest.raises(JourneyError, match=r"event 'visit' is listed under two steps, 'a' and 'b'"):
        funnel("events", steps={"a": "visit", "b": ["signup", "visit"]}, case="u", event="e", timestamp="t")


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ({}, "steps must map each step"),
        ({"a": []}, "step 'a' must list one or more event names"),
        ({"a": ["x", 3]}, "step 'a' must list one or more event names"),
        ({1: "x"}, "step keys must be strings"),
    ],
)
def test_bad_steps_are_refused(steps: Any, message: str) -> None:
    with pytest.raises(JourneyError, match=message):
        funnel("events", steps=steps, case="u", event="e", timestamp="t")


def test_columns_of_the_wrong_kind_are_refused() -> None:
    events = pd.DataFrame({"user": ["a"], "code": [1], "at": ["2024-05-01"], "event": ["visit"]})
    with pytest.raises(JourneyError, match=r"column 'code' \(event=\) holds Int64, not event names"):
        funnel(events, steps={"v": "visit"}, case="user", event="code", timestamp="at")
    with pytest.raises(JourneyError, match=r"column 'at' holds String, not timestamps"):
        funnel(events, steps={"v": "visit"}, case="user", event="event", timestamp="at")


@pytest.mark.parametrize("window", [-1, float("nan"), "1h", True])
def test_a_bad_window_is_refused(window: Any) -> None:
    with pytest.raises(JourneyError, match="window must be"):
        funnel("events", steps=STEPS, case="u", event="e", timestamp="t", window=window)


def test_not_a_frame_and_a_bad_backend_are_refused() -> None:
    with pytest.raises(JourneyError, match=r"takes a dataframe .* or a source name \(a string\), got list"):
        funnel([1, 2], steps=STEPS, case="u", event="e", timestamp="t")
    with pytest.raises(JourneyError, match="backend must be one of pandas, polars"):
        run(log(("a", "visit", 0)), backend="excel")
