"""Bursts of changes from code reach the page, with JupyterLab dropping IOPub messages above its rate limit.

The server here drops kernel messages above 300 per second (over its 3 s window), as every
JupyterLab does above 1000; a loop of ``set_cell`` calls sends far more changes than that.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import jmwidget

from . import servers
from .conftest import NotebookSession, _explained, _finish_page, _new_page, _prepare

RATE_LIMIT = 300  # IOPub messages per second
CONVERGE_S = 20.0  # the bound on how long the page may take to reach the kernel's revision
STEPS = ("see-advert", "compare-banks", "fill-form")

# The burst: `n` edits of the three text cells of conftest.build_map(), without the state file
# (written on every change, it would slow the loop below the rate limit).
BURST = """\
journey.unobserve(dump_state)
steps = {steps!r}
for i in range({n}):
    {extra}journey.set_cell("actions", steps[i % 3], f"value {{i}}")
journey.observe(dump_state)
dump_state()
"""

# Run code in the kernel while recording every revision the first map shows and every text of
# its sync status, each with the time it appeared (ms since the code was sent).
_RECORDED_RUN_JS = """
async (code) => {
  const root = document.querySelector('.jmw-root');
  const t0 = performance.now();
  const revs = [], statuses = [];
  const now = () => performance.now() - t0;
  const watch = new MutationObserver(() => {
    const rev = Number(root.dataset.rev);
    if (revs.length === 0 || revs[revs.length - 1][1] !== rev) revs.push([now(), rev]);
    const status = root.querySelector('.jmw-sync-status');
    const text = status && !status.hidden ? status.textContent : '';
    if ((statuses[statuses.length - 1] || [0, ''])[1] !== text) statuses.push([now(), text]);
  });
  watch.observe(root, {attributes: true, attributeFilter: ['data-rev'], subtree: true,
                       childList: true, characterData: true});
  window.__jmwBurst = {revs, statuses, stop: () => watch.disconnect()};
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, store_history: false, stop_on_error: true});
  const output = [], errors = [];
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') output.push(msg.content.text);
    if (msg.header.msg_type === 'error') errors.push(msg.content.evalue);
  };
  const reply = await future.done;
  return {status: reply.content.status, errors, output: output.join(''), done: now()};
}
"""


@pytest.fixture(scope="module")
def limited_lab(e2e_dir: Path, notebook_dir: Path) -> Iterator[servers.Server]:
    server = servers.start_lab(notebook_dir, e2e_dir / "limited-lab-home", iopub_msg_rate_limit=RATE_LIMIT)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def burst_notebook(
    browser: Any, limited_lab: servers.Server, notebook_dir: Path, request: pytest.FixtureRequest
) -> Iterator[NotebookSession]:
    stem, name, map_path, state_path = _prepare(notebook_dir, request, None, ["widget"])
    context, page, messages = _new_page(browser, request)
    nb = NotebookSession(page, name, map_path, state_path, notebook_dir, messages)
    try:
        with _explained(messages, "the map in JupyterLab (IOPub rate limit lowered)"):
            servers.open_lab_notebook(page, limited_lab, name, workspace=stem, displays=0)
            nb.wait_state(lambda s: "rev" in s, "the notebook to write its first Python state")
            servers.wait_for_widgets(page)
        servers.wait_rev(page, 0)
        kernel_package = servers.run_in_kernel(page, "import jmwidget; print(jmwidget.__file__)").strip()
        assert kernel_package == jmwidget.__file__, "the kernel imports another jmwidget than the tests"
        yield nb
    finally:
        _finish_page(context, page, request, messages)
        servers.shutdown_kernels(limited_lab)


def run_recorded(nb: NotebookSession, code: str) -> dict[str, Any]:
    result: dict[str, Any] = nb.page.evaluate(_RECORDED_RUN_JS, code)
    assert result["status"] == "ok", result
    assert not result["errors"], result
    return result


def kernel_revision(nb: NotebookSession) -> int:
    """The journey's revision in the kernel (asked after the burst: its own output may be dropped)."""
    return int(servers.run_in_kernel(nb.page, "print(journey.revision)").strip())


