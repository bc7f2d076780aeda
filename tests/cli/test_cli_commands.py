"""`bnlint --version`, `rules`, `explain`, `python -m bnlint`, and the console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from cli_support import err, out, run_bnlint

import bnlint
from bnlint.rules import RULES, rule_page


def test_version(tmp_path):
    proc = run_bnlint("--version", cwd=tmp_path)
    assert proc.returncode == 0
    assert out(proc) == f"bnlint {bnlint.__version__}\n"


def test_console_script_is_installed(tmp_path):
    script = Path(sys.executable).parent / "bnlint"
    assert script.exists() or shutil.which("bnlint"), "the bnlint console script is not installed"
    proc = subprocess.run([str(script), "--version"], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.stdout == f"bnlint {bnlint.__version__}\n"


def test_rules_table_lists_every_rule(tmp_path):
    proc = run_bnlint("rules", cwd=tmp_path)
    assert proc.returncode == 0
    lines = out(proc).splitlines()
    assert lines[0].split() == ["code", "name", "severity", "summary"]
    assert len(lines) == 1 + len(RULES)
    for line, rule in zip(lines[1:], RULES.values()):
        assert line.split()[:3] == [rule.code, rule.name, rule.default_severity]
        assert line.endswith(rule.summary)


def test_explain_prints_the_rule_page(tmp_path):
    proc = run_bnlint("explain", "bn004", cwd=tmp_path)
    assert proc.returncode == 0
    page = rule_page("BN004")
    assert page is not None, "docs/rules/BN004.md is missing"
    assert out(proc).rstrip("\n") == page.rstrip("\n")


def test_explain_unknown_rule(tmp_path):
    proc = run_bnlint("explain", "BN999", cwd=tmp_path)
    assert proc.returncode == 2
    assert err(proc).startswith("bnlint: error: unknown rule 'BN999'")


def test_no_command_prints_help_and_exits_2(tmp_path):
    proc = run_bnlint(cwd=tmp_path)
    assert proc.returncode == 2
    assert "check" in err(proc) and "explain" in err(proc)


def test_check_defaults_to_current_folder(tmp_path):
    (tmp_path / "a.py").write_text("import tensorflow as tf\nx = tf.contrib.layers.batch_norm(y)\n")
    proc = run_bnlint("check", cwd=tmp_path)
    assert proc.returncode == 1
    assert out(proc).startswith("a.py:2:5: BN002 ")


def test_serve_dispatches_to_the_language_server(tmp_path):
    proc = run_bnlint("serve", "--help", cwd=tmp_path)
    assert proc.returncode == 0, err(proc)
    assert out(proc).startswith("usage: bnlint serve")


def test_check_does_not_import_the_language_server(tmp_path):
    (tmp_path / "a.py").write_text("import tensorflow as tf\nx = tf.contrib.layers.batch_norm(y)\n")
    program = (
        "import sys\n"
        "from bnlint.cli import main\n"
        "status = main(['check', '--format', 'json', 'a.py'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol') or m == 'bnlint.server'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert proc.stdout.splitlines()[-1] == "[]", proc.stderr
    assert '"code": "BN002"' in proc.stdout  # the check itself ran
