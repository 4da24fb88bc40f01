"""Connection arrows: the router keeps every arrow and label off the text, in Python and in the
widget's TypeScript twin (js/src/model/routes.ts), which give the same routes for the same boxes."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from jmwidget import Journey, templates
from jmwidget.pictures import _arrows, _svg
from jmwidget.pictures._geometry import Layout
from jmwidget.pictures._routes import Box, Route, RouteArrow, RouteScene, route_all
from jmwidget.pictures._tracks import ROUTES

from .run_ts import run_ts

CONNECTED = [name for name in templates() if Journey.from_template(name).connections]


def scene_of(name: str) -> RouteScene:
    """The scene the SVG picture routes for template ``name`` (the rows laid out as render() does)."""
    doc = Journey.from_template(name).to_dict()
    layout = Layout.of(doc)
    captured: dict[str, RouteScene] = {}
    real = _arrows.route_all

    def spy(scene: RouteScene) -> list[Route]:
        captured["scene"] = scene
        return real(scene)

    _arrows.route_all = spy  # type: ignore[assignment]
    try:
        _svg.render(doc)
    finally:
        _arrows.route_all = real  # type: ignore[assignment]
    assert layout.doc == doc
    return captured["scene"]


def as_ts(scene: RouteScene) -> dict[str, Any]:
    box = dataclasses.asdict
    return {
        "bounds": box(scene.bounds),
        "obstacles": [box(b) for b in scene.obstacles],
        "lines": [box(b) for b in scene.lines],
        "arrows": [{"id": a.id, "from": box(a.start), "to": box(a.end), "label": a.label} for a in scene.arrows],
    }


def as_plain(route: Route) -> dict[str, Any]:
    return {
        "id": route.id,
        "points": [list(p) for p in route.points],
        "label": dataclasses.asdict(route.label) if route.label else None,
        "leader": list(route.leader) if route.leader else None,
    }


def test_two_templates_have_connections() -> None:
    assert CONNECTED == ["restaurant-order", "service-blueprint"]


@pytest.mark.parametrize("name", CONNECTED)
def test_python_and_the_widget_route_every_template_alike(tmp_path: Path, name: str) -> None:
    scene = scene_of(name)
    python = [as_plain(r) for r in route_all(scene)]
    ts = run_ts(tmp_path, "model/routes.ts", ["routeAll"], "routeAll(scene)", scene=as_ts(scene))
    assert len(python) == len(scene.arrows) > 5
    assert ts == python


def test_a_label_with_no_room_beside_its_arrow_sits_on_it_in_both_languages(tmp_path: Path) -> None:
    """Between two walls of text the label cannot go beside the arrow; it breaks the line instead of
    moving away on a leader, with the run showing above and below it."""
    walls = [Box(0, 40, 70, 200), Box(130, 40, 70, 200)]
    arrow = RouteArrow("a", Box(80, 10, 40, 20), Box(80, 250, 40, 20), "wait")
    scene = RouteScene(Box(0, 0, 200, 300), walls, [], [arrow])
    (route,) = route_all(scene)
    assert route.points[0][0] == route.points[-1][0] == 100  # straight down the corridor
    assert route.leader is None
    assert route.label is not None
    assert route.label.x + route.label.w / 2 == pytest.approx(100, abs=0.1)
    assert ROUTES["label_gap"] + route.label.w > 130 - 1 - 100  # too wide for the room beside the run
    assert route.points[0][1] + ROUTES["label_run_end"] <= route.label.y
    assert route.label.y + route.label.h + ROUTES["label_run_end"] <= route.points[-1][1]
    ts = run_ts(tmp_path, "model/routes.ts", ["routeAll"], "routeAll(scene)", scene=as_ts(scene))
    assert ts == [as_plain(route)]


def test_arrows_through_one_narrow_gap_are_spread_across_it_in_both_languages(tmp_path: Path) -> None:
    """Three arrows through the only 12 px gap between two walls of text: the tracks there lie 1 px
    apart; the arrows are spread evenly across the gap (3 px apart), in the same order."""
    a1, a2, b1, b2 = Box(0, 0, 100, 40), Box(0, 200, 100, 40), Box(112, 0, 100, 40), Box(112, 200, 100, 40)
    walls = [Box(0, 40, 100, 160), Box(112, 40, 100, 160)]
    arrows = [RouteArrow("a", a1, a2), RouteArrow("b", b1, b2), RouteArrow("c", a2, b1)]
    scene = RouteScene(Box(0, 0, 212, 240), [a1, a2, b1, b2, *walls], [], arrows)
    routes = route_all(scene)
    across = {r.id: [x for (x, y), (nx, ny) in zip(r.points, r.points[1:], strict=False) if x == nx and y != ny]
              for r in routes}  # fmt: skip
    assert across == {"a": [103], "b": [109], "c": [106]}
    unspread = route_all(dataclasses.replace(scene, arrows=arrows[:1]))  # alone in the gap, it keeps its track
    assert unspread[0].points[1][0] == 105
    ts = run_ts(tmp_path, "model/routes.ts", ["routeAll"], "routeAll(scene)", scene=as_ts(scene))
    assert ts == [as_plain(r) for r in routes]
