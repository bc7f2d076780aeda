"""Project-wide facts: which project modules a file imports, what they build, who calls what.

A file is analysed with the project around it (see "Project-wide analysis" in the spec): the
folder tree under the nearest pyproject.toml / setup.py / setup.cfg / .git, or, for code
installed in site-packages, the top-level package it belongs to. Nothing is executed:

- imports resolve statically to project files (`import pkg.mod`, `from pkg import mod`,
  `from pkg.mod import f`, relative and star imports, the importing file's own folder, the
  folder above its top package, `src/`, and `sys.path.append/insert(...)` built from
  `__file__` and string literals);
- each module gets a ModuleSummary: a few small facts computed once from its text (the batch
  norms it builds, the project functions it calls and under which arg_scopes, the functions
  it only hands around as values). Summaries are plain data, keyed by the text's digest, so
  they can be kept for thousands of files and cached;
- questions that span modules are answered from the summaries: the batch-norm sites a train
  op's file reaches through its imports (BN001), and whether every call of a function in
  the whole project runs under an arg_scope (the dynamic arg_scope rule).

The index reads only the modules that matter: files that name a batch-norm, optimizer or
arg_scope API, and the project modules reachable by imports from them.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Optional

from .findings import Range

__all__ = ["Project", "ModuleSummary", "find_root", "summarize_source", "mentions_project_api"]

ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
# folders never part of a project's own code
SKIPPED_FOLDERS = frozenset(
    {".venv", "venv", "node_modules", ".git", "__pycache__", ".hg", ".svn", ".tox", ".mypy_cache", ".ipynb_checkpoints",
     "site-packages", "dist-packages", ".bnlint_cache"}
)
_INSTALLED = ("site-packages", "dist-packages")
MAX_MODULE_BYTES = 2 * 1024 * 1024
MAX_INDEXED_FILES = 20000

# Every file is searched for these before anything else is done with it. Plain substrings:
# `w in text` for a score of words costs a seventh of one regex alternation over the text.
BATCH_NORM_SPELLINGS = tuple(f"{b}atch{sep}{n}orm" for b in "Bb" for sep in ("", "_") for n in "Nn")
# A file that names one of these takes part in project-wide facts; the others are read only
# when an import reaches them (for their own imports).
_OTHER_API_WORDS = (
    "arg_scope", "minimize", "apply_gradients", "create_train_op", "optimize_loss", "normalizer_fn",
    "control_dependencies", "UPDATE_OPS", "Saver",
)
PROJECT_API_WORDS = BATCH_NORM_SPELLINGS + _OTHER_API_WORDS


def names_any(text: str, words: tuple) -> bool:
    """Whether `text` contains one of `words` anywhere (comments and strings included)."""
    return any(word in text for word in words)


def mentions_project_api(text: str, names_batch_norm: Optional[bool] = None) -> bool:
    """`names_batch_norm`: whether the text names batch norm, when the caller searched already
    (most files are searched for it first: the same words need not be looked for twice)."""
    if names_batch_norm is None:
        return names_any(text, PROJECT_API_WORDS)
    return names_batch_norm or names_any(text, _OTHER_API_WORDS)


_IMPORT_OR_PATH = re.compile(r"\bimport\b|sys\.path")
_MAX_FOLLOW = 8


def find_root(path: Path) -> Path:
    """The project a file belongs to: the nearest folder above it holding a root marker.

    Installed code (under site-packages) is its own project: its top-level package. Without
    any marker, the file's own folder.
    """
    path = Path(os.path.abspath(path))
    folder = path if path.is_dir() else path.parent
    parts = folder.parts
    for index, part in enumerate(parts):
        if part in _INSTALLED and index + 1 < len(parts):
            return Path(*parts[: index + 2])
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return folder


# ------------------------------------------------------------------------------------------
# the per-module summary


@dataclass(frozen=True)
class ScopeFact:
    """An arg_scope around a call, as data: what it lists and which keywords it sets."""

    ops: tuple  # tfapi.Api or None per listed op
    keys: frozenset
    opaque: bool  # **mapping: any key may be set
    saved: bool  # arg_scope(saved_scope): sets what it saved, unseen

    def covers(self, matches: Callable, key: str) -> bool:
        if self.saved:
            return True
        if not any(api is not None and matches(api) for api in self.ops):
            return False
        return key in self.keys or self.opaque

    def supplies(self, matches: Callable, key: str) -> bool:
        """Sets `key` for a matching op where it can be seen (a saved scope does not count)."""
        return not self.saved and key in self.keys and any(api is not None and matches(api) for api in self.ops)


@dataclass(frozen=True)
class CallSite:
    """A call of something the module imports or defines, and what holds around it lexically."""

    target: tuple  # (level, dotted): level -1 = this module's own name; else an import path
    function: Optional[str]  # qualified name of the function holding the call (None: module level)
    scopes: tuple  # ScopeFact, innermost first
    update_deps: bool  # under control_dependencies(<UPDATE_OPS>)


@dataclass(frozen=True)
class ModuleSummary:
    digest: str
    imports: tuple = ()  # (level, module, names): names None for `import module`, ("*",) for a star import
    sys_paths: tuple = ()  # folders the module adds to sys.path (absolute)
    full: bool = False  # False: only imports were read (the module names no API that matters)
    mentions_api: bool = False  # a partial summary of a module that names an API (see summarize_source)
    bn_sites: tuple = ()  # (Range, message) of batch norms whose updates go to UPDATE_OPS
    bn_functions: frozenset = frozenset()  # qualified names of the functions that build one of those
    keras_sites: tuple = ()  # (Range, message) of Keras batch norms that make updates (BN009)
    builds_batch_norm: bool = False  # any batch norm (Context.batch_norm_sites), any family, Keras included
    train_ops: bool = False
    functions: frozenset = frozenset()  # qualified names of the functions it defines
    returns_arg_scope: frozenset = frozenset()  # functions that return an arg_scope they open
    calls: tuple = ()  # CallSite
    values: tuple = ()  # (target, function): a function referenced without being called
    exports: tuple = ()  # (name, target): module-level names bound to an import or alias
    scopes: tuple = ()  # every arg_scope the module opens (ScopeFact)


def _stable_repr(value) -> str:
    """repr() with sets in sorted order: the same in every process (a frozenset's order
    follows string hashing, which differs from run to run)."""
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(_stable_repr(v) for v in value)) + "}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_stable_repr(v) for v in value) + ")"
    if hasattr(value, "__dataclass_fields__"):
        return f"{type(value).__name__}(" + ", ".join(
            f"{name}={_stable_repr(getattr(value, name))}" for name in value.__dataclass_fields__
        ) + ")"
    return repr(value)


def same_facts(a: Optional[ModuleSummary], b: Optional[ModuleSummary]) -> bool:
    """Do two summaries say the same (whatever the texts' digests)?"""
    if a is None or b is None:
        return a is b
    return replace(a, digest="") == replace(b, digest="")


def _interface(summary: ModuleSummary) -> tuple:
    """What other modules' references resolve through."""
    return (summary.functions, summary.exports, summary.imports, summary.sys_paths)


def digest_of(source: str) -> str:
    return hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def summarize_source(
    source: str,
    path: str,
    complete: bool = False,
    cache=None,
    mentions: Optional[bool] = None,
    names_batch_norm: Optional[bool] = None,
) -> ModuleSummary:
    """The summary of a module read from disk (or an open document's text).

    A module that names no batch norm gets its imports only (cheap) unless `complete`: its
    calls and arg_scopes matter only if it reaches batch norm through its imports, and the
    project completes it then (Project.complete_partial). `cache` (an analysis.BlockCache)
    keeps the trees built for a full summary. `mentions` and `names_batch_norm`: whether it
    names a project API, and batch norm, when the caller searched already.
    """
    from .blocks import parse_module

    digest = digest_of(source)
    if names_batch_norm is None:
        names_batch_norm = names_any(source, BATCH_NORM_SPELLINGS)
    if mentions is None:
        mentions = mentions_project_api(source, names_batch_norm)
    full = mentions and (complete or names_batch_norm)
    if not full and "sys.path" not in source:
        # its imports are all that is needed: read off the import lines, no syntax tree
        return ModuleSummary(digest, _scan_imports(source), mentions_api=mentions)
    try:
        if full:
            from .analysis import project_relevant_blocks

            parsed = parse_module(source, cache, project_relevant_blocks)
        else:
            parsed = parse_module(source, None, lambda texts: [bool(_IMPORT_OR_PATH.search(t)) for t in texts])
    except (RecursionError, MemoryError):
        return ModuleSummary(digest)
    if not full:
        from astroid import nodes

        index = parsed.index
        return ModuleSummary(
            digest,
            _import_facts(index.of(nodes.Import, nodes.ImportFrom)),
            _sys_paths(parsed.module, path, index.of(nodes.Call)),
            mentions_api=mentions,
        )
    from .context import Context
    from .document import Document

    return summarize(Context(parsed.module, Document(source), parsed.index), path, digest)


_IMPORT_LINE = re.compile(
    r"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^#\n\\]*(?:\\\n[^#\n\\]*)*)"
    r"|import[ \t]+([^#\n\\]*(?:\\\n[^#\n\\]*)*))",
    re.MULTILINE,
)
_NAME = re.compile(r"[A-Za-z_][\w.]*|\*")


def _import_matches(source: str):
    """_IMPORT_LINE.finditer(source), tried only at the starts of lines that say `import` (a
    pattern anchored at `^` is otherwise tried at every character of the text; every match
    has the word on its first line)."""
    end = 0  # where the last match ended: the next begins after it
    tried = -1
    at = source.find("import")
    while at >= 0:
        start = source.rfind("\n", 0, at) + 1
        if start >= end and start != tried:
            tried = start
            match = _IMPORT_LINE.match(source, start)
            if match is not None:
                yield match
                end = match.end()
        at = source.find("import", max(at + 6, end))


def _import_statements(source: str):
    """(dots, module, plain, the words of each imported name) of each import line: `plain` for
    `import a.b as c`, else `from <dots><module> import ...`. Statements inside strings may be
    taken for real ones; that only adds a module to what a module reaches."""
    for match in _import_matches(source):
        dots, module, names, plain = match.groups()
        text = plain if plain is not None else names.strip("()")
        yield dots, module, plain is not None, [part.split() for part in text.replace("\\\n", " ").split(",")]


def imported_names(source: str) -> Optional[set]:
    """The names a module's imports bind, but for TensorFlow's own modules (see _candidates):
    the names through which its code may reach another project module. None when a star
    import of such a module may bind any name."""
    names: set = set()
    for dots, module, plain, parts in _import_statements(source):
        if not plain and not dots and _is_tensorflow(module):
            continue
        for words in parts:
            if not words:
                continue
            if words[0] == "*":
                return None
            if plain and _is_tensorflow(words[0]):
                continue
            if len(words) >= 3 and words[1] == "as":
                names.add(words[2])
            else:
                names.add(words[0].split(".")[0] if plain else words[0])
    return names


def _is_tensorflow(dotted: str) -> bool:
    return dotted == "tensorflow" or dotted.startswith("tensorflow.")


def _scan_imports(source: str) -> tuple:
    """The import statements of a module, as summaries keep them, read line by line (what a
    module that names no API needs: where its imports lead)."""
    found = []
    for dots, module, plain, parts in _import_statements(source):
        heads = [words[0] for words in parts if words and _NAME.fullmatch(words[0])]
        if plain:
            found.extend((0, head, None) for head in heads)
        elif heads and (dots or module):
            found.append((len(dots), module, tuple(heads)))
    return tuple(found)


_NODES = None


def _astroid_nodes():
    """astroid.nodes, imported on first use (a run over files that name no batch norm never
    loads astroid). The functions below run once per call or name of a file: an import
    statement there cost more than some of them (a package's `from ... import` runs Python)."""
    global _NODES
    if _NODES is None:
        from astroid import nodes

        _NODES = nodes
    return _NODES


_HELPERS = None
_TRAIN_OP_METHODS = ("minimize", "apply_gradients")  # an optimizer's calls that build a train op


def _summary_helpers() -> tuple:
    """(tfapi, callee_name, update_sites, under_update_ops, _binding_scope): the analysis's
    own functions the summary calls, imported on first use for the same reasons (and they
    import this module)."""
    global _HELPERS
    if _HELPERS is None:
        from . import tfapi
        from .context import callee_name
        from .resolve import _binding_scope
        from .rules._common import update_sites
        from .rules.bn001_update_ops_not_run import under_update_ops

        _HELPERS = (tfapi, callee_name, update_sites, under_update_ops, _binding_scope)
    return _HELPERS


def summarize(ctx, path: Optional[str], digest: str) -> ModuleSummary:
    """The summary of a module from its Context (the analysis of the file builds it anyway)."""
    nodes = _astroid_nodes()
    tfapi, callee_name, update_sites, under_update_ops, _ = _summary_helpers()

    module = ctx.module
    functions = _functions(ctx)
    imports = ctx.nodes_of(nodes.Import, nodes.ImportFrom)
    returns_scope = _returning_arg_scope(ctx, functions)
    candidates = _candidates(ctx, functions)
    sites = list(update_sites(ctx))
    bn_sites = tuple((ctx.range(node), what) for node, what in sites)
    bn_functions = frozenset(f for f in (_holder(node, functions) for node, _ in sites) if f is not None)
    keras_sites = tuple(
        (ctx.range(call.func), "Keras batch norm: its updates are in .updates, not in UPDATE_OPS")
        for call in ctx.keras_batch_norm_updaters
    )
    builds = bool(ctx.batch_norm_sites) or bool(bn_sites)
    train_ops = False
    if names_any(ctx.document.source, _TRAIN_OP_METHODS):
        train_ops = any(callee_name(call) in _TRAIN_OP_METHODS for call in ctx.calls)
    if not train_ops and ctx.spells_train_op_builder:
        apis = (ctx.resolver.api(call.func) for call in ctx.calls)
        train_ops = any(api is not None and api.name in tfapi.TRAIN_OP_BUILDERS for api in apis)
    # the names that may stand for a project function: most calls are TensorFlow's
    # (`slim.conv2d`, `tf.nn.relu`), and a name outside the candidates can only be a local
    # alias (_alias_names); in walk order, as their calls come
    aliases = _alias_names(ctx)
    named = [root for root in ctx.nodes_of(nodes.Name) if root.name in candidates or root.name in aliases]
    calls = []
    for root in named:
        func = _dotted_whole(root)
        call = func.parent
        if not isinstance(call, nodes.Call) or call.func is not func:
            continue
        if root.name not in candidates and root is not func:
            continue  # (an alias is a plain name)
        target = reference(ctx, func, candidates=candidates, aliases=True)
        if target is None:
            continue
        holder = _holder(call, functions)
        scopes = _scope_facts(ctx, _lexical_scopes(ctx, call))
        calls.append(CallSite(target, holder, scopes, under_update_ops(ctx, call)))
    values = _value_uses(ctx, functions, candidates, named)
    exports = []
    for name, bindings in module.locals.items():
        if len(bindings) != 1:
            continue
        binding = bindings[0]
        target = None
        if isinstance(binding, (nodes.Import, nodes.ImportFrom)):
            target = _import_target(binding, name)
        elif isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.Assign):
            value = binding.parent.value
            if isinstance(value, (nodes.Name, nodes.Attribute)):
                target = reference(ctx, value, candidates=candidates)
        if target is not None:
            exports.append((name, target))
    return ModuleSummary(
        digest=digest,
        imports=_import_facts(imports),
        sys_paths=_sys_paths(module, path, ctx.calls) if "sys.path" in ctx.document.source else (),
        full=True,
        bn_sites=bn_sites,
        bn_functions=bn_functions,
        keras_sites=keras_sites,
        builds_batch_norm=builds,
        train_ops=train_ops,
        functions=frozenset(functions.values()),
        returns_arg_scope=frozenset(returns_scope),
        calls=tuple(calls),
        values=tuple(values),
        exports=tuple(exports),
        scopes=_scope_facts(ctx, ctx.arg_scopes),
    )


