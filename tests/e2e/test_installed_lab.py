"""A map in JupyterLab from the installed wheel: the notebook's kernel runs on a clean venv.

JupyterLab runs from the development environment, but the notebook's kernel is the python of a
virtual environment holding only the built wheel, its dependencies and ipykernel, registered as
a kernelspec in a Jupyter data folder of this test's own. So jmwidget, its schema, its templates
and the static/widget.js the browser runs all come from what the wheel installed.

scripts/test.sh makes that environment (its "installed" step) and passes its python on as
JMW_INSTALLED_PYTHON; without it the fixture builds the wheel and the environment itself, once
per session, in a temporary folder. The test never skips.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from jmwidget import Journey

from . import servers
from .conftest import SCREENSHOTS

ROOT = Path(__file__).resolve().parents[2]
KERNEL = "jmw-installed"
NOTEBOOK = "installed_wheel.ipynb"
TEMPLATE = "onboarding"
MARK = "jmwidget.__file__:"
PYTHON = "sys.executable:"

RUN_ALL = "async () => { await window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }"
# A cell's traceback, as JupyterLab shows it.
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
RENDERED_OR_FAILED = f"""
() => document.querySelector('.jmw-root[data-rev]') || document.querySelector('{ERROR_OUTPUT}')
"""
STEP_HEADERS = """
() => [...document.querySelectorAll('.jmw-root [role=columnheader][data-step-id]')]
  .map((el) => [el.dataset.stepId, el.getAttribute('title') ?? '', el.textContent.trim()])
"""


def _run(command: list[str | Path], what: str, *, timeout: float = 600) -> str:
    """Run ``command`` without the checkout on PYTHONPATH; fail with its output if it fails."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"{what} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


@pytest.fixture(scope="session")
def installed_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a clean venv with the built wheel and ipykernel installed."""
    given = os.environ.get("JMW_INSTALLED_PYTHON")
    if given:
        python = Path(given)
        if not python.is_file():
            pytest.fail(f"JMW_INSTALLED_PYTHON={given} is not a file", pytrace=False)
        return python
    work = tmp_path_factory.mktemp("installed")
    dist = work / "dist"
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT], "building the wheel")
    (wheel,) = dist.glob("jmwidget-*.whl")
    _run([sys.executable, "-m", "venv", work / "venv"], "making a virtual environment")
    python = work / "venv" / "bin" / "python"
    ipykernel = f"ipykernel=={metadata.version('ipykernel')}"  # the development environment's
    pip: list[str | Path] = [python, "-m", "pip", "--disable-pip-version-check", "install", "--quiet", "--no-compile"]
    _run([*pip, wheel, ipykernel], "installing the wheel and ipykernel")
    return python


@pytest.fixture(scope="module")
def installed_lab(e2e_dir: Path, installed_python: Path) -> Iterator[tuple[servers.Server, Path]]:
    """JupyterLab (development environment) with the kernelspec KERNEL on ``installed_python``."""
    root = e2e_dir / "installed-notebooks"
    data = e2e_dir / "installed-jupyter-data"
    root.mkdir()
    spec = data / "kernels" / KERNEL
    spec.mkdir(parents=True)
    kernel = {
        "argv": [str(installed_python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python (installed jmwidget)",
        "language": "python",
    }
    (spec / "kernel.json").write_text(json.dumps(kernel, indent=1))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("JUPYTER_PATH", str(data))  # the kernelspec above, ahead of the others
        env.delenv("PYTHONPATH", raising=False)  # the kernel inherits the server's environment
        server = servers.start_lab(root, e2e_dir / "installed-lab-home")
    try:
        specs = json.loads(servers.http_get(server.url + "api/kernelspecs"))
        assert KERNEL in specs["kernelspecs"], f"JupyterLab does not list {KERNEL}: {sorted(specs['kernelspecs'])}"
        yield server, root
    finally:
        server.stop()


def _write_notebook(path: Path, cells: list[str]) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python (installed jmwidget)", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    nbformat.write(nb, str(path))


def _site_packages(python: Path) -> Path:
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    return Path(_run([python, "-c", code], "asking the installed python for its site-packages").strip()).resolve()


def test_a_map_from_the_installed_wheel_renders_in_jupyterlab(
    browser: Any, installed_lab: tuple[servers.Server, Path], installed_python: Path
) -> None:
    server, root = installed_lab
    _write_notebook(
        root / NOTEBOOK,
        [
            f"import sys\nimport jmwidget\nprint({MARK!r}, jmwidget.__file__)\nprint({PYTHON!r}, sys.executable)",
            f"from jmwidget import Journey, JourneyWidget\nJourneyWidget(Journey.from_template({TEMPLATE!r}))",
        ],
    )
    expected = {step.id: step.name for step in Journey.from_template(TEMPLATE).steps}
    site_packages = _site_packages(installed_python)

    context = servers.new_context(browser)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: messages.append(f"pageerror: {exc}"))
    try:
        try:
            servers.open_lab_notebook(page, server, NOTEBOOK, workspace="installed", run_all=False)
            page.evaluate(RUN_ALL)
            page.wait_for_function(RENDERED_OR_FAILED, timeout=servers.TIMEOUT * 1000)
        except Exception as exc:
            shown = "\n".join(messages[-20:]) or "(no console errors)"
            raise AssertionError(
                f"the map did not come up: {exc}\nbrowser messages:\n{shown}\nJupyterLab log:\n{server.log_tail()}"
            ) from exc
        errors = page.locator(ERROR_OUTPUT)
        if errors.count():
            pytest.fail(f"the notebook failed in the installed jmwidget:\n{errors.first.inner_text()[-3000:]}")

        headers = {step: (title, text) for step, title, text in page.evaluate(STEP_HEADERS)}
        assert list(headers) == list(expected), f"step columns {list(headers)}, expected {list(expected)}"
        for step, name in expected.items():
            title, text = headers[step]
            assert name in (title, text), f"step {step!r} shows {headers[step]}, expected {name!r}"
        assert page.locator(".jmw-root[data-rev]").count() == 1

        output = page.locator(".jp-OutputArea-output").filter(has_text=MARK)
        output.wait_for()
        printed = dict(line.split(" ", 1) for line in output.inner_text().strip().splitlines())
        imported = Path(printed[MARK].strip()).resolve()
        assert imported.is_relative_to(site_packages), f"the kernel imported {imported}, not from {site_packages}"
        assert Path(printed[PYTHON].strip()) == installed_python.absolute()
        assert not imported.is_relative_to(ROOT)
    finally:
        SCREENSHOTS.mkdir(exist_ok=True)
        with contextlib.suppress(Exception):  # a screenshot is a courtesy, never the failure
            page.screenshot(path=str(SCREENSHOTS / "test_installed_lab.png"), full_page=True)
        context.close()
        servers.shutdown_kernels(server)
