"""BN002 in TensorFlow: a contrib / tf_slim batch_norm without is_training uses batch statistics
at inference, so one example's output depends on the batch it is in; with bnlint's
is_training fix (fed False at inference) it does not."""

from __future__ import annotations

import pytest

from oracle_harness import batch_dependence, fixed_by_bnlint, program, record

pytestmark = pytest.mark.tf_oracle

PROGRAMS = [
    ("BN002/page_example.py", lambda ns, inputs: ns["block"](inputs.images, inputs.is_training)),
    ("cases/BN002/star_import_tf_slim_arg_scope.py", lambda ns, inputs: ns["block"](inputs.images, inputs.is_training)),
    (
        "cases/BN002/tf_slim_multiline_trailing_comma.py",
        lambda ns, inputs: ns["residual_block"](inputs.images, 3, inputs.is_training),
    ),
]


@pytest.mark.parametrize("name, build_output", PROGRAMS, ids=[name for name, _ in PROGRAMS])
def test_inference_depends_on_the_batch_until_fixed(name, build_output):
    bad = program(name)
    fixed = fixed_by_bnlint(bad, "BN002")
    before = batch_dependence(bad, build_output)
    after = batch_dependence(fixed, build_output)
    record(f"BN002 {name}", bad_spread=before.spread, fixed_spread=after.spread, output_scale=before.scale)
    assert before.spread > 0.1 * before.scale, f"{name}: inference does not depend on the batch without the fix"
    assert after.spread <= 1e-5 * max(1.0, after.scale), f"{name}: still depends on the batch after the fix"
