"""A locked template compared with the map before, in JupyterLab: the changed cell is outlined with
its values before and after, the added step is marked, the structure's controls are gone, a
structural edit from the page is refused (by the view, and by the kernel for an undo across the
lock) while a cell edit is applied in Python."""

from __future__ import annotations

from typing import Any

from . import servers

ROOT = ".jmw-root"

COMPARE_CELL = """\
before = journey.copy()
journey.set_cell("actions", "fill-form", "Fills it in on the phone")
journey.add_step("apply", "Sign", id="sign")
journey.lock()
widget = JourneyWidget(journey, compare_to=before)"""


def test_a_locked_map_compared_with_the_map_before_in_lab(lab_notebook: Any) -> None:
    nb = lab_notebook(cells=[COMPARE_CELL, "widget"])
    page = nb.page
    state = nb.wait_state(lambda s: s["doc"].get("lock") == {"structure": True}, "the map to be locked")
    rev = state["rev"]
    servers.wait_rev(page, rev)
    # The compare view: the changed cell outlined, before and after on hover; the new step marked.
    changed = nb.cell("actions", "fill-form")
    assert changed.get_attribute("data-compare") == "added"
    assert "Before: (empty)\nAfter: Fills it in on the phone" in (changed.get_attribute("title") or "")
    assert changed.evaluate("(el) => getComputedStyle(el).outlineStyle") in ("solid", "dashed")
    assert nb.cell("actions", "see-advert").get_attribute("data-compare") is None
    assert page.locator(f'{ROOT} [role=columnheader][data-step-id="sign"]').get_attribute("data-compare") == "added"
    legend = page.locator(f"{ROOT} .jmw-compare-legend").inner_text()
    assert "(Current state)" in legend
    assert "1 step added" in legend
    # The lock: no structural buttons, the badge says why on hover.
    assert page.locator(f"{ROOT} [data-action=add-stage]").count() == 0
    assert page.locator(f"{ROOT} .jmw-lock-badge").get_attribute("title") == (
        "The map's structure is locked by its template; only cells can be filled."
    )
    # A structural key on a header is refused in the page; nothing reaches Python.
    header = page.locator(f'{ROOT} [role=columnheader][data-step-id="sign"]')
    header.focus()
    page.keyboard.press("Delete")
    alert = page.locator(f"{ROOT} .jmw-error[role=alert]")
    alert.wait_for()
    assert "structure is locked" in alert.inner_text()
    # Undo in the page: the kernel refuses to undo the step added before the lock.
    page.keyboard.press("Control+z")
    page.wait_for_function(
        "() => (document.querySelector('.jmw-root .jmw-error')?.textContent ?? '').includes(\"undo of 'add_step'\")"
    )
    assert nb.state()["rev"] == rev
    assert "sign" in [t["id"] for s in nb.state()["doc"]["stages"] for t in s["steps"]]
    # A cell is filled from the page and reaches Python.
    nb.cell("actions", "sign").dblclick()
    editor = page.locator(f"{ROOT} textarea.jmw-editor")
    editor.fill("Signs on screen")
    editor.press("Enter")
    state = nb.wait_state(lambda s: s["doc"]["cells"]["actions"].get("sign") == "Signs on screen", "the cell edit")
    assert state["doc"]["lock"] == {"structure": True}
    # The new cell is outlined as added too: the comparison follows the edit.
    page.wait_for_function(
        """() => document.querySelector('.jmw-root [role=gridcell][data-lane-id="actions"][data-step-id="sign"]')
                 ?.dataset.compare === 'added'"""
    )
