"""BN003 in TensorFlow: a core batch norm without training makes no update ops, so even a train
op that runs UPDATE_OPS leaves its moving statistics at 0; with bnlint's training fix the
updates exist and the moving means move."""

from __future__ import annotations

import pytest

from oracle_harness import STEPS, classifier_loss, fixed_by_bnlint, moving_means_after_training, program, record
from oracle_harness import train_op_running_update_ops

pytestmark = pytest.mark.tf_oracle


def discriminator(namespace, inputs):
    features = namespace["discriminator"](inputs.images, inputs.is_training)
    return train_op_running_update_ops(classifier_loss(features, inputs.labels))


def siamese(namespace, inputs):
    features = namespace["siamese_features"](inputs.features, 2.0 * inputs.features, inputs.is_training)
    return train_op_running_update_ops(classifier_loss(features, inputs.labels))


PROGRAMS = [
    ("BN003/page_example.py", discriminator),
    ("BN003/tf2_style.py", siamese),
]


@pytest.mark.parametrize("name, build_train_op", PROGRAMS, ids=[name for name, _ in PROGRAMS])
def test_no_update_ops_and_still_statistics_until_fixed(name, build_train_op):
    bad = program(name)
    fixed = fixed_by_bnlint(bad, "BN003")
    before = moving_means_after_training(bad, build_train_op)
    after = moving_means_after_training(fixed, build_train_op)
    record(
        f"BN003 {name}",
        steps=STEPS,
        bad_update_ops=before.update_ops,
        fixed_update_ops=after.update_ops,
        bad_moving_mean_abs_max=before.moving_mean_abs_max,
        fixed_moving_mean_abs_max=after.moving_mean_abs_max,
    )
    assert before.update_ops == 0, f"{name}: the batch norm made update ops without training="
    assert before.moving_mean_abs_max == 0.0, f"{name}: moving means moved without training="
    assert after.update_ops >= 2 * after.batch_norms, f"{name}: {after.update_ops} update ops after the fix"
    assert after.moving_mean_abs_max > 1e-3, f"{name}: moving means still 0 after bnlint's fix:\n{fixed.source}"
