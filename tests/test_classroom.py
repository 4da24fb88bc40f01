"""A class of maps: loading a folder with bad files, checks against the template, the class map, the gallery."""

from __future__ import annotations

import doctest
import json
import math
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from jmwidget import Journey, JourneyError, JourneyFileError, classroom
from jmwidget.classroom import _stats
from jmwidget.model._validation import schema

NS = "{http://www.w3.org/2000/svg}"


def write_class(folder: Path) -> Path:
    """Four students on the onboarding template, and four files that are not maps this jmwidget reads."""
    template = Journey.from_template("onboarding")
    template.save(folder / "ana.json")  # the template as it is
    bo = template.copy()
    bo.set_cell("Thoughts", "Photographs ID", None)
    bo.set_cell("Emotion", "Adds money", None)
    bo.set_cell("Emotion", "Photographs ID", 3)
    bo.set_cell("Actions", "Photographs ID", "Gives up and goes to a branch.")
    bo.add_card("Pain points", "Photographs ID", "No help from a person", impact="abandons", tag="service")
    bo.save(folder / "bo.json")
    chen = template.copy()
    chen.rename_step("Waits for review", "Waits for approval")
    chen.add_step("Sign up", "Reads the terms", index=1)
    chen.set_cell("Emotion", "Photographs ID", 2)
    chen.set_cell("Channels", "Photographs ID", ["Mobile app", "Chat"])
    chen.save(folder / "chen.json")
    dara = template.copy()
    dara.set_cell("Emotion", "Photographs ID", 2)
    dara.save(folder / "dara.xlsx")  # a workbook: the whole map all the same
    (folder / "broken.json").write_text('{"schema": "jmwidget.journey", ', encoding="utf-8")
    (folder / "shopping-list.json").write_text('{"milk": 2}', encoding="utf-8")
    newer = template.to_dict()
    newer["version"] = 99
    (folder / "from-the-future.json").write_text(json.dumps(newer), encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    (folder / ".hidden.json").write_text("{}", encoding="utf-8")
    (folder / "drafts").mkdir()
    return folder


@pytest.fixture
def room(tmp_path: Path) -> classroom.Classroom:
    return classroom.load(write_class(tmp_path))


def test_a_folder_loads_and_bad_files_are_named(room: classroom.Classroom) -> None:
    assert room.names == ["ana", "bo", "chen", "dara"]
    assert [(p.file, p.kind) for p in room.problems] == [
        ("broken.json", "broken"),
        ("from-the-future.json", "newer"),
        ("photo.png", "foreign"),
        ("shopping-list.json", "foreign"),
    ]
    messages = {p.file: p.message for p in room.problems}
    assert "schema version 99" in messages["from-the-future.json"]
    assert "not JSON" in messages["broken.json"]
    assert messages["broken.json"].startswith("cannot load 'broken.json': not JSON")  # named, not by its path
    assert list(room.problems_frame().columns) == ["file", "kind", "message"]
    assert repr(room) == "<Classroom: 4 maps, 4 files not loaded>"
    with pytest.raises(JourneyFileError, match="not a folder"):
        classroom.load(Path(room.problems[0].file))


def test_each_map_is_checked_against_the_template(room: classroom.Classroom) -> None:
    found = room.check("onboarding")
    assert list(found.columns) == list(classroom.FINDING_COLUMNS)
    assert set(found["map"]) == {"bo", "chen"}  # ana is the template; dara changed a value only
    bo = found[found["map"] == "bo"][["kind", "lane", "step", "message"]].to_records(index=False).tolist()
    assert bo == [
        ("empty-cell", "Thoughts", "Photographs ID", "'Thoughts' is empty at 'Photographs ID'"),
        ("no-emotion", "Emotion", "Adds money", "No emotion value for Tomás Ruiz at 'Adds money'"),
    ]
    chen = found[found["map"] == "chen"]
    assert chen[chen["kind"] == "structure"]["message"].tolist() == [
        "Step 'Reads the terms' added in Sign up",
        "Step 'Waits for review' renamed 'Waits for approval'",
    ]
    # The new step is empty in every text, channels and metric lane, and has no emotion.
    assert sorted(chen[chen["step"] == "Reads the terms"]["kind"]) == ["empty-cell"] * 6 + ["no-emotion", "structure"]


def test_the_overview_has_a_row_per_map_and_per_bad_file(room: classroom.Classroom) -> None:
    overview = room.overview(Journey.from_template("onboarding")).set_index("map")
    assert overview.loc["ana", ["structure", "findings"]].tolist() == ["same", 0]
    assert overview.loc["bo", ["empty_cells", "no_emotion", "findings"]].tolist() == [1, 1, 2]
    assert overview.loc["chen", ["structure", "structure_changes"]].tolist() == ["changed", 2]
    assert not overview.loc["photo.png", "loaded"]
    assert overview.loc["photo.png", "problem"].startswith("foreign: photo.png: not a map file (.png)")


def test_blueprint_gaps_are_findings(tmp_path: Path) -> None:
    template = Journey.from_template("service-blueprint")
    student = template.copy()
    found = classroom.Classroom({"eve": student}).check(template)
    assert found["kind"].tolist() == ["no-backstage"] * 3
    assert found["lane"].tolist() == ["Frontstage"] * 3


def test_the_class_map(room: classroom.Classroom) -> None:
    merged = room.merge("onboarding")
    journey = merged.journey
    assert journey.title == "Opening a current account in the app (class of 4)"
    assert [s.id for s in journey.steps] == [s.id for s in Journey.from_template("onboarding").steps]
    # Emotion at 'Photographs ID': ana 1, bo 3, chen 2, dara 2.
    row = merged.stats.query("kind == 'emotion' and step_id == 'photographs-id'").iloc[0]
    assert (row["n"], row["mean"], row["sd"], row["smallest"], row["largest"]) == (4, 2.0, 0.82, 1.0, 3.0)
    half = 3.182 * math.sqrt(2 / 3) / 2  # the 95% interval of the mean, kept on the 1..5 scale
    assert (row["low"], row["high"]) == (1.0, round(2 + half, 2)) == (1.0, 3.3)
    # Where a student gave no value the others still count.
    assert merged.stats.query("step_id == 'adds-money' and kind == 'emotion'")["n"].item() == 3
    expected = "evidence" if "Evidence" in schema()["$defs"] else "mean"
    assert merged.stored_as == expected
    cell = journey.document["cells"]["emotion"]["photographs-id"]["tomas"]
    assert cell == (
        2.0 if expected == "mean" else {"value": 2.0, "n": 4, "sd": 0.82, "low": row["low"], "high": row["high"]}
    )
    assert journey.get_cell("Actions", "Photographs ID").splitlines() == [
        "Photographs his driving licence; it is rejected three times for glare.",
        "bo: Gives up and goes to a branch.",
    ]
    assert journey.get_cell("Channels", "Photographs ID") == ["Mobile app", "Chat"]
    cards = journey.cards("Pain points", "Photographs ID")
    assert [c["text"] for c in cards][-1] == "bo: No help from a person"
    assert (cards[-1]["impact"], cards[-1]["tag"]) == ("abandons", "service")
    assert merged.left_out["message"].tolist() == [
        "chen's step 'Reads the terms' (in Sign up) is not in the template: its content is left out"
    ]
    metric = merged.stats.query("kind == 'metric' and lane_id == 'conversion' and step_id == 'photographs-id'")
    assert metric[["n", "mean", "sd"]].iloc[0].tolist() == [4, 61.0, 0.0]


def test_emotion_on_another_scale_is_left_out_of_the_means() -> None:
    template = Journey.from_template("onboarding")
    other = Journey.from_template("onboarding")
    other.apply({"op": "edit_map", "fields": {"emotion_scale": {"min": 1, "max": 7, "neutral": 4}}})
    other.set_cell("Emotion", "Photographs ID", 7)
    merged = classroom.Classroom({"ana": template.copy(), "zoe": other}).merge(template)
    assert merged.stats.query("kind == 'emotion' and step_id == 'photographs-id'")[["n", "mean"]].iloc[0].tolist() == [
        1,
        1.0,
    ]
    assert merged.left_out["message"].tolist() == [
        "zoe's emotion scale (1 to 7) is not the template's (1 to 5): their emotion values are left out"
    ]


def test_the_one_place_that_switches_to_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    stats = _stats.Stats.of([2, 4, 4, 5], bounds=(1, 5))
    monkeypatch.setattr(_stats, "evidence_supported", lambda: False)
    assert _stats.stored_value(stats) == 3.75
    monkeypatch.setattr(_stats, "evidence_supported", lambda: True)
    assert _stats.stored_value(stats) == {"value": 3.75, "n": 4, "sd": 1.26, "low": 1.75, "high": 5.0}
    assert _stats.stored_value(_stats.Stats.of([3])) == {"value": 3.0, "n": 1}


def test_statistics() -> None:
    assert _stats.t975(1) == 12.706
    assert _stats.t975(30) == 2.042
    assert abs(_stats.t975(31) - 2.0395) < 0.001
    assert abs(_stats.t975(120) - 1.9799) < 0.001
    one = _stats.Stats.of([4])
    assert (one.n, one.mean, one.sd, one.low, one.high) == (1, 4.0, None, None, None)
    same = _stats.Stats.of([3, 3, 3])
    assert (same.sd, same.low, same.high) == (0.0, 3.0, 3.0)
    with pytest.raises(ValueError, match="at least 1"):
        _stats.t975(0)


def test_the_gallery_compiles_and_has_one_panel_per_map(room: classroom.Classroom) -> None:
    vl_convert = pytest.importorskip("vl_convert")
    spec = room.gallery("onboarding", columns=2).to_dict()
    values = spec["datasets"][spec["data"]["name"]]
    assert {v["map"] for v in values} == set(room.names)
    assert {v["series"] for v in values} == {"student", "class mean"}
    mean = next(v["value"] for v in values if v["series"] == "class mean" and v["step"] == "Photographs ID")
    assert mean == 2.0
    assert spec["columns"] == 2
    svg = vl_convert.vegalite_to_svg(spec)
    for name in room.names:
        assert f">{name}<" in svg
    alone = room.gallery().to_dict()  # without a template: each map's own steps, no class mean
    assert {v["series"] for v in alone["datasets"][alone["data"]["name"]]} == {"student"}


def test_thumbnails_show_every_map_and_escape_names(room: classroom.Classroom, tmp_path: Path) -> None:
    pictures = room.thumbnails("onboarding")
    assert list(pictures.svgs) == room.names
    chen = ET.fromstring(pictures.svgs["chen"])
    assert chen.find(f"{NS}title").text == "chen"  # type: ignore[union-attr]
    outlined = [r for r in chen.iter(f"{NS}rect") if r.get("stroke") == "#2563eb"]
    assert len(outlined) == 2  # the changed emotion and channels cells
    assert pictures.captions["chen"] == (
        "chen: Opening a current account in the app (2 structure changes, 6 empty, 1 without emotion)"
    )
    assert pictures.captions["ana"].endswith("(complete)")
    page = pictures.save(tmp_path / "class.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 4
    hostile = classroom.Classroom({"<script>x</script>": Journey.from_template("blank")}).thumbnails()
    assert "<script>x" not in hostile.html()
    ET.fromstring(next(iter(hostile.svgs.values())))


def test_a_template_is_a_journey_a_name_or_a_file(tmp_path: Path) -> None:
    path = Journey.from_template("returns").save(tmp_path / "t.json")
    assert classroom.resolve_template(path).title == "Returning an online order"
    assert classroom.resolve_template("returns").title == "Returning an online order"
    with pytest.raises(JourneyError, match="a template is a Journey"):
        classroom.resolve_template(42)  # type: ignore[arg-type]


def test_the_examples_in_the_docstrings_run() -> None:
    from jmwidget.classroom import _classroom, _stats, _thumbnails

    for module in (_classroom, _stats, _thumbnails):
        result = doctest.testmod(module)
        assert result.failed == 0, module.__name__
        assert result.attempted > 0, module.__name__
