"""BN004 in TensorFlow: a layer given normalizer_fn=batch_norm and no normalizer_params runs
batch norm at is_training=True, so at inference one example's output depends on the batch it
is in; with bnlint's normalizer_params={'is_training': ...} (fed False at inference) it does not."""

from __future__ import annotations

import pytest

from oracle_harness import batch_dependence, fixed_by_bnlint, program, record, tf

pytestmark = pytest.mark.tf_oracle

PROGRAMS = [
    ("BN004/page_example.py", lambda ns, inputs: ns["stem"](inputs.images, inputs.is_training)),
    (
        "cases/BN004/tf_slim_layers_conv2d_transpose.py",
        lambda ns, inputs: ns["upsample"](inputs.images, tf.tile(inputs.images, [1, 2, 2, 1]), inputs.is_training),
    ),
]


@pytest.mark.parametrize("name, build_output", PROGRAMS, ids=[name for name, _ in PROGRAMS])
def test_inference_depends_on_the_batch_until_fixed(name, build_output):
    bad = program(name)
    fixed = fixed_by_bnlint(bad, "BN004")
    before = batch_dependence(bad, build_output)
    after = batch_dependence(fixed, build_output)
    record(f"BN004 {name}", bad_spread=before.spread, fixed_spread=after.spread, output_scale=before.scale)
    assert before.spread > 0.1 * before.scale, f"{name}: inference does not depend on the batch without the fix"
    assert after.spread <= 1e-5 * max(1.0, after.scale), f"{name}: still depends on the batch after the fix"
