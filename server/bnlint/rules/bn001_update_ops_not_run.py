"""BN001 update-ops-not-run: a train op built without the batch-norm updates in UPDATE_OPS."""

from __future__ import annotations

import re
from typing import Optional

from astroid import nodes

from .. import fixes as edits
from .. import tfapi
from ..findings import Fix, Position, Range, Related, TextEdit
from . import Rule
from ..context import callee_name, enclosing_withs
from ._common import is_literal, is_update_ops_key, update_sites

_TRAIN_METHODS = ("minimize", "apply_gradients")
# Calls that tie a train op to the update ops when both are among their arguments.
_GROUPERS = ("group", "with_dependencies", "run", "tuple", "append", "extend")
_MAX_RELATED = 20
_MAX_DEPTH = 8
# TF1 graph-building APIs: how a file spells these tells how it wants the fix spelled
_GRAPH_APIS = r"(?:train|layers|get_collection|GraphKeys|control_dependencies|placeholder|Session|variable_scope|global_variables_initializer)\b"


class UpdateOpsNotRun(Rule):
    code = "BN001"
    name = "update-ops-not-run"
    summary = "Train op built without running the batch-norm updates in UPDATE_OPS"

    def check(self, ctx):
        sites = list(update_sites(ctx))
        if not sites and ctx.project is None:
            return
        related = None
        updates = _shared_updates(ctx)  # the project summary of the file filled its caches already
        spelling = None
        for call in ctx.calls:
            name_node = _train_op_name(ctx, call, updates)
            if name_node is None:
                continue
            if related is None:
                # and the batch norms built by the project modules this file imports (see
                # project.py): asked for only once the file has a train op
                remote = ctx.project.update_sites() if ctx.project is not None else []
                local = sorted((Related(ctx.range(node), what) for node, what in sites), key=lambda r: r.range)
                outside = [Related(rng, what, path) for path, rng, what in sorted(remote, key=lambda s: (s[0], s[1]))]
                related = tuple((local + outside)[:_MAX_RELATED])
                local_related, outside_related = tuple(local), tuple(outside)
            if not related:
                return
            if _runs_update_ops(ctx, call, updates):
                continue
            message = (
                f"{ctx.text(call.func)}(...) builds a train op that does not run the batch-norm updates in"
                " tf.GraphKeys.UPDATE_OPS: the moving mean and variance never change, and inference uses"
                " their initial values."
            )
            block = _near_miss_block(ctx, call, updates)
            if block is not None:
                line = ctx.range(block).start.line + 1
                message += (
                    f" The control_dependencies(update_ops) block at line {line} builds no train op:"
                    " build this train op inside it"
                )
                found = tuple(
                    sorted(
                        (Related(ctx.range(_dependencies_item(block)), "this control_dependencies(update_ops) block builds no train op"),)
                        + local_related,
                        key=lambda r: r.range,
                    )
                )[:_MAX_RELATED] + outside_related
                fix = _move_fix(ctx, call, block)
            else:
                message += " Build it under tf.control_dependencies(update_ops)"
                found = related
                fix = None
            if fix is None:
                if spelling is None:
                    spelling = _tensorflow_spelling(ctx)
                fix = _wrap_fix(ctx, call, spelling)
            yield self.finding(_name_range(ctx, call.func), message, [fix] if fix is not None else [], found)


def under_update_ops(ctx, node) -> bool:
    """Is `node` lexically inside `with control_dependencies(<UPDATE_OPS>)` (project index)?"""
    if "control_dependencies" not in ctx.document.source:
        return False  # (asked of every call site a summary records; see _is_control_dependencies)
    return _under_control_dependencies(node, _shared_updates(ctx))


def _shared_updates(ctx) -> "_UpdateOps":
    """One _UpdateOps per file (its caches only depend on the file), for the rule and the summary."""
    updates = ctx.__dict__.get("_bn001_updates")
    if updates is None:
        updates = ctx.__dict__["_bn001_updates"] = _UpdateOps(ctx)
    return updates


def _under_control_dependencies(node, updates) -> bool:
    return any(
        updates.control_inputs_mention(expr)
        for with_node, child in enclosing_withs(node)
        if child in with_node.body
        for expr, _ in with_node.items
    )


# -- train ops ------------------------------------------------------------------------------------


