"""Project-wide analysis on multi-file fixture projects: tests/projects/<project>/ is a small
project (its own pyproject.toml, setup.py or setup.cfg makes it the root) and expected.txt
lists, per file, the findings `bnlint check` gives and the related places in other files.
A file not listed must have no findings.

expected.txt:
    <file path, relative to the project>
    <line>:<col>-<line>:<col> <CODE>              (1-based, end exclusive; "cell N:" first in notebooks)
      related <path>:<line>:<col>-<line>:<col>    (a related place in another file)

Each project is checked as a whole, then every file on its own (checking one file still uses
the project around it), and once with --no-project, which must differ wherever a finding
comes from another module (the fixture then tests something).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List

import pytest

from bnlint import cli

PROJECTS_DIR = Path(__file__).parent / "projects"
PROJECTS = sorted(p.name for p in PROJECTS_DIR.iterdir() if (p / "expected.txt").is_file())


def read_expected(project: Path) -> Dict[str, List[str]]:
    expected: Dict[str, List[str]] = {}
    current = None
    for line in (project / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith(" "):
            expected[current].append("  " + line.strip())
        elif line[0].isdigit() or line.startswith("cell "):
            expected[current].append(line.strip())
        else:
            current = line.strip()
            expected[current] = []
    return expected


def _point(location) -> str:
    return f"{location['row']}:{location['column']}"


def render(records: list) -> Dict[str, List[str]]:
    found: Dict[str, List[str]] = {}
    for record in records:
        cell = f"cell {record['cell']}:" if "cell" in record else ""
        lines = found.setdefault(Path(record["filename"]).as_posix(), [])
        lines.append(f"{cell}{_point(record['location'])}-{_point(record['end_location'])} {record['code']}")
        for item in record["related"]:
            if "filename" in item:
                lines.append(
                    f"  related {Path(item['filename']).as_posix()}:{_point(item['location'])}-{_point(item['end_location'])}"
                )
    return found


def run_check(capsys, *args: str) -> list:
    status = cli.main(["check", "--format", "json", *args])
    captured = capsys.readouterr()
    assert status in (0, 1), captured.err
    assert "error" not in captured.err, captured.err
    return json.loads(captured.out)


@pytest.mark.parametrize("name", PROJECTS)
def test_project(name, capsys, monkeypatch):
    project = PROJECTS_DIR / name
    monkeypatch.chdir(project)
    expected = read_expected(project)
    whole = render(run_check(capsys, "."))
    assert whole == expected
    files = sorted(
        p.relative_to(project).as_posix() for p in project.rglob("*") if p.suffix in (".py", ".ipynb")
    )
    for file in files:
        alone = render(run_check(capsys, file))
        assert alone == ({file: expected[file]} if file in expected else {}), file
    single = render(run_check(capsys, "--no-project", "."))
    assert single != expected or not any(
        "related" in line for lines in expected.values() for line in lines
    ), "every finding of this fixture is found file by file: it does not test the project"


def test_a_folder_with_its_own_root_marker_is_another_project(tmp_path):
    from bnlint.project import Project

    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "model.py").write_text("import tensorflow as tf\nx = tf.layers.batch_normalization(y)\n")
    inner = tmp_path / "vendored"
    inner.mkdir()
    (inner / "setup.py").write_text("")
    (inner / "net.py").write_text("import tensorflow as tf\nx = tf.layers.batch_normalization(y)\n")
    project = Project(tmp_path)
    assert project.index() == 1
    assert project.known(str(tmp_path / "model.py")) is not None
    assert project.known(str(inner / "net.py")) is None
