"""BN010 saver-drops-moving-statistics: a Saver given only the trainable variables, in a program with batch norm.

Batch norm's moving_mean and moving_variance are created with trainable=False, so
`tf.train.Saver(tf.trainable_variables())` neither saves nor restores them: a restored model
normalises with their initial values, 0 and 1.
"""

from __future__ import annotations

from typing import Optional

from astroid import nodes

from .. import fixes as edits
from .. import tfapi
from ..context import callee_name
from ..findings import Fix, Position, Range, Related, TextEdit
from . import Rule

_MAX_RELATED = 20
_MUTATORS = ("append", "extend", "insert", "__iadd__")


class SaverDropsMovingStatistics(Rule):
    code = "BN010"
    name = "saver-drops-moving-statistics"
    summary = "Saver given only trainable variables: batch norm's moving mean and variance are not saved or restored"

    def check(self, ctx):
        savers = [call for call in ctx.calls if _is_saver(ctx, call)]
        if not savers:
            return
        related = None
        for saver in savers:
            var_list = ctx.resolver.call_args(saver).get("var_list", 0)
            listing = _trainable_only(ctx, var_list)
            if listing is None:
                continue
            if related is None:
                if not ctx.builds_batch_norm:
                    return
                related = tuple(
                    Related(ctx.range(node), "batch norm: its moving mean and variance are not trainable")
                    for node in ctx.batch_norm_sites[:_MAX_RELATED]
                )
            fix = _global_variables_fix(ctx, var_list, listing)
            yield self.finding(
                ctx.range(var_list),
                f"{ctx.text(saver.func)} is given only the trainable variables: batch norm's moving_mean and"
                " moving_variance are not trainable, so they are neither saved nor restored, and the restored"
                " model normalises with their initial values 0 and 1",
                [fix] if fix is not None else [],
                related,
            )


def _is_saver(ctx, call: nodes.Call) -> bool:
    if callee_name(call) != "Saver":
        return False  # cheap test first: most calls are not
    api = ctx.resolver.api(call.func)
    return api is not None and api.name in tfapi.SAVER


def _trainable_only(ctx, node) -> Optional[nodes.Call]:
    """The call listing only trainable variables that `node` is (or a name bound once to it), else None."""
    if isinstance(node, nodes.Call):
        return node if _replacement(ctx, node) is not None else None
    if not isinstance(node, nodes.Name):
        return None
    bindings = ctx.resolver.bindings(node, node.name)
    if len(bindings) != 1:
        return None  # rebound or `+=`-ed: the list may hold the moving averages too
    binding = bindings[0]
    assign = binding.parent
    if not (isinstance(binding, nodes.AssignName) and isinstance(assign, nodes.Assign) and assign.targets == [binding]):
        return None
    if not isinstance(assign.value, nodes.Call) or _replacement(ctx, assign.value) is None:
        return None
    for call in ctx.calls:  # var_list.append(...) / extend(...): grown, maybe with the moving averages
        func = call.func
        if (
            isinstance(func, nodes.Attribute)
            and func.attrname in _MUTATORS
            and isinstance(func.expr, nodes.Name)
            and func.expr.name == node.name
            and binding in ctx.resolver.bindings(func.expr, node.name)
        ):
            return None
    return assign.value


def _replacement(ctx, call: nodes.Call) -> Optional[tuple]:
    """(node to rewrite, its text for "every global variable") for a trainable-only listing call."""
    func = call.func
    api = ctx.resolver.api(func)
    if api is None:
        return None
    if api.name in tfapi.TRAINABLE_ONLY_LISTS:
        return func, tfapi.TRAINABLE_ONLY_LISTS[api.name]
    if api.name == "tensorflow.get_collection":
        key = call.args[0] if call.args else next((k.value for k in call.keywords or () if k.arg == "key"), None)
        if isinstance(key, nodes.Attribute) and key.attrname == "TRAINABLE_VARIABLES":
            return key, "GLOBAL_VARIABLES"
        if isinstance(key, nodes.Const) and key.value == "trainable_variables":
            quote = ctx.text(key)[:1]
            return key, f"{quote}variables{quote}"  # tf.GraphKeys.GLOBAL_VARIABLES is "variables"
    return None


def _global_variables_fix(ctx, var_list, listing: nodes.Call) -> Optional[Fix]:
    node, new_name = _replacement(ctx, listing)
    doc = ctx.document
    rng = ctx.range(node)
    if isinstance(node, nodes.Attribute):
        # tf.trainable_variables -> tf.global_variables: rewrite only the last name
        rng = Range(Position(rng.end.line, rng.end.character - len(node.attrname)), rng.end)
    elif isinstance(node, nodes.Name):
        return None  # `from tensorflow import trainable_variables`: its sibling is not imported
    title = f"Use {_replaced(ctx, node, rng, new_name)}"
    if var_list is listing:
        return Fix(title, (TextEdit(rng, new_name),), True)
    # a name bound to the list may serve other ends (an optimizer's var_list): rewrite only the Saver's argument
    text = _replaced(ctx, listing, rng, new_name).replace("\n", doc.newline)
    return Fix(title, (edits.replace_node(doc, var_list, text),), True)


def _replaced(ctx, node, rng: Range, new_name: str) -> str:
    """The text of `node` with the part at `rng` replaced by `new_name`."""
    whole = ctx.range(node)
    before = ctx.document.text(Range(whole.start, rng.start))
    after = ctx.document.text(Range(rng.end, whole.end))
    return before + new_name + after
