"""What every rule sees: the module, name resolution, and the TF facts derived from them once.

Rules ask questions here ("is this call a contrib batch norm?", "does an arg_scope supply
is_training to it?") instead of walking the tree themselves, so each rule module stays a
short statement of its spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Optional

from astroid import nodes

from . import tfapi
from .document import Document
from .findings import Range
from .resolve import CallArgs, Resolver, Value


@dataclass
class BatchNormCall:
    call: nodes.Call
    family: str  # "contrib" (is_training, default True) or "core" (training, default False)
    library: Optional[str]
    args: CallArgs
    training_position: Optional[int]  # where is_training / training may be passed positionally


@dataclass
class DropoutCall:
    call: nodes.Call
    family: str  # "contrib" (is_training, default True) or "core" (training, default False)
    library: Optional[str]
    args: CallArgs
    training_position: Optional[int]


@dataclass(frozen=True)
class _TrainingFlagApis:
    """A layer kind whose behaviour hangs on a training flag: contrib is_training, core training."""

    contrib: frozenset
    core_function: frozenset
    core_class: frozenset  # instances called or .apply-ed: call(inputs, training=False)
    contrib_position: int
    core_position: int


_BATCH_NORM_APIS = _TrainingFlagApis(
    tfapi.CONTRIB_BATCH_NORM,
    tfapi.CORE_BATCH_NORM_FUNCTION,
    tfapi.CORE_BATCH_NORM_CLASS,
    tfapi.CONTRIB_BN_POSITIONS["is_training"],
    tfapi.CORE_BN_POSITIONS["training"],
)
_DROPOUT_APIS = _TrainingFlagApis(
    tfapi.CONTRIB_DROPOUT,
    tfapi.CORE_DROPOUT_FUNCTION,
    tfapi.CORE_DROPOUT_CLASS,
    tfapi.CONTRIB_DROPOUT_POSITIONS["is_training"],
    tfapi.CORE_DROPOUT_POSITIONS["training"],
)


@dataclass
class ArgScope:
    call: nodes.Call
    with_node: nodes.With
    library: Optional[str]
    ops: list  # Api or None per listed op
    args: CallArgs
    saved: bool  # arg_scope(saved_scope_dict): what it sets cannot be seen

    def covers(self, matches: Callable[[tfapi.Api], bool], key: str) -> bool:
        if self.saved:
            return True
        if not any(api is not None and matches(api) for api in self.ops):
            return False
        return key in self.args.keywords or self.args.opaque_keywords


@dataclass
class LayerCall:
    call: nodes.Call
    api: tfapi.Api
    args: CallArgs
    normalizer: Optional[Value]  # what normalizer_fn= resolves to
    normalizer_family: Optional[str]  # "contrib", "core" or None
    normalizer_keyword: Optional[nodes.Keyword]


class Context:
    def __init__(self, module: nodes.Module, document: Document, calls: Optional[list] = None):
        self.module = module
        self.document = document
        self.resolver = Resolver()
        self.calls: list[nodes.Call] = calls if calls is not None else list(module.nodes_of_class(nodes.Call))

    # -- classification ----------------------------------------------------------------

    @cached_property
    def _batch_norm_calls(self) -> dict:
        return self._classify_all(_BATCH_NORM_APIS, BatchNormCall)

    @property
    def batch_norm_calls(self) -> list[BatchNormCall]:
        return list(self._batch_norm_calls.values())

    @cached_property
    def dropout_calls(self) -> list[DropoutCall]:
        return list(self._classify_all(_DROPOUT_APIS, DropoutCall).values())

    def _classify_all(self, apis: _TrainingFlagApis, make) -> dict:
        found = {}
        for call in self.calls:
            info = self._classify(call, apis)
            if info is not None:
                found[id(call)] = make(call, *info)
        return found

    def _classify(self, call: nodes.Call, apis: _TrainingFlagApis) -> Optional[tuple]:
        """(family, library, args, position of the flag) if `call` is one of `apis`, else None."""
        func = call.func
        value = self.resolver.value(func)
        if value is not None:
            api = value.api
            if api is not None:
                if value.kind in ("path", "partial") and api.name in apis.contrib:
                    return "contrib", api.library, self.resolver.call_args(call, value), apis.contrib_position
                if value.kind in ("path", "partial") and api.name in apis.core_function:
                    return "core", api.library, self.resolver.call_args(call, value), apis.core_position
                if value.kind == "instance" and api.name in apis.core_class:
                    return "core", api.library, self.resolver.call_args(call), tfapi.LAYER_CALL_POSITIONS["training"]
        if isinstance(func, nodes.Attribute) and func.attrname == "apply":
            owner = self.resolver.value(func.expr)
            if owner is not None and owner.kind == "instance":
                api = owner.api
                if api is not None and api.name in apis.core_class:
                    return "core", api.library, self.resolver.call_args(call), tfapi.LAYER_CALL_POSITIONS["training"]
        return None

    def normalizer_family(self, value: Optional[Value]) -> Optional[str]:
        if value is None or value.kind not in ("path", "partial"):
            return None
        api = value.api
        if api is None:
            return None
        if api.name in tfapi.CONTRIB_BATCH_NORM:
            return "contrib"
        if api.name in tfapi.CORE_BATCH_NORM_FUNCTION:
            return "core"
        return None

    @cached_property
    def layer_calls(self) -> list[LayerCall]:
        found = []
        for call in self.calls:
            value = self.resolver.value(call.func)
            if value is None or value.kind not in ("path", "partial"):
                continue
            api = value.api
            if api is None or tfapi.layer_scope_key(api.name) is None:
                continue
            args = self.resolver.call_args(call, value)
            keyword = args.keyword_nodes.get("normalizer_fn")
            normalizer_node = args.keywords.get("normalizer_fn")
            normalizer = self.resolver.value(normalizer_node) if normalizer_node is not None else None
            found.append(LayerCall(call, api, args, normalizer, self.normalizer_family(normalizer), keyword))
        return found

    @cached_property
    def arg_scopes(self) -> list[ArgScope]:
        scopes = []
        for call in self.calls:
            parent = call.parent
            if not isinstance(parent, nodes.With) or not any(item[0] is call for item in parent.items):
                continue
            api = self.resolver.api(call.func)
            if api is None or api.name not in tfapi.ARG_SCOPE:
                continue
            first = call.args[0] if call.args else None
            if isinstance(first, (nodes.List, nodes.Tuple)):
                ops = [self.resolver.api(element) for element in first.elts]
                scopes.append(ArgScope(call, parent, api.library, ops, self.resolver.call_args(call), False))
            elif first is not None or call.keywords:
                scopes.append(ArgScope(call, parent, api.library, [], self.resolver.call_args(call), first is not None))
        return scopes

    @cached_property
    def keras_batch_norms(self) -> list[nodes.Call]:
        """Constructions of Keras BatchNormalization layers (`tf.keras.layers.BatchNormalization(...)`)."""
        found = []
        for call in self.calls:
            api = self.resolver.api(call.func)
            if api is not None and api.name in tfapi.KERAS_BATCH_NORM_CLASS:
                found.append(call)
        return found

    @cached_property
    def batch_norm_sites(self) -> list:
        """Where this file builds a batch norm of any family, whose moving statistics are variables:
        contrib / tf.layers calls (tf.layers.BatchNormalization layers called or applied), layers
        given one as normalizer_fn, arg_scopes handing one out, Keras BatchNormalization layers
        built. Nodes in source order."""
        found = [bn.call.func for bn in self.batch_norm_calls]
        found += [layer.normalizer_keyword for layer in self.layer_calls if layer.normalizer_family is not None]
        for scope in self.arg_scopes:
            keyword = scope.args.keyword_nodes.get("normalizer_fn")
            if keyword is not None and self.normalizer_family(self.resolver.value(keyword.value)) is not None:
                found.append(keyword)
        found += [call.func for call in self.keras_batch_norms]
        found.sort(key=lambda node: (node.lineno, node.col_offset))
        return found

    def builds_batch_norm(self) -> bool:
        """Does the program this file belongs to build batch norm? The one question BN008-BN010
        ask about the model; today it reads this file only (see the rule pages)."""
        return bool(self.batch_norm_sites)

    @cached_property
    def _scopes_by_with(self) -> dict:
        by_with: dict = {}
        for scope in self.arg_scopes:
            by_with.setdefault(id(scope.with_node), []).append(scope)
        return by_with

    # -- arg_scope coverage ------------------------------------------------------------

    def enclosing_arg_scopes(self, node) -> list[ArgScope]:
        """arg_scopes whose `with` body holds `node`, innermost first (lexical only)."""
        found = []
        for with_node, child in enclosing_withs(node):
            if child in with_node.body:
                found.extend(reversed(self._scopes_by_with.get(id(with_node), [])))
            else:
                # `with arg_scope(A), arg_scope(B):` -- B's call sits under A
                for scope in self._scopes_by_with.get(id(with_node), []):
                    if scope.call is not child and _item_index(with_node, scope.call) < _item_index(with_node, child):
                        found.append(scope)
        return found

    def supplied_by_arg_scope(self, node, matches: Callable[[tfapi.Api], bool], key: str) -> bool:
        """Does an arg_scope set `key` for ops `matches` at `node`, lexically or from every caller?"""
        return self.holds_where_called(
            node, lambda n: any(scope.covers(matches, key) for scope in self.enclosing_arg_scopes(n))
        )

    def arg_scope_value(self, node, matches: Callable[[tfapi.Api], bool], key: str):
        """The value the innermost enclosing (lexical) arg_scope sets for `key`, if any."""
        for scope in self.enclosing_arg_scopes(node):
            if not scope.saved and key in scope.args.keywords and any(a is not None and matches(a) for a in scope.ops):
                return scope.args.keywords[key]
        return None

    def holds_where_called(self, node, lexically: Callable, _seen=frozenset()) -> bool:
        """`lexically(node)`, or else: true at every call of the function holding `node` in this file.

        That is how arg_scope and control_dependencies reach code: at run time, through the
        calls. A function with no call in the file is not covered.
        """
        if lexically(node):
            return True
        function = _enclosing_function(node)
        if function is None or id(function) in _seen:
            return False
        callers = self.callers(function)
        seen = _seen | {id(function)}
        return bool(callers) and all(self.holds_where_called(c, lexically, seen) for c in callers)

    def batch_norm_matcher(self, library: Optional[str]) -> Callable[[tfapi.Api], bool]:
        return self.api_matcher(tfapi.CONTRIB_BATCH_NORM, library)

    def api_matcher(self, names: frozenset, library: Optional[str]) -> Callable[[tfapi.Api], bool]:
        """Matches arg_scope ops that are one of `names` on the same arg_scope stack as `library`."""
        return lambda api: api.name in names and _same_stack(api.library, library)

    def layer_matcher(self, api: tfapi.Api) -> Callable[[tfapi.Api], bool]:
        key = tfapi.layer_scope_key(api.name)
        return lambda other: tfapi.layer_scope_key(other.name) == key and _same_stack(other.library, api.library)

    def callers(self, function: nodes.FunctionDef) -> list[nodes.Call]:
        result = []
        for call in self._calls_by_name.get(function.name, ()):
            func = call.func
            if isinstance(func, nodes.Name):
                if any(binding is function for binding in self.resolver.bindings(func, func.name)):
                    result.append(call)
            elif isinstance(function.parent, nodes.ClassDef):
                result.append(call)  # self.method(...) / obj.method(...)
        return result

    @cached_property
    def _calls_by_name(self) -> dict:
        by_name: dict = {}
        for call in self.calls:
            name = callee_name(call)
            if name:
                by_name.setdefault(name, []).append(call)
        return by_name

    # -- the naming rule of the fixes --------------------------------------------------

    def training_name(self, node) -> Optional[str]:
        """A name meaning "are we training" bound around `node`: parameters first, innermost scope first."""
        scope = node.scope()
        while scope is not None:
            if isinstance(scope, (nodes.FunctionDef, nodes.Lambda)):
                params = {arg.name for arg in _parameters(scope)}
                for name in tfapi.IS_TRAINING_NAMES:
                    if name in params:
                        return name
            if not isinstance(scope, nodes.ClassDef) or scope is node.scope():
                for name in tfapi.IS_TRAINING_NAMES:
                    if name in scope.locals:
                        return name
            parent = scope.parent
            scope = parent.scope() if parent is not None else None
        return None

    # -- findings ------------------------------------------------------------------------

    def range(self, node) -> Range:
        return self.document.node_range(node)

    def text(self, node) -> str:
        return self.document.node_text(node)


def callee_name(call: nodes.Call) -> Optional[str]:
    """The last name of what is called: `minimize` for `opt.minimize(...)`, `f` for `f(...)`."""
    func = call.func
    if isinstance(func, nodes.Attribute):
        return func.attrname
    return func.name if isinstance(func, nodes.Name) else None


def enclosing_withs(node):
    """(with statement, its child on the way to `node`), innermost first, within `node`'s function.

    A `with` around a def does not apply to the def's body: that runs when it is called.
    """
    child, parent = node, node.parent
    while parent is not None and not isinstance(parent, (nodes.FunctionDef, nodes.Lambda, nodes.ClassDef)):
        if isinstance(parent, nodes.With):
            yield parent, child
        child, parent = parent, parent.parent


def _parameters(function) -> list:
    args = function.args
    if args is None:
        return []
    found = list(args.posonlyargs or []) + list(args.args or []) + list(args.kwonlyargs or [])
    return [a for a in found if isinstance(a, nodes.AssignName)]


def _enclosing_function(node) -> Optional[nodes.FunctionDef]:
    frame = node.frame()
    return frame if isinstance(frame, nodes.FunctionDef) else None


def _item_index(with_node: nodes.With, node) -> int:
    for index, (expr, _) in enumerate(with_node.items):
        if expr is node or node in expr.node_ancestors() or expr in node.node_ancestors():
            return index
    return len(with_node.items)


def _same_stack(a: Optional[str], b: Optional[str]) -> bool:
    """tf_slim and tf.contrib keep separate arg_scope stacks; one does not reach the other."""
    return a == b or None in (a, b)
