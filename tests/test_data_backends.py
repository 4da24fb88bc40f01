"""The same generated data through every engine gives the same numbers: pandas, polars (eager and
lazy), a DuckDB relation and a PySpark DataFrame (local mode, one module-scoped session).

PySpark needs Java: ``scripts/setup.sh`` installs Debian's JRE when ``java`` is missing, and these
tests never skip.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pytest

from jmwidget import Journey
from jmwidget.data import counts, funnel, survey

from .test_data_properties import reference_reached

# PySpark's own warnings about pandas 3 (it converts the small results to pandas).
pytestmark = [
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]

Columns = dict[str, list[Any]]
BACKENDS = ("pandas", "polars", "polars-lazy", "duckdb", "pyspark")
STEPS = {"Visit": ["visit", "landing"], "Sign up": ["signup", "signup_google"], "Verify": "verify", "Pay": "pay"}
FUNNEL = {"steps": STEPS, "case": "user", "event": "event", "timestamp": "at"}


def event_log(cases: int = 400, seed: int = 7) -> Columns:
    """Cases that wander through the steps, out of order at times, with repeats, noise events and ties."""
    rng = random.Random(seed)
    names = ["visit", "landing", "signup", "signup_google", "verify", "pay", "help", "logout"]
    rows: list[tuple[str, str, dt.datetime]] = []
    for case in range(cases):
        at = dt.datetime(2024, 5, 1) + dt.timedelta(seconds=rng.randrange(0, 86_400 * 3))
        for _ in range(rng.randrange(1, 9)):
            at += dt.timedelta(seconds=rng.choice([0, 1, 30, 300, 1800, rng.randrange(1, 20_000)]) + 0.25)
            rows.append((f"u{case}", rng.choices(names, weights=[6, 2, 4, 1, 3, 2, 2, 1])[0], at))
    rng.shuffle(rows)
    return {"user": [r[0] for r in rows], "event": [r[1] for r in rows], "at": [r[2] for r in rows]}


def responses(seed: int = 11) -> Columns:
    rng = random.Random(seed)
    rows = [
        (rng.choice(["Visit", "Sign up", "Pay", "Ship"]), rng.choice(["free", "pro", "team"]), rng.randrange(0, 11))
        for _ in range(500)
    ]
    rows += [("Ship", "solo", 7), ("Pay", "team", None)]  # a group of one; a missing score
    return {"step": [r[0] for r in rows], "plan": [r[1] for r in rows], "score": [r[2] for r in rows]}


def tickets(seed: int = 5) -> Columns:
    rng = random.Random(seed)
    topics = ["billing", "card", "delivery", "login", "refund", None]
    rows = [(rng.choice(["Pay", "Ship", "Sign up"]), rng.choice(topics)) for _ in range(300)]
    return {"step": [r[0] for r in rows], "topic": [r[1] for r in rows]}


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local Spark session for the module: one core, no UI, one shuffle partition, UTC; the
    JVM compiles with its quick compiler only (C1), which roughly halves start-up and first queries."""
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("jmwidget-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "false")
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(params=BACKENDS)
def to_frame(request: pytest.FixtureRequest) -> Callable[[Columns, str], Any]:
    """Columns -> a frame of the parametrised engine; the Spark session starts only for Spark."""
    backend: str = request.param
    session = request.getfixturevalue("spark") if backend == "pyspark" else None
    connection = duckdb.connect() if backend == "duckdb" else None

    def make(columns: Columns, spark_schema: str) -> Any:
        if backend == "pandas":
            return pd.DataFrame(columns)
        if backend in ("polars", "polars-lazy"):
            frame = pl.DataFrame(columns, strict=False)
            return frame.lazy() if backend == "polars-lazy" else frame
        if backend == "duckdb":
            assert connection is not None
            return connection.from_df(pd.DataFrame(columns))
        assert session is not None
        return session.createDataFrame(list(zip(*columns.values(), strict=True)), schema=spark_schema)

    return make


EVENTS_SCHEMA = "user string, event string, at timestamp"


def test_funnel_is_the_same_everywhere(to_frame: Callable[[Columns, str], Any]) -> None:
    data = event_log()
    expected = funnel(pd.DataFrame(data), **FUNNEL)
    assert expected["reached"].tolist()[0] > expected["reached"].tolist()[-1] > 0
    pd.testing.assert_frame_equal(funnel(to_frame(data, EVENTS_SCHEMA), **FUNNEL), expected, rtol=1e-9)


def test_funnel_with_a_window_is_the_same_everywhere(to_frame: Callable[[Columns, str], Any]) -> None:
    data = event_log(seed=3)
    expected = funnel(pd.DataFrame(data), **FUNNEL, window=dt.timedelta(hours=2))
    assert expected["reached"].tolist() != funnel(pd.DataFrame(data), **FUNNEL)["reached"].tolist()
    actual = funnel(to_frame(data, EVENTS_SCHEMA), **FUNNEL, window=7200)
    pd.testing.assert_frame_equal(actual, expected, rtol=1e-9)


def test_survey_is_the_same_everywhere(to_frame: Callable[[Columns, str], Any]) -> None:
    data = responses()
    options: dict[str, Any] = {"step": "step", "score": "score", "segment": "plan", "scale": ((0, 10), (1, 5))}
    expected = survey(pd.DataFrame(data), **options)
    assert len(expected) == 13  # 4 steps x 3 plans, and one answer from a fourth plan
    actual = survey(to_frame(data, "step string, plan string, score int"), **options)
    pd.testing.assert_frame_equal(actual, expected, rtol=1e-9)


def test_counts_are_the_same_everywhere(to_frame: Callable[[Columns, str], Any]) -> None:
    data = tickets()
    expected = counts(pd.DataFrame(data), step="step", category="topic", top=3)
    assert expected["count"].sum() == 300
    actual = counts(to_frame(data, "step string, topic string"), step="step", category="topic", top=3)
    pd.testing.assert_frame_equal(actual, expected)


def test_the_pandas_answer_is_the_rule_worked_out_in_plain_python() -> None:
    """The reference for every engine above, checked against the rule written as a loop."""
    data = event_log()
    table = funnel(pd.DataFrame(data), **FUNNEL, window=5000)
    assert table["reached"].tolist() == reference_reached(data, list(STEPS.values()), window=5000)


def bound_journey() -> Journey:
    """A map of the funnel's steps with a metric lane per funnel column, emotion and ticket cards, all bound."""
    journey = Journey("Sign-up", persona="Ana")
    journey.add_stage("Join", steps=[*STEPS, "Ship"])
    journey.add_lane("Users", "metric", format="count")
    journey.add_lane("Conversion", "metric", unit="%", format="percent")
    journey.add_lane("Time to next", "metric", format="seconds")
    journey.add_lane("Emotion", "emotion")
    journey.add_lane("Tickets", "cards")
    later = funnel("events", **FUNNEL)
    journey.bind("Users", later, column="reached")
    journey.bind("Conversion", later, column="conversion")
    journey.bind("Time to next", later, column="median_time_to_next")
    journey.bind("Emotion", survey("answers", step="step", score="score", scale=((0, 10), (1, 5))), column="mean")
    journey.bind("Tickets", counts("tickets", step="step", category="topic", top=2), column="top")
    return journey


def test_a_refresh_from_any_engine_writes_what_pandas_writes(to_frame: Callable[[Columns, str], Any]) -> None:
    """The same refresh call on every engine: after the pandas one, it is no change at all."""
    journey = bound_journey()
    frames = {"events": event_log(), "answers": responses(), "tickets": tickets()}
    journey.refresh(**{name: pd.DataFrame(columns) for name, columns in frames.items()})
    assert journey.get_cell("Users", "Visit") > journey.get_cell("Users", "Pay") > 0
    assert journey.evidence("Emotion", "Pay")["n"] > 0
    revision, document = journey.revision, journey.to_dict()
    schemas = {
        "events": EVENTS_SCHEMA,
        "answers": "step string, plan string, score int",
        "tickets": "step string, topic string",
    }
    report = journey.refresh(**{name: to_frame(columns, schemas[name]) for name, columns in frames.items()})
    assert report.changed == []
    assert report.kept == []
    assert journey.revision == revision
    assert journey.to_dict() == document
