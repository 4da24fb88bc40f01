"""Maps as Excel workbooks: the wide table people edit, and sheets that keep the rest of the map.

===============  ===============================================================================
sheet            one row per
===============  ===============================================================================
``map``          step: the wide table (:func:`jmwidget.tables.to_pandas` ``form="wide"``)
``lanes``        column of ``map``: ``column, lane, kind, lane_id, persona_id`` and the lane's
                 ``zone, description, unit, format, higher_is_better``
``cards``        card: ``lane_id, step_id, card_id, text, color, tag, impact``
``annotations``  annotated cell or card: ``lane_id, step_id, card_id`` (empty for a cell),
                 ``fail_point, wait_point`` (their notes), ``duration, duration_unit, cost,
                 currency, owner``
``connections``  connection: the ``form="connections"`` table (ids and names of both ends, label)
``evidence``     emotion or metric value with evidence behind it: ``lane_id, step_id, persona_id``
                 (emotion values), ``value, n, sd, low, high``
``about``        other field of the document (title, personas, emotion scale, channels, ...):
                 ``field`` and its value as ``json``
===============  ===============================================================================

:func:`read_workbook` rebuilds the document from a workbook with an ``about`` sheet, so a map
(a service blueprint with its zones, cards, annotations and connections included) comes back
equal to the one saved. The ``map`` sheet has the last word on values: edited text, numbers and
channels are applied (an emptied cell is cleared), and a cards cell keeps its cards (ids, colours,
annotations, connections) while its text still equals their texts joined with ``"; "``; otherwise
it gets one new plain card per piece. The ``map`` sheet holds the numbers; a value's evidence comes
back from the ``evidence`` sheet while its number there is still the number in ``map`` (a number
changed in ``map`` is a new value, and the evidence of the old one is dropped, as when a value is
edited in the widget). An annotation or connection naming a card that is gone is an error naming
its sheet and row. Excel keeps no difference between ``12`` and ``12.0``: whole
numbers come back as ints, so a metric saved as ``12.0`` reads back as ``12`` (equal in Python,
written differently in JSON).
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..model import EVIDENCE_FIELDS, JourneyError, OperationError, cell_number, evidence_cells, without_evidence

if TYPE_CHECKING:
    import pandas as pd

    from ..model import Journey

TABLE_SHEET = "map"
LANES_SHEET = "lanes"
CARDS_SHEET = "cards"
ANNOTATIONS_SHEET = "annotations"
CONNECTIONS_SHEET = "connections"
EVIDENCE_SHEET = "evidence"
ABOUT_SHEET = "about"

LANE_FIELDS = ("zone", "description", "unit", "format", "higher_is_better")
LANE_COLUMNS = ("column", "lane", "kind", "lane_id", "persona_id", *LANE_FIELDS)
CARD_FIELDS = ("color", "tag", "impact")
CARD_COLUMNS = ("lane_id", "step_id", "card_id", "text", *CARD_FIELDS)
NOTE_COLUMNS = (
    "lane_id",
    "step_id",
    "card_id",
    "fail_point",
    "wait_point",
    "duration",
    "duration_unit",
    "cost",
    "currency",
    "owner",
)
EVIDENCE_COLUMNS = ("lane_id", "step_id", "persona_id", *EVIDENCE_FIELDS)
ABOUT_COLUMNS = ("field", "json")
#: Document keys kept by the table sheets; every other key goes to ``about``.
_TABLE_KEYS = ("stages", "lanes", "cells", "annotations", "connections")

Row = dict[str, Any]


def openpyxl_module() -> Any:
    """The ``openpyxl`` module, or a :class:`JourneyError` saying how to install it."""
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError as exc:
        raise JourneyError("Excel files need the openpyxl package (pip install openpyxl)") from exc
    return openpyxl


# ---------------------------------------------------------------- writing


def workbook_bytes(journey: Journey) -> bytes:
    """The map as an ``.xlsx`` workbook with the sheets described above.

    Text is always stored as text (a value starting with ``=`` does not become a formula); the
    workbook's title property is the map's title.
    """
    from ..tables import CONNECTION_COLUMNS, wide_columns

    doc = journey.to_dict()
    journey = plain_values(journey)  # the table sheets hold the numbers; the evidence has its own sheet
    book = openpyxl_module().Workbook()
    table = book.active
    table.title = TABLE_SHEET
    frame = journey.to_pandas(form="wide")
    _fill(table, [str(c) for c in frame.columns], frame.itertuples(index=False, name=None))
    lanes = {lane["id"]: lane for lane in doc["lanes"]}
    _fill(
        book.create_sheet(LANES_SHEET),
        LANE_COLUMNS,
        (
            [c.name, c.lane.name, c.lane.kind, c.lane.id, c.persona_id, *(lanes[c.lane.id].get(f) for f in LANE_FIELDS)]
            for c in wide_columns(journey)
        ),
    )
    cards, notes = _card_and_note_rows(doc)
    _fill(book.create_sheet(CARDS_SHEET), CARD_COLUMNS, cards)
    _fill(book.create_sheet(ANNOTATIONS_SHEET), NOTE_COLUMNS, notes)
    connections = journey.to_pandas(form="connections")
    _fill(book.create_sheet(CONNECTIONS_SHEET), CONNECTION_COLUMNS, connections.itertuples(index=False, name=None))
    _fill(book.create_sheet(EVIDENCE_SHEET), EVIDENCE_COLUMNS, _evidence_rows(doc))
    about = ([key, json.dumps(value, ensure_ascii=False)] for key, value in doc.items() if key not in _TABLE_KEYS)
    _fill(book.create_sheet(ABOUT_SHEET), ABOUT_COLUMNS, about)
    book.properties.title = journey.title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plain_values(journey: Journey) -> Journey:
    """``journey`` itself, or when a value has evidence behind it a copy holding only the numbers
    (what one table keeps of such a value)."""
    from ..model import Journey

    if not evidence_cells(journey.document):
        return journey
    return Journey.from_dict(without_evidence(journey.document), copy=False)


def _evidence_rows(doc: dict[str, Any]) -> Iterator[list[Any]]:
    """Rows of the ``evidence`` sheet: every emotion or metric value with evidence, in map order."""
    steps = [step["id"] for stage in doc["stages"] for step in stage["steps"]]
    for lane in doc["lanes"]:
        row_cells = doc["cells"].get(lane["id"], {})
        for step in steps:
            value = row_cells.get(step)
            if lane["kind"] == "metric" and isinstance(value, dict):
                yield [lane["id"], step, None, *(value.get(f) for f in EVIDENCE_FIELDS)]
            elif lane["kind"] == "emotion" and isinstance(value, dict):
                for persona in doc["personas"]:
                    entry = value.get(persona["id"])
                    if isinstance(entry, dict):
                        yield [lane["id"], step, persona["id"], *(entry.get(f) for f in EVIDENCE_FIELDS)]


def _card_and_note_rows(doc: dict[str, Any]) -> tuple[list[list[Any]], list[list[Any]]]:
    """Rows of the ``cards`` and ``annotations`` sheets, in map order (lanes, then steps, then cards)."""
    steps = [step["id"] for stage in doc["stages"] for step in stage["steps"]]
    cards: list[list[Any]] = []
    notes: list[list[Any]] = []
    for lane in doc["lanes"]:
        row_cells = doc["cells"].get(lane["id"], {})
        row_notes = doc["annotations"].get(lane["id"], {})
        for step in steps:
            if step in row_notes:
                notes.append([lane["id"], step, None, *_note_values(row_notes[step])])
            value = row_cells.get(step)
            if lane["kind"] != "cards" or not value:
                continue
            for card in value:
                cards.append([lane["id"], step, card["id"], card["text"], *(card.get(f) for f in CARD_FIELDS)])
                if card.get("annotations"):
                    notes.append([lane["id"], step, card["id"], *_note_values(card["annotations"])])
    return cards, notes


def _note_values(note: dict[str, Any]) -> list[Any]:
    duration, cost = note.get("duration") or {}, note.get("cost") or {}
    return [
        note.get("fail_point"),
        note.get("wait_point"),
        duration.get("value"),
        duration.get("unit"),
        cost.get("amount"),
        cost.get("currency"),
        note.get("owner"),
    ]


def _fill(sheet: Any, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write ``header`` and ``rows``; strings are stored as text, never as formulas."""
    sheet.append(list(header))
    for row_number, row in enumerate(rows, start=2):
        for column_number, value in enumerate(row, start=1):
            plain = cell_value(value)
            cell = sheet.cell(row=row_number, column=column_number, value=plain)
            if isinstance(plain, str):
                cell.data_type = "s"


