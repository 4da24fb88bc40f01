"""Accessibility audit with axe-core (bundled by axe-playwright-python, offline): the widget in
JupyterLab's light and dark themes, the blueprint view, and the exported HTML page. No serious or
critical violation is allowed.

JupyterLab's ``<body>`` has no height and hides its overflow, so axe would take the whole notebook
for hidden and report nothing; each audit first gives ``html`` and ``body`` the window's height and
then checks that axe really looked at the grid (its gridcells among the checked nodes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe

from jmwidget import Journey

from . import servers
from .conftest import build_map
from .test_blueprint_lab import blueprint_map
from .test_export_html import offline_page

ROOT = ".jmw-root"
SERIOUS = {"serious", "critical"}
MAKE_VISIBLE = """() => {
  for (const el of [document.documentElement, document.body]) {
    el.style.setProperty("height", "100%", "important");
    el.style.setProperty("overflow", "auto", "important");
  }
}"""
# label-content-name-mismatch is one of axe's "experimental" rules, off unless asked for: it is the
# one that finds a gridcell whose aria-label hides its text (WCAG 2.5.3, label in name).
OPTIONS = {"resultTypes": ["violations"], "rules": {"label-content-name-mismatch": {"enabled": True}}}
# The grid's nodes axe must have checked, so that "no violation" cannot mean "saw nothing".
SEEN = ("[role=gridcell]", "[role=rowheader]", "[role=columnheader]")


def audit_map() -> Journey:
    """The test map (one lane of every kind) with an annotated cell."""
    j = build_map()
    j.annotate("actions", "compare-banks", wait_point="Reviews load slowly", owner="Web team")
    return j


def run_axe(page: Any, include: str | None) -> dict[str, Any]:
    """Run axe over ``include`` (a selector; the whole page when None) after making the page visible."""
    page.evaluate(MAKE_VISIBLE)
    page.wait_for_timeout(100)  # a layout pass with the new height
    context = {"include": [[include]]} if include else None
    results: dict[str, Any] = Axe().run(page, context=context, options=OPTIONS).response
    return results


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {len(v['nodes'])} nodes - {v['help']}")
        for node in v["nodes"][:3]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def assert_no_serious(results: dict[str, Any], where: str) -> None:
    serious = [v for v in results["violations"] if v["impact"] in SERIOUS]
    assert not serious, f"axe found serious or critical violations in {where}:\n{describe(serious)}"


def assert_checked_grid(page: Any, results: dict[str, Any], where: str) -> None:
    """axe ran over the grid: the contrast and ARIA rules passed on nodes, and the grid is visible."""
    passed = {rule["id"] for rule in results["passes"]}
    for rule in ("color-contrast", "aria-allowed-attr", "aria-required-children"):
        assert rule in passed, f"axe did not check {rule} on anything in {where}: was the page hidden?"
    for selector in SEEN:
        assert page.locator(f"{ROOT} {selector}").first.is_visible(), f"{selector} is not visible in {where}"


def set_lab_theme(page: Any, theme: str, light: bool) -> None:
    page.evaluate("(t) => window.jupyterapp.commands.execute('apputils:change-theme', {theme: t})", theme)
    page.wait_for_function(
        "(light) => document.body.dataset.jpThemeLight === String(light)", arg=light, timeout=servers.TIMEOUT * 1000
    )
    page.wait_for_timeout(300)  # the theme's stylesheet applied


def audit_themes(page: Any, what: str) -> None:
    """Audit the widget in JupyterLab's light theme, then its dark one; report both before failing."""
    found = []
    for theme, light in (("JupyterLab Light", True), ("JupyterLab Dark", False)):
        set_lab_theme(page, theme, light)
        results = run_axe(page, ROOT)
        assert_checked_grid(page, results, f"{what} in {theme}")
        serious = [v for v in results["violations"] if v["impact"] in SERIOUS]
        if serious:
            found.append(f"{what} in {theme}:\n{describe(serious)}")
    assert not found, "axe found serious or critical violations in\n" + "\n".join(found)


def test_widget_in_jupyterlab_light_and_dark_has_no_serious_violation(lab_notebook: Any) -> None:
    nb = lab_notebook(journey=audit_map())
    page = nb.page
    page.locator(f'{ROOT}[data-rev="0"]').wait_for()
    audit_themes(page, "the widget")


def test_blueprint_view_has_no_serious_violation(lab_notebook: Any) -> None:
    journey = blueprint_map()
    journey.add_connection(("front", "ask"), "grind", label="order ticket")
    nb = lab_notebook(journey=journey)
    page = nb.page
    page.locator(f'{ROOT}[data-rev="0"][data-view="blueprint"]').wait_for()
    servers.run_in_kernel(page, "from jmwidget import analysis\nwidget.highlight(analysis.alignment(journey))")
    page.locator(f"{ROOT} .jmw-highlight-badge").first.wait_for()
    page.locator(f"{ROOT} .jmw-connection[data-connection-id]").wait_for(state="attached")
    audit_themes(page, "the blueprint view")


def test_exported_html_page_has_no_serious_violation(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    audit_map().to_html(path)
    with offline_page(browser, "test_exported_html_page_has_no_serious_violation") as (page, _requests, errors):
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready=true]")
        results = run_axe(page, None)
        assert_checked_grid(page, results, "the exported page")
        assert_no_serious(results, "the exported page")
        # The page is a document of its own: it needs a main heading and landmarks around everything.
        structure = [v for v in results["violations"] if v["id"] in {"page-has-heading-one", "region",
                                                                      "landmark-one-main"}]  # fmt: skip
        assert not structure, f"the exported page's structure:\n{describe(structure)}"
        assert not errors