def _functions(ctx) -> dict:
    nodes = _astroid_nodes()

    return {id(node): qualified_name(node) for node in ctx.nodes_of(nodes.FunctionDef)}


def _candidates(ctx, functions: dict) -> set:
    """Names that may stand for a project function: defs and imported names (the rest need no lookup)."""
    nodes = _astroid_nodes()

    candidates = {name.split(".")[-1] for name in functions.values()}
    imports = (nodes.Import, nodes.ImportFrom)
    for name, bindings in ctx.module.locals.items():
        if len(bindings) == 1 and not isinstance(bindings[0], imports):
            continue  # (most names: one def or assignment)
        imports_of = [b for b in bindings if isinstance(b, imports)]
        # TensorFlow's own modules are never the project's (in TF1 code nearly every call is
        # a `tf.` call: as call sites they made most of a summary, and resolved to nothing)
        if imports_of and not all(_imports_tensorflow(b, name) for b in imports_of):
            candidates.add(name)
    return candidates


def _value_uses(ctx, functions: dict, candidates: set, named: Optional[list] = None) -> list:
    """(target, holder) of each use of a project function as a value, not called. `named`: the
    Name nodes of the file to look at, if the caller has gathered them (others are not uses)."""
    nodes = _astroid_nodes()

    values: list = []
    for root in ctx.nodes_of(nodes.Name) if named is None else named:
        if root.name not in candidates:
            continue
        node = _dotted_whole(root)  # (its prefixes are not uses of their own)
        parent = node.parent
        if isinstance(parent, nodes.Call) and parent.func is node:
            continue
        if isinstance(parent, nodes.Decorators) or _is_alias(node):
            continue  # an alias's calls are traced through it (see reference)
        target = reference(ctx, node, functions_only=True, candidates=candidates)
        if target is not None:
            values.append((target, _holder(node, functions)))
    return values


