"""Whole documents: a new one, the check that a document is valid, and its JSON text."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from typing import Any

from ._checks import check_document
from ._errors import DocumentError
from ._shared import default_document
from ._validation import validate_document


def new_document(title: str) -> dict[str, Any]:
    """An empty map (the shared default document, see ``schema/shared.json``) with this title."""
    doc = default_document()
    doc["title"] = title
    return doc


def require_valid(doc: dict[str, Any]) -> None:
    """Raise DocumentError naming every schema problem and every broken rule in ``doc``."""
    try:
        validate_document(doc)
    except DocumentError as shape:
        problems = shape.problems
        # The rules assume the schema's shape; on a broken document report what they can.
        with contextlib.suppress(KeyError, TypeError, AttributeError, IndexError):
            problems += [p for p in check_document(doc) if p not in problems]
        raise DocumentError(sorted(problems)) from None
    problems = check_document(doc)
    if problems:
        raise DocumentError(problems)


def document_json(doc: Mapping[str, Any], *, indent: int | None = 2) -> str:
    """A document as JSON text with a stable key order (what :meth:`Journey.to_json` writes)."""
    return json.dumps(doc, indent=indent, sort_keys=True, ensure_ascii=False)
