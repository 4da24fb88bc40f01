"""Saving and loading files: JSON documents, CSV/Excel wide tables, exports, and clear errors."""

from __future__ import annotations

import json
import os
import stat
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jmwidget
import jmwidget.pictures
from jmwidget import Journey, JourneyError, JourneyFileError, LossyFormatWarning
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
    doc["version"] = 3
    path = tmp_path / "map.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(JourneyFileError) as info:
        Journey.load(path)
    assert str(info.value) == (
        "map.json was written by jmwidget schema version 3; this jmwidget reads up to version 2 — upgrade jmwidget"
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
    assert journey.to_dict()["version"] == 2
    assert journey.connections == ()
    saved = journey.save(tmp_path / "upgraded.json")
    assert json.loads(saved.read_text(encoding="utf-8"))["version"] == 2
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


# ---------------------------------------------------------------- CSV and Excel


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_wide_table_round_trips(tmp_path: Path, name: str, suffix: str) -> None:
    journey = Journey.from_template(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossyFormatWarning)  # blueprints in CSV: tested below
        path = journey.save(tmp_path / f"map{suffix}")
    again = Journey.load(path)
    pd.testing.assert_frame_equal(again.to_pandas(form="wide"), journey.to_pandas(form="wide"))
    assert [s.id for s in again.stages] == [s.id for s in journey.stages]
    assert [s.id for s in again.steps] == [s.id for s in journey.steps]


def test_excel_keeps_title_and_lane_kinds(tmp_path: Path) -> None:
    journey = Journey.from_template("service-blueprint")
    again = Journey.from_excel(journey.save(tmp_path / "blueprint.xlsx"))
    assert again.title == journey.title
    assert [(lane.name, lane.kind) for lane in again.lanes] == [(lane.name, lane.kind) for lane in journey.lanes]


def test_csv_title_is_the_file_name_and_can_be_given(tmp_path: Path) -> None:
    path = build_small().save(tmp_path / "bank account.csv")
    assert Journey.from_csv(path).title == "bank account"
    assert Journey.load(path, title="Opening an account").title == "Opening an account"


def test_csv_is_plain_utf8_with_one_row_per_step(tmp_path: Path) -> None:
    journey = build_small()
    journey.set_cell("actions", "fill-form", "Types “Zoë” — then waits")
    text = journey.save(tmp_path / "map.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("stage_id,stage,step_id,step,step_index,Actions,Channels")
    assert len(lines) == 1 + len(journey.steps)
    assert "Types “Zoë” — then waits" in text
    assert "\r" not in text


def test_workshop_spreadsheet_becomes_a_map(tmp_path: Path) -> None:
    path = tmp_path / "workshop.csv"
    path.write_text(
        "\ufeffstage,step,Doing,Feeling,Pain points,Channels,Wait time\n"
        "Before,Hears about it,Chats with a friend,4,,Word of mouth,\n"
        ",Looks it up,Searches the web,3,Too many ads; Slow site,Website,12\n"
        "During,Visits,Queues at the door,2,No shade,Store,35\n"
        "During,Pays,NA,3,,Store,\n",
        encoding="utf-8",
    )
    journey = Journey.load(path)
    assert [s.name for s in journey.stages] == ["Before", "During"]
    assert [s.name for s in journey.steps] == ["Hears about it", "Looks it up", "Visits", "Pays"]
    kinds = {lane.name: lane.kind for lane in journey.lanes}
    assert kinds == {
        "Doing": "text",
        "Feeling": "emotion",
        "Pain points": "cards",
        "Channels": "channels",
        "Wait time": "metric",
    }
    assert journey.get_cell("Doing", "Pays") == "NA"  # text is text, not a missing value
    assert [c["text"] for c in journey.cards("Pain points", "Looks it up")] == ["Too many ads", "Slow site"]
    assert journey.get_cell("Wait time", "Visits") == 35


def test_csv_kinds_can_be_given(tmp_path: Path) -> None:
    path = tmp_path / "blueprint.csv"
    path.write_text("stage,step,Backstage\nOrder,Pays,Checks stock; Charges card\n", encoding="utf-8")
    assert Journey.load(path).lane("Backstage").kind == "text"
    journey = Journey.from_csv(path, kinds={"Backstage": "cards"})
    assert [c["text"] for c in journey.cards("Backstage", "Pays")] == ["Checks stock", "Charges card"]


def test_bad_table_names_file_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("stage,step,Emotion\nA,One,3\nA,Two,9\n", encoding="utf-8")
    with pytest.raises(JourneyFileError, match=r"bad\.csv': from_frame: row 1, column 'Emotion'"):
        Journey.load(path, kinds={"Emotion": "emotion"})
    path.write_text("phase,task\nA,One\n", encoding="utf-8")
    with pytest.raises(JourneyFileError, match=r"bad\.csv'.*'stage'"):
        Journey.load(path)
    path.write_bytes(b"")
    with pytest.raises(JourneyFileError, match=r"bad\.csv': not a CSV table"):
        Journey.load(path)


def test_excel_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    import openpyxl

    journey = build_small()
    journey.set_cell("actions", "fill-form", '=HYPERLINK("http://example.com")')
    path = journey.save(tmp_path / "map.xlsx")
    sheet = openpyxl.load_workbook(path)["map"]
    cells = [
        cell for row in sheet.iter_rows() for cell in row if cell.value == journey.get_cell("actions", "fill-form")
    ]
    assert cells
    assert all(cell.data_type == "s" for cell in cells)
    assert Journey.load(path).get_cell("Actions", "fill-form") == '=HYPERLINK("http://example.com")'


def test_excel_without_jmwidget_sheets_reads_the_first_sheet(tmp_path: Path) -> None:
    path = tmp_path / "workshop.xlsx"
    frame = pd.DataFrame({"stage": ["Before", None], "step": ["Hears", "Looks"], "Emotion": [4, 2]})
    frame.to_excel(path, index=False, sheet_name="Sheet1")
    journey = Journey.load(path)
    assert journey.title == "workshop"
    assert [s.name for s in journey.steps] == ["Hears", "Looks"]
    assert journey.get_cell("Emotion", "Looks") == 2


def annotation_count(journey: Journey) -> int:
    """Annotated cells plus annotated cards, counted from the document."""
    doc = journey.to_dict()
    cells = sum(len(row) for row in doc["annotations"].values())
    cards = sum(
        1
        for row in doc["cells"].values()
        for value in row.values()
        if isinstance(value, list)
        for card in value
        if isinstance(card, dict) and "annotations" in card
    )
    return cells + cards


@pytest.mark.parametrize("name", ["service-blueprint", "restaurant-order"])
def test_csv_warns_naming_the_blueprint_parts_it_drops(tmp_path: Path, name: str) -> None:
    journey = Journey.from_template(name)
    assert journey.connections
    assert annotation_count(journey) > 0
    with pytest.warns(LossyFormatWarning) as record:
        path = journey.save(tmp_path / "blueprint.csv")
    assert len(record) == 1
    message = str(record[0].message)
    assert f"{len(journey.connections)} connections" in message
    assert f"{annotation_count(journey)} annotations" in message
    assert "lane zones" in message
    assert record[0].filename == __file__  # points at the save call, not at jmwidget
    again = Journey.load(path)
    assert again.connections == ()
    assert annotation_count(again) == 0
    assert not again.is_blueprint


def test_csv_of_a_plain_journey_map_does_not_warn(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        build_small().save(tmp_path / "map.csv")
        Journey.from_template("onboarding").save(tmp_path / "onboarding.csv")


def test_csv_warning_counts_a_single_connection_and_card_annotations(tmp_path: Path) -> None:
    journey = build_small()
    journey.add_connection(("actions", "see-advert"), ("pains", "fill-form"))
    card = journey.cards("pains", "fill-form")[0]["id"]
    journey.annotate(card=card, owner="Branch staff")
    with pytest.warns(LossyFormatWarning, match=r"no place for 1 connection, 1 annotation;"):
        journey.save(tmp_path / "map.csv")


@pytest.mark.parametrize("name", [*TEMPLATES, "small"])
def test_excel_round_trips_the_whole_map(tmp_path: Path, name: str) -> None:
    journey = build_small() if name == "small" else Journey.from_template(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = Journey.load(journey.save(tmp_path / "map.xlsx"))
    assert again.to_dict() == journey.to_dict()


@pytest.mark.parametrize("name", ["service-blueprint", "restaurant-order"])
def test_excel_keeps_a_blueprint(tmp_path: Path, name: str) -> None:
    import openpyxl

    journey = Journey.from_template(name)
    path = journey.save(tmp_path / "blueprint.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["map", "lanes", "cards", "annotations", "connections", "about"]
    assert book["connections"].max_row == 1 + len(journey.connections)
    assert book["annotations"].max_row == 1 + annotation_count(journey)
    zones = {row[0]: row[2] for row in book["lanes"].iter_rows(min_row=2, values_only=True, min_col=4, max_col=6)}
    assert zones == {lane.id: lane.zone for lane in journey.lanes}
    again = Journey.load(path)
    assert again == journey
    assert again.zones == journey.zones
    assert again.connections == journey.connections


def _edit_sheet(path: Path, edits: dict[tuple[str, str], object]) -> None:
    """Change cells of the ``map`` sheet addressed by (step id, column name), as a person would in Excel."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book["map"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[2].value: row for row in sheet.iter_rows(min_row=2)}
    for (step, column), value in edits.items():
        rows[step][header.index(column)].value = value
    book.save(path)


def test_excel_edits_in_the_map_sheet_are_applied(tmp_path: Path) -> None:
    journey = Journey.from_template("service-blueprint")
    path = journey.save(tmp_path / "blueprint.xlsx")
    kept = journey.cards("front", "books-a-room")
    _edit_sheet(
        path,
        {
            ("books-a-room", "Customer actions"): "Books on the phone",
            ("checks-out", "Physical evidence"): None,
            ("checks-out", "Emotion"): 2,
        },
    )
    again = Journey.load(path)
    assert again.get_cell("customer", "books-a-room") == "Books on the phone"
    assert again.get_cell("evidence", "checks-out") is None
    assert again.get_cell("emotion", "checks-out") == 2
    assert again.cards("front", "books-a-room") == kept  # ids, colours and annotations kept
    assert again.connections == journey.connections
    assert [lane.zone for lane in again.lanes] == [lane.zone for lane in journey.lanes]


def test_excel_card_text_edited_in_the_map_sheet_replaces_the_cards(tmp_path: Path) -> None:
    journey = build_small()
    path = journey.save(tmp_path / "map.xlsx")
    _edit_sheet(path, {("fill-form", "Pain points"): "Slow form; Lost data"})
    again = Journey.load(path)
    assert [card["text"] for card in again.cards("pains", "fill-form")] == ["Slow form", "Lost data"]


def test_excel_connection_to_a_card_gone_from_the_map_sheet_names_it(tmp_path: Path) -> None:
    journey = Journey.from_template("service-blueprint")
    path = journey.save(tmp_path / "blueprint.xlsx")
    first = journey.connections[0]
    assert first.from_.card is not None
    _edit_sheet(path, {(first.from_.step, "Frontstage"): "A different card"})
    with pytest.raises(
        JourneyFileError, match=r"blueprint\.xlsx': sheet '(annotations|connections)', row \d+: card "
    ) as info:
        Journey.load(path)
    assert repr(first.from_.card) in str(info.value)
    assert "changed in the 'map' sheet" in str(info.value)
    # Without the card's annotations, the connection is what names it.
    import openpyxl

    book = openpyxl.load_workbook(path)
    book.remove(book["annotations"])
    book.create_sheet("annotations").append(["lane_id", "step_id", "card_id"])
    book.save(path)
    with pytest.raises(JourneyFileError, match=r"sheet 'connections', row 2: card ") as info:
        Journey.load(path)
    assert f"card {first.from_.card!r} is not in the map" in str(info.value)


def test_excel_workbook_of_jmwidget_takes_a_title_but_no_table_options(tmp_path: Path) -> None:
    path = Journey.from_template("service-blueprint").save(tmp_path / "blueprint.xlsx")
    assert Journey.load(path, title="Hotel").title == "Hotel"
    with pytest.raises(JourneyFileError, match=r"options \(kinds\) apply to plain tables"):
        Journey.load(path, kinds={"Frontstage": "text"})


def test_excel_bad_about_sheet_names_sheet_and_row(tmp_path: Path) -> None:
    import openpyxl

    path = build_small().save(tmp_path / "map.xlsx")
    book = openpyxl.load_workbook(path)
    book["about"]["B3"].value = "{not json"
    book.save(path)
    with pytest.raises(JourneyFileError, match=r"map\.xlsx': sheet 'about', row 3 \(\w+\): not JSON"):
        Journey.load(path)


def test_not_an_excel_file(tmp_path: Path) -> None:
    path = tmp_path / "map.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(JourneyFileError, match=r"map\.xlsx': not an Excel workbook"):
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
