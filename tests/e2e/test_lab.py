"""The map in JupyterLab: browser edits reach the Python object, Python changes reach the browser."""

from __future__ import annotations

from typing import Any

from . import servers

ORIGINAL = "Reads reviews"  # actions / compare-banks in conftest.build_map()


def edit_text(nb: Any, lane: str, step: str, text: str, *, root: int = 0) -> None:
    """Open a text cell's editor by double-click, replace its text, commit with Enter."""
    nb.cell(lane, step, root=root).dblclick()
    editor = nb.page.locator(".jmw-root").nth(root).locator("textarea.jmw-editor")
    editor.wait_for(state="visible")
    editor.fill(text)
    editor.press("Enter")


def doc_cell(state: dict[str, Any], lane: str, step: str) -> Any:
    return state["doc"]["cells"].get(lane, {}).get(step)


def emotion_from_frames(state: dict[str, Any], step: str, step_name: str) -> Any:
    """The emotion of ``step`` as ``Journey.to_pandas()`` (tidy form, one row per cell) reports it."""
    assert "tidy" in state, f"to_pandas() failed in the notebook: {state.get('tidy_error')}"
    rows = [
        r
        for r in state["tidy"]
        if {"emotion", "Emotion"} & {str(v) for v in r.values()} and {step, step_name} & {str(v) for v in r.values()}
    ]
    assert len(rows) == 1, f"expected one emotion row for {step!r} in to_pandas(), got {rows} of {state['tidy'][:2]}"
    row = rows[0]
    return row["value"] if "value" in row else row.get("emotion")


def test_typing_in_a_text_cell_reaches_python(lab_notebook: Any) -> None:
    nb = lab_notebook()
    servers.wait_rev(nb.page, 0)
    edit_text(nb, "actions", "compare-banks", "Asks a friend")
    state = nb.wait_state(lambda s: s["rev"] == 1, "the browser edit to reach Python")
    assert doc_cell(state, "actions", "compare-banks") == "Asks a friend"
    assert state["origin"] == "browser"
    servers.wait_rev(nb.page, 1)
    assert "Asks a friend" in nb.cell("actions", "compare-banks").inner_text()


def test_dragging_an_emotion_point_changes_the_emotion_column(lab_notebook: Any) -> None:
    nb = lab_notebook()
    before = nb.state()
    assert doc_cell(before, "emotion", "compare-banks") == {"persona": 3}
    point = nb.page.locator('.jmw-root .jmw-point[data-step-id="compare-banks"][data-persona-id="persona"]')
    point.wait_for(state="visible")
    box = point.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    mouse = nb.page.mouse
    mouse.move(x, y)
    mouse.down()
    for dy in range(8, 81, 8):  # drag upwards (happier) in small moves, as a hand would
        mouse.move(x, y - dy)
    mouse.up()
    state = nb.wait_state(lambda s: s["rev"] >= 1, "the dragged emotion to reach Python")
    value = doc_cell(state, "emotion", "compare-banks")["persona"]
    assert value > 3, f"dragging up should raise the emotion, got {value}"
    assert emotion_from_frames(state, "compare-banks", "Compare banks") == value
    assert emotion_from_frames(before, "compare-banks", "Compare banks") == 3


def test_emotion_keyboard_edit(lab_notebook: Any) -> None:
    nb = lab_notebook()
    nb.cell("emotion", "compare-banks").focus()
    nb.page.keyboard.press("+")
    state = nb.wait_state(lambda s: s["rev"] >= 1, "the '+' key on an emotion cell to reach Python")
    assert doc_cell(state, "emotion", "compare-banks") == {"persona": 4}


def test_cell_set_from_python_appears_in_the_browser(lab_notebook: Any) -> None:
    nb = lab_notebook()
    servers.run_in_kernel(nb.page, 'journey.set_cell("actions", "compare-banks", "Set from Python")')
    servers.wait_rev(nb.page, 1)
    assert "Set from Python" in nb.cell("actions", "compare-banks").inner_text()
    servers.run_in_kernel(nb.page, 'journey.set_cell("conversion", "see-advert", 12.5)')
    servers.wait_rev(nb.page, 2)
    assert "12" in nb.cell("conversion", "see-advert").inner_text()


