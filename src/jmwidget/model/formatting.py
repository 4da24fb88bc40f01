"""Number, emotion and impact labels: the Python twin of ``js/src/format.ts``.

The SVG/PNG export and the browser show the same text for the same value; a test runs both
implementations over the same values. Rounding follows JavaScript's ``toFixed`` (half away
from zero on the exact binary value) and ``Math.round`` (half towards +infinity).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext
from typing import Any

IMPACT_SYMBOL = {"trivial": "○", "work-around": "◐", "abandons": "⚠"}
KIND_LABEL = {
    "text": "¶ text",
    "cards": "▤ cards",
    "channels": "⇄ channels",
    "emotion": "♥ emotion",
    "metric": "# metric",
}
_IMPLIED_UNITS = {
    "percent": ("%", "percent", "pct"),
    "seconds": ("s", "sec", "secs", "second", "seconds"),
}


def _to_fixed(value: float, decimals: int) -> str:
    """JavaScript's ``Math.abs(value).toFixed(decimals)`` for finite values below 1e21."""
    with localcontext() as ctx:
        ctx.prec = 400
        quantum = Decimal(1).scaleb(-decimals)
        return f"{abs(Decimal(value)).quantize(quantum, rounding=ROUND_HALF_UP):f}"


def _js_round(value: float) -> int:
    """JavaScript's ``Math.round``: halves go towards +infinity."""
    with localcontext() as ctx:
        ctx.prec = 400
        return int((Decimal(value) + Decimal("0.5")).to_integral_value(rounding=ROUND_FLOOR))


def _group_thousands(int_part: str) -> str:
    return re.sub(r"\B(?=(\d{3})+(?!\d))", ",", int_part)


def format_fixed(value: float, decimals: int) -> str:
    """Fixed decimals with thousands separators: ``1234567.891, 2 -> "1,234,567.89"``."""
    fixed = _to_fixed(value, decimals)
    int_part, _, frac = fixed.partition(".")
    text = _group_thousands(int_part) + (f".{frac}" if frac else "")
    return f"-{text}" if value < 0 and float(fixed) != 0 else text


def format_up_to(value: float, most: int) -> str:
    """Up to ``most`` decimals, trailing zeros dropped: ``3.50 -> "3.5"``, ``4 -> "4"``."""
    fixed = format_fixed(value, most)
    return re.sub(r"\.?0+$", "", fixed) if "." in fixed else fixed


def format_seconds(value: float) -> str:
    """Durations: ``"45s"``, ``"4.5s"``, ``"1m 05s"``, ``"1h 02m 03s"``."""
    magnitude = abs(value)
    if magnitude < 60:
        text = f"{format_up_to(magnitude, 1)}s"
    else:
        total = _js_round(magnitude)
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        text = f"{format_fixed(hours, 0)}h {minutes:02d}m {seconds:02d}s" if hours > 0 else f"{minutes}m {seconds:02d}s"
    return f"-{text}" if value < 0 else text


