"""BN011 in TensorFlow: slim dropout without is_training keeps dropping at inference (the same
input gives different outputs run after run); tf.layers.dropout without training drops
nothing while training. bnlint's fix passes the model's flag, and both behave."""

from __future__ import annotations

import numpy as np
import pytest

from oracle_harness import BATCH, fixed_by_bnlint, images, loaded, program, record, session, tf

pytestmark = pytest.mark.tf_oracle

RUNS = 5


def inference_spread(prog, build_output) -> float:
    """Largest difference between RUNS inference runs (is_training left False) on one batch."""
    batch = images(BATCH, 0.0, 1.0, seed=7)
    with loaded(prog) as (namespace, inputs):
        output = build_output(namespace, inputs)
        with session() as sess:
            sess.run(tf.global_variables_initializer())
            outs = [sess.run(output, {inputs.images: batch}) for _ in range(RUNS)]
    return float(max(np.max(np.abs(out - outs[0])) for out in outs))


def dropped_while_training(prog) -> float:
    """Fraction of the dropout's outputs that are 0 in a training step (inputs have mean 1, never 0)."""
    with loaded(prog) as (namespace, inputs):
        _, kept = namespace["regressor"](inputs.features, inputs.is_training)
        with session() as sess:
            sess.run(tf.global_variables_initializer())
            feed = inputs.feed(images(BATCH, 1.0, 1.0, seed=3), training=True)
            feed[inputs.features] = np.full((BATCH, 16), 1.0, dtype=np.float32)
            values = sess.run(kept, feed)
    return float(np.mean(values == 0.0))


def head(namespace, inputs):
    return namespace["classifier_head"](inputs.images, 10, inputs.is_training)


def tf2_head(namespace, inputs):
    return namespace["head"](inputs.images, 10, inputs.is_training)


@pytest.mark.parametrize(
    "name, build_output",
    [("BN011/page_example.py", head), ("BN011/tf2_style.py", tf2_head)],
    ids=["page_example", "tf2_style"],
)
def test_slim_dropout_drops_at_inference_until_fixed(name, build_output):
    bad = program(name)
    fixed = fixed_by_bnlint(bad, "BN011")
    before = inference_spread(bad, build_output)
    after = inference_spread(fixed, build_output)
    record(f"BN011 {name}", runs=RUNS, bad_inference_spread=before, fixed_inference_spread=after)
    assert before > 1e-3, f"{name}: inference is deterministic without the fix"
    assert after == 0.0, f"{name}: inference still varies after bnlint's fix:\n{fixed.source}"


def test_layers_dropout_never_drops_until_fixed():
    bad = program("BN011/layers_dropout.py")
    fixed = fixed_by_bnlint(bad, "BN011")
    before = dropped_while_training(bad)
    after = dropped_while_training(fixed)
    record("BN011 BN011/layers_dropout.py", rate=0.5, bad_dropped_fraction=before, fixed_dropped_fraction=after)
    assert before == 0.0, "tf.layers.dropout dropped units without training=True"
    assert 0.25 < after < 0.75, f"fixed dropout drops {after:.2f} of its inputs, not about half:\n{fixed.source}"
