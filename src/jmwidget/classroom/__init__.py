"""A class of maps: load a folder of students' maps, check each against the template, merge them
into one class map, and see them all at once::

    from jmwidget import classroom

    room = classroom.load("handed-in/")  # files that did not load are in room.problems, by name
    room.check("onboarding")  # one row per finding
    room.overview("onboarding")  # one row per map
    room.merge("onboarding").journey  # the class map
    room.gallery("onboarding")  # every emotion curve, small
    room.thumbnails("onboarding")  # a grid picture per map

``notebooks/classroom.ipynb`` runs it on 25 generated maps.
"""

from __future__ import annotations

from ._check import FINDING_COLUMNS, OVERVIEW_COLUMNS
from ._classroom import Classroom, load, resolve_template
from ._load import LoadProblem
from ._merge import LEFT_OUT_COLUMNS, STATS_COLUMNS, ClassMap
from ._stats import Stats, evidence_supported, stored_value
from ._thumbnails import Thumbnails, thumbnail

__all__ = [
    "FINDING_COLUMNS",
    "LEFT_OUT_COLUMNS",
    "OVERVIEW_COLUMNS",
    "STATS_COLUMNS",
    "ClassMap",
    "Classroom",
    "LoadProblem",
    "Stats",
    "Thumbnails",
    "evidence_supported",
    "load",
    "resolve_template",
    "stored_value",
    "thumbnail",
]
