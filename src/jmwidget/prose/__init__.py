"""Maps in plain language: :func:`describe` (a map in a few paragraphs) and the wording that
comparisons share with it (``"emotion at 'Photographs ID' rises from 1 to 4"``).

Pure Python over the document; a blueprint's gaps and fail points come from
:mod:`jmwidget.analysis`.
"""

from __future__ import annotations

from ._describe import describe
from ._words import emotion_at, emotion_value, listing, movement, number, plural, quote, sentence, value_of

__all__ = [
    "describe",
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
