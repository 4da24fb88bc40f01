"""The data-grid keys in JupyterLab (WAI-ARIA data grid): Home/End to the ends of the row,
Ctrl+Home/Ctrl+End to the first and last cell, PageUp/PageDown by as many lanes as the scroll area
shows. The notebook keeps its cells (none of these keys reaches JupyterLab)."""

from __future__ import annotations

from typing import Any

from jmwidget import Journey

ROOT = ".jmw-root"
LANES = 30
FOCUSED_JS = """
() => { const el = document.activeElement;
  return el ? [el.getAttribute('role'), el.dataset.laneId ?? el.parentElement?.dataset.laneId ?? '',
               el.dataset.stepId ?? ''] : null; }
"""
# Whether the focused element lies within the scroll area's visible part, below its sticky headers.
IN_VIEW_JS = """
() => { const el = document.activeElement; const scroller = el.closest('.jmw-scroll');
  const head = scroller.querySelector('.jmw-head').getBoundingClientRect();
  const box = el.getBoundingClientRect(); const view = scroller.getBoundingClientRect();
  return box.top >= head.bottom - 1 && box.bottom <= view.bottom + 1; }
"""
NOTEBOOK_CELLS_JS = "() => window.jupyterapp.shell.currentWidget.content.widgets.length"


def tall_map() -> Journey:
    j = Journey("Many lanes")
    j.add_stage("Only", steps=["One", "Two", "Three", "Four"], id="only")
    for i in range(LANES):
        j.add_lane(f"Lane {i}", "text", id=f"l{i:02d}")
    return j


def test_home_end_ctrl_home_ctrl_end_and_page_keys(lab_notebook: Any) -> None:
    nb = lab_notebook(journey=tall_map(), cells=["widget.height = '400px'\nwidget"])
    page = nb.page
    page.locator(f'{ROOT}[data-rev="0"]').wait_for()
    cells_before = page.evaluate(NOTEBOOK_CELLS_JS)

    def focused() -> list[str]:
        value: list[str] = page.evaluate(FOCUSED_JS)
        return value

    nb.cell("l03", "two").focus()
    page.keyboard.press("End")
    assert focused() == ["gridcell", "l03", "four"]
    page.keyboard.press("Home")
    assert focused() == ["gridcell", "l03", "one"]
    page.keyboard.press("Home")
    assert focused() == ["rowheader", "l03", ""]
    page.keyboard.press("Control+End")
    assert focused() == ["gridcell", f"l{LANES - 1}", "four"]
    assert page.evaluate(IN_VIEW_JS)
    page.keyboard.press("Control+Home")
    assert focused() == ["gridcell", "l00", "one"]
    assert page.evaluate(IN_VIEW_JS)

    # A page is what the 400px scroll area shows, less one lane: more than one lane, fewer than all,
    # and the lane reached is in view.
    page.keyboard.press("PageDown")
    first_page = int(focused()[1][1:])
    assert 1 < first_page < LANES - 1, focused()
    assert page.evaluate(IN_VIEW_JS)
    page.keyboard.press("PageDown")
    assert int(focused()[1][1:]) == 2 * first_page
    assert page.evaluate(IN_VIEW_JS)
    page.keyboard.press("PageUp")
    assert int(focused()[1][1:]) == first_page
    page.keyboard.press("PageUp")
    assert focused() == ["gridcell", "l00", "one"]
    assert page.evaluate(NOTEBOOK_CELLS_JS) == cells_before
