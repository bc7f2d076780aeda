"""Files that cannot be checked: one clear line each, the other files still reported, exit 2."""

from __future__ import annotations

import os

from cli_support import BN002_FIXABLE, PYTHON2, UTILITY, err, out, run_bnlint, write

from bnlint.cli import MAX_FILE_BYTES


def check_beside_a_good_file(tmp_path, name: str) -> tuple[int, str, str]:
    write(tmp_path, "good.py", BN002_FIXABLE)
    proc = run_bnlint("check", ".", cwd=tmp_path)
    stderr = err(proc)
    assert "Traceback" not in stderr
    # the good file is still checked and reported
    assert "good.py:5:12: BN002" in out(proc)
    lines = [line for line in stderr.splitlines() if name in line]
    assert len(lines) == 1, stderr
    return proc.returncode, lines[0], stderr


def test_binary_file(tmp_path):
    (tmp_path / "blob.py").write_bytes(b"import os\n\0\x01\x02")
    status, line, _ = check_beside_a_good_file(tmp_path, "blob.py")
    assert status == 2
    assert line == "bnlint: error: blob.py: binary file (contains NUL bytes)"


def test_non_utf8_file(tmp_path):
    (tmp_path / "latin.py").write_bytes(b"# caf\xe9\nimport tensorflow as tf\n")
    status, line, _ = check_beside_a_good_file(tmp_path, "latin.py")
    assert status == 2
    assert line == "bnlint: error: latin.py: not valid UTF-8 text (byte 0xe9 at offset 5)"


def test_declared_encoding_is_honoured(tmp_path):
    (tmp_path / "latin.py").write_bytes(b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + BN002_FIXABLE.encode())
    proc = run_bnlint("check", "latin.py", cwd=tmp_path)
    assert proc.returncode == 1, err(proc)
    assert out(proc).startswith("latin.py:7:12: BN002")


def test_huge_file(tmp_path):
    (tmp_path / "huge.py").write_bytes(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    status, line, _ = check_beside_a_good_file(tmp_path, "huge.py")
    assert status == 2
    assert line.startswith("bnlint: error: huge.py: too large (")
    assert f"the limit is {MAX_FILE_BYTES} bytes" in line


def test_unreadable_file(tmp_path):
    # a dangling link: unreadable even for root, who can read files whatever their mode
    os.symlink(tmp_path / "gone.py", tmp_path / "link.py")
    status, line, _ = check_beside_a_good_file(tmp_path, "link.py")
    assert status == 2
    assert line == "bnlint: error: link.py: cannot read: No such file or directory"


def test_missing_path_argument(tmp_path):
    write(tmp_path, "good.py", BN002_FIXABLE)
    proc = run_bnlint("check", "good.py", "missing/", cwd=tmp_path)
    assert proc.returncode == 2
    assert "good.py:5:12: BN002" in out(proc)
    assert err(proc) == "bnlint: error: missing/: no such file or folder\n"


def test_exit_zero_does_not_hide_errors(tmp_path):
    (tmp_path / "blob.py").write_bytes(b"\0")
    proc = run_bnlint("check", "--exit-zero", ".", cwd=tmp_path)
    assert proc.returncode == 2


def test_python2_file_gets_a_notice_not_a_traceback(tmp_path):
    write(tmp_path, "old.py", PYTHON2)
    write(tmp_path, "util.py", UTILITY)
    proc = run_bnlint("check", ".", cwd=tmp_path)
    stderr = err(proc)
    assert "Traceback" not in stderr
    notice_lines = [line for line in stderr.splitlines() if line.startswith("old.py")]
    assert len(notice_lines) == 1, stderr
    assert "note:" in notice_lines[0]
    # a notice is not an error: the files were checked
    assert proc.returncode == 0
    assert out(proc) == "No findings in 2 files.\n"


def test_broken_notebook_json(tmp_path):
    write(tmp_path, "broken.ipynb", '{"cells": [')
    status, line, _ = check_beside_a_good_file(tmp_path, "broken.ipynb")
    assert status == 2
    assert line.startswith("bnlint: error: broken.ipynb: not valid notebook JSON")


def test_notebook_of_another_language_is_skipped_with_a_note(tmp_path):
    source = '{"cells": [{"cell_type": "code", "source": "x <- 1"}], "metadata": {"kernelspec": {"language": "R"}}}'
    write(tmp_path, "r.ipynb", source)
    status, line, _ = check_beside_a_good_file(tmp_path, "r.ipynb")
    assert status == 1  # the good file's finding; a skipped R notebook is not an error
    assert line == "r.ipynb: note: not a Python notebook (its language is 'r'): skipped"


def test_empty_file_and_empty_folder(tmp_path):
    write(tmp_path, "empty.py", "")
    (tmp_path / "nothing").mkdir()
    proc = run_bnlint("check", "empty.py", "nothing", cwd=tmp_path)
    assert proc.returncode == 0, err(proc)
    assert out(proc) == "No findings in 1 file.\n"


def test_deeply_nested_notebook_json(tmp_path):
    cells = '[{"cell_type": "code", "source": "x = 1", "outputs": ' + "[" * 100_000 + "]" * 100_000 + "}]"
    write(tmp_path, "deep.ipynb", '{"cells": ' + cells + "}")
    status, line, _ = check_beside_a_good_file(tmp_path, "deep.ipynb")
    assert status == 2
    assert line == "bnlint: error: deep.ipynb: not valid notebook JSON: arrays or objects nested too deeply"
