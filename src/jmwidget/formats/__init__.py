"""Files: save and load by suffix (atomic writes), CSV and Excel tables, Mermaid, autosave.

``Journey.save``/``Journey.load`` and friends are one-line calls into this package.
"""

from __future__ import annotations

from ._autosave import Autosaver, SaveStatus
from ._files import LOAD_SUFFIXES, SAVE_SUFFIXES, load, load_csv, load_excel, save, write_atomic, write_text
from ._mermaid import MermaidWarning, from_mermaid, parse_mermaid, to_mermaid
from ._shared_file import FileConflictWarning, SyncResult, follow
from ._templates import template_files

__all__ = [
    "LOAD_SUFFIXES",
    "SAVE_SUFFIXES",
    "Autosaver",
    "FileConflictWarning",
    "MermaidWarning",
    "SaveStatus",
    "SyncResult",
    "follow",
    "from_mermaid",
    "load",
    "load_csv",
    "load_excel",
    "parse_mermaid",
    "save",
    "template_files",
    "to_mermaid",
    "write_atomic",
    "write_text",
]
