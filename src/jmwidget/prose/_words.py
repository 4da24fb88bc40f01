"""The wording shared by everything that puts a map into sentences: names in quotes, counts,
lists, and how a value moves ("rises from 2 to 4").

``Journey.describe`` and ``compare(...).summary()`` both say emotion changes with
:func:`emotion_at`, so the two read alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..model.formatting import display_text, format_up_to

#: Names are cut to this many characters in sentences.
NAME_LIMIT = 60


def quote(text: object, limit: int = NAME_LIMIT) -> str:
    """A name in single quotes, on one line, cut at ``limit`` characters.

    >>> quote("Photographs ID")
    "'Photographs ID'"
    >>> quote("a  long\\nname", limit=6)
    "'a lon…'"
    """
    flat = " ".join(display_text(text).split())
    return f"'{flat if len(flat) <= limit else flat[: limit - 1] + '…'}'"


def plural(count: int, one: str, many: str | None = None) -> str:
    """``"1 step"``, ``"2 steps"`` (``many`` for irregular plurals).

    >>> plural(1, "step"), plural(3, "step"), plural(2, "person", "people")
    ('1 step', '3 steps', '2 people')
    """
    return f"{count} {one if count == 1 else (many or one + 's')}"


def listing(parts: Sequence[str], limit: int = 4) -> str:
    """``"a, b and c"``; beyond ``limit`` parts, ``"a, b, c and 2 more"``.

    >>> listing(["a", "b", "c"])
    'a, b and c'
    >>> listing(["a", "b", "c", "d", "e", "f"])
    'a, b, c, d and 2 more'
    """
    shown = list(parts[:limit])
    rest = len(parts) - len(shown)
    if rest > 0:
        shown.append(f"{rest} more")
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def number(value: float) -> str:
    """A number as sentences show it: up to two decimals, ``4.0 -> "4"``."""
    return format_up_to(value, 2)


def value_of(cell: Any) -> float | None:
    """The number of an emotion or metric value: a plain number, or the ``value`` of an evidence
    object (``{"value": 3.4, "n": 25, ...}``); None for anything else.

    >>> value_of(4), value_of({"value": 3.5, "n": 12}), value_of("4")
    (4.0, 3.5, None)
    """
    if isinstance(cell, Mapping):
        cell = cell.get("value")
    if isinstance(cell, bool) or not isinstance(cell, (int, float)) or not math.isfinite(cell):
        return None
    return float(cell)


def movement(before: float, after: float, show: Callable[[float], str] = number) -> str:
    """How a value moves: ``"rises from 2 to 4"``, ``"falls from 4 to 2"``, ``"stays at 3"``.

    >>> movement(2, 4), movement(4, 2.5), movement(3, 3)
    ('rises from 2 to 4', 'falls from 4 to 2.5', 'stays at 3')
    """
    if after > before:
        return f"rises from {show(before)} to {show(after)}"
    if after < before:
        return f"falls from {show(before)} to {show(after)}"
    return f"stays at {show(after)}"


def emotion_at(step: object, before: float, after: float) -> str:
    """The emotion sentence both descriptions and comparisons use.

    >>> emotion_at("Photographs ID", 3, 1)
    "emotion at 'Photographs ID' falls from 3 to 1"
    """
    return f"emotion at {quote(step)} {movement(before, after)}"


def emotion_value(value: float, scale: Mapping[str, Any]) -> str:
    """A value with its word on the scale, when it has one: ``"5 (Delighted)"``, ``"2.5"``."""
    labels = scale.get("labels") or {}
    word = labels.get(str(int(value))) if float(value).is_integer() else None
    return f"{number(value)} ({display_text(word)})" if word else number(value)


def sentence(text: str) -> str:
    """``text`` with a capital first letter and a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


__all__ = [
    "emotion_at",
    "emotion_value",
    "listing",
    "movement",
    "number",
    "plural",
    "quote",
    "sentence",
    "value_of",
]
