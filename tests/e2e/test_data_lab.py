"""A map bound to data in JupyterLab: values from a refresh are marked as data, a value edited in
the browser is marked as kept, and the next refresh from the kernel keeps it."""

from __future__ import annotations

from typing import Any

import pandas as pd

from jmwidget import Journey, data

from . import servers
from .conftest import build_map

EVENTS = """pd.DataFrame({"user": ["a", "a", "a", "b", "b", "c"],
    "event": ["ad", "compare", "form", "ad", "compare", "ad"],
    "at": pd.to_datetime(["2026-01-05 09:00", "2026-01-05 09:01", "2026-01-05 09:02",
                          "2026-01-05 10:00", "2026-01-05 10:05", "2026-01-05 11:00"])})"""


def bound_map() -> Journey:
    journey = build_map()
    steps = {"See advert": "ad", "Compare banks": "compare", "Fill form": "form"}
    funnel = data.funnel("events", steps=steps, case="user", event="event", timestamp="at")
    journey.bind("Conversion", funnel, column="conversion")
    journey.refresh(events=eval(EVENTS, {"pd": pd}))  # the same code the kernel runs below
    return journey


def test_values_from_data_are_marked_and_a_browser_edit_is_kept_by_the_next_refresh(lab_notebook: Any) -> None:
    nb = lab_notebook(journey=bound_map())
    page = nb.page
    servers.wait_rev(page, 0)
    cell = nb.cell("conversion", "fill-form")
    assert cell.get_attribute("data-provenance") == "data"
    assert cell.locator(".jmw-provenance").inner_text() == "data"
    assert "From data: conversion of a funnel over 'events', refreshed" in (cell.get_attribute("title") or "")
    assert "(6 rows)" in (cell.get_attribute("aria-description") or "")
    assert nb.cell("conversion", "compare-banks").locator(".jmw-metric-value").inner_text() == "66.7%"
    # A colleague corrects the value in the browser.
    cell.focus()
    page.keyboard.press("Enter")
    editor = page.locator(".jmw-root input.jmw-number-editor")
    editor.wait_for(state="visible")
    editor.fill("40")
    editor.press("Enter")
    state = nb.wait_state(lambda s: s["rev"] >= 1, "the browser's edit to reach Python")
    assert state["doc"]["cells"]["conversion"]["fill-form"] == 40
    page.wait_for_function(
        """() => document.querySelector('.jmw-root [data-lane-id="conversion"][data-step-id="fill-form"]')
            ?.getAttribute('data-provenance') === 'kept'"""
    )
    assert "the data gave 50%" in (nb.cell("conversion", "fill-form").get_attribute("title") or "")
    # The weekly refresh runs in the kernel: the correction is kept and reported, nothing else changes.
    output = servers.run_in_kernel(
        page,
        "import pandas as pd, warnings\n"
        "with warnings.catch_warnings(record=True):\n"
        "    warnings.simplefilter('always')\n"
        f"    report = journey.refresh(events={EVENTS})\n"
        "print(len(report.kept), report.revision)",
    )
    assert output.split() == ["1", "None"]
    assert nb.state()["doc"]["cells"]["conversion"]["fill-form"] == 40
    assert nb.cell("conversion", "fill-form").get_attribute("data-provenance") == "kept"
