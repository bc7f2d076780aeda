"""Where source lines end: the one place that splits text into lines.

Python's tokenizer ends a line at \\n, \\r\\n or \\r, and so does LSP. `str.splitlines()` also
splits at \\x0b, \\x0c (form feed), \\x1c-\\x1e, \\x85, U+2028 and U+2029, which may stand in
code, comments and strings: line numbers built on it drift from the parser's after the first
such character. Everything that means "the lines of this source" goes through here.
"""

from __future__ import annotations

import re
from typing import Optional

LINE_BREAK = re.compile(r"\r\n|\r|\n")

# the characters str.splitlines() splits at and Python does not
_NOT_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_LINE_WITH_END = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def line_starts(text: str) -> list[int]:
    """Offsets where each line begins; a text ending in a line break has an empty last line."""
    return [0] + [m.end() for m in LINE_BREAK.finditer(text)]


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """The lines of `text`, as `str.splitlines` gives them (no empty line after a final line
    break) but split only where Python ends a line."""
    if not _NOT_LINE_BREAKS.search(text):
        return text.splitlines(keepends)  # same answer, and faster
    if keepends:
        return _LINE_WITH_END.findall(text)
    lines = LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def line_ending(line: str) -> str:
    """The line break a line (as split with keepends) ends with, '' for none."""
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return ""



def emptied(line: str, previous: Optional[str] = None) -> str:
    """A line (as split with keepends) with its text removed and its line end kept, for code
    that blanks lines and must keep every other line where it was. A lone \\n keeps a space
    before it when the line before ends in a lone \\r (or `previous` is not known): the two
    would make one \\r\\n line end, and every line below would move up one (mixed line ends,
    as after pasting LF text into a CR-only file)."""
    ending = line_ending(line) or "\n"
    if ending == "\n" and (previous is None or previous.endswith("\r")):
        return " \n"
    return ending
