"""Parsing a document into astroid, one top-level block at a time.

Each top-level statement is turned into astroid nodes on its own and the pieces are joined
into one module. Two things follow from that:
- a caller analysing successive versions of a document (the language server) keeps a
  BlockCache, and only the blocks an edit touched are rebuilt (astroid's rebuild is the
  expensive part: several times `ast.parse`);
- a file with a syntax error is split at top-level lines, every block that parses on its
  own is analysed as it is, and a block that does not is repaired statement by statement
  (recovery.py): the user is mid-typing somewhere, or the file is Python 2; only the
  broken statements are not read.
"""

from __future__ import annotations

import ast
import heapq
import re
import warnings
from dataclasses import dataclass, field
from typing import Optional

from astroid import nodes
from astroid.manager import AstroidManager
from astroid.rebuilder import TreeRebuilder

from .document import indentation_of
from .lines import split_lines
from .recovery import Repair, logical_starts, repair
from .resolve import _position

_MANAGER = AstroidManager()

# Top-level lines that continue the previous statement rather than start a new one.
_CONTINUATION = re.compile(r"(else|elif|except|finally|case)\b|[)\]}]|@")
# Top-level lines that start a statement even when a bracket looks open: these keywords
# cannot stand inside brackets, so a bracket left open above (the user is typing a call)
# costs its own block only. `@` can (matrix product) but hardly at column 0; the whole-file
# parse settles such a split when a block does not parse.
_STARTS_ANYWAY = re.compile(r"(?:async[ \t]+def|def|class|import)[ \t]|@[ \t]*\w")
_NEVER_IN_BRACKETS = re.compile(r"(?:async[ \t]+def|def|class|import)[ \t]")


@dataclass(frozen=True)
class SyntaxProblem:
    line: int  # 0-based
    column: int
    message: str


@dataclass
class ParsedModule:
    module: nodes.Module
    problem: Optional[SyntaxProblem]  # the first syntax error, when the file does not parse
    index: "NodeIndex"  # the module's calls, functions, names... (kept per block: reused blocks are not walked)
    skipped: list = field(default_factory=list)  # 0-based [start, end) line spans not read, in order


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
    """Top-level split by reading indentation: cheap, and works on text that does not parse."""
    boundaries = []
    depth = 0
    after_decorator = False
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        # indentation as Python counts it: a leading form feed is not indentation
        at_top = stripped and not indentation_of(line) and not stripped.startswith("#")
        if at_top and depth > 0 and _STARTS_ANYWAY.match(stripped):
            depth = 0
        if at_top and depth <= 0:
            if not after_decorator and (stripped.startswith("@") or not _CONTINUATION.match(stripped)):
                boundaries.append(i)
            after_decorator = stripped.startswith("@")
            depth = 0
        # rough bracket depth so that a column-0 line inside an open call is not a boundary
        if "(" in line or ")" in line or "[" in line or "]" in line or "{" in line or "}" in line:
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


# The node classes the analysis looks for across a whole module. The builder records them as
# it makes them, so that finding them costs no walk of the tree (astroid's nodes_of_class is
# a recursive generator: walking every tree once for calls and once for the summary cost
# about as much as building it).
INDEXED = (
    nodes.Call, nodes.FunctionDef, nodes.Name, nodes.Attribute, nodes.Import, nodes.ImportFrom, nodes.Assign,
    nodes.AugAssign,
)
_INDEX_KEY = {cls: cls for cls in INDEXED}
_INDEX_KEY[nodes.AsyncFunctionDef] = nodes.FunctionDef
# Statements that hold no other node of INDEXED and start where no such node starts: merged
# with the nodes of one other class by source position, they fall where the walk has them
_LEAF_STATEMENTS = frozenset({nodes.Import, nodes.ImportFrom})
# the rebuilder methods that make them (visit_name also makes AssignName/DelName, filtered out)
_RECORDING_VISITS = (
    "visit_call", "visit_functiondef", "visit_asyncfunctiondef", "visit_name", "visit_attribute", "visit_import",
    "visit_importfrom", "visit_assign", "visit_augassign",
)