def _dotted_whole(name):
    """The whole dotted name `name.a.b` that a Name begins."""
    attribute = _astroid_nodes().Attribute
    node = name
    while isinstance(node.parent, attribute) and node.parent.expr is node:
        node = node.parent
    return node


def own_function_facts(ctx) -> tuple:
    """(functions of this module used as values in it, functions returning an entered
    arg_scope), read from its tree: what its summary says of callers unknown, for the text as
    it is now (the project may hold the previous text's summary while the user types)."""
    summary = ctx.current_summary
    if summary is not None:  # of this very text: the same facts, already computed
        return frozenset(t[1] for t, _ in summary.values if t[0] < 0), summary.returns_arg_scope
    functions = _functions(ctx)
    used = frozenset(target[1] for target, _ in _value_uses(ctx, functions, _candidates(ctx, functions)) if target[0] < 0)
    return used, frozenset(_returning_arg_scope(ctx, functions))


def _imports_tensorflow(binding, name: str) -> bool:
    target = _import_target(binding, name)
    return target is not None and target[0] == 0 and _is_tensorflow(target[1])


def qualified_name(function) -> str:
    nodes = _astroid_nodes()

    parent = function.parent
    if isinstance(parent, nodes.Module):
        return function.name
    names = [function.name]
    while parent is not None and not isinstance(parent, nodes.Module):
        if isinstance(parent, (nodes.FunctionDef, nodes.ClassDef)):
            names.append(parent.name)
        parent = parent.parent
    return ".".join(reversed(names))


def _holder(node, functions: dict) -> Optional[str]:
    """The function whose body runs `node` (lambdas and comprehensions are part of it)."""
    nodes = _astroid_nodes()

    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.FunctionDef):
            return functions.get(id(parent))
        if isinstance(parent, nodes.ClassDef):
            return None
        parent = parent.parent
    return None


def _lexical_scopes(ctx, node) -> list:
    """The arg_scopes around `node`; in a lambda, also those around the lambda (it is called
    where it is made, `branch = lambda x: f(x)` then `branch(net)` in the same block)."""
    nodes = _astroid_nodes()

    scopes = list(ctx.enclosing_arg_scopes(node))
    frame = node.frame()
    while isinstance(frame, nodes.Lambda):
        scopes.extend(ctx.enclosing_arg_scopes(frame))
        frame = frame.parent.frame() if frame.parent is not None else None
    return scopes


def _is_alias(node) -> bool:
    """`unit = cell_utils.cell` inside a function: a local name for the function, not a value handed on."""
    nodes = _astroid_nodes()

    parent = node.parent
    return (
        isinstance(parent, nodes.Assign)
        and parent.value is node
        and len(parent.targets) == 1
        and isinstance(parent.targets[0], nodes.AssignName)
        and not isinstance(parent.scope(), nodes.Module)
    )


def scope_fact(scope) -> ScopeFact:
    """A context.ArgScope as data."""
    return ScopeFact(tuple(scope.ops), frozenset(scope.args.keywords), bool(scope.args.opaque_keywords), bool(scope.saved))


def _scope_facts(ctx, scopes: Iterable) -> tuple:
    """scope_fact of each, made once per arg_scope of the file (the call sites under one
    arg_scope share it)."""
    made = ctx.__dict__.setdefault("_scope_facts", {})  # id -> (the ArgScope, kept alive: ids stay its own, its fact)
    found = []
    for scope in scopes:
        entry = made.get(id(scope))
        if entry is None or entry[0] is not scope:
            entry = made[id(scope)] = (scope, scope_fact(scope))
        found.append(entry[1])
    return tuple(found)