def _train_op_name(ctx, call: nodes.Call, updates: "_UpdateOps") -> Optional[nodes.NodeNG]:
    """The callee node if `call` builds a train op that ignores UPDATE_OPS, else None."""
    func = call.func
    if isinstance(func, nodes.Attribute) and func.attrname in _TRAIN_METHODS and (call.args or call.keywords):
        owner = ctx.resolver.value(func.expr)
        if owner is None:
            return func  # an optimizer held in a variable or parameter
        if owner.path.split(".")[0] in ("tensorflow", "tf_slim", "keras"):
            return func
        return None  # scipy.optimize.minimize, a torch optimizer, ...
    api = ctx.resolver.api(func) if ctx.spells_train_op_builder else None
    if api is not None and api.name in tfapi.TRAIN_OP_BUILDERS:
        update_ops = next((k.value for k in call.keywords or () if k.arg == "update_ops"), None)
        if update_ops is None or is_literal(update_ops, None) or updates.mentions(update_ops):
            return None  # the builder runs the whole UPDATE_OPS collection itself
        return func
    return None


def _name_range(ctx, func) -> Range:
    rng = ctx.range(func)
    if isinstance(func, nodes.Attribute):
        return Range(Position(rng.end.line, rng.end.character - len(func.attrname)), rng.end)
    return rng


class _UpdateOps:
    """Recognises expressions that are (or contain) the UPDATE_OPS collection."""

    def __init__(self, ctx):
        self.ctx = ctx
        self._by_target: Optional[dict] = None
        self._grouping: Optional[list] = None
        self._added: Optional[dict] = None
        self._by_with_item: dict = {}  # id(with item) -> whether it is control_dependencies(<UPDATE_OPS>)

    def control_inputs_mention(self, expr) -> bool:
        """`expr` (a with item) is control_dependencies(<UPDATE_OPS>): asked once per item, not
        once per call under it."""
        known = self._by_with_item.get(id(expr))
        if known is None:
            known = self._by_with_item[id(expr)] = _is_control_dependencies(expr) and self.mentions(_control_inputs(expr))
        return known

    def mentions(self, node, depth: int = 0) -> bool:
        if node is None or depth > _MAX_DEPTH:
            return False
        if isinstance(node, nodes.Call):
            if callee_name(node) in ("get_collection", "get_collection_ref"):
                key = node.args[0] if node.args else next((k.value for k in node.keywords or () if k.arg in ("key", "name")), None)
                return is_update_ops_key(key if key is None else (self.ctx.resolver.constant(key) or key))
            return any(self.mentions(arg, depth + 1) for arg in node.args or ())
        if isinstance(node, (nodes.List, nodes.Tuple, nodes.Set)):
            return any(self.mentions(element, depth + 1) for element in node.elts)
        if isinstance(node, nodes.Starred):
            return self.mentions(node.value, depth + 1)
        if isinstance(node, nodes.BinOp):
            return self.mentions(node.left, depth + 1) or self.mentions(node.right, depth + 1)
        if isinstance(node, nodes.Subscript):
            return self.mentions(node.value, depth + 1)
        if isinstance(node, nodes.Name):
            if any(self.mentions(value, depth + 1) for value in self.bound_values(node)):
                return True
            return any(self.mentions(value, depth + 1) for value in self.additions(node))
        if isinstance(node, nodes.Attribute):
            # self.update_ops = tf.get_collection(...) elsewhere in the class
            if any(self.mentions(value, depth + 1) for value in self.assigned(node.as_string())):
                return True
            return any(self.mentions(value, depth + 1) for value in self.additions(node))
        return False

    def bound_values(self, name: nodes.Name) -> list:
        """The values assigned to a name where it is used (`x = v`, `x: T = v`, `x += v`)."""
        values = []
        for binding in self.ctx.resolver.bindings(name, name.name):
            if isinstance(binding, nodes.AssignName) and isinstance(binding.parent, (nodes.Assign, nodes.AnnAssign, nodes.AugAssign)):
                if binding.parent.value is not None:
                    values.append(binding.parent.value)
        return values

    def additions(self, holder) -> list:
        """What is put into the list a name or attribute holds: `x.append(v)`, `x.extend(v)`,
        `x.insert(i, v)`, `x += v` (a grown list: `ops = [step]; ops.extend(update_ops)`)."""
        if self._added is None:
            self._added = {}
            for call in self.ctx.calls:
                func = call.func
                if isinstance(func, nodes.Attribute) and func.attrname in ("append", "extend", "insert"):
                    if isinstance(func.expr, (nodes.Name, nodes.Attribute)):
                        values = list(call.args or [])[1:] if func.attrname == "insert" else list(call.args or [])
                        self._added.setdefault(_holder_key(func.expr), []).extend(values)
            for augmented in self.ctx.nodes_of(nodes.AugAssign):
                if augmented.op == "+=" and isinstance(augmented.target, nodes.AssignAttr):
                    self._added.setdefault(_holder_key(augmented.target), []).append(augmented.value)
        return self._added.get(_holder_key(holder), [])

    def grouping_calls(self) -> list:
        """(call, texts of the names whose values flow into its arguments) for every tf.group /
        sess.run / ... call: `train_ops = [train_step] + update_ops; tf.group(*train_ops)`
        groups train_step."""
        if self._grouping is None:
            self._grouping = [(c, self.flowing_texts(c)) for c in self.ctx.calls if _grouper(c)]
        return self._grouping

    def flowing_texts(self, call: nodes.Call) -> set:
        texts: set = set()

        def visit(node, depth: int) -> None:
            for inner in node.nodes_of_class((nodes.Name, nodes.Attribute)):
                text = inner.as_string()
                if text in texts:
                    continue
                texts.add(text)
                if depth >= _MAX_DEPTH:
                    continue
                sources = self.bound_values(inner) if isinstance(inner, nodes.Name) else []
                for value in sources + self.additions(inner):
                    visit(value, depth + 1)

        for arg in list(call.args or []) + [k.value for k in call.keywords or ()]:
            visit(arg, 0)
        return texts

    def assigned(self, target_text: str) -> list:
        if self._by_target is None:
            self._by_target = {}
            for assign in self.ctx.nodes_of(nodes.Assign):
                for target in assign.targets:
                    if isinstance(target, nodes.AssignAttr):
                        self._by_target.setdefault(target.as_string(), []).append(assign.value)
        return self._by_target.get(target_text, [])


