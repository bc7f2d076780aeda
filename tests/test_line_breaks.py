"""Lines are Python's lines: they end at \\n, \\r\\n or \\r and nowhere else.

`str.splitlines()` also splits at \\x0b, \\x0c, \\x1c-\\x1e, \\x85, U+2028 and U+2029; any of them
before a finding used to move the finding, its message text, its `# noqa` and its fixes onto
the wrong line (and `--fix` then wrote code that does not parse).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bnlint.analysis import analyze
from bnlint.edits import apply_edits
from bnlint.lines import line_starts, split_lines

NOT_LINE_BREAKS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]

# {before} goes into line 2 (1-based); BN002 is on line 6, BN001 on line 7
TEMPLATE = """\
import tensorflow as tf
{before}


def train(loss, is_training):
    h = tf.contrib.layers.batch_norm(loss)
    return tf.train.AdamOptimizer().minimize(h)
"""


def placements(ch: str) -> dict[str, str]:
    where = {"comment": f"# section{ch}end", "string": f'TITLE = "a{ch}b"'}
    if ch == "\x0c":  # the only one Python also takes in code, as whitespace
        where["code"] = f"{ch}SCALE = 1 {ch}+ 2"
    return where


CASES = [(ch, where, text) for ch in NOT_LINE_BREAKS for where, text in placements(ch).items()]


@pytest.mark.parametrize("ch,where,before", CASES, ids=[f"{ord(c):#x}-{w}" for c, w, _ in CASES])
def test_findings_messages_and_fixes_stay_on_their_line(ch, where, before):
    source = TEMPLATE.format(before=before)
    ast.parse(source)  # the case itself is valid Python
    report = analyze(source)
    assert [(f.code, f.range.start.line, f.range.start.character) for f in report.findings] == [
        ("BN002", 5, 8),
        ("BN001", 6, 36),
    ]
    assert report.findings[1].message.startswith("tf.train.AdamOptimizer().minimize(...) builds")
    # every preferred fix parses and removes its finding
    for finding in report.findings:
        preferred = [fix for fix in finding.fixes if fix.preferred]
        assert preferred, f"{finding.code} lost its fix"
        fixed = apply_edits(source, preferred[0].edits)
        ast.parse(fixed)
        assert finding.code not in [f.code for f in analyze(fixed).findings]
        assert before in fixed


@pytest.mark.parametrize("ch", NOT_LINE_BREAKS, ids=[f"{ord(c):#x}" for c in NOT_LINE_BREAKS])
def test_noqa_on_the_findings_own_line(ch):
    source = TEMPLATE.format(before=f"# section{ch}end").replace(
        "batch_norm(loss)\n", "batch_norm(loss)  # noqa: BN002\n"
    )
    assert [f.code for f in analyze(source).findings] == ["BN001"]
    # and one on the next line does not silence it
    source = TEMPLATE.format(before=f"# section{ch}end").replace(
        "    return tf.train", "    # noqa: BN002\n    return tf.train"
    )
    assert [f.code for f in analyze(source).findings] == ["BN002", "BN001"]


@pytest.mark.parametrize(
    "text",
    ["", "a", "a\n", "a\r\nb", "a\rb\r", "a\n\nb\n\n", "\x0c\n\x0b\r\x85\u2028x\u2029\r\n", "\r\n\r", "a\x1c"],
)
def test_split_lines_matches_python_and_line_starts(text):
    # what Python's tokenizer counts: a lone \r or \r\n is one line end, the rest is not
    expected = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
    assert split_lines(text, keepends=True) == expected
    assert "".join(split_lines(text, keepends=True)) == text
    assert split_lines(text) == [re.sub(r"(\r\n|\r|\n)$", "", line) for line in expected]
    starts = line_starts(text)
    assert starts[0] == 0 and len(starts) == text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def test_lines_are_split_in_one_place():
    # every "lines of the source" in the package goes through bnlint.lines
    package = Path(__file__).resolve().parent.parent / "server" / "bnlint"
    offenders = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "lines.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.splitlines\(|re\.compile\(r?[\"']\\r\\n\|\\r\|\\n", line)
    ]
    assert offenders == []


def test_a_form_feed_in_the_indentation_does_not_count():
    # Python's tokenizer resets the column at a form feed: "\x0c\t" is one tab of indentation.
    # Found by the differential property test: the wrap guessed 4 spaces in a tab file and
    # put the step before the form feed, where it does not count.
    source = (
        "import tensorflow as tf\n\n\ndef build(x, labels, is_training):\n"
        "\x0c\tnet = tf.contrib.layers.batch_norm(x, is_training=is_training)\n"
        "\tloss = tf.losses.sparse_softmax_cross_entropy(labels, net)\n"
        "\x0c\treturn tf.train.AdamOptimizer(1e-3).minimize(loss)\n"
    )
    (finding,) = analyze(source).findings
    fixed = apply_edits(source, [fix for fix in finding.fixes if fix.preferred][0].edits)
    assert fixed.endswith(
        "\tupdate_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)\n"
        "\twith tf.control_dependencies(update_ops):\n"
        "\x0c\t\treturn tf.train.AdamOptimizer(1e-3).minimize(loss)\n"
    )
    assert analyze(fixed).findings == []


def test_lines_blanked_by_error_recovery_keep_mixed_line_ends_apart():
    # LF lines pasted into a CR-only file, one of them broken: blanking it to "\n" right after a
    # line ending in "\r" made one "\r\n" of the two, and every finding below moved up a line.
    # Found by the differential property test (the fix then landed on the wrong line).
    source = "import tensorflow as tf\rdef f(x):\r\treturn x\r    return y\n\n\tz = tf.contrib.layers.batch_norm(x)\r"
    assert [(f.code, f.range.start.line) for f in analyze(source).findings] == [("BN002", 5)]


def test_notebook_cells_and_blanked_magics_keep_mixed_line_ends_apart():
    from bnlint.notebook import NotebookSource

    cells = ["import tensorflow as tf\r", "\n%time x = 1\r%matplotlib inline\n\nz = tf.contrib.layers.batch_norm(x)\n"]
    notebook = NotebookSource(cells)
    assert len(line_starts(notebook.source)) - 1 == 6
    (finding,) = analyze(notebook.source).findings
    assert notebook.finding_to_cells(finding).cell == 1
    assert notebook.finding_to_cells(finding).range.start.line == 4
