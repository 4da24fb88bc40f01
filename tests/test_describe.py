"""A map that describes itself: Journey.describe(), the SVG's <desc> and the HTML page's "About this map"."""

from __future__ import annotations

import html
from xml.etree import ElementTree as ET

import pytest

from jmwidget import Journey, prose
from jmwidget.model import template_names

from .conftest import build_small

NS = "{http://www.w3.org/2000/svg}"


def test_onboarding_is_described_in_known_sentences() -> None:
    text = Journey.from_template("onboarding").describe()
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == (
        "'Opening a current account in the app' is a current-state journey map for Tomás Ruiz "
        "(New graduate, 24, starting his first job). "
        "Scenario: Tomás needs a current account before his first payday, eight days from now."
    )
    assert paragraphs[1].startswith(
        "5 stages and 12 steps: Discover (Downloads the app, Looks for requirements); "
        "Sign up (Enters phone and email, Fills in personal details, Chooses account type);"
    )
    assert paragraphs[1].endswith(
        "9 lanes: Actions, Thoughts, Channels, Emotion, Pain points, Opportunities, Conversion, Time on step "
        "and Support tickets."
    )
    assert paragraphs[2] == (
        "Emotion for Tomás Ruiz (1 to 5) peaks at 5 (Delighted) at 'Makes first card payment'; "
        "it bottoms out at 1 (Very unhappy) at 'Photographs ID'; "
        "the largest drop: emotion at 'Photographs ID' falls from 3 to 1."
    )
    # Two drops of 2 points (4 -> 2 at 'Fills in personal details', 3 -> 1 at 'Photographs ID'):
    # the tie goes to the one that ends lower.
    assert paragraphs[3].startswith(
        "Pain points by impact: 3 make the customer give up (abandons): "
        "'Rejections say 'try again' without saying what was wrong' at 'Photographs ID', "
    )
    assert paragraphs[3].endswith(
        "4 have a work-around: 'Document list is in the FAQ, not in the app' at 'Looks for requirements' "
        "and 3 more; 2 are trivial."
    )
    assert len(paragraphs) == 4  # not a blueprint


def test_future_state_says_its_state_and_singular_counts() -> None:
    text = Journey.from_template("future-state").describe()
    assert text.startswith("'Opening a current account in the app (future state)' is a future-state journey map")
    assert (
        "peaks at 5 (Delighted) at 'Gets a decision', 'Adds card to phone wallet' and 2 more; "
        "it bottoms out at 3 (Neutral) at 'Confirms his details'"
    ) in text
    assert text.endswith(
        "Pain points by impact: 1 has a work-around: 'Older phones without NFC fall back to photos' "
        "at 'Scans passport chip'; 1 is trivial."
    )


def test_a_blueprint_names_its_gaps_and_fail_points() -> None:
    text = Journey.from_template("service-blueprint").describe()
    assert "is a current-state service blueprint for Priya Nair" in text
    last = text.split("\n\n")[-1]
    assert last.startswith(
        "As a service blueprint it has 5 zones and 11 arrows. Alignment gaps: 3 frontstage actions have no "
        "backstage or support process connected ('Room is ready: bed made, towels, welcome card' at 'Goes to the room',"
    )
    assert "6 fail points: 'Sync lags 15 minutes, so the last room can be sold twice' at 'Books a room' " in last
    restaurant = Journey.from_template("restaurant-order").describe()
    assert "No alignment gaps: every touchpoint and customer action has a frontstage action" in restaurant
    assert "4 fail points: " in restaurant


@pytest.mark.parametrize("name", template_names())
def test_every_template_is_described_briefly_and_deterministically(name: str) -> None:
    journey = Journey.from_template(name)
    text = journey.describe()
    assert 100 < len(text) < 1500
    assert text == prose.describe(journey.to_dict()) == journey.copy().describe()


def test_several_personas_and_missing_values() -> None:
    small = build_small()  # Ana: 4 then 2; Bo: only 1 at 'Fill form'
    text = small.describe()
    assert (
        "Emotion for Ana (1 to 5) peaks at 4 at 'See advert'; it bottoms out at 2 at 'Fill form'; "
        "the largest drop: emotion at 'Fill form' falls from 4 to 2."
    ) in text
    assert "Emotion for Bo (1 to 5) stays at 1 at every step with a value." in text
    assert "journey map for Ana and Bo." in text
    blank = Journey("Empty")
    assert blank.describe().endswith("It has no stages or steps yet. No lanes yet.")


def test_the_curve_that_never_falls() -> None:
    j = Journey("Up", persona="Ana")
    j.add_stage("All", steps=["One", "Two", "Three"])
    j.add_lane("Feeling", "emotion")
    for step, value in zip(("One", "Two", "Three"), (1, 3, 5), strict=True):
        j.set_cell("Feeling", step, value)
    assert j.describe().endswith(
        "Feeling for Ana (1 to 5) peaks at 5 at 'Three'; it bottoms out at 1 at 'One'; it never falls."
    )


def test_the_svg_desc_and_the_html_page_carry_the_description() -> None:
    journey = Journey.from_template("onboarding")
    text = journey.describe()
    root = ET.fromstring(journey.to_svg())
    desc = root.find(f"{NS}desc")
    assert desc is not None
    assert desc.text == text
    assert desc.get("id") in (root.get("aria-labelledby") or "").split()
    page = journey.to_html(charts=False)
    assert f'<meta name="description" content="{html.escape(text.split(chr(10))[0])}">' in page
    for paragraph in text.split("\n\n"):
        assert f"<p>{html.escape(paragraph)}</p>" in page


def test_hostile_text_stays_text() -> None:
    j = Journey("<script>alert(1)</script>", persona="</desc><x>", scenario="a\u2028b\x07c")
    j.add_stage("S", steps=["<b>step</b>"])
    j.add_lane("Emotion", "emotion")
    j.set_cell("Emotion", "<b>step</b>", 3)
    text = j.describe()
    assert "\x07" not in text
    assert "\u2028" not in text
    page = j.to_html(charts=False)
    assert "<script>alert(1)</script>" not in page.split("<noscript>")[0]
    ET.fromstring(j.to_svg())  # still well-formed


def test_the_examples_in_the_docstrings_run() -> None:
    import doctest

    from jmwidget.prose import _describe, _words

    for module in (_words, _describe):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, module.__name__
        assert result.attempted > 0, module.__name__
