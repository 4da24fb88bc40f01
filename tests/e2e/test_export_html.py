"""Exported HTML opened from disk in headless Chromium: offline, read-only, text stays text."""

from __future__ import annotations

import base64
import contextlib
import importlib.metadata
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from pypdf import PdfReader

from jmwidget import Journey
from jmwidget.pictures._pages import page_svgs

from ..test_export import HOSTILE_CARD, nbconvert
from .conftest import SCREENSHOTS, build_map

NETWORK = re.compile(r"^(https?|wss?):", re.IGNORECASE)
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
# What nbconvert's page fetches to draw saved widgets, and the npm package file (a pinned
# devDependency in package.json) that stands in for it, so the test never needs the internet.
CDN_FILES = [
    (
        re.compile(r"^https://cdnjs\.cloudflare\.com/ajax/libs/require\.js/[\d.]+/require(\.min)?\.js$"),
        "requirejs/require.js",
    ),
    (
        re.compile(r"^https://unpkg\.com/@jupyter-widgets/html-manager@[^/]+/dist/(?P<file>[\w.-]+)$"),
        "@jupyter-widgets/html-manager/dist/{file}",
    ),
    (re.compile(r"^https://cdn\.jsdelivr\.net/npm/anywidget@[^/]+/dist/index\.js$"), "anywidget/dist/index.js"),
]
# The notebook template always loads MathJax; the map does not need it, so it gets an empty script.
MATHJAX = re.compile(r"^https://cdnjs\.cloudflare\.com/ajax/libs/mathjax/")
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


def check_emotion_scale(root: Any) -> None:
    """The emotion lane's scale reads without hovering: numbers shown at the curve's heights, the
    neutral one level with the dashed neutral line, none over the lane's own name."""
    axis = root.locator("[role=row][data-lane-id=emotion] .jmw-emotion-axis")
    numbers = axis.locator(".jmw-axis-number")
    assert numbers.all_inner_texts() == ["5", "4", "3", "2", "1"]
    assert all(number.is_visible() for number in numbers.all())
    neutral = axis.locator(".jmw-axis-neutral").bounding_box()
    line = root.locator("svg[data-lane-id=emotion] .jmw-neutral-line").bounding_box()
    assert neutral["y"] + neutral["height"] / 2 == pytest.approx(line["y"] + line["height"] / 2, abs=1.5)
    name = root.locator("[role=row][data-lane-id=emotion] .jmw-lane-header .jmw-name").bounding_box()
    for tick in axis.locator(".jmw-axis-tick").all():
        box = tick.bounding_box()
        assert box["x"] >= name["x"] + name["width"] or box["y"] >= name["y"] + name["height"]


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
        check_emotion_scale(root)
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
        # Print: the pages instead of the live map, no toolbar.
        assert not page.locator(".jmx-print").is_visible()
        page.emulate_media(media="print")
        assert not page.locator(".jmx-toolbar").is_visible()
        assert not root.is_visible()
        assert page.locator(".jmx-print-page svg.jmw-page").first.is_visible()
        printed = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
        page.emulate_media(media="screen")
        violations = page.evaluate("window.__cspViolations")
    # The map's pages, then the charts on a page of their own.
    pages = len(page_svgs(exported_map().to_dict(), "A4", "landscape", None))
    assert len(printed.pages) == pages + 1
    assert "Charts" in printed.pages[-1].extract_text()
    assert "Charts" not in printed.pages[pages - 1].extract_text()
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
        # The picture is stored once, as image/svg+xml: nbconvert shows it as an image.
        picture = page.locator('.jp-RenderedSVG img[src^="data:image/svg+xml;base64,"]')
        assert picture.count() == 1
        assert picture.is_visible()
        assert picture.evaluate("img => img.complete && img.naturalWidth") > 300  # the SVG decoded and drew
        box = picture.bounding_box()
        assert box is not None
        assert box["width"] > 300
        assert box["height"] > 100
        svg = base64.b64decode((picture.get_attribute("src") or "").split(",", 1)[1]).decode()
        for text in ("Renew &lt;b&gt;a&lt;/b&gt; passport", "See advert", "Pain points", "&lt;img"):
            assert text in svg
        assert page.locator(".jp-OutputArea img[src=x], .jp-OutputArea b").count() == 0


