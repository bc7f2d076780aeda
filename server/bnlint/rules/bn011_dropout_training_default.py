"""BN011 dropout-training-default: dropout whose training flag is left at its default.

contrib/slim `dropout` defaults to is_training=True (it keeps dropping at inference);
`tf.layers.dropout` defaults to training=False (it never drops while training). Same
argument, arg_scope, partial and naming rules as BN002 / BN003.
"""

from __future__ import annotations

from .. import tfapi
from . import Rule
from ._common import callee_text, defaulted_training_flag, pass_argument_fixes

_WHAT_GOES_WRONG = {
    "is_training": "which defaults to True: it keeps dropping units at evaluation and inference, so"
    " predictions are noisy and change from run to run",
    "training": "which defaults to False: it never drops anything, also while training, so the model"
    " trains without the dropout it was given",
}


class DropoutTrainingDefault(Rule):
    code = "BN011"
    name = "dropout-training-default"
    summary = "dropout without is_training / training: slim keeps dropping at inference, tf.layers never drops"

    def check(self, ctx):
        for site in ctx.dropout_calls:
            key = defaulted_training_flag(ctx, site, tfapi.CONTRIB_DROPOUT)
            if key is None:
                continue
            yield self.finding(
                ctx.range(site.call.func),
                f"{callee_text(ctx, site.call)} is called without {key}, {_WHAT_GOES_WRONG[key]}",
                pass_argument_fixes(ctx, site.call, key),
            )
