"""The bundled templates: they load, validate, round-trip, and are canonical (scripts/format_templates.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from importlib.resources import files
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import jmwidget
from jmwidget import Journey, JourneyError
from jmwidget.model import CURRENT_VERSION, load_template, template_names
from jmwidget.model._validation import validate_document

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = ROOT / "src" / "jmwidget" / "templates"
REQUIRED_LANES = {
    "Actions": "text",
    "Thoughts": "text",
    "Channels": "channels",
    "Emotion": "emotion",
    "Pain points": "cards",
    "Opportunities": "cards",
}
EXPECTED = {"blank", "buyers-journey", "day-in-the-life", "onboarding", "future-state", "returns"}
EXPECTED_BLUEPRINTS = {"service-blueprint", "restaurant-order"}
NAMES = template_names()
BLUEPRINTS = [name for name in NAMES if load_template(name).is_blueprint]
JOURNEYS = [name for name in NAMES if name not in BLUEPRINTS]
FILLED = [name for name in JOURNEYS if name != "blank"]


def load_formatter() -> ModuleType:
    """scripts/format_templates.py as a module (it is a script, not part of the package)."""
    path = ROOT / "scripts" / "format_templates.py"
    spec = importlib.util.spec_from_file_location("format_templates", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("format_templates", module)
    spec.loader.exec_module(module)
    return module


def emotion_values(journey: Journey) -> list[float]:
    doc = journey.to_dict()
    return [
        value
        for lane in doc["lanes"]
        if lane["kind"] == "emotion"
        for per_persona in doc["cells"].get(lane["id"], {}).values()
        for value in per_persona.values()
    ]


def test_expected_templates_exist() -> None:
    assert set(NAMES) >= EXPECTED | EXPECTED_BLUEPRINTS
    assert set(BLUEPRINTS) == EXPECTED_BLUEPRINTS
    assert sorted(NAMES) == NAMES


def test_package_function_lists_templates() -> None:
    assert jmwidget.templates() == NAMES
    assert callable(jmwidget.templates)  # a function; the JSON files are a data folder, not a module


def test_unknown_template_lists_the_names() -> None:
    with pytest.raises(JourneyError, match="no template 'nope'") as info:
        Journey.from_template("nope")
    assert isinstance(info.value, ValueError)
    for name in NAMES:
        assert name in str(info.value)


@pytest.mark.parametrize("name", ["../journey", "blank.json", "", "BLANK"])
def test_odd_names_are_refused(name: str) -> None:
    with pytest.raises(JourneyError, match="the templates are"):
        load_template(name)


@pytest.mark.parametrize("name", NAMES)
def test_loads_validates_and_round_trips(name: str) -> None:
    journey = Journey.from_template(name)
    assert journey == load_template(name)
    assert journey is not load_template(name)
    doc = journey.to_dict()
    validate_document(doc)
    assert Journey.from_json(journey.to_json()) == journey
    assert Journey.from_dict(json.loads(journey.to_json())).to_dict() == doc
    # Each load is a fresh map: editing one leaves the template alone.
    journey.title = "Changed"
    assert load_template(name).title != "Changed"


@pytest.mark.parametrize("name", NAMES)
def test_file_is_packaged_json(name: str) -> None:
    text = files("jmwidget").joinpath("templates", f"{name}.json").read_text(encoding="utf-8")
    assert json.loads(text)["schema"] == "jmwidget.journey"
    assert text.endswith("}\n")


@pytest.mark.parametrize("name", JOURNEYS)
def test_has_the_standard_lanes(name: str) -> None:
    journey = load_template(name)
    kinds = {lane.name: lane.kind for lane in journey.lanes}
    for lane_name, kind in REQUIRED_LANES.items():
        assert kinds.get(lane_name) == kind, f"{name}: lane {lane_name!r} should be a {kind} lane"
    assert journey.emotion_scale == (1, 5, 3)


@pytest.mark.parametrize("name", NAMES)
def test_nothing_is_unnamed(name: str) -> None:
    journey = load_template(name)
    assert journey.title.strip()
    named: list[tuple[str, str]] = [("persona", p.name) for p in journey.personas]
    named += [("stage", s.name) for s in journey.stages]
    named += [("step", s.name) for s in journey.steps]
    named += [("lane", lane.name) for lane in journey.lanes]
    named += [("channel", c) for c in journey.channels]
    for kind, text in named:
        assert text.strip() == text
        assert text, f"{name}: a {kind} has no name"
    doc = journey.to_dict()
    for lane in journey.lanes:
        for value in doc["cells"].get(lane.id, {}).values():
            if lane.kind == "cards":
                assert all(card["text"].strip() for card in value)
            if lane.kind == "text":
                assert value.strip()


@pytest.mark.parametrize("name", NAMES)
def test_emotions_inside_the_scale(name: str) -> None:
    journey = load_template(name)
    low, high, _ = journey.emotion_scale
    assert all(low <= value <= high for value in emotion_values(journey))


def test_blank_is_empty_but_complete() -> None:
    journey = load_template("blank")
    assert [p.name for p in journey.personas] == ["Customer"]
    assert [s.name for s in journey.stages] == ["Before", "During", "After"]
    assert all(len(stage.steps) == 1 for stage in journey.stages)
    assert all(not row for row in journey.to_dict()["cells"].values())
    assert journey.channels


@pytest.mark.parametrize("name", FILLED)
def test_worked_example_is_filled_in(name: str) -> None:
    journey = load_template(name)
    doc = journey.to_dict()
    assert journey.description
    assert journey.scenario
    assert 1 <= len(journey.personas) <= 2
    for persona in journey.personas:
        assert persona.role
        assert persona.goals
        assert persona.needs
        assert persona.quote
        assert persona.backstory
    assert 4 <= len(journey.stages) <= 5
    assert all(2 <= len(stage.steps) <= 4 for stage in journey.stages)
    step_ids = {step.id for step in journey.steps}
    cells: dict[str, dict[str, Any]] = doc["cells"]
    for lane_name in ("Actions", "Thoughts", "Channels"):
        assert set(cells[journey.lane_id(lane_name)]) == step_ids, f"{name}: {lane_name} has gaps"
    # Every persona has a full emotion curve with a visible peak and trough.
    emotion = cells[journey.lane_id("Emotion")]
    assert set(emotion) == step_ids
    for persona in journey.personas:
        curve = [emotion[step.id][persona.id] for step in journey.steps]
        assert max(curve) - min(curve) >= 2, f"{name}: {persona.name}'s curve is flat"
    metrics = [lane for lane in journey.lanes if lane.kind == "metric"]
    assert metrics
    assert all(lane.unit and lane.format and lane.description for lane in metrics)
    pains = [card for value in cells[journey.lane_id("Pain points")].values() for card in value]
    ideas = [card for value in cells[journey.lane_id("Opportunities")].values() for card in value]
    assert pains
    assert all(card.get("impact") in ("trivial", "work-around", "abandons") for card in pains)
    if journey.state == "current":
        assert any(card["impact"] == "abandons" for card in pains), f"{name}: no pain point makes people give up"
    assert ideas
    assert all(card.get("color") and card.get("tag") for card in ideas)


@pytest.mark.parametrize("name", BLUEPRINTS)
def test_blueprint_is_a_worked_example(name: str) -> None:
    journey = load_template(name)
    doc = journey.to_dict()
    assert journey.description
    assert journey.scenario
    persona = journey.personas[0]
    assert all((persona.role, persona.goals, persona.needs, persona.quote, persona.backstory))
    # All five zones, in order, with the three lines between them, and an emotion curve.
    assert list(journey.zones) == ["evidence", "customer", "frontstage", "backstage", "support"]
    assert [line.id for line in journey.lines] == ["interaction", "visibility", "internal"]
    step_ids = {step.id for step in journey.steps}
    for lane_ids in journey.zones.values():
        for lane_id in lane_ids:
            assert set(doc["cells"][lane_id]) == step_ids, f"{name}: lane {lane_id!r} has gaps"
    emotion = [journey.get_cell("Emotion", step.id) for step in journey.steps]
    assert None not in emotion
    assert max(emotion) - min(emotion) >= 2
    # Connections join the front to the back and support; annotations of every kind are used.
    zone_of = {lane.id: lane.zone for lane in journey.lanes}
    assert len(journey.connections) >= 8
    crossing = {(zone_of[c.from_.lane], zone_of[c.to.lane]) for c in journey.connections}
    assert ("frontstage", "support") in crossing or ("frontstage", "backstage") in crossing
    assert any(c.label for c in journey.connections)
    frame = journey.to_pandas()
    assert frame["fail_point"].sum() >= 3
    assert frame["wait_point"].sum() >= 2
    assert frame["fail_note"].dropna().str.len().min() > 10
    assert set(frame["duration_unit"].dropna()) <= {"seconds", "minutes", "hours", "days"}
    assert frame["duration"].notna().sum() >= 5
    assert frame["cost"].notna().sum() >= 3
    assert frame["owner"].notna().sum() >= 5
    assert set(frame["currency"].dropna()) == {"EUR"}


def test_two_persona_map_has_both_curves() -> None:
    journey = load_template("buyers-journey")
    assert len(journey.personas) == 2
    for step in journey.steps:
        for persona in journey.personas:
            assert journey.get_cell("Emotion", step.id, persona=persona.id) is not None


def test_onboarding_trough_is_at_the_biggest_drop_off() -> None:
    journey = load_template("onboarding")
    conversion = {step.id: journey.get_cell("Conversion", step.id) for step in journey.steps}
    emotion = {step.id: journey.get_cell("Emotion", step.id) for step in journey.steps}
    worst = min(conversion, key=conversion.__getitem__)
    assert emotion[worst] == min(emotion.values())
    assert {lane.format for lane in journey.lanes if lane.kind == "metric"} == {"percent", "seconds", "count"}


def test_future_state_is_the_redesigned_onboarding() -> None:
    current, future = load_template("onboarding"), load_template("future-state")
    assert current.state == "current"
    assert future.state == "future"
    assert [s.name for s in future.stages] == [s.name for s in current.stages]
    assert [p.name for p in future.personas] == [p.name for p in current.personas]
    assert sum(emotion_values(future)) / len(emotion_values(future)) > sum(emotion_values(current)) / len(
        emotion_values(current)
    )
    assert future.cards("Opportunities", "Scans passport chip")


def test_every_template_file_is_packaged() -> None:
    assert {path.stem for path in TEMPLATE_DIR.glob("*.json")} == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_file_is_canonical_at_the_current_version(name: str) -> None:
    text = (TEMPLATE_DIR / f"{name}.json").read_text(encoding="utf-8")
    assert json.loads(text)["version"] == CURRENT_VERSION, f"{name}.json: run python scripts/format_templates.py"
    canonical = Journey.from_json(text).to_json() + "\n"
    assert text == canonical, f"{name}.json is not canonical; run: python scripts/format_templates.py"


def test_formatter_check_mode_passes() -> None:
    assert load_formatter().main(["--check"]) == 0


def test_formatter_upgrades_an_older_file(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    original = (ROOT / "tests" / "data" / "returns-v1.json").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    formatter = load_formatter()
    assert formatter.main(["--check", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == original  # --check writes nothing
    assert formatter.main([str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["version"] == CURRENT_VERSION
    assert text == formatter.canonical(text)
    assert formatter.main(["--check", str(path)]) == 0
