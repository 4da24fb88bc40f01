"""Fixtures for the end-to-end tests: JupyterLab, Voila and Debian's Chromium under Playwright.

The tests FAIL (never skip) when Chromium or Playwright is missing: `bash scripts/setup.sh`
installs both. Servers bind 127.0.0.1 on free ports and are stopped at the end of the session.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from jmwidget import Journey

from . import servers

SCREENSHOTS = Path(__file__).parent / "screenshots"
_counter = itertools.count()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def build_map() -> Journey:
    """A small map with one lane of every kind, and stable ids the tests refer to."""
    j = Journey("Open a bank account", channels=["Website", "Mobile app", "Branch"], persona="Ana")
    j.add_stage("Discover", steps=["See advert", "Compare banks"], id="discover")
    j.add_stage("Apply", steps=["Fill form"], id="apply")
    j.add_lane("Actions", "text", id="actions")
    j.add_lane("Channels", "channels", id="channels")
    j.add_lane("Emotion", "emotion", id="emotion")
    j.add_lane("Conversion", "metric", id="conversion", unit="%", format="percent")
    j.add_lane("Pain points", "cards", id="pains")
    j.set_cell("actions", "see-advert", "Notices a bus stop poster")
    j.set_cell("actions", "compare-banks", "Reads reviews")
    j.set_cell("channels", "compare-banks", ["Website", "Mobile app"])
    j.set_cell("emotion", "see-advert", 4)
    j.set_cell("emotion", "compare-banks", 3)
    j.set_cell("emotion", "fill-form", 2)
    j.set_cell("conversion", "fill-form", 42.5)
    j.add_card("pains", "fill-form", "Asked for the same address twice", impact="work-around", color="pink")
    return j


# ---------------------------------------------------------------------- session fixtures


@pytest.fixture(scope="session")
def e2e_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def notebook_dir(e2e_dir: Path) -> Path:
    root = e2e_dir / "notebooks"
    root.mkdir()
    return root


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - setup.sh installs it
        pytest.fail(f"playwright is not installed ({exc}); run `bash scripts/setup.sh`", pytrace=False)
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    if not Path(servers.CHROMIUM).exists():
        pytest.fail(servers.chromium_missing_message(), pytrace=False)
    with servers.chromium(playwright) as b:
        yield b


@pytest.fixture(scope="session")
def lab(e2e_dir: Path, notebook_dir: Path) -> Iterator[servers.Server]:
    server = servers.start_lab(notebook_dir, e2e_dir / "lab-home")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def voila(e2e_dir: Path, notebook_dir: Path) -> Iterator[servers.Server]:
    server = servers.start_voila(notebook_dir, e2e_dir / "voila-home")
    yield server
    server.stop()


# ---------------------------------------------------------------------- per test


@dataclass
class NotebookSession:
    """One test's notebook: its files, the browser page, and the Python state file."""

    page: Any
    name: str
    map_path: Path
    state_path: Path
    notebook_dir: Path
    messages: list[str] = field(default_factory=list)

    def state(self) -> dict[str, Any]:
        return servers.read_state(self.state_path)

    def wait_state(self, predicate: Any, what: str) -> dict[str, Any]:
        return servers.wait_state(self.state_path, predicate, what)

    def cell(self, lane: str, step: str, *, root: int = 0) -> Any:
        return (
            self.page.locator(".jmw-root")
            .nth(root)
            .locator(f'[role=gridcell][data-lane-id="{lane}"][data-step-id="{step}"]')
        )


def _new_page(browser: Any, request: pytest.FixtureRequest) -> tuple[Any, Any, list[str]]:
    context = servers.new_context(browser)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: messages.append(f"pageerror: {exc}"))
    page.on("requestfailed", lambda req: messages.append(f"request failed: {req.url} ({req.failure})"))
    return context, page, messages


def _finish_page(context: Any, page: Any, request: pytest.FixtureRequest, messages: list[str]) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    with contextlib.suppress(Exception):  # a screenshot is a courtesy, never the failure
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed and messages:
        print("\n".join(["browser messages:", *messages[-30:]]))
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@contextlib.contextmanager
def _explained(messages: list[str], what: str) -> Iterator[None]:
    """Turn a time-out while opening a map into a failure that shows the browser's errors."""
    try:
        yield
    except Exception as exc:
        shown = "\n".join(messages[-20:]) or "(no console errors)"
        raise AssertionError(f"{what} did not come up: {exc}\nbrowser messages:\n{shown}") from exc


def _prepare(
    notebook_dir: Path, request: pytest.FixtureRequest, journey: Journey | None, cells: list[str]
) -> tuple[str, str, Path, Path]:
    stem = f"t{next(_counter):02d}_{re.sub(r'[^A-Za-z0-9]+', '_', request.node.name)[:40]}"
    data = notebook_dir / "data"
    data.mkdir(exist_ok=True)
    map_path = data / f"{stem}.map.json"
    state_path = data / f"{stem}.state.json"
    map_path.write_text((journey or build_map()).to_json())
    setup = servers.state_cell(map_path, state_path)
    name = f"{stem}.ipynb"
    servers.write_notebook(notebook_dir / name, [setup, *cells])
    return stem, name, map_path, state_path


@pytest.fixture
def lab_notebook(
    browser: Any, lab: servers.Server, notebook_dir: Path, request: pytest.FixtureRequest
) -> Iterator[Any]:
    """Factory: ``open(cells=["widget"], journey=None)`` opens a new notebook in JupyterLab and runs it."""
    opened: list[tuple[Any, Any, list[str]]] = []

    def open_notebook(cells: list[str] | None = None, journey: Journey | None = None) -> NotebookSession:
        cells = cells if cells is not None else ["widget"]
        stem, name, map_path, state_path = _prepare(notebook_dir, request, journey, cells)
        context, page, messages = _new_page(browser, request)
        opened.append((context, page, messages))
        displays = sum(1 for c in cells if c.strip().splitlines()[-1:] == ["widget"])
        session = NotebookSession(page, name, map_path, state_path, notebook_dir, messages)
        with _explained(messages, "the map in JupyterLab"):
            servers.open_lab_notebook(page, lab, name, workspace=stem, displays=0)
            session.wait_state(lambda s: "rev" in s, "the notebook to write its first Python state")
            servers.wait_for_widgets(page, max(displays, 1))
        return session

    yield open_notebook
    for context, page, messages in opened:
        _finish_page(context, page, request, messages)
    servers.shutdown_kernels(lab)


@pytest.fixture
def voila_notebook(
    browser: Any, voila: servers.Server, notebook_dir: Path, request: pytest.FixtureRequest
) -> Iterator[Any]:
    """Factory: ``open(cells=["widget"], journey=None, query="")`` renders a new notebook in Voila."""
    opened: list[tuple[Any, Any, list[str]]] = []

    def open_notebook(
        cells: list[str] | None = None, journey: Journey | None = None, query: str = ""
    ) -> NotebookSession:
        _stem, name, map_path, state_path = _prepare(notebook_dir, request, journey, cells or ["widget"])
        context, page, messages = _new_page(browser, request)
        opened.append((context, page, messages))
        session = NotebookSession(page, name, map_path, state_path, notebook_dir, messages)
        with _explained(messages, "the map in Voila"):
            page.goto(f"{voila.url}voila/render/{name}{query}", timeout=servers.TIMEOUT * 1000)
            session.wait_state(lambda s: "rev" in s, "the Voila kernel to write its first Python state")
            servers.wait_for_widgets(page)
        return session

    yield open_notebook
    for context, page, messages in opened:
        _finish_page(context, page, request, messages)
