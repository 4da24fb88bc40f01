"""No arrow or label covers text in the drawn pictures: the SVG of every template with connections
and the printed pages of its PDF and HTML export, checked on the SVG itself (tests/svg_geometry.py)
against its text lines and cards, and against the text boxes the router was given."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from jmwidget import Journey
from jmwidget.pictures._pages import page_svgs

from .svg_geometry import SVG, Rect, covered, texts
from .test_routes import CONNECTED, scene_of


def drawing(name: str) -> ET.Element:
    return ET.fromstring(Journey.from_template(name).to_svg())


def router_boxes(name: str) -> list[tuple[str, Rect]]:
    return [(f"router box at {b.x:.0f},{b.y:.0f}", Rect.of(b.x, b.y, b.w, b.h)) for b in scene_of(name).obstacles]


@pytest.mark.parametrize("name", CONNECTED)
def test_no_arrow_or_label_covers_text_in_the_svg(name: str) -> None:
    journey = Journey.from_template(name)
    svg = drawing(name)
    parts, boxes, hits = covered(svg, router_boxes(name))
    runs = sum(len(g.find(f"{SVG}path").get("d", "").split("L")) - 1 for g in svg.iter(f"{SVG}g")
               if g.get("class") == "jmw-connection")  # fmt: skip
    assert runs > len(journey.connections)  # routed in runs, not one line each
    assert parts >= runs + sum(1 for c in journey.connections if c.label)
    assert boxes > 60
    assert sum(1 for what, _box in texts(svg) if what.startswith("card ")) >= 10
    assert hits == []


@pytest.mark.parametrize("name", CONNECTED)
def test_no_arrow_or_label_covers_text_on_the_printed_pages(name: str) -> None:
    """The pages of to_pdf() and of the HTML export's print stylesheet: each page's drawing on its own."""
    drawn = 0
    for page in page_svgs(Journey.from_template(name).to_dict(), "A4", "landscape", None):
        for part in ET.fromstring(page).iter(f"{SVG}svg"):
            if part.get("class") == "jmw-svg":
                parts, _boxes, hits = covered(part)
                drawn += parts
                assert hits == []
    assert drawn > 0  # arrows between lanes printed on different pages are not drawn


def label_of(svg: ET.Element, ident: str) -> ET.Element:
    (rect,) = [r for g in svg.iter(f"{SVG}g") if g.get("data-connection-id") == ident
               for r in g.iter(f"{SVG}rect") if r.get("class") == "jmw-connection-label-bg"]  # fmt: skip
    return rect


def test_the_check_reports_a_label_moved_onto_a_card() -> None:
    journey = Journey.from_template("service-blueprint")
    svg = drawing("service-blueprint")
    labelled = next(c.id for c in journey.connections if c.label)
    card = next(box for what, box in texts(svg) if what.startswith("card "))
    label = label_of(svg, labelled)
    label.set("x", str(card.left + 4))
    label.set("y", str(card.top + 4))
    _parts, _boxes, hits = covered(svg)
    assert f"arrow {labelled} label covers card at {card.left:.0f},{card.top:.0f}" in hits


def test_the_check_reports_a_run_through_a_line_of_text_and_a_diagonal() -> None:
    svg = drawing("restaurant-order")
    line = next(box for what, box in texts(svg) if what.startswith("text ") and box.top > 200)
    arrow = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "jmw-connection")
    path = arrow.find(f"{SVG}path")
    assert path is not None
    middle = (line.top + line.bottom) / 2
    path.set("d", f"M{line.left - 20} {middle} L{line.right + 20} {middle} L{line.right + 40} {middle + 30}")
    _parts, _boxes, hits = covered(svg)
    ident = arrow.get("data-connection-id")
    assert any(hit.startswith(f"arrow {ident} run covers text ") for hit in hits), hits
    assert f"arrow {ident}: a diagonal run" in hits


def test_the_router_boxes_are_checked_too() -> None:
    """A box the router was told about (here: planted under the first label) counts as text."""
    svg = drawing("service-blueprint")
    rect = label_of(svg, next(c.id for c in Journey.from_template("service-blueprint").connections if c.label))
    planted = Rect.of(float(rect.get("x", "0")), float(rect.get("y", "0")), 10.0, 10.0)
    assert covered(svg)[2] == []
    assert covered(svg, [("planted", planted)])[2] != []
