#!/usr/bin/env bash
# Smoke tests of an installed jmwidget (tests/installed/test_smoke.py) in a clean virtual
# environment, run from a folder outside the checkout, so that jmwidget, its schema, templates and
# static bundle can only come from what pip installed:
#
#   1. python -m venv WORK/venv; pip install <checkout> (a normal, non-editable install), with
#      pytest and ipykernel at the versions pinned in pyproject's test extra; the smoke suite
#   2. pip install --force-reinstall --no-deps WHEEL; the smoke suite again
#
#   usage: bash scripts/test_installed.sh WHEEL WORK
#
# Dependencies come from the package index (through pip's cache); JupyterLab is not installed.
# WORK/venv is left in place for tests/e2e/test_installed_lab.py: scripts/test.sh passes its
# python on as JMW_INSTALLED_PYTHON. Uses .venv's python (scripts/setup.sh) to make the venv.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
unset PYTHONPATH  # nothing from the checkout on the path

if [[ $# -ne 2 ]]; then
    echo "usage: bash scripts/test_installed.sh WHEEL WORK" >&2
    exit 2
fi
checkout="$PWD"
wheel="$(realpath "$1")"
mkdir -p "$2"
work="$(realpath "$2")"
case "$work/" in
    "$checkout"/*) echo "error: $work is inside the checkout; use a folder outside it" >&2; exit 2 ;;
esac
venv="$work/venv"
# --no-compile halves the install time; Python compiles what the tests import as they import it.
pip_install=("$venv/bin/python" -m pip --disable-pip-version-check install --quiet --no-compile)

# pytest and ipykernel at the versions pyproject's test extra pins for the development venv.
read -r -a pins <<<"$(.venv/bin/python - <<'PY'
import re
import tomllib

with open("pyproject.toml", "rb") as f:
    test = tomllib.load(f)["project"]["optional-dependencies"]["test"]
print(" ".join(r for r in test if re.match(r"(pytest|ipykernel)==", r)))
PY
)"

smoke() {
    local what="$1" where="$work/smoke"
    rm -rf "$where"
    mkdir -p "$where"
    cp tests/installed/test_smoke.py "$where/"
    # Its own rootdir and settings: nothing from the checkout's pyproject or conftest files.
    printf '[pytest]\naddopts = --strict-markers -ra\nfilterwarnings =\n    error::DeprecationWarning:jmwidget\n' \
        >"$where/pytest.ini"
    echo "smoke tests after $what (in $where)"
    (cd "$where" && "$venv/bin/python" -m pytest -p no:cacheprovider -q test_smoke.py)
}

start=$SECONDS
rm -rf "$venv"
.venv/bin/python -m venv "$venv"
echo "pip install $checkout ${pins[*]} (into $venv)"
"${pip_install[@]}" "$checkout" "${pins[@]}"
echo "installed in $((SECONDS - start)) s"
smoke "pip install <checkout>"

start=$SECONDS
echo "pip install --force-reinstall --no-deps $(basename "$wheel")"
"${pip_install[@]}" --force-reinstall --no-deps "$wheel"
smoke "installing the wheel"
echo "wheel reinstalled and tested in $((SECONDS - start)) s"
