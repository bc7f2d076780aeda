"""Notebooks: the cell/position mapping itself, and `bnlint check` on real .ipynb files."""

from __future__ import annotations

import json

import pytest
from cli_support import BN002_FIXABLE, err, notebook, out, run_bnlint, write

from bnlint.findings import Finding, Fix, Position, Range, Related, TextEdit
from bnlint.notebook import NotebookFile, NotebookSource, blank_magics

# ---------------------------------------------------------------------------------------------
# the mapping, without the analysis


def test_magics_shell_and_help_lines_are_blanked_keeping_lines():
    cell = "%matplotlib inline\nimport os\n!pip list\nfiles = !ls\nos.path?\n??os\nx = 1 % 2\nif x:\n    %time f()\n"
    blanked = blank_magics(cell)
    assert blanked.splitlines() == ["", "import os", "", "", "", "", "x = 1 % 2", "if x:", "    pass"]
    compile(blanked, "cell", "exec")


def test_cell_magic_with_foreign_body_blanks_the_cell_and_time_keeps_python():
    assert blank_magics("%%bash\nls -l\necho hi\n") == "\n\n\n"
    assert blank_magics("%%time\nx = 1\n") == "\nx = 1\n"


def test_continued_shell_line_is_blanked_whole():
    assert blank_magics("!pip install \\\n    numpy\nx = 1") == "\n    pass\nx = 1"


def test_join_and_positions_both_ways():
    nb = NotebookSource.from_cells(["import tensorflow as tf", "", "%load_ext x\ny = 1\nz = 2\n"])
    assert nb.source == "import tensorflow as tf\n\n\ny = 1\nz = 2\n"
    assert nb.to_cell(Position(0, 7)) == (0, Position(0, 7))
    assert nb.to_cell(Position(1, 0)) == (1, Position(0, 0))
    assert nb.to_cell(Position(4, 3)) == (2, Position(2, 3))
    for cell, pos in [(0, Position(0, 3)), (2, Position(1, 0)), (2, Position(2, 5))]:
        assert nb.to_cell(nb.from_cell(cell, pos)) == (cell, pos)
    with pytest.raises(IndexError):
        nb.from_cell(3, Position(0, 0))


def test_ranges_findings_and_fixes_map_to_cells():
    nb = NotebookSource.from_cells(["a = 1\n", "b = 2\nc = 3"])
    inside = Range.of(2, 0, 2, 1)
    crossing = Range.of(0, 0, 1, 3)
    assert nb.range_to_cell(inside) == (1, Range.of(1, 0, 1, 1))
    assert nb.range_to_cell(crossing) is None
    # ending at column 0 of the next cell's first line is the end of its own cell
    assert nb.range_to_cell(Range.of(0, 0, 1, 0)) == (0, Range.of(0, 0, 1, 0))
    finding = Finding(
        code="BN002",
        name="is-training-default",
        message="m",
        severity="warning",
        range=inside,
        url="u",
        related=(Related(Range.of(0, 0, 0, 1), "site"),),
        fixes=(
            Fix("ok", (TextEdit(Range.of(2, 5, 2, 5), "!"), TextEdit(Range.of(0, 0, 0, 0), "#")), preferred=True),
            Fix("crosses", (TextEdit(crossing, ""),)),
        ),
    )
    mapped = nb.finding_to_cells(finding)
    assert (mapped.cell, mapped.range) == (1, Range.of(1, 0, 1, 1))
    assert [(r.cell, r.related.range) for r in mapped.related] == [(0, Range.of(0, 0, 0, 1))]
    assert [f.fix.title for f in mapped.fixes] == ["ok"]
    assert [(e.cell, e.edit.range.start) for e in mapped.fixes[0].edits] == [(1, Position(1, 5)), (0, Position(0, 0))]
    assert nb.apply_edits(finding.fixes[0].edits) == ["#a = 1\n", "b = 2\nc = 3!"]


