"""BN009 keras-batch-norm-updates-not-run: a tf.train train op that never runs a Keras batch norm's updates.

In graph mode a Keras BatchNormalization layer keeps its moving-average updates in the
layer's (and its model's) `.updates`; it puts nothing in tf.GraphKeys.UPDATE_OPS. A train op
from `tf.train.<Optimizer>.minimize` therefore never runs them, UPDATE_OPS wiring or not,
unless the `.updates` (or `get_updates_for(...)`) are wired to it.
"""

from __future__ import annotations

from typing import Optional

from astroid import nodes

from .. import fixes as edits
from .. import tfapi
from ..context import callee_name, enclosing_withs
from ..findings import Fix, Position, Range, Related, TextEdit
from . import Rule
from ._common import is_update_ops_key

_TRAIN_METHODS = ("minimize", "apply_gradients")
_KERAS_TRAINING = ("compile", "fit", "fit_generator", "train_on_batch")
_GROUPERS = ("group", "with_dependencies", "run", "tuple")
_MAX_DEPTH = 6
_MAX_RELATED = 20


class KerasBatchNormUpdatesNotRun(Rule):
    code = "BN009"
    name = "keras-batch-norm-updates-not-run"
    summary = "tf.train train op with a Keras batch norm whose .updates are never run (they are not in UPDATE_OPS)"

    def check(self, ctx):
        layers = ctx.keras_batch_norm_updaters
        # Keras batch norms built by project modules this file imports (see project.py)
        remote = ctx.project.keras_sites() if ctx.project is not None else []
        if not (layers or remote) or _trains_with_keras(ctx) or _eager(ctx) or _routes_updates_to_collection(ctx):
            return
        related = tuple(
            [Related(ctx.range(call.func), "Keras batch norm: its updates are in .updates, not in UPDATE_OPS") for call in layers]
            + [Related(rng, what, path) for path, rng, what in sorted(remote, key=lambda s: (s[0], s[1]))]
        )[:_MAX_RELATED]
        for call in ctx.calls:
            if not _is_tf_train_op(ctx, call) or _runs_keras_updates(ctx, call):
                continue
            owners = _owner_texts(ctx, layers, call) if not remote else None  # another module's layers: no name here
            fix = _fix(ctx, call, owners) if owners else None
            yield self.finding(
                _name_range(ctx, call.func),
                f"{ctx.text(call.func)}(...) builds a train op that does not run the Keras batch norm's"
                " moving-average updates: Keras layers keep them in .updates, not in tf.GraphKeys.UPDATE_OPS,"
                " so the moving mean and variance never change and inference uses their initial values."
                " Build it under tf.control_dependencies(<layer or model>.updates)",
                [fix] if fix is not None else [],
                related,
            )


# -- which Keras batch norms, which train ops ------------------------------------------------------


def _trains_with_keras(ctx) -> bool:
    """model.compile / fit: Keras runs the layers' updates itself."""
    for call in ctx.calls:
        if callee_name(call) in _KERAS_TRAINING and isinstance(call.func, nodes.Attribute):
            owner = ctx.resolver.value(call.func.expr)
            if owner is None or (owner.api is not None and owner.api.library == "keras"):
                return True
    return False


def _eager(ctx) -> bool:
    """TF2 eager training (tf.GradientTape): Keras runs the updates as the layer is called."""
    return any(callee_name(call) == "GradientTape" for call in ctx.calls)


def _routes_updates_to_collection(ctx) -> bool:
    """`tf.add_to_collection(tf.GraphKeys.UPDATE_OPS, op)` for the Keras updates: BN001's wiring then applies."""
    for call in ctx.calls:
        if callee_name(call) in ("add_to_collection", "add_to_collections") and call.args:
            key = call.args[0]
            keys = key.elts if isinstance(key, (nodes.List, nodes.Tuple)) else [key]
            if any(is_update_ops_key(k) for k in keys):
                return True
    return False


def _is_tf_train_op(ctx, call: nodes.Call) -> bool:
    func = call.func
    if not (isinstance(func, nodes.Attribute) and func.attrname in _TRAIN_METHODS and (call.args or call.keywords)):
        return False
    loss = call.args[0] if call.args else None
    if isinstance(loss, nodes.Lambda) or (
        isinstance(loss, nodes.Name) and any(isinstance(b, nodes.FunctionDef) for b in ctx.resolver.bindings(loss, loss.name))
    ):
        return False  # minimize(lambda: loss) / minimize(loss_fn): eager, where Keras runs its updates at once
    if _in_tf_function(call):
        return False  # tf.function adds the control dependencies itself
    owner = ctx.resolver.value(func.expr)
    if owner is None:
        return True  # an optimizer held in a variable or parameter
    api = owner.api
    return api is not None and api.name.startswith("tensorflow.train.")


def _in_tf_function(node) -> bool:
    for ancestor in node.node_ancestors():
        if isinstance(ancestor, nodes.FunctionDef) and ancestor.decorators is not None:
            for decorator in ancestor.decorators.nodes:
                target = decorator.func if isinstance(decorator, nodes.Call) else decorator
                if isinstance(target, nodes.Attribute) and target.attrname == "function":
                    return True
    return False


