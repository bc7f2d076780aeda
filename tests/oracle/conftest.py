"""The oracle tests run real TensorFlow and only in .venv-tf (scripts/setup/tf.sh), as their
own pytest run (scripts/test). Anywhere TensorFlow is not installed, such as the product's
.venv, this folder is not collected at all."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

if importlib.util.find_spec("tensorflow") is None:
    collect_ignore_glob = ["*.py"]
else:

    def pytest_sessionfinish(session):
        from oracle_harness import KERAS_VERSION, RESULTS, SLIM_VERSION, TF_VERSION

        if not RESULTS:
            return
        out = Path(__file__).resolve().parents[2] / "test-results" / "oracle.json"
        out.parent.mkdir(exist_ok=True)
        versions = {"tensorflow": TF_VERSION, "tf-slim": SLIM_VERSION, "tf-keras": KERAS_VERSION}
        out.write_text(json.dumps({"versions": versions, "results": RESULTS}, indent=1) + "\n", encoding="utf-8")

    def pytest_collection_modifyitems(items):
        # TensorFlow's own deprecation notices (tf.layers, tf.compat.v1 APIs) are the point of
        # running TF1 code, not news: keep the run's output to the results
        for item in items:
            item.add_marker(pytest.mark.filterwarnings("ignore::DeprecationWarning"))
            item.add_marker(pytest.mark.filterwarnings("ignore::FutureWarning"))
            item.add_marker(pytest.mark.filterwarnings("ignore:.*deprecated:UserWarning"))