def _returning_arg_scope(ctx, functions: dict) -> set:
    """Functions doing `with arg_scope(...) as sc: return sc`: the scope is entered where the
    result is used, so what it sets reaches code that cannot be traced from here."""
    nodes = _astroid_nodes()

    withs_by_alias: dict = {}  # alias name -> ids of the `with` statements binding it
    for scope in ctx.arg_scopes:
        alias = next((a for expr, a in scope.with_node.items if expr is scope.call), None)
        name = getattr(alias, "name", None)
        if name is not None:
            withs_by_alias.setdefault(name, set()).add(id(scope.with_node))
    found: set = set()
    if not withs_by_alias:
        return found
    # the `return sc` inside such a `with`, found from the indexed names (slim nets name their
    # arg_scopes `as sc` and seldom return them: walking each `with` cost more)
    for name in ctx.nodes_of(nodes.Name):
        withs = withs_by_alias.get(name.name)
        ret = name.parent
        if withs is None or not isinstance(ret, nodes.Return) or ret.value is not name:
            continue
        if any(id(ancestor) in withs for ancestor in ret.node_ancestors()):
            holder = _holder(ret, functions)
            if holder is not None:
                found.add(holder)
    return found


def reference(
    ctx, node, functions_only: bool = False, candidates=None, depth: int = 0, aliases: bool = False
) -> Optional[tuple]:
    """What a Name or dotted Attribute names, as (level, dotted) if it may be a project object.

    (-1, "f") is this module's own function `f`; (0, "pkg.mod.f") and (1, "mod.f") go
    through an import (relative for level > 0). Anything else (a parameter, a local
    variable, a builtin) is None.
    """
    nodes = _astroid_nodes()

    attrs = []
    while isinstance(node, nodes.Attribute):
        attrs.append(node.attrname)
        node = node.expr
    if not isinstance(node, nodes.Name) or depth > _MAX_FOLLOW:
        return None
    local_alias = candidates is not None and node.name not in candidates
    if local_alias and (not aliases or attrs or isinstance(node.scope(), nodes.Module)):
        return None
    bindings = _bindings(ctx, node)
    if len(bindings) != 1:
        return None
    binding = bindings[0]
    rest = ".".join(reversed(attrs))
    if isinstance(binding, nodes.AssignName):
        # a local name for a function: `unit = cell_utils.cell` then `unit(net)`
        parent = binding.parent
        if not attrs and isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and parent.targets[0] is binding:
            if isinstance(parent.value, (nodes.Name, nodes.Attribute)):
                return reference(ctx, parent.value, functions_only, candidates, depth + 1)
        return None
    if local_alias:
        return None
    if isinstance(binding, nodes.FunctionDef):
        if binding.parent is not None and not isinstance(binding.parent, nodes.Module) and rest:
            return None
        name = qualified_name(binding)
        return (-1, f"{name}.{rest}" if rest else name)
    if isinstance(binding, nodes.ClassDef):
        return None if functions_only or not rest else (-1, f"{binding.name}.{rest}")
    if isinstance(binding, (nodes.Import, nodes.ImportFrom)):
        target = _import_target(binding, node.name)
        if target is None:
            return None
        if functions_only and not rest and isinstance(binding, nodes.Import):
            return None  # a module used as a value
        level, dotted = target
        return (level, f"{dotted}.{rest}" if rest else dotted)
    return None


def _alias_names(ctx) -> frozenset:
    """Names some assignment binds to a plain name or dotted name (`unit = cell_utils.cell`):
    only those can be local aliases of a function (see reference), so the other names called
    (parameters, locals, builtins) need no lookup."""
    found = ctx.__dict__.get("_alias_names")
    if found is None:
        nodes = _astroid_nodes()
        found = ctx.__dict__["_alias_names"] = frozenset(
            assign.targets[0].name
            for assign in ctx.nodes_of(nodes.Assign)
            if len(assign.targets) == 1
            and isinstance(assign.targets[0], nodes.AssignName)
            and isinstance(assign.value, (nodes.Name, nodes.Attribute))
        )
    return found


def _bindings(ctx, node) -> list:
    """What binds a Name; a module-level name (`tf`, an imported module) is looked up once per file."""
    *_, binding_scope = _summary_helpers()
    scope = node.scope()
    owner = binding_scope(node, node.name, scope)
    if owner is None or owner is scope or owner is not ctx.module:
        return ctx.resolver.bindings(node, node.name)
    cache = ctx.__dict__.setdefault("_module_bindings", {})
    found = cache.get(node.name)
    if found is None:
        found = cache[node.name] = ctx.resolver.bindings(node, node.name)
    return found


def _import_target(binding, name: str) -> Optional[tuple]:
    nodes = _astroid_nodes()

    if isinstance(binding, nodes.Import):
        for modname, asname in binding.names:
            if asname == name:
                return (0, modname)
            if asname is None and modname.split(".")[0] == name:
                return (0, name)
        return None
    for imported, asname in binding.names:
        if (asname or imported) == name and imported != "*":
            dotted = f"{binding.modname}.{imported}" if binding.modname else imported
            return (binding.level or 0, dotted)
    return None


def _import_facts(statements) -> tuple:
    nodes = _astroid_nodes()

    found = []
    for node in statements:
        if isinstance(node, nodes.Import):
            for modname, _ in node.names:
                found.append((0, modname, None))
        else:
            found.append((node.level or 0, node.modname or "", tuple(name for name, _ in node.names)))
    return tuple(found)


def _sys_paths(module, path: Optional[str], calls: Iterable) -> tuple:
    """Folders added by `sys.path.append(X)` / `sys.path.insert(i, X)`, X built from __file__ and literals."""
    nodes = _astroid_nodes()

    if path is None:
        return ()
    found = []
    for call in calls:
        func = call.func
        if not (isinstance(func, nodes.Attribute) and func.attrname in ("append", "insert")):
            continue
        if func.expr.as_string() != "sys.path":
            continue
        argument = call.args[-1] if call.args else None
        value = _static_path(argument, os.path.abspath(path))
        if value is not None:
            folder = value if os.path.isabs(value) else os.path.join(os.path.dirname(os.path.abspath(path)), value)
            found.append(os.path.normpath(folder))
    return tuple(found)


def _static_path(node, file_path: str, depth: int = 0) -> Optional[str]:
    nodes = _astroid_nodes()

    if node is None or depth > 10:
        return None
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return node.value
    if isinstance(node, nodes.Name) and node.name == "__file__":
        return file_path
    if isinstance(node, nodes.Attribute) and node.attrname in ("parent", "parents"):
        inner = _static_path(node.expr, file_path, depth + 1)
        return os.path.dirname(inner) if inner is not None and node.attrname == "parent" else None
    if isinstance(node, nodes.BinOp) and node.op in ("/", "+"):
        left, right = _static_path(node.left, file_path, depth + 1), _static_path(node.right, file_path, depth + 1)
        if left is None or right is None:
            return None
        return os.path.join(left, right) if node.op == "/" else left + right
    if isinstance(node, nodes.Call):
        func = node.func.as_string()
        args = [_static_path(a, file_path, depth + 1) for a in node.args]
        if any(a is None for a in args):
            return None
        name = func.rsplit(".", 1)[-1]
        if name in ("dirname",) and len(args) == 1:
            return os.path.dirname(args[0])
        if name in ("abspath", "realpath", "normpath", "str", "Path", "resolve", "fspath") and len(args) == 1:
            return args[0]
        if name == "resolve" and not args and isinstance(node.func, nodes.Attribute):
            return _static_path(node.func.expr, file_path, depth + 1)
        if name == "join" and args:
            return os.path.join(*args)
    return None


