"""jmwidget.data.survey against hand-computed values, and the t quantiles behind its intervals."""

from __future__ import annotations

import math

import pandas as pd
import polars as pl
import pytest

from jmwidget import JourneyError
from jmwidget.data import DataWarning, survey, t_quantile
from jmwidget.data._stats import incomplete_beta, t_cdf

# Student's t 0.975 quantiles from published tables (df -> t).
T_975 = {
    1: 12.706204736174698,
    2: 4.302652729749464,
    3: 3.182446305284263,
    4: 2.7764451051977987,
    5: 2.570581835636314,
    7: 2.3646242515927853,
    10: 2.2281388519862744,
    20: 2.0859634472658626,
    30: 2.0422724563012373,
    100: 1.9839715185235556,
    1000: 1.9623390808264078,
}


@pytest.mark.parametrize(("df", "expected"), sorted(T_975.items()))
def test_t_quantile_matches_the_tables(df: int, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, rel=1e-10)
    assert t_quantile(0.025, df) == pytest.approx(-expected, rel=1e-10)


def test_t_quantile_other_levels_and_its_limits() -> None:
    assert t_quantile(0.5, 4) == 0.0
    assert t_quantile(0.9, 7) == pytest.approx(1.4149239276505079, rel=1e-10)
    assert t_quantile(0.995, 2) == pytest.approx(9.924843200918276, rel=1e-10)
    assert t_quantile(0.975, 10**7) == pytest.approx(1.959963984540054, rel=1e-6)  # the normal's
    assert t_cdf(t_quantile(0.8, 2.5), 2.5) == pytest.approx(0.8, abs=1e-12)  # non-integer df
    for p, df in [(0.0, 3), (1.0, 3), (0.5, 0)]:
        with pytest.raises(ValueError, match="t_quantile needs"):
            t_quantile(p, df)


def test_incomplete_beta_known_values() -> None:
    assert incomplete_beta(1, 1, 0.3) == pytest.approx(0.3)
    assert incomplete_beta(4.5, 4.5, 0.5) == pytest.approx(0.5)
    assert incomplete_beta(2, 3, 0.4) == pytest.approx(0.5248)  # 1 - (1-x)^4 - 4x(1-x)^3
    assert incomplete_beta(2, 3, 0.0) == 0.0
    assert incomplete_beta(2, 3, 1.0) == 1.0


SCORES = pd.DataFrame(
    {
        "step": ["Pay"] * 8 + ["Ship"] + ["Pay", "Ship"],
        "plan": ["pro", "pro", "pro", "free", "free", "free", "free", "free", "pro", "pro", "free"],
        "score": [2, 4, 4, 4, 5, 5, 7, 9, 6, None, None],
    }
)


def test_mean_n_sample_sd_and_the_t_interval() -> None:
    table = survey(SCORES, step="step", score="score")
    assert list(table.columns) == ["step", "mean", "n", "sd", "low", "high"]
    pay, ship = table.to_dict("records")
    # Pay: 2 4 4 4 5 5 7 9 -> mean 5, squared deviations 32, sd = sqrt(32 / 7); a missing score is not counted
    sd = math.sqrt(32 / 7)
    half = T_975[7] * sd / math.sqrt(8)
    assert pay["step"] == "Pay"
    assert pay["n"] == 8
    assert pay["mean"] == pytest.approx(5.0)
    assert pay["sd"] == pytest.approx(2.1380899352993950)
    assert (pay["low"], pay["high"]) == (pytest.approx(5 - half), pytest.approx(5 + half))
    assert (pay["low"], pay["high"]) == (pytest.approx(3.2125121), pytest.approx(6.7874879))
    # Ship: one answer, no spread and no interval
    assert (ship["n"], ship["mean"]) == (1, 6.0)
    assert all(math.isnan(ship[k]) for k in ("sd", "low", "high"))


