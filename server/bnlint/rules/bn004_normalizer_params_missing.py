"""BN004 normalizer-params-missing: normalizer_fn=batch_norm with no normalizer_params."""

from __future__ import annotations


from .. import tfapi
from . import Rule
from ._common import callee_text, needs_normalizer_params, normalizer_params_fixes


class NormalizerParamsMissing(Rule):
    code = "BN004"
    name = "normalizer-params-missing"
    summary = "normalizer_fn=batch_norm without normalizer_params: batch norm runs with its defaults"

    def check(self, ctx):
        for layer in ctx.layer_calls:
            if not needs_normalizer_params(ctx, layer):
                continue
            keyword = layer.normalizer_keyword
            if layer.normalizer_family == "core":
                message = (
                    f"{callee_text(ctx, layer.call)} calls {ctx.text(keyword.value)} with no normalizer_params:"
                    " it then always runs with training=False (moving statistics, no updates), also while training"
                )
            else:
                message = (
                    f"{callee_text(ctx, layer.call)} calls {ctx.text(keyword.value)} with no normalizer_params:"
                    " batch norm then runs with is_training=True, trainable=True whatever this layer was given"
                )
            yield self.finding(ctx.range(keyword), message, normalizer_params_fixes(ctx, layer, layer.call, keyword))
        yield from self._arg_scopes(ctx)

    def _arg_scopes(self, ctx):
        """An arg_scope handing normalizer_fn=<batch norm> to layers without normalizer_params: once, at the scope."""
        for scope in ctx.arg_scopes:
            keyword = scope.args.keyword_nodes.get("normalizer_fn")
            if keyword is None or scope.saved or "normalizer_params" in scope.args.keywords or scope.args.opaque_keywords:
                continue
            if not any(api is not None and tfapi.layer_scope_key(api.name) for api in scope.ops):
                continue
            normalizer = ctx.resolver.value(keyword.value)
            if ctx.normalizer_family(normalizer) != "contrib":
                continue
            if normalizer.kind == "partial" and ("is_training" in normalizer.keywords or "**" in normalizer.keywords):
                continue  # functools.partial(slim.batch_norm, is_training=...) carries it
            matcher = ctx.batch_norm_matcher(normalizer.api.library)
            if ctx.supplied_by_arg_scope(scope.call, matcher, "is_training") or _scope_inside(ctx, scope, matcher):
                continue
            yield self.finding(
                ctx.range(keyword),
                f"this arg_scope gives its layers normalizer_fn={ctx.text(keyword.value)} but no normalizer_params:"
                " batch norm then runs with is_training=True, trainable=True whatever each layer was given",
                normalizer_params_fixes(ctx, None, scope.call, keyword, scope.args.keyword_nodes.get("trainable")),
            )


def _scope_inside(ctx, scope, matcher) -> bool:
    """A batch-norm arg_scope setting is_training in the same `with` or nested inside its body."""
    with_node = scope.with_node
    for other in ctx.arg_scopes:
        if other is scope or not other.covers(matcher, "is_training"):
            continue
        if other.with_node is with_node or with_node in other.with_node.node_ancestors():
            return True
    return False