# ------------------------------------------------------------------------------------------
# the project


@dataclass(frozen=True)
class Coverage:
    """What a cross-module question asks of each call site of a function.

    `at_site(site)` says whether it holds lexically at a call site of another module;
    `supplied` (matcher, key) answers for "callers unknown": a function only handed around
    as a value is covered when some arg_scope in the project supplies `key` to matching ops.
    None: callers unknown means not covered.
    """

    at_site: Callable
    supplied: Optional[tuple] = None


@dataclass
class _Entry:
    summary: ModuleSummary
    mtime: Optional[float]


_ABSOLUTE: dict = {}


def _absolute(path) -> str:
    """os.path.abspath, remembered for absolute paths: the project is asked about the same
    files over and over (a relative path's answer depends on the working folder: not kept)."""
    found = _ABSOLUTE.get(path)
    if found is None:
        found = os.path.abspath(path)
        if os.path.isabs(path) and len(_ABSOLUTE) < 200_000:
            _ABSOLUTE[path] = found
    return found


class Project:
    """The modules of one project and the facts that span them. Thread-safe for one writer."""

    def __init__(self, root: Path, load: bool = True, lookups: Optional[tuple] = None):
        """`lookups`: the (modules, folders) caches below, shared by the projects of one run
        over unchanging files (they say where import names lead on disk, nothing else)."""
        self.root = root if isinstance(root, Path) and root.is_absolute() else Path(os.path.abspath(root))
        self.load = load  # False: answer only from summaries already added (never read files)
        self._entries: dict[str, _Entry] = {}
        self._overlay: dict[str, str] = {}  # open documents: they override disk
        modules, folders = lookups if lookups is not None else ({}, {})
        self._modules: dict[tuple, Optional[str]] = modules  # (folder, dotted) -> file
        self._folders: dict[tuple, list] = folders  # (importer, its sys.path additions) -> search folders
        self._deps: dict[str, tuple] = {}  # file -> files its imports reach directly
        self._stale: set = set()  # files whose text changed since their summary
        self.changes = 0  # counts the summaries that changed what the project knows
        self._import_changes = 0  # counts the modules added, removed, or whose imports changed
        self._scope_changes = 0  # counts the modules added, removed, or whose arg_scopes changed
        self._callers: Optional[dict] = None  # (file, qualname) -> [(file, CallSite)]
        self._values: Optional[dict] = None  # (file, qualname) -> [file]
        self._contributions: dict = {}  # file -> (keys of its call sites, keys of its values)
        self._resolved: dict = {}  # (importer, target) -> (file, qualname) or None
        self._indexed = False
        self._lock = threading.RLock()
        # path -> analysis.BlockCache: where complete_partial leaves the trees it built, for a
        # caller that analyses those files next (the CLI's second pass); None: not kept
        self.kept_trees: Optional[dict] = None
        self._layout = 0  # counts the changes of which files exist (see file_changed)
        # answers that hold while their counters (`_import_changes`, `_scope_changes`,
        # `_layout`) stay where they were: (key, value)
        self._importers_memo: tuple = (None, None)
        self._scopes_memo: tuple = (None, None)
        self._completed_at: Optional[tuple] = None  # (changes, _layout) of the last complete_partial()

    # -- files ---------------------------------------------------------------------------

    def contains(self, path) -> bool:
        path = _absolute(path)
        root = str(self.root)
        return path.startswith(root) and (len(path) == len(root) or path[len(root)] == os.sep)

    def knows_only(self, path: str) -> bool:
        """Whether no module but `path` (an absolute path) has a summary here."""
        return all(known == path for known in self._entries)

    def set_document(self, path: str, text: Optional[str]) -> None:
        """An open document's text (None: closed, read the disk again). Its summary is
        recomputed when next asked for (or when its analysis records one)."""
        path = _absolute(path)
        with self._lock:
            if text is None:
                self._overlay.pop(path, None)
            else:
                self._overlay[path] = text
            entry = self._entries.get(path)
            if entry is not None and (text is None or entry.summary.digest != digest_of(text)):
                self._stale.add(path)

    def file_changed(self, path: str) -> None:
        """A file changed, appeared or went away on disk."""
        path = _absolute(path)
        with self._lock:
            if path in self._overlay:
                return  # the open document's text is what counts
            self._stale.add(path)
            if not os.path.exists(path) or path not in self._entries:
                # a new or removed file changes where imports land
                self._modules.clear()
                self._deps.clear()
                self._layout += 1
                self._invalidate()

    def _invalidate(self) -> None:
        self._callers = self._values = None
        self._contributions = {}
        self._resolved = {}

    def add(self, path: str, summary: ModuleSummary) -> bool:
        """Record a module's summary (from its analysis). True when what it says differs from
        the one known (a new text with the same facts is not a change)."""
        path = _absolute(path)
        with self._lock:
            self._stale.discard(path)
            old = self._entries.get(path)
            self._entries[path] = _Entry(summary, None)
            if old is None or (old.summary.imports, old.summary.sys_paths) != (summary.imports, summary.sys_paths):
                self._import_changes += 1
            if old is None or old.summary.scopes != summary.scopes:
                self._scope_changes += 1
            if old is not None and same_facts(old.summary, summary):
                return False
            self.changes += 1
            completed = old is not None and not old.summary.full and summary.full and old.summary.imports == summary.imports
            if old is not None and not completed and _interface(old.summary) != _interface(summary):
                # what other modules' references resolve to may change: rebuild on demand
                self._deps.pop(path, None)
                self._invalidate()
            elif self._callers is not None:
                # a module read for the first time (references to it resolved lazily already),
                # one read in full after its imports (a script: others seldom call into it),
                # or one whose calls changed: only its own entries change
                self._recount(path)
            return True

    def _recount(self, path: str) -> None:
        """Replace one module's entries in the reverse index (its calls and values)."""
        old_calls, old_values = self._contributions.pop(path, ((), ()))
        for key in old_calls:
            self._callers[key] = [item for item in self._callers.get(key, ()) if item[0] != path]
        for key in old_values:
            self._values[key] = [item for item in self._values.get(key, ()) if item != path]
        self._contribute(path, self._entries[path].summary, self._callers, self._values)

    def _contribute(self, path: str, summary: ModuleSummary, callers: dict, values: dict) -> None:
        call_keys, value_keys = [], []
        for site in summary.calls:
            found = self.resolve(path, site.target)
            if found is not None:
                callers.setdefault(found, []).append((path, site))
                call_keys.append(found)
        for target, _ in summary.values:
            found = self.resolve(path, target)
            if found is not None:
                values.setdefault(found, []).append(path)
                value_keys.append(found)
        self._contributions[path] = (tuple(set(call_keys)), tuple(set(value_keys)))

    def text_of(self, path: str) -> Optional[str]:
        """A module's text: the open document's, else the file's."""
        path = _absolute(path)
        text = self._overlay.get(path)
        return text if text is not None else _read_file(path)

    def known(self, path: str) -> Optional[ModuleSummary]:
        """The summary recorded for `path`, without reading anything."""
        entry = self._entries.get(_absolute(path))
        return entry.summary if entry is not None else None

    def summary(self, path: str) -> Optional[ModuleSummary]:
        path = _absolute(path)
        entry = self._entries.get(path)
        if entry is not None and (path not in self._stale or not self.load):
            return entry.summary
        if not self.load:
            return None
        text = self._overlay.get(path)
        if text is None:
            text = _read_text(path)
        if text is None or len(text) > MAX_MODULE_BYTES:  # gone, unreadable, or generated data
            with self._lock:
                if path in self._entries:
                    del self._entries[path]
                    self.changes += 1
                    self._import_changes += 1
                    self._scope_changes += 1
                    self._invalidate()
                self._stale.discard(path)
            return None
        summary = summarize_source(text, path)
        self.add(path, summary)
        return summary

    def index(self, progress: Optional[Callable[[int, int], None]] = None) -> int:
        """Summarise the files that name a batch-norm / optimizer / arg_scope API, and what they
        import. `progress(done, total)` is called as it goes. Returns the modules summarised."""
        done = 0
        for done, total in self.index_steps():
            if progress is not None:
                progress(done, total)
        return done

    def index_steps(self, batch: int = 64):
        """index() one small step at a time: yields (modules done, modules known to do) after
        each module (and after each `batch` files looked at), so that a caller can interleave
        other work (the language server analyses open documents in between)."""
        wanted = []
        for count, path in enumerate(_python_files(self.root), start=1):
            known = self._entries.get(path)
            if known is not None and path not in self._stale:
                if known.summary.full or known.summary.mentions_api:
                    wanted.append(path)  # summarised already (the CLI's first pass): follow its imports
            else:
                text = self._overlay.get(path)
                if text is None:
                    text = _read_text(path)
                if text is not None and len(text) <= MAX_MODULE_BYTES and mentions_project_api(text):
                    wanted.append(path)
            if count % batch == 0:
                yield 0, len(wanted)
        done = 0
        queue = list(wanted)
        seen = set(queue)
        while queue:
            path = queue.pop(0)
            if self.summary(path) is not None:
                done += 1
            for dep in self.dependencies(path):
                if dep not in seen:
                    seen.add(dep)
                    queue.append(dep)
            yield done, len(seen)
        self._indexed = True

    @property
    def indexed(self) -> bool:
        return self._indexed

    @property
    def module_count(self) -> int:
        return len(self._entries)

    # -- imports -------------------------------------------------------------------------

    def search_folders(self, importer: str) -> list:
        """Where `import x` looks from `importer`: its folder (run as a script), the folder above
        its top package, the root, root/src, and what it adds to sys.path."""
        entry = self._entries.get(importer)
        key = (importer, entry.summary.sys_paths if entry is not None else ())
        cached = self._folders.get(key)
        if cached is None:
            cached = self._folders[key] = self._search_folders(importer)
        return cached

    def _search_folders(self, importer: str) -> list:
        folder = os.path.dirname(importer)
        found = [folder]
        top = folder
        while os.path.isfile(os.path.join(top, "__init__.py")):
            top = os.path.dirname(top)
        found += [top, str(self.root), os.path.join(str(self.root), "src")]
        summary = self._entries.get(importer)
        if summary is not None:
            found += list(summary.summary.sys_paths)
        result = []
        for candidate in found:
            if candidate not in result:
                result.append(candidate)
        return result

    def module_file(self, importer: str, level: int, dotted: str) -> Optional[str]:
        """The project file a module name means in `importer` (an absolute path), or None."""
        if level > 0:
            base = os.path.dirname(importer)
            for _ in range(level - 1):
                base = os.path.dirname(base)
            bases = [base]
        else:
            bases = self.search_folders(importer)
        for base in bases:
            key = (base, dotted)
            if key not in self._modules:
                self._modules[key] = self._find_module(base, dotted)
            found = self._modules[key]
            if found is not None:
                return found
        return None

    def _find_module(self, base: str, dotted: str) -> Optional[str]:
        parts = [p for p in dotted.split(".") if p]
        stem = os.path.join(base, *parts) if parts else base
        for candidate in (stem + ".py", os.path.join(stem, "__init__.py")):
            if os.path.isfile(candidate) and self.contains(candidate):
                return os.path.normpath(candidate)
        return None

    def dependencies(self, path: str) -> tuple:
        """The project files the module's imports reach directly (packages' __init__ included)."""
        path = _absolute(path)
        cached = self._deps.get(path)
        if cached is not None:
            return cached
        summary = self.summary(path)
        found: list = []
        if summary is not None:
            for level, module, names in summary.imports:
                if level == 0 and _is_tensorflow(module):
                    continue  # never a project module (see _candidates); nearly every file has one
                parts = module.split(".") if module else []
                for i in range(1, len(parts) + 1):
                    target = self.module_file(path, level, ".".join(parts[:i]))
                    if target is not None:
                        found.append(target)
                if level > 0 and not parts:
                    target = self.module_file(path, level, "")
                    if target is not None:
                        found.append(target)
                for name in names or ():
                    if name != "*":
                        target = self.module_file(path, level, f"{module}.{name}" if module else name)
                        if target is not None:
                            found.append(target)
        result = tuple(dict.fromkeys(p for p in found if p != path))
        self._deps[path] = result
        return result

    def closure(self, path: str) -> list:
        """Every project module `path` reaches through imports, transitively (not itself)."""
        path = _absolute(path)
        seen = {path}
        order = []
        queue = [path]
        while queue:
            current = queue.pop(0)
            for dep in self.dependencies(current):
                if dep not in seen:
                    seen.add(dep)
                    order.append(dep)
                    queue.append(dep)
        return order

    def resolve(self, importer: str, target: tuple, depth: int = 0) -> Optional[tuple]:
        """(file, qualified name) of the project function a reference means, or None."""
        level, dotted = target
        if level < 0:
            return (importer, dotted)
        if depth > _MAX_FOLLOW:
            return None
        key = (importer, target)
        if depth == 0 and key in self._resolved:
            return self._resolved[key]
        found = self._resolve(importer, level, dotted, depth)
        if depth == 0:
            self._resolved[key] = found
        return found

    def _resolve(self, importer: str, level: int, dotted: str, depth: int) -> Optional[tuple]:
        parts = dotted.split(".")
        for i in range(len(parts) - 1, -1, -1):
            module = self.module_file(importer, level, ".".join(parts[:i])) if (i or level) else None
            if module is None:
                continue
            rest = parts[i:]
            found = self._in_module(module, rest, depth)
            if found is not None:
                return found
            return None
        return None

    def _in_module(self, module: str, rest: list, depth: int) -> Optional[tuple]:
        summary = self.summary(module)
        if summary is None or not rest:
            return None
        name = ".".join(rest)
        if name in summary.functions:
            return (module, name)
        for exported, target in summary.exports:
            if exported == rest[0]:
                level, dotted = target
                follow = (level, ".".join([dotted] + rest[1:]))
                if level < 0:
                    return (module, follow[1]) if follow[1] in summary.functions else None
                return self.resolve(module, follow, depth + 1)
        for level, imported, names in summary.imports:
            if names == ("*",):
                star = self.module_file(module, level, imported)
                if star is not None and star != module:
                    found = self._in_module(star, rest, depth + 1)
                    if found is not None:
                        return found
        return None

    # -- cross-module facts ----------------------------------------------------------------

    def update_sites(self, path: str) -> list:
        """(file, Range, message) of the batch norms with updates in the modules `path` imports."""
        found = []
        for module in self.closure(path):
            summary = self.summary(module)
            if summary is not None:
                found.extend((module, rng, what) for rng, what in summary.bn_sites)
        return found

    def keras_sites(self, path: str) -> list:
        """(file, Range, message) of the Keras batch norms making updates in the modules `path` imports."""
        found = []
        for module in self.closure(path):
            summary = self.summary(module)
            if summary is not None:
                found.extend((module, rng, what) for rng, what in summary.keras_sites)
        return found

    def function_builds_batch_norm(self, path: str, qualname: str, seen: frozenset = frozenset()) -> bool:
        """Does calling this project function build batch norm whose updates go to UPDATE_OPS
        (in its body, or in the project functions it calls)?"""
        key = (_absolute(path), qualname)
        summary = self.summary(key[0])
        if summary is None or key in seen:
            return False
        if qualname in summary.bn_functions:
            return True
        for site in summary.calls:
            if site.function == qualname:
                found = self.resolve(key[0], site.target)
                if found is not None and self.function_builds_batch_norm(found[0], found[1], seen | {key}):
                    return True
        return False

    def reaches_batch_norm(self, path: str) -> bool:
        """Does a project module that `path` imports (transitively) build batch norm (any family)?"""
        for module in self.closure(path):
            summary = self.summary(module)
            if summary is not None and summary.builds_batch_norm:
                return True
        return False

    def complete_partial(self, paths: Optional[Iterable] = None) -> int:
        """Read in full the modules summarised by their imports only that name an API and reach
        batch norm (of `paths`, default all): their calls and arg_scopes count for arg_scope
        coverage. Returns how many."""
        done = 0
        if paths is None and self._completed_at == (self.changes, self._layout):
            return 0  # every module was looked at since the project last changed
        chosen = list(self._entries) if paths is None else [p for p in paths if p in self._entries]
        for path in chosen:
            summary = self._entries[path].summary
            if summary.full or not summary.mentions_api or not self.load or not self.reaches_batch_norm(path):
                continue
            text = self._overlay.get(path) or _read_text(path)
            if text is not None:
                trees = None
                if self.kept_trees is not None:
                    from .analysis import BlockCache

                    trees = self.kept_trees[path] = BlockCache()
                self.add(path, summarize_source(text, path, complete=True, cache=trees))
                done += 1
        if paths is None:
            self._completed_at = (self.changes, self._layout)
        return done

    def _reverse_for(self, path: str) -> tuple:
        """The reverse index (see _reverse), once the modules that may call a function of `path`
        (those importing it, transitively) are completed (see complete_partial). Asking about
        one function does not read every training script in the project (most have been
        analysed, and so summarised, by then)."""
        with self._lock:
            importers = self.importers_of(path)
            if importers:
                self.complete_partial(sorted(importers))
        return self._reverse()

    def _refresh_closed(self) -> None:
        """Read again the modules whose text changed and that no open document holds (closed
        unsaved, changed or deleted on disk): until then their old summary would still answer
        the project-wide questions below. Open documents refresh through their own analysis."""
        if not self.load:
            return
        for path in [p for p in self._stale if p not in self._overlay]:
            self.summary(path)

    def _reverse(self) -> tuple:
        with self._lock:
            self._refresh_closed()
            if self._callers is None or self._values is None:
                callers: dict = {}
                values: dict = {}
                self._contributions = {}
                while True:  # resolving may read modules for the first time: they contribute too
                    pending = [(p, e) for p, e in list(self._entries.items()) if p not in self._contributions]
                    if not pending:
                        break
                    for path, entry in pending:
                        self._contribute(path, entry.summary, callers, values)
                self._callers, self._values = callers, values
            return self._callers, self._values

    def outside_callers(self, path: str, qualname: str, own: Optional[tuple] = None) -> tuple:
        """(call sites in other modules, callers unknown) for a function of `path`. `own`
        (see own_function_facts) says what `path`'s current text does with it, instead of its
        summary."""
        path = _absolute(path)
        callers, values = self._reverse_for(path)
        key = (path, qualname)
        sites = [(p, s) for p, s in callers.get(key, ()) if p != path]
        return sites, self._callers_unknown(key, values, own)

    def callers_unknown(self, key: tuple, own: Optional[tuple] = None) -> bool:
        """_callers_unknown of a function when no other module is known (ProjectView._alone):
        only its own module can use it as a value."""
        if own is None:
            summary = self.summary(key[0])
            if summary is None:
                return False
            own = (frozenset(t[1] for t, _ in summary.values if t[0] < 0), summary.returns_arg_scope)
        return self._callers_unknown(key, {}, own)

    def _callers_unknown(self, key: tuple, values: dict, own: Optional[tuple] = None) -> bool:
        """Is function `key` (path, qualname) used as a value somewhere, or does it return an
        entered arg_scope? `own` (see own_function_facts) answers for its module's own text."""
        path, qualname = key
        if own is not None:
            used, returns_scope = own
            return qualname in used or qualname in returns_scope or any(p != path for p in values.get(key, ()))
        summary = self.summary(path)
        return bool(values.get(key)) or (summary is not None and qualname in summary.returns_arg_scope)

    def supplies(self, matches: Callable, key: str, other_than: Optional[str] = None) -> bool:
        """Does some arg_scope in the project (outside the module `other_than`) set `key` for ops `matches`?"""
        with self._lock:
            self._refresh_closed()
            self.complete_partial()  # any module's arg_scopes count
        return any(
            scope.supplies(matches, key)
            for path, entry in list(self._entries.items())
            if path != other_than
            for scope in entry.summary.scopes
        )

    def covered(
        self, sites: list, unknown: bool, coverage: Coverage, seen: frozenset = frozenset(), own: Optional[tuple] = None
    ) -> bool:
        """Do all these call sites (and, for callers unknown, the project's arg_scopes) hold `coverage`?

        `own` is (path, ScopeFacts): the asking file's arg_scopes as its current text opens
        them, taken instead of its summary's (which may be the previous text's, see
        ProjectView.supplies)."""
        if unknown and not (coverage.supplied is not None and self._supplied(coverage.supplied, own)):
            return False
        for path, site in sites:
            if coverage.at_site(site):
                continue
            if site.function is None or (path, site.function) in seen:
                return False
            if not self.function_covered(path, site.function, coverage, seen, own):
                return False
        return True

    def _supplied(self, supplied: tuple, own: Optional[tuple]) -> bool:
        if own is None:
            return self.supplies(*supplied)
        path, scopes = own
        return any(scope.supplies(*supplied) for scope in scopes) or self.supplies(*supplied, other_than=path)

    def function_covered(
        self, path: str, qualname: str, coverage: Coverage, seen: frozenset = frozenset(), own: Optional[tuple] = None
    ) -> bool:
        key = (_absolute(path), qualname)
        callers, values = self._reverse_for(key[0])
        sites = callers.get(key, [])
        unknown = self._callers_unknown(key, values)
        if not sites and not unknown:
            return False
        return self.covered(sites, unknown, coverage, seen | {key}, own)

    def has_outside_uses(self, path: str) -> bool:
        """Is a function of `path` called from another module, or handed around as a value?"""
        path = _absolute(path)
        callers, values = self._reverse_for(path)
        summary = self.summary(path)
        if summary is None:
            return False
        if summary.returns_arg_scope:
            return True
        for name in summary.functions:
            if values.get((path, name)) or any(p != path for p, _ in callers.get((path, name), ())):
                return True
        return False

    def answers_differ(self, path: str, questions) -> bool:
        """Would the questions a file's analysis asked of a project holding only that file get
        other answers from this project? (Then its findings may differ.)"""
        path = _absolute(path)
        for question in questions:
            kind = question[0]
            if kind == "reaches" and self.reaches_batch_norm(path):
                return True
            if kind == "update_sites" and self.update_sites(path):
                return True
            if kind == "function":
                sites, unknown = self.outside_callers(path, question[1])
                if sites or unknown:
                    return True
            if kind == "supplies" and self._any_scope_supplies():
                return True
        return False

    def _any_scope_supplies(self) -> bool:
        with self._lock:
            self.complete_partial()  # any module's arg_scopes count
            return any(scope.keys and not scope.saved for entry in list(self._entries.values()) for scope in entry.summary.scopes)

    def depends_on_project(self, path: str) -> bool:
        """Can the findings of `path` differ from its single-file analysis?"""
        return self.reaches_batch_norm(path) or self.has_outside_uses(path)

    def dependents(self, path: str) -> set:
        """The modules whose findings may change when `path` changes: its importers, transitively."""
        path = _absolute(path)
        found = self.importers_of(path)
        # the modules it imports see its calls of their functions (arg_scope coverage)
        found.update(self.closure(path))
        return found

    def importers_of(self, path: str) -> set:
        """The modules importing `path` (an absolute path), transitively."""
        reverse = self._importers()
        found: set = set()
        queue = [path]
        while queue:
            for importer in reverse.get(queue.pop(), ()):
                if importer not in found and importer != path:
                    found.add(importer)
                    queue.append(importer)
        return found

    def _importers(self) -> dict:
        """module -> the modules that import it directly (kept while the project stays the same:
        the CLI asks for every file it checks)."""
        key = (self._import_changes, self._layout)
        if self._importers_memo[0] == key:
            return self._importers_memo[1]
        reverse: dict = {}
        for module in list(self._entries):
            for dep in self.dependencies(module):
                reverse.setdefault(dep, set()).add(module)
        if key == (self._import_changes, self._layout):
            self._importers_memo = (key, reverse)
        return reverse

    def _scopes_digest(self) -> str:
        """A digest of every arg_scope in the project's summaries."""
        key = self._scope_changes
        if self._scopes_memo[0] == key:
            return self._scopes_memo[1]
        scopes = sorted(_stable_repr(scope) for entry in list(self._entries.values()) for scope in entry.summary.scopes)
        digest = hashlib.blake2b("\n".join(scopes).encode(), digest_size=8).hexdigest()
        if key == self._scope_changes:
            self._scopes_memo = (key, digest)
        return digest

    def fingerprint(self, path: str) -> str:
        """A stable digest of the project-wide inputs the findings of `path` depend on.

        It covers the summaries of the modules `path` imports (transitively), of the modules
        that import it, and the project's arg_scopes (they decide "callers unknown"). A cache
        of findings keyed by a file's text must add this to its key.
        """
        path = _absolute(path)
        parts = []
        for module in sorted(set(self.closure(path)) | self.dependents(path)):
            summary = self.summary(module)
            parts.append(f"{os.path.relpath(module, self.root)}:{summary.digest if summary else '-'}")
        parts.append(self._scopes_digest())
        return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()

    def view(self, path: Optional[str]) -> Optional["ProjectView"]:
        if path is None:
            return None
        return ProjectView(self, _absolute(path))


