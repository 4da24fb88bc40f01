#!/usr/bin/env bash
# Everything CI runs, stopping at the first failure:
# setup, JS checks and unit tests, ruff, mypy, wheel check, then pytest (model, widget and browser
# tests) last, so that pytest's summary is the closing line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n==> %s\n' "$*"; }

bash scripts/setup.sh

step "npm run check:types (js/src/model/schema.ts matches the JSON Schema)"
npm run check:types
step "npm run typecheck"
npm run typecheck
step "npm run lint"
npm run lint
step "npm test (JS unit tests)"
npm test

step "ruff check ."
.venv/bin/ruff check .
step "ruff format --check ."
.venv/bin/ruff format --check .
step "mypy"
.venv/bin/mypy

step "wheel: build, install into a temporary target, check static/widget.js is inside"
wheel_tmp="$(mktemp -d)"
trap 'rm -rf "$wheel_tmp"' EXIT
.venv/bin/python -m build --wheel --outdir "$wheel_tmp/dist" .
wheel="$(ls "$wheel_tmp"/dist/jmwidget-*.whl)"
.venv/bin/python -m pip install --disable-pip-version-check --quiet --no-deps --target "$wheel_tmp/site" "$wheel"
# PYTHONPATH puts the installed wheel ahead of the editable install; dependencies come from .venv.
PYTHONPATH="$wheel_tmp/site" .venv/bin/python - "$wheel_tmp/site" <<'PY'
import pathlib
import sys

import jmwidget
import jmwidget.widget

site = pathlib.Path(sys.argv[1]).resolve()
package = pathlib.Path(jmwidget.__file__).resolve().parent
assert package.is_relative_to(site), f"imported {package}, not the wheel in {site}"
js = package / "static" / "widget.js"
assert js.is_file() and js.stat().st_size > 0, f"{js} missing or empty in the wheel"
assert jmwidget.widget.JourneyWidget._esm, "JourneyWidget has no front end"
print(f"wheel OK: jmwidget {jmwidget.__version__}, {js.relative_to(site)} ({js.stat().st_size} bytes)")
PY

step "pytest (model, widget, notebooks and browser end-to-end tests in Chromium)"
# The browser tests fail (never skip) when Chromium is missing.
.venv/bin/pytest -p no:cacheprovider
