"""Error recovery (bnlint.recovery, used by bnlint.blocks): a statement that does not parse
costs only itself, at unchanged positions, with one notice per file; the block cache keeps
working while a statement is half typed. The rule cases in tests/cases hold more of it."""

from __future__ import annotations

import pytest

from bnlint.analysis import BlockCache, _touches, analyze
from bnlint.blocks import parse_module
from bnlint.findings import Fix, Range, TextEdit
from bnlint.recovery import MAX_PARSES, repair

MODEL = """\
import tensorflow as tf

slim = tf.contrib.slim


def model(images, is_training):
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm)
    net = slim.batch_norm(net)
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)


def train(images, labels, is_training):
    logits = model(images, is_training)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return train_op
"""
MODEL_FINDINGS = [("BN004", 6), ("BN002", 7), ("BN001", 14)]  # 0-based lines


def findings_of(source, cache=None, skip_line=None):
    report = analyze(source, cache=cache)
    return [(f.code, f.range) for f in report.findings if f.range.start.line != skip_line], report.notices


def says(notices, line, count):
    """Whether `notices` is the one notice of a file whose lines from `line` (1-based) on were not all read."""
    lines = "1 line" if count == 1 else f"{count} lines"
    return (
        len(notices) == 1
        and notices[0].message.startswith(f"cannot parse line {line}:")
        and f"; {lines} not read," in notices[0].message
        and notices[0].range.start.line == line - 1
    )


def insert_line(source, after, text):
    lines = source.splitlines(keepends=True)
    return "".join(lines[: after + 1] + [text + "\n"] + lines[after + 1 :])


def moved(findings, from_line):
    """The findings of the text before a line was inserted at `from_line`, as they read after it."""
    out = []
    for code, rng in findings:
        start, end = rng.start, rng.end
        if start.line >= from_line:
            start = type(start)(start.line + 1, start.character)
        if end.line >= from_line:
            end = type(end)(end.line + 1, end.character)
        out.append((code, Range(start, end)))
    return out


def test_the_model_has_its_findings():
    found, notices = findings_of(MODEL)
    assert [(code, rng.start.line) for code, rng in found] == MODEL_FINDINGS
    assert notices == []


PYTHON_2 = [
    "print 'building'",
    "print net",
    "print 'shape', net.get_shape(),",
    "exec 'import layers'",
    "depth = `64`",
    "wide = depth <> 64",
    "mode = 0777",
    "steps = 10L",
    "tag = ur'bn'",
    "raise ValueError, 'no'",
    "lambda (a, b): a",
]


@pytest.mark.parametrize("statement", PYTHON_2)
def test_python_2_statement_costs_its_line(statement):
    before, _ = findings_of(MODEL)
    source = insert_line(MODEL, 6, "    " + statement)
    found, notices = findings_of(source)
    assert found == moved(before, 7)
    assert says(notices, 8, 1)
    assert notices[0].range.start.line == 7 and notices[0].range.start.character == 4


def test_python_2_except_clause_keeps_its_body():
    source = MODEL.replace(
        "    net = slim.batch_norm(net)\n",
        "    try:\n        net = slim.batch_norm(net)\n    except ValueError, e:\n"
        "        print 'failed', e\n        net = slim.batch_norm(net, scope='again')\n",
    )
    found, notices = findings_of(source)
    assert [(code, rng.start.line) for code, rng in found] == [("BN004", 6), ("BN002", 8), ("BN002", 11), ("BN001", 18)]
    assert says(notices, 10, 2)


def test_one_notice_for_many_broken_statements():
    source = insert_line(insert_line(MODEL, 6, "    print 'a'"), 12, "    print 'b'")
    _, notices = findings_of(source)
    assert says(notices, 8, 2)


def test_an_unclosed_call_is_cut_back_to_its_own_lines():
    before, _ = findings_of(MODEL)
    source = insert_line(MODEL, 6, "    net = slim.conv2d(net, 64, [3, 3],\n                      stride=2")
    found, notices = findings_of(source)
    assert found == moved(moved(before, 7), 7)
    assert says(notices, 8, 2)


def test_a_broken_def_header_keeps_the_function_body():
    source = MODEL.replace("def model(images, is_training):", "def model(images, is_training:")
    found, notices = findings_of(source)
    assert [(code, rng.start.line) for code, rng in found] == MODEL_FINDINGS
    assert says(notices, 6, 1)


