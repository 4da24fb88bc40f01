"""Evidence behind a value in JupyterLab: whiskers, hollow points and accessible names, and
evidence set from Python reaching the page; and in the exported HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jmwidget import Journey

from . import servers
from .conftest import build_map
from .test_export_html import offline_page


def evidence_map() -> Journey:
    journey = build_map()
    journey.set_cell("emotion", "fill-form", {"value": 2.1, "n": 412, "low": 1.8, "high": 2.4})
    journey.set_cell("emotion", "compare-banks", {"value": 3, "n": 12, "sd": 0.9})
    journey.set_cell("conversion", "fill-form", {"value": 42.5, "n": 300, "low": 40, "high": 45})
    return journey


def point(nb: Any, step: str) -> Any:
    return nb.page.locator(f'.jmw-root .jmw-point[data-step-id="{step}"][data-persona-id="persona"]')


def whisker(nb: Any, step: str) -> Any:
    return nb.page.locator(f'.jmw-root .jmw-whisker[data-step-id="{step}"][data-persona-id="persona"]')


def test_a_cell_with_evidence_shows_its_whiskers_and_reads_out_its_numbers(lab_notebook: Any) -> None:
    nb = lab_notebook(journey=evidence_map())
    page = nb.page
    servers.wait_rev(page, 0)
    assert whisker(nb, "fill-form").count() == 1
    box = whisker(nb, "fill-form").bounding_box()
    assert box is not None
    assert box["height"] > 8  # 1.8 to 2.4 on a 1-5 scale drawn 100 px high: about 15 px
    assert whisker(nb, "see-advert").count() == 0  # a plain number has no interval
    # A cell's accessible name: what it reads out (here its evidence), then its lane and step.
    named = page.get_by_role("gridcell", name="2.1 (n = 412, 1.8 to 2.4) Emotion Fill form", exact=True)
    assert named.get_attribute("data-lane-id") == "emotion"
    assert named.get_attribute("data-step-id") == "fill-form"
    assert named.get_attribute("title") == "Emotion, Fill form: 2.1 (n = 412, 1.8 to 2.4)"
    assert page.get_by_role("gridcell", name="Emotion See advert", exact=True).count() == 1
    # A value backed by 12 answers is drawn hollow; 412 answers, filled.
    assert "jmw-uncertain" in (point(nb, "compare-banks").get_attribute("class") or "")
    assert "jmw-uncertain" not in (point(nb, "fill-form").get_attribute("class") or "")
    background = page.locator(".jmw-root").evaluate("(el) => getComputedStyle(el).backgroundColor")
    assert point(nb, "compare-banks").evaluate("(el) => getComputedStyle(el).fill") == background  # hollow
    assert point(nb, "fill-form").locator("title").text_content() == "Ana, Fill form: 2.1 (n = 412, 1.8 to 2.4)"
    metric = nb.cell("conversion", "fill-form")
    named = page.get_by_role("gridcell", name="42.5% (n = 300, 40% to 45%) Conversion Fill form", exact=True)
    assert named.get_attribute("data-lane-id") == "conversion"
    assert metric.locator(".jmw-metric-value").inner_text() == "42.5%"
    assert metric.locator(".jmw-evidence").inner_text() == "n = 300, 40% to 45%"


def test_evidence_set_from_python_reaches_the_page_and_a_hand_edit_replaces_it(lab_notebook: Any) -> None:
    nb = lab_notebook()
    page = nb.page
    servers.wait_rev(page, 0)
    assert page.locator(".jmw-root .jmw-whisker").count() == 0
    servers.run_in_kernel(
        page, 'journey.set_cell("Emotion", "See advert", {"mean": 4.2, "n": 20, "low": 3.9, "high": 4.5})'
    )
    servers.wait_rev(page, 1)
    whisker(nb, "see-advert").wait_for(state="attached")
    assert "jmw-uncertain" in (point(nb, "see-advert").get_attribute("class") or "")  # n = 20 < 30
    assert point(nb, "see-advert").get_attribute("data-value") == "4.2"
    cell = nb.cell("emotion", "see-advert")
    assert page.get_by_role("gridcell", name="4.2 (n = 20, 3.9 to 4.5) Emotion See advert", exact=True).count() == 1
    state = nb.wait_state(lambda s: s["rev"] == 1, "the change to be recorded")
    assert state["doc"]["cells"]["emotion"]["see-advert"] == {
        "persona": {"value": 4.2, "n": 20, "low": 3.9, "high": 4.5}
    }
    # A new value typed by hand replaces the evidence, which described the old one.
    cell.focus()
    page.keyboard.press("+")
    state = nb.wait_state(lambda s: s["rev"] >= 2, "the '+' key to reach Python")
    assert state["doc"]["cells"]["emotion"]["see-advert"] == {"persona": 5}
    servers.wait_rev(page, 2)
    assert page.locator(".jmw-root .jmw-whisker").count() == 0
    assert page.get_by_role("gridcell", name="Emotion See advert", exact=True).count() == 1


def test_the_exported_html_shows_the_evidence(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "evidence.html"
    evidence_map().to_html(path)
    with offline_page(browser, "test_the_exported_html_shows_the_evidence") as (page, _requests, errors):
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready=true]")
        root = page.locator("#jmw-map .jmw-root")
        assert root.locator('.jmw-whisker[data-step-id="fill-form"]').count() == 1
        assert root.locator(".jmw-point.jmw-uncertain").count() == 1
        emotion = root.locator('[role=gridcell][data-lane-id="emotion"][data-step-id="fill-form"]')
        assert emotion.get_attribute("title") == "Emotion, Fill form: 2.1 (n = 412, 1.8 to 2.4)"
        metric = root.locator('[role=gridcell][data-lane-id="conversion"][data-step-id="fill-form"]')
        assert metric.locator(".jmw-evidence").inner_text() == "n = 300, 40% to 45%"
        assert page.locator("figure[data-chart] .jmx-chart-view svg").count() == 2  # both charts draw
    assert errors == []