def test_three_answers_by_hand() -> None:
    table = survey(pd.DataFrame({"s": ["A"] * 3, "x": [4, 5, 3]}), step="s", score="x")
    (row,) = table.to_dict("records")
    assert (row["mean"], row["sd"]) == (4.0, 1.0)
    assert row["low"] == pytest.approx(4 - 4.302652729749464 / math.sqrt(3))
    assert row["high"] == pytest.approx(6.484137963)


def test_segments_split_each_step_and_rows_come_in_order() -> None:
    table = survey(SCORES, step="step", score="score", segment="plan")
    assert list(table.columns) == ["step", "segment", "mean", "n", "sd", "low", "high"]
    assert table[["step", "segment", "n"]].values.tolist() == [
        ["Pay", "free", 5],
        ["Pay", "pro", 3],
        ["Ship", "free", 0],
        ["Ship", "pro", 1],
    ]
    assert table["mean"].tolist()[:2] == [pytest.approx(6.0), pytest.approx(10 / 3)]
    assert math.isnan(table["mean"][2])  # a group whose scores are all missing


def test_rescaled_onto_the_maps_emotion_scale() -> None:
    plain = survey(SCORES, step="step", score="score").set_index("step")
    scaled = survey(SCORES, step="step", score="score", scale=((0, 10), (1, 5))).set_index("step")
    assert scaled.loc["Pay", "mean"] == pytest.approx(3.0)  # 1 + 5 * 4 / 10
    assert scaled.loc["Pay", "sd"] == pytest.approx(plain.loc["Pay", "sd"] * 0.4)
    assert scaled.loc["Pay", "low"] == pytest.approx(1 + plain.loc["Pay", "low"] * 0.4)
    assert scaled.loc["Pay", "high"] == pytest.approx(1 + plain.loc["Pay", "high"] * 0.4)
    assert scaled.loc["Ship", "mean"] == pytest.approx(3.4)
    assert scaled.loc["Pay", "n"] == 8


def test_a_reversed_scale_keeps_low_below_high() -> None:
    # An effort score (1 easy .. 5 hard) shown on an emotion scale where high is good.
    table = survey(pd.DataFrame({"s": ["A"] * 3, "x": [4, 5, 3]}), step="s", score="x", scale=((1, 5), (5, 1)))
    (row,) = table.to_dict("records")
    assert row["mean"] == pytest.approx(2.0)
    assert row["sd"] == pytest.approx(1.0)
    assert row["low"] < row["mean"] < row["high"]
    assert row["high"] == pytest.approx(6 - 1.515862037)


def test_scores_off_the_survey_scale_warn() -> None:
    with pytest.warns(DataWarning, match=r"outside the survey's scale 1-5 at step Pay"):
        survey(SCORES, step="step", score="score", scale=((1, 5), (-2, 2)))


def test_polars_lazy_in_and_polars_out() -> None:
    frame = pl.DataFrame({"step": [1, 1, 2], "score": [1.0, 3.0, 5.0]}).lazy()
    table = survey(frame, step="step", score="score", backend="polars")
    assert isinstance(table, pl.DataFrame)
    assert table["step"].to_list() == [1, 2]
    assert table["mean"].to_list() == [2.0, 5.0]
    assert table["sd"].to_list()[1] is None


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"step": ["a"], "score": ["good"]}), r"column 'score' \(score=\) holds String, not numbers"),
        (pd.DataFrame({"step": ["a"], "score": [True]}), r"holds Boolean, not numbers"),
        (pd.DataFrame({"step": ["a"], "csat": [1]}), r"no column 'score' \(score=\)"),
    ],
)
def test_bad_columns_are_refused(frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(JourneyError, match=message):
        survey(frame, step="step", score="score")


@pytest.mark.parametrize("scale", [((0, 10),), ((0, 0), (1, 5)), ((0, 10), (1, "x")), ((0, math.inf), (1, 5))])
def test_a_bad_scale_is_refused(scale: object) -> None:
    with pytest.raises(JourneyError, match="scale"):
        survey("answers", step="step", score="score", scale=scale)  # type: ignore[arg-type]