def test_undo_button_reverts_python(lab_notebook: Any) -> None:
    nb = lab_notebook()
    edit_text(nb, "actions", "compare-banks", "Typo here")
    nb.wait_state(lambda s: s["rev"] == 1, "the edit to reach Python")
    servers.wait_rev(nb.page, 1)
    nb.page.locator('.jmw-root .jmw-toolbar [data-action="undo"]').click()
    state = nb.wait_state(lambda s: s["rev"] == 2, "the undo to reach Python")
    assert state["origin"] == "undo"
    assert doc_cell(state, "actions", "compare-banks") == ORIGINAL
    servers.wait_rev(nb.page, 2)
    assert ORIGINAL in nb.cell("actions", "compare-banks").inner_text()


def test_ctrl_z_in_the_widget_reverts_python(lab_notebook: Any) -> None:
    nb = lab_notebook()
    edit_text(nb, "actions", "compare-banks", "Typo here")
    nb.wait_state(lambda s: s["rev"] == 1, "the edit to reach Python")
    servers.wait_rev(nb.page, 1)
    nb.cell("actions", "see-advert").click()
    nb.page.keyboard.press("Control+z")
    state = nb.wait_state(lambda s: s["rev"] == 2, "Ctrl+Z in the widget to reach Python")
    assert state["origin"] == "undo"
    assert doc_cell(state, "actions", "compare-banks") == ORIGINAL


def test_rejected_edit_shows_an_error_and_changes_nothing(lab_notebook: Any) -> None:
    """A stale edit: Python changes the cell while the browser's editor is open (design.md)."""
    nb = lab_notebook()
    nb.cell("actions", "compare-banks").dblclick()
    editor = nb.page.locator(".jmw-root textarea.jmw-editor")
    editor.wait_for(state="visible")
    servers.run_in_kernel(nb.page, 'journey.set_cell("actions", "compare-banks", "Changed from Python")')
    nb.wait_state(lambda s: s["rev"] == 1, "the change from Python")
    nb.page.wait_for_timeout(200)  # the patch reaches the browser while its editor is open
    assert editor.is_visible(), "the open editor closed when Python changed the map"
    editor.fill("Typed in the browser")
    editor.press("Enter")
    alert = nb.page.locator(".jmw-root .jmw-error[role=alert]")
    alert.wait_for(state="visible")
    message = alert.inner_text()
    assert "not applied" in message or "changed" in message, message
    state = nb.state()
    assert state["rev"] == 1
    assert doc_cell(state, "actions", "compare-banks") == "Changed from Python"
    servers.wait_rev(nb.page, 1)
    nb.page.wait_for_function(
        "() => !document.querySelector('.jmw-root .jmw-pending')"
    )  # the optimistic text gives way to the document's
    assert "Changed from Python" in nb.cell("actions", "compare-banks").inner_text()
    assert "Typed in the browser" not in nb.page.locator(".jmw-root .jmw-grid").inner_text()


# What a view shows, element by element: role, ids, accessible name, and text without the buttons.
# (innerText would depend on what the browser has laid out: rows far outside the viewport skip
# rendering, `content-visibility: auto`, so a display below the fold reads as empty rows.)
GRID_SNAPSHOT = """
(root) => [...root.querySelectorAll('[role=columnheader], [role=rowheader], [role=gridcell], .jmw-point')]
  .map((el) => {
    const copy = el.cloneNode(true);
    for (const b of copy.querySelectorAll('button, .jmw-tools, .jmw-card-tools')) b.remove();
    return [el.getAttribute('role') ?? 'point', el.dataset.stageId ?? '', el.dataset.stepId ?? '',
            el.dataset.laneId ?? el.parentElement?.dataset.laneId ?? '', el.dataset.personaId ?? '',
            el.getAttribute('aria-label') ?? '', el.getAttribute('data-value') ?? '',
            copy.textContent.replace(/\\s+/g, ' ').trim()];
  })
"""


def grid_snapshot(nb: Any, root: int) -> list[list[str]]:
    snapshot: list[list[str]] = nb.page.locator(".jmw-root").nth(root).evaluate(GRID_SNAPSHOT)
    return snapshot


def test_two_displays_stay_identical(lab_notebook: Any) -> None:
    nb = lab_notebook(cells=["widget", "widget"])
    roots = nb.page.locator(".jmw-root")
    assert roots.count() == 2
    edit_text(nb, "actions", "see-advert", "Edited in the first view", root=0)
    nb.wait_state(lambda s: s["rev"] == 1, "the edit to reach Python")
    servers.wait_rev(nb.page, 1, count=2)
    servers.run_in_kernel(nb.page, 'journey.set_cell("actions", "fill-form", "From Python")')
    servers.wait_rev(nb.page, 2, count=2)
    first, second = (grid_snapshot(nb, i) for i in range(2))
    texts = [row[-1] for row in first]
    assert "Edited in the first view" in texts
    assert "From Python" in texts
    assert len(first) > 20
    assert first == second


