"""analyze(cancelled=...): the server's way to give up an analysis whose text was edited meanwhile.

Checks that a cancelled analysis raises at its checkpoints (before parsing, in the rules'
loops, between findings), and that the block cache it leaves behind is consistent: the next
analysis with that cache gives exactly what an analysis from scratch gives.
"""

from __future__ import annotations

import pytest

from bnlint.analysis import AnalysisCancelled, BlockCache, analyze
from bnlint.config import Config

FUNCTION = '''
def train_{i}(x, labels, is_training):
    h = tf.layers.dense(x, 16, use_bias=False)
    h = tf.layers.batch_normalization(h, training=is_training, name="bn_{i}")
    h = tf.contrib.layers.batch_norm(h)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, h)
    return tf.train.AdamOptimizer(1e-3).minimize(loss)
'''
SOURCE = "import tensorflow as tf\n" + "".join(FUNCTION.format(i=i) for i in range(12))
EDITED = SOURCE.replace("bn_5", "bn_five")


def counting(stop_after=None):
    """A cancelled() that counts its calls and turns true after `stop_after` of them."""
    calls = []

    def cancelled() -> bool:
        calls.append(None)
        return stop_after is not None and len(calls) > stop_after

    return cancelled, calls


def findings(report):
    return [(f.code, f.range, f.message, f.related, f.fixes) for f in report.findings]


def test_cancelled_from_the_start_raises_before_any_work():
    cancelled, calls = counting(stop_after=0)
    cache = BlockCache()
    with pytest.raises(AnalysisCancelled):
        analyze(SOURCE, config=Config(), cache=cache, cancelled=cancelled)
    assert len(calls) == 1
    assert cache.blocks == {}  # nothing was parsed


def test_checkpoints_come_often_enough_to_stop_between_findings():
    cancelled, calls = counting()
    report = analyze(SOURCE, config=Config(), cancelled=cancelled)
    assert len(report.findings) == 24  # 12 BN001 + 12 BN002
    # at least one check per finding and per call classified, besides the ones between rules
    assert len(calls) > len(report.findings) * 2


def test_every_cancellation_point_leaves_a_consistent_cache():
    expected = findings(analyze(EDITED, config=Config()))
    cancelled, calls = counting()
    analyze(EDITED, config=Config(), cancelled=cancelled)
    total = len(calls)
    for stop_after in range(0, total, max(1, total // 25)):
        cache = BlockCache()
        analyze(SOURCE, config=Config(), cache=cache)
        with pytest.raises(AnalysisCancelled):
            analyze(EDITED, config=Config(), cache=cache, cancelled=counting(stop_after)[0])
        # the editor's next version is analysed with the cache the cancelled run left
        assert findings(analyze(EDITED, config=Config(), cache=cache)) == expected, stop_after
        assert findings(analyze(SOURCE, config=Config(), cache=cache)) == findings(analyze(SOURCE, config=Config()))
