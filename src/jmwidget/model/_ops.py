"""Semantic operations compiled to recorded patches: the operation table and ``perform``.

Each operation function (``_op_*`` in ``_structure_ops`` and ``_content_ops``) checks an operation
against the current document and performs it through a :class:`~jmwidget.model._patches.Recorder`.
Errors are :class:`OperationError` naming the place and the rule; the caller rolls the recorder
back, so nothing is half-applied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._binding_ops import BINDING_OPERATIONS
from ._content_ops import CONTENT_OPERATIONS
from ._errors import OperationError
from ._lookups import Doc
from ._patches import Recorder
from ._structure_ops import STRUCTURE_OPERATIONS


def _op_batch(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    for index, sub in enumerate(op["ops"]):
        try:
            perform(doc, rec, sub)
        except OperationError as exc:
            raise type(exc)(f"batch item {index}: {exc}") from None


OPERATIONS: dict[str, Callable[[Doc, Recorder, dict[str, Any]], None]] = {
    **STRUCTURE_OPERATIONS,
    **CONTENT_OPERATIONS,
    **BINDING_OPERATIONS,
    "batch": _op_batch,
}


def perform(doc: Doc, rec: Recorder, op: dict[str, Any]) -> None:
    """Apply an already shape-validated operation through ``rec``."""
    OPERATIONS[op["op"]](doc, rec, op)
