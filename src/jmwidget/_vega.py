"""User text inside Vega expressions (outside the layers: the charts and the analysis charts use it).

A Vega expression is parsed like JavaScript source, where U+2028 and U+2029 end a line, so a step
name pasted with one of them broke every chart's ``labelExpr``. ``vega_literal`` writes a value as
an expression literal with every character outside ASCII escaped (``\\u2028``), which the parser
reads back as the same text.
"""

from __future__ import annotations

import json
from typing import Any


def vega_literal(value: Any) -> str:
    """``value`` (text, numbers, lists, objects) as a literal for a Vega expression."""
    return json.dumps(value, ensure_ascii=True, allow_nan=False)