def test_apply_edits_keeps_magic_lines():
    nb = NotebookSource.from_cells(["!nvidia-smi\nx = f(1)\n"])
    assert nb.apply_edits([TextEdit(Range.of(1, 7, 1, 7), ", 2")]) == ["!nvidia-smi\nx = f(1, 2)\n"]


def test_notebook_file_rewrites_only_changed_sources(tmp_path):
    text = notebook([("markdown", "# Title\n"), ("code", "a = 1\nb = 2\n"), ("code", "c = 3")])
    nb = NotebookFile(text)
    assert nb.code_cells == [1, 2]
    assert nb.cell_number(0) == 2
    new = json.loads(nb.with_cells(["a = 1\nb = 22\n", "c = 3"]))
    old = json.loads(text)
    assert new["cells"][1]["source"] == ["a = 1\n", "b = 22\n"]
    old["cells"][1]["source"] = new["cells"][1]["source"]
    assert new == old
    assert nb.with_cells(["a = 1\nb = 2\n", "c = 3"]) == text  # nothing changed: same bytes


# ---------------------------------------------------------------------------------------------
# bnlint check on notebooks

CELLS = [
    ("markdown", "# A model\n"),
    ("code", "%matplotlib inline\nimport tensorflow as tf\n!pip list\nslim = tf.contrib.slim"),
    ("code", "%%bash\nif [ -d x ]; then echo not python; fi\n"),
    ("code", "def net(x, is_training):\n    return slim.batch_norm(x)\nnet?"),
]


def test_check_notebook_reports_cell_and_line(tmp_path):
    write(tmp_path, "nb.ipynb", notebook(CELLS))
    proc = run_bnlint("check", ".", cwd=tmp_path)
    assert proc.returncode == 1, err(proc)
    assert err(proc) == ""  # the magics and the bash cell do not make the file unparsable
    lines = out(proc).splitlines()
    assert lines[0].startswith("nb.ipynb:cell 4:2:12: BN002 [*] ")
    assert lines[1] == "Found 1 finding (1 fixable with --fix) in 1 file (1 checked)."


def test_a_cell_that_does_not_parse_is_named_by_its_own_line(tmp_path):
    # the notice's text names the line in the cell (2), not in the joined cells (5)
    cells = [
        ("code", "import tensorflow as tf\nslim = tf.contrib.slim\n"),
        ("markdown", "# the model\n"),
        ("code", "x = 1\nprint x\ny = slim.batch_norm(x)\n"),
    ]
    write(tmp_path, "nb.ipynb", notebook(cells))
    proc = run_bnlint("check", "nb.ipynb", cwd=tmp_path)
    assert out(proc).startswith("nb.ipynb:cell 3:3:5: BN002 ")
    assert err(proc).startswith("nb.ipynb:cell 3:2:1: note: cannot parse line 2: "), err(proc)


def test_check_notebook_json_has_cell(tmp_path):
    write(tmp_path, "nb.ipynb", notebook(CELLS))
    records = json.loads(out(run_bnlint("check", "--format", "json", "nb.ipynb", cwd=tmp_path)))
    assert len(records) == 1
    assert records[0]["cell"] == 4
    assert records[0]["location"] == {"row": 2, "column": 12}
    assert records[0]["fixes"][0]["edits"][0]["cell"] == 4


def test_fix_notebook_rewrites_cell_and_keeps_the_rest(tmp_path):
    path = write(tmp_path, "nb.ipynb", notebook(CELLS))
    before = json.loads(path.read_text())
    proc = run_bnlint("check", "--fix", "nb.ipynb", cwd=tmp_path)
    assert proc.returncode == 0, out(proc) + err(proc)
    after = json.loads(path.read_text())
    assert "".join(after["cells"][3]["source"]) == (
        "def net(x, is_training):\n    return slim.batch_norm(x, is_training=is_training)\nnet?"
    )
    before["cells"][3]["source"] = after["cells"][3]["source"]
    assert after == before  # outputs, metadata, magics and other cells untouched
    assert path.read_text().startswith('{\n "cells": [')  # the file's own indentation


