"""Configuration on the command line and in pyproject.toml; exit codes."""

from __future__ import annotations

import json

import pytest

from cli_support import BN002_FIXABLE, BN003_FIXABLE, err, notebook, out, run_bnlint, write


def codes(proc) -> list[str]:
    return sorted(record["code"] for record in json.loads(out(proc)))


def test_select_and_ignore_on_command_line(tmp_path):
    write(tmp_path, "a.py", BN002_FIXABLE)
    write(tmp_path, "b.py", BN003_FIXABLE)
    assert codes(run_bnlint("check", "--format", "json", ".", cwd=tmp_path)) == ["BN002", "BN003"]
    assert codes(run_bnlint("check", "--format", "json", "--select", "BN003", ".", cwd=tmp_path)) == ["BN003"]
    assert codes(run_bnlint("check", "--format", "json", "--ignore", "BN003,BN002", ".", cwd=tmp_path)) == []
    # a prefix selects every rule it starts
    assert codes(run_bnlint("check", "--format", "json", "--select", "bn00", ".", cwd=tmp_path)) == ["BN002", "BN003"]


def test_ignore_everything_exits_zero(tmp_path):
    write(tmp_path, "a.py", BN002_FIXABLE)
    proc = run_bnlint("check", "--ignore", "BN002", ".", cwd=tmp_path)
    assert proc.returncode == 0
    assert out(proc) == "No findings in 1 file.\n"


def test_pyproject_select_and_command_line_over_it(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.bnlint]\nselect = ["BN003"]\n')
    write(tmp_path, "src/a.py", BN002_FIXABLE)
    write(tmp_path, "src/b.py", BN003_FIXABLE)
    assert codes(run_bnlint("check", "--format", "json", "src", cwd=tmp_path)) == ["BN003"]
    assert codes(run_bnlint("check", "--format", "json", "--select", "BN002", "src", cwd=tmp_path)) == ["BN002"]


def test_nearest_pyproject_applies_per_file(tmp_path):
    write(tmp_path, "one/pyproject.toml", "[tool.bnlint]\nignore = ['BN002']\n")
    write(tmp_path, "one/a.py", BN002_FIXABLE)
    write(tmp_path, "two/a.py", BN002_FIXABLE)
    records = json.loads(out(run_bnlint("check", "--format", "json", "one", "two", cwd=tmp_path)))
    assert [r["filename"] for r in records] == ["two/a.py"]


def test_severity_from_pyproject(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.bnlint]\nseverity = {BN002 = "error"}\n')
    write(tmp_path, "a.py", BN002_FIXABLE)
    records = json.loads(out(run_bnlint("check", "--format", "json", ".", cwd=tmp_path)))
    assert [r["severity"] for r in records] == ["error"]


def test_exclude_globs_and_tool_folders_are_skipped(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.bnlint]\nexclude = ["generated", "*_pb2.py"]\n')
    write(tmp_path, "model.py", BN002_FIXABLE)
    write(tmp_path, "generated/model.py", BN002_FIXABLE)
    write(tmp_path, "proto/model_pb2.py", BN002_FIXABLE)
    write(tmp_path, ".venv/lib/tf.py", BN002_FIXABLE)
    write(tmp_path, "node_modules/x/y.py", BN002_FIXABLE)
    write(tmp_path, ".ipynb_checkpoints/nb-checkpoint.ipynb", notebook([("code", BN002_FIXABLE)]))
    write(tmp_path, "notes.txt", BN002_FIXABLE)  # not a *.py / *.ipynb file
    proc = run_bnlint("check", ".", cwd=tmp_path)
    lines = out(proc).splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == ["model.py"]
    assert lines[-1].endswith("(1 checked).")


def test_exit_zero_keeps_the_report(tmp_path):
    write(tmp_path, "a.py", BN002_FIXABLE)
    proc = run_bnlint("check", "--exit-zero", "a.py", cwd=tmp_path)
    assert proc.returncode == 0
    assert "a.py:5:12: BN002" in out(proc)


