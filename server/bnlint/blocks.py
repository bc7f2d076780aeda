"""Parsing a document into astroid, one top-level block at a time.

Each top-level statement is turned into astroid nodes on its own and the pieces are joined
into one module. Two things follow from that:
- a caller analysing successive versions of a document (the language server) keeps a
  BlockCache, and only the blocks an edit touched are rebuilt (astroid's rebuild is the
  expensive part: several times `ast.parse`);
- a file with a syntax error is split at top-level lines, and every block that parses on
  its own still gets analysed (the user is mid-typing somewhere; the rest stays checked).
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass, field
from typing import Optional

from astroid import nodes
from astroid.manager import AstroidManager
from astroid.rebuilder import TreeRebuilder

_MANAGER = AstroidManager()

# Top-level lines that continue the previous statement rather than start a new one.
_CONTINUATION = re.compile(r"(else|elif|except|finally|case)\b|[)\]}]|@")


@dataclass(frozen=True)
class SyntaxProblem:
    line: int  # 0-based
    column: int
    message: str


@dataclass
class BlockCache:
    """astroid statements of the blocks of one document's last version, keyed by (first line, text).

    Keyed by the first line too because astroid nodes carry absolute line numbers: typing
    inside a line reuses every other block; inserting a line rebuilds the blocks below it.
    """

    blocks: dict = field(default_factory=dict)


@dataclass
class ParsedModule:
    module: nodes.Module
    problem: Optional[SyntaxProblem]


def _split_lines(source: str) -> list[str]:
    return source.splitlines(keepends=True)


def _top_level_ranges(tree: ast.Module, line_count: int) -> list[tuple[int, int]]:
    """0-based [start, end) line ranges of each top-level statement, decorators and trailing comments included."""
    starts = []
    for stmt in tree.body:
        first = stmt.lineno
        for deco in getattr(stmt, "decorator_list", ()):
            first = min(first, deco.lineno)
        starts.append(first - 1)
    ranges = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else line_count
        ranges.append((start, end))
    return ranges


def _chunks_by_indentation(lines: list[str]) -> list[tuple[int, int]]:
    """Best-effort top-level split of text that does not parse as a whole."""
    boundaries = []
    depth = 0
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        at_top = stripped and line[0] not in " \t" and not stripped.startswith("#")
        if at_top and depth <= 0 and not _CONTINUATION.match(stripped):
            boundaries.append(i)
            depth = 0
        # rough bracket depth so that a column-0 line inside an open call is not a boundary
        code = line.split("#", 1)[0]
        depth += code.count("(") + code.count("[") + code.count("{")
        depth -= code.count(")") + code.count("]") + code.count("}")
    if not boundaries or boundaries[0] != 0:
        boundaries.insert(0, 0)
    return [(b, boundaries[i + 1] if i + 1 < len(boundaries) else len(lines)) for i, b in enumerate(boundaries)]


def _parse(text: str) -> ast.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning for odd escapes is not our business
        return ast.parse(text)


class _Builder:
    def __init__(self, source: str):
        self._rebuilder = TreeRebuilder(_MANAGER, source)

    def build(self, statements: list[ast.stmt]) -> list:
        module_ast = ast.Module(body=statements, type_ignores=[])
        module = self._rebuilder.visit_module(module_ast, "<block>", "<block>", False)
        # what astroid's builder does after a rebuild: register `from x import y` names
        for from_node, _ in self._rebuilder._import_from_nodes:
            for name, asname in from_node.names:
                if name != "*":
                    from_node.parent.set_local(asname or name, from_node)
        self._rebuilder._import_from_nodes.clear()
        self._rebuilder._delayed_assattr.clear()
        return list(module.body), module.locals


def parse_module(source: str, cache: Optional[BlockCache] = None, relevant=None) -> ParsedModule:
    """One astroid module for `source`, built block by block.

    `relevant(texts) -> list[bool]`, when given, picks the blocks worth building; the others
    are left out of the module (they cannot change any finding).
    """
    lines = _split_lines(source)
    problem = None
    blocks: list[tuple[int, int, Optional[ast.Module]]] = []
    try:
        tree = _parse(source)
        for start, end in _top_level_ranges(tree, len(lines)):
            blocks.append((start, end, None))
        statements_of = {i: [stmt] for i, stmt in enumerate(tree.body)}
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        problem = SyntaxProblem(
            max(getattr(exc, "lineno", 1) or 1, 1) - 1,
            max((getattr(exc, "offset", 1) or 1) - 1, 0),
            getattr(exc, "msg", str(exc)),
        )
        tree = None
        statements_of = {}
        for start, end in _chunks_by_indentation(lines):
            blocks.append((start, end, None))

    builder: Optional[_Builder] = None
    new_cache: dict = {}
    built: list[tuple[list, dict]] = []
    texts = ["".join(lines[start:end]) for start, end, _ in blocks]
    keep = relevant(texts) if relevant is not None else [True] * len(texts)
    for index, (start, end, _) in enumerate(blocks):
        text = texts[index]
        if not keep[index]:
            continue
        key = (start, text)
        entry = cache.blocks.get(key) if cache is not None else None
        if entry is None:
            stmts_ast = statements_of.get(index)
            if stmts_ast is None:
                # error recovery: this chunk on its own, at its real line numbers
                try:
                    stmts_ast = _parse("\n" * start + text).body
                except (SyntaxError, ValueError, MemoryError, RecursionError):
                    continue
            if builder is None:
                builder = _Builder(source)
            entry = builder.build(stmts_ast)
        new_cache[key] = entry
        built.append(entry)

    if cache is not None:
        cache.blocks = new_cache
    return ParsedModule(_join(built), problem)


def _join(built: list[tuple[list, dict]]) -> nodes.Module:
    module = nodes.Module("<document>", file="<document>", path=None, package=False)
    module.postinit(body=[stmt for statements, _ in built for stmt in statements])
    module.locals = {}
    for statements, names in built:
        for stmt in statements:
            stmt.parent = module
        for name, bindings in names.items():
            module.locals.setdefault(name, []).extend(bindings)
    return module
