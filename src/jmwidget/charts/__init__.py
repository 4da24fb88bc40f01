"""Altair charts of a journey: the emotion curve and metrics across steps."""

from __future__ import annotations

from ._charts import EMOTION_COLUMNS, emotion, emotion_data, features
from ._metric import metric

__all__ = ["EMOTION_COLUMNS", "emotion", "emotion_data", "features", "metric"]