def test_diff_notebook_names_the_cell(tmp_path):
    path = write(tmp_path, "nb.ipynb", notebook(CELLS))
    text = path.read_text()
    proc = run_bnlint("check", "--diff", "nb.ipynb", cwd=tmp_path)
    assert proc.returncode == 1
    assert path.read_text() == text
    diff = out(proc)
    assert diff.startswith("--- nb.ipynb:cell 4\n+++ nb.ipynb:cell 4\n")
    assert "+    return slim.batch_norm(x, is_training=is_training)\n" in diff


def test_cells_are_one_module(tmp_path):
    # the import in one cell resolves the batch norm call in another
    cells = [("code", "import tensorflow as tf\n"), ("code", "y = tf.contrib.layers.batch_norm(x)\n")]
    write(tmp_path, "nb.ipynb", notebook(cells))
    proc = run_bnlint("check", "nb.ipynb", cwd=tmp_path)
    assert out(proc).startswith("nb.ipynb:cell 2:1:5: BN002 ")


def test_string_sources_and_notebook_from_stdin(tmp_path):
    data = json.loads(notebook([("code", BN002_FIXABLE)]))
    data["cells"][0]["source"] = BN002_FIXABLE  # nbformat allows one string too
    proc = run_bnlint("check", "-", "--stdin-filename", "nb.ipynb", cwd=tmp_path, stdin=json.dumps(data).encode())
    assert out(proc).startswith("nb.ipynb:cell 1:5:12: BN002 [*] ")


def test_size_limit_counts_the_code_not_the_outputs(tmp_path):
    from bnlint.cli import MAX_FILE_BYTES

    code = BN002_FIXABLE
    image = {"output_type": "display_data", "data": {"image/png": "iVBOR" * MAX_FILE_BYTES}, "metadata": {}}
    data = json.loads(notebook([("code", code)]))
    data["cells"][0]["outputs"] = [image]
    write(tmp_path, "plots.ipynb", json.dumps(data))
    assert (tmp_path / "plots.ipynb").stat().st_size > 2 * MAX_FILE_BYTES
    proc = run_bnlint("check", "plots.ipynb", cwd=tmp_path)
    assert proc.returncode == 1, err(proc)
    assert out(proc).startswith("plots.ipynb:cell 1:5:12: BN002")

    padding = "# a generated table\n" * (MAX_FILE_BYTES // 20 + 1)
    write(tmp_path, "generated.ipynb", notebook([("code", code), ("markdown", padding * 2), ("code", padding)]))
    proc = run_bnlint("check", "generated.ipynb", cwd=tmp_path)
    assert proc.returncode == 2
    assert err(proc).startswith("bnlint: error: generated.ipynb: too large (")
    assert f"bytes of code in its code cells; the limit is {MAX_FILE_BYTES} bytes)" in err(proc)


def test_jupyterlab_lsp_virtual_documents_are_not_checked(tmp_path):
    """jupyterlab-lsp writes each open notebook's code as Python text to
    .virtual_documents/NAME.ipynb: a folder walk must not read it as a notebook (nor report
    its findings twice)."""
    write(tmp_path, "train.ipynb", notebook([("code", "import tensorflow as tf\n"), ("code", "y = tf.contrib.layers.batch_norm(x)\n")]))
    write(tmp_path, ".virtual_documents/train.ipynb", "import tensorflow as tf\n\n\ny = tf.contrib.layers.batch_norm(x)\n")
    proc = run_bnlint("check", ".", cwd=tmp_path)
    assert proc.returncode == 1, err(proc)
    assert out(proc).splitlines()[0].startswith("train.ipynb:cell 2:1:5: BN002")
    assert "1 checked" in out(proc) and err(proc) == ""
