"""BN005 normalizer-params-no-is-training: normalizer_params whose keys lack 'is_training'."""

from __future__ import annotations

from . import Rule
from ._common import add_entry_fixes, batch_norm_gets, params_state


class NormalizerParamsNoIsTraining(Rule):
    code = "BN005"
    name = "normalizer-params-no-is-training"
    summary = "normalizer_params without 'is_training': batch norm runs in training mode, also at inference"

    def check(self, ctx):
        for layer in ctx.layer_calls:
            if layer.normalizer_family != "contrib":
                continue
            state = params_state(ctx, layer)
            if state is None or state.missing or state.keyword is None:
                continue
            if batch_norm_gets(ctx, layer, "is_training", state.visible):
                continue
            trainable = layer.args.keyword_nodes.get("trainable")
            yield self.finding(
                ctx.range(state.keyword),
                "normalizer_params has no 'is_training', so batch norm keeps its default is_training=True:"
                " batch statistics and moving-average updates, also at inference",
                add_entry_fixes(
                    ctx, state.visible, "is_training", layer.call, ctx.text(trainable.value) if trainable else None
                ),
            )
