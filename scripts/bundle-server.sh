#!/usr/bin/env bash
# Copies the bnlint server and its pure-Python dependencies into bundled/libs, which the VS Code
# extension puts on PYTHONPATH (bnlint.importStrategy "useBundled"): a user needs only Python.
# bundled/libs-py39 holds the few packages whose releases in the main set need Python 3.10; the
# extension puts it before bundled/libs when the interpreter is Python 3.9.
set -euo pipefail
cd "$(dirname "$0")/.."
# any Python 3.11+ with pip (tomllib reads pyproject.toml below): the project's .venv when there is one
if [ -z "${PYTHON:-}" ]; then
    PYTHON=python3
    [ -x .venv/bin/python ] && PYTHON=.venv/bin/python
fi
main=bundled/libs
py39=bundled/libs-py39
# the Pythons each set is for: the main set for 3.10 and newer, the 3.9 set (over the main one) for 3.9
main_pythons=3.10,3.11,3.12,3.13,3.14

rm -rf bundled
mkdir -p "$main" "$py39"
# py3-none-any wheels only: some (tomli) also publish compiled wheels for the build machine's Python.
# --python-version also makes pip refuse a pin whose Requires-Python excludes that version.
install_set() { # target python-version requirements-file
    "$PYTHON" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --no-compile --target "$1" \
        --only-binary=:all: --platform any --implementation py --abi none --python-version "$2" -r "$3"
}
install_set "$main" 3.10 scripts/bundle-server.requirements.txt
install_set "$py39" 3.9 scripts/bundle-server.py39.requirements.txt

# Each set, as the extension puts it on PYTHONPATH, must satisfy pyproject.toml's requirements
# (markers aside: all are shipped), and every shipped package's own Requires-Python and
# Requires-Dist (markers evaluated for each Python the set is for, on Linux, Windows and macOS).
check_set() { # comma-separated-pythons path... (first on PYTHONPATH first)
    "$PYTHON" - "$@" <<'PY'
import re, sys, tomllib
from importlib.metadata import distributions
from pip._vendor.packaging.markers import Marker
from pip._vendor.packaging.requirements import Requirement
from pip._vendor.packaging.specifiers import SpecifierSet

pythons, paths = sys.argv[1].split(","), sys.argv[2:]
label = ":".join(paths)


def key(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def first_wins(search):
    found = {}  # as on sys.path: the first distribution of a name is the one imported
    for dist in distributions(path=search):
        found.setdefault(key(dist.metadata["Name"]), dist)
    return found


shipped = first_wins(paths)
problems = []


def check(req, where, env=None):
    if req.marker is not None and env is not None and not req.marker.evaluate(env):
        return
    dist = shipped.get(key(req.name))
    if dist is None:
        problems.append(f"{req.name} ({where}) is not shipped")
    elif not req.specifier.contains(dist.version, prereleases=True):
        problems.append(f"{req.name}=={dist.version} does not satisfy {where}'s '{req}'")


with open("pyproject.toml", "rb") as handle:
    for text in tomllib.load(handle)["project"]["dependencies"]:
        check(Requirement(text), "pyproject.toml")

platforms = [("linux", "Linux", "posix"), ("win32", "Windows", "nt"), ("darwin", "Darwin", "posix")]
for python in pythons:
    for sys_platform, system, os_name in platforms:
        env = {"python_version": python, "python_full_version": python + ".0", "sys_platform": sys_platform,
               "platform_system": system, "os_name": os_name, "extra": ""}
        for name, dist in shipped.items():
            requires_python = dist.metadata["Requires-Python"]
            if requires_python and not SpecifierSet(requires_python).contains(python + ".0", prereleases=True):
                problems.append(f"{name}=={dist.version} needs Python {requires_python}, not {python}")
            for text in dist.requires or []:
                check(Requirement(text), f"{name}=={dist.version}", env)

# A set placed over another lists only what differs from it.
if len(paths) > 1:
    below = first_wins(paths[1:])
    for name, dist in first_wins(paths[:1]).items():
        if name in below and below[name].version == dist.version:
            problems.append(f"{name}=={dist.version} is in {paths[0]} and, the same, in {paths[1]}: list it once")

if problems:
    sys.exit(f"bundle-server ({label}, for Python {', '.join(pythons)}): " + "; ".join(dict.fromkeys(problems)))
PY
}
check_set "$main_pythons" "$main"
check_set 3.9 "$py39" "$main"

# Native code would tie the extension to one platform.
if find bundled -name '*.so' -o -name '*.pyd' | grep -q .; then
    echo "bundle-server: a bundled package has native code; only pure-Python packages can be bundled" >&2
    exit 1
fi

# bnlint itself, with the rule pages that hovers show (bnlint.rules.rule_page reads _docs/rules).
cp -r server/bnlint "$main/bnlint"
mkdir -p "$main/bnlint/_docs"
cp -r docs/rules "$main/bnlint/_docs/rules"
find bundled -name '__pycache__' -type d -prune -exec rm -rf {} +

# Imports must work from the bundle alone: -S leaves the interpreter's site-packages out
# (and no __pycache__ is written into bundled/).
export PYTHONDONTWRITEBYTECODE=1
imports='import bnlint.analysis, bnlint.rules, pygls.lsp.server, astroid'
PYTHONPATH="$main" "$PYTHON" -S -c "$imports"
# The 3.9 set with a real Python 3.9 ($PYTHON39, else python3.9 on PATH, else pyenv's newest 3.9),
# which must also import each of its packages from bundled/libs-py39, not from bundled/libs.
is_py39() { "$1" -S -c 'import sys; sys.exit(sys.version_info[:2] != (3, 9))' 2>/dev/null; }
if [ -n "${PYTHON39:-}" ] && ! is_py39 "$PYTHON39"; then
    echo "bundle-server: PYTHON39=$PYTHON39 does not run as Python 3.9" >&2
    exit 1
elif [ -z "${PYTHON39:-}" ]; then
    PYTHON39=$(command -v python3.9 || true)
    for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.9*/bin/python; do
        [ -x "$candidate" ] && PYTHON39=$candidate
    done
fi
# (pyenv's shim on PATH fails when no 3.9 is installed, hence the probe before using it)
if [ -n "$PYTHON39" ] && is_py39 "$PYTHON39"; then
    PYTHONPATH="$py39:$main" "$PYTHON39" -S - "$py39" <<PY
$imports
import importlib, os, sys
from importlib.metadata import distributions

overlay = os.path.abspath(sys.argv[1])
for dist in distributions(path=[overlay]):
    tops = {str(f).split("/")[0] for f in dist.files or [] if str(f).endswith(".py")}
    for top in sorted(t[:-3] if t.endswith(".py") else t for t in tops):
        where = os.path.abspath(importlib.import_module(top).__file__)
        if not where.startswith(overlay + os.sep):
            sys.exit(f"bundle-server: on Python 3.9, {top} is imported from {where}, not from {overlay}")
PY
    echo "bundle-server: $py39 over $main imports with $PYTHON39 (Python 3.9)"
else
    echo "bundle-server: WARNING: no Python 3.9 found (set PYTHON39 to one): $py39 was not import-checked" >&2
fi
echo "bundle-server: $(find "$main" -name '*.py' | wc -l) Python files in $main, $(find "$py39" -name '*.py' | wc -l) in $py39"
