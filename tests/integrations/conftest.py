"""Fixtures for tests/integrations/: the tools bnlint plugs into (pre-commit, flake8, JupyterLab)."""

from __future__ import annotations

import subprocess

import pytest
from integration_support import REPO, git


@pytest.fixture(scope="session")
def checkout_snapshot(tmp_path_factory) -> tuple[Path, str]:
    """(a git repository holding this checkout's working tree as one commit, its sha).

    pre-commit installs a hook repository from a git commit; a snapshot makes the test see
    uncommitted work too, and gives one fixed rev so the hook's environment is built once."""
    snapshot = tmp_path_factory.mktemp("bnlint-snapshot")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if not source.is_file():  # deleted but not yet committed
            continue
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    git("init", "-q", cwd=snapshot)
    git("add", "-A", cwd=snapshot)
    git("commit", "-q", "-m", "snapshot", cwd=snapshot)
    return snapshot, git("rev-parse", "HEAD", cwd=snapshot).strip()
