"""Run a js/src module in Node (bundled by esbuild), so Python and the widget can be compared on the same inputs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_ts(tmp_path: Path, module: str, names: list[str], expression: str, **data: Any) -> Any:
    """Import ``names`` from ``js/src/<module>``, bind each keyword as a JS constant, and return
    ``expression``'s JSON value."""
    esbuild = ROOT / "node_modules" / ".bin" / "esbuild"
    node = shutil.which("node")
    if node is None or not esbuild.exists():
        pytest.fail("node and the npm dev dependencies (scripts/setup.sh) are needed to run js/src modules")
    bundle = tmp_path / (Path(module).stem + ".mjs")
    subprocess.run(
        [str(esbuild), str(ROOT / "js" / "src" / module), "--bundle", "--format=esm", f"--outfile={bundle}"],
        check=True,
        capture_output=True,
    )
    constants = "".join(f"const {name} = {json.dumps(value)};" for name, value in data.items())
    script = (
        f"import {{ {', '.join(names)} }} from {json.dumps(bundle.as_uri())};"
        f"{constants}console.log(JSON.stringify({expression}));"
    )
    result = subprocess.run([node, "--input-type=module", "-e", script], check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def run_format_ts(tmp_path: Path, names: list[str], expression: str, **data: Any) -> Any:
    """:func:`run_ts` on ``model/format.ts``, the twin of ``jmwidget.model.formatting``."""
    return run_ts(tmp_path, "model/format.ts", names, expression, **data)
