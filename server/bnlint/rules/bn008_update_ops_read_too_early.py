"""BN008 update-ops-read-too-early: UPDATE_OPS read before the batch norms the train op needs are built.

`tf.get_collection(tf.GraphKeys.UPDATE_OPS)` returns a list of what the collection holds at
that moment. Read before the model (or part of it) is built, it is empty or partial, and the
train op wired to it never runs the updates of the batch norms built afterwards.
"""

from __future__ import annotations

from typing import Optional

from astroid import nodes

from .. import tfapi
from ..context import callee_name
from ..findings import Fix, Position, Range, Related, TextEdit
from . import Rule
from ._common import is_update_ops_key, literal_is, update_sites

# Calls that build a train op (or its gradients) under a control_dependencies block.
_TRAIN_CALLS = ("minimize", "apply_gradients", "compute_gradients", "gradients")
_GROUPERS = ("group", "with_dependencies", "tuple")
_MAX_RELATED = 20


class UpdateOpsReadTooEarly(Rule):
    code = "BN008"
    name = "update-ops-read-too-early"
    summary = "UPDATE_OPS read before the batch norms are built: the list is empty or partial"

    def check(self, ctx):
        reads = [call for call in ctx.calls if _reads_update_ops(call)]
        if not reads:
            return
        builders = None
        for read in reads:
            consumer = _consumer(ctx, read)
            if consumer is None:
                continue
            target, point = consumer
            if builders is None:
                builders = _Builders(ctx)
            missed = builders.between(read, point)
            if not missed:
                continue
            first_line = missed[0].lineno
            fix = _move_fix(ctx, read, target)
            yield self.finding(
                ctx.range(read),
                f"{ctx.text(read.func)}(UPDATE_OPS) is read before the batch norm built on line {first_line}"
                " exists: the list is a snapshot, so the train op wired to it never runs those updates and"
                " their moving mean and variance never change. Read it just before the train op",
                [fix] if fix is not None else [],
                tuple(Related(ctx.range(node), "batch norm built after the read") for node in missed[:_MAX_RELATED]),
            )


def _reads_update_ops(call: nodes.Call) -> bool:
    if callee_name(call) != "get_collection":
        return False  # get_collection_ref is the live list: read later, when the block opens
    key = call.args[0] if call.args else next((k.value for k in call.keywords or () if k.arg in ("key", "name")), None)
    return is_update_ops_key(key)


def _frame(node):
    """The function (or module) whose straight-line code evaluates `node`: a lambda runs where it is passed."""
    frame = node.frame()
    while isinstance(frame, nodes.Lambda) and frame.parent is not None:
        frame = frame.parent.frame()
    return frame


def _start(node) -> tuple:
    return (node.lineno, node.col_offset)


def _end(node) -> tuple:
    return (node.end_lineno, node.end_col_offset)


def _train_call_in(ctx, with_node: nodes.With) -> Optional[nodes.Call]:
    """The first train-op call in the body of `with_node`, evaluated by the same function."""
    first, last = with_node.body[0].fromlineno, with_node.body[-1].tolineno
    frame = _frame(with_node)
    for call in ctx.calls:
        if first <= call.lineno <= last and callee_name(call) in _TRAIN_CALLS and _frame(call) is frame:
            if any(ancestor is with_node for ancestor in call.node_ancestors()):
                return call
    return None


def _consumer(ctx, read: nodes.Call) -> Optional[tuple]:
    """(statement the read must precede, point by which the batch norms must exist), or None when
    the read feeds no train op in this function."""
    statement = read.statement()
    # with tf.control_dependencies(tf.get_collection(UPDATE_OPS)): ... train op ...
    for ancestor in read.node_ancestors():
        if ancestor is statement:
            break
        if isinstance(ancestor, nodes.Call) and callee_name(ancestor) == "control_dependencies":
            if isinstance(statement, nodes.With) and any(item[0] is ancestor for item in statement.items):
                train = _train_call_in(ctx, statement)
                return (statement, _start(train)) if train is not None else None
            return None
    # update_ops = tf.get_collection(UPDATE_OPS) ... then used by control_dependencies or a grouping
    if not (isinstance(statement, nodes.Assign) and len(statement.targets) == 1):
        return None
    target = statement.targets[0]
    if not isinstance(target, nodes.AssignName):
        return None
    frame = _frame(statement)
    for use in _uses(ctx, target, frame):
        consumer = _consumer_of_use(ctx, use)
        if consumer is not None:
            return consumer
    return None


def _uses(ctx, target: nodes.AssignName, frame) -> list:
    """Names after the assignment, in the same function, that read this binding."""
    found = []
    for node in frame.nodes_of_class(nodes.Name):
        if node.name == target.name and _start(node) > _end(target.parent) and _frame(node) is frame:
            if target in ctx.resolver.bindings(node, node.name):
                found.append(node)
    found.sort(key=_start)
    return found


