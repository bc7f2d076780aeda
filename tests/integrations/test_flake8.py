"""bnlint's flake8 plugin (the `flake8.extension` entry point, prefix BN), run by the real flake8."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cli_support import BN002_FIXABLE, BN004_FIXABLE, CLEAN, write
from integration_support import VENV_BIN

FLAKE8 = str(VENV_BIN / "flake8")
BN002_MESSAGE = "BN002 tf.contrib.layers.batch_norm is called without is_training, which defaults to True"


def flake8(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [FLAKE8, "--isolated", *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=300, check=False
    )


def test_select_bn_reports_findings_in_flake8_format(tmp_path: Path):
    write(tmp_path, "model.py", BN002_FIXABLE)
    write(tmp_path, "slim_net.py", BN004_FIXABLE)
    write(tmp_path, "clean.py", CLEAN)
    result = flake8("--select", "BN", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = sorted(result.stdout.splitlines())
    assert len(lines) == 2, result.stdout
    assert lines[0].startswith(f"./model.py:5:12: {BN002_MESSAGE}")
    assert lines[1].startswith("./slim_net.py:7:39: BN004 ")
    assert result.stderr == ""


def test_flake8_lists_the_plugin(tmp_path: Path):
    result = flake8("--version", cwd=tmp_path)
    assert "bnlint: 0.1.0" in result.stdout


def test_flake8_selection_noqa_and_other_checks_apply(tmp_path: Path):
    write(tmp_path, "model.py", "import os\n" + BN002_FIXABLE)
    # flake8's own default run includes the plugin alongside pyflakes
    both = flake8("model.py", cwd=tmp_path)
    codes = sorted(line.split()[1] for line in both.stdout.splitlines())
    assert codes == ["BN002", "F401"], both.stdout
    assert both.stdout.startswith("model.py:1:1: F401") and "model.py:6:12: BN002" in both.stdout
    assert flake8("--select", "BN", "--extend-ignore", "BN002", "model.py", cwd=tmp_path).stdout == ""
    assert flake8("--select", "BN004", "model.py", cwd=tmp_path).returncode == 0

    write(tmp_path, "silenced.py", BN002_FIXABLE.replace("batch_norm(x)", "batch_norm(x)  # noqa: BN002"))
    assert flake8("--select", "BN", "silenced.py", cwd=tmp_path).stdout == ""


def test_stdin_and_display_name(tmp_path: Path):
    result = flake8("--select", "BN", "--stdin-display-name", "net.py", "-", cwd=tmp_path, stdin=BN002_FIXABLE)
    assert result.stdout.startswith(f"net.py:5:12: {BN002_MESSAGE}"), result.stdout + result.stderr


def test_pyproject_config_applies_and_a_bad_one_is_one_clear_line(tmp_path: Path):
    write(tmp_path, "model.py", BN002_FIXABLE)
    write(tmp_path, "pyproject.toml", '[tool.bnlint]\nignore = ["BN002"]\n')
    assert flake8("--select", "BN", "model.py", cwd=tmp_path).stdout == ""

    write(tmp_path, "pyproject.toml", '[tool.bnlint]\nselect = ["BN999"]\n')
    result = flake8("--select", "BN", "model.py", cwd=tmp_path)
    assert result.stdout.startswith("model.py:1:1: BN000 bnlint cannot read its configuration:"), result.stdout
    assert "unknown rule code 'BN999'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
