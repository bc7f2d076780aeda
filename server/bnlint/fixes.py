"""Text edits the quick fixes are made of. Each keeps the file's own indentation, quotes and line endings."""

from __future__ import annotations

import re
from typing import Optional

from astroid import nodes

from .document import Document, indented
from .findings import Position, Range, TextEdit

_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*))?", re.IGNORECASE)


def _insert(pos: Position, text: str) -> TextEdit:
    return TextEdit(Range(pos, pos), text)


def _after(doc: Document, first, last, text: str, opening_line: int) -> TextEdit:
    """Insert `text` as a new item after an existing one that spans nodes `first`..`last`
    (an argument or keyword: one node; a dict entry: its key and its value).

    An item that starts its own line (one item per line) gets the new item on a line of its
    own with the same indentation; otherwise the new item follows on the same line.
    """
    start = doc.node_range(first).start
    end = doc.node_range(last).end
    if start.line != opening_line and doc.first_on_line(start):
        return _insert(end, f",{doc.newline}{doc.indentation(start.line)}{text}")
    return _insert(end, f", {text}")


def add_argument(doc: Document, call: nodes.Call, text: str, after=None) -> TextEdit:
    """Add `text` (e.g. "is_training=is_training") to a call, after `after` or after its last argument."""
    items = list(call.args or []) + list(call.keywords or [])
    items.sort(key=lambda n: (n.lineno, n.col_offset))
    anchor = after if after is not None else (items[-1] if items else None)
    if anchor is None:
        end = doc.node_range(call).end  # just past ")"
        return _insert(Position(end.line, end.character - 1), text)
    return _after(doc, anchor, anchor, text, doc.node_range(call.func).end.line)


def add_dict_entry(doc: Document, target, key: str, value: str) -> TextEdit:
    """Add `'key': value` to a dict literal, or `key=value` to a dict(...) call."""
    if isinstance(target, nodes.Call):
        return add_argument(doc, target, f"{key}={value}")
    quote = _quote_of(doc, target)
    entry = f"{quote}{key}{quote}: {value}"
    if not target.items:
        return TextEdit(doc.node_range(target), "{" + entry + "}")
    last_key, last_value = target.items[-1]
    return _after(doc, last_key, last_value, entry, doc.node_range(target).start.line)


def _quote_of(doc: Document, dict_node) -> str:
    for key, _ in dict_node.items:
        text = doc.node_text(key)
        if text[:1] in ("'", '"'):
            return text[0]
    return doc.quote


def dict_literal(doc: Document, entries: list[tuple[str, str]]) -> str:
    q = doc.quote
    return "{" + ", ".join(f"{q}{key}{q}: {value}" for key, value in entries) + "}"


def replace_node(doc: Document, node, text: str) -> TextEdit:
    return TextEdit(doc.node_range(node), text)


def wrap_statement(doc: Document, statement, before: list[str], header: str) -> Optional[TextEdit]:
    """Put `before` lines and a `header:` line above a statement and indent it one step under the header.

    None when the statement cannot be moved safely: it shares its line with other code,
    or a multi-line string inside it would change if re-indented.
    """
    rng = doc.node_range(statement)
    first, last = rng.start.line, rng.end.line
    if not doc.first_on_line(rng.start) or doc.line(last)[rng.end.character :].strip(" \t;").split("#")[0].strip():
        return None
    for const in statement.nodes_of_class(nodes.Const):
        if isinstance(const.value, (str, bytes)) and const.lineno != const.end_lineno:
            return None
    for joined in statement.nodes_of_class(nodes.JoinedStr):
        if joined.lineno != joined.end_lineno:
            return None
    indent = doc.indentation(first)
    unit = doc.indent_unit
    nl = doc.newline
    out = [indent + line for line in before]
    out.append(f"{indent}{header}:")
    for index in range(first, last + 1):
        line = doc.line(index)
        out.append(indented(line, unit) if line.strip() else line)
    end_line = doc.line(last)
    return TextEdit(Range(Position(first, 0), Position(last, len(end_line))), nl.join(out))


def move_statement_into(doc: Document, statement, block) -> Optional[tuple]:
    """Edits that move `statement` to the end of the body of `block` (a statement before it in
    the same body), re-indented to the body's indentation. None when it cannot be moved
    safely (see wrap_statement)."""
    rng = doc.node_range(statement)
    first, last = rng.start.line, rng.end.line
    if not doc.first_on_line(rng.start) or doc.line(last)[rng.end.character :].strip(" \t;").split("#")[0].strip():
        return None
    if _has_multiline_string(statement):
        return None
    indent = doc.indentation(first)
    body_indent = doc.indentation(doc.node_range(block.body[0]).start.line)
    if not body_indent.startswith(indent) or body_indent == indent:
        return None
    extra = body_indent[len(indent) :]
    nl = doc.newline
    moved = [extra + doc.line(i) if doc.line(i).strip() else doc.line(i) for i in range(first, last + 1)]
    block_end = doc.node_range(block).end.line
    end_of_block = Position(block_end, len(doc.line(block_end)))
    insert = TextEdit(Range(end_of_block, end_of_block), nl + nl.join(moved))
    if last + 1 < len(doc.lines):
        removal = Range(Position(first, 0), Position(last + 1, 0))
    else:  # the file's last line: take the line break before it instead
        removal = Range(Position(first - 1, len(doc.line(first - 1))), Position(last, len(doc.line(last))))
    return (insert, TextEdit(removal, ""))


def _has_multiline_string(statement) -> bool:
    for const in statement.nodes_of_class(nodes.Const):
        if isinstance(const.value, (str, bytes)) and const.lineno != const.end_lineno:
            return True
    return any(joined.lineno != joined.end_lineno for joined in statement.nodes_of_class(nodes.JoinedStr))


def noqa_codes(line: str) -> Optional[set]:
    """Codes a line's `# noqa` comment silences: None if there is none, an empty set for a bare `# noqa`."""
    match = _NOQA.search(line)
    if match is None:
        return None
    codes = match.group("codes")
    return {c.strip().upper() for c in codes.split(",")} if codes else set()


def add_noqa(doc: Document, line_index: int, code: str) -> Optional[TextEdit]:
    line = doc.line(line_index)
    if line.rstrip().endswith("\\"):
        return None  # a comment after a line continuation would break the code
    match = _NOQA.search(line)
    if match is None:
        end = len(line.rstrip())
        return TextEdit(Range(Position(line_index, end), Position(line_index, len(line))), f"  # noqa: {code}")
    codes = match.group("codes")
    if not codes:
        return None  # a bare noqa already silences everything
    listed = [c.strip() for c in codes.split(",")]
    new = "# noqa: " + ", ".join(listed + [code])
    return TextEdit(Range(Position(line_index, match.start()), Position(line_index, match.end())), new)
