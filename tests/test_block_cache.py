"""The block cache (what the server keeps between versions of a document) never changes a
result: analysing each version with the cache gives what analysing it from scratch gives."""

from __future__ import annotations

from bnlint.analysis import BlockCache, analyze

HEADER = "import tensorflow as tf\n\n\n"
MODEL = "def model(x, is_training):\n    return tf.contrib.layers.batch_norm(x)\n\n\n"
STATEMENT = "h = tf.layers.batch_normalization(x)\n"
TRAIN = "train_op = tf.train.AdamOptimizer().minimize(loss)\n"


def outcome(source, cache=None):
    report = analyze(source, cache=cache)
    return (
        [(f.code, f.range, f.message, f.related, f.fixes) for f in report.findings],
        [n.message for n in report.notices],
    )


def check_versions(versions):
    cache = BlockCache()
    for number, source in enumerate(versions):
        assert outcome(source, cache) == outcome(source), f"version {number} differs:\n{source}"


def test_a_duplicated_function_keeps_the_findings_of_every_copy():
    versions = [
        HEADER + MODEL,
        HEADER + MODEL + MODEL,  # the user duplicates the function to edit the copy
        HEADER + MODEL + MODEL + MODEL,
        HEADER + MODEL + MODEL.replace("model(", "model_2("),
        HEADER + MODEL + MODEL,
        HEADER + MODEL,
    ]
    check_versions(versions)
    assert [f[0] for f in outcome(versions[2])[0]] == ["BN002"] * 3


def test_duplicated_statements_and_a_syntax_error_elsewhere():
    versions = [
        HEADER + STATEMENT + TRAIN,
        HEADER + STATEMENT + STATEMENT + TRAIN,
        HEADER + STATEMENT + STATEMENT + TRAIN + "x = (\n",  # typing at the bottom
        HEADER + STATEMENT + STATEMENT + STATEMENT + TRAIN + "x = (\n",
        HEADER + STATEMENT + STATEMENT + STATEMENT + TRAIN + TRAIN,
        HEADER + TRAIN + STATEMENT + TRAIN + STATEMENT,  # moved
    ]
    check_versions(versions)
    assert [f[0] for f in outcome(versions[3])[0]] == ["BN003"] * 3 + ["BN001"]


def test_a_form_feed_before_an_indented_line_does_not_split_its_block():
    # Python takes "\x0c    z = ..." as an indented line: the block it is in stays one block.
    # Found by the differential property test (the server lost the finding after the \x0c).
    body = "def build(x):\n    net = tf.layers.conv2d(x, 3, 3)\n{}    z = tf.layers.batch_normalization(net)\n    return z\n"
    versions = [HEADER + body.format(""), HEADER + body.format("\x0c"), HEADER + body.format("\x0c\x0c")]
    check_versions(versions)
    assert [f[0] for f in outcome(versions[1])[0]] == ["BN003"]
