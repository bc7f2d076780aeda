"""A document's text as the rules and fixes need it: lines, positions, line endings, indentation."""

from __future__ import annotations

import re
from functools import cached_property

from .findings import Position, Range
from .lines import split_lines

_TRIPLE_QUOTED = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'')
_SINGLE_QUOTED = re.compile(r"'[^'\n]*'")
_DOUBLE_QUOTED = re.compile(r'"[^"\n]*"')



def indentation_of(line: str) -> str:
    """A line's indentation as Python counts it. A form feed in the leading whitespace resets
    the tokenizer's column, so only the spaces and tabs after the last one count."""
    leading = line[: len(line) - len(line.lstrip(" \t\x0c"))]
    return leading[leading.rfind("\x0c") + 1 :]


def indented(line: str, unit: str) -> str:
    """The line one `unit` deeper: the unit goes after any leading form feed, where it counts."""
    leading = line[: len(line) - len(line.lstrip(" \t\x0c"))]
    at = leading.rfind("\x0c") + 1
    return line[:at] + unit + line[at:]


class Document:
    def __init__(self, source: str):
        self.source = source
        self.lines = split_lines(source)  # without line endings

    @cached_property
    def newline(self) -> str:
        first = re.search(r"\r\n|\r|\n", self.source)
        return first.group(0) if first else "\n"

    @cached_property
    def indent_unit(self) -> str:
        """The file's indentation step: a tab, or the smallest step seen after a line ending in ':'.

        Only block openers count: continuation lines aligned under an open parenthesis say
        nothing about the indentation unit.
        """
        steps = set()
        previous = None
        for line in self.lines:
            code = line.split("#", 1)[0].rstrip()
            if not code:
                continue
            if previous is not None and previous.endswith(":"):
                outer = len(indentation_of(previous))
                inner_text = indentation_of(line)
                if "\t" in inner_text:
                    return "\t"
                if len(inner_text) > outer:
                    steps.add(len(inner_text) - outer)
            previous = code
        return " " * min(steps) if steps else "    "

    @cached_property
    def quote(self) -> str:
        """The quote character for new string literals: single unless the file's strings mostly use double.

        Triple-quoted strings (docstrings) are left out: they are double by convention and say
        nothing about how the file writes its dict keys.
        """
        code = _TRIPLE_QUOTED.sub("", self.source)
        singles = len(_SINGLE_QUOTED.findall(code))
        doubles = len(_DOUBLE_QUOTED.findall(code))
        return '"' if doubles > singles else "'"

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def position(self, lineno: int, col_offset: int) -> Position:
        """astroid/ast position (1-based line, UTF-8 byte column) to a 0-based code point position."""
        line = self.line(lineno - 1)
        if not line.isascii():
            col_offset = len(line.encode("utf-8")[:col_offset].decode("utf-8", errors="ignore"))
        return Position(lineno - 1, col_offset)

    def node_range(self, node) -> Range:
        return Range(
            self.position(node.lineno, node.col_offset),
            self.position(node.end_lineno, node.end_col_offset),
        )

    def text(self, rng: Range) -> str:
        if rng.start.line == rng.end.line:
            return self.line(rng.start.line)[rng.start.character : rng.end.character]
        parts = [self.line(rng.start.line)[rng.start.character :]]
        parts += self.lines[rng.start.line + 1 : rng.end.line]
        parts.append(self.line(rng.end.line)[: rng.end.character])
        return "\n".join(parts)

    def node_text(self, node) -> str:
        return self.text(self.node_range(node))

    def indentation(self, line_index: int) -> str:
        return indentation_of(self.line(line_index))

    def first_on_line(self, pos: Position) -> bool:
        return self.line(pos.line)[: pos.character].strip() == ""
