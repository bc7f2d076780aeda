"""Many files checked across processes give exactly the output of one process."""

from __future__ import annotations

from cli_support import (
    BN001_AND_BN002,
    BN002_FIXABLE,
    BN002_UNFIXABLE,
    BN003_FIXABLE,
    CLEAN,
    UTILITY,
    err,
    out,
    run_bnlint,
    write,
)

from bnlint.cli import PARALLEL_MIN_FILES

SNIPPETS = [BN002_FIXABLE, BN002_UNFIXABLE, BN003_FIXABLE, CLEAN, UTILITY, BN001_AND_BN002]
FINDINGS_IN_SNIPPET = [1, 1, 1, 0, 0, 2]


def make_tree(root, count: int) -> None:
    for i in range(count):
        write(root, f"pkg{i % 7}/sub{i % 3}/m{i:03d}.py", SNIPPETS[i % len(SNIPPETS)])
    (root / "pkg0" / "bad.py").write_bytes(b"\0")  # an error in the middle of the run


def test_parallel_output_equals_single_process(tmp_path):
    count = 4 * PARALLEL_MIN_FILES
    make_tree(tmp_path, count)
    for fmt in ("text", "json"):
        serial = run_bnlint("check", "--format", fmt, "--jobs", "1", ".", cwd=tmp_path)
        parallel = run_bnlint("check", "--format", fmt, "--jobs", "2", ".", cwd=tmp_path)
        assert serial.returncode == parallel.returncode == 2
        assert out(parallel) == out(serial)
        assert err(parallel) == err(serial)
    lines = out(run_bnlint("check", ".", cwd=tmp_path)).splitlines()
    expected = sum(FINDINGS_IN_SNIPPET[i % len(SNIPPETS)] for i in range(count))
    assert lines[-1].startswith(f"Found {expected} findings")
    assert lines[-1].endswith(f"({count} checked).")
    paths = [line.split(":")[0] for line in lines[:-1]]
    assert paths == sorted(paths)


def test_parallel_fix_equals_single_process(tmp_path):
    count = 2 * PARALLEL_MIN_FILES
    serial_root, parallel_root = tmp_path / "serial", tmp_path / "parallel"
    make_tree(serial_root, count)
    make_tree(parallel_root, count)
    serial = run_bnlint("check", "--fix", "--jobs", "1", ".", cwd=serial_root)
    parallel = run_bnlint("check", "--fix", "--jobs", "2", ".", cwd=parallel_root)
    assert out(parallel) == out(serial)
    for path in sorted(serial_root.rglob("*.py")):
        assert (parallel_root / path.relative_to(serial_root)).read_bytes() == path.read_bytes()
    assert "Fixed" in out(serial)
