"""The pre-commit hooks (.pre-commit-hooks.yaml), run by the real pre-commit from PyPI.

pre-commit clones the hook repository (a snapshot of this checkout), builds a virtualenv and
pip-installs bnlint into it from source: the same path a user's `pre-commit install` takes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from cli_support import BN002_FIXABLE, BN002_FIXABLE_FIXED, CLEAN, write
from integration_support import VENV_BIN, git, git_env

PRE_COMMIT = str(VENV_BIN / "pre-commit")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """One PRE_COMMIT_HOME for the module: the hook environment is built once, then reused."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def user_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "user-repo"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    return repo


def run_pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = git_env()
    env["PRE_COMMIT_HOME"] = str(home)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        [PRE_COMMIT, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def commit(repo: Path, home: Path, message: str) -> subprocess.CompletedProcess:
    """A real `git commit`, which runs the hook `pre-commit install` put in .git/hooks."""
    env = git_env()
    env["PRE_COMMIT_HOME"] = str(home)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        ["git", "commit", "-m", message], cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def use_hook(repo: Path, snapshot: Path, rev: str, hook: str) -> None:
    config = f"repos:\n  - repo: {snapshot}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n"
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")


def notebook(*cells: str) -> str:
    return json.dumps(
        {
            "cells": [
                {"cell_type": "code", "metadata": {}, "source": cell, "outputs": [], "execution_count": None}
                for cell in cells
            ],
            "metadata": {"language_info": {"name": "python"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_try_repo_reports_a_finding_and_passes_a_clean_file(checkout_snapshot, pre_commit_home, user_repo):
    snapshot, _ = checkout_snapshot
    write(user_repo, "model.py", BN002_FIXABLE)
    write(user_repo, "clean.py", CLEAN)
    git("add", "-A", cwd=user_repo)

    bad = run_pre_commit("try-repo", str(snapshot), "bnlint", "--files", "model.py", cwd=user_repo, home=pre_commit_home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "model.py:5:12: BN002" in bad.stdout
    assert "Failed" in bad.stdout

    good = run_pre_commit("try-repo", str(snapshot), "bnlint", "--files", "clean.py", cwd=user_repo, home=pre_commit_home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def test_installed_hook_blocks_a_commit_with_a_finding_and_lets_a_clean_one_through(
    checkout_snapshot, pre_commit_home, user_repo
):
    snapshot, rev = checkout_snapshot
    use_hook(user_repo, snapshot, rev, "bnlint")
    installed = run_pre_commit("install", cwd=user_repo, home=pre_commit_home)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    # a notebook: the hook covers jupyter files, and checks its cells as one program
    write(user_repo, "train.ipynb", notebook("import tensorflow as tf\n", "y = tf.contrib.layers.batch_norm(x)\n"))
    git("add", "-A", cwd=user_repo)
    blocked = commit(user_repo, pre_commit_home, "add a notebook with a finding")
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    # git shows the hook's output on stderr
    assert "train.ipynb:cell 2:1:5: BN002" in blocked.stderr
    assert subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=user_repo).returncode != 0

    write(user_repo, "train.ipynb", notebook("import tensorflow as tf\n", "y = tf.contrib.layers.batch_norm(x, is_training=False)\n"))
    write(user_repo, "model.py", CLEAN)
    # files the hook must not look at: pre-commit passes only python and jupyter files
    write(user_repo, "notes.txt", BN002_FIXABLE)
    git("add", "-A", cwd=user_repo)
    passed = commit(user_repo, pre_commit_home, "clean code")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "bnlint" in passed.stderr and "Passed" in passed.stderr
    assert git("log", "--format=%s", cwd=user_repo).strip() == "clean code"


def test_exclude_in_pyproject_holds_for_staged_files(checkout_snapshot, pre_commit_home, user_repo):
    snapshot, rev = checkout_snapshot
    use_hook(user_repo, snapshot, rev, "bnlint")
    write(user_repo, "pyproject.toml", '[tool.bnlint]\nexclude = ["vendor/*"]\n')
    write(user_repo, "vendor/old_model.py", BN002_FIXABLE)
    git("add", "-A", cwd=user_repo)
    result = run_pre_commit("run", "--all-files", cwd=user_repo, home=pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fix_hook_rewrites_the_file_and_fails_once(checkout_snapshot, pre_commit_home, user_repo):
    snapshot, rev = checkout_snapshot
    use_hook(user_repo, snapshot, rev, "bnlint-fix")
    model = write(user_repo, "model.py", BN002_FIXABLE)
    git("add", "-A", cwd=user_repo)

    first = run_pre_commit("run", "--all-files", cwd=user_repo, home=pre_commit_home)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert model.read_text(encoding="utf-8") == BN002_FIXABLE_FIXED

    git("add", "-A", cwd=user_repo)
    second = run_pre_commit("run", "--all-files", cwd=user_repo, home=pre_commit_home)
    assert second.returncode == 0, second.stdout + second.stderr
