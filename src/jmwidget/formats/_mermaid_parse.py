"""Reading Mermaid ``journey`` text into a :class:`MermaidDiagram` (:func:`parse_mermaid`), by Mermaid's own
grammar (``user-journey/parser/journey.jison`` and ``journeyDb``), after Mermaid's preprocessing (Windows
newlines, YAML front matter, ``%%{...}%%`` directives and whole-line ``%%`` comments are removed; leading
blank lines are skipped):

* ``title`` takes the rest of the line up to ``#`` or ``;``; ``accTitle:`` and ``accDescr:`` the
  rest of the line; ``accDescr { ... }`` everything up to ``}`` (lines are trimmed).
* ``section Name`` ends at ``:``, ``#`` or ``;``; a task line is ``Task name: score: Actor, Actor``:
  the name ends at the first ``:``, the score is the text up to the next ``:``, the actors follow
  (comma-separated, optional); text after a third ``:`` is ignored, as Mermaid does. ``#`` starts a
  comment; ``;`` is not allowed. As compiled by jison, a line that starts with ``%`` (or with one
  character and ``%%``) is a comment too. Keywords are case-insensitive, so a task line starting
  with ``title `` or ``section `` *is* a title or section line, exactly as in Mermaid.
* Scores: Mermaid takes ``Number(text)`` and draws the face at that height with no clamping, so
  decimals and scores outside 1-5 are kept. A missing or non-numeric score (Mermaid would draw
  ``0`` or ``NaN``) is a :class:`MermaidSyntaxError` naming the line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..model import MermaidSyntaxError
from ._mermaid_syntax import GUARD, IGNORE_CASE, JS_SPACE, NAME_LIMIT, TRIM, WS, trim


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


# ---------------------------------------------------------------- lexing

# The INITIAL-state rules of journey.jison as jison 0.4.18 compiles them (note ``\%%`` becomes a
# single ``%``, and ``"journey"`` gets a word boundary), in order: jison takes the first that matches.
_RULES: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"%(?!\{)[^\n]*", IGNORE_CASE), None),
    (re.compile(r"[^}]%%[^\n]*", IGNORE_CASE), None),
    (re.compile(r"\n+"), "NEWLINE"),
    (re.compile(f"{WS}+"), None),
    (re.compile(r"#[^\n]*"), None),
    (re.compile(r"journey(?![A-Za-z0-9_])", IGNORE_CASE), "JOURNEY"),
    (re.compile(f"title{WS}[^#\n;]+", IGNORE_CASE), "TITLE"),
    (re.compile(f"accTitle{WS}*:{WS}*", IGNORE_CASE), "ACC_TITLE"),
    (re.compile(f"accDescr{WS}*:{WS}*", IGNORE_CASE), "ACC_DESCR"),
    (re.compile(f"accDescr{WS}*\\{{{WS}*", IGNORE_CASE), "ACC_DESCR_BLOCK"),
    (re.compile(f"section{WS}[^#:\n;]+", IGNORE_CASE), "SECTION"),
    (re.compile(r"[^#:\n;]+"), "TASK_NAME"),
    (re.compile(r":[^#\n;]+"), "TASK_DATA"),
    (re.compile(r":"), "COLON"),
    (re.compile(r"."), "INVALID"),
]
_REST_OF_LINE = re.compile(r"[^\n]*")
_COMMENT_LINE = re.compile(f"^[{JS_SPACE.replace(chr(10), '')}]*%%(?!\\{{)[^\\n]+$", re.MULTILINE)
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


# ---------------------------------------------------------------- parsing


def parse_mermaid(text: str) -> MermaidDiagram:
    """Read Mermaid ``journey`` text the way Mermaid does; raise :class:`MermaidSyntaxError` naming the line."""
    diagram = MermaidDiagram()
    source = _preprocess(text, diagram)
    tokens = _tokens(source)
    # Mermaid trims leading whitespace (blank lines) before parsing; anything else must be 'journey'.
    first_line = 1 + source[: len(source) - len(source.lstrip(TRIM))].count("\n")
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
            diagram.title = trim(value[6:])
        elif kind == "ACC_TITLE":
            diagram.acc_title = trim(value)
        elif kind == "ACC_DESCR":
            diagram.acc_descr = trim(value)
        elif kind == "ACC_DESCR_BLOCK":
            diagram.acc_descr = re.sub(f"\n{WS}+", "\n", trim(value))
        elif kind == "SECTION":
            current = MermaidSection(check_length(trim(value[8:]), line, "a section name"), line)
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


def check_length(name: str, line: int, what: str, limit: int = NAME_LIMIT) -> str:
    """``name``, or a :class:`MermaidSyntaxError` when it is longer than a map allows."""
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
    name = check_length(_unmark(trim(name_text)), line, "a task name")
    pieces = data[1:].split(":")
    score = _js_number(pieces[0])
    if score is None:
        shown = pieces[0].strip()
        problem = "has no score" if not shown else f"has score {shown!r}, which is not a number"
        raise MermaidSyntaxError(line, f"task {name!r} {problem}; write 'Task name: score: Actor, Actor'")
    actors = list(dict.fromkeys(trim(a) for a in pieces[1].split(","))) if len(pieces) > 1 else []
    if len(pieces) > 2:
        ignored = ":".join(pieces[2:]).strip()
        diagram.notes.append(f"line {line}: {ignored!r} after the third ':' is ignored, as Mermaid does")
    actors = [check_length(a, line, "an actor name") for a in actors if a]
    return MermaidTask(name, score, actors, line)


def _unmark(name: str) -> str:
    """A task name without the zero-width guard the writer put in front of it."""
    if name.startswith(GUARD * 2 + "%%"):
        return name[2:]
    return name[1:] if name.startswith(GUARD) else name


__all__ = ["MermaidDiagram", "MermaidSection", "MermaidTask", "check_length", "parse_mermaid"]
