#!/usr/bin/env bash
# Installs what tests/integrations/test_jupyterlab.py drives into .venv: JupyterLab,
# jupyterlab-lsp and Playwright for Python (the project's `jupyter-test` extra; the browser is
# Debian's Chromium, installed by scripts/setup/vscode.sh). A separate extra: `pip install
# bnlint` and the `test` extra stay small. Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/../.."
if .venv/bin/python -c 'import jupyterlab, jupyter_lsp, playwright' 2>/dev/null; then
    exit 0
fi
echo "jupyter setup: installing JupyterLab, jupyterlab-lsp and Playwright into .venv (about 2 minutes)"
.venv/bin/python -m pip install --quiet -e ".[jupyter-test]"
