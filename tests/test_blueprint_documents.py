"""Service blueprints as data: conflicts with browser edits, documents and their migration, tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from jmwidget import ConflictError, DocumentError, Journey
from jmwidget.model._migrations import CURRENT_VERSION, MIGRATIONS, upgrade

from .test_blueprint import build_blueprint, unchanged

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def bp() -> Journey:
    return build_blueprint()


# ---------------------------------------------------------------- conflicts (browser edits on an old base)


def test_annotations_and_connections_are_conflict_targets(bp: Journey) -> None:
    bp.add_connection("form", "review", id="c1")
    base = bp.revision
    bp.annotate("customer", "fill-form", owner="Digital team")  # from Python, after the browser's base
    bp.edit_connection("c1", label="sends the form")
    before = bp.to_json()
    with pytest.raises(
        ConflictError, match=r"the annotations of the cell 'Customer' x 'Fill form' was changed from Python"
    ):
        bp.apply(
            {"op": "set_annotation", "lane": "customer", "step": "fill-form", "fields": {"owner": "Ops"}},
            origin="browser",
            base=base,
        )
    with pytest.raises(ConflictError, match=r"connection 'c1' \('sends the form'\) was changed from Python"):
        bp.apply({"op": "edit_connection", "connection": "c1", "fields": {"label": "x"}}, origin="browser", base=base)
    with pytest.raises(ConflictError, match=r"connection 'c1'"):
        bp.apply({"op": "delete_connection", "connection": "c1"}, origin="browser", base=base)
    unchanged(bp, before)
    # Other cells' annotations and a card's annotations are separate targets: both edits survive.
    bp.apply(
        {"op": "set_annotation", "lane": "customer", "step": "upload-id", "fields": {"owner": "Ops"}},
        origin="browser",
        base=base,
    )
    bp.apply({"op": "set_annotation", "card": "review", "fields": {"owner": "Ops"}}, origin="browser", base=base)
    assert bp.annotation("customer", "fill-form") == {"owner": "Digital team"}
    assert bp.annotation("customer", "upload-id") == {"owner": "Ops"}


def test_deleting_a_step_conflicts_with_a_newer_label_on_its_connection(bp: Journey) -> None:
    bp.add_connection("form", "review", id="c1")
    base = bp.revision
    bp.edit_connection("c1", label="sends the form")
    with pytest.raises(ConflictError, match=r"connection 'c1'"):
        bp.apply({"op": "delete_step", "step": "upload-id"}, origin="browser", base=base)
    assert len(bp.connections) == 1


# ---------------------------------------------------------------- documents and migration


def _doc(bp: Journey) -> dict[str, Any]:
    bp.add_connection("form", "review", id="c1")
    bp.annotate("customer", "fill-form", owner="Digital team")
    return bp.to_dict()


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda d: d["connections"][0]["to"].update(step="gone"), "$.connections[0]", "no step with id 'gone'"),
        (lambda d: d["connections"][0]["to"].update(card="form"), "$.connections[0]", "card 'form' is in the cell"),
        (lambda d: d["connections"][0].update(to=d["connections"][0]["from"]), "$.connections[0]", "same place"),
        (lambda d: d["connections"].append({**d["connections"][0], "id": "c2"}), "$.connections[1]", "already joins"),
        (lambda d: d["connections"].append({**d["connections"][0]}), "$.connections[1].id", "already used"),
        (lambda d: d["annotations"]["customer"].update(gone={"owner": "x"}), "$.annotations.customer.gone", "no step"),
        (lambda d: d["annotations"].update(ghost={}), "$.annotations.ghost", "no lane with id 'ghost'"),
        (lambda d: d["lanes"].reverse(), "$.lanes", "zone order"),
        (
            lambda d: d["annotations"]["customer"]["fill-form"].update(duration={"value": 1, "unit": "weeks"}),
            "$.annotations.customer.fill-form.duration.unit",
            "'weeks' is not one of",
        ),
        (lambda d: d["annotations"]["customer"].update({"upload-id": {}}), "$.annotations.customer.upload-id", ""),
        (
            lambda d: d["cells"]["front"]["fill-form"][0].update(annotations={"owner": ""}),
            "$.cells.front.fill-form[0].annotations",
            "an owner needs a non-empty note",
        ),
    ],
)
def test_broken_blueprint_documents_are_refused(bp: Journey, change: Any, path: str, message: str) -> None:
    doc = _doc(bp)
    change(doc)
    with pytest.raises(DocumentError) as info:
        Journey.from_dict(doc)
    assert any(p == path and message in m for p, m in info.value.problems), info.value.problems


def test_v1_document_loads_upgraded() -> None:
    text = (DATA / "returns-v1.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 1
    assert "connections" not in data
    assert "annotations" not in data
    journey = Journey.from_json(text)
    doc = journey.to_dict()
    assert doc["version"] == 3 == CURRENT_VERSION
    assert doc["connections"] == []
    assert doc["annotations"] == {lane["id"]: {} for lane in data["lanes"]}
    # Nothing else changed.
    assert {k: v for k, v in doc.items() if k not in ("version", "connections", "annotations")} == {
        k: v for k, v in data.items() if k != "version"
    }
    assert journey == Journey.from_template("returns")


def test_upgrade_reports_what_changed_and_leaves_the_input_alone() -> None:
    data = json.loads((DATA / "returns-v1.json").read_text(encoding="utf-8"))
    original = json.dumps(data, sort_keys=True)
    upgraded, notes = upgrade(data)
    assert json.dumps(data, sort_keys=True) == original
    assert upgraded["version"] == 3
    assert notes == [
        "version 1 -> 2: added an empty list of connections",
        "version 1 -> 2: added empty cell annotations",
    ]
    assert set(MIGRATIONS) == {1, 2}
    again, none = upgrade(upgraded)
    assert again == upgraded
    assert none == []


@pytest.mark.parametrize(("version", "message"), [(4, "upgrade jmwidget"), (0, "must be a schema version")])
def test_unknown_versions_are_refused(version: int, message: str) -> None:
    data = Journey("x").to_dict()
    data["version"] = version
    with pytest.raises(DocumentError, match=message):
        Journey.from_dict(data)


def test_v2_document_without_blueprint_keys_is_refused() -> None:
    data = Journey("x").to_dict()
    del data["connections"]
    with pytest.raises(DocumentError, match=r"'connections' is a required property"):
        Journey.from_dict(data)


# ---------------------------------------------------------------- tables


def test_tidy_table_has_annotation_columns(bp: Journey) -> None:
    bp.annotate("customer", "fill-form", fail_point="Postcode lookup fails", duration=(3, "minutes"))
    bp.annotate("back", "upload-id", owner="Back office")  # the cell of a card
    bp.annotate("support", "first-login", wait_point="Account activation batch", duration=(1, "days"))  # empty cell
    bp.annotate(card="review", cost=(2.25, "EUR"), owner="Compliance")
    frame = bp.to_pandas()
    rows = {(r.lane_id, r.step_id, r.card_id if isinstance(r.card_id, str) else None): r for r in frame.itertuples()}
    customer = rows[("customer", "fill-form", None)]
    assert customer.value == "Types name and address"
    assert customer.fail_point
    assert customer.fail_note == "Postcode lookup fails"
    assert (customer.duration, customer.duration_unit) == (3.0, "minutes")
    assert not customer.wait_point
    review = rows[("back", "upload-id", "review")]
    assert (review.cost, review.currency, review.owner) == (2.25, "EUR", "Compliance")
    assert rows[("back", "upload-id", None)].owner == "Back office"
    empty = rows[("support", "first-login", None)]
    assert pd.isna(empty.value)
    assert empty.wait_point
    assert empty.wait_note == "Account activation batch"
    assert frame["fail_point"].dtype == bool
    assert frame["fail_point"].sum() == 1


def test_connections_table(bp: Journey) -> None:
    assert list(bp.connections_frame().columns)[:3] == ["connection_id", "from_stage", "from_step_id"]
    assert len(bp.connections_frame()) == 0
    bp.add_connection("form", ("back", "upload-id"), label="application", id="c1")
    frame = bp.to_pandas(form="connections")
    row = frame.iloc[0]
    assert row["connection_id"] == "c1"
    assert (row["from_stage"], row["from_step"], row["from_lane"], row["from_card_id"], row["from_card"]) == (
        "Apply",
        "Fill form",
        "Front",
        "form",
        "Form checks the postcode",
    )
    assert (row["to_step_id"], row["to_lane_id"], row["label"]) == ("upload-id", "back", "application")
    assert pd.isna(row["to_card_id"])
    polars = pytest.importorskip("polars")
    from jmwidget.tables import to_polars

    polar = to_polars(bp, form="connections")
    assert isinstance(polar, polars.DataFrame)
    assert polar["to_lane"].to_list() == ["Back"]
