"""BN008 in TensorFlow: UPDATE_OPS read before the batch norms are built is an empty or partial
list, so the moving means of the batch norms built after it stay at exactly 0 although the
train op sits under control_dependencies(update_ops); bnlint's fix (the read moved down to
just before the train op) makes them move."""

from __future__ import annotations

import numpy as np
import pytest

from oracle_harness import (
    BATCH,
    STEPS,
    findings_of,
    fixed_by_bnlint,
    loaded,
    moving_means_after_training,
    program,
    record,
    session,
    tf,
)

pytestmark = pytest.mark.tf_oracle


def page_train(namespace, inputs):
    return namespace["train"](inputs.images, inputs.labels)


def header_train(namespace, inputs):
    return namespace["build_train_op"](inputs.images, inputs.labels, inputs.is_training)


@pytest.mark.parametrize(
    "name, build_train_op",
    [("BN008/page_example.py", page_train), ("BN008/with_header.py", header_train)],
    ids=["page_example", "with_header"],
)
def test_list_read_before_the_model_is_empty_until_fixed(name, build_train_op):
    bad = program(name)
    fixed = fixed_by_bnlint(bad, "BN008")
    before = moving_means_after_training(bad, build_train_op)
    after = moving_means_after_training(fixed, build_train_op)
    record(
        f"BN008 {name}",
        steps=STEPS,
        bad_moving_mean_abs_max=before.moving_mean_abs_max,
        fixed_moving_mean_abs_max=after.moving_mean_abs_max,
        update_ops=before.update_ops,
    )
    assert before.update_ops > 0, "the batch norm must make update ops for BN008 to matter"
    assert before.moving_mean_abs_max == 0.0, "moving means moved although the list was read before the model"
    assert after.moving_mean_abs_max > 1e-3, f"moving means still 0 after bnlint's fix:\n{fixed.source}"


def gan_moving_means(prog) -> dict:
    """Largest |moving_mean| per network after STEPS steps of both train ops."""
    with loaded(prog) as (namespace, inputs):
        d_train, g_train = namespace["build"](inputs.features, inputs.features * 0.5 + 1.0)
        means = [v for v in tf.global_variables() if v.op.name.endswith("moving_mean")]
        with session() as sess:
            sess.run(tf.global_variables_initializer())
            rng = np.random.RandomState(0)
            for _ in range(STEPS):
                sess.run([d_train, g_train], {inputs.features: rng.normal(1.0, 1.0, size=(BATCH, 16))})
            values = sess.run(means)
    result = {}
    for variable, value in zip(means, values):
        net = variable.op.name.split("/")[0]
        result[net] = max(result.get(net, 0.0), float(np.max(np.abs(value))))
    return result


def test_list_read_between_generator_and_discriminator_is_partial_until_fixed():
    bad = program("BN008/gan_partial.py")
    fixed = fixed_by_bnlint(bad, "BN008")
    before = gan_moving_means(bad)
    after = gan_moving_means(fixed)
    record(
        "BN008 BN008/gan_partial.py",
        steps=STEPS,
        bad_generator=before["generator"],
        bad_discriminator=before["discriminator"],
        fixed_generator=after["generator"],
        fixed_discriminator=after["discriminator"],
    )
    assert before["generator"] > 1e-3, "the generator's batch norm (built before the read) should update"
    assert before["discriminator"] == 0.0, "the discriminator's batch norm updated although built after the read"
    assert after["discriminator"] > 1e-3, f"discriminator still 0 after bnlint's fix:\n{fixed.source}"


def test_collection_ref_is_the_live_list():
    """Why BN008 stays silent on get_collection_ref: it holds what is added later."""
    prog = program("BN008/collection_ref.py")
    assert not [f for f in findings_of(prog.source, prog.path) if f.code in ("BN001", "BN008")]
    run = moving_means_after_training(prog, lambda ns, inputs: ns["build"](inputs.images, inputs.labels, inputs.is_training))
    record("BN008 BN008/collection_ref.py (silent)", steps=STEPS, moving_mean_abs_max=run.moving_mean_abs_max)
    assert run.moving_mean_abs_max > 1e-3
