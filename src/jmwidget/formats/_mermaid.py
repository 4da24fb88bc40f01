"""Mermaid ``journey`` diagrams: read them into maps, write maps as them.

Reading follows Mermaid's own grammar (``user-journey/parser/journey.jison`` and ``journeyDb``),
after Mermaid's preprocessing (Windows newlines, YAML front matter, ``%%{...}%%`` directives and
whole-line ``%%`` comments are removed; leading blank lines are skipped):

* ``title`` takes the rest of the line up to ``#`` or ``;``; ``accTitle:`` and ``accDescr:`` the
  rest of the line; ``accDescr { ... }`` everything up to ``}`` (lines are trimmed).
* ``section Name`` ends at ``:``, ``#`` or ``;``; a task line is ``Task name: score: Actor, Actor``:
  the name ends at the first ``:``, the score is the text up to the next ``:``, the actors follow
  (comma-separated, optional); text after a third ``:`` is ignored, as Mermaid does. ``#`` starts a
  comment; ``;`` is not allowed. As compiled by jison, a line that starts with ``%`` (or with one
  character and ``%%``) is a comment too. Keywords are case-insensitive, so a task line starting
  with ``title `` or ``section `` *is* a title or section line, exactly as in Mermaid.
* Scores: Mermaid takes ``Number(text)`` and draws the face at that height with no clamping, so
  decimals and scores outside 1-5 are kept and the map's emotion scale is widened to hold them
  (neutral stays 3). A missing or non-numeric score (Mermaid would draw ``0`` or ``NaN``) is a
  :class:`MermaidSyntaxError` naming the line.

Mapping: the title is the map's title, ``accDescr`` its description; sections are stages (tasks
before any section go to a stage with id ``no-section``, named ``(no section)``); tasks are steps;
each actor is a persona whose curve gets the task's score wherever the actor is listed; tasks
with no actor put their score on a persona with id ``no-actor`` (named ``(no actor)``). All
scores live in one emotion lane (id ``emotion``) on a 1-5 scale with neutral 3. ``accTitle`` has
no place in a map and is dropped with a :class:`MermaidWarning` (unless it equals the title).

Writing (:func:`to_mermaid`) is the inverse: the ``no-section`` stage's steps come before any
``section`` line, the ``no-actor`` persona is never written as an actor, a step's actors are the
personas with a value there and its score is the first such persona's value (the neutral point
when none has one). Names are made safe for Mermaid's lexer: ``:`` ``#`` ``;`` (and ``,`` in actor
names) become their full-width forms (U+FF1A, U+FF03, U+FF1B, U+FF0C), newlines become spaces,
and a task name Mermaid would read as a keyword or a comment gets an invisible guard (a zero-width
space, two before ``%%``) that reading strips again. Everything Mermaid has no place for (other
lanes, persona details, scenario, a blueprint's connections, annotations and lane zones, changed
names, ...) is listed: :func:`export_mermaid` returns the list, :func:`to_mermaid` emits it as one
:class:`MermaidWarning` (a :class:`~jmwidget.LossyFormatWarning`).
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import LossyFormatWarning, MermaidSyntaxError
from ..model._lookups import slug
from ._lossy import blueprint_parts, warn_caller

if TYPE_CHECKING:
    from ..model import Journey

NO_SECTION_ID = "no-section"
NO_SECTION_NAME = "(no section)"
NO_ACTOR_ID = "no-actor"
NO_ACTOR_NAME = "(no actor)"
EMOTION_LANE_ID = "emotion"
MERMAID_SCALE = (1, 5, 3)
NAME_LIMIT = 200
TITLE_LIMIT = 500


class MermaidWarning(LossyFormatWarning):
    """Something in a map (or a diagram) has no place on the other side and was left out or changed."""


@dataclass
class MermaidTask:
    """One task line as Mermaid reads it: name, score and actors (empty names dropped)."""

    name: str
    score: float
    actors: list[str]
    line: int


@dataclass
class MermaidSection:
    """A ``section`` (``name`` is ``None`` for the tasks before any section) and its tasks."""

    name: str | None
    line: int
    tasks: list[MermaidTask] = field(default_factory=list)


@dataclass
class MermaidDiagram:
    """What Mermaid's parser records for a ``journey`` diagram."""

    title: str = ""
    acc_title: str = ""
    acc_descr: str = ""
    sections: list[MermaidSection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- lexing and parsing

#: JavaScript's ``\s`` and the case-insensitive, ASCII-only matching of Mermaid's (jison) lexer.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_WS = f"[{_JS_SPACE}]"
_I = re.IGNORECASE | re.ASCII
# The INITIAL-state rules of journey.jison as jison 0.4.18 compiles them (note ``\%%`` becomes a
# single ``%``, and ``"journey"`` gets a word boundary), in order: jison takes the first that matches.
_RULES: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"%(?!\{)[^\n]*", _I), None),
    (re.compile(r"[^}]%%[^\n]*", _I), None),
    (re.compile(r"\n+"), "NEWLINE"),
    (re.compile(f"{_WS}+"), None),
    (re.compile(r"#[^\n]*"), None),
    (re.compile(r"journey(?![A-Za-z0-9_])", _I), "JOURNEY"),
    (re.compile(f"title{_WS}[^#\n;]+", _I), "TITLE"),
    (re.compile(f"accTitle{_WS}*:{_WS}*", _I), "ACC_TITLE"),
    (re.compile(f"accDescr{_WS}*:{_WS}*", _I), "ACC_DESCR"),
    (re.compile(f"accDescr{_WS}*\\{{{_WS}*", _I), "ACC_DESCR_BLOCK"),
    (re.compile(f"section{_WS}[^#:\n;]+", _I), "SECTION"),
    (re.compile(r"[^#:\n;]+"), "TASK_NAME"),
    (re.compile(r":[^#\n;]+"), "TASK_DATA"),
    (re.compile(r":"), "COLON"),
    (re.compile(r"."), "INVALID"),
]
_TRIM = "".join(chr(c) for c in range(0x2000, 0x200B)) + "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
_REST_OF_LINE = re.compile(r"[^\n]*")
_COMMENT_LINE = re.compile(f"^[{_JS_SPACE.replace(chr(10), '')}]*%%(?!\\{{)[^\\n]+$", re.MULTILINE)
_DIRECTIVE = re.compile(r"%%\{.*?\}%%", re.DOTALL)
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


