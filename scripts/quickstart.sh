#!/usr/bin/env bash
# Set up (see scripts/setup.sh), then open the quickstart notebook in JupyterLab on 127.0.0.1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
printf '\n==> JupyterLab on 127.0.0.1 (open the URL it prints; Ctrl+C to stop)\n'
args=(--ServerApp.ip=127.0.0.1)
[[ "$(id -u)" -eq 0 ]] && args+=(--allow-root)  # JupyterLab refuses root without it
exec .venv/bin/jupyter lab notebooks/quickstart.ipynb "${args[@]}" "$@"