def _runs_update_ops(ctx, call: nodes.Call, updates: _UpdateOps) -> bool:
    """Is this train op tied to the update ops, by control_dependencies or by grouping?"""

    def under_control_dependencies(node) -> bool:
        return _under_control_dependencies(node, updates)

    # across modules: a helper called only under control_dependencies(update_ops) elsewhere
    remote = ctx.coverage(lambda site: site.update_deps)
    if ctx.holds_where_called(call, under_control_dependencies, remote=remote):
        return True
    if _input_depends_on_updates(ctx, call, updates, under_control_dependencies):
        return True
    statement = call.statement()
    # tf.group(opt.minimize(loss), *update_ops) and the like, in one expression
    for ancestor in call.node_ancestors():
        if ancestor is statement:
            break
        if isinstance(ancestor, nodes.Call) and _grouper(ancestor) and _ties(ancestor, updates, exclude=call):
            return True
    # train_op = opt.minimize(loss) ... tf.group(train_op, *update_ops) / sess.run([train_op, update_ops]),
    # also through names: train_ops = [opt.minimize(loss)] + update_ops ... tf.group(*train_ops)
    if isinstance(statement, nodes.Assign) and _held_by_value(call, statement):
        for target in statement.targets:
            text = target.as_string()
            for other, texts in updates.grouping_calls():
                if other is not call and text in texts and _ties(other, updates, exclude=None):
                    return True
    return False


def _is_control_dependencies(expr) -> bool:
    """tf.control_dependencies, graph.control_dependencies, tf.get_default_graph().control_dependencies."""
    return isinstance(expr, nodes.Call) and callee_name(expr) == "control_dependencies"


def _control_inputs(call: nodes.Call):
    if call.args:
        return call.args[0]
    return next((k.value for k in call.keywords or () if k.arg == "control_inputs"), None)


# Python calls that only rearrange values they are given: no TF op is built by them
_NO_OP_CALLS = frozenset({"zip", "list", "tuple", "dict", "set", "sorted", "reversed", "enumerate", "map", "filter", "iter"})


def _input_depends_on_updates(ctx, call: nodes.Call, updates: _UpdateOps, under_block) -> bool:
    """Was the tensor the train op starts from built to depend on the update ops?

    `apply_gradients(grads)` where the gradients were computed inside a
    control_dependencies(update_ops) block, `minimize(loss)` where the loss was built in such a
    block (`tf.identity(loss)`) or by `with_dependencies(update_ops, loss)`: every op built in
    the block waits for the updates, and the train op reads those ops.
    """
    method = callee_name(call)
    keyword = "grads_and_vars" if method == "apply_gradients" else "loss"
    start = call.args[0] if call.args else next((k.value for k in call.keywords or () if k.arg == keyword), None)
    if start is None:
        return False
    seen: set = set()

    def depends(node, depth: int) -> bool:
        for inner in node.nodes_of_class((nodes.Name, nodes.Call)):
            if isinstance(inner, nodes.Call):
                if callee_name(inner) == "with_dependencies" and inner.args and updates.mentions(inner.args[0]):
                    return True
                continue
            if id(inner) in seen or depth >= _MAX_DEPTH:
                continue
            seen.add(id(inner))
            for binding in ctx.resolver.bindings(inner, inner.name):
                assign = _assignment_of(binding)
                if assign is None:
                    continue
                if _builds_op(assign.value) and ctx.holds_where_called(assign, under_block):
                    return True
                if depends(assign.value, depth + 1):
                    return True
        return False

    return depends(start, 0)


