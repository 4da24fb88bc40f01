"""Benchmark ``jmwidget.data.funnel`` on a 10-million-event log against hand-written SQL (not a test).

A generated onboarding log (500,000 users, 20 events each: six funnel steps among page views,
clicks and searches, some out of order) is written to Parquet in a temporary folder. Then, in
one run, the ways take turns, each in a fresh subprocess that reports its own time and peak
memory:

* ``sql``: a hand-written DuckDB query over the Parquet file computing the same table: the floor;
* ``duckdb``: ``funnel`` on ``duckdb.read_parquet(path)`` (a lazy relation);
* ``polars``: ``funnel`` on ``pl.scan_parquet(path)`` (a LazyFrame);
* ``pandas``: ``funnel`` on the log loaded into pandas (the load is timed apart).

Each child measures wall and CPU time around the computation alone and its peak resident memory
(``getrusage(RUSAGE_SELF).ru_maxrss``) at the end, beside the baseline after its imports. The
parent prints medians, the median of each round's ratio to ``sql``, checks that every way gives
the SQL's table, and writes ``bench/results/<date>-funnel.json``.

Usage: ``.venv/bin/python bench/bench_funnel.py [--events 10000000] [--repeat 5] [--out PATH]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WAYS = ("sql", "duckdb", "polars", "pandas")
STEPS = {
    "Visit": ["visit", "landing"],
    "Sign up": ["signup"],
    "Verify email": ["verify_email"],
    "Create project": ["create_project"],
    "Invite": ["invite_teammate"],
    "Pay": ["subscribe"],
}

# Every 20 rows are one user's events, 0-19 in order; every third slot up to the user's depth
# (0-6, from a hash) is the next funnel step, the rest noise (page views, clicks, ... and now and
# then a second visit or landing). Times step a random 1-11 minutes per slot from a random start
# in January, so a user's slots are not always in time order.
GENERATE = """
COPY (
    SELECT printf('user_%07d', i // 20) AS user_id,
           CASE WHEN (i % 20) % 3 = 0 AND (i % 20) // 3 < hash((i // 20) * 31) % 7
                THEN ['visit', 'signup', 'verify_email', 'create_project', 'invite_teammate', 'subscribe']
                     [1 + (i % 20) // 3]
                ELSE ['page_view', 'page_view', 'click', 'search', 'help', 'landing', 'visit', 'settings']
                     [1 + (hash(i * 13) % 8)::INTEGER]
           END AS event,
           TIMESTAMP '2024-01-01'
               + to_seconds((hash(i // 20) % 2592000)::BIGINT + (i % 20) * (60 + (hash(i) % 600)::BIGINT)) AS "at"
    FROM range({events}) AS t(i)
) TO '{path}' (FORMAT parquet)
"""

# The floor: the ordered funnel as an analyst would write it for DuckDB. Each step joins the
# cases that reached the step before to their events of this step at or after that time.
FLOOR = """
WITH e AS (
    SELECT user_id AS c, event AS e, epoch("at") AS t
    FROM read_parquet('{path}')
    WHERE event IN ('visit', 'landing', 'signup', 'verify_email', 'create_project', 'invite_teammate', 'subscribe')
),
s0 AS (SELECT c, min(t) AS t0 FROM e WHERE e IN ('visit', 'landing') GROUP BY c),
s1 AS (
    SELECT s0.c, min(e.t) AS t1 FROM s0 JOIN e ON e.c = s0.c AND e.e = 'signup' AND e.t >= s0.t0 GROUP BY s0.c
),
s2 AS (
    SELECT s1.c, min(e.t) AS t2 FROM s1 JOIN e ON e.c = s1.c AND e.e = 'verify_email' AND e.t >= s1.t1 GROUP BY s1.c
),
s3 AS (
    SELECT s2.c, min(e.t) AS t3 FROM s2 JOIN e ON e.c = s2.c AND e.e = 'create_project' AND e.t >= s2.t2 GROUP BY s2.c
),
s4 AS (
    SELECT s3.c, min(e.t) AS t4 FROM s3 JOIN e ON e.c = s3.c AND e.e = 'invite_teammate' AND e.t >= s3.t3 GROUP BY s3.c
),
s5 AS (
    SELECT s4.c, min(e.t) AS t5 FROM s4 JOIN e ON e.c = s4.c AND e.e = 'subscribe' AND e.t >= s4.t4 GROUP BY s4.c
),
wide AS (
    SELECT * FROM s0 LEFT JOIN s1 USING (c) LEFT JOIN s2 USING (c) LEFT JOIN s3 USING (c)
    LEFT JOIN s4 USING (c) LEFT JOIN s5 USING (c)
),
counts AS (
    SELECT count(t0) AS n0, count(t1) AS n1, count(t2) AS n2, count(t3) AS n3, count(t4) AS n4, count(t5) AS n5,
           median(t1 - t0) AS m0, quantile_cont(t1 - t0, 0.9) AS p0,
           median(t2 - t1) AS m1, quantile_cont(t2 - t1, 0.9) AS p1,
           median(t3 - t2) AS m2, quantile_cont(t3 - t2, 0.9) AS p2,
           median(t4 - t3) AS m3, quantile_cont(t4 - t3, 0.9) AS p3,
           median(t5 - t4) AS m4, quantile_cont(t5 - t4, 0.9) AS p4
    FROM wide
)
SELECT k AS step_index, reached, prev, first, median_time_to_next, p90_time_to_next
FROM counts, (VALUES
    (0, n0, n0, n0, m0, p0), (1, n1, n0, n0, m1, p1), (2, n2, n1, n0, m2, p2),
    (3, n3, n2, n0, m3, p3), (4, n4, n3, n0, m4, p4), (5, n5, n4, n0, NULL, NULL)
) AS v(k, reached, prev, first, median_time_to_next, p90_time_to_next)
ORDER BY k
"""


def _plain(value: Any) -> Any:
    """NaN -> None, as the SQL's rows say it."""
    return None if isinstance(value, float) and math.isnan(value) else value


def _rss() -> int:
    """Peak resident memory of this process so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(way: str, path: str) -> dict[str, Any]:
    """One measurement, in a fresh process: the computation's wall and CPU time and the peak memory."""
    import duckdb
    import polars as pl

    from jmwidget.data import funnel

    options: dict[str, Any] = {"steps": STEPS, "case": "user_id", "event": "event", "timestamp": "at"}
    baseline, extra = _rss(), {}
    if way == "pandas":
        start = time.perf_counter()
        frame = duckdb.read_parquet(path).df()
        extra = {"load_s": time.perf_counter() - start, "frame_bytes": int(frame.memory_usage(deep=True).sum())}
    start, cpu = time.perf_counter(), _cpu()
    if way == "sql":
        rows = duckdb.sql(FLOOR.format(path=path)).fetchall()
        table = {
            "step": list(STEPS),
            "reached": [r[1] for r in rows],
            "conversion": [r[1] / r[2] if r[2] else None for r in rows],
            "overall_conversion": [r[1] / r[3] if r[3] else None for r in rows],
            "drop_off": [r[2] - r[1] for r in rows],
            "median_time_to_next": [r[4] for r in rows],
            "p90_time_to_next": [r[5] for r in rows],
        }
    else:
        source = {"duckdb": lambda: duckdb.read_parquet(path), "polars": lambda: pl.scan_parquet(path)}
        result = funnel(source[way]() if way in source else frame, **options)
        table = {c: [_plain(v) for v in result[c].tolist()] for c in result.columns}
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    return {"seconds": seconds, "cpu_s": cpu, "peak_rss": _rss(), "baseline_rss": baseline, "table": table, **extra}


def generate(events: int, folder: Path) -> tuple[Path, float]:
    import duckdb

    path = folder / "events.parquet"
    start = time.perf_counter()
    duckdb.connect().execute(GENERATE.format(events=events, path=path))
    return path, time.perf_counter() - start


def measure(way: str, path: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, __file__, "--child", way, str(path)], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{way} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def same_table(a: dict[str, list[Any]], b: dict[str, list[Any]]) -> bool:
    """Equal, numbers within 1e-9 relative."""
    for column, values in a.items():
        for x, y in zip(values, b[column], strict=True):
            numbers = isinstance(x, (int, float)) and isinstance(y, (int, float))
            if not (x == y or (numbers and math.isclose(x, y, rel_tol=1e-9))):
                return False
    return True


def run(events: int, repeat: int) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {way: [] for way in WAYS}
    with tempfile.TemporaryDirectory() as folder:
        path, generated_s = generate(events, Path(folder))
        size = path.stat().st_size
        for round_ in range(repeat):
            order = WAYS[round_ % len(WAYS) :] + WAYS[: round_ % len(WAYS)]  # each way leads in turn
            for way in order:
                runs[way].append(measure(way, path))
                print(f"round {round_ + 1}/{repeat} {way:7} {runs[way][-1]['seconds']:6.2f} s", file=sys.stderr)
    floor = runs["sql"]
    summary: dict[str, Any] = {}
    for way, measured in runs.items():
        summary[way] = {
            "median_s": statistics.median(m["seconds"] for m in measured),
            "median_cpu_s": statistics.median(m["cpu_s"] for m in measured),
            "ratio_to_sql": statistics.median(
                m["seconds"] / f["seconds"] for m, f in zip(measured, floor, strict=True)
            ),
            "cpu_ratio_to_sql": statistics.median(
                m["cpu_s"] / f["cpu_s"] for m, f in zip(measured, floor, strict=True)
            ),
            "peak_rss_mb": max(m["peak_rss"] for m in measured) / 1e6,
            "baseline_rss_mb": statistics.median(m["baseline_rss"] for m in measured) / 1e6,
            "same_table_as_sql": all(same_table(m["table"], floor[0]["table"]) for m in measured),
            "seconds": [round(m["seconds"], 3) for m in measured],
        }
    pandas_runs = runs["pandas"]
    return {
        "date": dt.date.today().isoformat(),
        "machine": {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()},
        "load_average_at_end": os.getloadavg(),
        "events": events,
        "repeat": repeat,
        "parquet_bytes": size,
        "generate_s": generated_s,
        "log_in_pandas_mb": pandas_runs[0]["frame_bytes"] / 1e6,
        "pandas_load_s": statistics.median(m["load_s"] for m in pandas_runs),
        "ways": summary,
        "table": floor[0]["table"],
    }


def report(result: dict[str, Any]) -> str:
    lines = [
        f"{result['events']:,} events, Parquet {result['parquet_bytes'] / 1e6:.0f} MB, "
        f"{result['log_in_pandas_mb']:.0f} MB as a pandas frame; {result['repeat']} rounds, medians",
        "",
        "| way | wall s | / SQL | CPU s | / SQL | peak RSS MB (after imports) | same table |",
        "|---|---|---|---|---|---|---|",
    ]
    for way, s in result["ways"].items():
        lines.append(
            f"| {way} | {s['median_s']:.2f} | {s['ratio_to_sql']:.2f}x | {s['median_cpu_s']:.2f} | "
            f"{s['cpu_ratio_to_sql']:.2f}x | {s['peak_rss_mb']:.0f} ({s['baseline_rss_mb']:.0f}) | "
            f"{'yes' if s['same_table_as_sql'] else 'NO'} |"
        )
    lines.append(f"\npandas: loading the Parquet file took {result['pandas_load_s']:.1f} s more (not counted above).")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--child", nargs=2, metavar=("WAY", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    result = run(args.events, args.repeat)
    out = args.out or ROOT / "bench" / "results" / f"{result['date']}-funnel.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(report(result))
    print(f"\nwrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main()