def cell_value(value: Any) -> Any:
    """A plain Python value for a spreadsheet cell: missing values (NaN, None) stay empty."""
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, str):
        value = item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


# ---------------------------------------------------------------- reading


def has_document_sheets(sheetnames: Sequence[str]) -> bool:
    """Whether a workbook was written by :func:`workbook_bytes` (it has the ``about`` sheet)."""
    return ABOUT_SHEET in sheetnames and LANES_SHEET in sheetnames


def read_workbook(book: Any, table: pd.DataFrame, *, title: str | None = None) -> Journey:
    """Rebuild the map from a workbook written by :func:`workbook_bytes` (``table``: its ``map`` sheet).

    ``title`` replaces the saved title. Raises :class:`JourneyError` naming the sheet and row of a
    bad value, or :class:`DocumentError` when the sheets together do not make a valid map.
    """
    import narwhals.stable.v2 as nw

    from ..model import Journey
    from ..tables import update_from_frame
    from ..tables._stages import add_stages as _add_stages
    from ..tables._stages import stage_runs as _stage_runs

    skeleton: dict[str, Any] = {key: value for key, value in _about(book).items() if key not in _TABLE_KEYS}
    if title is not None:
        skeleton["title"] = title
    skeleton |= {"stages": [], "lanes": _lanes(book), "cells": {}, "annotations": {}, "connections": []}
    journey = Journey.from_dict(skeleton)
    with journey.transaction("read workbook"):
        row_steps = _add_stages(journey, _stage_runs(nw.from_native(table, eager_only=True), "stage", "step", "map"))
        for row_number, row in _rows(book, CARDS_SHEET, CARD_COLUMNS[:4]):
            card = {"id": row["card_id"], "text": _text(row["text"])} | _present(row, CARD_FIELDS)
            _apply(
                journey, {"op": "add_card", "lane": row["lane_id"], "step": row["step_id"], "card": card}, row_number
            )
    values = _changed_values(journey, table, [row_steps[i] for i in range(len(table))])
    update_from_frame(journey, values, step="step_id")
    doc = journey.to_dict()
    cards = _cards_by_id(doc)
    _add_notes(doc, cards, book)
    if EVIDENCE_SHEET in book.sheetnames:  # older workbooks have none
        _add_evidence(doc, book)
    doc["connections"] = [_connection(row, n, cards) for n, row in _rows(book, CONNECTIONS_SHEET, _CONNECTION_IDS)]
    return Journey.from_dict(doc)


