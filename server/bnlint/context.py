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
from .project import BATCH_NORM_SPELLINGS, names_any
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


def _no_checkpoint() -> None:
    pass


class Context:
    def __init__(
        self,
        module: nodes.Module,
        document: Document,
        index=None,
        project=None,
        checkpoint: Optional[Callable[[], None]] = None,
    ):
        from .blocks import NodeIndex

        self.module = module
        self.document = document
        self.resolver = Resolver()
        # the module's calls, functions, names...: blocks.NodeIndex (walked here if not given)
        self._index = index if index is not None else NodeIndex.walk(module)
        self.calls: list[nodes.Call] = self._index.of(nodes.Call)
        # raises analysis.AnalysisCancelled when the caller no longer wants this analysis;
        # called in the loops over every call, the longest stretches of an analysis
        self.checkpoint: Callable[[], None] = checkpoint or _no_checkpoint
        self._returned_arg_scopes: dict = {}
        # a project.ProjectView when the file is analysed with the project around it, else None
        self.project = project
        # the project.ModuleSummary of this very text, once analyze() has it (else None)
        self.current_summary = None

    def nodes_of(self, *classes) -> list:
        """Every node of these classes in the module, in walk order (pre-order): classes among
        blocks.INDEXED (Call, FunctionDef, Name, Attribute, Import, ImportFrom, Assign,
        AugAssign). The list is shared: do not modify it."""
        return self._index.of(*classes)

    # -- project-wide facts ---------------------------------------------------------------

    @cached_property
    def builds_batch_norm(self) -> bool:
        """Does this file, or a project module it imports (transitively), build batch norm (any family,
        Keras included)?"""
        if self.batch_norm_sites:
            return True
        return self.project is not None and self.project.reaches_batch_norm

    def project_supplies(self, matches: Callable[[tfapi.Api], bool], key: str) -> bool:
        """Does an arg_scope in another module of the project set `key` for ops `matches`?"""
        return self.project is not None and self.project.supplies(matches, key)

    def coverage(self, at_site: Callable, supplied: Optional[tuple] = None):
        """The cross-module form of a holds_where_called question (None without a project)."""
        if self.project is None:
            return None
        from .project import Coverage

        return Coverage(at_site, supplied)

    # -- classification ----------------------------------------------------------------

    @cached_property
    def spells_batch_norm(self) -> bool:
        """Whether the text names batch norm at all. Names resolve through this file's own
        bindings only, so a call it does not spell cannot be one: a file analysed only for the
        project's sake (a training script) then skips classifying each of its calls."""
        return names_any(self.document.source, BATCH_NORM_SPELLINGS)

    @cached_property
    def spells_train_op_builder(self) -> bool:
        """Whether the text names slim's create_train_op or optimize_loss (tfapi.TRAIN_OP_BUILDERS):
        without that, no call needs resolving to tell whether it is one."""
        return names_any(self.document.source, tfapi.TRAIN_OP_BUILDER_NAMES)

    @cached_property
    def _batch_norm_calls(self) -> dict:
        if not self.spells_batch_norm:
            return {}
        return self._classify_all(_BATCH_NORM_APIS, BatchNormCall)

    @property
    def batch_norm_calls(self) -> list[BatchNormCall]:
        return list(self._batch_norm_calls.values())

    @cached_property
    def dropout_calls(self) -> list[DropoutCall]:
        if not names_any(self.document.source, ("dropout", "Dropout")):
            return []
        return list(self._classify_all(_DROPOUT_APIS, DropoutCall).values())

    def _classify_all(self, apis: _TrainingFlagApis, make) -> dict:
        found = {}
        checkpoint = self.checkpoint
        for call in self.calls:
            checkpoint()
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
        """The slim layer calls (conv2d, fully_connected, ...): what the rules about a layer's
        normalizer_fn read, so none in a file that spells no batch norm."""
        found = []
        checkpoint = self.checkpoint
        for call in self.calls if self.spells_batch_norm else ():
            checkpoint()
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
                returned = self._returned_arg_scope(call, parent)
                if returned is not None:
                    scopes.append(returned)
                continue
            first = call.args[0] if call.args else None
            if isinstance(first, (nodes.List, nodes.Tuple)):
                ops = [self.resolver.api(element) for element in first.elts]
                scopes.append(ArgScope(call, parent, api.library, ops, self.resolver.call_args(call), False))
            elif first is not None or call.keywords:
                scopes.append(ArgScope(call, parent, api.library, [], self.resolver.call_args(call), first is not None))
        return scopes

    def arg_scope_returned_by(self, function) -> Optional[nodes.Call]:
        """The `slim.arg_scope(...)` call a function of the project returns, if it returns one.

        `def safe_arg_scope(fns, **kw): return slim.arg_scope(fns, **kw)`, used as a `with`
        item, opens that arg_scope; a `@contextmanager` that yields inside `with
        slim.arg_scope(...)` does the same.
        """
        key = id(function)
        if key not in self._returned_arg_scopes:
            self._returned_arg_scopes[key] = self._find_returned_arg_scope(function)
        return self._returned_arg_scopes[key]

    def _find_returned_arg_scope(self, function) -> Optional[nodes.Call]:
        if not isinstance(function, nodes.FunctionDef):
            return None
        for node in _own_nodes(function):
            if isinstance(node, nodes.Return) and isinstance(node.value, nodes.Call):
                if self._is_arg_scope_call(node.value):
                    return node.value
            elif isinstance(node, nodes.With) and any(isinstance(n, (nodes.Yield, nodes.YieldFrom)) for n in _own_nodes(node)):
                for expr, _ in node.items:
                    if isinstance(expr, nodes.Call) and self._is_arg_scope_call(expr):
                        return expr
        return None

    def _is_arg_scope_call(self, call: nodes.Call) -> bool:
        api = self.resolver.api(call.func)
        return api is not None and api.name in tfapi.ARG_SCOPE

    def called_function(self, call: nodes.Call) -> Optional[nodes.FunctionDef]:
        """The function of this file a call by plain name calls, if the name binds exactly one def."""
        func = call.func
        if not isinstance(func, nodes.Name):
            return None
        found = self.resolver.bindings(func, func.name)
        if len(found) == 1 and isinstance(found[0], nodes.FunctionDef):
            return found[0]
        return None

    def _returned_arg_scope(self, site: nodes.Call, with_node: nodes.With) -> Optional[ArgScope]:
        """`with my_arg_scope(...):` where my_arg_scope returns an arg_scope: that scope, its
        arguments read through the parameters the call site fills."""
        function = self.called_function(site)
        inner = self.arg_scope_returned_by(function) if function is not None else None
        if inner is None:
            return None
        api = self.resolver.api(inner.func)
        binding = _bind_parameters(function, site)
        args = CallArgs([], {}, {}, binding is None, False)
        if binding is None:
            return ArgScope(site, with_node, api.library, [], args, True)
        params, extra = binding

        def through(node):
            # a parameter of the function: what the call site gives it (or its default)
            if isinstance(node, nodes.Name) and node.name in params and node.scope() is function:
                return params[node.name]
            return node

        first = through(inner.args[0]) if inner.args else None
        for keyword in inner.keywords or ():
            if keyword.arg is not None:
                value = through(keyword.value)
                if value is not None:
                    args.keywords[keyword.arg] = value
            elif _passes_extra_keywords(keyword.value, function):
                args.keywords.update(extra)
            else:
                visible = self.resolver.visible_dict(keyword.value)
                if visible is None:
                    args.opaque_keywords = True
                else:
                    args.keywords.update(visible.keys)
        if isinstance(first, (nodes.List, nodes.Tuple)):
            ops = [self.resolver.api(element) for element in first.elts]
            return ArgScope(site, with_node, api.library, ops, args, False)
        return ArgScope(site, with_node, api.library, [], args, first is not None or not inner.args)

    @cached_property
    def keras_batch_norms(self) -> list[nodes.Call]:
        """Constructions of Keras BatchNormalization layers (`tf.keras.layers.BatchNormalization(...)`)."""
        found = []
        for call in self.calls if self.spells_batch_norm else ():
            api = self.resolver.api(call.func)
            if api is not None and api.name in tfapi.KERAS_BATCH_NORM_CLASS:
                found.append(call)
        return found

    @cached_property
    def keras_batch_norm_updaters(self) -> list[nodes.Call]:
        """The Keras batch norms that make moving-average updates: all but a layer called on
        tensors only with the literal training=False."""
        found = []
        for construction in self.keras_batch_norms:
            parent = construction.parent
            if isinstance(parent, nodes.Call) and parent.func is construction:
                value = next((k.value for k in parent.keywords or () if k.arg == "training"), None)
                if value is None and len(parent.args or ()) > 1:
                    value = parent.args[1]
                constant = self.resolver.constant(value) if value is not None else None
                if constant is not None and constant.value is False:
                    continue
            found.append(construction)
        return found

    @cached_property
    def batch_norm_sites(self) -> list:
        """Where this file builds a batch norm of any family, whose moving statistics are variables:
        contrib / tf.layers calls (tf.layers.BatchNormalization layers called or applied), layers
        given one as normalizer_fn, arg_scopes handing one out, Keras BatchNormalization layers
        built. Nodes in source order."""
        if not self.spells_batch_norm:
            return []
        found = [bn.call.func for bn in self.batch_norm_calls]
        found += [layer.normalizer_keyword for layer in self.layer_calls if layer.normalizer_family is not None]
        for scope in self.arg_scopes:
            keyword = scope.args.keyword_nodes.get("normalizer_fn")
            if keyword is not None and self.normalizer_family(self.resolver.value(keyword.value)) is not None:
                found.append(keyword)
        found += [call.func for call in self.keras_batch_norms]
        found.sort(key=lambda node: (node.lineno, node.col_offset))
        return found

    @cached_property
    def _scopes_by_with(self) -> dict:
        by_with: dict = {}
        for scope in self.arg_scopes:
            by_with.setdefault(id(scope.with_node), []).append(scope)
        return by_with

    # -- arg_scope coverage ------------------------------------------------------------

    def enclosing_arg_scopes(self, node) -> list[ArgScope]:
        """arg_scopes whose `with` body holds `node`, innermost first (lexical only)."""
        if not self._scopes_by_with:
            return []  # (asked of every call site a summary records: most files open none)
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
        remote = self.coverage(lambda site: any(scope.covers(matches, key) for scope in site.scopes), (matches, key))
        return self.holds_where_called(
            node, lambda n: any(scope.covers(matches, key) for scope in self.enclosing_arg_scopes(n)), remote=remote
        )

    @cached_property
    def _arg_scope_keys(self) -> frozenset:
        """The keys some arg_scope of this file sets (a saved one does not count)."""
        return frozenset(key for scope in self.arg_scopes if not scope.saved for key in scope.args.keywords)

    def arg_scope_value(self, node, matches: Callable[[tfapi.Api], bool], key: str, _seen=frozenset(), _memo=None):
        """The value an arg_scope sets for `key` at `node`: the innermost enclosing one that sets
        it, else the value it gets at every place the code runs (see run_sites), when all agree."""
        if key not in self._arg_scope_keys:
            return None  # (run_sites are in this file: none of its arg_scopes sets it)
        for scope in self.enclosing_arg_scopes(node):
            if not scope.saved and key in scope.args.keywords and any(a is not None and matches(a) for a in scope.ops):
                return scope.args.keywords[key]
        frame = node.frame()
        if not isinstance(frame, (nodes.FunctionDef, nodes.Lambda)) or id(frame) in _seen:
            return None
        # one answer per function within a query: helpers called from many places would
        # otherwise be walked once per call path, exponentially many
        memo = {} if _memo is None else _memo
        if id(frame) in memo:
            return memo[id(frame)]
        seen = _seen | {id(frame)}
        values = [self.arg_scope_value(site, matches, key, seen, memo) for site in self.run_sites(frame)]
        result = None
        if values and all(value is not None for value in values):
            if all(self._same_value(value, values[0]) for value in values[1:]):
                result = values[0]
        memo[id(frame)] = result
        return result

    def _same_value(self, a, b) -> bool:
        ca, cb = self.resolver.constant(a), self.resolver.constant(b)
        if ca is not None and cb is not None:
            return ca.value == cb.value and type(ca.value) is type(cb.value)
        return a.as_string() == b.as_string()

    def holds_where_called(self, node, lexically: Callable, _seen=frozenset(), remote=None, _memo=None) -> bool:
        """`lexically(node)`, or else: true at every place the code holding `node` runs (see run_sites).

        That is how arg_scope and control_dependencies reach code: at run time, through the
        calls. A function with no call in the file is not covered. With a project and a
        `remote` question (a project.Coverage), the calls in other modules count too, and a
        function only handed around as a value has "callers unknown" (see Coverage).
        """
        if lexically(node):
            return True
        frame = node.frame()
        if not isinstance(frame, (nodes.FunctionDef, nodes.Lambda)) or id(frame) in _seen:
            return False
        # one answer per function within a query (see arg_scope_value)
        memo = {} if _memo is None else _memo
        if id(frame) not in memo:
            memo[id(frame)] = self._holds_at_run_sites(frame, lexically, _seen | {id(frame)}, remote, memo)
        return memo[id(frame)]

    def _holds_at_run_sites(self, frame, lexically: Callable, seen, remote, memo) -> bool:
        sites = self.run_sites(frame)
        outside: list = []
        unknown = False
        if remote is not None and self.project is not None and isinstance(frame, nodes.FunctionDef):
            from .project import qualified_name

            outside, unknown = self.project.outside(qualified_name(frame), self._own_function_facts)
        if not sites and not outside and not unknown:
            return False
        if not all(self.holds_where_called(s, lexically, seen, remote, memo) for s in sites):
            return False
        if outside or unknown:
            return self.project.covered(outside, unknown, remote, frozenset(), self._own_scope_facts)
        return True

    @cached_property
    def _own_function_facts(self) -> tuple:
        """project.own_function_facts of this file (its summary in the project may be older)."""
        from .project import own_function_facts

        return own_function_facts(self)

    @cached_property
    def _own_scope_facts(self) -> tuple:
        """This file's arg_scopes as project.ScopeFacts (its summary in the project may be older)."""
        from .project import scope_fact

        return tuple(scope_fact(scope) for scope in self.arg_scopes)

    def run_sites(self, function) -> list:
        """Where the body of a function or lambda runs, as nodes of the code around it.

        A function runs at its calls; one never called but handed to TF control flow
        (`tf.cond(p, true_fn, false_fn)`, `tf.map_fn(fn, ...)`) runs inside that call. A lambda
        bound to a name runs where that name is called; any other lambda where it is written
        (`tf.cond(p, lambda: bn(x), ...)`).
        """
        if isinstance(function, nodes.Lambda):
            name = _lambda_name(function)
            if name is None:
                return [function.parent]
            return [c for c in self._calls_by_name.get(name.name, ()) if self._calls_binding(c, name)]
        callers = self.callers(function)
        if callers:
            return callers
        return [use for use in self._control_flow_arguments.get(function.name, ()) if self._names_binding(use, function)]

    def _calls_binding(self, call: nodes.Call, binding) -> bool:
        return isinstance(call.func, nodes.Name) and self._names_binding(call.func, binding)

    def _names_binding(self, name: nodes.Name, binding) -> bool:
        return any(found is binding for found in self.resolver.bindings(name, name.name))

    @cached_property
    def _control_flow_arguments(self) -> dict:
        """Names passed as arguments to TF control flow that calls them while building the graph."""
        by_name: dict = {}
        for call in self.calls:
            if callee_name(call) not in tfapi.CALLS_ITS_FUNCTIONS:
                continue
            for arg in list(call.args or []) + [k.value for k in call.keywords or ()]:
                if isinstance(arg, nodes.Name):
                    by_name.setdefault(arg.name, []).append(arg)
        return by_name

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