def _assignment_of(binding) -> Optional[nodes.Assign]:
    """The assignment statement an AssignName belongs to, also inside tuple unpacking."""
    node = binding
    while isinstance(node.parent, (nodes.Tuple, nodes.List, nodes.Starred)):
        node = node.parent
    parent = node.parent
    if isinstance(binding, nodes.AssignName) and isinstance(parent, (nodes.Assign, nodes.AugAssign)) and parent.value is not None:
        return parent
    return None


def _builds_op(value) -> bool:
    return any(callee_name(c) not in _NO_OP_CALLS for c in value.nodes_of_class(nodes.Call))


def _grouper(call: nodes.Call) -> bool:
    return callee_name(call) in _GROUPERS


def _ties(call: nodes.Call, updates: _UpdateOps, exclude) -> bool:
    func = call.func
    if isinstance(func, nodes.Attribute) and func.attrname in ("append", "extend"):
        return updates.mentions(func.expr)  # update_ops.append(train_op)
    arguments = list(call.args or []) + [k.value for k in call.keywords or ()]
    return any(arg is not exclude and updates.mentions(arg) for arg in arguments)


def _held_by_value(call: nodes.Call, statement: nodes.Assign) -> bool:
    """Is the op `call` returns the assigned value, or an element of a list/tuple (sum) assigned?"""
    node = call
    while node.parent is not statement:
        if not isinstance(node.parent, (nodes.List, nodes.Tuple, nodes.BinOp, nodes.Starred)):
            return False
        node = node.parent
    return node is statement.value


def _holder_key(node) -> tuple:
    """Names by (scope, name): `train_ops` in two functions are two lists; attributes by text."""
    if isinstance(node, (nodes.Name, nodes.AssignName)):
        return (id(node.scope()), node.name)
    return ("attribute", node.as_string())


# -- the fix ----------------------------------------------------------------------------------------


def _near_miss_block(ctx, call: nodes.Call, updates: "_UpdateOps") -> Optional[nodes.With]:
    """A `with control_dependencies(<update ops>)` block in the train op's scope, before it,
    that builds no train op (it only creates the optimizer, or assigns an existing tensor)."""
    statement = call.statement()
    frame = call.frame()
    start = statement.lineno or 0
    found = None
    for with_node in frame.nodes_of_class(nodes.With, skip_klass=(nodes.FunctionDef, nodes.ClassDef, nodes.Lambda)):
        if with_node.frame() is not frame or (with_node.end_lineno or 0) >= start:
            continue
        if not any(_is_control_dependencies(expr) and updates.mentions(_control_inputs(expr)) for expr, _ in with_node.items):
            continue
        if any(_builds_train_op(ctx, inner, updates) for inner in with_node.nodes_of_class(nodes.Call)):
            continue
        if found is None or with_node.lineno > found.lineno:
            found = with_node
    return found


def _dependencies_item(block: nodes.With):
    return next((expr for expr, _ in block.items if _is_control_dependencies(expr)), block.items[0][0])


def _builds_train_op(ctx, call: nodes.Call, updates: "_UpdateOps") -> bool:
    func = call.func
    if isinstance(func, nodes.Attribute) and func.attrname in _TRAIN_METHODS and (call.args or call.keywords):
        return True
    api = ctx.resolver.api(func) if ctx.spells_train_op_builder else None
    return api is not None and api.name in tfapi.TRAIN_OP_BUILDERS


def _move_fix(ctx, call: nodes.Call, block: nodes.With) -> Optional[Fix]:
    """Move the train op's statement to the end of the block, when nothing it reads is bound
    between the block and it (else the wrapping fix is offered)."""
    statement = call.statement()
    body = getattr(statement.parent, "body", None)
    if not isinstance(body, list) or block not in body or statement not in body:
        return None
    between = body[body.index(block) + 1 : body.index(statement)]
    read = {name.name for name in statement.nodes_of_class(nodes.Name)}
    for other in between:
        bound = {n.name for n in other.nodes_of_class((nodes.AssignName, nodes.DelName))}
        if isinstance(other, (nodes.FunctionDef, nodes.ClassDef)):
            bound.add(other.name)
        if isinstance(other, (nodes.Import, nodes.ImportFrom)):
            bound |= {(alias or name).split(".")[0] for name, alias in other.names}
        if bound & read:
            return None
    edit = edits.move_statement_into(ctx.document, statement, block)
    if edit is None:
        return None
    return Fix("Run UPDATE_OPS before this train op", edit, True)


