"""BN003 training-default: tf.layers batch normalization without training (defaults to False)."""

from __future__ import annotations

from . import Rule


class TrainingDefault(Rule):
    code = "BN003"
    name = "training-default"
    summary = "tf.layers batch normalization without training (defaults to False)"

    def check(self, ctx):
        return ()
