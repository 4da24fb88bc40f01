"""What reading and writing Mermaid share: ids and names for what a diagram leaves unnamed, Mermaid's
score scale, JavaScript's whitespace, the invisible guard before risky task names, and the warning."""

from __future__ import annotations

import re

from ..model import LossyFormatWarning

NO_SECTION_ID = "no-section"
NO_SECTION_NAME = "(no section)"
NO_ACTOR_ID = "no-actor"
NO_ACTOR_NAME = "(no actor)"
EMOTION_LANE_ID = "emotion"
MERMAID_SCALE = (1, 5, 3)
NAME_LIMIT = 200
TITLE_LIMIT = 500

#: JavaScript's ``\s`` and the case-insensitive, ASCII-only matching of Mermaid's (jison) lexer.
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
WS = f"[{JS_SPACE}]"
IGNORE_CASE = re.IGNORECASE | re.ASCII
#: What JavaScript's ``String.prototype.trim`` strips.
TRIM = "".join(chr(c) for c in range(0x2000, 0x200B)) + "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
#: An invisible character written before a task name that Mermaid would misread (stripped on import).
GUARD = "\u200b"


class MermaidWarning(LossyFormatWarning):
    """Something in a map (or a diagram) has no place on the other side and was left out or changed."""


def trim(text: str) -> str:
    """JavaScript's ``String.prototype.trim``."""
    return text.strip(TRIM)


__all__ = [
    "EMOTION_LANE_ID",
    "GUARD",
    "IGNORE_CASE",
    "JS_SPACE",
    "MERMAID_SCALE",
    "NAME_LIMIT",
    "NO_ACTOR_ID",
    "NO_ACTOR_NAME",
    "NO_SECTION_ID",
    "NO_SECTION_NAME",
    "TITLE_LIMIT",
    "TRIM",
    "WS",
    "MermaidWarning",
    "trim",
]