@dataclass
class CdnStandIns:
    """A Playwright route handler answering the CDN URLs of ``CDN_FILES`` from node_modules."""

    served: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @staticmethod
    def local(url: str) -> Path | None:
        for pattern, target in CDN_FILES:
            match = pattern.match(url)
            if match:
                return NODE_MODULES / target.format(**match.groupdict())
        return None

    @staticmethod
    def check_installed() -> None:
        for name in (
            "requirejs/require.js",
            "@jupyter-widgets/html-manager/dist/embed-amd.js",
            "anywidget/dist/index.js",
        ):
            if not (NODE_MODULES / name).is_file():
                pytest.fail(f"{NODE_MODULES / name} is missing: run `npm ci`", pytrace=False)
        version = json.loads((NODE_MODULES / "anywidget" / "package.json").read_text(encoding="utf-8"))["version"]
        python = importlib.metadata.version("anywidget")
        assert version.split(".")[:2] == python.split(".")[:2], f"npm anywidget {version} vs Python anywidget {python}"

    def __call__(self, route: Any) -> None:
        url = route.request.url
        local = self.local(url)
        if local is not None and local.is_file():
            self.served.append(url)
            route.fulfill(path=str(local))
        elif MATHJAX.match(url):
            self.served.append(url)
            route.fulfill(body="", content_type="text/javascript")
        else:
            self.refused.append(url)
            route.abort()


def test_nbconvert_html_with_widget_state_draws_the_live_map(browser: Any, tmp_path: Path) -> None:
    """The saved widget state is drawn by the Jupyter widgets HTML manager and anywidget's front end,
    which the page fetches from CDNs; here every such request is answered from node_modules."""
    CdnStandIns.check_installed()
    html = nbconvert(tmp_path, widget_state=True)
    path = tmp_path / "with_state.html"
    assert path.read_text(encoding="utf-8") == html
    cdn = CdnStandIns()
    failed: list[str] = []
    with offline_page(browser, "test_nbconvert_html_with_widget_state_draws_the_live_map") as (page, requests, errors):
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.route(re.compile(r"^(?!file:|data:|blob:)"), cdn)
        page.goto(path.as_uri(), wait_until="load")
        root = page.locator(".widget-subarea .jmw-root")
        grid = root.locator("[role=grid]")
        grid.wait_for()
        assert root.count() == 1
        assert grid.get_attribute("aria-label") == "Renew <b>a</b> passport"
        assert root.locator(".jmw-title").inner_text() == "Renew <b>a</b> passport"
        step = grid.locator("[role=columnheader][data-step-id]")
        assert step.count() == 1
        assert step.get_attribute("title") == "See advert"
        assert step.get_by_text("See advert").is_visible()
        assert grid.locator("[role=rowheader]").first.inner_text().startswith("Pain points")
        assert grid.get_by_text(HOSTILE_CARD, exact=True).is_visible()
        assert page.locator(".jupyter-widgets img, .jmw-root b").count() == 0  # text stayed text
        box = grid.bounding_box()
        assert box is not None
        assert box["width"] > 300
        # There is no kernel behind this page: an edit is not lost silently, the map says so.
        cards = grid.locator("[role=gridcell][data-lane-id]").first  # the Pain points cell
        cards.focus()
        page.keyboard.press("n")
        page.keyboard.type("A new pain")
        page.keyboard.press("Enter")
        banner = root.locator(".jmw-error[role=alert]")
        banner.wait_for(timeout=15_000)
        assert "The kernel has not answered this edit yet, so it is not saved" in banner.inner_text()
    # Nothing reached the network: every request was the page, a file beside it (requirejs first
    # looks for "anywidget.js" there), or a CDN URL answered by the route.
    assert cdn.refused == []
    assert [url for url in requests if NETWORK.match(url) and url not in cdn.served] == []
    assert any(url.endswith("/dist/embed-amd.js") for url in cdn.served)
    assert any(url.startswith("https://cdn.jsdelivr.net/npm/anywidget@") for url in cdn.served)
    assert [url for url in failed if not url.startswith("file:")] == []
    assert [error for error in errors if "ERR_FILE_NOT_FOUND" not in error] == []


GEOMETRY_JS = (Path(__file__).parent / "arrow_geometry.js").read_text("utf-8")
# Move the first label's background onto the first card (in the label's own units: a printed page is scaled).
PLANT_LABEL_ON_CARD = """(map) => {
  const card = map.querySelector(".jmw-card").getBoundingClientRect();
  const label = map.querySelector(".jmw-connection-label-bg");
  const box = label.getBoundingClientRect();
  const scale = box.width / Number(label.getAttribute("width"));
  const id = label.closest("[data-connection-id]").dataset.connectionId;
  label.setAttribute("x", String(Number(label.getAttribute("x")) + (card.left + 4 - box.left) / scale));
  label.setAttribute("y", String(Number(label.getAttribute("y")) + (card.top + 4 - box.top) / scale));
  return id;
}"""
MM = 96 / 25.4  # CSS px per millimetre
SVG = "{http://www.w3.org/2000/svg}"


