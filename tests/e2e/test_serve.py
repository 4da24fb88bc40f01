"""``jmwidget serve map.json``: the Voila app renders the map with its charts, and edits reach the file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jmwidget import Journey

from . import servers
from .conftest import build_map


@contextmanager
def serve(map_path: Path, home: Path, *flags: str) -> Iterator[servers.Server]:
    """Run ``python -m jmwidget serve`` on a free 127.0.0.1 port; stop it (and its kernel) after."""
    port = servers.free_port()
    args = [sys.executable, "-m", "jmwidget", "serve", str(map_path), f"--port={port}", "--no-browser", *flags]
    # Probe a static file: GET / runs the notebook, which may take longer than one probe waits.
    url, probe = f"http://127.0.0.1:{port}/", "voila/static/favicon.ico"
    server = servers._start("jmwidget serve", args, url, probe, servers.jupyter_env(home), home / "serve.log")
    try:
        yield server
    finally:
        server.stop()


def open_app(browser: Any, server: servers.Server) -> tuple[Any, Any]:
    context = servers.new_context(browser)
    page = context.new_page()
    page.goto(server.url)
    page.locator(".jmw-root [role=gridcell]").first.wait_for()
    return context, page


def test_the_served_app_saves_browser_edits_to_the_file(browser: Any, tmp_path: Path) -> None:
    map_path = tmp_path / "map.json"
    build_map().save(map_path)
    with serve(map_path, tmp_path / "home") as server:
        context, page = open_app(browser, server)
        try:
            grid = page.locator(".jmw-root [role=grid].jmw-grid")
            assert grid.get_attribute("aria-label") == "Open a bank account"
            # the charts beside the map: Altair's JupyterChart renders Vega into the page
            page.locator(".vega-embed").first.wait_for()
            cell = page.locator('.jmw-root [role=gridcell][data-lane-id="actions"][data-step-id="fill-form"]')
            cell.dblclick()
            editor = page.locator(".jmw-root textarea.jmw-editor")
            editor.fill("Edited in the app")
            editor.press("Enter")
            servers.wait_for(
                lambda: Journey.load(map_path).get_cell("actions", "fill-form") == "Edited in the app",
                "the app's edit to reach map.json",
            )
            page.locator('.jmw-save-status[data-state="saved"]').wait_for()
        finally:
            context.close()


def test_the_readonly_app_shows_the_map_and_offers_no_editing(browser: Any, tmp_path: Path) -> None:
    map_path = tmp_path / "map.json"
    build_map().save(map_path)
    before = map_path.read_bytes()
    with serve(map_path, tmp_path / "home", "--readonly") as server:
        context, page = open_app(browser, server)
        try:
            assert page.locator(".jmw-root.jmw-readonly").count() == 1
            assert page.locator('.jmw-root [data-action="add-stage"]').count() == 0
            page.locator('.jmw-root [role=gridcell][data-lane-id="actions"][data-step-id="fill-form"]').dblclick()
            assert page.locator(".jmw-root textarea.jmw-editor").count() == 0
        finally:
            context.close()
    assert map_path.read_bytes() == before


def _edit_cell(page: Any, lane: str, step: str, text: str) -> None:
    page.locator(f'.jmw-root [role=gridcell][data-lane-id="{lane}"][data-step-id="{step}"]').dblclick()
    editor = page.locator(".jmw-root textarea.jmw-editor")
    editor.fill(text)
    editor.press("Enter")


def _cell_text(page: Any, lane: str, step: str) -> str:
    text: str = page.locator(f'.jmw-root [role=gridcell][data-lane-id="{lane}"][data-step-id="{step}"]').inner_text()
    return text


def test_two_visitors_of_one_app_keep_both_edits_and_see_each_other(browser: Any, tmp_path: Path) -> None:
    """Each page of a Voila app has its own kernel: they share only the file, and lose nothing."""
    map_path = tmp_path / "map.json"
    build_map().save(map_path)
    with serve(map_path, tmp_path / "home") as server:
        first_context, first = open_app(browser, server)
        second_context, second = open_app(browser, server)
        try:
            _edit_cell(first, "actions", "fill-form", "Edited by the first visitor")
            servers.wait_for(
                lambda: Journey.load(map_path).get_cell("actions", "fill-form") == "Edited by the first visitor",
                "the first visitor's edit to reach map.json",
            )
            _edit_cell(second, "actions", "see-advert", "Edited by the second visitor")
            servers.wait_for(
                lambda: Journey.load(map_path).get_cell("actions", "see-advert") == "Edited by the second visitor",
                "the second visitor's edit to reach map.json",
            )
            on_disk = Journey.load(map_path)
            assert on_disk.get_cell("actions", "fill-form") == "Edited by the first visitor"  # not overwritten
            for page in (first, second):  # each page shows both edits, within a second or two
                servers.wait_for(
                    lambda page=page: (
                        "Edited by the first visitor" in _cell_text(page, "actions", "fill-form")
                        and "Edited by the second visitor" in _cell_text(page, "actions", "see-advert")
                    ),
                    "both edits on both pages",
                    timeout=10,
                )
            assert "merged" in first.locator(".jmw-save-status").inner_text()
        finally:
            first_context.close()
            second_context.close()
