"""BN007 data-format-not-forwarded: a channels-first layer whose batch norm normalises the last axis."""

from __future__ import annotations

from ..findings import Fix
from .. import fixes as edits
from . import Rule
from ._common import arg_scope_key_not_forwarded, batch_norm_gets, channels_first, forwarded_data_format, normalizer_params_fixes, params_state


class DataFormatNotForwarded(Rule):
    code = "BN007"
    name = "data-format-not-forwarded"
    summary = "Layer's channels-first data_format is not passed on to its batch norm"

    def check(self, ctx):
        for layer in ctx.layer_calls:
            expression = forwarded_data_format(ctx, layer)
            if expression is None:
                if "data_format" not in layer.args.keywords:
                    yield from self._data_format_from_arg_scope(ctx, layer)
                continue
            state = params_state(ctx, layer)
            keyword = layer.args.keyword_nodes.get("data_format")
            if keyword is None:
                continue  # came through a **dict: nothing to point at
            if state.missing:
                if layer.normalizer_keyword is None:
                    continue
                fixes = normalizer_params_fixes(ctx, layer, layer.call, layer.normalizer_keyword)
            else:
                edit = edits.add_dict_entry(ctx.document, state.visible.node, "data_format", expression)
                fixes = [Fix(f"Add 'data_format': {expression} to normalizer_params", (edit,), True)]
            yield self.finding(
                ctx.range(keyword),
                f"data_format={ctx.text(keyword.value)} is not passed to batch norm (normalizer_params has no 'data_format'):"
                " it normalises over the last axis instead of the channels",
                fixes,
            )
        yield from self._arg_scopes(ctx)

    def _data_format_from_arg_scope(self, ctx, layer):
        """`with arg_scope([slim.conv2d], data_format='NCHW'):` around a layer whose visible
        normalizer_params lack 'data_format': reported at that layer's normalizer_params=."""
        if layer.normalizer_family != "contrib":
            return
        scope = next(
            (s for s in ctx.enclosing_arg_scopes(layer.call) if s.covers(ctx.layer_matcher(layer.api), "data_format") and not s.saved),
            None,
        )
        if scope is None or "data_format" not in scope.args.keywords:
            return
        value = ctx.resolver.constant(scope.args.keywords["data_format"])
        if value is None or not channels_first(value):
            return
        state = params_state(ctx, layer)
        if state is None or state.missing or state.keyword is None:
            return
        if batch_norm_gets(ctx, layer, "data_format", state.visible):
            return
        quote = ctx.text(value)[:1]
        expression = f"{quote}NCHW{quote}"
        edit = edits.add_dict_entry(ctx.document, state.visible.node, "data_format", expression)
        line = ctx.range(scope.call).start.line + 1
        yield self.finding(
            ctx.range(state.keyword),
            f"the arg_scope at line {line} gives this layer data_format={ctx.text(value)}, but normalizer_params has"
            " no 'data_format': its batch norm normalises over the last axis instead of the channels",
            [Fix(f"Add 'data_format': {expression} to normalizer_params", (edit,), True)],
        )

    def _arg_scopes(self, ctx):
        """An arg_scope giving its layers a channels-first data_format and a normalizer_params
        without it: once, at the scope's data_format= keyword."""
        for scope in ctx.arg_scopes:
            found = arg_scope_key_not_forwarded(ctx, scope, "data_format")
            if found is None:
                continue
            keyword, visible = found
            value = ctx.resolver.constant(keyword.value)
            if value is None or not channels_first(value):
                continue
            expression = ctx.text(keyword.value)
            if value.value != "NCHW":
                quote = ctx.text(value)[:1]
                expression = f"{quote}NCHW{quote}"
            edit = edits.add_dict_entry(ctx.document, visible.node, "data_format", expression)
            yield self.finding(
                ctx.range(keyword),
                f"this arg_scope gives its layers data_format={ctx.text(keyword.value)}, but its normalizer_params"
                " has no 'data_format': their batch norm normalises over the last axis instead of the channels",
                [Fix(f"Add 'data_format': {expression} to normalizer_params", (edit,), True)],
            )
