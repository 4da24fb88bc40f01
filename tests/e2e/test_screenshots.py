"""Screenshots of a realistic map in JupyterLab's light and dark themes.

Always written to tests/e2e/screenshots/. The README's docs/screenshot.png and
docs/screenshot-dark.png are written when missing, or refreshed with JMW_UPDATE_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jmwidget import Journey

from .conftest import SCREENSHOTS, build_map

DOCS = Path(__file__).resolve().parents[2] / "docs"
THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}


def realistic_map() -> Journey:
    try:
        return Journey.from_template("onboarding")
    except (ImportError, ModuleNotFoundError, KeyError, ValueError):
        return build_map()  # until src/jmwidget/templates exists


def set_theme(page: Any, theme: str) -> None:
    page.evaluate(
        "async (theme) => { await window.jupyterapp.commands.execute('apputils:change-theme', {theme}); }",
        THEMES[theme],
    )
    light = "true" if theme == "light" else "false"
    page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'")


def test_screenshots_light_and_dark(lab_notebook: Any) -> None:
    nb = lab_notebook(journey=realistic_map())
    page = nb.page
    page.locator('.jmw-root[data-rev="0"]').wait_for()
    output = page.locator(".jp-OutputArea-output").filter(has=page.locator(".jmw-root")).first
    try:
        for theme in ("light", "dark"):
            set_theme(page, theme)
            page.wait_for_timeout(300)  # let the theme's CSS variables settle before the picture
            SCREENSHOTS.mkdir(exist_ok=True)
            shot = output.screenshot(path=str(SCREENSHOTS / f"map-{theme}.png"))
            assert len(shot) > 10_000, "the screenshot looks empty"
            target = DOCS / ("screenshot.png" if theme == "light" else "screenshot-dark.png")
            if os.environ.get("JMW_UPDATE_SCREENSHOTS") == "1" or not target.exists():
                target.write_bytes(shot)
    finally:
        set_theme(page, "light")  # theme is a user setting of the session's server


def test_blueprint_screenshot(lab_notebook: Any) -> None:
    """The service-blueprint template in the blueprint view: zones, lines, arrows, annotations."""
    cell = "from jmwidget import analysis\nwidget.height = '1400px'\nwidget.highlight(analysis.alignment)\nwidget"
    nb = lab_notebook(cells=[cell], journey=Journey.from_template("service-blueprint"))
    page = nb.page
    page.set_viewport_size({"width": 1800, "height": 1500})  # the whole blueprint, all five zones
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # room for every step column
    page.locator('.jmw-root[data-rev="0"][data-view="blueprint"]').wait_for()
    arrows = page.locator(".jmw-root .jmw-connection[data-connection-id]")
    expected = len(Journey.from_template("service-blueprint").connections)
    page.wait_for_function(
        "(n) => document.querySelectorAll('.jmw-root .jmw-connection[data-connection-id]').length === n",
        arg=expected,
    )
    assert arrows.count() == expected
    assert page.locator(".jmw-root .jmw-line").count() == 3
    assert page.locator(".jmw-root .jmw-highlight-badge").count() == 3  # the template's alignment gaps
    output = page.locator(".jp-OutputArea-output").filter(has=page.locator(".jmw-root")).first
    SCREENSHOTS.mkdir(exist_ok=True)
    try:
        for theme in ("dark", "light"):  # dark is an artefact to look at; the README shows light
            set_theme(page, theme)
            page.wait_for_timeout(300)
            shot = output.screenshot(path=str(SCREENSHOTS / f"blueprint-{theme}.png"))
            assert len(shot) > 10_000, "the screenshot looks empty"
        target = DOCS / "screenshot-blueprint.png"
        if os.environ.get("JMW_UPDATE_SCREENSHOTS") == "1" or not target.exists():
            target.write_bytes(shot)
    finally:
        set_theme(page, "light")


GEOMETRY_JS = (Path(__file__).parent / "arrow_geometry.js").read_text("utf-8")


def template_cell(name: str) -> str:
    return (
        "from jmwidget import JourneyWidget\n"
        f"widget = JourneyWidget(Journey.from_template({name!r}))\n"
        "widget.height = '1500px'\n"
        "widget"
    )


def test_every_template_light_and_dark_no_arrow_or_label_covers_text(lab_notebook: Any) -> None:
    """Every template in one notebook (one Lab server), in both themes: screenshots to look at, and the
    arrows' and labels' boxes from the DOM checked against every text box."""
    from jmwidget import templates

    names = list(templates())
    nb = lab_notebook(cells=[template_cell(name) for name in names])
    page = nb.page
    page.set_viewport_size({"width": 1800, "height": 1500})
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    outputs = page.locator(".jp-OutputArea-output").filter(has=page.locator(".jmw-root"))
    folder = SCREENSHOTS / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for theme in ("light", "dark"):
            set_theme(page, theme)
            page.wait_for_timeout(300)
            for k, name in enumerate(names):
                output = outputs.nth(k)
                output.scroll_into_view_if_needed()
                root = output.locator(".jmw-root")
                connections = Journey.from_template(name).connections
                if connections:
                    last = root.locator(".jmw-connection[data-connection-id]").nth(len(connections) - 1)
                    last.wait_for(state="attached")
                (result,) = root.evaluate(f"(el) => ({GEOMETRY_JS})(el)")
                assert result["arrows"] == len(connections), f"{theme}, {name}: {result}"
                if name != "blank":  # the one template without text in its cells
                    assert result["texts"] > 20, f"{theme}, {name}: the map's text was not found"
                assert result["labels"] == sum(1 for c in connections if c.label)
                if connections:
                    assert result["segments"] > len(connections)  # routed in runs, not one line each
                assert result["hits"] == [], f"{theme}, {name}"
                output.screenshot(path=str(folder / f"{name}-{theme}.png"))
    finally:
        set_theme(page, "light")
