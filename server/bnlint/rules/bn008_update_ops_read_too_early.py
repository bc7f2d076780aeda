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
_CONSUMERS = ("control_dependencies",) + _GROUPERS
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
            fix = _move_fix(ctx, read, target, missed)
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
    after = _end(statement)
    # the calls that may consume the list, from the shared call list (no walk of the function)
    candidates = [
        call
        for call in ctx.calls
        if _start(call) > after
        and (callee_name(call) in _CONSUMERS or any(k.arg == "update_ops" for k in call.keywords or ()))
        and _frame(call) is frame
    ]
    for call in sorted(candidates, key=_start):
        for argument in list(call.args or []) + [k.value for k in call.keywords or ()]:
            for use in argument.nodes_of_class(nodes.Name):
                if use.name == target.name and target in ctx.resolver.bindings(use, use.name):
                    consumer = _consumer_of_use(ctx, use)
                    if consumer is not None:
                        return consumer
    return None


def _used_before(ctx, statement: nodes.Assign, target) -> Optional[bool]:
    """Is the name `statement` binds read between it and `target`? None when `target` is not in
    a later statement of the same block (then moving the read would change more than its place)."""
    binding = statement.targets[0]
    limit = _start(target)
    node = statement.next_sibling()
    while node is not None and _start(node) <= limit:
        for name in node.nodes_of_class(nodes.Name):
            if name.name == binding.name and _start(name) < limit and binding in ctx.resolver.bindings(name, name.name):
                return True
        if node is target or any(ancestor is node for ancestor in target.node_ancestors()):
            return False
        node = node.next_sibling()
    return None


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


def _move_fix(ctx, read: nodes.Call, target, missed: list) -> Optional[Fix]:
    """The read moved to just before `target`, or None when that would still leave one of the
    `missed` batch norms after it (the block the read feeds is opened before the network is
    built inside it: moving the read to the block's header changes nothing)."""
    statement = read.statement()
    if isinstance(statement, nodes.With) and statement is target:
        return _lower_header_fix(ctx, statement, missed)
    if not isinstance(statement, nodes.Assign):
        return None
    if any(_start(node) >= _start(target) for node in missed):
        return None
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
    if _used_before(ctx, statement, target) is not False:
        return None  # used before the new place, or the new place is outside the read's block
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


def _lower_header_fix(ctx, with_node: nodes.With, missed: list) -> Optional[Fix]:
    """`with control_dependencies(get_collection(UPDATE_OPS)):` opened before the network is built
    inside it: move the header down to just before the train-op statement, and the statements
    above that out of the block (one indentation step less)."""
    train = _train_call_in(ctx, with_node)
    if train is None or len(with_node.items) != 1:
        return None
    body = with_node.body
    index = next((i for i, child in enumerate(body) if child is train or child in train.node_ancestors()), None)
    if not index:
        return None  # the train op is the block's first statement: nothing is built before it
    if any(_start(node) >= _start(body[index]) for node in missed):
        return None  # a batch norm built in the train op's statement (a nested block): still after the header
    doc = ctx.document
    header = ctx.range(with_node).start.line
    first_body = ctx.range(body[0]).start.line
    train_line = ctx.range(body[index]).start.line
    if first_body <= header or not doc.first_on_line(ctx.range(body[0]).start) or not doc.first_on_line(ctx.range(body[index]).start):
        return None  # `with ...: stmt` on one line, or statements sharing lines
    if first_body != header + 1:
        return None  # a header over several lines, or comments between it and the body
    for child in body[:index]:
        for const in child.nodes_of_class((nodes.Const, nodes.JoinedStr)):
            if const.lineno != const.end_lineno and (isinstance(const, nodes.JoinedStr) or isinstance(const.value, (str, bytes))):
                return None  # re-indenting would change a multi-line string
    outer = doc.indentation(header)
    # the block's own indentation, not the file's usual step: a block indented with spaces
    # in a file that mostly uses tabs (or the reverse) is re-indented by what it uses
    inner = doc.indentation(first_body)
    if len(inner) <= len(outer) or not inner.startswith(outer):
        return None
    if any(not doc.line(ctx.range(child).start.line).startswith(inner) for child in body[:index]):
        return None  # statements indented differently: no one step to take off them
    lines = []
    for number in range(first_body, train_line):
        line = doc.line(number)
        lines.append(outer + line[len(inner):] if line.startswith(inner) else line)
    lines.append(doc.line(header))
    nl = doc.newline
    edit = TextEdit(Range(Position(header, 0), Position(train_line, 0)), nl.join(lines) + nl)
    return Fix("Open the control_dependencies block just before the train op", (edit,), True)

