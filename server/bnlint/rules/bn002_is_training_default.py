"""BN002 is-training-default: a contrib/slim batch_norm that never gets is_training (default True)."""

from __future__ import annotations

from . import Rule
from .. import tfapi
from ._common import callee_text, defaulted_training_flag, pass_argument_fixes


class IsTrainingDefault(Rule):
    code = "BN002"
    name = "is-training-default"
    summary = "contrib/slim batch_norm without is_training: it defaults to True, also at inference"

    def check(self, ctx):
        for bn in ctx.batch_norm_calls:
            if bn.family != "contrib" or defaulted_training_flag(ctx, bn, tfapi.CONTRIB_BATCH_NORM) is None:
                continue
            yield self.finding(
                ctx.range(bn.call.func),
                f"{callee_text(ctx, bn.call)} is called without is_training, which defaults to True: it"
                " normalises with batch statistics and updates its moving averages even at inference",
                pass_argument_fixes(ctx, bn.call, "is_training"),
            )
