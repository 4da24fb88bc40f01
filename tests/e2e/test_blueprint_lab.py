"""The service-blueprint view in JupyterLab: arrows drawn in the browser reach Python's
connections, connections and highlights set from Python are drawn, annotations set in the
browser reach ``to_pandas()``, and the journey/blueprint view switches from either side."""

from __future__ import annotations

import json
from typing import Any

from jmwidget import Journey

from . import servers

ROOT = ".jmw-root"


def blueprint_map() -> Journey:
    """Two steps, one lane per zone (one of them cards) and a lane without a zone."""
    j = Journey("Order a coffee", persona="Sam")
    j.add_stage("Order", steps=["Ask", "Pay"], id="order")
    j.add_lane("Feelings", "text", id="notes")
    j.add_lane("Customer", "text", id="cust", zone="customer")
    j.add_lane("Barista", "text", id="front", zone="frontstage")
    j.add_lane("Kitchen", "cards", id="back", zone="backstage")
    j.add_lane("Till system", "text", id="support", zone="support")
    j.set_cell("notes", "ask", "Hopes it is quick")
    j.set_cell("cust", "ask", "Orders a flat white")
    j.set_cell("front", "ask", "Takes the order")
    j.set_cell("front", "pay", "Hands over the cup")
    j.set_cell("support", "ask", "Order screen")
    j.add_card("back", "ask", "Grinds the beans", id="grind")
    return j


def connections_frame(nb: Any) -> list[dict[str, Any]]:
    """``journey.to_pandas(form="connections")`` as records, computed in the notebook's kernel."""
    out = servers.run_in_kernel(nb.page, 'print(journey.to_pandas(form="connections").to_json(orient="records"))')
    records: list[dict[str, Any]] = json.loads(out.strip().splitlines()[-1])
    return records


def kernel_value(nb: Any, expression: str) -> str:
    return servers.run_in_kernel(nb.page, f"print({expression})").strip().splitlines()[-1]


def open_blueprint(lab_notebook: Any) -> Any:
    nb = lab_notebook(journey=blueprint_map())
    nb.page.set_viewport_size({"width": 1400, "height": 1300})  # the whole map in view for mouse tests
    nb.page.locator(f'{ROOT}[data-rev="0"][data-view="blueprint"]').wait_for()
    nb.cell("support", "pay").scroll_into_view_if_needed()
    return nb


End = tuple[str, str, "str | None"]


def ends(state: dict[str, Any]) -> list[tuple[End, End]]:
    """Each connection of the Python document as ((lane, step, card), (lane, step, card))."""

    def end(e: dict[str, Any]) -> End:
        return (e["lane"], e["step"], e.get("card"))

    return [(end(c["from"]), end(c["to"])) for c in state["doc"]["connections"]]