def _name_range(ctx, func) -> Range:
    rng = ctx.range(func)
    return Range(Position(rng.end.line, rng.end.character - len(func.attrname)), rng.end)


# -- is it wired? ----------------------------------------------------------------------------------


def _mentions_updates(ctx, node, depth: int = 0) -> bool:
    """Does the expression hold a Keras `.updates` / `get_updates_for(...)` (through names bound to one)?"""
    if node is None or depth > _MAX_DEPTH:
        return False
    for sub in node.nodes_of_class((nodes.Attribute, nodes.Call, nodes.Name)):
        if isinstance(sub, nodes.Attribute) and sub.attrname == "updates":
            return True
        if isinstance(sub, nodes.Call) and callee_name(sub) == "get_updates_for":
            return True
        if isinstance(sub, nodes.Name):
            for binding in ctx.resolver.bindings(sub, sub.name):
                parent = binding.parent
                if isinstance(binding, nodes.AssignName) and isinstance(parent, (nodes.Assign, nodes.AugAssign)):
                    if _mentions_updates(ctx, parent.value, depth + 1):
                        return True
    return False


def _control_dependencies_items(node):
    """(with statement, its control_dependencies call) around `node`, innermost first, in its function."""
    for with_node, child in enclosing_withs(node):
        if child in with_node.body:
            for expr, _ in with_node.items:
                if isinstance(expr, nodes.Call) and callee_name(expr) == "control_dependencies" and expr.args:
                    yield with_node, expr


def _runs_keras_updates(ctx, call: nodes.Call) -> bool:
    def lexically(node) -> bool:
        return any(_mentions_updates(ctx, deps.args[0]) for _, deps in _control_dependencies_items(node))

    if ctx.holds_where_called(call, lexically):
        return True
    # the loss was made to depend on them: `with control_dependencies(model.updates): loss = tf.identity(loss)`
    loss = call.args[0] if call.args else None
    if isinstance(loss, nodes.Name):
        for binding in ctx.resolver.bindings(loss, loss.name):
            if isinstance(binding, nodes.AssignName) and lexically(binding):
                return True
    statement = call.statement()
    # tf.group(opt.minimize(loss), *model.updates)
    for ancestor in call.node_ancestors():
        if ancestor is statement:
            break
        if isinstance(ancestor, nodes.Call) and callee_name(ancestor) in _GROUPERS:
            if any(arg is not call and _mentions_updates(ctx, arg) for arg in _arguments(ancestor)):
                return True
    # train_op = opt.minimize(loss) ... tf.group(train_op, *bn.updates) / sess.run([train_op, bn.updates])
    if isinstance(statement, nodes.Assign) and statement.value is call:
        names = {target.name for target in statement.targets if isinstance(target, nodes.AssignName)}
        for other in ctx.calls:
            if callee_name(other) in _GROUPERS and _start(other) > _start(call):
                arguments = _arguments(other)
                if _names_in(ctx, arguments, names) and any(_mentions_updates(ctx, arg) for arg in arguments):
                    return True
    return False


def _arguments(call: nodes.Call) -> list:
    return list(call.args or []) + [k.value for k in call.keywords or ()]


def _names_in(ctx, arguments: list, names: set, depth: int = 0) -> bool:
    """Do the arguments read one of `names`, directly or through names bound to expressions that do?"""
    if depth > _MAX_DEPTH:
        return False
    for arg in arguments:
        for sub in arg.nodes_of_class(nodes.Name):
            if sub.name in names:
                return True
            for binding in ctx.resolver.bindings(sub, sub.name):
                parent = binding.parent
                if isinstance(binding, nodes.AssignName) and isinstance(parent, (nodes.Assign, nodes.AugAssign)):
                    if _names_in(ctx, [parent.value], names, depth + 1):
                        return True
    return False


def _start(node) -> tuple:
    return (node.lineno, node.col_offset)


# -- the fix ---------------------------------------------------------------------------------------


def _owner_texts(ctx, layers: list, train_call: nodes.Call) -> Optional[list]:
    """The expression holding each layer's updates, as written at the train op (`bn.updates`,
    `model.get_updates_for(features)`, `self.bn.updates`), or None when some layer has none visible there."""
    texts: list = []
    for layer in layers:
        text = _updates_text(ctx, layer, train_call)
        if text is None:
            return None
        if text not in texts:
            texts.append(text)
    return texts


