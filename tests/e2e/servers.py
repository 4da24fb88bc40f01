"""JupyterLab, Voila, marimo and Chromium for the end-to-end tests and the benchmark.

Everything binds 127.0.0.1 on a free port, uses throw-away Jupyter config/settings/runtime
directories, and is stopped (the whole process group) by the code that started it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("JMW_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT = 60.0  # seconds: the bound of every wait in the browser tests

# JupyterLab settings for every test server: no news or update toasts, every notebook cell
# rendered (no windowing), no autosave of the test notebooks.
LAB_SETTING_OVERRIDES: dict[str, Any] = {
    "@jupyterlab/apputils-extension:notification": {
        "checkForUpdates": False,
        "fetchNews": "false",
        "doNotDisturbMode": True,
    },
    "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Light"},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}


def chromium_missing_message() -> str:
    return (
        f"Chromium is not at {CHROMIUM}: the browser tests need Debian's chromium package. "
        "Run `bash scripts/setup.sh` (it runs apt-get install -y chromium), or set JMW_CHROMIUM."
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(predicate: Callable[[], Any], what: str, timeout: float = TIMEOUT, interval: float = 0.05) -> Any:
    """Poll ``predicate`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while True:
        try:
            value = predicate()
        except (OSError, ValueError) as exc:  # a file half-written, a server not up yet
            value, last_error = None, exc
        if value:
            return value
        if time.monotonic() > deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}{detail}")
        time.sleep(interval)


def http_get(url: str, timeout: float = 5.0) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        body: bytes = response.read()
        return body


def http_request(url: str, method: str, timeout: float = 10.0) -> None:
    request = urllib.request.Request(url, method=method)
    with urllib.request.urlopen(request, timeout=timeout):
        pass


def jupyter_env(home: Path) -> dict[str, str]:
    """Environment for a Jupyter server whose config, settings and runtime live under ``home``."""
    config = home / "config"
    (config / "labconfig").mkdir(parents=True, exist_ok=True)
    (config / "labconfig" / "default_setting_overrides.json").write_text(json.dumps(LAB_SETTING_OVERRIDES, indent=2))
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTERLAB_SETTINGS_DIR=str(home / "lab-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "lab-workspaces"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        IPYTHONDIR=str(home / "ipython"),
        JUPYTER_PLATFORM_DIRS="1",
        PYTHONUNBUFFERED="1",
    )
    env.pop("JUPYTER_TOKEN", None)
    return env


@dataclass
class Server:
    """A running Jupyter server (JupyterLab or Voila)."""

    name: str
    url: str  # base URL ending in "/"
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        stop_process_group(self.process)


def stop_process_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group (server and kernels), then SIGKILL what is left after 10 s."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    # kernels started by the server are in the same group; make sure none outlives it
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def _start(
    name: str, args: list[str], url: str, probe: str, env: dict[str, str], log_path: Path, cwd: Path | None = None
) -> Server:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb")
    process = subprocess.Popen(
        args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=cwd, start_new_session=True
    )
    log.close()
    server = Server(name, url, process, log_path)

    def answers() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{server.log_tail()}")
        try:
            http_get(url + probe, timeout=2)
        except (urllib.error.URLError, OSError):
            return False
        return True

    try:
        wait_for(answers, f"{name} to answer at {url}", timeout=90, interval=0.2)
    except BaseException:
        server.stop()
        raise
    return server


def start_lab(root_dir: Path, home: Path, *, iopub_msg_rate_limit: float | None = None) -> Server:
    """JupyterLab serving ``root_dir``, with ``window.jupyterapp`` exposed for the tests.

    ``iopub_msg_rate_limit`` lowers the server's IOPub message rate limit (messages per second over
    its 3 s window; 1000 by default), above which the server drops kernel messages.
    """
    port = free_port()
    args = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--ServerApp.allow_root=True",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.expose_app_in_browser=True",
    ]
    if iopub_msg_rate_limit is not None:
        args.append(f"--ZMQChannelsWebsocketConnection.iopub_msg_rate_limit={iopub_msg_rate_limit}")
    url = f"http://127.0.0.1:{port}/"
    return _start("JupyterLab", args, url, "api/status", jupyter_env(home), home / "jupyterlab.log")


def start_notebook7(root_dir: Path, home: Path) -> Server:
    """Jupyter Notebook 7 serving ``root_dir``, with ``window.jupyterapp`` exposed for the tests."""
    port = free_port()
    args = [
        sys.executable,
        "-m",
        "jupyter",
        "notebook",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--ServerApp.allow_root=True",
        f"--ServerApp.root_dir={root_dir}",
        "--JupyterNotebookApp.expose_app_in_browser=True",
    ]
    url = f"http://127.0.0.1:{port}/"
    return _start("Notebook 7", args, url, "api/status", jupyter_env(home), home / "notebook7.log")


def start_voila(root_dir: Path, home: Path, *, theme: str = "light") -> Server:
    """Voila in tree mode over ``root_dir``: notebooks are at ``voila/render/<name>``."""
    port = free_port()
    args = [
        sys.executable,
        "-m",
        "voila",
        str(root_dir),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--Voila.port_retries=0",
        "--show_tracebacks=True",
        f"--theme={theme}",
    ]
    url = f"http://127.0.0.1:{port}/"
    return _start("Voila", args, url, "", jupyter_env(home), home / "voila.log")


def start_marimo(notebook: Path, home: Path, *, theme: str = "light") -> Server:
    """``marimo run`` serving the app ``notebook`` (each page gets its own kernel) in ``theme``.

    marimo reads its user config from a ``.marimo.toml`` in the directory it starts in (or above);
    the server starts in ``home`` with one there, and its config, state and cache folders in ``home``.
    """
    port = free_port()
    home.mkdir(parents=True, exist_ok=True)
    (home / ".marimo.toml").write_text(f'[display]\ntheme = "{theme}"\n')
    env = dict(os.environ)
    env.update(
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        MARIMO_SKIP_UPDATE_CHECK="1",
        PYTHONUNBUFFERED="1",
    )
    args = [
        sys.executable,
        "-m",
        "marimo",
        "run",
        str(notebook),
        "--headless",
        "--no-token",
        "--host=127.0.0.1",
        f"--port={port}",
    ]
    url = f"http://127.0.0.1:{port}/"
    log_path = home / "marimo.log"
    return _start("marimo", args, url, "health", env, log_path, cwd=home)


def shutdown_kernels(server: Server) -> None:
    """Shut down every session and kernel of a JupyterLab server (between tests)."""
    try:
        sessions = json.loads(http_get(server.url + "api/sessions"))
        for session in sessions:
            http_request(server.url + f"api/sessions/{session['id']}", "DELETE")
        for kernel in json.loads(http_get(server.url + "api/kernels")):
            http_request(server.url + f"api/kernels/{kernel['id']}", "DELETE")
    except (urllib.error.URLError, OSError, ValueError):
        pass  # the server is going away anyway


@contextlib.contextmanager
def chromium(playwright: Any) -> Iterator[Any]:
    """Debian's Chromium under Playwright, with the flags this machine needs."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(chromium_missing_message())
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        yield browser
    finally:
        browser.close()


def new_context(browser: Any, **options: Any) -> Any:
    """A browser context that may reach 127.0.0.1 only (Voila asks a CDN for Font Awesome)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, **options)
    context.set_default_timeout(TIMEOUT * 1000)
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]|data:|blob:)"), lambda route: route.abort())
    return context


# ---------------------------------------------------------------------- notebooks


def write_notebook(path: Path, cells: list[str]) -> Path:
    """Write a notebook of code cells with a python3 kernelspec (so JupyterLab asks nothing)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    nbformat.write(nb, str(path))
    return path


def state_cell(map_path: Path, state_path: Path, *, extra: str = "") -> str:
    """Notebook code: load the map, write the Python state to ``state_path`` after every change."""
    return f"""\
import json, pathlib, time
from jmwidget import Journey, JourneyWidget

STATE = pathlib.Path({str(state_path)!r})
journey = Journey.from_json(pathlib.Path({str(map_path)!r}).read_text())

def dump_state(change=None):
    data = {{"rev": journey.revision, "time": time.time(), "doc": journey.to_dict(),
             "origin": getattr(change, "origin", None), "can_undo": journey.can_undo}}
    try:
        data["tidy"] = json.loads(journey.to_pandas().to_json(orient="records"))
    except Exception as exc:  # the pandas adapter is optional for the state file
        data["tidy_error"] = repr(exc)
    tmp = STATE.with_name(STATE.name + ".tmp")
    tmp.write_text(json.dumps(data))
    tmp.replace(STATE)

journey.observe(dump_state)
dump_state()
widget = JourneyWidget(journey)
{extra}"""


# ---------------------------------------------------------------------- JupyterLab pages

_OPEN_JS = """
async () => {
  const app = window.jupyterapp;
  const nb = app.shell.currentWidget;
  if (!nb || !nb.sessionContext) return false;
  await nb.context.ready;
  await nb.sessionContext.ready;
  const kernel = nb.sessionContext.session && nb.sessionContext.session.kernel;
  if (!kernel) return false;
  return kernel.id;
}
"""

_RUN_ALL_JS = """
async () => {
  await window.jupyterapp.commands.execute('notebook:run-all-cells');
  return true;
}
"""

# Run code in the notebook's kernel (as a cell would) and report errors; comm messages the
# code causes reach the widgets like any cell's.
_EXECUTE_JS = """
async (code) => {
  const nb = window.jupyterapp.shell.currentWidget;
  const kernel = nb.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, store_history: false, stop_on_error: true});
  const errors = [];
  const output = [];
  future.onIOPub = (msg) => {
    const t = msg.header.msg_type;
    if (t === 'error') {
      errors.push(`${msg.content.ename}: ${msg.content.evalue}\\n${msg.content.traceback.join('\\n')}`);
    }
    if (t === 'stream') output.push(msg.content.text);
  };
  const reply = await future.done;
  return {status: reply.content.status, errors, output: output.join('')};
}
"""


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def open_lab_notebook(
    page: Any, server: Server, name: str, *, workspace: str, displays: int = 1, run_all: bool = True
) -> None:
    """Open ``name`` in JupyterLab, run all cells, wait until ``displays`` widgets rendered."""
    page.goto(f"{server.url}lab/workspaces/{workspace}/tree/{name}", timeout=TIMEOUT * 1000)
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget && "
        "window.jupyterapp.shell.currentWidget.sessionContext",
        timeout=TIMEOUT * 1000,
    )
    deadline = time.monotonic() + TIMEOUT
    while not page.evaluate(_OPEN_JS):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the kernel of {name} did not start:\n{server.log_tail()}")
        page.wait_for_timeout(200)
    if run_all:
        page.evaluate(_RUN_ALL_JS)
        wait_for_widgets(page, displays)


def wait_for_widgets(page: Any, displays: int = 1) -> None:
    """Wait until ``displays`` widget roots show a revision."""
    page.wait_for_function(
        "(n) => document.querySelectorAll('.jmw-root[data-rev]').length >= n",
        arg=displays,
        timeout=TIMEOUT * 1000,
    )


def run_in_kernel(page: Any, code: str) -> str:
    """Execute ``code`` in the open notebook's kernel; raise with the traceback on error."""
    result = page.evaluate(_EXECUTE_JS, code)
    if result["status"] != "ok" or result["errors"]:
        raise AssertionError(f"kernel code failed:\n{code}\n{_strip_ansi(chr(10).join(result['errors']))}")
    output: str = result["output"]
    return output


def wait_rev(page: Any, rev: int, *, count: int = 1) -> None:
    """Wait until ``count`` widget roots show revision ``rev``."""
    page.wait_for_function(
        '([rev, n]) => document.querySelectorAll(`.jmw-root[data-rev="${rev}"]`).length >= n',
        arg=[rev, count],
        timeout=TIMEOUT * 1000,
    )


def read_state(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def wait_state(path: Path, predicate: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
    """Poll the notebook's state file until ``predicate(state)`` holds (bounded)."""
    holder: dict[str, Any] = {}

    def check() -> bool:
        holder["state"] = read_state(path)
        return bool(predicate(holder["state"]))

    try:
        wait_for(check, what)
    except TimeoutError as exc:
        last = holder.get("state")
        brief = {k: v for k, v in last.items() if k != "doc"} if last else None
        raise AssertionError(f"{exc}; last Python state: rev={brief and brief.get('rev')}, {brief}") from None
    state: dict[str, Any] = holder["state"]
    return state
