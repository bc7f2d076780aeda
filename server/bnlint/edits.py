"""Applying text edits to a document: used by `--fix`, the tests, and anything else that needs the result."""

from __future__ import annotations

from typing import Callable, Iterable, TypeVar

from .findings import Position, TextEdit
from .lines import line_starts

__all__ = ["apply_edits", "compatible_fixes", "line_starts", "offset_of"]


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


F = TypeVar("F")
E = TypeVar("E")


def compatible_fixes(
    fixes: Iterable[F], edits_of: Callable[[F], Iterable[E]], span: Callable[[E], tuple]
) -> list[tuple[F, list[E]]]:
    """The fixes, in order, that can be applied together, each with the edits it adds.

    The one policy for "fix all" (the CLI's --fix and the server's source.fixAll): an edit
    equal to one already taken is taken once (two findings whose fixes write the same
    thing, as BN004 and BN007 do); a fix with an edit colliding with one already taken is
    left out whole. Edits collide when they overlap, or start at one point (which of two
    insertions there goes first would be a guess). `span(edit)` is (document, start, end,
    new_text) with comparable start and end.
    """
    taken: list[tuple] = []
    picked: list[tuple[F, list[E]]] = []
    for fix in fixes:
        new: list[tuple[tuple, E]] = []
        for edit in edits_of(fix):
            s = span(edit)
            if s in taken or any(s == other for other, _ in new):
                continue
            if any(_collide(s, other) for other in taken) or any(_collide(s, other) for other, _ in new):
                break
            new.append((s, edit))
        else:
            taken.extend(s for s, _ in new)
            picked.append((fix, [edit for _, edit in new]))
    return picked


def _collide(a: tuple, b: tuple) -> bool:
    return a[0] == b[0] and (a[1] == b[1] or (a[1] < b[2] and b[1] < a[2]))