def test_dragging_from_a_cell_handle_draws_an_arrow_python_sees(lab_notebook: Any) -> None:
    nb = open_blueprint(lab_notebook)
    page = nb.page
    source = nb.cell("front", "ask")
    source.hover()
    handle = source.locator(".jmw-cell-tools [data-action=connect]")
    handle.wait_for(state="visible")
    box = handle.bounding_box()
    target = nb.cell("support", "ask").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    tx, ty = target["x"] + target["width"] / 2, target["y"] + target["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 11):  # move in small steps, as a hand would
        page.mouse.move(x + (tx - x) * i / 10, y + (ty - y) * i / 10)
    page.mouse.up()
    state = nb.wait_state(lambda s: len(s["doc"]["connections"]) == 1, "the dragged arrow to reach Python")
    assert ends(state) == [(("front", "ask", None), ("support", "ask", None))]
    assert state["origin"] == "browser"
    rows = connections_frame(nb)
    assert [(r["from_lane_id"], r["from_step_id"], r["to_lane_id"], r["to_step_id"]) for r in rows] == [
        ("front", "ask", "support", "ask")
    ]
    arrow = page.locator(f"{ROOT} .jmw-connection[data-connection-id]")
    arrow.wait_for()
    assert arrow.get_attribute("role") == "img"
    assert arrow.get_attribute("aria-label") == "Connection: Barista, Ask → Till system, Ask"


def test_keyboard_connects_a_cell_to_a_card_and_deletes_the_arrow(lab_notebook: Any) -> None:
    nb = open_blueprint(lab_notebook)
    page = nb.page
    nb.cell("front", "ask").focus()
    page.keyboard.press("l")
    status = page.locator(f"{ROOT} .jmw-connect-status[role=status]")
    status.wait_for(state="visible")
    assert "Barista, Ask" in status.inner_text()
    page.keyboard.press("ArrowDown")  # to Kitchen, Ask
    page.keyboard.press("Enter")
    state = nb.wait_state(lambda s: len(s["doc"]["connections"]) == 1, "the keyboard arrow to reach Python")
    assert ends(state) == [(("front", "ask", None), ("back", "ask", None))]
    assert status.is_hidden()

    # A second arrow, this time to the card: Escape first cancels a started one.
    card = page.locator(f'{ROOT} .jmw-card[data-card-id="grind"]')
    nb.cell("cust", "ask").focus()
    page.keyboard.press("l")
    page.keyboard.press("Escape")
    assert status.is_hidden()
    card.focus()
    page.keyboard.press("l")
    nb.cell("front", "pay").focus()
    page.keyboard.press("Enter")
    state = nb.wait_state(lambda s: len(s["doc"]["connections"]) == 2, "the card's arrow to reach Python")
    assert ends(state)[1] == (("back", "ask", "grind"), ("front", "pay", None))
    assert connections_frame(nb)[1]["from_card_id"] == "grind"

    # Select the first arrow by keyboard and delete it with the Delete key.
    arrows = page.locator(f"{ROOT} .jmw-connection[data-connection-id]")
    page.wait_for_function("() => document.querySelectorAll('.jmw-root .jmw-connection').length === 2")
    first_id = state["doc"]["connections"][0]["id"]
    arrows.first.focus()
    page.keyboard.press("Delete")
    state = nb.wait_state(lambda s: len(s["doc"]["connections"]) == 1, "the deleted arrow to reach Python")
    assert first_id not in [c["id"] for c in state["doc"]["connections"]]
    page.wait_for_function("() => document.querySelectorAll('.jmw-root .jmw-connection').length === 1")

    # Click the remaining arrow and delete it with the button.
    arrows.first.locator(".jmw-connection-hit").click(force=True)
    page.locator(f"{ROOT} .jmw-connection-tools [data-action=delete-connection]").click()
    nb.wait_state(lambda s: s["doc"]["connections"] == [], "the clicked-and-deleted arrow to reach Python")
    page.wait_for_function("() => document.querySelectorAll('.jmw-root .jmw-connection').length === 0")
    assert connections_frame(nb) == []


def test_a_connection_added_in_python_is_drawn_with_its_label(lab_notebook: Any) -> None:
    nb = open_blueprint(lab_notebook)
    page = nb.page
    servers.run_in_kernel(page, 'journey.add_connection(("front", "pay"), "grind", label="needs <b>beans</b>")')
    arrow = page.locator(f"{ROOT} .jmw-connection[data-connection-id]")
    arrow.wait_for()
    assert arrow.get_attribute("aria-label") == (
        "Connection: Barista, Pay → Grinds the beans (Kitchen, Ask) (needs <b>beans</b>)"
    )
    assert arrow.locator(".jmw-connection-label").text_content() == "needs <b>beans</b>"  # text, not HTML
    path = arrow.locator(".jmw-connection-line").get_attribute("d")
    assert path is not None
    assert path.startswith("M")
    # Reordering lanes from Python redraws the arrow at the card's new place.
    before = arrow.locator(".jmw-connection-line").get_attribute("d")
    servers.run_in_kernel(page, 'journey.move_lane("notes", 4)')
    page.wait_for_function(
        "(d) => { const p = document.querySelector('.jmw-root .jmw-connection-line');"
        " return p && p.getAttribute('d') !== d; }",
        arg=before,
    )


def test_marking_a_fail_point_in_the_browser_reaches_to_pandas(lab_notebook: Any) -> None:
    nb = open_blueprint(lab_notebook)
    page = nb.page
    # A card's annotations by keyboard: A opens the dialog.
    page.locator(f'{ROOT} .jmw-card[data-card-id="grind"]').focus()
    page.keyboard.press("a")
    dialog = page.locator(f"{ROOT} [role=dialog][data-panel=annotations]")
    dialog.wait_for()
    dialog.locator("textarea[name=fail_point]").fill("Grinder jams at rush hour")
    dialog.locator("input[name=duration]").fill("3")
    dialog.locator("select[name=unit]").select_option("minutes")
    dialog.locator("input[name=owner]").fill("Kitchen team")
    dialog.locator(".jmw-submit").click()
    state = nb.wait_state(lambda s: s["rev"] >= 1, "the card's fail point to reach Python")
    card = state["doc"]["cells"]["back"]["ask"][0]
    assert card["annotations"] == {
        "fail_point": "Grinder jams at rush hour",
        "duration": {"value": 3, "unit": "minutes"},
        "owner": "Kitchen team",
    }
    rows = [r for r in state["tidy"] if r["card_id"] == "grind"]
    assert len(rows) == 1
    assert rows[0]["fail_point"] is True
    assert rows[0]["fail_note"] == "Grinder jams at rush hour"
    assert rows[0]["owner"] == "Kitchen team"
    marks = page.locator(f'{ROOT} .jmw-card[data-card-id="grind"] .jmw-mark-fail')
    marks.wait_for()
    assert marks.inner_text().strip().endswith("Fail point")

    # A cell's wait point with the mouse: the cell tools' annotations button.
    cell = nb.cell("front", "pay")
    cell.hover()
    cell.locator(".jmw-cell-tools [data-action=annotations]").click()
    dialog.wait_for()
    dialog.locator("textarea[name=wait_point]").fill("Milk steamer is slow")
    dialog.locator("input[name=cost]").fill("0.4")
    dialog.locator("input[name=currency]").fill("eur")
    dialog.locator(".jmw-submit").click()
    state = nb.wait_state(lambda s: s["rev"] >= 2, "the cell's wait point to reach Python")
    assert state["doc"]["annotations"]["front"]["pay"] == {
        "wait_point": "Milk steamer is slow",
        "cost": {"amount": 0.4, "currency": "EUR"},
    }
    rows = [r for r in state["tidy"] if r["lane_id"] == "front" and r["step_id"] == "pay"]
    assert len(rows) == 1
    assert rows[0]["wait_point"] is True
    assert rows[0]["currency"] == "EUR"
    nb.cell("front", "pay").locator(".jmw-mark-wait").wait_for()

    # Clearing the fail point in the dialog removes it again.
    page.locator(f'{ROOT} .jmw-card[data-card-id="grind"]').focus()
    page.keyboard.press("a")
    dialog.locator("textarea[name=fail_point]").fill("")
    dialog.locator(".jmw-submit").click()
    state = nb.wait_state(lambda s: s["rev"] >= 3, "the cleared fail point to reach Python")
    assert "fail_point" not in state["doc"]["cells"]["back"]["ask"][0]["annotations"]


def test_switching_views_from_the_browser_and_from_python(lab_notebook: Any) -> None:
    nb = open_blueprint(lab_notebook)
    page = nb.page
    rows = page.locator(f"{ROOT} [role=row][data-lane-id]")

    def shown() -> list[str | None]:
        return [rows.nth(i).get_attribute("data-lane-id") for i in range(rows.count())]

    assert shown() == ["notes", "cust", "front", "back", "support"]
    assert page.locator(f"{ROOT} .jmw-line").count() == 3
    assert page.locator(f"{ROOT} .jmw-line-label").all_inner_texts() == [
        "LINE OF INTERACTION",
        "LINE OF VISIBILITY",
        "LINE OF INTERNAL INTERACTION",
    ]
    page.locator(f"{ROOT} [data-action=view-journey]").click()
    page.locator(f'{ROOT}[data-view="journey"]').wait_for()
    assert shown() == ["notes", "cust"]
    assert page.locator(f"{ROOT} .jmw-line").count() == 0
    assert page.locator(f"{ROOT} [data-action=view-journey]").get_attribute("aria-pressed") == "true"
    servers.wait_for(lambda: kernel_value(nb, "widget.view") == "journey", "the view trait to reach Python")
    assert nb.state()["rev"] == 0  # a view is not an edit

    servers.run_in_kernel(page, 'widget.view = "blueprint"')
    page.locator(f'{ROOT}[data-view="blueprint"]').wait_for()
    assert shown() == ["notes", "cust", "front", "back", "support"]
    check_alignment_highlights(nb)


def check_alignment_highlights(nb: Any) -> None:
    """Alignment gaps found in Python outline their cells, with the message as text, and follow fixes."""
    page = nb.page
    out = servers.run_in_kernel(
        page,
        "from jmwidget import analysis\nprint(len(widget.highlight(analysis.alignment(journey))))",
    )
    assert out.strip().splitlines()[-1] == "2"  # the barista's two actions have nothing backstage
    badge = nb.cell("front", "pay").locator(".jmw-highlight-badge")
    badge.wait_for()
    assert (
        "No backstage or support process behind frontstage action 'Hands over the cup' (step 'Pay')"
        in badge.inner_text()
    )
    assert "No backstage or support process" in (nb.cell("front", "pay").get_attribute("aria-description") or "")
    assert "'Grinds the beans' (backstage) is in this step" in nb.cell("front", "ask").inner_text()
    assert nb.cell("cust", "ask").locator(".jmw-highlight-badge").count() == 0

    # Fixing a gap from code and checking again takes its outline off.
    servers.run_in_kernel(
        page,
        'journey.add_connection(("front", "pay"), ("support", "ask"))\nwidget.highlight(analysis.alignment(journey))',
    )
    badge.wait_for(state="detached")
    assert nb.cell("front", "ask").locator(".jmw-highlight-badge").count() == 1
    # Live: given the analysis function, the widget re-checks after every change, so an arrow
    # drawn in the browser takes the last outline off.
    servers.run_in_kernel(page, "widget.highlight(analysis.alignment)")
    nb.cell("front", "ask").focus()
    page.keyboard.press("l")
    page.keyboard.press("ArrowDown")  # to Kitchen, Ask
    page.keyboard.press("Enter")
    nb.cell("front", "ask").locator(".jmw-highlight-badge").wait_for(state="detached")
    assert kernel_value(nb, "widget.highlights") == "[]"
    servers.run_in_kernel(page, 'journey.set_cell("front", "ask", None)')  # the customer's order: undelivered
    badge = nb.cell("cust", "ask").locator(".jmw-highlight-badge")
    badge.wait_for()
    assert "No frontstage action for customer action 'Orders a flat white'" in badge.inner_text()
    servers.run_in_kernel(page, "widget.highlight(None)")
    page.locator(f"{ROOT} .jmw-highlight-badge").first.wait_for(state="detached")
