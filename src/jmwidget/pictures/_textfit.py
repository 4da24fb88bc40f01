"""Text for drawn pictures: XML-safe strings, estimated widths (Arial metrics), wrapping, fitting."""

from __future__ import annotations

import unicodedata

from ..model.formatting import display_text

SIZE = 13


def clean(text: object) -> str:
    """``text`` as a string XML can hold (control characters and lone surrogates become U+FFFD)."""
    return display_text(text)


# Advance widths of Arial / Liberation Sans in 1/1000 em, for ASCII 32..126.
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip


def _char_width(char: str) -> int:
    code = ord(char)
    if 32 <= code <= 126:
        return _ASCII_WIDTHS[code - 32]
    if unicodedata.combining(char):
        return 0
    return 1000 if unicodedata.east_asian_width(char) in ("W", "F") else 600


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated rendered width in px of ``text`` at ``size`` px (Arial metrics)."""
    width = sum(_char_width(c) for c in text) * size / 1000
    return width * 1.07 if bold else width


def wrap(text: str, width: float, size: float = SIZE, *, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` px; newlines are kept, long words split."""
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold=bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for char in word:  # a word wider than the column is split
                if line and text_width(line + char, size, bold=bold) > width:
                    lines.append(line)
                    line = ""
                line += char
        lines.append(line)
    return lines


def fit(text: str, width: float, size: float) -> str:
    """One line of ``text``, shortened with an ellipsis to fit ``width``."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


__all__ = ["clean", "fit", "text_width", "wrap"]
