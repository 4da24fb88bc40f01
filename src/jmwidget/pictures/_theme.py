"""The widget's light theme for drawn pictures: the font stack and colours (js/src/widget.css fallbacks)."""

from __future__ import annotations

FONT = "'Liberation Sans', Arial, Helvetica, 'DejaVu Sans', system-ui, sans-serif"

COLORS = {
    "bg": "#ffffff",
    "bg_alt": "#f3f3f3",
    "bg_head": "#eef0f2",
    "fg": "#222222",
    "muted": "#616161",
    "border": "#dddddd",
    "strong": "#bdbdbd",
    "accent": "#1976d2",
    "card_fg": "#1f1f1f",
    "rule": "#455a64",
    "fail": "#d32f2f",
    "wait": "#f59e0b",
}
CARD_COLORS = {
    "yellow": "#fff3b0",
    "pink": "#ffd6e0",
    "green": "#d4f5d0",
    "blue": "#d3e7ff",
    "purple": "#e6dcff",
    "orange": "#ffe0c2",
    "grey": "#e6e6e6",
}
IMPACT_COLORS = {"abandons": "#b71c1c", "work-around": "#8a4b00"}
MOOD_COLORS = {"low": "#d32f2f", "neutral": "#f59e0b", "high": "#2e7d32"}
PERSONA_COLORS = ("#1976d2", "#8e24aa", "#00897b", "#ef6c00", "#6d4c41", "#546e7a")
PERSONA_DASHES = (None, "7 4", "2 4", "10 3 2 3", "1 3", "12 6")

__all__ = ["CARD_COLORS", "COLORS", "FONT", "IMPACT_COLORS", "MOOD_COLORS", "PERSONA_COLORS", "PERSONA_DASHES"]
