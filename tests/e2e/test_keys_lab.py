"""No key pressed on any part of the widget reaches JupyterLab's notebook shortcuts: with focus on a
cell, a header, a card, a toolbar button, the view toggle, the persona select or an arrow, the
single-key commands (A, B, D D, M, Y, Z, C, V, X, Shift+Enter, Ctrl+Enter) leave the notebook's
cells as they were."""

from __future__ import annotations

from typing import Any

from .test_blueprint_lab import blueprint_map

ROOT = ".jmw-root"

NOTEBOOK_CELLS_JS = """
() => window.jupyterapp.shell.currentWidget.content.widgets.map(
  (cell) => [cell.model.type, cell.model.sharedModel.getSource()]
)
"""
SHORTCUTS = ["a", "b", "d d", "m", "y", "z", "c", "v", "x", "Shift+Enter", "Control+Enter"]
FOCUSABLE = {
    "a cell": f'{ROOT} [role=gridcell][data-lane-id="cust"][data-step-id="ask"]',
    "a step header": f'{ROOT} [role=columnheader][data-step-id="ask"]',
    "a card": f'{ROOT} .jmw-card[data-card-id="grind"]',
    "the Personas button": f"{ROOT} [data-action=personas]",
    "the undo button": f"{ROOT} [data-action=undo]",
    "the persona select": f"{ROOT} .jmw-persona-select",
    "an arrow": f"{ROOT} .jmw-connection[data-connection-id]",
    "the view toggle": f"{ROOT} [data-action=view-journey]",  # last: Enter on it shows the journey view
}


def _press(page: Any, keys: str) -> None:
    for key in keys.split(" "):
        page.keyboard.press(key)


def test_notebook_shortcuts_pressed_in_the_widget_change_no_notebook_cell(lab_notebook: Any) -> None:
    journey = blueprint_map()
    journey.add_connection(("front", "ask"), "grind", id="brew")
    nb = lab_notebook(journey=journey)
    page = nb.page
    page.set_viewport_size({"width": 1400, "height": 1300})
    page.locator(f'{ROOT}[data-view="blueprint"]').wait_for()
    # attached: a straight vertical arrow has a zero-width box, which Playwright counts as hidden
    page.locator(f"{ROOT} .jmw-connection[data-connection-id]").first.wait_for(state="attached")
    before = page.evaluate(NOTEBOOK_CELLS_JS)
    leaked = []
    for what, selector in FOCUSABLE.items():
        element = page.locator(selector).first
        for keys in SHORTCUTS:
            element.focus()
            _press(page, keys)
            page.keyboard.press("Escape")  # close whatever the key opened in the widget
            if page.evaluate(NOTEBOOK_CELLS_JS) != before:
                leaked.append(f"{keys} on {what}")
                page.evaluate("() => window.jupyterapp.commands.execute('notebook:undo-cell-action')")
    assert leaked == []
    assert page.locator(ROOT).count() == 1  # the map's own notebook cell is still there, with the map
