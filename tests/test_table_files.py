"""Saving and loading tables: CSV and Excel wide tables, the Excel workbook of a whole map, and what CSV drops."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import jmwidget
from jmwidget import Journey, JourneyFileError, LossyFormatWarning

from .conftest import build_small

TEMPLATES = jmwidget.templates()


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
    assert book.sheetnames == ["map", "lanes", "cards", "annotations", "connections", "evidence", "about"]
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
