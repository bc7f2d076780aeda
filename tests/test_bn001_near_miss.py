"""BN001's near miss: what the case files cannot show (the message and relatedInformation)."""

from __future__ import annotations

from bnlint.analysis import analyze
from bnlint.config import Config

SOURCE = """\
import tensorflow as tf

slim = tf.contrib.slim


def build(images, loss, is_training):
    net = slim.batch_norm(images, is_training=is_training)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        optimizer = tf.train.AdamOptimizer(1e-3)
    return optimizer.minimize(loss)


def plain(loss):
    return tf.train.AdamOptimizer(1e-3).minimize(loss)
"""


def bn001(source):
    return [f for f in analyze(source, "near_miss.py", Config()).findings if f.code == "BN001"]


def test_near_miss_message_and_related_name_the_block():
    near, plain = bn001(SOURCE)
    assert "block at line 9 builds no train op" in near.message
    blocks = [r for r in near.related if "builds no train op" in r.message]
    assert [(r.range.start.line, r.range.start.character) for r in blocks] == [(8, 9)]
    assert any("batch norm" in r.message for r in near.related)
    # a train op in another function is no near miss of that block
    assert "builds no train op" not in plain.message
    assert not any("builds no train op" in r.message for r in plain.related)