@dataclass
class _Token:
    kind: str
    text: str
    line: int


def _blank_out(text: str, start: int, end: int) -> str:
    """Replace text[start:end] by as many newlines as it had, so line numbers stay right."""
    return text[:start] + "\n" * text.count("\n", start, end) + text[end:]


def _preprocess(text: str, diagram: MermaidDiagram) -> str:
    """Mermaid's preprocessing: newlines, front matter (its ``title`` is kept), directives, comments."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    front = re.match(r"^---[ \t]*\n(.*?\n)?---[ \t]*(\n|$)", text, re.DOTALL)
    if front:
        for entry in (front.group(1) or "").splitlines():
            key, _, value = entry.partition(":")
            if key.strip() == "title" and value.strip():
                diagram.title = value.strip().strip("\"'")
        text = _blank_out(text, 0, front.end())
    while match := _DIRECTIVE.search(text):
        text = _blank_out(text, match.start(), match.end())
    return _COMMENT_LINE.sub("", text)


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos, line = 0, 1
    while pos < len(text):
        kind: str | None = None
        match: re.Match[str] | None = None
        for pattern, rule in _RULES:
            match = pattern.match(text, pos)
            if match:
                kind = rule
                break
        assert match is not None  # the last rule matches any character
        value = match.group()
        if kind in ("ACC_TITLE", "ACC_DESCR"):
            rest = _REST_OF_LINE.match(text, match.end())
            assert rest is not None
            tokens.append(_Token(kind, rest.group(), line))
            pos = rest.end()
            line += value.count("\n")
            continue
        if kind == "ACC_DESCR_BLOCK":
            end = text.find("}", match.end())
            if end < 0:
                raise MermaidSyntaxError(line, "'accDescr {' is never closed with '}'")
            tokens.append(_Token(kind, text[match.end() : end], line))
            line += text.count("\n", pos, end + 1)
            pos = end + 1
            continue
        if kind is not None:
            tokens.append(_Token(kind, value, line))
        line += value.count("\n")
        pos = match.end()
    return tokens


def _js_number(text: str) -> float | None:
    """JavaScript ``Number(text)`` for decimal text; ``None`` for anything that is not a finite number."""
    stripped = text.strip()
    if not _NUMBER.match(stripped):
        return None
    number = float(stripped)
    return number if math.isfinite(number) else None


def parse_mermaid(text: str) -> MermaidDiagram:
    """Read Mermaid ``journey`` text the way Mermaid does; raise :class:`MermaidSyntaxError` naming the line."""
    diagram = MermaidDiagram()
    source = _preprocess(text, diagram)
    tokens = _tokens(source)
    # Mermaid trims leading whitespace (blank lines) before parsing; anything else must be 'journey'.
    first_line = 1 + source[: len(source) - len(source.lstrip(_TRIM))].count("\n")
    index = 0
    while index < len(tokens) and tokens[index].kind == "NEWLINE" and tokens[index].line < first_line:
        index += 1
    if index == len(tokens) or tokens[index].kind != "JOURNEY":
        line = tokens[index].line if index < len(tokens) else 1
        raise MermaidSyntaxError(line, "a Mermaid journey diagram starts with the word 'journey'")
    index += 1
    current: MermaidSection | None = None
    while index < len(tokens):
        token = tokens[index]
        index += 1
        kind, value, line = token.kind, token.text, token.line
        if kind == "NEWLINE":
            continue
        if kind == "TITLE":
            diagram.title = _trim(value[6:])
        elif kind == "ACC_TITLE":
            diagram.acc_title = _trim(value)
        elif kind == "ACC_DESCR":
            diagram.acc_descr = _trim(value)
        elif kind == "ACC_DESCR_BLOCK":
            diagram.acc_descr = re.sub(f"\n{_WS}+", "\n", _trim(value))
        elif kind == "SECTION":
            current = MermaidSection(_limit(_trim(value[8:]), line, "a section name"), line)
            diagram.sections.append(current)
        elif kind == "TASK_NAME":
            following = tokens[index] if index < len(tokens) else None
            if following is None or following.kind != "TASK_DATA":
                raise MermaidSyntaxError(
                    line, f"task {value.strip()!r} needs a score: write 'Task name: score: Actor, Actor'"
                )
            index += 1
            if current is None:
                current = MermaidSection(None, line)
                diagram.sections.append(current)
            current.tasks.append(_task(value, following.text, line, diagram))
        else:
            previous = tokens[index - 2] if index >= 2 else None
            if previous is not None and previous.kind == "SECTION" and previous.line == line and kind == "TASK_DATA":
                raise MermaidSyntaxError(line, "a section name ends at ':', '#' or ';'; this section line goes on")
            raise MermaidSyntaxError(line, _unexpected(kind, value))
    return diagram


def _trim(text: str) -> str:
    """JavaScript's ``String.prototype.trim``."""
    return text.strip(_TRIM)