def _own_nodes(node):
    """Nodes under `node`, not entering nested functions, lambdas or classes."""
    for child in node.get_children():
        yield child
        if not isinstance(child, (nodes.FunctionDef, nodes.Lambda, nodes.ClassDef)):
            yield from _own_nodes(child)


def _bind_parameters(function: nodes.FunctionDef, call: nodes.Call) -> Optional[tuple]:
    """({parameter: value node or None}, {extra keyword: value}) for a call of `function`;
    None when the call's arguments cannot be matched (a *args or **mapping at the call)."""
    args = function.args
    positional = [a.name for a in list(args.posonlyargs or []) + list(args.args or [])]
    names = positional + [a.name for a in args.kwonlyargs or []]
    params: dict = {}
    extra: dict = {}
    for index, value in enumerate(call.args or []):
        if isinstance(value, nodes.Starred) or index >= len(positional):
            return None
        params[positional[index]] = value
    for keyword in call.keywords or ():
        if keyword.arg is None:
            return None
        if keyword.arg in names:
            params[keyword.arg] = keyword.value
        elif args.kwarg:
            extra[keyword.arg] = keyword.value
        else:
            return None
    for name in names:
        if name not in params:
            try:
                params[name] = args.default_value(name)
            except Exception:  # astroid's NoDefault: a required parameter the call left out
                params[name] = None
    return params, extra


