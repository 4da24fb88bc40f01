"""Saving and loading files: JSON documents, exports and Mermaid by suffix, and clear errors.

CSV and Excel tables are in test_table_files.py.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jmwidget
import jmwidget.pictures
from jmwidget import Journey, JourneyError, JourneyFileError
from jmwidget.formats import MermaidWarning, _files

from .conftest import build_small

DATA = Path(__file__).with_name("data")
TEMPLATES = jmwidget.templates()


def _only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---------------------------------------------------------------- JSON


@pytest.mark.parametrize("name", TEMPLATES)
def test_json_save_load_is_identity(tmp_path: Path, name: str) -> None:
    journey = Journey.from_template(name)
    path = journey.save(tmp_path / f"{name}.json")
    assert Journey.load(path) == journey
    assert Journey.load(str(path)).to_dict() == journey.to_dict()


def test_json_file_is_pretty_sorted_utf8_with_final_newline(tmp_path: Path) -> None:
    journey = build_small()
    journey.rename_step("see-advert", "Sees the advert — café ✓")
    path = tmp_path / "map.json"
    journey.save(path)
    data = path.read_bytes()
    text = data.decode("utf-8")
    assert text.endswith("}\n")
    assert not text.endswith("\n\n")
    assert "café ✓" in text  # UTF-8, not \\u escapes
    assert text == json.dumps(journey.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert text.splitlines()[1].startswith('  "annotations"')  # keys sorted, two-space indents


def test_a_small_edit_changes_few_lines(tmp_path: Path) -> None:
    journey = Journey.from_template("returns")
    first = journey.save(tmp_path / "a.json").read_text(encoding="utf-8").splitlines()
    journey.rename_step(journey.steps[3].id, "Prints the label at the library")
    second = journey.save(tmp_path / "b.json").read_text(encoding="utf-8").splitlines()
    assert len(first) == len(second)
    assert sum(a != b for a, b in zip(first, second, strict=True)) == 1


def test_save_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    build_small().save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert Journey.load(path) == build_small()
    assert _only(tmp_path) == ["map.json"]


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        path = build_small().save(tmp_path / "new.json")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_save_through_a_symlink_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert build_small().save(link) == link
    assert link.is_symlink()
    assert Journey.load(target) == build_small()


def test_failed_save_keeps_the_old_file_and_removes_the_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "map.json"
    build_small().save(path)
    before = path.read_bytes()

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_files.os, "replace", disk_full)
    with pytest.raises(JourneyFileError, match=r"No space left on device; the file on disk was not changed") as info:
        Journey.from_template("returns").save(path)
    assert info.value.path == str(path)
    assert path.read_bytes() == before
    assert _only(tmp_path) == ["map.json"]


def test_save_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(JourneyFileError, match=r"cannot save .*nowhere.*No such file or directory"):
        build_small().save(tmp_path / "nowhere" / "map.json")


# ---------------------------------------------------------------- load errors


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(JourneyFileError, match=r"cannot load '.*missing\.json': no such file") as info:
        Journey.load(tmp_path / "missing.json")
    assert info.value.path == str(tmp_path / "missing.json")
    assert isinstance(info.value, JourneyError)
    assert isinstance(info.value, ValueError)


def test_load_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "maps.json"
    folder.mkdir()
    with pytest.raises(JourneyFileError, match="it is a directory"):
        Journey.load(folder)


def test_load_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_bytes(b'{"title": "caf\xe9"}')
    with pytest.raises(JourneyFileError, match=r"map\.json': not UTF-8 text \(byte 14"):
        Journey.load(path)


def test_load_not_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text('{\n  "title": "x",\n  oops\n}\n', encoding="utf-8")
    with pytest.raises(JourneyFileError, match=r"map\.json': not JSON \(line 3, column 3: "):
        Journey.load(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[1, 2]", r"map\.json is not a jmwidget document: a journey is a JSON object"),
        ('{"name": "my-package"}', r"map\.json is not a jmwidget document: it has no \"schema\" field"),
        ('{"schema": "vega-lite", "version": 1}', r"it has \"schema\": 'vega-lite', expected 'jmwidget.journey'"),
    ],
)
def test_load_not_a_jmwidget_document(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "map.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(JourneyFileError, match=message):
        Journey.load(path)


def test_load_newer_version_says_upgrade_jmwidget(tmp_path: Path) -> None:
    doc = build_small().to_dict()
    doc["version"] = 4
    path = tmp_path / "map.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(JourneyFileError) as info:
        Journey.load(path)
    assert str(info.value) == (
        "map.json was written by jmwidget schema version 4; this jmwidget reads up to version 3 — upgrade jmwidget"
    )
    assert info.value.problems == [("$.version", str(info.value))]


def test_load_invalid_document_lists_json_paths(tmp_path: Path) -> None:
    doc = build_small().to_dict()
    doc["stages"][0]["steps"][1]["name"] = ""
    doc["cells"]["conversion"]["fill-form"] = "high"
    path = tmp_path / "map.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(JourneyFileError, match=r"cannot load '.*map\.json': invalid journey document") as info:
        Journey.load(path)
    paths = [where for where, _ in info.value.problems]
    assert "$.stages[0].steps[1].name" in paths
    assert "$.cells.conversion.fill-form" in paths
    assert "$.stages[0].steps[1].name" in str(info.value)


def test_load_of_a_v1_file_upgrades_it(tmp_path: Path) -> None:
    journey = Journey.load(DATA / "returns-v1.json")
    assert journey.to_dict()["version"] == 3
    assert journey.connections == ()
    saved = journey.save(tmp_path / "upgraded.json")
    assert json.loads(saved.read_text(encoding="utf-8"))["version"] == 3
    assert Journey.load(saved) == journey


@pytest.mark.parametrize("suffix", [".svg", ".png", ".html"])
def test_exports_cannot_be_loaded(tmp_path: Path, suffix: str) -> None:
    with pytest.raises(JourneyFileError, match=rf"{suffix} files are exports that cannot be read back"):
        Journey.load(tmp_path / f"map{suffix}")


def test_unknown_suffixes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(JourneyFileError, match=r"cannot save .*map\.docx.*unknown format '\.docx'; use one of \.json"):
        build_small().save(tmp_path / "map.docx")
    with pytest.raises(JourneyFileError, match=r"unknown format '\.txt'"):
        Journey.load(tmp_path / "map.txt")
    assert _only(tmp_path) == []


def test_format_overrides_the_suffix(tmp_path: Path) -> None:
    path = build_small().save(tmp_path / "map.backup", format="json")
    assert Journey.load(path, format="json") == build_small()


def test_table_options_only_for_tables(tmp_path: Path) -> None:
    path = build_small().save(tmp_path / "map.json")
    with pytest.raises(JourneyFileError, match=r"options \(kinds\) apply to \.csv and \.xlsx only"):
        Journey.load(path, kinds={"x": "text"})


# ---------------------------------------------------------------- exports by suffix


def test_svg_and_html_exports_are_written(tmp_path: Path) -> None:
    journey = build_small()
    svg = journey.save(tmp_path / "map.svg").read_text(encoding="utf-8")
    assert svg == jmwidget.pictures.to_svg(journey)
    page = journey.save(tmp_path / "map.HTML").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Open a bank account" in page


def test_png_export_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []

    def fake_png(journey: Journey) -> bytes:
        calls.append(journey)
        return b"\x89PNG fake"

    monkeypatch.setattr(jmwidget.pictures, "to_png", fake_png)
    journey = build_small()
    assert journey.save(tmp_path / "map.png").read_bytes() == b"\x89PNG fake"
    assert calls == [journey]


def test_missing_exporter_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jmwidget.pictures", None)  # makes `import jmwidget.pictures` fail
    monkeypatch.delattr(jmwidget, "pictures", raising=False)
    with pytest.raises(JourneyFileError, match=r"cannot save .*map\.svg.*needs jmwidget\.pictures\.to_svg") as info:
        build_small().save(tmp_path / "map.svg")
    assert info.value.path == str(tmp_path / "map.svg")
    assert _only(tmp_path) == []


def test_mermaid_file_round_trip(tmp_path: Path) -> None:
    text = "journey\n    title My working day\n    section Go to work\n      Make tea: 5: Me\n"
    path = tmp_path / "day.mmd"
    path.write_text(text, encoding="utf-8")
    journey = Journey.load(path)
    assert journey.title == "My working day"
    journey.save(tmp_path / "again.mmd")
    assert (tmp_path / "again.mmd").read_text(encoding="utf-8") == text


def test_mermaid_export_warns_about_lanes(tmp_path: Path) -> None:
    with pytest.warns(MermaidWarning, match="lane 'Actions' \\(text\\)"):
        build_small().save(tmp_path / "map.mmd")


def test_bad_mermaid_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.mmd"
    path.write_text("journey\nsection A\n  Make tea\n", encoding="utf-8")
    with pytest.raises(JourneyFileError, match=r"bad\.mmd': Mermaid journey, line 3: task 'Make tea' needs a score"):
        Journey.load(path)


# ---------------------------------------------------------------- properties

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30).filter(str.strip)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=st.text(max_size=40),
    stages=st.lists(st.tuples(_text, st.lists(_text, max_size=4)), max_size=4),
    scores=st.lists(st.integers(1, 5), max_size=16),
    note=st.text(max_size=60),
)
def test_save_then_load_is_identity(
    tmp_path: Path, title: str, stages: list[tuple[str, list[str]]], scores: list[int], note: str
) -> None:
    journey = Journey(title, description=note)
    lane = journey.add_lane("Emotion", "emotion")
    text = journey.add_lane("Notes", "text")
    for name, steps in stages:
        journey.add_stage(name, steps=steps)
    for step, score in zip(journey.steps, scores, strict=False):
        journey.set_cell(lane, step.id, score)
        journey.set_cell(text, step.id, f"{note}\n{step.name}")
    path = journey.save(tmp_path / "map.json")
    assert Journey.load(path) == journey
    assert path.read_bytes() == _files.json_bytes(journey)
