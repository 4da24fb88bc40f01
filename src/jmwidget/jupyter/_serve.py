"""``jmwidget serve map.json``: a map as a web app on Voila, for people who never see code.

The command writes a one-cell notebook that opens the map file and shows the dashboard (the
map with its charts beside it), and runs Voila on it. Edits in the app are saved to the file
(autosave) unless ``--readonly`` or ``--no-autosave`` is given.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

APP_NOTEBOOK = "jmwidget-app.ipynb"


def app_source(path: Path, *, readonly: bool, autosave: bool) -> str:
    """The code of the app's one cell."""
    return "\n".join(
        [
            "from jmwidget import Journey",
            "from jmwidget.jupyter import Dashboard",
            "",
            f"journey = Journey.load({str(path)!r})",
            "Dashboard(",
            "    journey,",
            '    layout="side",',
            f"    readonly={readonly!r},",
            f"    path={str(path)!r} if {autosave and not readonly!r} else None,",
            ")",
        ]
    )


def write_app(path: Path, folder: Path, *, readonly: bool, autosave: bool) -> Path:
    """Write the app notebook for the map at ``path`` into ``folder``; return its path."""
    source = app_source(path, readonly=readonly, autosave=autosave)
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [
            {
                "cell_type": "code",
                "id": "jmwidget-app",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": source.splitlines(keepends=True),
            }
        ],
    }
    target = folder / APP_NOTEBOOK
    target.write_text(json.dumps(notebook, indent=1) + "\n", encoding="utf-8")
    return target


def voila_command(notebook: Path, *, port: int, host: str, open_browser: bool, theme: str) -> list[str]:
    """The Voila command line that serves ``notebook``."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        f"--port={port}",
        f"--Voila.ip={host}",
        f"--theme={theme}",
        "--strip_sources=True",
        *([] if open_browser else ["--no-browser"]),
    ]


def _check_map(path: Path) -> None:
    from ..model import Journey

    Journey.load(path)  # a clear error now beats a traceback inside the app


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``jmwidget`` command."""
    parser = argparse.ArgumentParser(prog="jmwidget", description="jmwidget command line")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run a map as a web app on Voila")
    serve.add_argument("map", type=Path, help="the map file (.json, as written by journey.save)")
    serve.add_argument("--readonly", action="store_true", help="show the map without editing controls")
    serve.add_argument("--no-autosave", action="store_true", help="do not write edits back to the file")
    serve.add_argument("--port", type=int, default=8866, help="port to listen on (default 8866)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--theme", choices=["light", "dark"], default="light", help="Voila theme")
    serve.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    args = parser.parse_args(argv)

    path = args.map.expanduser().resolve()
    try:
        _check_map(path)
    except (OSError, ValueError) as exc:
        print(f"jmwidget serve: {exc}", file=sys.stderr)
        return 2
    if not _has_voila():
        print("jmwidget serve: Voila is not installed; pip install 'jmwidget[serve]'", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="jmwidget-serve-") as folder:
        notebook = write_app(path, Path(folder), readonly=args.readonly, autosave=not args.no_autosave)
        command = voila_command(
            notebook, port=args.port, host=args.host, open_browser=not args.no_browser, theme=args.theme
        )
        mode = "read-only" if args.readonly else "editable" if args.no_autosave else "editable, saving to the file"
        print(f"jmwidget serve: {path.name} ({mode}) on http://{args.host}:{args.port}/", flush=True)
        try:
            return subprocess.call(command)
        except KeyboardInterrupt:
            return 0


def _has_voila() -> bool:
    import importlib.util

    return importlib.util.find_spec("voila") is not None


if __name__ == "__main__":
    raise SystemExit(main())
