"""The map in Jupyter Notebook 7: it renders, an edit reaches Python, and a change from code redraws it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from . import servers
from .conftest import NotebookSession, _explained, _finish_page, _new_page, _prepare
from .test_lab import doc_cell, edit_text


@pytest.fixture(scope="module")
def notebook7(e2e_dir: Path, notebook_dir: Path) -> Iterator[servers.Server]:
    server = servers.start_notebook7(notebook_dir, e2e_dir / "notebook7-home")
    try:
        yield server
    finally:
        server.stop()


def test_notebook7_renders_syncs_both_ways(
    browser: Any, notebook7: servers.Server, notebook_dir: Path, request: pytest.FixtureRequest
) -> None:
    _stem, name, map_path, state_path = _prepare(notebook_dir, request, None, ["widget"])
    context, page, messages = _new_page(browser, request)
    nb = NotebookSession(page, name, map_path, state_path, notebook_dir, messages)
    try:
        with _explained(messages, "the map in Notebook 7"):
            page.goto(f"{notebook7.url}notebooks/{name}", timeout=servers.TIMEOUT * 1000)
            page.wait_for_function(
                "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                " && window.jupyterapp.shell.currentWidget.sessionContext"
                " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel",
                timeout=servers.TIMEOUT * 1000,
            )
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            nb.wait_state(lambda s: "rev" in s, "the notebook to write its first Python state")
            servers.wait_for_widgets(page)
        grid = page.locator(".jmw-root [role=grid].jmw-grid")
        assert grid.get_attribute("aria-label") == "Open a bank account"
        assert page.locator(".jmw-root [role=gridcell]").count() == 15
        assert "Notices a bus stop poster" in nb.cell("actions", "see-advert").inner_text()

        edit_text(nb, "actions", "fill-form", "Edited in Notebook 7")
        state = nb.wait_state(lambda s: s["rev"] == 1, "the Notebook 7 edit to reach Python")
        assert doc_cell(state, "actions", "fill-form") == "Edited in Notebook 7"
        assert state["origin"] == "browser"

        servers.run_in_kernel(page, "journey.set_cell('actions', 'see-advert', 'Set from code')")
        page.locator('.jmw-root[data-rev="2"]').wait_for()
        assert "Set from code" in nb.cell("actions", "see-advert").inner_text()
    finally:
        _finish_page(context, page, request, messages)
        servers.shutdown_kernels(notebook7)
