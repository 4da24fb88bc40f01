"""A map as Mermaid ``journey`` text (:func:`export_mermaid`, :func:`to_mermaid`): the inverse of reading.

The ``no-section`` stage's steps come before any ``section`` line, the ``no-actor`` persona is
never written as an actor, a step's actors are the personas with a value there and its score is
the first such persona's value (the neutral point when none has one). Names are made safe for
Mermaid's lexer: ``:`` ``#`` ``;`` (and ``,`` in actor names) become their full-width forms
(U+FF1A, U+FF03, U+FF1B, U+FF0C), newlines become spaces, and a task name Mermaid would read as a
keyword or a comment gets an invisible guard (a zero-width space, two before ``%%``) that reading
strips again. Everything Mermaid has no place for (other lanes, persona details, scenario, a
blueprint's connections, annotations and lane zones, the evidence behind emotion values, changed
names, ...) is listed:
:func:`export_mermaid` returns the list, :func:`to_mermaid` emits it as one :class:`MermaidWarning`
(a :class:`~jmwidget.LossyFormatWarning`).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..model import cell_number
from ._lossy import blueprint_parts, evidence_part, warn_caller
from ._mermaid_syntax import GUARD, IGNORE_CASE, MERMAID_SCALE, NO_ACTOR_ID, NO_SECTION_ID, WS, MermaidWarning, trim

if TYPE_CHECKING:
    from ..model import Journey


#: What a task line must not start with: a keyword, or what Mermaid's lexer takes for a comment.
_RISKY_START = re.compile(f"journey(?![A-Za-z0-9_])|title{WS}|section{WS}|accDescr{WS}*\\{{|%|.%%|\u200b", IGNORE_CASE)
_FULL_WIDTH = {":": "\uff1a", "#": "\uff03", ";": "\uff1b", ",": "\uff0c", "}": "\uff5d"}


def _safe(text: str, forbidden: str, *, task: bool = False) -> str:
    """``text`` on one line, without the characters Mermaid's lexer would cut it at."""
    out = trim(re.sub(r"\s*[\r\n]+\s*", " ", text))
    for char in forbidden:
        out = out.replace(char, _FULL_WIDTH[char])
    if not out:
        out = "(unnamed)"
    if task and out.startswith("%%"):
        out = GUARD * 2 + out  # one guard would be the character before a '%%' comment
    elif task and _RISKY_START.match(out):
        out = GUARD + out
    return out


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def export_mermaid(journey: Journey) -> tuple[str, list[str]]:
    """The map as Mermaid ``journey`` text, and a list naming everything Mermaid has no place for."""
    doc = journey.to_dict()
    writer = _Writer(doc)
    lines = ["journey", *writer.header()]
    for position, stage in enumerate(doc["stages"]):
        indent = "    "
        if not (position == 0 and stage["id"] == NO_SECTION_ID):
            lines.append(f"    section {writer.name('stage', stage['name'], ':#;')}")
            indent = "      "
        lines += [indent + writer.task(step) for step in stage["steps"]]
    return "\n".join(lines) + "\n", writer.report()


