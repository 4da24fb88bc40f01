"""A map from Mermaid ``journey`` text (:func:`from_mermaid`): the parsed diagram as stages, steps,
personas and one emotion lane.

The title is the map's title, ``accDescr`` its description; sections are stages (tasks before
any section go to a stage with id ``no-section``, named ``(no section)``); tasks are steps; each
actor is a persona whose curve gets the task's score wherever the actor is listed; tasks with no
actor put their score on a persona with id ``no-actor`` (named ``(no actor)``). All scores live
in one emotion lane (id ``emotion``) on a 1-5 scale with neutral 3, widened to hold decimals and
scores outside 1-5 (neutral stays 3). ``accTitle`` has no place in a map and is dropped with a
:class:`MermaidWarning` (unless it equals the title).
"""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING, Any

from ..model._lookups import slug
from ._mermaid_parse import check_length, parse_mermaid
from ._mermaid_syntax import (
    EMOTION_LANE_ID,
    MERMAID_SCALE,
    NO_ACTOR_ID,
    NO_ACTOR_NAME,
    NO_SECTION_ID,
    NO_SECTION_NAME,
    TITLE_LIMIT,
    MermaidWarning,
)

if TYPE_CHECKING:
    from ..model import Journey


def from_mermaid(text: str, *, stacklevel: int = 2) -> Journey:
    """A map from Mermaid ``journey`` text (see the module docs for the mapping).

    Raises :class:`MermaidSyntaxError` naming the line for text Mermaid would not draw; warns
    (:class:`MermaidWarning`) about what a map cannot hold (``accTitle``, ignored task text).
    """
    from ..model import Journey

    diagram = parse_mermaid(text)
    check_length(diagram.title, 1, "the title", TITLE_LIMIT)
    notes = list(diagram.notes)
    if diagram.acc_title and diagram.acc_title != diagram.title:
        notes.append(f"accTitle {diagram.acc_title!r} has no place in a jmwidget map and was dropped")
    doc = Journey(diagram.title).to_dict()
    doc["description"] = diagram.acc_descr
    taken = {NO_SECTION_ID, NO_ACTOR_ID, EMOTION_LANE_ID}
    personas: dict[str, str] = {}  # actor name -> persona id
    scores: dict[str, dict[str, int | float]] = {}
    stages: list[dict[str, Any]] = []
    for section in diagram.sections:
        if section.name is None:
            stage: dict[str, Any] = {"id": NO_SECTION_ID, "name": NO_SECTION_NAME, "steps": []}
        else:
            stage = {"id": _claim(section.name, "stage", taken), "name": section.name, "steps": []}
        stages.append(stage)
        for task in section.tasks:
            step_id = _claim(task.name, "step", taken)
            stage["steps"].append({"id": step_id, "name": task.name})
            value = int(task.score) if float(task.score).is_integer() else task.score
            for actor in task.actors or [""]:
                if not actor:  # a task with no actor
                    persona_id = personas.setdefault("", NO_ACTOR_ID)
                elif actor in personas:
                    persona_id = personas[actor]
                else:
                    persona_id = personas[actor] = _claim(actor, "persona", taken)
                scores.setdefault(step_id, {})[persona_id] = value
    blank = {"role": "", "goals": [], "needs": [], "quote": "", "backstory": ""}
    doc["personas"] = [{"id": pid, "name": name or NO_ACTOR_NAME, **blank} for name, pid in personas.items()] or [
        {"id": NO_ACTOR_ID, "name": NO_ACTOR_NAME, **blank}
    ]
    values = [v for row in scores.values() for v in row.values()]
    low, high, neutral = MERMAID_SCALE
    doc["emotion_scale"] = {
        "min": min([low, *(math.floor(v) for v in values)]),
        "max": max([high, *(math.ceil(v) for v in values)]),
        "neutral": neutral,
    }
    doc["stages"] = stages
    doc["lanes"] = [{"id": EMOTION_LANE_ID, "name": "Emotion", "kind": "emotion", "description": ""}]
    doc["cells"] = {EMOTION_LANE_ID: scores}
    doc["annotations"] = {}
    journey = Journey.from_dict(doc)
    if notes:
        warnings.warn(MermaidWarning("; ".join(notes)), stacklevel=stacklevel)
    return journey


def _claim(name: str, fallback: str, taken: set[str]) -> str:
    stem = slug(name, fallback)
    if not stem[0].isalnum():
        stem = f"{fallback}-{stem}"
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    taken.add(candidate)
    return candidate


__all__ = ["from_mermaid"]