def _updates_text(ctx, construction: nodes.Call, train_call: nodes.Call) -> Optional[str]:
    parent = construction.parent
    # a layer listed in tf.keras.Sequential([...]) or given to model.add(...): the model holds its updates
    if isinstance(parent, (nodes.List, nodes.Tuple)) and isinstance(parent.parent, nodes.Call):
        holder = parent.parent
        api = ctx.resolver.api(holder.func)
        if api is None or api.name not in tfapi.KERAS_SEQUENTIAL:
            return None
        target = _assigned_name(holder)
        return _model_updates(ctx, target, train_call) if target is not None else None
    if isinstance(parent, nodes.Call) and isinstance(parent.func, nodes.Attribute) and parent.func.attrname == "add":
        if construction in (parent.args or ()) and isinstance(parent.func.expr, nodes.Name):
            found = ctx.resolver.bindings(parent.func.expr, parent.func.expr.name)
            if len(found) == 1 and isinstance(found[0], nodes.AssignName):
                return _model_updates(ctx, found[0], train_call)
        return None
    if isinstance(parent, nodes.Call) and parent.func is construction:
        model = _functional_model(ctx, construction)  # layer(x): the model built on those tensors
        return _model_updates(ctx, model, train_call) if model is not None else None
    if isinstance(parent, nodes.Assign) and len(parent.targets) == 1:
        target = parent.targets[0]
        if isinstance(target, nodes.AssignName):
            return f"{target.name}.updates" if _visible(ctx, target, train_call) else None
        if isinstance(target, nodes.AssignAttr) and isinstance(target.expr, nodes.Name) and target.expr.name == "self":
            own_class, train_class = _method_class(target), _method_class(train_call)
            if own_class is not None and own_class is train_class:
                return f"self.{target.attrname}.updates"
    return None


def _assigned_name(call: nodes.Call) -> Optional[nodes.AssignName]:
    parent = call.parent
    if isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], nodes.AssignName):
        return parent.targets[0]
    return None


def _visible(ctx, binding: nodes.AssignName, train_call: nodes.Call) -> bool:
    """Does `binding`'s name mean that binding at the train op?"""
    return ctx.resolver.bindings(train_call.func, binding.name) == [binding]


def _model_updates(ctx, model: nodes.AssignName, train_call: nodes.Call) -> Optional[str]:
    """`model.get_updates_for(x)` for the one tensor `x` the model is called on.

    Not `model.updates`: a model built on a keras.Input (functional, or Sequential given
    input_shape) also holds the updates of that symbolic call, which need the Input fed.
    """
    if not _visible(ctx, model, train_call):
        return None
    uses = [
        call
        for call in ctx.calls
        if isinstance(call.func, nodes.Name) and call.func.name == model.name
        and ctx.resolver.bindings(call.func, model.name) == [model]
    ]
    if len(uses) != 1 or not uses[0].args or not isinstance(uses[0].args[0], nodes.Name):
        return None
    tensor = uses[0].args[0]
    bound = ctx.resolver.bindings(tensor, tensor.name)
    if not bound or ctx.resolver.bindings(train_call.func, tensor.name) != bound:
        return None
    return f"{model.name}.get_updates_for({tensor.name})"


def _functional_model(ctx, construction: nodes.Call) -> Optional[nodes.AssignName]:
    """The one `tf.keras.Model(...)` bound to a name in the layer's function: with the layer
    called on its tensors, it holds the layer's updates."""
    frame = construction.frame()
    found = None
    for call in ctx.calls:
        if call.frame() is frame:
            api = ctx.resolver.api(call.func)
            target = _assigned_name(call)
            if api is not None and api.name in tfapi.KERAS_MODEL and target is not None:
                if found is not None:
                    return None  # two models: which one holds this layer is not known
                found = target
    return found


def _method_class(node) -> Optional[nodes.ClassDef]:
    frame = node.frame()
    if isinstance(frame, nodes.FunctionDef) and isinstance(frame.parent, nodes.ClassDef):
        return frame.parent
    return None


def _fix(ctx, call: nodes.Call, owners: list) -> Optional[Fix]:
    updates = " + ".join(owners)
    title = f"Run {updates} before this train op"
    doc = ctx.document
    for _, deps in _control_dependencies_items(call):
        listed = deps.args[0]
        text = ctx.text(listed)
        if not isinstance(listed, (nodes.Name, nodes.Attribute, nodes.Call, nodes.List, nodes.Subscript, nodes.BinOp)):
            text = f"({text})"
        if isinstance(listed, nodes.BinOp) and listed.op != "+":
            text = f"({text})"
        rng = ctx.range(listed)
        return Fix(title, (TextEdit(rng, f"{text} + {updates}".replace("\n", doc.newline)),), True)
    statement = call.statement()
    if isinstance(statement, nodes.Module):
        return None
    alias = _tensorflow_alias(ctx)
    if alias is None:
        return None
    wrap = edits.wrap_statement(doc, statement, [], f"with {alias}.control_dependencies({updates})")
    return Fix(title, (wrap,), True) if wrap is not None else None


def _tensorflow_alias(ctx) -> Optional[str]:
    """The module-level name bound to tensorflow (or tensorflow.compat.v1): both have control_dependencies."""
    for name, bindings in ctx.module.locals.items():
        for binding in bindings:
            if isinstance(binding, nodes.Import):
                for modname, asname in binding.names:
                    if (asname or modname) == name and modname in ("tensorflow", "tensorflow.compat.v1"):
                        return name
    return None