class _Writer:
    """Turns one document into Mermaid lines, noting everything left out or changed on the way."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.lost: list[str] = []
        self.renamed: dict[str, str] = {}
        self.unscored: list[str] = []
        self.mixed: list[str] = []
        self.odd_scores: list[str] = []
        self.used: set[str] = set()
        emotion = next((lane for lane in doc["lanes"] if lane["kind"] == "emotion"), None)
        for lane in doc["lanes"]:
            if lane is not emotion:
                self.lost.append(f"lane {lane['name']!r} ({lane['kind']})")
        if emotion is None:
            self.lost.append("the map has no emotion lane: every task gets the neutral score 3")
        self.scores: dict[str, dict[str, Any]] = doc["cells"].get(emotion["id"], {}) if emotion else {}
        if emotion is not None:  # a score is one number: the n, sd and interval behind it stay out
            self.lost += evidence_part(
                {"lanes": [emotion], "cells": {emotion["id"]: self.scores}}, lanes="emotion cell"
            )
        self.convert = _score_converter(doc["emotion_scale"], self.lost)

    def header(self) -> list[str]:
        lines = []
        if self.doc["title"].strip():
            lines.append(f"    title {self.name('title', self.doc['title'], '#;')}")
        description = self.doc["description"].strip()
        if "\n" in description:
            body = [_safe(line, "}") for line in description.splitlines() if trim(line)]
            body = ["%" + line[2:] if line.startswith("%%") else line for line in body]  # not a comment line
            lines += ["    accDescr {", *(f"        {line}" for line in body), "    }"]
        elif description:
            lines.append(f"    accDescr: {description}")
        return lines

    def name(self, what: str, text: str, forbidden: str, *, task: bool = False) -> str:
        safe = _safe(text, forbidden, task=task)
        if safe != text:
            self.renamed.setdefault(f"{what} {text!r}", repr(safe))
        return safe

    def task(self, step: dict[str, Any]) -> str:
        row = self.scores.get(step["id"], {})
        valued = [p for p in self.doc["personas"] if p["id"] in row]
        self.used.update(p["id"] for p in valued)
        if valued:
            numbers = [cell_number(row[p["id"]]) or 0.0 for p in valued]  # evidence behind a value: its number
            score = self.convert(numbers[0])
            if len(set(numbers)) > 1:
                self.mixed.append(step["name"])
        else:
            score = float(MERMAID_SCALE[2])
            self.unscored.append(step["name"])
        if not (score.is_integer() and 0 <= score <= 5):
            self.odd_scores.append(f"{step['name']!r}: {_number(score)}")
        line = f"{self.name('step', step['name'], ':#;', task=True)}: {_number(score)}"
        actors = [self.name("persona", p["name"], ":#;,") for p in valued if p["id"] != NO_ACTOR_ID]
        return f"{line}: {', '.join(actors)}" if actors else line

    def report(self) -> list[str]:
        lost = self.lost + _unplaced_fields(self.doc, self.used)
        if self.renamed:
            changes = "; ".join(f"{old} -> {new}" for old, new in self.renamed.items())
            lost.append(f"names changed to suit Mermaid's syntax: {changes}")
        if self.unscored:
            lost.append(f"steps with no emotion value written with the neutral score 3: {_names(self.unscored)}")
        if self.mixed:
            lost.append(f"steps where personas differ, written with the first persona's score: {_names(self.mixed)}")
        if self.odd_scores:
            lost.append(
                f"scores that are not whole numbers 0-5 (Mermaid's docs ask for those): {', '.join(self.odd_scores)}"
            )
        return lost


def _names(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names)


def _score_converter(scale: dict[str, Any], lost: list[str]) -> Callable[[float], float]:
    """Scores as written: as they are on a scale holding 1-5 with neutral 3, else mapped onto 1-5."""
    low, high, neutral = scale["min"], scale["max"], scale["neutral"]
    if low <= MERMAID_SCALE[0] and high >= MERMAID_SCALE[1] and neutral == MERMAID_SCALE[2]:
        return float
    lost.append(f"the emotion scale {low}..{high} (neutral {neutral}) was mapped onto Mermaid's 1..5")
    span = float(high - low)

    def convert(value: float) -> float:
        result: float = round(MERMAID_SCALE[0] + (float(value) - low) * 4 / span, 2)
        return result

    return convert


def _unplaced_fields(doc: dict[str, Any], used: set[str]) -> list[str]:
    lost = []
    if doc["scenario"]:
        lost.append("scenario")
    if doc["state"] != "current":
        lost.append(f"state ({doc['state']!r})")
    if doc["channels"]:
        lost.append("channels (the map's channel list)")
    if doc["emotion_scale"].get("labels"):
        lost.append("emotion scale labels")
    for persona in doc["personas"]:
        details = [key for key in ("role", "goals", "needs", "quote", "backstory") if persona.get(key)]
        if details:
            lost.append(f"persona {persona['name']!r}: {', '.join(details)}")
        if persona["id"] not in used and persona["id"] != NO_ACTOR_ID:
            lost.append(f"persona {persona['name']!r} (no emotion values, so not an actor)")
    for stage in doc["stages"][1:]:
        if stage["id"] == NO_SECTION_ID:
            lost.append(f"stage {stage['name']!r} is written as a section (only the first stage can be section-less)")
    lost.extend(blueprint_parts(doc))  # "3 connections", "5 annotations", "lane zones"
    return lost


def to_mermaid(journey: Journey, *, stacklevel: int | None = None) -> str:
    """The map as Mermaid ``journey`` text; one :class:`MermaidWarning` lists what was left out or changed.

    The warning points at ``stacklevel`` (as for :func:`warnings.warn`), by default at the first
    caller outside jmwidget. Use :func:`export_mermaid` to get that list instead of a warning.
    """
    text, lost = export_mermaid(journey)
    if lost:
        warning = MermaidWarning("Mermaid has no place for: " + "; ".join(lost))
        if stacklevel is None:
            warn_caller(warning)
        else:
            warnings.warn(warning, stacklevel=stacklevel)
    return text


__all__ = ["export_mermaid", "to_mermaid"]