def wait_converged(nb: NotebookSession, rev: int) -> float:
    """Seconds until the page shows revision ``rev``; fails after CONVERGE_S with what it shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    start = time.monotonic()
    try:
        nb.page.wait_for_function(
            "(rev) => document.querySelector('.jmw-root').dataset.rev === String(rev)",
            arg=rev,
            timeout=CONVERGE_S * 1000,
        )
    except PlaywrightTimeoutError:
        shown = nb.page.locator(".jmw-root").get_attribute("data-rev")
        raise AssertionError(
            f"the page still shows revision {shown} {CONVERGE_S:.0f} s after the burst; the kernel is at {rev}"
        ) from None
    return time.monotonic() - start


def assert_last_values(nb: NotebookSession, n: int) -> None:
    last = {STEPS[i % 3]: f"value {i}" for i in range(n)}
    for step, text in last.items():
        assert nb.cell("actions", step).inner_text().strip() == text
    status = nb.page.locator(".jmw-root .jmw-sync-status")
    assert status.count() == 0 or not status.is_visible(), "the page still says it is catching up"


def test_a_burst_of_code_edits_reaches_the_page(burst_notebook: NotebookSession) -> None:
    nb, n = burst_notebook, 3000
    run_recorded(nb, BURST.format(steps=STEPS, n=n, extra=""))
    rev = kernel_revision(nb)
    assert rev == n
    waited = wait_converged(nb, rev)
    assert_last_values(nb, n)
    revs = nb.page.evaluate("() => window.__jmwBurst.revs")
    print(f"\nburst of {n}: the page showed {len(revs)} revisions; at {rev} {waited:.2f} s after the cell")


def test_a_long_loop_keeps_the_page_moving(burst_notebook: NotebookSession) -> None:
    """A loop of a few seconds above the rate limit: the page follows while the cell still runs."""
    nb, n = burst_notebook, 2000
    code = BURST.format(steps=STEPS, n=n, extra="time.sleep(0.001)\n    ")
    result = run_recorded(nb, code)
    rev = kernel_revision(nb)
    waited = wait_converged(nb, rev)
    assert_last_values(nb, n)
    revs = nb.page.evaluate("() => window.__jmwBurst.revs")
    done = result["done"]
    assert done > 1500, f"the loop took {done:.0f} ms, too short to show anything"
    times = [0.0, *(t for t, _r in revs if t < done), done]
    stall = max(b - a for a, b in itertools.pairwise(times))
    assert stall < 1000, f"while the {done:.0f} ms cell ran the page stood still for {stall:.0f} ms: {revs[:40]}"
    print(
        f"\nlong loop of {n} in {done:.0f} ms: {len(times) - 2} updates while it ran, longest pause "
        f"{stall:.0f} ms; at {rev} {waited:.2f} s after it"
    )


def test_a_page_that_missed_messages_catches_up_and_says_so(burst_notebook: NotebookSession) -> None:
    """Output floods IOPub first, so the server drops the map's messages too: the page must notice."""
    nb, n = burst_notebook, 3000
    flood = "for k in range(1000):\n    print(k, flush=True)\n"
    result = run_recorded(nb, flood + BURST.format(steps=STEPS, n=n, extra=""))
    assert "IOPub message rate exceeded" in result["output"]
    rev = kernel_revision(nb)
    assert rev == n
    waited = wait_converged(nb, rev)
    assert_last_values(nb, n)
    statuses = nb.page.evaluate("() => window.__jmwBurst.statuses")
    texts = [text for _t, text in statuses]
    assert "Catching up with the kernel…" in texts, f"the page never said it was behind: {statuses}"
    assert texts[-1] == "", f"the status stayed: {statuses}"
    print(f"\nflooded burst of {n} in {result['done']:.0f} ms: at {rev} {waited:.2f} s after it; status {statuses}")
