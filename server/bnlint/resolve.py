"""Static name resolution on top of astroid's scope lookup.

astroid finds which statement binds a name in a given scope (`node.lookup`); this module
follows those bindings through imports and assignments to a dotted import path, the way a
reader of the file would: `slim = tf.contrib.slim` then `slim.batch_norm` is
`tensorflow.contrib.slim.batch_norm`. TensorFlow is never imported: everything is read off
the file itself. Anything that cannot be followed (a parameter, a loop variable, a user's
own function) resolves to None, so a user's `def batch_norm` is never TensorFlow's.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from typing import Optional

from astroid import nodes
from astroid.const import Context

from .tfapi import FUNCTOOLS_PARTIAL, Api, canonical

_MAX_DEPTH = 12
_BUILTIN_NAMES = frozenset(dir(builtins))


@dataclass(frozen=True)
class Value:
    """What an expression statically is.

    kind "path": an imported object (`path` is its dotted import path);
    kind "partial": functools.partial(`path`, **keywords);
    kind "instance": the result of calling `path` (e.g. tf.layers.BatchNormalization(...)).
    """

    kind: str
    path: str
    keywords: dict = field(default_factory=dict, compare=False, hash=False)  # name -> value node (partials)

    @property
    def api(self) -> Optional[Api]:
        return canonical(self.path)


@dataclass
class CallArgs:
    positional: list
    keywords: dict  # name -> value node, explicit or from a visible **dict
    keyword_nodes: dict  # name -> nodes.Keyword, explicit keywords only (for ranges and edits)
    opaque_keywords: bool  # a **mapping whose keys cannot be seen
    opaque_positional: bool  # a *args

    def has(self, name: str, position: Optional[int] = None) -> bool:
        if name in self.keywords:
            return True
        return position is not None and len(self.positional) > position

    def get(self, name: str, position: Optional[int] = None):
        if name in self.keywords:
            return self.keywords[name]
        if position is not None and len(self.positional) > position:
            return self.positional[position]
        return None

    @property
    def unknown(self) -> bool:
        return self.opaque_keywords or self.opaque_positional


@dataclass
class VisibleDict:
    """A dict whose string keys can all be seen: a `{...}` literal or `dict(k=v)` call."""

    node: nodes.NodeNG  # the nodes.Dict or the dict(...) nodes.Call
    keys: dict  # key -> value node


class Resolver:
    def __init__(self):
        self._values: dict[int, Optional[Value]] = {}
        self._shared: dict[tuple, Optional[Value]] = {}
        self._active: set[int] = set()
        self._stars: dict[int, tuple] = {}
        self._bindings: dict[tuple, list] = {}  # (id(name node), name) -> its bindings: rules and the summary ask again

    # -- names -------------------------------------------------------------------------

    def bindings(self, name_node: nodes.NodeNG, name: str) -> list:
        # scope_lookup, not NodeNG.lookup: astroid memoises lookup() process-wide, which would
        # hand back bindings from an earlier version of a document whose blocks we reuse (this
        # memo lives as long as the one tree it was filled from)
        key = (id(name_node), name)
        found = self._bindings.get(key)
        if found is None:
            found = self._bindings[key] = self._lookup(name_node, name)
        return list(found)

    @staticmethod
    def _lookup(name_node: nodes.NodeNG, name: str) -> list:
        if _binding_scope(name_node, name) is None:
            return []  # a builtin or an undefined name; asking astroid would build its builtins model
        try:
            _, found = name_node.scope().scope_lookup(name_node, name)
        except Exception:  # astroid raises on odd trees mid-edit; an unknown name is the safe answer
            return []
        return list(found)

    def value(self, node: Optional[nodes.NodeNG], depth: int = 0) -> Optional[Value]:
        if node is None or depth > _MAX_DEPTH:
            return None
        key = id(node)
        if key in self._values:
            return self._values[key]
        if key in self._active:
            return None
        self._active.add(key)
        try:
            result = self._compute(node, depth)
        finally:
            self._active.discard(key)
        self._values[key] = result
        return result

    def path(self, node) -> Optional[str]:
        value = self.value(node)
        return value.path if value is not None and value.kind == "path" else None

    def api(self, node) -> Optional[Api]:
        return canonical(self.path(node))

    def _compute(self, node, depth: int) -> Optional[Value]:
        if isinstance(node, nodes.Name):
            return self._name(node, node.name, depth)
        if isinstance(node, nodes.Attribute):
            base = self.value(node.expr, depth + 1)
            if base is not None and base.kind == "path":
                return Value("path", f"{base.path}.{node.attrname}")
            if base is None and isinstance(node.expr, nodes.Name):
                return self._instance_attribute(node, depth)
            return None
        if isinstance(node, nodes.Call):
            return self._call(node, depth)
        if isinstance(node, nodes.IfExp):
            # `slim.batch_norm if use_bn else None`: the branch that is not None
            branches = [b for b in (node.body, node.orelse) if not (isinstance(b, nodes.Const) and b.value is None)]
            return self._agree([self.value(b, depth + 1) for b in branches])
        return None

    def _instance_attribute(self, node: nodes.Attribute, depth: int) -> Optional[Value]:
        """`self.bn` in a method: what the class assigns to `self.bn` (e.g. in __init__)."""
        owner = node.expr.name
        function = node.frame()
        klass = function.parent.frame() if isinstance(function, nodes.FunctionDef) and function.parent else None
        if not isinstance(klass, nodes.ClassDef):
            return None
        values = []
        for target in self._attribute_targets(klass).get(node.attrname, ()):
            if isinstance(target.expr, nodes.Name) and target.expr.name == owner:
                assign = target.parent
                if not (isinstance(assign, nodes.Assign) and target in assign.targets):
                    return None
                values.append(self.value(assign.value, depth + 1))
        return self._agree(values)

    def _attribute_targets(self, klass: nodes.ClassDef) -> dict:
        """attrname -> the `x.attr = ...` targets in a class, gathered once per class (big test
        classes would otherwise be walked once per `self.attr` read)."""
        cache = self.__dict__.setdefault("_class_targets", {})
        found = cache.get(id(klass))
        if found is None:
            found = {}
            for target in klass.nodes_of_class(nodes.AssignAttr):
                found.setdefault(target.attrname, []).append(target)
            cache[id(klass)] = (klass, found)
            return found
        return found[1]

    @staticmethod
    def _agree(values: list) -> Optional[Value]:
        if not values or any(v is None for v in values):
            return None
        first = values[0]
        for other in values[1:]:
            if other.kind != first.kind or _same_object(other.path) != _same_object(first.path):
                return None
        return first

    def _name(self, node, name: str, depth: int) -> Optional[Value]:
        # A name bound in an enclosing scope (`tf` inside a function) means the same thing
        # at every use in the inner scope: resolve it once per (scope, name).
        owner = _binding_scope(node, name)
        if owner is None:
            return self._star_imported(node, name)
        shared = owner is not node.scope()
        key = (id(owner), name)
        if shared and key in self._shared:
            return self._shared[key]
        value = self._agree([self._binding(binding, name, depth) for binding in self.bindings(node, name)])
        if shared:
            self._shared[key] = value
        return value

    def _star_imported(self, node, name: str) -> Optional[Value]:
        """A name no statement binds, taken from `from <TF module> import *` (public names only).

        astroid cannot list what a star import binds without importing the module (TF is not
        installed), so the name is attributed to the TF module star-imported last; a module
        star import that is not TensorFlow's may bind it too, and then nothing is claimed.
        """
        if name.startswith("_") or name in _BUILTIN_NAMES:
            return None  # `len`, `dict`, ... stay Python's: TF modules do not export those names
        root = node.root()
        modules = self._stars.get(id(root))
        if modules is None:
            modules = self._stars[id(root)] = _star_imports(root)
        if not modules or any(canonical(m) is None for m in modules):
            return None
        return Value("path", f"{modules[-1]}.{name}")

    def _binding(self, binding, name: str, depth: int) -> Optional[Value]:
        if isinstance(binding, nodes.Import):
            for modname, asname in binding.names:
                if asname == name:
                    return Value("path", modname)
                if asname is None and modname.split(".")[0] == name:
                    return Value("path", name)
            return None
        if isinstance(binding, nodes.ImportFrom):
            if binding.level:
                return None
            for imported, asname in binding.names:
                if (asname or imported) == name:
                    return Value("path", f"{binding.modname}.{imported}")
                if imported == "*" and canonical(binding.modname) is not None and not name.startswith("_"):
                    return Value("path", f"{binding.modname}.{name}")  # astroid listed a star import's names
            return None
        if isinstance(binding, nodes.AssignName):
            parent = binding.parent
            if isinstance(parent, nodes.Assign) and binding in parent.targets:
                return self.value(parent.value, depth + 1)
            if isinstance(parent, nodes.AnnAssign) and parent.value is not None:
                return self.value(parent.value, depth + 1)
            return None
        return None  # def, class, parameter, loop target, ...

    def _call(self, node: nodes.Call, depth: int) -> Optional[Value]:
        callee = self.value(node.func, depth + 1)
        if callee is None:
            return None
        if callee.kind == "path" and callee.path == FUNCTOOLS_PARTIAL:
            if not node.args:
                return None
            wrapped = self.value(node.args[0], depth + 1)
            if wrapped is None:
                return None
            keywords = {}
            if wrapped.kind == "partial":
                keywords.update(wrapped.keywords)
            for keyword in node.keywords or ():
                if keyword.arg is None:
                    return Value("partial", wrapped.path, {**keywords, "**": keyword.value})
                keywords[keyword.arg] = keyword.value
            if wrapped.kind in ("path", "partial"):
                return Value("partial", wrapped.path, keywords)
            return None
        if callee.kind in ("path", "partial"):
            return Value("instance", callee.path)  # what calling a TF function or class (or a partial of one) gives
        return None  # calling an instance: its output, not the layer

    # -- literal values ----------------------------------------------------------------

    def constant(self, node) -> Optional[nodes.Const]:
        """The string, number, boolean or None literal an expression is: itself, or a name bound
        once (in its scope, by a plain assignment) to such a literal. None when unsure."""
        for _ in range(_MAX_DEPTH):
            if isinstance(node, nodes.Const):
                return node
            if not isinstance(node, nodes.Name):
                return None
            owner = _binding_scope(node, node.name)
            if owner is None or len(owner.locals.get(node.name, ())) != 1:
                return None
            binding = self._sole_plain_assignment(node)
            if binding is None:
                return None
            node = binding.parent.value
        return None

    def _sole_plain_assignment(self, name: nodes.Name) -> Optional[nodes.AssignName]:
        """The one binding of `name` when it is a plain `name = value` (not a tuple unpacking,
        a loop target or a parameter); None otherwise."""
        found = self.bindings(name, name.name)
        if len(found) != 1:
            return None
        binding = found[0]
        if not (isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.Assign)):
            return None
        if binding not in binding.parent.targets:
            return None  # part of a tuple unpacking
        return binding

    # -- calls and dicts ---------------------------------------------------------------

    def call_args(self, call: nodes.Call, partial: Optional[Value] = None) -> CallArgs:
        args = CallArgs([], {}, {}, False, False)
        if partial is not None and partial.kind == "partial":
            for name, value in partial.keywords.items():
                if name == "**":
                    args.opaque_keywords = True
                else:
                    args.keywords[name] = value
        for arg in call.args or ():
            if isinstance(arg, nodes.Starred):
                args.opaque_positional = True
            else:
                args.positional.append(arg)
        for keyword in call.keywords or ():
            if keyword.arg is None:
                visible = self.visible_dict(keyword.value)
                if visible is None:
                    args.opaque_keywords = True
                else:
                    args.keywords.update(visible.keys)
            else:
                args.keywords[keyword.arg] = keyword.value
                args.keyword_nodes[keyword.arg] = keyword
        return args

    def visible_dict(self, node, depth: int = 0) -> Optional[VisibleDict]:
        """The dict an expression certainly is, with every key visible; None when unsure."""
        if depth > _MAX_DEPTH or node is None:
            return None
        if isinstance(node, nodes.Dict):
            keys = {}
            for key, value in node.items:
                if isinstance(key, nodes.Const) and isinstance(key.value, str):
                    keys[key.value] = value
                else:
                    return None  # **other or a computed key
            return VisibleDict(node, keys)
        if isinstance(node, nodes.Call) and isinstance(node.func, nodes.Name) and node.func.name == "dict":
            if any(b.root() is node.root() for b in self.bindings(node.func, "dict")):
                return None  # a user's own `dict`
            if node.args:
                return None
            keys = {}
            for keyword in node.keywords or ():
                if keyword.arg is None:
                    return None
                keys[keyword.arg] = keyword.value
            return VisibleDict(node, keys)
        if isinstance(node, nodes.Name):
            binding = self._sole_plain_assignment(node)
            if binding is None:
                return None
            visible = self.visible_dict(binding.parent.value, depth + 1)
            if visible is None:
                return None
            changed = self._changes_before(binding, node, visible.keys)
            if changed is None:
                return None
            return VisibleDict(visible.node, changed)
        return None

    def _changes_before(self, binding: nodes.AssignName, use, keys: dict) -> Optional[dict]:
        """The keys of the dict bound by `binding` as they stand when `use` runs: changes made
        to it in its scope before `use` (`d['k'] = v`, `d.update(...)`, `del d['k']`, `d.pop('k')`)
        count, changes after it do not. None if it is changed before in ways that cannot be seen."""
        name = binding.name
        scope = binding.scope()
        after, before = _position(binding), _position(use)
        if use.scope() is not scope:
            # used in a function, bound around it (a module-level dict): the function may run
            # after any of the module's changes, so all of them count
            before = (float("inf"), 0)
        keys = dict(keys)
        changes = []
        for node in scope.nodes_of_class((nodes.Subscript, nodes.Attribute)):
            owner = node.value if isinstance(node, nodes.Subscript) else node.expr
            if isinstance(owner, nodes.Name) and owner.name == name and after < _position(node) < before:
                changes.append(node)
        for node in sorted(changes, key=_position):
            if isinstance(node, nodes.Subscript):
                if node.ctx == Context.Load:
                    continue
                if not (isinstance(node.slice, nodes.Const) and isinstance(node.slice.value, str)):
                    return None
                if node.ctx == Context.Del:
                    keys.pop(node.slice.value, None)
                    continue
                assign = node.parent
                value = assign.value if isinstance(assign, nodes.Assign) else node  # augmented: unknown value
                keys[node.slice.value] = value
                continue
            call = node.parent
            method = node.attrname
            if not (isinstance(call, nodes.Call) and call.func is node):
                continue  # `d.get`, passed as a value: reading
            if method in ("get", "keys", "items", "values", "copy", "__getitem__", "__contains__"):
                continue
            if method in ("pop", "setdefault") and call.args and isinstance(call.args[0], nodes.Const):
                key = call.args[0].value
                if method == "pop":
                    keys.pop(key, None)
                elif key not in keys:
                    keys[key] = call.args[1] if len(call.args) > 1 else call
                continue
            if method == "update" and len(call.args or []) <= 1:
                for arg in call.args or ():
                    visible = self.visible_dict(arg)
                    if visible is None:
                        return None
                    keys.update(visible.keys)
                for keyword in call.keywords or ():
                    if keyword.arg is None:
                        return None
                    keys[keyword.arg] = keyword.value
                continue
            return None  # clear(), popitem(), __setitem__, ...: changed in ways not followed here
        return keys


def _star_imports(module) -> tuple:
    """Modules star-imported at module level (also under `try:` / `if`), in order."""
    found = module.nodes_of_class(nodes.ImportFrom, skip_klass=(nodes.FunctionDef, nodes.ClassDef, nodes.Lambda))
    return tuple(
        "." * (statement.level or 0) + statement.modname  # a relative module is never TF's
        for statement in sorted(found, key=_position)
        if any(imported == "*" for imported, _ in statement.names)
    )


def _position(node) -> tuple:
    return (node.lineno or 0, node.col_offset or 0)


def _binding_scope(node, name: str, scope=None):
    """The innermost scope around `node` that binds `name`, or None (a builtin or undefined name).
    `scope`: node.scope(), when the caller has it already."""
    if scope is None:
        scope = node.scope()
    while scope is not None:
        if name in scope.locals:
            return scope
        parent = scope.parent
        scope = parent.scope() if parent is not None else None
    return None


def _same_object(path: str) -> str:
    api = canonical(path)
    return api.name if api is not None else path
