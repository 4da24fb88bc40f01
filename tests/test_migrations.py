"""Documents written by older schema versions upgrade through every entry point."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from jmwidget import DocumentError, Journey, NotAJourneyError, UnsupportedVersionError
from jmwidget.model._migrations import CURRENT_VERSION, MIGRATIONS, document_version, upgrade
from jmwidget.model._validation import SCHEMA_VERSION, schema

V1_FILE = Path(__file__).with_name("data") / "returns-v1.json"


def v1_document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(V1_FILE.read_text(encoding="utf-8"))
    return data


def test_current_version_is_the_schema_const() -> None:
    assert CURRENT_VERSION == schema()["properties"]["version"]["const"] == SCHEMA_VERSION
    assert Journey("x").to_dict()["version"] == CURRENT_VERSION


def test_every_older_version_has_a_one_step_migration() -> None:
    assert sorted(MIGRATIONS) == list(range(1, CURRENT_VERSION))


def test_fixture_is_a_real_version_1_document() -> None:
    doc = v1_document()
    assert doc["version"] == 1
    assert "connections" not in doc
    assert "annotations" not in doc


def test_upgrade_v1_adds_blueprint_parts_and_reports_the_steps() -> None:
    original = v1_document()
    kept = copy.deepcopy(original)
    doc, notes = upgrade(original)
    assert original == kept  # the input is not changed
    assert doc["version"] == CURRENT_VERSION
    assert doc["connections"] == []
    assert doc["annotations"] == {}
    assert notes == [
        "version 1 -> 2: added an empty list of connections",
        "version 1 -> 2: added empty cell annotations",
    ]
    assert {k: v for k, v in doc.items() if k not in ("version", "connections", "annotations")} == {
        k: v for k, v in original.items() if k != "version"
    }


def test_current_document_comes_back_as_an_equal_copy() -> None:
    doc = Journey.from_template("returns").to_dict()
    upgraded, notes = upgrade(doc)
    assert upgraded == doc
    assert upgraded is not doc
    assert notes == []
    upgraded["stages"].clear()
    assert doc["stages"]


def test_every_entry_point_upgrades(tmp_path: Path) -> None:
    from_dict = Journey.from_dict(v1_document())
    from_json = Journey.from_json(V1_FILE.read_text(encoding="utf-8"))
    from_bytes = Journey.from_json(V1_FILE.read_bytes())
    from_file = Journey.load(V1_FILE)
    assert from_dict == from_json == from_bytes == from_file
    assert from_file.to_dict()["version"] == CURRENT_VERSION
    assert from_file.title == "Returning an online order"
    assert len(from_file.steps) == 10
    # The upgraded map is a full current map: editable, blueprint parts included.
    from_file.set_zone(from_file.lanes[0].id, "customer")
    assert from_file.zones["customer"] == (from_file.lanes[0].id,)


def test_v1_templates_of_today_upgrade_to_the_shipped_ones() -> None:
    doc = v1_document()
    current = Journey.from_template("returns").to_dict()
    upgraded = Journey.from_dict(doc).to_dict()
    # The stored v1 copy and today's template hold the same content.
    assert upgraded["stages"] == current["stages"]
    assert upgraded["cells"] == current["cells"]


@pytest.mark.parametrize("version", [4, 10])
def test_newer_version_says_upgrade_jmwidget(version: int) -> None:
    doc = v1_document() | {"version": version}
    with pytest.raises(UnsupportedVersionError) as info:
        Journey.from_dict(doc)
    assert str(info.value) == (
        f"this document was written by jmwidget schema version {version}; "
        f"this jmwidget reads up to version {CURRENT_VERSION} — upgrade jmwidget"
    )
    assert isinstance(info.value, DocumentError)
    assert isinstance(info.value, ValueError)
    assert info.value.version == version


@pytest.mark.parametrize("version", [0, -1, "2", 1.5, True, None])
def test_nonsense_versions_are_refused(version: object) -> None:
    with pytest.raises(UnsupportedVersionError, match=r"; it must be a schema version from 1 to 3"):
        upgrade(v1_document() | {"version": version})


def test_missing_version_is_refused() -> None:
    doc = v1_document()
    del doc["version"]
    with pytest.raises(UnsupportedVersionError, match=r"has schema version None"):
        Journey.from_dict(doc)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "a journey is a JSON object"),
        ({"version": 1}, 'it has no "schema" field'),
        ({"schema": "jmwidget.other", "version": 1}, "it has \"schema\": 'jmwidget.other'"),
    ],
)
def test_other_documents_are_not_journeys(data: Any, message: str) -> None:
    with pytest.raises(NotAJourneyError, match=message):
        document_version(data, subject="notes.json")
    with pytest.raises(NotAJourneyError, match=r"^this document is not a jmwidget document"):
        upgrade(data)


def test_a_failed_upgrade_changes_nothing() -> None:
    doc = v1_document()
    doc["stages"][0]["name"] = ""  # invalid after upgrading too
    kept = copy.deepcopy(doc)
    with pytest.raises(DocumentError, match=r"\$\.stages\[0\]\.name"):
        Journey.from_dict(doc)
    assert doc == kept