def _limit(name: str, line: int, what: str, limit: int = NAME_LIMIT) -> str:
    if len(name) > limit:
        raise MermaidSyntaxError(line, f"{what} is {len(name)} characters long; a map allows at most {limit}")
    return name


def _unexpected(kind: str, value: str) -> str:
    if kind == "JOURNEY":
        return "'journey' may appear only once, at the start (Mermaid reads any line starting with it as the keyword)"
    if kind in ("TASK_DATA", "COLON"):
        return f"{value.strip()!r} has no task name before its ':' (a task is 'Task name: score: Actor, Actor')"
    if value == ";":
        return "';' is not allowed in a Mermaid journey"
    return f"unexpected {value!r}"


def _task(name_text: str, data: str, line: int, diagram: MermaidDiagram) -> MermaidTask:
    name = _limit(_unmark(_trim(name_text)), line, "a task name")
    pieces = data[1:].split(":")
    score = _js_number(pieces[0])
    if score is None:
        shown = pieces[0].strip()
        problem = "has no score" if not shown else f"has score {shown!r}, which is not a number"
        raise MermaidSyntaxError(line, f"task {name!r} {problem}; write 'Task name: score: Actor, Actor'")
    actors = list(dict.fromkeys(_trim(a) for a in pieces[1].split(","))) if len(pieces) > 1 else []
    if len(pieces) > 2:
        ignored = ":".join(pieces[2:]).strip()
        diagram.notes.append(f"line {line}: {ignored!r} after the third ':' is ignored, as Mermaid does")
    actors = [_limit(a, line, "an actor name") for a in actors if a]
    return MermaidTask(name, score, actors, line)


