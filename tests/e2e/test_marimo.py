"""The map in a marimo app (``mo.ui.anywidget``, drawn inside a shadow root) under marimo's dark theme:
it renders dark, browser edits reach Python and re-run the marimo cell that reads the map, a cell
run from a marimo button changes the map on the page, an arrow is drawn by drag, and focus stays in
the grid through a redraw. One ``marimo run`` server for the module; each page gets its own kernel.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from . import servers
from .conftest import SCREENSHOTS
from .test_blueprint_lab import blueprint_map, ends

ROOT = ".jmw-root"
READ = re.compile(r"^Python sees revision (\d+): (.*)$")


def cell(code: str, uses: str = "", returns: str = "") -> str:
    """One marimo cell in its file format: a function of the names it uses, returning those it defines."""
    body = textwrap.indent(textwrap.dedent(code).strip(), "    ")
    return f"@app.cell\ndef _({uses}):\n{body}\n    return {returns}\n"


def write_app(path: Path, map_path: Path, state_path: Path) -> Path:
    """A marimo app: the map (with the tests' state file), a cell reading it, a button changing it."""
    setup = servers.state_cell(map_path, state_path) + "import marimo as mo\nview = mo.ui.anywidget(widget)\n"
    cells = [
        cell(setup, returns="journey, mo, view"),
        cell("view", uses="view"),
        cell(
            """
            # Re-runs when the page writes the widget's revision (after its own edit).
            text = journey.get_cell("front", "pay")
            mo.plain_text(f"Python sees revision {view.revision}: {text}")
            """,
            uses="journey, mo, view",
        ),
        cell(
            """
            change = mo.ui.run_button(label="Change from Python")
            change
            """,
            uses="mo",
            returns="(change,)",
        ),
        cell(
            """
            if change.value:
                journey.set_cell("cust", "ask", "Set from Python")
            """,
            uses="change, journey",
        ),
    ]
    head, tail = "import marimo\n\napp = marimo.App()\n\n\n", '\n\nif __name__ == "__main__":\n    app.run()\n'
    source = head + "\n\n".join(cells) + tail
    path.write_text(source)
    return path


class App:
    """The marimo app on disk and its server."""

    def __init__(self, server: servers.Server, state_path: Path) -> None:
        self.server = server
        self.state_path = state_path

    def wait_state(self, predicate: Any, what: str) -> dict[str, Any]:
        return servers.wait_state(self.state_path, predicate, what)


@pytest.fixture(scope="module")
def marimo_app(e2e_dir: Path) -> Iterator[App]:
    folder = e2e_dir / "marimo"
    folder.mkdir()
    map_path, state_path = folder / "blueprint.map.json", folder / "state.json"
    map_path.write_text(blueprint_map().to_json())
    notebook = write_app(folder / "journey_app.py", map_path, state_path)
    server = servers.start_marimo(notebook, folder / "home", theme="dark")
    try:
        yield App(server, state_path)
    finally:
        server.stop()


@pytest.fixture
def page(browser: Any, marimo_app: App, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A new page of the app (a new kernel, the map as on disk), shown at revision 0."""
    context = servers.new_context(browser)
    page = context.new_page()
    page.set_viewport_size({"width": 1400, "height": 1300})  # the whole map in view for mouse tests
    messages: list[str] = []
    page.on("pageerror", lambda exc: messages.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: messages.append(msg.text) if msg.type == "error" else None)
    try:
        page.goto(marimo_app.server.url, timeout=servers.TIMEOUT * 1000)
        page.locator(f'{ROOT}[data-rev="0"][data-view="blueprint"]').wait_for()
        marimo_app.wait_state(lambda s: s["rev"] == 0, "the app's kernel to write its first Python state")
    except Exception as exc:
        log = marimo_app.server.log_tail()
        detail = f"browser: {messages[-10:]}\nserver:\n{log}"
        raise AssertionError(f"the map in marimo did not come up: {exc}\n{detail}") from exc
    yield page
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"marimo_{request.node.name}.png"), full_page=True)
    context.close()


def grid_cell(page: Any, lane: str, step: str) -> Any:
    return page.locator(f'{ROOT} [role=gridcell][data-lane-id="{lane}"][data-step-id="{step}"]')


def focused(page: Any) -> dict[str, Any]:
    """The focused element as the widget's shadow root sees it, and as the document sees it."""
    result: dict[str, Any] = page.locator(ROOT).evaluate(
        """(root) => {
          const shadow = root.getRootNode();
          const el = shadow.activeElement;
          return {inShadow: shadow instanceof ShadowRoot, documentSees: document.activeElement?.tagName ?? null,
                  role: el?.getAttribute('role') ?? null, lane: el?.dataset?.laneId ?? null,
                  step: el?.dataset?.stepId ?? null};
        }"""
    )
    return result


def python_reads(page: Any) -> tuple[int, str]:
    """What the marimo cell reading the map shows: (revision, text of the barista's Pay cell)."""
    text = page.get_by_text(re.compile(r"Python sees revision")).inner_text().strip()
    match = READ.match(text)
    assert match, f"unexpected output of the reading cell: {text!r}"
    return int(match.group(1)), match.group(2)


def wait_python_reads(page: Any, revision: int) -> tuple[int, str]:
    servers.wait_for(lambda: python_reads(page)[0] == revision, f"the reading cell to re-run at revision {revision}")
    return python_reads(page)


def luminance(css_colour: str) -> float:
    """WCAG relative luminance of an ``rgb(r, g, b)`` or ``rgba(...)`` colour."""
    r, g, b = (int(v) / 255 for v in re.findall(r"[\d.]+", css_colour)[:3])
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_the_map_follows_marimos_dark_theme(page: Any) -> None:
    assert page.evaluate("() => document.body.classList.contains('dark')"), "marimo's dark theme is not on"
    colours = page.locator(ROOT).evaluate(
        """(root) => {
          const head = root.querySelector('[role=rowheader]');
          return {bg: getComputedStyle(root).backgroundColor, fg: getComputedStyle(root).color,
                  head: getComputedStyle(head).backgroundColor};
        }"""
    )
    assert luminance(colours["bg"]) < 0.05, colours
    assert luminance(colours["head"]) < 0.1, colours
    assert luminance(colours["fg"]) > 0.5, colours
    assert focused(page)["inShadow"], "mo.ui.anywidget no longer draws the widget in a shadow root"


def test_edits_sync_both_ways_rerun_the_reading_cell_and_keep_focus(page: Any, marimo_app: App) -> None:
    assert python_reads(page) == (0, "Hands over the cup")

    # A text edit by keyboard: it reaches Python, the reading cell re-runs, focus is back on the cell.
    grid_cell(page, "front", "pay").click()
    page.keyboard.press("Enter")
    editor = page.locator(f"{ROOT} textarea.jmw-editor")
    editor.wait_for(state="visible")
    editor.fill("Calls out the name")
    editor.press("Enter")
    state = marimo_app.wait_state(lambda s: s["rev"] == 1, "the browser edit to reach Python")
    assert state["doc"]["cells"]["front"]["pay"] == "Calls out the name"
    assert state["origin"] == "browser"
    assert wait_python_reads(page, 1) == (1, "Calls out the name")
    assert focused(page) == {
        "inShadow": True,
        "documentSees": "MARIMO-ANYWIDGET",
        "role": "gridcell",
        "lane": "front",
        "step": "pay",
    }

    # Moving a step by keyboard redraws the whole grid: focus stays on its header, inside the shadow root.
    header = page.locator(f'{ROOT} [role=columnheader][data-step-id="ask"]')
    header.focus()
    page.keyboard.press("Alt+ArrowRight")
    state = marimo_app.wait_state(lambda s: s["rev"] == 2, "the moved step to reach Python")
    assert [s["id"] for s in state["doc"]["stages"][0]["steps"]] == ["pay", "ask"]
    page.locator(f'{ROOT}[data-rev="2"]').wait_for()
    after = focused(page)
    assert (after["role"], after["step"]) == ("columnheader", "ask")
    page.keyboard.press("ArrowLeft")  # the grid's keys still work: focus is really there
    after = focused(page)
    assert (after["role"], after["step"]) == ("columnheader", "pay")
    assert wait_python_reads(page, 2)[0] == 2

    # A cell run from a marimo button changes the map in Python; the page draws it.
    page.get_by_role("button", name="Change from Python").click()
    state = marimo_app.wait_state(lambda s: s["rev"] == 3, "the button's cell to change the map")
    assert state["origin"] == "python"
    page.locator(f'{ROOT}[data-rev="3"]').wait_for()
    assert grid_cell(page, "cust", "ask").inner_text().strip() == "Set from Python"


def test_dragging_from_a_cell_handle_draws_an_arrow_python_sees(page: Any, marimo_app: App) -> None:
    source = grid_cell(page, "front", "ask")
    source.hover()
    handle = source.locator(".jmw-cell-tools [data-action=connect]")
    handle.wait_for(state="visible")
    box = handle.bounding_box()
    target = grid_cell(page, "support", "ask").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    tx, ty = target["x"] + target["width"] / 2, target["y"] + target["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 11):  # small moves, as a hand would; the drop target is found in the shadow root
        page.mouse.move(x + (tx - x) * i / 10, y + (ty - y) * i / 10)
    page.mouse.up()
    state = marimo_app.wait_state(lambda s: len(s["doc"]["connections"]) == 1, "the dragged arrow to reach Python")
    assert ends(state) == [(("front", "ask", None), ("support", "ask", None))]
    assert state["origin"] == "browser"
    arrow = page.locator(f"{ROOT} .jmw-connection[data-connection-id]")
    arrow.wait_for()
    assert arrow.get_attribute("aria-label") == "Connection: Barista, Ask → Till system, Ask"
    assert wait_python_reads(page, 1)[0] == 1