def _js_string(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def format_metric(value: float, format: str | None = None, unit: str | None = None) -> str:
    """A metric value as the widget shows it: percent ``"42.5%"``, count ``"12,345"``, seconds
    ``"1m 05s"``, currency ``"1,234.50 EUR"``, score up to one decimal, otherwise up to two.
    The unit follows unless the format implies it.
    """
    if not math.isfinite(value):
        return _js_string(value)
    if format == "percent":
        text = f"{format_up_to(value, 1)}%"
    elif format == "count":
        text = format_fixed(_js_round(value), 0)
    elif format == "seconds":
        text = format_seconds(value)
    elif format == "currency":
        text = format_fixed(value, 2)
    elif format == "score":
        text = format_up_to(value, 1)
    else:
        text = format_up_to(value, 2)
    shown = (unit or "").strip()
    if shown and shown.lower() not in _IMPLIED_UNITS.get(format or "", ()):
        text = f"{text} {shown}"
    return text


def format_amount(amount: float) -> str:
    """A money amount: two decimals (``1.9 -> "1.90"``), none when whole (``12 -> "12"``), thousands grouped."""
    if not math.isfinite(amount):
        return _js_string(amount)
    return format_fixed(amount, 0) if float(amount).is_integer() else format_fixed(amount, 2)


def format_cost(amount: float, currency: str = "") -> str:
    """A blueprint annotation's cost as the widget and the SVG show it: ``"1.90 EUR"``, ``"12 EUR"``."""
    return f"{format_amount(amount)} {currency}".rstrip()


#: Short unit names for durations, as the widget shows them ("12 min").
DURATION_SHORT = {"seconds": "s", "minutes": "min", "hours": "h", "days": "d"}


def format_duration(value: float, unit: str) -> str:
    """A blueprint annotation's duration as the widget and the SVG show it: ``"12 min"``, ``"1.5 h"``."""
    return f"{format_up_to(value, 2)} {DURATION_SHORT.get(unit, unit)}"


def bar_fraction(value: float, low: float, high: float) -> float:
    """Fraction 0..1 of ``value`` within ``[low, high]`` (when ``low == high``: 1, or 0 if all are 0)."""
    if not high > low:
        return 0.0 if value == 0 and low == 0 and high == 0 else 1.0
    return min(1.0, max(0.0, (value - low) / (high - low)))


def mood_of(value: float, scale: dict[str, Any]) -> str:
    """``"low"``, ``"neutral"`` or ``"high"``: the colour band of ``value`` on the emotion scale."""
    tolerance = max(1, scale["max"] - scale["min"]) * 0.1
    if value < scale["neutral"] - tolerance:
        return "low"
    if value > scale["neutral"] + tolerance:
        return "high"
    return "neutral"


def _js_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else format_up_to(value, 2)


def describe_emotion(value: float, scale: dict[str, Any]) -> str:
    """``"4 of 5 (Happy)"`` or ``"4 of 5"``."""
    number = _js_number(value)
    key = str(int(value)) if float(value).is_integer() else repr(float(value))  # JavaScript's String(value)
    label = (scale.get("labels") or {}).get(key)
    top = _js_number(scale["max"])
    return f"{number} of {top} ({label})" if label else f"{number} of {top}"


#: At most this many numbered ticks on an emotion axis (1-10 and -5..+5 show every point).
MAX_EMOTION_TICKS = 11


def _round_steps() -> Iterator[int]:
    """1, 2, 5, 10, 20, 50, 100, ..."""
    power = 1
    while True:
        yield from (power, 2 * power, 5 * power)
        power *= 10


def emotion_ticks(scale: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The emotion axis, top (max) first: ``{"value", "text", "word", "neutral"}`` per numbered tick,
    every point of a scale with up to :data:`MAX_EMOTION_TICKS` points, else round steps (1, 2, 5, 10,
    20, ...) with both ends kept. ``word`` is the scale's label for that point (or ``"neutral"`` on the
    neutral point); a neutral that falls between two points is an extra entry with no number (the
    twin of ``emotionTicks`` in js/src/model/format.ts)."""
    low, high = int(scale["min"]), int(scale["max"])
    labels = scale.get("labels") or {}
    neutral = float(scale["neutral"])
    step = next(s for s in _round_steps() if (high - low) // s + 1 <= MAX_EMOTION_TICKS)
    first = -(-low // step) * step  # the first multiple of step from low up
    values = [v for v in range(first, high + 1, step) if min(v - low, high - v) >= step * 0.75]
    ticks: list[dict[str, Any]] = []
    for value in sorted({low, high, *values}, reverse=True):
        word = labels.get(str(value)) or ("neutral" if value == neutral else None)
        text = ("+" if low < 0 < value else "") + _js_number(value)  # -2..+2 reads as a signed scale
        ticks.append({"value": value, "text": text, "word": word, "neutral": value == neutral})
    if not any(t["neutral"] for t in ticks) and low <= neutral <= high:
        ticks.append({"value": neutral, "text": "", "word": "neutral", "neutral": True})
        ticks.sort(key=lambda t: -float(t["value"]))
    return ticks


def _evidence_detail(
    evidence: Mapping[str, Any], number: Callable[[float], str], spread: Callable[[float], str]
) -> str:
    parts = []
    if evidence.get("n") is not None:
        parts.append(f"n = {format_fixed(evidence['n'], 0)}")
    if evidence.get("sd") is not None:
        parts.append(f"sd = {spread(evidence['sd'])}")
    low, high = evidence.get("low"), evidence.get("high")
    if low is not None and high is not None:
        parts.append(f"{number(low)} to {number(high)}")
    elif low is not None:
        parts.append(f"at least {number(low)}")
    elif high is not None:
        parts.append(f"at most {number(high)}")
    return ", ".join(parts)


def _with_detail(text: str, detail: str) -> str:
    return f"{text} ({detail})" if detail else text


def _emotion_number(value: float) -> str:
    return format_up_to(value, 2)


def emotion_evidence_detail(evidence: Mapping[str, Any]) -> str:
    """The data behind an emotion value: ``"n = 412, sd = 0.4, 1.8 to 2.4"`` (``""`` with none)."""
    return _evidence_detail(evidence, _emotion_number, _emotion_number)


def emotion_evidence_text(evidence: Mapping[str, Any]) -> str:
    """An emotion value with its evidence, as the widget names it: ``"2.1 (n = 412, 1.8 to 2.4)"``."""
    return _with_detail(_emotion_number(evidence["value"]), emotion_evidence_detail(evidence))


def metric_evidence_detail(evidence: Mapping[str, Any], format: str | None = None, unit: str | None = None) -> str:
    """The data behind a metric value, its numbers formatted for the lane: ``"n = 300, 40% to 45%"``."""
    spread_format = "score" if format == "count" else format  # a spread of counts keeps its decimal

    def number(value: float) -> str:
        return format_metric(value, format, unit)

    def spread(value: float) -> str:
        return format_metric(value, spread_format, unit)

    return _evidence_detail(evidence, number, spread)


def metric_evidence_text(evidence: Mapping[str, Any], format: str | None = None, unit: str | None = None) -> str:
    """A metric value with its evidence: ``"42.5% (n = 300, 40% to 45%)"``."""
    return _with_detail(format_metric(evidence["value"], format, unit), metric_evidence_detail(evidence, format, unit))


def impact_label(impact: str) -> str:
    """Impact as text with a symbol, e.g. ``"⚠ abandons"`` (never colour alone)."""
    return f"{IMPACT_SYMBOL.get(impact, '•')} {impact}"


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\u2028\u2029]")


def display_text(text: object) -> str:
    """``text`` for a chart or a picture: control characters and lone surrogates (pasted junk that
    breaks XML and crashes some renderers) become U+FFFD, and the line and paragraph separators
    U+2028/U+2029 (which end a line inside a Vega expression) become spaces; the rest is kept."""
    return _LINE_BREAKS.sub(" ", _CONTROL.sub("\ufffd", str(text)))
