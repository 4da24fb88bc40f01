"""Tables out: the tidy form's zone and evidence columns, and polars frames made without pyarrow."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import polars as pl

from jmwidget import Journey
from jmwidget.tables import TIDY_COLUMNS, to_pandas, to_polars
from jmwidget.tables._evidence import evidence_stats, plain_number
from jmwidget.tables._to_frame import _cell_rows

ROOT = Path(__file__).resolve().parent.parent


def test_tidy_columns_keep_their_order_with_zone_and_evidence_beside_their_kin() -> None:
    assert TIDY_COLUMNS[:13] == (
        "stage_id",
        "stage",
        "step_id",
        "step",
        "step_index",
        "lane_id",
        "lane",
        "kind",
        "zone",
        "persona_id",
        "persona",
        "value",
        "number",
    )
    assert TIDY_COLUMNS[13:18] == ("n", "sd", "low", "high", "card_id")
    assert TIDY_COLUMNS[-9:] == (
        "fail_point",
        "fail_note",
        "wait_point",
        "wait_note",
        "duration",
        "duration_unit",
        "cost",
        "currency",
        "owner",
    )


def test_zone_is_the_lanes_blueprint_zone_or_missing(small: Journey) -> None:
    small.edit_lane("actions", zone="customer")
    small.edit_lane("pains", zone="backstage")
    for frame in (to_pandas(small), to_polars(small)):
        zones = dict(zip(frame["lane_id"].to_list(), frame["zone"].to_list(), strict=True))
        assert zones["actions"] == "customer"
        assert zones["pains"] == "backstage"
        assert zones["conversion"] is None or (
            isinstance(zones["conversion"], float) and math.isnan(zones["conversion"])
        )
    assert to_polars(small).schema["zone"] == pl.String


def test_evidence_columns_are_missing_for_plain_numbers(small: Journey) -> None:
    frame = to_pandas(small)
    assert str(frame["n"].dtype) == "Int64"
    assert frame["n"].isna().all()
    assert frame[["sd", "low", "high"]].isna().all().all()
    polars_frame = to_polars(small)
    assert (polars_frame.schema["n"], polars_frame.schema["sd"]) == (pl.Int64, pl.Float64)
    assert polars_frame["n"].null_count() == polars_frame.height


def test_numbers_and_evidence_read_from_either_shape() -> None:
    evidence = {"value": 4.2, "n": 31, "sd": 0.8, "low": 3.9, "high": 4.5}
    assert plain_number(4) == 4.0
    assert plain_number(evidence) == 4.2
    assert plain_number({"value": None}) is None
    assert evidence_stats(4) == {"n": None, "sd": None, "low": None, "high": None}
    assert evidence_stats(evidence) == {"n": 31, "sd": 0.8, "low": 3.9, "high": 4.5}
    assert evidence_stats({"value": 2, "n": 12}) == {"n": 12, "sd": None, "low": None, "high": None}


def test_tidy_rows_of_evidence_cells_have_the_plain_value() -> None:
    """The rows a schema-3 cell gives (maps of this version cannot hold one yet: the row maker is fed directly)."""
    base = dict.fromkeys(TIDY_COLUMNS)
    personas = {"ana": "Ana", "bo": "Bo"}
    emotion = _cell_rows(base, "emotion", {"bo": {"value": 2.5, "n": 9}, "ana": 4}, None, personas)
    assert [(r["persona"], r["value"], r["number"], r["n"]) for r in emotion] == [
        ("Ana", 4.0, 4.0, None),
        ("Bo", 2.5, 2.5, 9),
    ]
    (metric,) = _cell_rows(base, "metric", {"value": 0.5, "low": 0.25, "high": 0.75}, None, personas)
    assert (metric["value"], metric["number"], metric["low"], metric["high"], metric["sd"]) == (
        0.5,
        0.5,
        0.25,
        0.75,
        None,
    )


def test_journey_to_polars(small: Journey) -> None:
    assert small.to_polars().equals(to_polars(small))
    assert small.to_polars("wide").columns == small.to_pandas("wide").columns.tolist()


def test_polars_frames_need_no_pyarrow() -> None:
    """In a fresh interpreter where importing pyarrow fails, every form still comes out as polars."""
    script = textwrap.dedent(
        """
        import sys
        sys.modules["pyarrow"] = None  # import pyarrow -> ImportError
        sys.path.insert(0, "tests")
        from conftest import build_small
        import polars as pl
        journey = build_small()
        for form in ("tidy", "wide", "connections"):
            frame = journey.to_polars(form)
            assert isinstance(frame, pl.DataFrame) and frame.width > 0, form
        print(journey.to_polars().height, journey.to_polars("wide")["Conversion"].to_list())
        assert "pyarrow" not in {m.split(".")[0] for m, v in sys.modules.items() if v is not None}
        """
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["8", "[None,", "None,", "42.5]"]


def test_pandas_tidy_values_are_unchanged_by_the_new_columns(small: Journey) -> None:
    frame = to_pandas(small)
    assert isinstance(frame, pd.DataFrame)
    assert frame.loc[frame["lane_id"] == "conversion", "value"].tolist() == [42.5]
    assert frame.loc[frame["kind"] == "emotion", "number"].tolist() == [4.0, 2.0, 1.0]
