"""The map in Voila: it renders, and an edit made there reaches the kernel."""

from __future__ import annotations

from typing import Any

from .test_lab import doc_cell, edit_text


def test_voila_renders_and_an_edit_reaches_the_kernel(voila_notebook: Any) -> None:
    nb = voila_notebook()
    page = nb.page
    page.locator('.jmw-root[data-rev="0"]').wait_for()
    assert page.locator(".jmw-root [role=grid].jmw-grid").get_attribute("aria-label") == "Open a bank account"
    assert page.locator(".jmw-root [role=gridcell]").count() == 15
    assert "Notices a bus stop poster" in nb.cell("actions", "see-advert").inner_text()
    edit_text(nb, "actions", "fill-form", "Edited in Voila")
    state = nb.wait_state(lambda s: s["rev"] == 1, "the Voila edit to reach the kernel")
    assert doc_cell(state, "actions", "fill-form") == "Edited in Voila"
    assert state["origin"] == "browser"
    page.locator('.jmw-root[data-rev="1"]').wait_for()
    assert "Edited in Voila" in nb.cell("actions", "fill-form").inner_text()
