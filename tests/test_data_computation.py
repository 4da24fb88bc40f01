"""Deferred definitions (a source name instead of a frame), the package's place, and its examples."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import json
import pkgutil
from typing import Any

import pandas as pd
import pytest

import jmwidget
import jmwidget.data
from jmwidget import JourneyError
from jmwidget.data import Computation, counts, funnel, survey

EVENTS = pd.DataFrame(
    {
        "user": ["a", "a", "b"],
        "event": ["visit", "signup", "visit"],
        "at": pd.to_datetime(["2024-05-01 09:00", "2024-05-01 09:10", "2024-05-01 10:00"]),
    }
)


def test_a_source_name_gives_a_definition_of_plain_json_data() -> None:
    later = funnel(
        "events",
        steps={"visit": "visit", "Sign up": ["signup", "signup_google"]},
        case="user",
        event="event",
        timestamp="at",
        window=dt.timedelta(hours=2),
    )
    assert isinstance(later, Computation)
    assert later.to_dict() == {
        "kind": "funnel",
        "source": "events",
        "params": {
            "steps": [["visit", ["visit"]], ["Sign up", ["signup", "signup_google"]]],
            "case": "user",
            "event": "event",
            "timestamp": "at",
            "window": 7200.0,
        },
    }
    assert json.loads(json.dumps(later.to_dict())) == later.to_dict()


@pytest.mark.parametrize(
    "later",
    [
        funnel("events", steps={"b": "visit", "a": "signup"}, case="user", event="event", timestamp="at", window=60),
        survey("answers", step="step", score="csat", segment="plan", scale=((0, 10), (1, 5))),
        counts("tickets", step="step", category="topic", top=5),
    ],
)
def test_a_definition_survives_json_both_ways(later: Computation) -> None:
    again = Computation.from_dict(json.loads(json.dumps(later.to_dict())))
    assert again == later
    assert hash(again) == hash(later)
    assert again.to_dict() == later.to_dict()


def test_run_computes_what_the_function_would() -> None:
    steps = {"visit": "visit", "signup": "signup"}
    later = funnel("events", steps=steps, case="user", event="event", timestamp="at")
    direct = funnel(EVENTS, steps=steps, case="user", event="event", timestamp="at")
    pd.testing.assert_frame_equal(later.run(EVENTS), direct)
    stored = Computation.from_dict(json.loads(json.dumps(later.to_dict())))
    assert stored.run(EVENTS, backend="polars")["reached"].to_list() == [2, 1]


def test_step_order_survives_keys_that_look_like_numbers() -> None:
    later = funnel("events", steps={"2": "signup", "10": "visit"}, case="user", event="event", timestamp="at")
    stored = Computation.from_dict(json.loads(json.dumps(later.to_dict())))
    assert stored.run(EVENTS)["step"].tolist() == ["2", "10"]


def test_a_definition_is_checked_when_made() -> None:
    with pytest.raises(JourneyError, match="listed under two steps"):
        funnel("events", steps={"a": "x", "b": "x"}, case="user", event="event", timestamp="at")
    with pytest.raises(JourneyError, match="top must be"):
        counts("tickets", step="step", category="topic", top=-2)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "funnel", "source": "e"}, "exactly 'kind', 'source' and 'params'"),
        ({"kind": "median", "source": "e", "params": {}}, "kind must be one of funnel, survey, counts"),
        ({"kind": "counts", "source": "", "params": {"step": "s", "category": "c", "top": 1}}, "source must be"),
        ({"kind": "counts", "source": "t", "params": []}, "params must be a mapping"),
        ({"kind": "counts", "source": "t", "params": {"step": "s"}}, "params of a counts do not fit"),
        ({"kind": "counts", "source": "t", "params": {"step": "s", "category": "c", "top": 1, "x": 2}}, "do not fit"),
        (
            {"kind": "funnel", "source": "e", "params": {"steps": [["a", ["x"]], ["a", ["y"]]]}},
            r"distinct \[step, \[event, ...\]\] pairs",
        ),
    ],
)
def test_from_dict_refuses_what_does_not_fit(data: dict[str, Any], message: str) -> None:
    with pytest.raises(JourneyError, match=message):
        Computation.from_dict(data)


def test_params_must_be_json() -> None:
    with pytest.raises(JourneyError, match="params must be JSON data"):
        Computation("counts", "tickets", {"when": dt.date(2024, 1, 1)})
    definition = Computation("counts", "tickets", {"step": "s", "category": "c", "top": 1})
    definition.to_dict()["params"]["top"] = 99  # a copy
    assert definition.params["top"] == 1


def test_the_package_is_public_and_lazy() -> None:
    assert jmwidget.data is importlib.import_module("jmwidget.data")
    assert "data" in jmwidget.__all__
    assert set(jmwidget.data.__all__) >= {"funnel", "survey", "counts", "Computation", "DataWarning"}


@pytest.mark.parametrize("module", sorted(m.name for m in pkgutil.iter_modules(jmwidget.data.__path__)))
def test_the_docstring_examples_run(module: str) -> None:
    imported = importlib.import_module(f"jmwidget.data.{module}")
    result = doctest.testmod(imported, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    if module in {"_funnel", "_survey", "_counts", "_computation", "_stats"}:
        assert result.attempted > 0
