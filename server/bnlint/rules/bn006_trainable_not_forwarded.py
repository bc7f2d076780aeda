"""BN006 trainable-not-forwarded: the layer's trainable does not reach its batch norm."""

from __future__ import annotations

from ..findings import Fix
from .. import fixes as edits
from . import Rule
from ._common import arg_scope_key_not_forwarded, batch_norm_gets, literal_is, normalizer_params_fixes, params_state, trainable_left_behind


class TrainableNotForwarded(Rule):
    code = "BN006"
    name = "trainable-not-forwarded"
    summary = "Layer's trainable is not passed on to its batch norm, whose beta/gamma keep training"

    def check(self, ctx):
        yield from self._arg_scopes(ctx)
        for layer in ctx.layer_calls:
            if layer.normalizer_family != "contrib":
                continue
            keyword = layer.args.keyword_nodes.get("trainable")
            if keyword is None:
                if "trainable" not in layer.args.keywords:
                    yield from self._trainable_from_arg_scope(ctx, layer)
                continue
            if literal_is(ctx, keyword.value, True):
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

    def _arg_scopes(self, ctx):
        """An arg_scope giving its layers trainable=<not True> and a normalizer_params without
        'trainable': once, at the scope's trainable= keyword."""
        for scope in ctx.arg_scopes:
            found = arg_scope_key_not_forwarded(ctx, scope, "trainable")
            if found is None:
                continue
            keyword, visible = found
            if literal_is(ctx, keyword.value, True):
                continue
            expression = ctx.text(keyword.value)
            edit = edits.add_dict_entry(ctx.document, visible.node, "trainable", expression)
            yield self.finding(
                ctx.range(keyword),
                f"this arg_scope gives its layers trainable={expression}, which applies to their own variables"
                " only: its normalizer_params has no 'trainable', so their batch norm's beta/gamma stay trainable",
                [Fix(f"Add 'trainable': {expression} to normalizer_params", (edit,), True)],
            )

    def _trainable_from_arg_scope(self, ctx, layer):
        """`with arg_scope([slim.conv2d], trainable=False):` around a layer whose visible
        normalizer_params lack 'trainable': the layer's variables freeze, its batch norm's do
        not. Reported at that layer's normalizer_params= (where the fix adds the entry), one
        finding per layer; only for a scope in the same function, whose expression the fix can
        repeat there."""
        scope = next(
            (s for s in ctx.enclosing_arg_scopes(layer.call) if s.covers(ctx.layer_matcher(layer.api), "trainable") and not s.saved),
            None,
        )
        if scope is None or "trainable" not in scope.args.keywords:
            return
        value = scope.args.keywords["trainable"]
        if literal_is(ctx, value, True):
            return
        state = params_state(ctx, layer)
        if state is None or state.missing or state.keyword is None:
            return
        if batch_norm_gets(ctx, layer, "trainable", state.visible):
            return
        expression = ctx.text(value)
        edit = edits.add_dict_entry(ctx.document, state.visible.node, "trainable", expression)
        line = ctx.range(scope.call).start.line + 1
        yield self.finding(
            ctx.range(state.keyword),
            f"the arg_scope at line {line} gives this layer trainable={expression}, which applies to its own"
            " variables only: normalizer_params has no 'trainable', so its batch norm's beta/gamma stay trainable",
            [Fix(f"Add 'trainable': {expression} to normalizer_params", (edit,), True)],
        )
