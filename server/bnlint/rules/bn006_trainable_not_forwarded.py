"""BN006 trainable-not-forwarded: the layer's trainable does not reach its batch norm."""

from __future__ import annotations

from ..findings import Fix
from .. import fixes as edits
from . import Rule
from ._common import batch_norm_gets, literal_is, normalizer_params_fixes, params_state, trainable_left_behind


class TrainableNotForwarded(Rule):
    code = "BN006"
    name = "trainable-not-forwarded"
    summary = "Layer's trainable is not passed on to its batch norm, whose beta/gamma keep training"

    def check(self, ctx):
        for layer in ctx.layer_calls:
            if layer.normalizer_family != "contrib":
                continue
            keyword = layer.args.keyword_nodes.get("trainable")
            if keyword is None or literal_is(ctx, keyword.value, True):
                continue
            state = params_state(ctx, layer)
            if state is None:
                continue
            if state.missing:
                # no params at all: BN004 reports it and its fix carries trainable, unless
                # is_training comes from an arg_scope (or a partial) and BN004 stays silent
                if trainable_left_behind(ctx, layer) is not None:
                    expression = ctx.text(keyword.value)
                    yield self.finding(
                        ctx.range(keyword),
                        f"trainable={expression} applies to this layer's own variables only: it passes no"
                        " normalizer_params, so its batch norm's beta/gamma stay trainable",
                        normalizer_params_fixes(ctx, layer, layer.call, layer.normalizer_keyword),
                    )
                continue
            if batch_norm_gets(ctx, layer, "trainable", state.visible):
                continue
            expression = ctx.text(keyword.value)
            edit = edits.add_dict_entry(ctx.document, state.visible.node, "trainable", expression)
            yield self.finding(
                ctx.range(keyword),
                f"trainable={expression} applies to this layer's own variables only: normalizer_params has no"
                " 'trainable', so its batch norm's beta/gamma stay trainable",
                [Fix(f"Add 'trainable': {expression} to normalizer_params", (edit,), True)],
            )
