"""Shared by tests/integrations/: paths, and git run with a fixed identity. (Not in conftest.py:
each test folder has one, and `from conftest import` would find another folder's.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent

# cli_support: the TF1 snippets the CLI tests use
if str(REPO / "tests" / "cli") not in sys.path:
    sys.path.insert(0, str(REPO / "tests" / "cli"))


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=git_env()
    ).stdout


def git_env() -> dict:
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME="bnlint test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="bnlint test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env
