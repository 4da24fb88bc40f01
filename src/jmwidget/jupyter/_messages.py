"""Messages from the browser, checked whole before anything reads them.

A page can send anything (a bug, another extension, a hostile page in a public Voila app), so a
message is measured first without recursion (nesting depth, number of values, total text,
numbers a browser can hold), then its fields are checked; only then is it copied or applied.
Every problem is a :class:`MessageError` whose text the widget sends back as the reject.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from ..model import JourneyError

MAX_DEPTH = 64
MAX_VALUES = 100_000
MAX_TEXT = 2_000_000  # characters, all strings of one message together
MAX_REQ = 200
SAFE_INTEGER = 2**53 - 1  # the largest integer a browser's numbers hold exactly

Kind = Literal["edit", "undo", "redo", "resync"]
FIELDS: dict[str, frozenset[str]] = {
    "edit": frozenset({"type", "req", "base", "op"}),
    "undo": frozenset({"type", "req"}),
    "redo": frozenset({"type", "req"}),
    "resync": frozenset({"type", "req"}),
}


class MessageError(JourneyError):
    """A message from the browser that is not a well-formed request; nothing was applied."""


@dataclass(frozen=True)
class Request:
    """A checked message: what the browser asks for."""

    kind: Kind
    req: str
    base: int | None = None
    op: dict[str, Any] | None = None


def request_id(content: Any) -> str:
    """The message's request id if it has a usable one, else ``""`` (the reject still goes out)."""
    if isinstance(content, dict):
        req = content.get("req")
        if isinstance(req, str) and len(req) <= MAX_REQ:
            return req
    return ""


def read_request(content: Any, revision: int) -> Request:
    """The request in ``content``; raise :class:`MessageError` naming the first problem."""
    if not isinstance(content, dict):
        raise MessageError(f"a message is a JSON object, got {type(content).__name__}")
    measure(content)
    kind = content.get("type")
    if not isinstance(kind, str) or kind not in FIELDS:
        raise MessageError(f"unknown message type {_quote(kind)}; the types are: {', '.join(FIELDS)}")
    unknown = sorted(str(key) for key in set(content) - FIELDS[kind])
    if unknown:
        raise MessageError(f"{kind} message: unknown field(s) {', '.join(unknown)}")
    req = content.get("req")
    if not isinstance(req, str) or not 0 < len(req) <= MAX_REQ:
        raise MessageError(f"{kind} message: req must be a text of 1 to {MAX_REQ} characters, got {_quote(req)}")
    if kind != "edit":
        return Request(kind, req)  # type: ignore[arg-type]  # checked against FIELDS above
    base = content.get("base")
    if type(base) is not int or not 0 <= base <= revision:
        raise MessageError(
            f"edit message: base must be the revision the edit began at, a whole number from 0 to {revision}, "
            f"got {_quote(base)}"
        )
    op = content.get("op")
    if not isinstance(op, dict):
        raise MessageError(f"edit message: op must be an object naming an operation, got {type(op).__name__}")
    return Request("edit", req, base, op)


def measure(value: Any) -> None:
    """Raise :class:`MessageError` if ``value`` is too deep, too large, or holds a number a browser cannot."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    values = text = 0
    while stack:
        item, depth = stack.pop()
        values += 1
        if depth > MAX_DEPTH:
            raise MessageError(f"the message is nested deeper than {MAX_DEPTH} levels")
        if values > MAX_VALUES:
            raise MessageError(f"the message holds more than {MAX_VALUES:,} values")
        if isinstance(item, dict):
            for key, child in item.items():
                text += len(key) if isinstance(key, str) else 0
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, str):
            text += len(item)
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int) and abs(item) > SAFE_INTEGER:
            raise MessageError(f"the message holds a number beyond ±{SAFE_INTEGER:,}")
        elif isinstance(item, float) and not math.isfinite(item):
            raise MessageError(f"the message holds a number that is not finite ({item})")
        if text > MAX_TEXT:
            raise MessageError(f"the message holds more than {MAX_TEXT:,} characters of text")


def _quote(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > SAFE_INTEGER:
        return "a number too large"
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:40]}...({len(text):,} characters)"