def test_unknown_code_on_command_line(tmp_path):
    write(tmp_path, "a.py", BN002_FIXABLE)
    proc = run_bnlint("check", "--select", "BN999", "a.py", cwd=tmp_path)
    assert proc.returncode == 2
    assert out(proc) == ""
    message = err(proc).strip()
    assert "\n" not in message and "'select'" in message and "BN999" in message


def test_bad_pyproject_key_is_one_clear_line(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.bnlint]\nselct = ["BN001"]\n')
    write(tmp_path, "a.py", BN002_FIXABLE)
    proc = run_bnlint("check", "a.py", cwd=tmp_path)
    assert proc.returncode == 2
    message = err(proc).strip()
    assert "\n" not in message and "selct" in message and "pyproject.toml" in message
    assert "Traceback" not in message


def test_bad_pyproject_severity_value(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.bnlint]\nseverity = {BN001 = "fatal"}\n')
    write(tmp_path, "a.py", BN002_FIXABLE)
    proc = run_bnlint("check", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "severity.BN001" in err(proc) and "Traceback" not in err(proc)


def test_unparsable_pyproject(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.bnlint\nselect = \n")
    write(tmp_path, "a.py", BN002_FIXABLE)
    proc = run_bnlint("check", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "pyproject.toml" in err(proc) and "Traceback" not in err(proc)


def test_bad_jobs_value_is_usage_error(tmp_path):
    proc = run_bnlint("check", "--jobs", "0", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "--jobs" in err(proc)


def test_unknown_format_is_usage_error(tmp_path):
    proc = run_bnlint("check", "--format", "xml", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "xml" in err(proc)


@pytest.mark.parametrize(
    "content,problem",
    [
        (b"tool = 5\n", "'tool' must be a table"),
        (b"[tool]\nbnlint = []\n", "expected a table of options"),
        (b'[tool.bnlint]\nselect = ["BN001"]  # caf\xe9\n', "not valid UTF-8 (byte 0xe9 at offset 39)"),
        (b"[tool.x]\ny = " + b"[" * 3000 + b"]" * 3000 + b"\n", "nested too deeply"),
        (b"[tool.x]\ny = " + b"1" * 5000 + b"\n", "cannot read"),
    ],
    ids=["tool-not-a-table", "bnlint-not-a-table", "not-utf8", "deep-arrays", "huge-integer"],
)
def test_any_broken_pyproject_is_one_message_and_exit_2(tmp_path, content, problem):
    (tmp_path / "pyproject.toml").write_bytes(content)
    write(tmp_path, "a.py", BN002_FIXABLE)
    for args in (["check", "a.py"], ["check", "--config", "pyproject.toml", "a.py"]):
        proc = run_bnlint(*args, cwd=tmp_path)
        assert proc.returncode == 2, err(proc)
        message = err(proc).strip()
        assert "\n" not in message and "Traceback" not in message, message
        assert message.startswith("bnlint: error: ") and "pyproject.toml" in message and problem in message


@pytest.mark.parametrize("value", ["", ",", " , "])
def test_select_that_selects_nothing_is_a_usage_error(tmp_path, value):
    write(tmp_path, "a.py", BN002_FIXABLE)
    for target in ("a.py", "no-files-here"):
        (tmp_path / "no-files-here").mkdir(exist_ok=True)
        proc = run_bnlint("check", "--select", value, target, cwd=tmp_path)
        assert proc.returncode == 2
        assert out(proc) == ""
        assert err(proc).strip() == (
            "bnlint: error: --select selects no rule: give codes like --select BN001,BN002, or leave it out for every rule"
        )
    # ignoring nothing is fine
    assert run_bnlint("check", "--ignore", value, "a.py", cwd=tmp_path).returncode == 1


@pytest.mark.parametrize("value", ["[]", '""', '[""]', '[" "]'])
def test_select_that_selects_nothing_in_pyproject(tmp_path, value):
    write(tmp_path, "pyproject.toml", f"[tool.bnlint]\nselect = {value}\n")
    write(tmp_path, "a.py", BN002_FIXABLE)
    proc = run_bnlint("check", "a.py", cwd=tmp_path)
    assert proc.returncode == 2
    message = err(proc).strip()
    assert "\n" not in message and "pyproject.toml [tool.bnlint]: 'select' selects no rule" in message
