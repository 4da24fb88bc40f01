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
from jmwidget.pictures._routes import Route, RouteScene, route_all

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
