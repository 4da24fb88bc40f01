"""Mermaid ``journey`` diagrams: read them into maps, write maps as them.

Equivalent both ways, in pieces:

* :mod:`._mermaid_parse`: Mermaid's grammar, as Mermaid reads it, into a :class:`MermaidDiagram`
  (:func:`parse_mermaid`);
* :mod:`._mermaid_read`: a map from that diagram (:func:`from_mermaid`): sections are stages, tasks
  steps, actors personas, and every score goes in one emotion lane;
* :mod:`._mermaid_write`: a map as valid Mermaid (:func:`export_mermaid`, :func:`to_mermaid`), with
  names made safe for Mermaid's lexer and a list of everything Mermaid has no place for;
* :mod:`._mermaid_syntax`: what both directions share (the ``no-section`` / ``no-actor`` ids, Mermaid's
  1-5 scale, JavaScript's whitespace, :class:`MermaidWarning`).
"""

from __future__ import annotations

from ._mermaid_parse import MermaidDiagram, MermaidSection, MermaidTask, parse_mermaid
from ._mermaid_read import from_mermaid
from ._mermaid_syntax import NO_ACTOR_ID, NO_SECTION_ID, MermaidWarning
from ._mermaid_write import export_mermaid, to_mermaid

__all__ = [
    "NO_ACTOR_ID",
    "NO_SECTION_ID",
    "MermaidDiagram",
    "MermaidSection",
    "MermaidTask",
    "MermaidWarning",
    "export_mermaid",
    "from_mermaid",
    "parse_mermaid",
    "to_mermaid",
]
