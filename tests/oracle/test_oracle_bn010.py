"""BN010 in TensorFlow: a Saver given tf.trainable_variables() neither saves nor restores batch
norm's moving mean and variance, so the restored model normalises with 0 and 1 and its
inference output changes; with bnlint's fix (global variables) the restored model is the saved one."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from oracle_harness import BATCH, FEATURES, fixed_by_bnlint, images, loaded, program, record, session, tf

pytestmark = pytest.mark.tf_oracle


def statistics():
    names = ("moving_mean", "moving_variance")
    return [v for v in tf.global_variables() if v.op.name.endswith(names)]


def set_statistics(sess, mean_base: float = 0.5) -> None:
    """Stand-in for training: give every moving mean / variance values far from their initial 0 / 1."""
    rng = np.random.RandomState(5)
    for variable in statistics():
        shape = variable.shape.as_list()
        base = mean_base if variable.op.name.endswith("moving_mean") else 3.0
        sess.run(variable.assign(base + rng.uniform(0.0, 1.0, size=shape).astype(np.float32)))


@dataclass
class Restored:
    statistics: int  # moving mean / variance variables in the graph
    mean_error: float  # max |restored moving_mean - saved moving_mean|
    output_error: float  # max |inference output after restore - before save|


def save_and_restore(prog, tmp_path) -> Restored:
    """Save with the program's own Saver after setting the statistics, restore with it into a
    fresh graph, and compare the moving means and the inference output."""
    batch = images(BATCH, 0.0, 1.0, seed=11)
    with loaded(prog) as (namespace, inputs):
        output, saver = namespace["build"](inputs.images, inputs.is_training)
        with session() as sess:
            sess.run(tf.global_variables_initializer())
            set_statistics(sess)
            count = len(statistics())
            saved_means = sess.run([v for v in statistics() if v.op.name.endswith("moving_mean")])
            before = sess.run(output, {inputs.images: batch})
            path = saver.save(sess, str(tmp_path / "model.ckpt"))
    with loaded(prog) as (namespace, inputs):
        output, saver = namespace["build"](inputs.images, inputs.is_training)
        with session() as sess:
            sess.run(tf.global_variables_initializer())
            saver.restore(sess, path)
            restored_means = sess.run([v for v in statistics() if v.op.name.endswith("moving_mean")])
            after = sess.run(output, {inputs.images: batch})
    mean_error = max(float(np.max(np.abs(a - b))) for a, b in zip(saved_means, restored_means))
    return Restored(count, mean_error, float(np.max(np.abs(after - before))))


@pytest.mark.parametrize("name", ["BN010/page_example.py", "BN010/keras_layer.py"])
def test_saver_drops_moving_statistics_until_fixed(name, tmp_path):
    bad = program(name)
    fixed = fixed_by_bnlint(bad, "BN010")
    before = save_and_restore(bad, tmp_path / "bad")
    after = save_and_restore(fixed, tmp_path / "fixed")
    record(
        f"BN010 {name}",
        statistics=before.statistics,
        bad_moving_mean_error=before.mean_error,
        bad_output_error=before.output_error,
        fixed_moving_mean_error=after.mean_error,
        fixed_output_error=after.output_error,
    )
    assert before.statistics >= 2, f"{name}: no moving statistics in the graph"
    assert before.mean_error > 0.4, f"{name}: the moving means came back without the fix"
    assert before.output_error > 1e-2, f"{name}: inference unchanged after a restore without the statistics"
    assert after.mean_error == 0.0 and after.output_error < 1e-5, f"{name}: still lost after bnlint's fix:\n{fixed.source}"


def test_restoring_side_of_a_rule_case(tmp_path):
    """cases/BN010/compat_v1_var_list_keyword.py restores into an inference graph with only the
    trainable variables: its output is not the saved model's until the fix."""
    bad = program("cases/BN010/compat_v1_var_list_keyword.py")
    fixed = fixed_by_bnlint(bad, "BN010")
    errors = []
    for prog, folder in ((bad, "bad"), (fixed, "fixed")):
        with loaded(prog) as (namespace, inputs):
            x = tf.placeholder(tf.float32, [None, 784])
            logits = namespace["model"](x, training=inputs.is_training)
            with session() as sess:
                sess.run(tf.global_variables_initializer())
                set_statistics(sess, mean_base=-1.5)  # the case feeds zeros: keep the ReLU after batch norm open
                reference = sess.run(logits, {x: np.zeros((1, 784), np.float32)})
                path = tf.train.Saver().save(sess, str(tmp_path / folder / "model.ckpt"))
        with loaded(prog) as (namespace, _):
            exported = namespace["export"](path)
        errors.append(float(np.max(np.abs(exported - reference))))
    record("BN010 cases/BN010/compat_v1_var_list_keyword.py", bad_output_error=errors[0], fixed_output_error=errors[1])
    assert errors[0] > 1e-2, "restoring only the trainable variables gave the saved model's output"
    assert errors[1] < 1e-5, f"the fixed restore still differs:\n{fixed.source}"