def _wrap_fix(ctx, call: nodes.Call, spelling) -> Optional[Fix]:
    statement = call.statement()
    if isinstance(statement, nodes.Module):
        return None
    prefix, import_edit = spelling
    wrap = edits.wrap_statement(
        ctx.document,
        statement,
        [f"update_ops = {prefix}.get_collection({prefix}.GraphKeys.UPDATE_OPS)"],
        f"with {prefix}.control_dependencies(update_ops)",
    )
    if wrap is None:
        return None
    changes = (import_edit, wrap) if import_edit is not None else (wrap,)
    return Fix("Run UPDATE_OPS before this train op", changes, True)


def _tensorflow_spelling(ctx) -> tuple[str, Optional[TextEdit]]:
    """How the fix reaches TF1 graph APIs in this file, and an import to add if no name does.

    `tf.compat.v1.get_collection` runs on TensorFlow 1.13+ and 2.x alike; `tf.get_collection`
    and `tf.GraphKeys` exist only in TensorFlow 1. So plain `tf.` is written only where it is
    sure to work: the name already is `tensorflow.compat.v1`, or the file is TF1-only (it
    uses `tf.contrib`, which TensorFlow 2 removed).
    """
    compat_name = plain_name = None
    for name, bindings in ctx.module.locals.items():
        for binding in bindings:
            if isinstance(binding, nodes.Import):
                for modname, asname in binding.names:
                    bound = asname or modname.split(".")[0]
                    if bound != name:
                        continue
                    if asname and modname == "tensorflow.compat.v1":
                        compat_name = compat_name or name
                    elif modname == "tensorflow" or (modname.startswith("tensorflow.") and not asname):
                        plain_name = plain_name or name
            elif isinstance(binding, nodes.ImportFrom) and binding.modname == "tensorflow.compat" and not binding.level:
                for imported, asname in binding.names:
                    if imported == "v1" and (asname or imported) == name:
                        compat_name = compat_name or name
    if compat_name:
        return compat_name, None
    tf1_only = _uses_contrib(ctx)
    if plain_name:
        if not tf1_only:
            return f"{plain_name}.compat.v1", None
        # a TF1-only file: follow how it mostly spells graph-mode APIs
        name = re.escape(plain_name)
        compat = len(re.findall(rf"\b{name}\.compat\.v1\.{_GRAPH_APIS}", ctx.document.source))
        plain = len(re.findall(rf"\b{name}\.{_GRAPH_APIS}", ctx.document.source))
        if compat > plain:
            return f"{plain_name}.compat.v1", None
        return plain_name, None
    return ("tf" if tf1_only else "tf.compat.v1"), _import_tensorflow(ctx)


def _uses_contrib(ctx) -> bool:
    """Does the file use `tensorflow.contrib` (so it runs on TensorFlow 1 only)?"""
    for node in ctx.nodes_of(nodes.Import, nodes.ImportFrom, nodes.Attribute):
        if isinstance(node, nodes.Import):
            if any(modname.startswith("tensorflow.contrib") for modname, _ in node.names):
                return True
        elif isinstance(node, nodes.ImportFrom):
            if node.level:
                continue
            if node.modname.startswith("tensorflow.contrib"):
                return True
            if node.modname == "tensorflow" and any(imported == "contrib" for imported, _ in node.names):
                return True
        elif node.attrname == "contrib":
            owner = ctx.resolver.value(node.expr)
            if owner is not None and owner.path == "tensorflow":
                return True
    return False


def _import_tensorflow(ctx) -> TextEdit:
    last_import = None
    for statement in ctx.module.body:
        if isinstance(statement, (nodes.Import, nodes.ImportFrom)):
            last_import = statement
    doc = ctx.document
    if last_import is None:
        at = Position(0, 0)
        return TextEdit(Range(at, at), "import tensorflow as tf" + doc.newline)
    end = doc.node_range(last_import).end
    line_end = Position(end.line, len(doc.line(end.line)))
    return TextEdit(Range(line_end, line_end), doc.newline + "import tensorflow as tf")
