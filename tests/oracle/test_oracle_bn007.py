"""BN007 in TensorFlow: a layer's data_format='NCHW' does not reach its batch norm, which then
normalises the last axis: moving_mean gets the width's shape, not the channels'. With
bnlint's 'data_format' entry it gets one entry per channel."""

from __future__ import annotations

import pytest

from oracle_harness import batch_norm_shapes, fixed_by_bnlint, program, record

pytestmark = pytest.mark.tf_oracle

CHANNELS, HEIGHT, WIDTH = 3, 8, 5  # all different, so each axis is told apart
FILTERS = 256  # the examples' conv2d


def block(namespace, inputs):
    return namespace["block"](inputs.images, inputs.is_training)


@pytest.mark.parametrize("name", ["BN007/page_example.py", "BN007/without_params.py"])
def test_moving_mean_has_the_width_shape_until_fixed(name):
    bad = program(name)
    fixed = fixed_by_bnlint(bad, "BN007")
    before = batch_norm_shapes(bad, block, (CHANNELS, HEIGHT, WIDTH))
    after = batch_norm_shapes(fixed, block, (CHANNELS, HEIGHT, WIDTH))
    record(
        f"BN007 {name}",
        output_nchw=before.output,
        bad_moving_mean_shapes=before.moving_mean,
        fixed_moving_mean_shapes=after.moving_mean,
    )
    assert before.output == (FILTERS, HEIGHT, WIDTH), before.output
    assert before.moving_mean == [(WIDTH,)], f"{name}: {before.moving_mean}"
    assert after.output == (FILTERS, HEIGHT, WIDTH) and after.moving_mean == [(FILTERS,)], f"{name}: {after.moving_mean}"
