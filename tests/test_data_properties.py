"""Properties of jmwidget.data.funnel on random small logs, and a plain-Python statement of its rule."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import statistics
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from jmwidget import JourneyError
from jmwidget.data import funnel

STEPS = {"A": ["a1", "a2"], "B": "b", "C": "c", "D": "d"}
NAMES = ["a1", "a2", "b", "c", "d", "noise"]


def reach_times(columns: Mapping[str, Sequence[Any]], steps: Sequence[Any], window: float | None) -> list[list[float]]:
    """The ordered-funnel rule as a loop: per case, the times it reached each step (as far as it got)."""
    by_case: dict[Any, list[tuple[float, str]]] = {}
    for case, name, at in zip(columns["user"], columns["event"], columns["at"], strict=True):
        seconds = at.timestamp() if isinstance(at, dt.datetime) else float(at)
        by_case.setdefault(case, []).append((seconds, name))
    reached = []
    for events in by_case.values():
        times: list[float] = []
        for names in steps:
            wanted = {names} if isinstance(names, str) else set(names)
            after = [t for t, n in events if n in wanted and (not times or t >= times[-1])]
            after = [t for t in after if not times or window is None or t <= times[0] + window]
            if not after:
                break
            times.append(min(after))
        reached.append(times)
    return reached


def reference_reached(
    columns: Mapping[str, Sequence[Any]], steps: Sequence[Any], window: float | None = None
) -> list[int]:
    """Cases reaching each step, by the loop above."""
    times = reach_times(columns, steps, window)
    return [sum(len(t) > k for t in times) for k in range(len(steps))]


logs = st.lists(
    st.tuples(st.sampled_from("pqrstu"), st.sampled_from(NAMES), st.integers(0, 40)),
    min_size=1,
    max_size=40,
).map(lambda rows: {"user": [r[0] for r in rows], "event": [r[1] for r in rows], "at": [r[2] for r in rows]})


def run(frame: Any, window: int | None) -> pd.DataFrame | str:
    """The funnel, or the error's message (a step whose events are all absent is an error by design)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return funnel(frame, steps=STEPS, case="user", event="event", timestamp="at", window=window)
        except JourneyError as error:
            return str(error)


@settings(max_examples=80, deadline=None)
@given(columns=logs, window=st.one_of(st.none(), st.integers(0, 30)))
def test_random_logs_keep_the_funnels_invariants_in_pandas_and_polars(
    columns: dict[str, list[Any]], window: int | None
) -> None:
    table = run(pd.DataFrame(columns), window)
    present = set(columns["event"])
    if isinstance(table, str):
        assert "occurs in the data" in table
        assert any(not present & ({n} if isinstance(n, str) else set(n)) for n in STEPS.values())
        return
    reached = table["reached"].tolist()
    assert reached == reference_reached(columns, list(STEPS.values()), window)
    assert all(a >= b for a, b in itertools.pairwise(reached))
    assert table["drop_off"].tolist() == [0] + [a - b for a, b in itertools.pairwise(reached)]
    for column in ("conversion", "overall_conversion"):
        assert all(0.0 <= c <= 1.0 for c in table[column] if not math.isnan(c))
    assert table["conversion"][0] == 1.0
    _check_times(table, reach_times(columns, list(STEPS.values()), window))
    polars_table = run(pl.DataFrame(columns).lazy(), window)
    assert isinstance(polars_table, pd.DataFrame)
    pd.testing.assert_frame_equal(polars_table, table)


def _check_times(table: pd.DataFrame, times: list[list[float]]) -> None:
    for k in range(len(STEPS) - 1):
        deltas = [t[k + 1] - t[k] for t in times if len(t) > k + 1]
        median, p90 = table["median_time_to_next"][k], table["p90_time_to_next"][k]
        if deltas:
            assert median == statistics.median(deltas)
            assert math.isclose(p90, float(np.percentile(deltas, 90)), abs_tol=1e-9)
        else:
            assert math.isnan(median)
            assert math.isnan(p90)