# ---------------------------------------------------------------- diagram -> map


def from_mermaid(text: str, *, stacklevel: int = 2) -> Journey:
    """A map from Mermaid ``journey`` text (see the module docs for the mapping).

    Raises :class:`MermaidSyntaxError` naming the line for text Mermaid would not draw; warns
    (:class:`MermaidWarning`) about what a map cannot hold (``accTitle``, ignored task text).
    """
    from ..model import Journey

    diagram = parse_mermaid(text)
    _limit(diagram.title, 1, "the title", TITLE_LIMIT)
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


# ---------------------------------------------------------------- map -> diagram

#: An invisible character written before a task name that Mermaid would misread (stripped on import).
_GUARD = "\u200b"
#: What a task line must not start with: a keyword, or what Mermaid's lexer takes for a comment.
_RISKY_START = re.compile(f"journey(?![A-Za-z0-9_])|title{_WS}|section{_WS}|accDescr{_WS}*\\{{|%|.%%|\u200b", _I)
_FULL_WIDTH = {":": "\uff1a", "#": "\uff03", ";": "\uff1b", ",": "\uff0c", "}": "\uff5d"}


def _safe(text: str, forbidden: str, *, task: bool = False) -> str:
    """``text`` on one line, without the characters Mermaid's lexer would cut it at."""
    out = _trim(re.sub(r"\s*[\r\n]+\s*", " ", text))
    for char in forbidden:
        out = out.replace(char, _FULL_WIDTH[char])
    if not out:
        out = "(unnamed)"
    if task and out.startswith("%%"):
        out = _GUARD * 2 + out  # one guard would be the character before a '%%' comment
    elif task and _RISKY_START.match(out):
        out = _GUARD + out
    return out


def _unmark(name: str) -> str:
    """A task name without the zero-width guard :func:`_safe` put in front of it."""
    if name.startswith(_GUARD * 2 + "%%"):
        return name[2:]
    return name[1:] if name.startswith(_GUARD) else name


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
        self.convert = _score_converter(doc["emotion_scale"], self.lost)

    def header(self) -> list[str]:
        lines = []
        if self.doc["title"].strip():
            lines.append(f"    title {self.name('title', self.doc['title'], '#;')}")
        description = self.doc["description"].strip()
        if "\n" in description:
            body = [_safe(line, "}") for line in description.splitlines() if _trim(line)]
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
            score = self.convert(row[valued[0]["id"]])
            if len({row[p["id"]] for p in valued}) > 1:
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


__all__ = [
    "MermaidDiagram",
    "MermaidSection",
    "MermaidTask",
    "MermaidWarning",
    "export_mermaid",
    "from_mermaid",
    "parse_mermaid",
    "to_mermaid",
]
