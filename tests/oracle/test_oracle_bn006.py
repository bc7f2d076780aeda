"""BN006 in TensorFlow: a layer's trainable=False does not reach its batch norm, so beta and
gamma stay in tf.trainable_variables() and training moves them; with bnlint's 'trainable'
entry they are frozen with the layer."""

from __future__ import annotations

import pytest

from oracle_harness import STEPS, batch_norm_parameters_after_training, fixed_by_bnlint, program, record

pytestmark = pytest.mark.tf_oracle

PROGRAMS = [
    ("BN006/page_example.py", lambda ns, inputs: ns["frozen_stem"](inputs.images, inputs.is_training)),
    ("cases/BN006/tf_slim_conv2d_transpose.py", lambda ns, inputs: ns["frozen_decoder"](inputs.images, inputs.is_training)),
]


@pytest.mark.parametrize("name, build_output", PROGRAMS, ids=[name for name, _ in PROGRAMS])
def test_frozen_layer_batch_norm_trains_until_fixed(name, build_output):
    bad = program(name)
    fixed = fixed_by_bnlint(bad, "BN006")
    before = batch_norm_parameters_after_training(bad, build_output)
    after = batch_norm_parameters_after_training(fixed, build_output)
    record(
        f"BN006 {name}",
        steps=STEPS,
        bad_trainable=before.trainable,
        bad_change=before.change,
        fixed_trainable=after.trainable,
        fixed_change=after.change,
    )
    assert before.trainable == before.parameters, f"{name}: beta / gamma not trainable without the fix"
    assert before.change > 1e-4, f"{name}: beta / gamma did not move in training"
    assert after.trainable == [] and after.parameters, f"{name}: still trainable after the fix: {after.trainable}"
    assert after.change == 0.0, f"{name}: beta / gamma moved after the fix"
