"""BN003 training-default: a tf.layers batch normalization that never gets training (default False)."""

from __future__ import annotations

from . import Rule
from .. import tfapi
from ._common import callee_text, defaulted_training_flag, pass_argument_fixes


class TrainingDefault(Rule):
    code = "BN003"
    name = "training-default"
    summary = "tf.layers batch normalization without training: it defaults to False, also while training"

    def check(self, ctx):
        for bn in ctx.batch_norm_calls:
            if bn.family != "core" or defaulted_training_flag(ctx, bn, tfapi.CONTRIB_BATCH_NORM) is None:
                continue
            yield self.finding(
                ctx.range(bn.call.func),
                f"{callee_text(ctx, bn.call)} is called without training, which defaults to False: it"
                " normalises with its moving statistics even while training, and they never move toward the data",
                pass_argument_fixes(ctx, bn.call, "training"),
            )
