"""The dashboard in JupyterLab: charts draw offline, follow edits, and share the selected step with the map."""

from __future__ import annotations

from typing import Any

from . import servers

DASHBOARD = "from jmwidget import dashboard\nboard = dashboard(journey)\nboard"
HIGHLIGHT = "#fde68a"  # jmwidget.charts.HIGHLIGHT_COLOR


def emotion_chart(page: Any) -> Any:
    return page.locator(".vega-embed svg").first


def band(page: Any, step: str) -> Any:
    """The stage band of ``step`` in the emotion chart (the mark that holds the click selection)."""
    return emotion_chart(page).locator(f'path[aria-label^="step_id: {step}; stage_index"]')


def test_dashboard_charts_follow_the_map_and_selection_goes_both_ways(lab_notebook: Any) -> None:
    nb = lab_notebook(cells=[DASHBOARD])
    page = nb.page
    emotion_chart(page).wait_for()  # Vega drew without a CDN (JupyterChart offline mode)
    point = emotion_chart(page).locator('path[aria-label^="step_id: compare-banks; value: 3; Persona: Ana"]')
    assert point.count() >= 1

    # an edit in the map redraws the chart
    nb.cell("emotion", "compare-banks").focus()
    page.keyboard.press("+")
    nb.wait_state(lambda s: s["rev"] >= 1, "the '+' key to reach Python")
    emotion_chart(page).locator('path[aria-label^="step_id: compare-banks; value: 4; Persona: Ana"]').first.wait_for()

    # chart -> map: clicking a step's band selects the step in the map and in Python
    band(page, "fill-form").click()
    page.locator('.jmw-root [role=gridcell].jmw-selected[data-step-id="fill-form"]').first.wait_for()
    servers.wait_for(
        lambda: servers.run_in_kernel(page, "print(board.map.selected_step)").strip() == "fill-form",
        "the chart click to select the step in Python",
    )

    # map -> chart: selecting a step in the map highlights its band in every chart
    nb.cell("actions", "see-advert").click()
    servers.wait_for(
        lambda: (
            servers.run_in_kernel(page, "print(board.charts['emotion'].params.selected_step)").strip() == "see-advert"
        ),
        "the map's selection to reach the chart parameter",
    )
    servers.wait_for(
        lambda: (band(page, "see-advert").get_attribute("fill") or "").lower() == HIGHLIGHT,
        "the selected step's band to be highlighted",
    )
    assert (band(page, "fill-form").get_attribute("fill") or "").lower() != HIGHLIGHT