class NodeIndex:
    """The INDEXED nodes of a module (or of one block), in the order of a pre-order walk of
    the tree (as nodes_of_class gives them), also per class."""

    __slots__ = ("_order", "_by_class")

    def __init__(self, order: list, by_class: dict):
        self._order = order
        self._by_class = by_class

    @classmethod
    def of_nodes(cls, found: list) -> "NodeIndex":
        """The index of nodes listed in pre-order (others than INDEXED are left out)."""
        order, by_class = [], {}
        for node in found:
            key = _INDEX_KEY.get(type(node))
            if key is not None:
                order.append(node)
                by_class.setdefault(key, []).append(node)
        return cls(order, by_class)

    @classmethod
    def walk(cls, module) -> "NodeIndex":
        """The index of a tree built elsewhere (one walk)."""
        return cls.of_nodes(list(module.nodes_of_class(INDEXED)))

    @classmethod
    def joined(cls, parts: list) -> "NodeIndex":
        """The index of blocks joined in this order."""
        order, by_class = [], {}
        for part in parts:
            order.extend(part._order)
            for key, members in part._by_class.items():
                by_class.setdefault(key, []).extend(members)
        return cls(order, by_class)

    def of(self, *classes) -> list:
        """The nodes of these classes (each one of INDEXED), in walk order. Do not modify."""
        if len(classes) == 1:
            return self._by_class.get(classes[0], [])
        if sum(cls not in _LEAF_STATEMENTS for cls in classes) <= 1:
            # (a merge of the per-class lists instead of a pass over every indexed node)
            lists = [self._by_class[cls] for cls in classes if cls in self._by_class]
            return list(heapq.merge(*lists, key=_position)) if len(lists) > 1 else (lists[0] if lists else [])
        return [node for node in self._order if _INDEX_KEY[type(node)] in classes]


class _RecordingRebuilder(TreeRebuilder):
    """astroid's rebuilder, keeping every node of an INDEXED class it makes."""

    found: list


def _recording(name: str):
    visit = getattr(TreeRebuilder, name)

    def recording_visit(self, *args):
        # the slot is taken before the children are visited: `found` is in pre-order, the
        # order of a walk of the finished tree
        found = self.found
        slot = len(found)
        found.append(None)
        built = visit(self, *args)
        found[slot] = built
        return built

    recording_visit.__name__ = name
    return recording_visit


for _name in _RECORDING_VISITS:
    if hasattr(TreeRebuilder, _name):
        setattr(_RecordingRebuilder, _name, _recording(_name))


class _Builder:
    def __init__(self, source: str):
        self._rebuilder = _RecordingRebuilder(_MANAGER, data=source)  # by keyword: astroid 3 and 4 differ in order
        self._rebuilder.found = []

    def build(self, statements: list[ast.stmt]) -> tuple:
        """(astroid statements, the module-level names they bind, their NodeIndex)."""
        module_ast = ast.Module(body=statements, type_ignores=[])
        self._rebuilder.found = found = []
        module = self._rebuilder.visit_module(module_ast, "<block>", "<block>", False)
        # what astroid's builder does after a rebuild: register `from x import y` names
        for item in self._rebuilder._import_from_nodes:
            from_node = item[0] if isinstance(item, tuple) else item  # astroid 4 pairs it with global names
            for name, asname in from_node.names:
                if name != "*":
                    from_node.parent.set_local(asname or name, from_node)
        self._rebuilder._import_from_nodes.clear()
        self._rebuilder._delayed_assattr.clear()
        return list(module.body), module.locals, NodeIndex.of_nodes(found)


