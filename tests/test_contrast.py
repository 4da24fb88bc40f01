"""Text colours of the drawn pictures (SVG, PNG, the exported page's fallback) meet WCAG's 4.5:1 on
every background they sit on; the widget's own colours are audited in the browser (tests/e2e/test_a11y.py)."""

from __future__ import annotations

import pytest

from jmwidget.pictures._theme import CARD_COLORS, COLORS, IMPACT_COLORS


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_known_ratios() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the well-known AA grey


@pytest.mark.parametrize("text", ["fg", "muted"])
@pytest.mark.parametrize("background", ["bg", "bg_alt", "bg_head"])
def test_picture_text_meets_4_5_to_1(text: str, background: str) -> None:
    ratio = contrast(COLORS[text], COLORS[background])
    assert ratio >= 4.5, f"{text} {COLORS[text]} on {background} {COLORS[background]}: {ratio:.2f}:1"


@pytest.mark.parametrize("card", sorted(CARD_COLORS))
def test_card_text_and_impact_meet_4_5_to_1_on_every_card_colour(card: str) -> None:
    for name, colour in [("card_fg", COLORS["card_fg"]), *IMPACT_COLORS.items()]:
        ratio = contrast(colour, CARD_COLORS[card])
        assert ratio >= 4.5, f"{name} {colour} on a {card} card: {ratio:.2f}:1"
