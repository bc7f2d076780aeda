"""`bnlint check --fix` and `--diff`, and stdin."""

from __future__ import annotations

from cli_support import (
    BN001_AND_BN002,
    BN001_AND_BN002_FIXED,
    BN002_FIXABLE,
    BN002_FIXABLE_FIXED,
    BN002_UNFIXABLE,
    BN004_FIXABLE,
    BN004_FIXABLE_FIXED,
    CLEAN,
    err,
    out,
    run_bnlint,
    write,
)


def test_fix_rewrites_file_and_reports_nothing_left(tmp_path):
    path = write(tmp_path, "a.py", BN002_FIXABLE)
    proc = run_bnlint("check", "--fix", "a.py", cwd=tmp_path)
    assert proc.returncode == 0, out(proc) + err(proc)
    assert path.read_text() == BN002_FIXABLE_FIXED
    assert out(proc) == "Fixed 1 finding in 1 file.\nNo findings in 1 file.\n"


def test_fix_twice_changes_nothing_more(tmp_path):
    path = write(tmp_path, "a.py", BN004_FIXABLE)
    run_bnlint("check", "--fix", "a.py", cwd=tmp_path)
    assert path.read_text() == BN004_FIXABLE_FIXED
    proc = run_bnlint("check", "--fix", "a.py", cwd=tmp_path)
    assert proc.returncode == 0
    assert path.read_text() == BN004_FIXABLE_FIXED
    assert "Fixed" not in out(proc)


def test_fix_needs_a_second_pass_for_overlapping_fixes(tmp_path):
    path = write(tmp_path, "train.py", BN001_AND_BN002)
    proc = run_bnlint("check", "--fix", "train.py", cwd=tmp_path)
    assert path.read_text() == BN001_AND_BN002_FIXED
    assert proc.returncode == 0, out(proc)
    assert out(proc).startswith("Fixed 2 findings in 1 file.")


def test_fix_never_applies_unpreferred_or_suppression_fixes(tmp_path):
    path = write(tmp_path, "b.py", BN002_UNFIXABLE)
    proc = run_bnlint("check", "--fix", "b.py", cwd=tmp_path)
    assert proc.returncode == 1
    assert path.read_text() == BN002_UNFIXABLE  # no is_training guessed, no suppression comment added
    assert "b.py:2:5: BN002 " in out(proc)


def test_fix_keeps_crlf_line_endings_and_bom(tmp_path):
    path = tmp_path / "win.py"
    path.write_bytes(b"\xef\xbb\xbf" + BN002_FIXABLE.replace("\n", "\r\n").encode())
    proc = run_bnlint("check", "--fix", "win.py", cwd=tmp_path)
    assert proc.returncode == 0, out(proc) + err(proc)
    assert path.read_bytes() == b"\xef\xbb\xbf" + BN002_FIXABLE_FIXED.replace("\n", "\r\n").encode()


def test_fix_only_touches_files_with_fixes(tmp_path):
    clean = write(tmp_path, "clean.py", CLEAN)
    before = clean.stat().st_mtime_ns
    write(tmp_path, "a.py", BN002_FIXABLE)
    run_bnlint("check", "--fix", ".", cwd=tmp_path)
    assert clean.stat().st_mtime_ns == before


def test_diff_shows_changes_without_writing(tmp_path):
    path = write(tmp_path, "a.py", BN002_FIXABLE)
    proc = run_bnlint("check", "--diff", "a.py", cwd=tmp_path)
    assert proc.returncode == 1
    assert path.read_text() == BN002_FIXABLE
    assert out(proc) == (
        "--- a.py\n"
        "+++ a.py\n"
        "@@ -2,4 +2,4 @@\n"
        " \n"
        " \n"
        " def net(x, is_training):\n"
        "-    return tf.contrib.layers.batch_norm(x)\n"
        "+    return tf.contrib.layers.batch_norm(x, is_training=is_training)\n"
    )
    assert err(proc) == "Would fix 1 finding in 1 file.\n"


def test_diff_of_clean_file_is_empty_and_exits_zero(tmp_path):
    write(tmp_path, "clean.py", CLEAN)
    write(tmp_path, "b.py", BN002_UNFIXABLE)  # findings, but nothing --fix would change
    proc = run_bnlint("check", "--diff", ".", cwd=tmp_path)
    assert proc.returncode == 0
    assert out(proc) == ""


def test_fix_and_diff_together_is_a_usage_error(tmp_path):
    proc = run_bnlint("check", "--fix", "--diff", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "not allowed with" in err(proc)


def test_stdin_reports_under_given_filename(tmp_path):
    proc = run_bnlint("check", "-", "--stdin-filename", "models/net.py", cwd=tmp_path, stdin=BN002_FIXABLE.encode())
    assert proc.returncode == 1, err(proc)
    assert out(proc).startswith("models/net.py:5:12: BN002 [*] ")


def test_stdin_without_filename(tmp_path):
    proc = run_bnlint("check", "-", cwd=tmp_path, stdin=BN002_UNFIXABLE.encode())
    assert proc.returncode == 1
    assert out(proc).startswith("<stdin>:2:5: BN002 ")


def test_stdin_fix_writes_fixed_source_to_stdout(tmp_path):
    proc = run_bnlint("check", "--fix", "-", "--stdin-filename", "a.py", cwd=tmp_path, stdin=BN002_FIXABLE.encode())
    assert proc.returncode == 0
    assert out(proc) == BN002_FIXABLE_FIXED
    assert "Fixed 1 finding" in err(proc)


def test_stdin_cannot_mix_with_paths(tmp_path):
    proc = run_bnlint("check", "-", "a.py", cwd=tmp_path)
    assert proc.returncode == 2
    assert "stdin" in err(proc)


def test_diff_of_file_without_final_newline(tmp_path):
    write(tmp_path, "a.py", BN002_FIXABLE.rstrip("\n"))
    proc = run_bnlint("check", "--diff", "a.py", cwd=tmp_path)
    assert out(proc).endswith(
        "-    return tf.contrib.layers.batch_norm(x)\n"
        "\\ No newline at end of file\n"
        "+    return tf.contrib.layers.batch_norm(x, is_training=is_training)\n"
        "\\ No newline at end of file\n"
    )


def test_fix_after_a_form_feed_writes_code_that_parses(tmp_path):
    # str.splitlines() splits at \x0c, Python does not: the fix must copy the right line
    source = "import tensorflow as tf\n# part 1 \x0c part 2\n" + BN001_AND_BN002.split("\n", 1)[1]
    path = write(tmp_path, "train.py", source)
    run_bnlint("check", "--fix", "train.py", cwd=tmp_path)
    proc = run_bnlint("check", "--fix", "train.py", cwd=tmp_path)
    assert proc.returncode == 0, out(proc) + err(proc)
    assert path.read_text() == "import tensorflow as tf\n# part 1 \x0c part 2\n" + BN001_AND_BN002_FIXED.split("\n", 1)[1]