def test_two_widgets_of_one_journey_stay_identical(lab_notebook: Any) -> None:
    nb = lab_notebook(cells=["widget", "other = JourneyWidget(journey)\nother"])
    roots = nb.page.locator(".jmw-root")
    servers.wait_for(lambda: roots.count() == 2, "the second widget to render")
    roots.nth(1).locator("[role=gridcell]").first.wait_for()
    edit_text(nb, "actions", "see-advert", "Edited in the second widget", root=1)
    nb.wait_state(lambda s: s["rev"] == 1, "the edit to reach Python")
    servers.wait_rev(nb.page, 1, count=2)
    servers.run_in_kernel(nb.page, "journey.undo(); journey.set_cell('actions', 'fill-form', 'From Python')")
    servers.wait_rev(nb.page, 3, count=2)
    first, second = (grid_snapshot(nb, i) for i in range(2))
    texts = [row[-1] for row in first]
    assert "Edited in the second widget" not in texts  # undone from code, in both
    assert "From Python" in texts
    assert first == second


def test_keyboard_navigation_and_accessible_names(lab_notebook: Any) -> None:
    nb = lab_notebook()
    page = nb.page
    grid = page.locator(".jmw-root [role=grid].jmw-grid")
    assert grid.get_attribute("aria-label") == "Open a bank account"
    cells = page.locator(".jmw-root [role=gridcell][data-lane-id][data-step-id]")
    assert cells.count() == 5 * 3  # lanes x steps
    # A cell is named by its text, then its lane and step (the browser's accessible name).
    named = page.get_by_role("gridcell", name="Notices a bus stop poster Actions See advert", exact=True)
    assert named.get_attribute("data-lane-id") == "actions"
    assert named.get_attribute("data-step-id") == "see-advert"
    assert page.get_by_role("gridcell", name="Actions Fill form", exact=True).count() == 1  # empty
    assert page.locator(".jmw-root [role=row][data-lane-id=emotion] [role=rowheader]").count() == 1
    assert page.locator(".jmw-root [role=columnheader][data-stage-id=discover]").count() == 1
    assert page.locator(".jmw-root [role=columnheader][data-step-id=fill-form]").count() == 1

    def focused() -> tuple[str | None, str | None]:
        lane, step = page.evaluate(
            "() => [document.activeElement?.dataset?.laneId ?? null, document.activeElement?.dataset?.stepId ?? null]"
        )
        return lane, step

    named.click()
    assert focused() == ("actions", "see-advert")
    moves = [
        ("ArrowRight", ("actions", "compare-banks")),
        ("ArrowRight", ("actions", "fill-form")),
        ("ArrowDown", ("channels", "fill-form")),
        ("ArrowLeft", ("channels", "compare-banks")),
        ("ArrowUp", ("actions", "compare-banks")),
    ]
    for key, expected in moves:
        page.keyboard.press(key)
        assert focused() == expected, f"after {key}"
    role = page.evaluate("() => document.activeElement.getAttribute('role')")
    assert role == "gridcell"
    # Enter opens the editor on a focused text cell; Escape cancels without an edit
    page.keyboard.press("Enter")
    page.locator(".jmw-root textarea.jmw-editor").wait_for(state="visible")
    page.keyboard.press("Escape")
    page.locator(".jmw-root textarea.jmw-editor").wait_for(state="hidden")
    assert nb.state()["rev"] == 0


# ---------------------------------------------------------------------- editing without code


def open_panel(nb: Any, action: str, panel: str) -> Any:
    nb.page.locator(f'.jmw-root .jmw-toolbar [data-action="{action}"]').click()
    dialog = nb.page.locator(f'.jmw-root [role=dialog][data-panel="{panel}"]')
    dialog.wait_for(state="visible")
    return dialog


