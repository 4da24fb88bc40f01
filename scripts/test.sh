#!/usr/bin/env bash
# Everything CI runs, stopping at the first failure:
# setup, JS checks and unit tests, ruff, mypy, sdist and wheel check, smoke tests of the installed
# package, then pytest (model, widget and browser tests) last, so that pytest's summary is the
# closing line.
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
step "lint-imports (the layers contract in pyproject.toml)"
.venv/bin/lint-imports

step "wheel: build the sdist, then the wheel from it; both must hold every package file"
dist_tmp="$(mktemp -d)"
trap 'rm -rf "$dist_tmp"' EXIT
# Without options, build makes the sdist and then the wheel from the unpacked sdist (no npm there:
# the sdist carries the built static/ bundle), so a complete wheel shows the sdist is complete.
.venv/bin/python -m build --outdir "$dist_tmp/dist" .
.venv/bin/python scripts/check_dist.py "$dist_tmp/dist"

step "installed: smoke tests in a clean venv, outside the checkout (pip install ., then the wheel)"
bash scripts/test_installed.sh "$(ls "$dist_tmp"/dist/jmwidget-*.whl)" "$dist_tmp/installed"
# tests/e2e/test_installed_lab.py runs a notebook kernel on that venv (with the wheel installed).
export JMW_INSTALLED_PYTHON="$dist_tmp/installed/venv/bin/python"

step "pytest (model, widget, notebooks and browser end-to-end tests in Chromium)"
# The browser tests fail (never skip) when Chromium is missing.
.venv/bin/pytest -p no:cacheprovider