@dataclass
class ProjectView:
    """The project as one file's analysis sees it (what Context asks). It remembers the
    questions asked: a run that first checks every file alone re-checks only the files whose
    questions get different answers from the whole project (Project.answers_differ)."""

    project: Project
    path: str
    questions: set = field(default_factory=set)
    _reaches: Optional[bool] = field(default=None, repr=False)

    @property
    def _alone(self) -> bool:
        """The project knows no module but this one and reads none (the CLI's first pass): no
        other module is reached and none calls anything here. The answers are then known
        without looking (the questions are still recorded)."""
        return not self.project.load and self.project.knows_only(self.path)

    @property
    def reaches_batch_norm(self) -> bool:
        self.questions.add(("reaches",))
        if self._reaches is None:
            self._reaches = not self._alone and self.project.reaches_batch_norm(self.path)
        return self._reaches

    def update_sites(self) -> list:
        self.questions.add(("update_sites",))
        return [] if self._alone else self.project.update_sites(self.path)

    def keras_sites(self) -> list:
        return [] if self._alone else self.project.keras_sites(self.path)

    def builds_batch_norm_when_called(self, target: tuple) -> bool:
        """Does calling what `target` (a project.reference of a callee) names build batch norm
        with updates? Only for functions of other modules: this file's own are read directly."""
        if target[0] < 0 or self._alone:
            return False
        found = self.project.resolve(self.path, target)
        return found is not None and self.project.function_builds_batch_norm(*found)

    def outside(self, qualname: str, own: Optional[tuple] = None) -> tuple:
        self.questions.add(("function", qualname))
        if self._alone:
            return [], self.project.callers_unknown((self.path, qualname), own)
        return self.project.outside_callers(self.path, qualname, own)

    def covered(self, sites: list, unknown: bool, coverage: Coverage, seen: frozenset, own_scopes: tuple) -> bool:
        """Project.covered, with this file's arg_scopes read from its tree (`own_scopes`)."""
        return self.project.covered(sites, unknown, coverage, seen, (self.path, own_scopes))

    def supplies(self, matches: Callable, key: str) -> bool:
        """Does an arg_scope of another module set `key`? The file's own arg_scopes are read from
        its syntax tree; its summary in the project may be the previous text's (analyze with
        defer_summary, while typing), whose scopes the text may no longer open."""
        self.questions.add(("supplies",))
        return not self._alone and self.project.supplies(matches, key, other_than=self.path)


def _read_text(path: str) -> Optional[str]:
    """A module's text; for a notebook, its code cells joined as they are analysed."""
    text = _read_file(path)
    if text is not None and path.endswith(".ipynb"):
        from .notebook import NotebookError, NotebookFile

        try:
            return NotebookFile(text).source.source
        except NotebookError:
            return None
    return text


def _read_file(path: str) -> Optional[str]:
    try:
        if os.path.getsize(path) > MAX_MODULE_BYTES:
            return None
        with open(path, "rb") as handle:
            raw = handle.read()
        if b"\0" in raw:
            return None
        return raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _python_files(root: Path):
    count = 0
    for folder, dirnames, filenames in os.walk(root):
        # a folder with a root marker of its own is another project (its files' nearest root)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d not in SKIPPED_FOLDERS
            and not d.startswith(".")
            and not any(os.path.exists(os.path.join(folder, d, marker)) for marker in ROOT_MARKERS)
        )
        for name in sorted(filenames):
            if name.endswith(".py"):
                count += 1
                if count > MAX_INDEXED_FILES:
                    return
                yield os.path.normpath(os.path.join(folder, name))
