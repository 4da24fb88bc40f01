"""The input is never pulled into Python: a polars query is collected once, for the small result,
and a DuckDB relation far larger than the memory the computation takes stays in DuckDB.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from jmwidget.data import counts, funnel, survey

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def collected(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The height of every frame a polars query is collected into; converting a frame to pandas fails."""
    heights: list[int] = []
    collect = pl.LazyFrame.collect

    def counted(self: pl.LazyFrame, *args: Any, **kwargs: Any) -> pl.DataFrame:
        result = collect(self, *args, **kwargs)
        heights.append(result.height)
        return result

    def refused(self: pl.DataFrame, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a {self.height}-row polars frame was converted to pandas")

    monkeypatch.setattr(pl.LazyFrame, "collect", counted)
    monkeypatch.setattr(pl.DataFrame, "to_pandas", refused)
    return heights


def big_lazy_log(cases: int = 20_000) -> pl.LazyFrame:
    """Every case: visit, sign-up (two in three), pay (one in three); built lazily."""
    index = pl.int_range(0, cases * 3, eager=False)
    return (
        pl.LazyFrame({"dummy": [0]})
        .select(index.alias("i"))
        .with_columns(
            user=pl.format("u{}", pl.col("i") // 3),
            event=pl.col("i").mod(3).replace_strict({0: "visit", 1: "signup", 2: "pay"}, return_dtype=pl.String),
            at=pl.datetime(2024, 5, 1) + pl.duration(seconds=pl.col("i") * 10),
            keep=(pl.col("i") // 3).mod(3) + pl.col("i").mod(3),
        )
        .filter(pl.col("keep") <= 2)  # case % 3 == 0 keeps all three events, 1 keeps two, 2 keeps one
        .drop("keep", "i")
    )


@pytest.mark.parametrize(
    ("compute", "rows"),
    [
        (
            lambda f: funnel(
                f, steps={"v": "visit", "s": "signup", "p": "pay"}, case="user", event="event", timestamp="at"
            ),
            3,
        ),
        (lambda f: survey(f.with_columns(score=pl.col("at").dt.second()), step="event", score="score"), 3),
        (lambda f: counts(f, step="event", category="user", top=2), 3),
    ],
)
def test_a_polars_query_is_collected_once_into_the_small_result(
    collected: list[int], compute: Callable[[pl.LazyFrame], Any], rows: int
) -> None:
    table = compute(big_lazy_log())
    assert len(table) == rows
    assert len(collected) == 1, "the query ran more than once"
    assert collected[0] <= 6, f"{collected[0]} rows came out of polars"


def test_the_lazy_funnel_gives_the_expected_numbers(collected: list[int]) -> None:
    steps = {"v": "visit", "s": "signup", "p": "pay"}
    table = funnel(big_lazy_log(30), steps=steps, case="user", event="event", timestamp="at", backend="polars")
    assert table["reached"].to_list() == [30, 20, 10]
    assert table["median_time_to_next"].to_list() == [10.0, 10.0, None]


_DUCKDB_PEAK = """
import json, resource, sys
import duckdb
from jmwidget.data import funnel

rows = int(sys.argv[1])
connection = duckdb.connect()
connection.execute("SET threads TO 2")
connection.execute("SET enable_progress_bar = false")
names = ['visit', 'signup', 'help', 'verify', 'pay', 'scroll', 'click', 'search']
events = connection.sql(f'''
    SELECT 'user-' || (i // 40)::VARCHAR AS user,
           {names}[1 + (hash(i) % 8)::INTEGER] AS event,
           TIMESTAMP '2024-05-01' + to_seconds((i % 40) * 60 + (hash(i * 7) % 50)::INTEGER) AS at
    FROM range({rows}) AS t(i)
''')
sample = events.limit(100_000).df()
per_row = sample.memory_usage(deep=True).sum() / len(sample)
del sample
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
steps = {"visit": "visit", "signup": "signup", "verify": "verify", "pay": "pay"}
table = funnel(events, steps=steps, case="user", event="event", timestamp="at")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"grew": after - before, "input": per_row * rows, "reached": table["reached"].tolist()}))
"""


def test_a_duckdb_relation_stays_in_duckdb() -> None:
    """A funnel over 2 million generated events (40 per case; about 270 MB as a pandas frame) grows
    the process by a small part of that: DuckDB's own working memory, never the rows."""
    rows = 2_000_000
    script = textwrap.dedent(_DUCKDB_PEAK)
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(rows)], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    assert measured["reached"][0] > 45_000
    assert measured["input"] > 200e6
    assert measured["grew"] < measured["input"] / 5, measured
