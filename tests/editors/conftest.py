"""Fixtures for tests/editors/: the editors, a project with a finding, and an editor runner."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Sequence

import pytest

from editor_harness import (
    RUN_TIMEOUT,
    SNIPPETS,
    STEP_TIMEOUT,
    UNFIXED,
    VENV_BIN,
    EditorRun,
    find_editor,
    system_path_folders,
)


@pytest.fixture
def current_nvim() -> str:
    return find_editor("nvim", (0, 11), (99, 0), [str(VENV_BIN), *system_path_folders()])


@pytest.fixture
def debian_nvim() -> str:
    return find_editor("nvim", (0, 7), (0, 11), system_path_folders())


@pytest.fixture
def emacs() -> str:
    return find_editor("emacs", (28, 0), (99, 0), system_path_folders())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small Python project: a pyproject.toml (the root marker) and a file with BN002."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "editor-test"\nversion = "0"\n', encoding="utf-8")
    (root / "model.py").write_text(UNFIXED, encoding="utf-8")
    return root


@pytest.fixture
def run_editor(tmp_path: Path):
    """Runs an editor with a driver; returns an EditorRun."""
    if not shutil.which("bnlint", path=str(VENV_BIN)):
        pytest.fail(f"no bnlint in {VENV_BIN}: install the project into the venv (scripts/setup/python.sh)")
    home = tmp_path / "home"
    home.mkdir()

    def run(argv: Sequence[str], snippets: Sequence[str], stdin: str = "", step_timeout: int = STEP_TIMEOUT) -> EditorRun:
        result_file = tmp_path / "result.json"
        result_file.unlink(missing_ok=True)
        env = dict(os.environ)
        env.update(
            # the documented configurations start plain `bnlint serve`: find this project's
            PATH=os.pathsep.join([str(VENV_BIN), env.get("PATH", "")]),
            # editors must not read or write the user's configuration and state
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            XDG_CACHE_HOME=str(home / ".cache"),
            BNLINT_EDITOR_SNIPPETS=":".join(str(SNIPPETS / name) for name in snippets),
            BNLINT_EDITOR_CODE="BN002",
            BNLINT_EDITOR_RESULT=str(result_file),
            BNLINT_EDITOR_TIMEOUT=str(step_timeout),
        )
        proc = subprocess.run(
            list(argv),
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            cwd=str(tmp_path),
            timeout=RUN_TIMEOUT,
        )
        output = proc.stdout + proc.stderr
        if not result_file.exists():
            pytest.fail(f"the editor wrote no result (exit status {proc.returncode}):\n{output[-3000:]}")
        return EditorRun(proc.returncode, json.loads(result_file.read_text(encoding="utf-8")), output)

    return run
