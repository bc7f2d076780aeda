"""BN001 in TensorFlow: without UPDATE_OPS in the train op the moving means stay at exactly 0;
bnlint's fix makes them move. The fix's spelling must exist on the TensorFlow that runs."""

from __future__ import annotations

import pytest
import tensorflow as tensorflow_v2

from oracle_harness import STEPS, moving_means_after_training, fixed_by_bnlint, program, record, tf

pytestmark = pytest.mark.tf_oracle


def build(namespace, inputs):
    return namespace["build"](inputs.images, inputs.labels, inputs.is_training)


def with_optimizer(namespace, inputs):
    optimizer = tf.train.AdamOptimizer(1e-3)
    return namespace["train_op_for"](inputs.images, inputs.labels, optimizer, inputs.is_training)


def regression(namespace, inputs):
    return namespace["build_graph"](inputs.features, inputs.targets, inputs.is_training)


def two_classes(namespace, inputs):
    return namespace["train_step_op"](inputs.features, tf.one_hot(inputs.labels % 2, 2), inputs.is_training)


PROGRAMS = [
    ("BN001/page_example.py", build),
    ("BN001/tf2_style.py", build),
    # the two files whose fix used to raise AttributeError on TF 2.x (tf.get_collection)
    ("cases/BN001/tf_slim_beside_plain_tensorflow.py", with_optimizer),
    ("cases/BN001/compat_v1_from_imports_only.py", build),
    ("cases/BN001/compat_v1_import.py", regression),
    ("cases/BN001/compat_v1_attribute_spelling.py", two_classes),
]


@pytest.mark.parametrize("name, build_train_op", PROGRAMS, ids=[name for name, _ in PROGRAMS])
def test_moving_means_stay_zero_until_fixed(name, build_train_op):
    bad = program(name)
    fixed = fixed_by_bnlint(bad, "BN001")
    before = moving_means_after_training(bad, build_train_op)
    after = moving_means_after_training(fixed, build_train_op)
    record(
        f"BN001 {name}",
        steps=STEPS,
        bad_moving_mean_abs_max=before.moving_mean_abs_max,
        fixed_moving_mean_abs_max=after.moving_mean_abs_max,
        update_ops=before.update_ops,
    )
    assert before.update_ops > 0, "the batch norms must make update ops for BN001 to matter"
    assert before.moving_mean_abs_max == 0.0, f"{name}: moving means moved without the fix"
    assert after.moving_mean_abs_max > 1e-3, f"{name}: moving means still 0 after bnlint's fix:\n{fixed.source}"


def test_plain_tf1_spelling_is_missing_on_this_tensorflow():
    """Why the fix spells tf.compat.v1 unless tf is tensorflow.compat.v1 or the file is TF1-only."""
    missing = [name for name in ("get_collection", "GraphKeys", "control_dependencies") if not hasattr(tensorflow_v2, name)]
    record("BN001 plain tf spellings missing on TF 2", missing=missing)
    assert tensorflow_v2.__version__.startswith("1.") or "get_collection" in missing and "GraphKeys" in missing
    assert hasattr(tensorflow_v2.compat.v1, "get_collection") and hasattr(tensorflow_v2.compat.v1, "GraphKeys")
