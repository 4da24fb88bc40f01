"""Exported HTML opened from disk in headless Chromium: offline, read-only, text stays text."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jmwidget import Journey

from ..test_export import HOSTILE_CARD, nbconvert
from .conftest import SCREENSHOTS, build_map

NETWORK = re.compile(r"^(https?|wss?):", re.IGNORECASE)
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(e.blockedURI));
"""


@contextlib.contextmanager
def offline_page(browser: Any, name: str) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A page that records every request and browser error, and refuses anything but file:/data:/blob:."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    context.set_default_timeout(30_000)
    context.route(re.compile(r"^(?!file:|data:|blob:)"), lambda route: route.abort())
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        yield page, requests, errors
    finally:
        SCREENSHOTS.mkdir(exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        context.close()


def exported_map() -> Journey:
    journey = build_map()
    journey.add_card("pains", "see-advert", HOSTILE_CARD, color="blue")
    return journey


def test_exported_html_works_offline_from_disk(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    exported_map().to_html(path)
    with offline_page(browser, "test_exported_html_works_offline_from_disk") as (page, requests, errors):
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready=true]")
        root = page.locator("#jmw-map .jmw-root")
        assert root.locator(".jmw-title").inner_text() == "Open a bank account"
        grid = root.locator("[role=grid]")
        assert grid.get_attribute("aria-label") == "Open a bank account"
        assert grid.locator("[role=columnheader][data-step-id=compare-banks]").inner_text().strip() == "Compare banks"
        assert grid.locator("[role=row][data-lane-id=pains] [role=rowheader]").inner_text().startswith("Pain points")
        card = grid.get_by_text("Asked for the same address twice")
        assert card.is_visible()
        hostile = grid.get_by_text(HOSTILE_CARD, exact=True)
        assert hostile.is_visible()
        assert page.locator("img").count() == 0  # the card text did not become an element
        assert root.locator(".jmw-point[data-step-id][data-persona-id]").count() == 3
        # Read-only: no editing toolbar, cards cannot be dragged.
        assert root.locator("[data-action=undo]").count() == 0
        assert grid.locator(".jmw-card[draggable=true]").count() == 0
        # Hover details: full names and card text as title tooltips.
        assert grid.locator("[role=columnheader][data-step-id=see-advert]").get_attribute("title") == "See advert"
        assert "Asked for the same address twice" in (
            card.locator("xpath=ancestor::*[@title][1]").get_attribute("title") or ""
        )
        # Charts: the emotional arc and the metric, drawn by the inlined Vega.
        assert page.locator("figure[data-chart] .jmx-chart-view svg").count() == 2
        # Zoom: the + button scales the grid.
        before = grid.bounding_box()["width"]
        page.locator("[data-zoom=in]").click()
        assert page.locator("[data-zoom-level]").inner_text() == "125%"
        assert grid.bounding_box()["width"] == pytest.approx(before * 1.25, rel=0.02)
        page.locator("[data-zoom=reset]").click()
        # Print: no toolbar, the whole map without its scroll box.
        page.emulate_media(media="print")
        assert not page.locator(".jmx-toolbar").is_visible()
        assert root.locator(".jmw-scroll").evaluate("el => getComputedStyle(el).maxHeight") == "none"
        page.emulate_media(media="screen")
        violations = page.evaluate("window.__cspViolations")
    assert [url for url in requests if NETWORK.match(url)] == []
    assert requests[0] == path.as_uri()
    assert violations == []
    assert errors == []


def test_nbconvert_html_without_widget_state_shows_the_map(browser: Any, tmp_path: Path) -> None:
    html = nbconvert(tmp_path, widget_state=False)
    path = tmp_path / "no_state.html"
    assert path.read_text(encoding="utf-8") == html
    with offline_page(browser, "test_nbconvert_html_without_widget_state_shows_the_map") as (page, _requests, _errors):
        page.goto(path.as_uri(), wait_until="load")
        picture = page.locator(".jmw-static svg[role=img]")
        assert picture.count() == 1
        assert picture.is_visible()
        box = picture.bounding_box()
        assert box is not None
        assert box["width"] > 300
        assert box["height"] > 100
        assert picture.locator("text", has_text="Renew <b>a</b> passport").first.is_visible()
        assert picture.locator("text", has_text="See advert").first.is_visible()
        assert picture.locator("text", has_text="Pain points").first.is_visible()
        card = picture.locator("g.jmw-card").first
        assert card.is_visible()
        # The card's text is wrapped onto several <text> lines; together they are the hostile text.
        assert "".join((card.text_content() or "").split()) == "".join(HOSTILE_CARD.split())
        assert page.locator(".jmw-static img, .jmw-static b").count() == 0
