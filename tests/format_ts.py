"""Run js/src/model/format.ts in Node (bundled by esbuild), to compare Python's number labels with the widget's."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_format_ts(tmp_path: Path, names: list[str], expression: str, **data: Any) -> Any:
    """Import ``names`` from format.ts, bind each keyword as a JS constant, and return ``expression``'s JSON value."""
    esbuild = ROOT / "node_modules" / ".bin" / "esbuild"
    node = shutil.which("node")
    if node is None or not esbuild.exists():
        pytest.skip("node and the npm dev dependencies (npm ci) are needed to run js/src/model/format.ts")
    bundle = tmp_path / "format.mjs"
    subprocess.run(
        [str(esbuild), str(ROOT / "js/src/model/format.ts"), "--bundle", "--format=esm", f"--outfile={bundle}"],
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
