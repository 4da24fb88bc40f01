#!/usr/bin/env bash
# Set up a development machine (or CI) for jmwidget. Safe to run again: each step is skipped
# when its result is already there and up to date.
#
#   1. Debian's Chromium at /usr/bin/chromium (for the browser tests), if missing
#   2. a Java runtime (Debian's openjdk-17-jre-headless) for PySpark's tests, if `java` is missing
#   3. .venv (python3 -m venv), if missing
#   4. npm ci (when package-lock.json changed since the last install) and npm run build
#   5. .venv/bin/pip install -e ".[test]" (when pyproject.toml changed since the last install)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '\n==> %s\n' "$*"; }

# A content hash, used to skip installs whose inputs did not change.
stamp_of() { sha256sum "$@" | sha256sum | cut -d' ' -f1; }

# Debian packages are installed as root, or through sudo; `apt-get update` runs once, on first need.
apt_updated=""
apt_install() {
    local runner=()
    if [[ "$(id -u)" -ne 0 ]]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "error: Debian's $* is missing and this user cannot install it (not root, no sudo)." >&2
            echo "       Install it (apt-get install -y $*) and run again." >&2
            exit 1
        fi
        runner=(sudo)
    fi
    if [[ -z "$apt_updated" ]]; then
        "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
        apt_updated=1
    fi
    "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# ------------------------------------------------------------------ Chromium
if [[ -x /usr/bin/chromium ]]; then
    say "Chromium: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium) (already installed)"
else
    say "Chromium: installing Debian's chromium (apt-get update && apt-get install -y chromium)"
    apt_install chromium
    /usr/bin/chromium --version
fi

# ------------------------------------------------------------------ Java (PySpark runs on it in the tests)
if command -v java >/dev/null 2>&1; then
    say "Java: $(java -version 2>&1 | head -n 1) (already installed)"
else
    say "Java: installing Debian's openjdk-17-jre-headless (for PySpark)"
    apt_install openjdk-17-jre-headless
    java -version
fi

# ------------------------------------------------------------------ Python venv
PYTHON="${PYTHON:-python3}"
if [[ -x .venv/bin/python ]]; then
    say "Python: .venv exists ($(.venv/bin/python --version))"
else
    say "Python: creating .venv with $PYTHON ($("$PYTHON" --version))"
    "$PYTHON" -m venv .venv
fi

# ------------------------------------------------------------------ front end
npm_stamp="$(stamp_of package.json package-lock.json)"
if [[ -f node_modules/.jmw-setup-stamp && "$(cat node_modules/.jmw-setup-stamp)" == "$npm_stamp" ]]; then
    say "npm: node_modules matches package-lock.json (skipping npm ci)"
else
    say "npm: npm ci"
    npm_log="$(mktemp)"
    if npm ci --no-audit --no-fund >"$npm_log" 2>&1; then
        cat "$npm_log"
    else
        # The registry reachable here serves only linux-x64 builds of platform packages
        # (esbuild, biome, rollup), so package-lock.json lacks the other platforms' optional
        # entries and npm 11's `npm ci` calls it out of sync. `npm install --no-save` installs
        # the same locked versions without rewriting package-lock.json.
        grep -m3 -E "npm error (code|.npm ci.)" "$npm_log" || tail -n 5 "$npm_log"
        say "npm: npm ci refused the lock file; installing the locked versions with npm install --no-save"
        npm install --no-save --no-audit --no-fund
    fi
    rm -f "$npm_log"
    echo "$npm_stamp" > node_modules/.jmw-setup-stamp
fi
say "npm: npm run build (js/src -> src/jmwidget/static/widget.js)"
npm run build

# ------------------------------------------------------------------ Python package
pip_stamp="$(stamp_of pyproject.toml)"
if [[ -f .venv/.jmw-setup-stamp && "$(cat .venv/.jmw-setup-stamp)" == "$pip_stamp" ]] \
    && .venv/bin/python -c "import jmwidget" 2>/dev/null; then
    say "pip: .venv has jmwidget[test] for this pyproject.toml (skipping pip install)"
else
    say "pip: .venv/bin/pip install -e \".[test]\""
    # The front end was just built above: tell pyproject's hatch-jupyter-builder hook not to
    # run npm install + npm run build a second time for the editable install.
    SKIP_JUPYTER_BUILDER=1 .venv/bin/python -m pip install --disable-pip-version-check -e ".[test]"
    echo "$pip_stamp" > .venv/.jmw-setup-stamp
fi

say "setup done"