def check_printed_drawings(page: Any) -> None:
    """The printed pages' drawings, measured in the browser (its own text metrics): no arrow or label
    covers text; then a label moved onto a card is reported."""
    drawings = page.locator(".jmx-print-page svg.jmw-svg")
    printed = [drawings.nth(k).evaluate(f"(el) => ({GEOMETRY_JS})(el)")[0] for k in range(drawings.count())]
    assert sum(r["arrows"] for r in printed) > 0
    assert sum(r["texts"] for r in printed) > 100
    assert [hit for r in printed for hit in r["hits"]] == []
    labelled = next(k for k, r in enumerate(printed) if r["labels"])
    moved = drawings.nth(labelled).evaluate(PLANT_LABEL_ON_CARD)
    (after,) = drawings.nth(labelled).evaluate(f"(el) => ({GEOMETRY_JS})(el)")
    assert any(hit.startswith(f"arrow {moved} covers card at ") for hit in after["hits"]), after["hits"]


def test_exported_blueprint_keeps_arrows_off_text_and_prints_its_pages(browser: Any, tmp_path: Path) -> None:
    """The service blueprint exported: no arrow or label of the live map covers text (checked as in
    the widget, and the check reports a label planted on a card); printed, the A4 landscape pages of
    to_pdf() show one per sheet with the lane headers on each, and the live map is not printed."""
    journey = Journey.from_template("service-blueprint")
    path = tmp_path / "blueprint.html"
    journey.to_html(path, charts=False)
    svgs = page_svgs(journey.to_dict(), "A4", "landscape", None)
    expected = len(svgs)
    names = {lane.id: lane.name for lane in journey.lanes}
    # The lanes each page draws (a row per lane): their headers must be printed on that page.
    rows = [[g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "jmw-row"] for svg in svgs]
    lanes = [[names[str(row.get("data-lane-id"))] for row in page_rows] for page_rows in rows]
    assert {name for page_lanes in lanes for name in page_lanes} == set(names.values())
    with offline_page(browser, "test_exported_blueprint_prints_its_pages") as (page, requests, errors):
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready=true]")
        root = page.locator("#jmw-map .jmw-root")
        root.locator(".jmw-connection[data-connection-id]").nth(len(journey.connections) - 1).wait_for(state="attached")
        (result,) = root.evaluate(f"(el) => ({GEOMETRY_JS})(el)")
        assert result["arrows"] == len(journey.connections)
        assert result["labels"] == sum(1 for c in journey.connections if c.label)
        assert result["texts"] > 20
        assert result["segments"] > len(journey.connections)
        assert result["hits"] == []
        # Print: every page block shown at A4 landscape, the live map and its description hidden.
        page.emulate_media(media="print")
        blocks = page.locator(".jmx-print-page")
        assert blocks.count() == expected
        for k in range(expected):
            box = blocks.nth(k).bounding_box()
            assert (box["width"], box["height"]) == (pytest.approx(297 * MM, abs=1), pytest.approx(210 * MM, abs=1))
        assert not root.is_visible()
        assert not page.locator(".jmx-about").is_visible()
        pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
        check_printed_drawings(page)
        page.emulate_media(media="screen")
        # The check can fail: a label moved onto a card is reported.
        planted = root.evaluate(PLANT_LABEL_ON_CARD)
        (after,) = root.evaluate(f"(el) => ({GEOMETRY_JS})(el)")
        assert any(hit.startswith(f"arrow {planted} covers card ") for hit in after["hits"]), after["hits"]
    assert len(pdf.pages) == expected
    for number, sheet in enumerate(pdf.pages, start=1):
        assert (float(sheet.mediabox.width), float(sheet.mediabox.height)) == (
            pytest.approx(841.9, abs=1),
            pytest.approx(595.3, abs=1),
        )
        text = sheet.extract_text()
        assert f"page {number} of {expected}" in text
        assert all(name in text for name in lanes[number - 1]), (number, text[:300])
    assert [url for url in requests if NETWORK.match(url)] == []
    assert errors == []