def parse_module(source: str, cache=None, relevant=None) -> ParsedModule:
    """One astroid module for `source`, built block by block.

    `cache` (an analysis.BlockCache) maps the text of each block to its astroid statements
    and the line they were built at; a block that moved (lines inserted above it) is reused
    with its line numbers shifted, which costs a walk, not a rebuild. It also keeps the
    repair of each block that does not parse, so a syntax error that stands (a Python 2
    file, a statement left half typed) is repaired once.

    `relevant(texts) -> list[bool]`, when given, picks the blocks worth building; the others
    are left out of the module (they cannot change any finding).
    """
    lines = split_lines(source, keepends=True)
    known = cache.blocks if cache is not None else {}
    repairs = cache.repairs if cache is not None else {}
    chunks = texts = parsed = None
    if known or repairs:
        # An edited document: split by indentation and parse only the blocks not in the
        # cache (with nothing cached, one parse of the whole file costs less). A block that
        # does not parse on its own means a syntax error, or a split that indentation got
        # wrong; the whole-file parse below tells which, unless the first such block shows
        # it by itself.
        chunks, texts, parsed = _parse_chunks(lines, known)
        first_failing = _first_failing(chunks, texts, parsed, known, repairs)
        if first_failing is None or _cannot_parse_whole(lines, chunks, texts, first_failing, repairs):
            return _assemble(source, lines, chunks, texts, parsed, cache, relevant)
    try:
        tree = _parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        if parsed is None:
            chunks, texts, parsed = _parse_chunks(lines, known)
        # the blocks that do not parse are repaired; the others are analysed as they are
        whole = SyntaxProblem(
            max(getattr(exc, "lineno", 1) or 1, 1) - 1,
            max((getattr(exc, "offset", 1) or 1) - 1, 0),
            getattr(exc, "msg", str(exc)),
        )
        return _assemble(source, lines, chunks, texts, parsed, cache, relevant, whole)
    chunks = _top_level_ranges(tree, len(lines))
    texts = ["".join(lines[a:b]) for a, b in chunks]
    parsed = {index: [stmt] for index, stmt in enumerate(tree.body)}
    return _assemble(source, lines, chunks, texts, parsed, cache, relevant)


def _parse_chunks(lines: list[str], known) -> tuple[list, list, dict]:
    """Split by indentation and parse each block not in `known` on its own, at its real line
    numbers: index -> statements, or None for a block that does not parse."""
    chunks = _chunks_by_indentation(lines)
    texts = ["".join(lines[a:b]) for a, b in chunks]
    parsed: dict = {}
    for index, (start, _) in enumerate(chunks):
        if texts[index] in known:
            continue
        parsed[index] = _parse_block(texts[index], start)
    return chunks, texts, parsed


def _parse_block(text: str, start: int) -> Optional[list]:
    """The statements of one block parsed on its own at line `start`, None if it does not parse."""
    try:
        return _parse("\n" * start + text).body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def _first_failing(chunks, texts, parsed, known, repairs) -> Optional[int]:
    """The first block that does not parse on its own (a cached block may be a repaired one)."""
    for index in range(len(chunks)):
        if index in parsed:
            if parsed[index] is None:
                return index
        elif texts[index] in repairs:
            return index
    return None


def _cannot_parse_whole(lines, chunks, texts, index, repairs) -> bool:
    """Whether block `index`, the first that does not parse on its own, shows that the whole
    file does not parse either. Every block before it parses, so it starts where a statement
    can; if it also ends with nothing open, its own error is the file's. A bracket left open
    where the next block starts with `def`, `class` or `import` is an error too (those cannot
    stand in brackets), and so is anything left open at the end of the file."""
    known = repairs.get(texts[index])
    if known is not None:
        left_open = known.left_open
    else:
        start, end = chunks[index]
        left_open = logical_starts(lines[start:end])[1]
    if left_open is None or index == len(chunks) - 1:
        return True
    following = lines[chunks[index + 1][0]]
    return left_open == "bracket" and bool(_NEVER_IN_BRACKETS.match(following))


