"""BN009 in TensorFlow (legacy Keras, graph mode): a Keras BatchNormalization puts nothing in
UPDATE_OPS, so a tf.train train op never runs its moving-average updates, with the UPDATE_OPS
wiring or without it: the moving means stay at exactly 0. bnlint's fix (the layer's
`.updates`, or the model's `get_updates_for(<its input>)`, as dependencies) makes them move."""

from __future__ import annotations

import pytest

from oracle_harness import STEPS, fixed_by_bnlint, moving_means_after_training, program, record

pytestmark = pytest.mark.tf_oracle

PROGRAMS = [
    "BN009/page_example.py",  # a named layer, UPDATE_OPS wiring present
    "BN009/sequential.py",  # TF2-style spelling, tf.keras.Sequential, no wiring
    "BN009/functional.py",  # a functional model built on keras.Input
    "BN009/sequential_input_shape.py",  # model.add(...), the first layer given input_shape
]


def build(namespace, inputs):
    return namespace["build"](inputs.features, inputs.targets, inputs.is_training)


@pytest.mark.parametrize("name", PROGRAMS)
def test_keras_moving_means_stay_zero_until_fixed(name):
    bad = program(name)
    fixed = fixed_by_bnlint(bad, "BN009")
    before = moving_means_after_training(bad, build)
    after = moving_means_after_training(fixed, build)
    record(
        f"BN009 {name}",
        steps=STEPS,
        update_ops_collection=before.update_ops,
        bad_moving_mean_abs_max=before.moving_mean_abs_max,
        fixed_moving_mean_abs_max=after.moving_mean_abs_max,
    )
    assert before.update_ops == 0, f"{name}: TensorFlow put the Keras batch norm's updates in UPDATE_OPS"
    assert before.moving_mean_abs_max == 0.0, f"{name}: moving means moved without the fix"
    assert after.moving_mean_abs_max > 1e-3, f"{name}: moving means still 0 after bnlint's fix:\n{fixed.source}"


def test_model_updates_of_a_functional_model_need_its_input_fed():
    """Why the fix writes model.get_updates_for(x), not model.updates, for a model: a model built
    on keras.Input also holds the updates of that symbolic call, and running them asks for the
    Input placeholder."""
    functional = program("BN009/functional.py")
    wired = functional.source.replace(
        "    return tf.train.GradientDescentOptimizer(0.1).minimize(loss)",
        "    with tf.control_dependencies(model.updates):\n        return tf.train.GradientDescentOptimizer(0.1).minimize(loss)",
    )
    assert wired != functional.source
    with pytest.raises(Exception, match="input"):
        moving_means_after_training(type(functional)(functional.path, wired), build)
    record("BN009 BN009/functional.py with model.updates", fails="needs the keras.Input placeholder fed")
