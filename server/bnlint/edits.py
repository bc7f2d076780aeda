"""Applying text edits to a document: used by `--fix`, the tests, and anything else that needs the result."""

from __future__ import annotations

from typing import Iterable

from .findings import Position, TextEdit


def line_starts(text: str) -> list[int]:
    """Offsets where each line begins. Lines end at \\n, \\r\\n or \\r, as in LSP."""
    starts = [0]
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            starts.append(i + 1)
        elif ch == "\r":
            if i + 1 < n and text[i + 1] == "\n":
                i += 1
            starts.append(i + 1)
        i += 1
    return starts


def offset_of(text: str, starts: list[int], pos: Position) -> int:
    """Offset of a position, clamped into the text (positions past a line's end land at its end)."""
    if pos.line < 0:
        return 0
    if pos.line >= len(starts):
        return len(text)
    line_start = starts[pos.line]
    line_end = starts[pos.line + 1] if pos.line + 1 < len(starts) else len(text)
    # do not step onto the line break itself
    while line_end > line_start and text[line_end - 1] in "\r\n":
        line_end -= 1
    return min(line_start + max(pos.character, 0), line_end)


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """Apply non-overlapping edits (positions refer to the original text). Overlapping edits raise ValueError."""
    starts = line_starts(text)
    spans = sorted(
        ((offset_of(text, starts, e.range.start), offset_of(text, starts, e.range.end), e.new_text) for e in edits),
        key=lambda s: (s[0], s[1]),
    )
    out, cursor = [], 0
    for start, end, new in spans:
        if start < cursor:
            raise ValueError("overlapping edits")
        out.append(text[cursor:start])
        out.append(new)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)
