"""What a one-table or diagram format drops from a service blueprint, and the evidence behind
values, in words for a warning."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import evidence_cells
from ..model._warnings import warn_caller


def blueprint_parts(doc: Mapping[str, Any]) -> list[str]:
    """The blueprint parts of ``doc`` as counted phrases: ``["3 connections", "5 annotations", "lane zones"]``.

    Annotations count every annotated cell and card. Empty for a plain journey map.
    """
    parts: list[str] = []
    connections = len(doc.get("connections") or ())
    if connections:
        parts.append(_count(connections, "connection"))
    annotations = sum(len(row) for row in (doc.get("annotations") or {}).values())
    annotations += sum(
        1
        for row in (doc.get("cells") or {}).values()
        for value in row.values()
        if isinstance(value, list)
        for card in value
        if isinstance(card, dict) and card.get("annotations")
    )
    if annotations:
        parts.append(_count(annotations, "annotation"))
    if any(lane.get("zone") for lane in doc.get("lanes") or ()):
        parts.append("lane zones")
    return parts


def evidence_part(doc: Mapping[str, Any], *, lanes: str = "cell") -> list[str]:
    """The evidence (n, sd, low..high) behind emotion and metric values of ``doc`` as a counted phrase,
    ``["the evidence (n, sd, low..high) behind 2 cells"]``; empty when no value has evidence."""
    cells = evidence_cells(doc)
    return [f"the evidence (n, sd, low..high) behind {_count(cells, lanes)}"] if cells else []


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


__all__ = ["blueprint_parts", "evidence_part", "warn_caller"]