def _passes_extra_keywords(node, function: nodes.FunctionDef) -> bool:
    """`**kwargs` of the function itself, or a dict comprehension over `kwargs.items()`
    (`{k: v for k, v in kwargs.items() if v is not None}`), inline or bound to a local name."""
    kwarg = function.args.kwarg
    if not kwarg:
        return False
    for _ in range(3):
        if isinstance(node, nodes.Name) and node.name == kwarg:
            return True
        if isinstance(node, nodes.DictComp):
            iterated = node.generators[0].iter if node.generators else None
            return (
                isinstance(iterated, nodes.Call)
                and isinstance(iterated.func, nodes.Attribute)
                and iterated.func.attrname == "items"
                and isinstance(iterated.func.expr, nodes.Name)
                and iterated.func.expr.name == kwarg
            )
        if not isinstance(node, nodes.Name):
            return False
        assigned = [n for n in function.nodes_of_class(nodes.AssignName) if n.name == node.name]
        if len(assigned) != 1 or not isinstance(assigned[0].parent, nodes.Assign):
            return False
        node = assigned[0].parent.value
    return False


def _lambda_name(function: nodes.Lambda) -> Optional[nodes.AssignName]:
    """The name a lambda is bound to by `name = lambda ...`, if it is."""
    parent = function.parent
    if isinstance(parent, nodes.Assign) and parent.value is function and len(parent.targets) == 1:
        target = parent.targets[0]
        if isinstance(target, nodes.AssignName):
            return target
    return None


def _item_index(with_node: nodes.With, node) -> int:
    for index, (expr, _) in enumerate(with_node.items):
        if expr is node or node in expr.node_ancestors() or expr in node.node_ancestors():
            return index
    return len(with_node.items)


def _same_stack(a: Optional[str], b: Optional[str]) -> bool:
    """tf_slim and tf.contrib keep separate arg_scope stacks; one does not reach the other."""
    return a == b or None in (a, b)