def test_many_python_2_statements_in_one_function_are_all_skipped():
    prints = "".join(f"    print 'step {i}', `net`\n    x = 0{i}\n" for i in range(1, 3 * MAX_PARSES // 2 + 1))
    source = MODEL.replace("    net = slim.batch_norm(net)\n", "    net = slim.batch_norm(net)\n" + prints)
    found, notices = findings_of(source)
    assert [(code, rng.start.line) for code, rng in found] == [("BN004", 6), ("BN002", 7), ("BN001", 14 + 3 * MAX_PARSES)]
    assert says(notices, 9, 3 * MAX_PARSES)


def test_a_block_past_the_parse_budget_is_not_read_and_the_others_are():
    # broken statements with no Python 2 mark: each costs a parse of the block
    broken = "".join(f"    y{i} = slim.\n" for i in range(MAX_PARSES + 5))
    source = MODEL.replace("    net = slim.batch_norm(net)\n", "    net = slim.batch_norm(net)\n" + broken)
    found, notices = findings_of(source)
    assert [code for code, _ in found] == []  # model() is not read: train() has no batch norm left to see
    lines = source.splitlines()
    block = lines.index("def train(images, labels, is_training):") - lines.index("def model(images, is_training):")
    assert says(notices, 6, block)


def test_repair_keeps_every_line_and_its_ending():
    lines = ["def f():\r\n", "    a = (1,\r\n", "    b = 2\r\n"]
    fixed = repair(lines)
    assert len(fixed.lines) == 3 and all(line.endswith("\r\n") for line in fixed.lines)
    assert fixed.lines[2] == lines[2] and fixed.skipped == ((1, 2),)
    assert repair(["x = 1\n"]) is None  # nothing to repair


@pytest.mark.parametrize(
    "block, skipped",
    [
        # a stray clause: its header is not read, its body is
        ("def f():\n    a = 1\n    else:\n        b = 2\n    c = 3\n", ((2, 3),)),
        ("def f():\n    a = 1\n    except ValueError:\n        b = 2\n", ((2, 3),)),
        # indented to no outer level: that statement (and its body), not the lines after it
        ("def f():\n    a = 1\n   b = 2\n    c = 3\n", ((2, 3),)),
        ("def f():\n    a = 1\n   if x:\n        b = 2\n    c = 3\n", ((2, 4),)),
        ("def f():\n\tif x:\n\t\ta = 1\n\t        b = 2\n\tc = 3\n", ((3, 4),)),
        # indented where no block opens: the run of such lines
        ("def f():\n    a = 1\n        b = 2\n        c = 2\n    d = 3\n", ((2, 4),)),
    ],
)
def test_indentation_and_stray_clauses_cost_their_statement(block, skipped):
    fixed = repair(block.splitlines(keepends=True))
    assert fixed.skipped == skipped
    lines = block.splitlines(keepends=True)
    kept = [i for i in range(len(lines)) if not any(a <= i < b for a, b in skipped)]
    assert [fixed.lines[i] for i in kept] == [lines[i] for i in kept]


def test_a_form_feed_resets_the_indentation_width():
    # Python counts a line's indentation from its last form feed: "\f\f\f\f    c" is at the
    # function's level, not in the run of lines indented where no block opens
    lines = ["def f():\n", "    a = 1\n", "        b = 2\n", "\f\f\f\f    c = 3\n"]
    fixed = repair(lines)
    assert fixed.skipped == ((2, 3),) and fixed.lines[3] == lines[3]
    source = "import tensorflow as tf\n\n\ndef f(h):\n    a = 1\n        b = 2\n\f\f\f\f    h = tf.contrib.layers.batch_norm(h)\n    return h\n"
    findings, notices = findings_of(source)
    assert [(code, rng.start.line) for code, rng in findings] == [("BN002", 6)] and says(notices, 6, 1)


def test_a_fix_that_would_touch_a_line_not_read_is_dropped():
    def fix(start_line, end_line, end_character=0):
        return Fix("f", (TextEdit(Range.of(start_line, 0, end_line, end_character), "x"),))

    skipped = [(7, 9)]
    assert _touches(fix(8, 8), skipped) and _touches(fix(5, 7, 3), skipped)
    assert not _touches(fix(6, 7, 0), skipped)  # ends where line 7 begins
    assert not _touches(fix(9, 9), skipped) and not _touches(fix(6, 6), skipped)


OPENERS = {"(": ")", "[": "]", "{": "}"}


def keystrokes(statement, autoclose):
    """The line after each keystroke; with `autoclose`, brackets and quotes are closed as VS Code does."""
    before, after, states = "", "", []
    for char in statement:
        if autoclose and after and after[0] == char and char in ")]}'":
            before, after = before + char, after[1:]
        elif autoclose and char in OPENERS:
            before, after = before + char, OPENERS[char] + after
        elif autoclose and char == "'":
            before, after = before + char, char + after
        else:
            before += char
        states.append(before + after)
    return states


@pytest.mark.parametrize("autoclose", [True, False], ids=["autoclose", "plain"])
def test_typing_a_statement_keeps_every_other_finding(autoclose):
    """Each keystroke of a statement typed inside model(): the findings outside its line stay,
    and analysing with the block cache gives what analysing from scratch gives."""
    before, _ = findings_of(MODEL)
    expected = moved(before, 7)
    statement = "net = slim.conv2d(net, 64, [3, 3], normalizer_fn=None, scope='conv_x', padding='SAME')"
    cache = BlockCache()
    analyze(MODEL, cache=cache)
    for typed in keystrokes(statement, autoclose):
        source = insert_line(MODEL, 6, "    " + typed)
        found, notices = findings_of(source, cache, skip_line=7)
        assert found == expected, typed
        fresh, fresh_notices = findings_of(source, skip_line=7)
        assert (found, notices) == (fresh, fresh_notices), typed


def test_typing_an_unclosed_call_rebuilds_only_its_own_function():
    cache = BlockCache()
    analyze(MODEL, cache=cache)
    train_entry = next(entries[0] for text, entries in cache.blocks.items() if text.startswith("def train"))
    analyze(insert_line(MODEL, 6, "    net = slim.conv2d(net"), cache=cache)
    assert any(entries[0] is train_entry for entries in cache.blocks.values())
    assert [text.split("\n")[0] for text in cache.repairs] == ["def model(images, is_training):"]


def test_skipped_lines_are_reported_by_the_core():
    source = insert_line(MODEL, 6, "    print net")
    assert parse_module(source).skipped == [(7, 8)]


def test_a_repaired_block_that_moves_gives_what_a_fresh_analysis_gives():
    """A cached repair is reused where the block moved to; the parser's message names lines
    ("detected at line N"), which move with it."""
    broken = insert_line(MODEL, 6, "    name = 'conv")
    versions = [broken, "import os\n\n" + broken, "\n" + broken, broken]
    cache = BlockCache()
    for source in versions:
        assert findings_of(source, cache) == findings_of(source)
