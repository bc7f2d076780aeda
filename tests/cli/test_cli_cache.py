""".bnlint_cache/: a warm run prints exactly what a cold one prints, in every format, for
notebooks too; --fix and --diff never take an entry; a changed file, configuration or
imported module is checked again; corrupt, foreign or unwritable caches are ignored."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import BN002_FIXABLE, BN002_FIXABLE_FIXED, out, run_bnlint, write

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GAN_SPLIT = REPO / "tests" / "projects" / "gan_split"


def shown(proc: subprocess.CompletedProcess) -> tuple:
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def entries(root: Path) -> list[Path]:
    return sorted((root / ".bnlint_cache").rglob("*.json"))


@pytest.fixture
def examples(tmp_path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    return tmp_path


@pytest.mark.parametrize("format_", ["text", "json", "sarif"])
def test_warm_run_prints_what_a_cold_run_prints(examples, format_):
    cold = shown(run_bnlint("check", "--no-cache", "--format", format_, "examples", cwd=examples))
    assert not (examples / ".bnlint_cache").exists()  # --no-cache writes nothing
    first = shown(run_bnlint("check", "--format", format_, "examples", cwd=examples))
    stored = entries(examples)
    assert stored, "the first run writes entries"
    warm = shown(run_bnlint("check", "--format", format_, "examples", cwd=examples))
    assert first == cold
    assert warm == cold
    assert entries(examples) == stored  # nothing new: every file came from the cache
    assert cold[0] == 1 and "notebook.ipynb" in cold[1]
    assert (examples / ".bnlint_cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_changed_file_and_changed_configuration_are_checked_again(examples):
    run_bnlint("check", "examples", cwd=examples)
    model = examples / "examples" / "dcgan.py"
    model.write_text(model.read_text() + "\n\ndef extra(x):\n    return tf.contrib.layers.batch_norm(x)\n")
    for args in (["examples"], ["--select", "BN002", "examples"], ["--ignore", "BN001", "examples"]):
        warm = shown(run_bnlint("check", *args, cwd=examples))
        assert warm == shown(run_bnlint("check", "--no-cache", *args, cwd=examples)), args
    assert "dcgan.py" in warm[1]


def test_fix_and_diff_never_use_an_entry(tmp_path):
    write(tmp_path, "pyproject.toml", "[project]\nname = 'x'\n")
    path = write(tmp_path, "net.py", BN002_FIXABLE)
    assert run_bnlint("check", "net.py", cwd=tmp_path).returncode == 1
    stored = entries(tmp_path)
    diff = run_bnlint("check", "--diff", "net.py", cwd=tmp_path)
    assert "+    return tf.contrib.layers.batch_norm(x, is_training=is_training)" in out(diff)
    fixed = run_bnlint("check", "--fix", "net.py", cwd=tmp_path)
    assert fixed.returncode == 0, shown(fixed)
    assert path.read_text() == BN002_FIXABLE_FIXED
    assert entries(tmp_path) == stored  # --fix and --diff write no entries either
    # the fixed text is a new key: checked, clean
    assert shown(run_bnlint("check", "net.py", cwd=tmp_path))[0] == 0
    # and back to the old text: the old entry is the right answer again
    path.write_text(BN002_FIXABLE)
    assert shown(run_bnlint("check", "net.py", cwd=tmp_path)) == shown(run_bnlint("check", "--no-cache", "net.py", cwd=tmp_path))


def test_an_imported_module_changing_invalidates_its_importers(tmp_path):
    project = tmp_path / "gan"
    shutil.copytree(GAN_SPLIT, project)
    (project / "expected.txt").unlink()
    before = shown(run_bnlint("check", ".", cwd=project))
    assert "train.py" in before[1] and "BN001" in before[1]
    assert shown(run_bnlint("check", ".", cwd=project)) == before
    ops = project / "ops.py"
    # ops.py stops building batch norm: train.py's BN001 (two imports away) goes, though
    # train.py itself did not change
    ops.write_text(ops.read_text().replace("batch_norm", "dropout_layer_of_mine"))
    after = shown(run_bnlint("check", ".", cwd=project))
    assert after == shown(run_bnlint("check", "--no-cache", ".", cwd=project))
    assert "train.py" not in after[1]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated (a crash mid-write elsewhere)
        lambda data: b"\x00\xff not json",
        lambda data: json.dumps({"key": "someone else's", "value": {}}).encode(),
        lambda data: json.dumps({"key": None, "value": {"$": "os.system", "command": "false"}}).encode(),
    ],
    ids=["truncated", "garbage", "foreign-key", "foreign-type"],
)
def test_corrupt_or_foreign_entries_are_ignored(examples, damage):
    cold = shown(run_bnlint("check", "--no-cache", "examples", cwd=examples))
    run_bnlint("check", "examples", cwd=examples)
    for entry in entries(examples):
        entry.write_bytes(damage(entry.read_bytes()))
    assert shown(run_bnlint("check", "examples", cwd=examples)) == cold
    # the damaged entries were replaced: the next run is warm and still right
    assert shown(run_bnlint("check", "examples", cwd=examples)) == cold


def test_an_entry_naming_a_foreign_type_builds_nothing(examples):
    run_bnlint("check", "examples", cwd=examples)
    for entry in entries(examples):
        data = json.loads(entry.read_text())
        data["value"] = {"$": "Popen", "args": ["touch", str(examples / "owned")]}
        entry.write_text(json.dumps(data))
    cold = shown(run_bnlint("check", "--no-cache", "examples", cwd=examples))
    assert shown(run_bnlint("check", "examples", cwd=examples)) == cold
    assert not (examples / "owned").exists()


def test_an_unwritable_cache_is_no_error(examples):
    (examples / ".bnlint_cache").write_text("a file where the folder should be")
    cold = shown(run_bnlint("check", "--no-cache", "examples", cwd=examples))
    assert shown(run_bnlint("check", "examples", cwd=examples)) == cold


def test_concurrent_runs_share_the_cache(examples):
    cold = shown(run_bnlint("check", "--no-cache", "--jobs", "1", "examples", cwd=examples))
    command = [sys.executable, "-m", "bnlint", "check", "--jobs", "1", "examples"]
    runs = [subprocess.Popen(command, cwd=examples, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    for proc in runs:
        stdout, stderr = proc.communicate(timeout=300)
        assert (proc.returncode, stdout.decode(), stderr.decode()) == cold
    assert not [p for p in (examples / ".bnlint_cache").rglob(".tmp-*")]  # no temporary file left
    assert shown(run_bnlint("check", "--jobs", "1", "examples", cwd=examples)) == cold


def test_warm_parallel_run_takes_entries_before_starting_workers(tmp_path):
    from bnlint.cli import PARALLEL_MIN_FILES

    write(tmp_path, "pyproject.toml", "[project]\nname = 'x'\n")
    for i in range(PARALLEL_MIN_FILES + 2):
        write(tmp_path, f"pkg/net_{i}.py", BN002_FIXABLE.replace("def net", f"def net_{i}"))
    cold = shown(run_bnlint("check", "--no-cache", "--jobs", "2", "pkg", cwd=tmp_path))
    assert shown(run_bnlint("check", "--jobs", "2", "pkg", cwd=tmp_path)) == cold
    stored = entries(tmp_path)
    (tmp_path / "pkg" / "net_3.py").write_text(BN002_FIXABLE_FIXED)  # one miss among hits
    expected = shown(run_bnlint("check", "--no-cache", "--jobs", "2", "pkg", cwd=tmp_path))
    assert shown(run_bnlint("check", "--jobs", "2", "pkg", cwd=tmp_path)) == expected
    assert len(entries(tmp_path)) == len(stored) + 1
    assert cold[0] == 1 and expected[1].count("BN002") == PARALLEL_MIN_FILES + 1


def test_a_warm_project_run_reads_no_module_in_full(tmp_path, monkeypatch, capsys):
    # train.py and evaluate.py name no batch norm: the first pass summarises their imports only,
    # and the project completes them from their text when asked who calls model.tower(). A warm
    # run takes their full summaries from the cache entries, as the cold run's analyses left them
    from bnlint import analysis, cli, project

    shutil.copytree(REPO / "tests" / "projects" / "script_callers", tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    assert cli.main(["check", "--format", "json", "."]) == 1
    cold = capsys.readouterr().out

    read = []
    real_summarize, real_analyze = project.summarize_source, analysis.analyze
    monkeypatch.setattr(project, "summarize_source", lambda *a, **k: read.append(a[1]) or real_summarize(*a, **k))
    monkeypatch.setattr(analysis, "analyze", lambda *a, **k: read.append(k.get("path")) or real_analyze(*a, **k))
    assert cli.main(["check", "--format", "json", "."]) == 1
    assert capsys.readouterr().out == cold
    assert read == []
