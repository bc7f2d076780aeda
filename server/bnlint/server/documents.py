"""The documents the client has open, as the server keeps them: text, version, and positions.

Positions on the wire count characters in the negotiated encoding (UTF-16 unless the client
offers UTF-8 or UTF-32); the analysis core counts Python code points. Lines end at \\n, \\r\\n
or \\r (LSP's definition and Python's, as `bnlint.lines` splits them; not `str.splitlines`,
which also splits at form feeds and other separators). Every position a client sends is
clamped into the document: a bad position never raises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from lsprotocol import types

from ..lines import line_starts


def units_of(text: str, encoding: str) -> int:
    """Length of `text` in the code units of `encoding`."""
    if encoding == types.PositionEncodingKind.Utf32 or text.isascii():
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        # lone surrogates (they do arrive in JSON) count as the 3 bytes they would take
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def code_points_of(line: str, units: int, encoding: str) -> int:
    """Code point column of a column given in `encoding` units, clamped to the line."""
    if units <= 0:
        return 0
    if encoding == types.PositionEncodingKind.Utf32 or line.isascii():
        return min(units, len(line))
    counted = 0
    for index, ch in enumerate(line):
        counted += units_of(ch, encoding)
        if counted > units:
            return index  # inside a character that takes several units: its start
        if counted == units:
            return index + 1
    return len(line)


class LineIndex:
    """Where each line of a text starts, and conversions between positions and offsets."""

    def __init__(self, text: str):
        self.text = text
        self.starts = line_starts(text)
        # in ASCII text every encoding counts one unit per code point: no line needs reading
        self.ascii = text.isascii()

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line(self, number: int) -> str:
        """Line `number` without its line break ('' past the end)."""
        if not 0 <= number < len(self.starts):
            return ""
        start = self.starts[number]
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def offset(self, position: types.Position, encoding: str) -> int:
        """Offset into the text of a client position, clamped into the text."""
        if position.line >= len(self.starts):
            return len(self.text)
        line = self.line(position.line)
        return self.starts[position.line] + code_points_of(line, position.character, encoding)

    def client_pair(self, line: int, character: int, encoding: str) -> tuple[int, int]:
        """(line, column in `encoding` units) of a (line, code point) position, clamped into the text."""
        starts = self.starts
        if line >= len(starts):
            last = len(starts) - 1
            return last, units_of(self.line(last), encoding)
        line = max(line, 0)
        if self.ascii or encoding == types.PositionEncodingKind.Utf32:
            return line, min(max(character, 0), self._length(line))
        text = self.line(line)
        character = min(max(character, 0), len(text))
        return line, units_of(text[:character], encoding)

    def _length(self, number: int) -> int:
        """Code points in line `number` (a valid line), its line break left out."""
        start = self.starts[number]
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        text = self.text
        if end > start and text[end - 1] == "\n":
            end -= 1
        if end > start and text[end - 1] == "\r":
            end -= 1
        return end - start

    def from_client(self, position: types.Position, encoding: str) -> tuple[int, int]:
        """(line, code point) of a client position, clamped into the text."""
        if position.line >= len(self.starts):
            last = len(self.starts) - 1
            return last, len(self.line(last))
        return position.line, code_points_of(self.line(position.line), position.character, encoding)


@dataclass
class OpenDocument:
    """One open text document (a file, an untitled buffer, or a notebook cell)."""

    uri: str
    version: int
    text: str
    language_id: str = "python"
    notebook_uri: Optional[str] = None  # set for a notebook cell
    _index: Optional[LineIndex] = field(default=None, repr=False)

    @property
    def index(self) -> LineIndex:
        if self._index is None or self._index.text is not self.text:
            self._index = LineIndex(self.text)
        return self._index

    def apply_change(self, change: types.TextDocumentContentChangeEvent, encoding: str) -> None:
        if isinstance(change, types.TextDocumentContentChangePartial):
            index = self.index
            start = index.offset(change.range.start, encoding)
            end = max(start, index.offset(change.range.end, encoding))
            self.text = self.text[:start] + change.text + self.text[end:]
        else:
            self.text = change.text


@dataclass
class OpenNotebook:
    """One open notebook: its version and its cells in order (cell document URIs)."""

    uri: str
    version: int
    notebook_type: str
    cells: list[str]  # URIs of all cells, markup ones too, in notebook order
    code_cells: set[str] = field(default_factory=set)