def _consumer_of_use(ctx, use: nodes.Name) -> Optional[tuple]:
    statement = use.statement()
    for ancestor in use.node_ancestors():
        if ancestor is statement:
            break
        if isinstance(ancestor, nodes.Call):
            name = callee_name(ancestor)
            if name == "control_dependencies":
                if isinstance(statement, nodes.With) and any(item[0] is ancestor for item in statement.items):
                    train = _train_call_in(ctx, statement)
                    return (statement, _start(train)) if train is not None else None
                return None
            if name in _GROUPERS and len(ancestor.args or ()) + len(ancestor.keywords or ()) > 1:
                return statement, _start(statement)
            if any(k.arg == "update_ops" and k.value is use for k in ancestor.keywords or ()):
                api = ctx.resolver.api(ancestor.func)
                if api is not None and api.name in tfapi.TRAIN_OP_BUILDERS:
                    return statement, _start(statement)
    return None


class _Builders:
    """Nodes that build batch norm whose updates go to UPDATE_OPS: the sites themselves, and
    calls of this file's functions that (transitively) build one."""

    def __init__(self, ctx):
        self.nodes = []
        functions = []
        for node, _ in update_sites(ctx):
            self.nodes.append(node)
            frame = _frame(node)
            if isinstance(frame, nodes.FunctionDef):
                functions.append(frame)
        seen = {id(f) for f in functions}
        while functions:
            function = functions.pop()
            for call in ctx.callers(function):
                if _not_training(ctx, call, function):
                    continue  # model(x, is_training=False): an evaluation tower makes no update ops
                self.nodes.append(call)
                frame = _frame(call)
                if isinstance(frame, nodes.FunctionDef) and id(frame) not in seen:
                    seen.add(id(frame))
                    functions.append(frame)
        self.nodes.sort(key=_start)
        self.ctx = ctx
        self.known = {id(node) for node in self.nodes}

    def between(self, read: nodes.Call, point: tuple) -> list:
        frame = _frame(read)
        after = _end(read)
        found = [n for n in self.nodes if after < _start(n) < point and _frame(n) is frame]
        if self.ctx.project is not None:
            # calls of other modules' functions that build batch norm (project-wide analysis)
            from ..project import reference

            for call in self.ctx.calls:
                if id(call) in self.known or not (after < _start(call) < point) or _frame(call) is not frame:
                    continue
                target = reference(self.ctx, call.func, functions_only=True)
                if target is not None and self.ctx.project.builds_batch_norm_when_called(target):
                    found.append(call)
            found.sort(key=_start)
        return found


def _not_training(ctx, call: nodes.Call, function: nodes.FunctionDef) -> bool:
    for keyword in call.keywords or ():
        if keyword.arg in tfapi.IS_TRAINING_NAMES and literal_is(ctx, keyword.value, False):
            return True
    params = [a.name for a in function.args.args or []]
    if isinstance(function.parent, nodes.ClassDef) and isinstance(call.func, nodes.Attribute) and params:
        params = params[1:]  # self
    for name, arg in zip(params, call.args or ()):
        if name in tfapi.IS_TRAINING_NAMES and literal_is(ctx, arg, False):
            return True
    return False


# -- the fix: move `update_ops = tf.get_collection(...)` down ---------------------------------------


def _move_fix(ctx, read: nodes.Call, target) -> Optional[Fix]:
    statement = read.statement()
    if not isinstance(statement, nodes.Assign) or statement is target:
        return None  # the read is in the with header itself: no statement to move
    doc = ctx.document
    rng = ctx.range(statement)
    first, last = rng.start.line, rng.end.line
    if not doc.first_on_line(rng.start) or doc.line(last)[rng.end.character :].strip(" \t;").split("#")[0].strip():
        return None
    siblings = getattr(statement.parent, "body", None)
    if not siblings or statement not in siblings or len(siblings) < 2:
        return None  # moving it would empty its block
    if _frame(target) is not _frame(statement):
        return None
    name = statement.targets[0].name
    for use in _uses(ctx, statement.targets[0], _frame(statement)):
        if _start(use) < _start(target):
            return None  # used before the new place
    for const in statement.nodes_of_class(nodes.Const):
        if isinstance(const.value, (str, bytes)) and const.lineno != const.end_lineno:
            return None
    target_line = ctx.range(target).start.line
    old_indent, new_indent = doc.indentation(first), doc.indentation(target_line)
    moved = []
    for index in range(first, last + 1):
        line = doc.line(index)
        moved.append(new_indent + line[len(old_indent):] if line.startswith(old_indent) else line)
    nl = doc.newline
    remove = TextEdit(Range(Position(first, 0), Position(last + 1, 0)), "")
    insert = TextEdit(Range(Position(target_line, 0), Position(target_line, 0)), nl.join(moved) + nl)
    return Fix(f"Move '{name} = ...' to just before the train op", (remove, insert), True)