_CONNECTION_IDS = ("connection_id", "from_lane_id", "from_step_id", "to_lane_id", "to_step_id")


def _apply(journey: Journey, op: dict[str, Any], row_number: int) -> None:
    try:
        journey.apply(op)
    except OperationError as exc:
        raise JourneyError(f"sheet {CARDS_SHEET!r}, row {row_number}: {exc}") from None


def _changed_values(journey: Journey, table: pd.DataFrame, step_ids: list[str]) -> pd.DataFrame:
    """The ``map`` sheet keyed by step id, with cards cells that still match the ``cards`` sheet left out.

    An emptied cards cell becomes ``""`` so that its cards are cleared.
    """
    import pandas as pd

    from ..tables import CARD_SEPARATOR, wide_columns

    values = table.copy().astype(object)
    values["step_id"] = step_ids
    for column in wide_columns(journey):
        if column.name not in values.columns:
            continue
        if column.lane.kind == "metric":  # Excel keeps no int/float difference: 12.0 reads back as 12
            whole = [_number(cell_value(v)) for v in values[column.name]]
            values[column.name] = pd.Series(whole, index=values.index, dtype=object)
        if column.lane.kind != "cards":
            continue
        for index, step_id in zip(values.index, step_ids, strict=True):
            given = cell_value(values.at[index, column.name])
            texts = [card["text"] for card in journey.cards(column.lane.id, step_id)]
            if given is None:
                values.at[index, column.name] = "" if texts else None
            elif str(given) == CARD_SEPARATOR.join(texts):
                values.at[index, column.name] = None
    return values


def _cards_by_id(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        card["id"]: card
        for row in doc["cells"].values()
        for value in row.values()
        if isinstance(value, list)
        for card in value
        if isinstance(card, dict)
    }


def _card_gone(sheet: str, row_number: int, card: Any) -> JourneyError:
    return JourneyError(
        f"sheet {sheet!r}, row {row_number}: card {card!r} is not in the map "
        f"(was its text changed in the {TABLE_SHEET!r} sheet?)"
    )


def _add_notes(doc: dict[str, Any], cards: dict[str, dict[str, Any]], book: Any) -> None:
    for row_number, row in _rows(book, ANNOTATIONS_SHEET, ("lane_id", "step_id")):
        note = _note(row)
        if row["card_id"] is None:
            doc["annotations"].setdefault(row["lane_id"], {})[row["step_id"]] = note
        elif row["card_id"] in cards:
            cards[row["card_id"]]["annotations"] = note
        else:
            raise _card_gone(ANNOTATIONS_SHEET, row_number, row["card_id"])


