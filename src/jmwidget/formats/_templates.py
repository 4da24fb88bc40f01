"""A teacher's own templates: the journey maps saved as ``.json`` in a folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..model import SCHEMA_NAME, JourneyFileError


def template_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The ``.json`` journey maps directly in ``folder``, sorted by name.

    Other files (and JSON that is not a jmwidget map, or not JSON at all) are left out: a folder
    of templates may hold notes and data too. Each path goes to :meth:`Journey.from_template`.
    Raises :class:`~jmwidget.JourneyFileError` when ``folder`` is not a folder.
    """
    where = Path(folder)
    if not where.is_dir():
        raise JourneyFileError(where, f"{str(where)!r} is not a folder; templates(folder) lists the maps saved in one")
    return sorted((path for path in where.iterdir() if _is_map(path)), key=lambda path: path.name)


def _is_map(path: Path) -> bool:
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("schema") == SCHEMA_NAME


__all__ = ["template_files"]
