"""Logic that lives in both languages agrees: the shared constants file, the emotion-scale rule,
the blueprint lines, and the widget's synced traits as the front end types them."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from jmwidget import Journey, JourneyError, JourneyWidget, templates
from jmwidget.model import _shared, _validation

from .run_ts import ROOT, run_ts

SHARED = _shared.shared()


def test_the_default_document_is_a_valid_map_of_the_current_version() -> None:
    doc = _shared.default_document()
    _validation.validate_document(doc)
    root = _validation.schema()
    assert doc["version"] == root["properties"]["version"]["const"] == _validation.SCHEMA_VERSION
    assert doc["schema"] == root["properties"]["schema"]["const"]
    assert Journey().to_dict() == doc  # a new map starts from it


def test_the_front_end_starts_from_the_same_default_document(tmp_path: Path) -> None:
    assert run_ts(tmp_path, "model/shared.ts", ["defaultDocument"], "defaultDocument()") == Journey().to_dict()


def test_the_zones_are_the_schema_zones_in_order() -> None:
    assert [zone["id"] for zone in SHARED["zones"]] == _validation.schema()["$defs"]["Zone"]["enum"]
    assert set(SHARED["journey_view_zones"]) <= {zone["id"] for zone in SHARED["zones"]}
    for line in SHARED["lines"]:
        assert _shared.ZONES.index(line["above"]) + 1 == _shared.ZONES.index(line["below"])


SCALE_VALUES = [-3, -2, 0, 1, 1.5, 2, 3, 4.5, 5, 7, 10]


def _python_accepts(low: float, high: float, neutral: float) -> bool:
    try:
        Journey(emotion_scale=(low, high, neutral))  # type: ignore[arg-type]
    except JourneyError:
        return False
    return True


def test_the_emotion_scale_rule_is_the_same_in_python_and_in_the_map_panel(tmp_path: Path) -> None:
    cases = [list(case) for case in itertools.product(SCALE_VALUES, repeat=3)]
    verdicts = run_ts(
        tmp_path,
        "model/edits.ts",
        ["checkScale"],
        "cases.map(([a, b, c]) => checkScale(a, b, c) === null)",
        cases=cases,
    )
    python = [_python_accepts(*case) for case in cases]
    differ = [case for case, ts, py in zip(cases, verdicts, python, strict=True) if ts != py]
    assert differ == []
    assert 0 < sum(python) < len(cases)  # both kinds of case were tried


def _python_lines(journey: Journey) -> dict[str, list[str]]:
    """Per lane id, the lines drawn just above it (the journey's blueprint view: every lane)."""
    above: dict[str, list[str]] = {}
    for line in journey.lines:
        above.setdefault(line.before_lane, []).append(line.id)
    return above


@pytest.mark.parametrize("name", templates())
def test_the_blueprint_lines_fall_between_the_same_lanes(tmp_path: Path, name: str) -> None:
    journey = Journey.from_template(name)
    marks = run_ts(
        tmp_path,
        "model/blueprint.ts",
        ["laneMarks"],
        "Object.fromEntries([...laneMarks(doc.lanes)].filter(([, m]) => m.linesAbove.length)"
        ".map(([id, m]) => [id, m.linesAbove.map((l) => l.id)]))",
        doc=journey.to_dict(),
    )
    assert marks == _python_lines(journey)


def test_the_emotion_curve_is_drawn_at_the_same_heights(tmp_path: Path) -> None:
    from jmwidget.pictures._geometry import emotion_y

    cases = [[value, low, high] for low, high in ((1, 5), (-2, 2), (1, 10), (3, 3)) for value in range(-3, 11)]
    expression = "cases.map(([v, low, high]) => emotionY(v, low, high))"
    heights = run_ts(tmp_path, "model/layout.ts", ["emotionY"], expression, cases=cases)
    assert heights == pytest.approx([emotion_y(*case) for case in cases], abs=1e-9)


TRAIT_TYPES = {"Dict": "object", "Int": "number", "Unicode": "string", "Bool": "boolean", "List": "unknown[]"}


def _ts_traits() -> dict[str, str]:
    source = (ROOT / "js/src/model/store.ts").read_text(encoding="utf-8")
    body = re.search(r"export interface WidgetTraits \{(.*?)\n\}", source, re.S)
    assert body is not None
    fields = re.findall(r"^\s*(\w+)\??: ([^;]+);", body.group(1), re.M)
    return dict(fields)


def test_the_front_end_types_every_synced_trait_of_the_widget() -> None:
    python = {
        name: type(trait).__name__ for name, trait in JourneyWidget.class_own_traits(sync=lambda v: v is True).items()
    }
    typescript = _ts_traits()
    assert set(typescript) == set(python)
    for name, kind in python.items():
        ts_type = typescript[name]
        expected = TRAIT_TYPES[kind]
        if expected == "object":
            assert ts_type not in ("string", "number", "boolean"), (name, ts_type)
        else:
            assert expected in ts_type.split(" | "), (name, ts_type, kind)
    assert json.loads(json.dumps(sorted(python)))  # plain names


def test_the_emotion_axis_has_the_same_ticks_in_python_and_in_the_widget(tmp_path: Path) -> None:
    from jmwidget.model.formatting import emotion_ticks

    scales = [
        {"min": low, "max": high, "neutral": neutral}
        for low, high in ((1, 5), (-2, 2), (1, 10), (0, 100), (1, 20), (-7, 13), (3, 3), (-100, 250))
        for neutral in (low, (low + high) / 2, high)
    ]
    scales.append({"min": -2, "max": 2, "neutral": 0, "labels": {"-2": "Angry", "0": "Meh", "2": "Delighted"}})
    ticks = run_ts(tmp_path, "model/format.ts", ["emotionTicks"], "cases.map((s) => emotionTicks(s))", cases=scales)
    assert ticks == [emotion_ticks(scale) for scale in scales]
