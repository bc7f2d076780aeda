#!/usr/bin/env bash
# Copies the bnlint server and its pure-Python dependencies into bundled/libs, which the VS Code
# extension puts on PYTHONPATH (bnlint.importStrategy "useBundled"): a user needs only Python.
set -euo pipefail
cd "$(dirname "$0")/.."
# any Python 3.11+ with pip (tomllib reads pyproject.toml below): the project's .venv when there is one
if [ -z "${PYTHON:-}" ]; then
    PYTHON=python3
    [ -x .venv/bin/python ] && PYTHON=.venv/bin/python
fi
target=bundled/libs

rm -rf bundled
mkdir -p "$target"
# py3-none-any wheels only: some (tomli) also publish compiled wheels for the build machine's Python
"$PYTHON" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --no-compile --target "$target" \
    --only-binary=:all: --platform any --implementation py --abi none --python-version 3.10 \
    -r scripts/bundle-server.requirements.txt

# The pinned set must satisfy pyproject.toml's own requirements (markers aside: all are shipped).
"$PYTHON" - "$target" <<'PY'
import sys, tomllib
from importlib.metadata import distributions
from pip._vendor.packaging.requirements import Requirement

with open("pyproject.toml", "rb") as handle:
    wanted = [Requirement(text) for text in tomllib.load(handle)["project"]["dependencies"]]
shipped = {d.metadata["Name"].lower().replace("_", "-"): d.version for d in distributions(path=[sys.argv[1]])}
problems = []
for req in wanted:
    version = shipped.get(req.name.lower().replace("_", "-"))
    if version is None:
        problems.append(f"{req.name} is not in scripts/bundle-server.requirements.txt")
    elif not req.specifier.contains(version, prereleases=True):
        problems.append(f"{req.name}=={version} does not satisfy pyproject.toml's '{req}'")
if problems:
    sys.exit("bundle-server: " + "; ".join(problems))
PY

# Native code would tie the extension to one platform.
if find "$target" -name '*.so' -o -name '*.pyd' | grep -q .; then
    echo "bundle-server: a bundled package has native code; only pure-Python packages can be bundled" >&2
    exit 1
fi

# bnlint itself, with the rule pages that hovers show (bnlint.rules.rule_page reads _docs/rules).
cp -r server/bnlint "$target/bnlint"
mkdir -p "$target/bnlint/_docs"
cp -r docs/rules "$target/bnlint/_docs/rules"
find "$target" -name '__pycache__' -type d -prune -exec rm -rf {} +

# Imports must work from the bundle alone: -S leaves the build machine's site-packages out.
PYTHONPATH="$target" "$PYTHON" -S -c 'import bnlint.analysis, bnlint.rules, pygls.lsp.server, astroid'
echo "bundle-server: $(find "$target" -name '*.py' | wc -l) Python files in $target"