def test_map_settings_panel_edits_title_and_channels(lab_notebook: Any) -> None:
    nb = lab_notebook()
    dialog = open_panel(nb, "map-settings", "map")
    dialog.locator('input[name="title"]').fill("Open a bank account online")
    dialog.locator('select[name="state"]').select_option("future")
    dialog.locator('textarea[name="channels"]').fill("Website\nMobile app\nBranch\nPhone")
    dialog.get_by_role("button", name="Save map").click()
    state = nb.wait_state(lambda s: s["rev"] == 1, "the map settings to reach Python")
    doc = state["doc"]
    assert doc["title"] == "Open a bank account online"
    assert doc["state"] == "future"
    assert doc["channels"] == ["Website", "Mobile app", "Branch", "Phone"]
    servers.wait_rev(nb.page, 1)
    assert nb.page.locator(".jmw-root [role=grid]").get_attribute("aria-label") == "Open a bank account online"
    assert nb.page.locator(".jmw-root [role=dialog]").count() == 0


def test_persona_edited_and_added_in_the_browser(lab_notebook: Any) -> None:
    nb = lab_notebook()
    page = nb.page
    dialog = open_panel(nb, "personas", "personas")
    form = dialog.locator('form.jmw-persona-form[data-persona-id="persona"]')
    form.locator('input[name="role"]').fill("First-time customer")
    form.locator('textarea[name="goals"]').fill("Open an account\nGet a debit card")
    form.get_by_role("button", name="Save persona").click()
    state = nb.wait_state(lambda s: s["rev"] == 1, "the persona edit to reach Python")
    ana = state["doc"]["personas"][0]
    assert (ana["name"], ana["role"], ana["goals"]) == (
        "Ana",
        "First-time customer",
        ["Open an account", "Get a debit card"],
    )
    # The state file is written before the patch goes to the page, whose redraw resets the panel's forms.
    servers.wait_rev(page, 1)

    add = page.locator(".jmw-root form.jmw-add-persona-form")
    add.locator('input[name="name"]').fill("Ben")
    add.get_by_role("button", name="Add persona").click()
    state = nb.wait_state(lambda s: s["rev"] == 2, "the new persona to reach Python")
    assert [p["name"] for p in state["doc"]["personas"]] == ["Ana", "Ben"]
    ben = state["doc"]["personas"][1]["id"]
    servers.wait_rev(page, 2)
    # The new persona is the one emotion edits now apply to; set Ben's point at "Compare banks".
    assert page.locator(".jmw-root .jmw-persona-select").input_value() == ben
    page.keyboard.press("Escape")
    page.locator(".jmw-root [role=dialog]").wait_for(state="detached")
    nb.cell("emotion", "compare-banks").focus()
    page.keyboard.press("5")
    state = nb.wait_state(lambda s: s["rev"] == 3, "Ben's emotion to reach Python")
    assert doc_cell(state, "emotion", "compare-banks") == {"persona": 3, ben: 5}
    servers.wait_rev(page, 3)
    point = page.locator(f'.jmw-root .jmw-point[data-step-id="compare-banks"][data-persona-id="{ben}"]')
    assert point.get_attribute("data-value") == "5"


def test_lane_settings_and_moving_a_card_by_keyboard(lab_notebook: Any) -> None:
    nb = lab_notebook()
    page = nb.page
    page.locator('.jmw-root [role=row][data-lane-id="conversion"] [role=rowheader]').focus()
    page.keyboard.press("s")
    form = page.locator('.jmw-root form.jmw-lane-form[data-lane-id="conversion"]')
    form.wait_for(state="visible")
    form.locator('input[name="name"]').fill("Application conversion")
    form.locator('textarea[name="description"]').fill("Share of visitors who finish the form")
    form.get_by_role("button", name="Save lane").click()
    state = nb.wait_state(lambda s: s["rev"] == 1, "the lane settings to reach Python")
    lane = next(lane for lane in state["doc"]["lanes"] if lane["id"] == "conversion")
    assert lane["name"] == "Application conversion"
    assert lane["description"] == "Share of visitors who finish the form"
    servers.wait_rev(page, 1)

    card = page.locator(".jmw-root .jmw-card[data-card-id]").first
    card_id = card.get_attribute("data-card-id")
    card.focus()
    page.keyboard.press("m")
    target = page.locator('.jmw-root [role=dialog][data-panel="move-card"] select[name="target"]')
    target.wait_for(state="visible")
    target.select_option("pains\u0001compare-banks")
    page.keyboard.press("Tab")  # to the "Move card" button
    page.keyboard.press("Enter")
    state = nb.wait_state(lambda s: s["rev"] == 2, "the card move to reach Python")
    cards = doc_cell(state, "pains", "compare-banks")
    assert [c["id"] for c in cards] == [card_id]
    assert doc_cell(state, "pains", "fill-form") in (None, [])