def _add_evidence(doc: dict[str, Any], book: Any) -> None:
    """Put each value's evidence back where the ``map`` sheet still holds its number."""
    kinds = {lane["id"]: lane["kind"] for lane in doc["lanes"]}
    for _, row in _rows(book, EVIDENCE_SHEET, ("lane_id", "step_id", "value")):
        evidence = {f: _number(row[f]) for f in EVIDENCE_FIELDS if row.get(f) is not None}
        cells = doc["cells"].get(row["lane_id"], {})
        kind, step, persona = kinds.get(row["lane_id"]), row["step_id"], row.get("persona_id")
        if kind == "metric" and step in cells and cell_number(cells[step]) == evidence["value"]:
            cells[step] = evidence
        elif kind == "emotion" and persona is not None:
            entries = cells.get(step) or {}
            if persona in entries and cell_number(entries[persona]) == evidence["value"]:
                entries[persona] = evidence


def _note(row: Row) -> dict[str, Any]:
    note: dict[str, Any] = _present(row, ("fail_point", "wait_point", "owner"))
    if row.get("duration") is not None or row.get("duration_unit") is not None:
        note["duration"] = {"value": _number(row.get("duration")), "unit": row.get("duration_unit")}
    if row.get("cost") is not None or row.get("currency") is not None:
        note["cost"] = {"amount": _number(row.get("cost")), "currency": row.get("currency")}
    return note


def _connection(row: Row, row_number: int, cards: dict[str, dict[str, Any]]) -> dict[str, Any]:
    connection: dict[str, Any] = {"id": row["connection_id"]}
    for side in ("from", "to"):
        end = {"lane": row[f"{side}_lane_id"], "step": row[f"{side}_step_id"]}
        card = row.get(f"{side}_card_id")
        if card is not None:
            if card not in cards:
                raise _card_gone(CONNECTIONS_SHEET, row_number, card)
            end["card"] = card
        connection[side] = end
    if row.get("label") is not None:
        connection["label"] = _text(row["label"])
    return connection


def _about(book: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for row_number, row in _rows(book, ABOUT_SHEET, ABOUT_COLUMNS):
        try:
            fields[str(row["field"])] = json.loads(str(row["json"]))
        except json.JSONDecodeError as exc:
            raise JourneyError(
                f"sheet {ABOUT_SHEET!r}, row {row_number} ({row['field']}): not JSON ({exc.msg}, column {exc.colno})"
            ) from None
    return fields


def _lanes(book: Any) -> list[dict[str, Any]]:
    lanes: dict[str, dict[str, Any]] = {}
    for _, row in _rows(book, LANES_SHEET, ("lane", "kind", "lane_id")):
        lanes.setdefault(
            str(row["lane_id"]),
            {"id": row["lane_id"], "name": _text(row["lane"]), "kind": row["kind"]} | _present(row, LANE_FIELDS),
        )
    return list(lanes.values())


def _rows(book: Any, name: str, required: Sequence[str]) -> Iterator[tuple[int, Row]]:
    """``(row number, {column: value})`` for each non-empty row of sheet ``name`` (numbered as Excel does)."""
    if name not in book.sheetnames:
        raise JourneyError(f"the workbook has no {name!r} sheet (jmwidget writes it next to {ABOUT_SHEET!r})")
    rows = book[name].iter_rows(values_only=True)
    header = [str(c) if c is not None else "" for c in next(rows, ())]
    missing = [c for c in required if c not in header]
    if missing:
        raise JourneyError(f"sheet {name!r} has no column(s) {', '.join(map(repr, missing))}")
    for row_number, values in enumerate(rows, start=2):
        row = dict(zip(header, (cell_value(v) for v in values), strict=False))
        if all(v is None for v in row.values()):
            continue
        absent = [c for c in required if row.get(c) is None]
        if absent:
            raise JourneyError(f"sheet {name!r}, row {row_number}: no {', '.join(absent)}")
        yield row_number, row


def _present(row: Row, names: Sequence[str]) -> dict[str, Any]:
    return {name: row[name] for name in names if row.get(name) is not None}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _number(value: Any) -> Any:
    """Whole floats read back from a sheet become ints (``6.0`` -> ``6``)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


__all__ = [
    "ABOUT_SHEET",
    "ANNOTATIONS_SHEET",
    "CARDS_SHEET",
    "CONNECTIONS_SHEET",
    "EVIDENCE_SHEET",
    "LANES_SHEET",
    "TABLE_SHEET",
    "has_document_sheets",
    "openpyxl_module",
    "plain_values",
    "read_workbook",
    "workbook_bytes",
]