def _assemble(source, lines, chunks, texts, parsed, cache, relevant, whole=None) -> ParsedModule:
    """Build (or take from the cache) the astroid statements of each kept block, and join them.

    Blocks that do not parse are repaired first (or their repair taken from the cache): the
    builder then reads the repaired text, whose lines are the source's but for the skipped ones.
    `whole` is the whole-file syntax error, when there was one: the problem reported if every
    block parses on its own (a split that indentation got wrong in a file that fails anyway)."""
    keep = relevant(texts) if relevant is not None else [True] * len(texts)
    reusable: dict = cache.blocks if cache is not None else {}
    known_repairs: dict = cache.repairs if cache is not None else {}
    repairs: dict = {}  # index -> Repair, for every block that does not parse
    new_repairs: dict = {}
    for index, (start, end) in enumerate(chunks):
        text = texts[index]
        fails = parsed[index] is None if index in parsed else text in known_repairs
        if not fails:
            continue
        fix = known_repairs.get(text) or new_repairs.get(text)
        if fix is None:
            try:
                fix = repair(lines[start:end], start)
            except Exception as exc:  # a recovery bug costs this block (as before recovery), not the file
                fix = Repair(None, ((0, end - start),), 0, 0, f"not repaired ({type(exc).__name__}: {exc})", None, start)
        if fix is None:  # parses after all (a duplicate of a cached block that is fine)
            continue
        repairs[index] = new_repairs[text] = fix
    builder_source = source
    if repairs:
        repaired = list(lines)
        for index, fix in repairs.items():
            if fix.lines is not None:
                start = chunks[index][0]
                repaired[start : start + len(fix.lines)] = fix.lines
        builder_source = "".join(repaired)
    builder: Optional[_Builder] = None
    new_cache: dict = {}
    built: list[tuple[list, dict]] = []
    indexes: list = []
    for index, (start, _) in enumerate(chunks):
        if not keep[index]:
            continue
        text = texts[index]
        entry = _take(reusable, text, start)
        if entry is None:
            fix = repairs.get(index)
            if fix is not None:
                statements = _parse_block(fix.text, start) if fix.lines is not None else None
            elif index in parsed:
                statements = parsed[index]
            else:
                # its text is cached, but the document holds more copies of it than the
                # cache does (a block duplicated): every copy is analysed
                statements = _parse_block(text, start)
            if statements is None:
                continue
            if builder is None:
                builder = _Builder(builder_source)
            entry = _Entry(start, *builder.build(statements))
        new_cache.setdefault(text, []).append(entry)
        built.append((entry.statements, entry.names))
        indexes.append(entry.index)
    if cache is not None:
        cache.blocks = new_cache
        cache.repairs = new_repairs
    skipped = []
    problem = whole if not repairs else None
    for index in sorted(repairs):
        fix, start = repairs[index], chunks[index][0]
        skipped.extend((start + a, start + b) for a, b in fix.skipped)
        if problem is None:
            problem = SyntaxProblem(start + fix.error_line, fix.error_column, fix.message_at(start))
    return ParsedModule(_join(built), problem, NodeIndex.joined(indexes), skipped)


@dataclass
class _Entry:
    start: int  # 0-based line the statements' line numbers currently assume
    statements: list
    names: dict  # module-level names the statements bind, as astroid keeps them
    index: NodeIndex  # the INDEXED nodes in the statements


def _take(reusable: dict, text: str, start: int) -> Optional[_Entry]:
    """A cached entry for this block text (the one at `start` if any), moved to `start`."""
    entries = reusable.get(text)
    if not entries:
        return None
    entry = next((e for e in entries if e.start == start), entries[0])
    entries.remove(entry)
    if entry.start != start:
        _shift(entry.statements, start - entry.start)
        entry.start = start
    return entry


# astroid caches these on the node; they must be recomputed after a shift
_LINE_CACHES = ("fromlineno", "tolineno", "blockstart_tolineno")


def _shift(statements: list, delta: int) -> None:
    for statement in statements:
        for node in statement.nodes_of_class(nodes.NodeNG):
            if node.lineno is not None:
                node.lineno += delta
            if node.end_lineno is not None:
                node.end_lineno += delta
            cached = node.__dict__
            for name in _LINE_CACHES:
                cached.pop(name, None)
            position = getattr(node, "position", None)
            if position is not None:
                node.position = position._replace(lineno=position.lineno + delta, end_lineno=position.end_lineno + delta)


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
