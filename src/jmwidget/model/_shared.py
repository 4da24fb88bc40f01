"""Constants shared with the front end, read from ``schema/shared.json`` (one source for both).

The default document, the blueprint zones and lines, and the grid geometry the widget and the SVG
pictures both draw with. ``js/src/model/shared.ts`` imports the same file.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def shared() -> dict[str, Any]:
    """The contents of ``schema/shared.json``."""
    loaded: dict[str, Any] = json.loads(files("jmwidget").joinpath("schema", "shared.json").read_text("utf-8"))
    return loaded


def default_document() -> dict[str, Any]:
    """A new copy of the document a new map starts from."""
    return copy.deepcopy(shared()["default_document"])


#: Blueprint zones, top to bottom.
ZONES: tuple[str, ...] = tuple(zone["id"] for zone in shared()["zones"])
ZONE_NAMES: dict[str, str] = {zone["id"]: zone["name"] for zone in shared()["zones"]}
#: The lines between zones: ``id -> (name, zone above, zone below)``.
LINES: dict[str, tuple[str, str, str]] = {
    line["id"]: (line["name"], line["above"], line["below"]) for line in shared()["lines"]
}
#: Grid geometry in CSS pixels: lane header width, step width, width of a stage with no steps,
#: height of the emotion curve's lane and its padding.
GRID: dict[str, int] = dict(shared()["grid"])
