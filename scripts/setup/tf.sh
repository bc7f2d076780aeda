#!/usr/bin/env bash
# Makes .venv-tf: real TensorFlow (CPU) for the oracle tests in tests/oracle/, which run each
# rule's bad program and its bnlint-fixed program. bnlint itself never imports TensorFlow, so
# this is a venv of its own, not the product's .venv.
# Idempotent: does nothing (and touches no network) when the venv already holds these versions.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The newest TensorFlow that installs for this Python, up to the one the rule pages were
# verified against; tf-slim's last release; legacy Keras, which tf.compat.v1.layers needs on
# TF >= 2.16.
tf_cap=2.21.0
slim_version=1.1.0
venv=.venv-tf
python=$venv/bin/python

installed() {
    [ -x "$python" ] && "$python" - "$@" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version

tf = version("tensorflow-cpu")
major_minor = ".".join(tf.split(".")[:2])
assert version("tf-slim") == sys.argv[1]
assert ".".join(version("tf-keras").split(".")[:2]) == major_minor
for name in ("pytest", "pytest-asyncio", "bnlint"):
    version(name)
PY
}

installed "$slim_version" && exit 0
echo "tf.sh: installing TensorFlow into $venv" >&2
[ -x "$python" ] || python3 -m venv "$venv"
pip=("$python" -m pip install --quiet --disable-pip-version-check)
# pytest-asyncio only because pyproject.toml's pytest section names its options
"${pip[@]}" "tensorflow-cpu<=$tf_cap" "tf-slim==$slim_version" "pytest>=8" "pytest-asyncio>=0.23"
tf_version=$("$python" -c 'from importlib.metadata import version; print(version("tensorflow-cpu"))')
# tf-keras declares a dependency on the full `tensorflow` wheel (GPU, ~570 MB); tensorflow-cpu
# provides the same modules, so it goes in without its dependencies.
"${pip[@]}" --no-deps "tf-keras~=${tf_version%.*}.0"
# bnlint itself (editable, with astroid): the oracle applies fixes through the core
"${pip[@]}" -e .
installed "$slim_version"
