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
        yield from self._arg_scopes(ctx)

    def _arg_scopes(self, ctx):
        """arg_scope(..., normalizer_fn=batch_norm, normalizer_params={...no is_training...}).

        The layers under such a scope are often called from another function that opens
        `arg_scope([batch_norm], is_training=...)` (the tf.models nets do), so the scope's
        params are only reported when no arg_scope in the file ever sets batch norm's is_training.
        """
        for scope in ctx.arg_scopes:
            keyword = scope.args.keyword_nodes.get("normalizer_params")
            normalizer = scope.args.keywords.get("normalizer_fn")
            if keyword is None or normalizer is None or scope.saved:
                continue
            value = ctx.resolver.value(normalizer)
            if ctx.normalizer_family(value) != "contrib":
                continue
            visible = ctx.resolver.visible_dict(keyword.value)
            if visible is None or "is_training" in visible.keys:
                continue
            if value.kind == "partial" and "is_training" in value.keywords:
                continue
            matcher = ctx.batch_norm_matcher(value.api.library)
            if any(other.covers(matcher, "is_training") for other in ctx.arg_scopes):
                continue
            if ctx.project_supplies(matcher, "is_training"):
                continue  # the model module sets it in an arg_scope of its own
            yield self.finding(
                ctx.range(keyword),
                "this arg_scope's normalizer_params has no 'is_training', and no arg_scope sets it for batch"
                " norm: its layers' batch norm keeps is_training=True, also at inference",
                add_entry_fixes(ctx, visible, "is_training", scope.call, None),
            )
