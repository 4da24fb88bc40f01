"""Upgrades of documents written by older versions of the schema, one version step at a time.

:data:`MIGRATIONS` maps a version ``n`` to a function that turns a version-``n`` document into a
version-``n + 1`` document and says what it changed. :func:`upgrade` chains them up to
:data:`CURRENT_VERSION`. Migrations work on plain dicts before validation; the result is then
validated like any document.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ._errors import NotAJourneyError, UnsupportedVersionError
from ._validation import SCHEMA_NAME, schema

Doc = dict[str, Any]
Migration = Callable[[Doc], tuple[Doc, list[str]]]

#: The schema version this jmwidget writes: the ``version`` const of ``journey.schema.json``.
CURRENT_VERSION: int = schema()["properties"]["version"]["const"]


def _v1_to_v2(doc: Doc) -> tuple[Doc, list[str]]:
    """Version 2 adds service blueprints: empty ``connections`` and cell ``annotations``."""
    doc["version"] = 2
    notes = []
    if "connections" not in doc:
        doc["connections"] = []
        notes.append("added an empty list of connections")
    if "annotations" not in doc:
        doc["annotations"] = {}
        notes.append("added empty cell annotations")
    return doc, notes


def _v2_to_v3(doc: Doc) -> tuple[Doc, list[str]]:
    """Version 3 lets emotion and metric cells carry evidence (``{value, n, sd, low, high}``) in
    place of a plain number; plain numbers stay valid, so only the version changes."""
    doc["version"] = 3
    return doc, []


#: One-step upgrades keyed by the version they upgrade from.
MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}


def document_version(data: Any, *, subject: str = "this document") -> int:
    """The schema version of ``data`` after checking that it is a jmwidget document this jmwidget reads.

    Raise :class:`NotAJourneyError` for data that is not a JSON object or whose ``schema`` name is
    missing or different, and :class:`UnsupportedVersionError` for a version that is not a whole
    number from 1 to :data:`CURRENT_VERSION`. ``subject`` names the data in messages (a file name).
    """
    if not isinstance(data, dict):
        raise NotAJourneyError("$", f"{subject} is not a jmwidget document: a journey is a JSON object")
    name = data.get("schema")
    if name != SCHEMA_NAME:
        found = 'has no "schema" field' if "schema" not in data else f'has "schema": {name!r}'
        message = f"{subject} is not a jmwidget document: it {found}, expected {SCHEMA_NAME!r}"
        raise NotAJourneyError("$.schema", message)
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= CURRENT_VERSION:
        raise UnsupportedVersionError(version, CURRENT_VERSION, subject=subject)
    return version


def upgrade(data: Doc, *, subject: str = "this document", copy_data: bool = True) -> tuple[Doc, list[str]]:
    """A deep copy of ``data`` upgraded to :data:`CURRENT_VERSION`, and notes on what each step changed.

    A document of the current version comes back as a copy with no notes; with ``copy_data=False``
    (data the caller owns, e.g. just parsed) ``data`` itself is upgraded and returned. Errors are
    those of :func:`document_version`. The result is not validated here; :meth:`Journey.from_dict`
    does that.
    """
    version = document_version(data, subject=subject)
    doc = copy.deepcopy(data) if copy_data else data
    notes: list[str] = []
    while version < CURRENT_VERSION:
        doc, changed = MIGRATIONS[version](doc)
        notes.extend(f"version {version} -> {version + 1}: {note}" for note in changed)
        version += 1
        doc["version"] = version
    return doc, notes


__all__ = ["CURRENT_VERSION", "MIGRATIONS", "document_version", "upgrade"]
