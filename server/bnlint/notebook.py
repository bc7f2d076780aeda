"""Jupyter notebooks: code cells analysed together as one module, results mapped back to cells.

`NotebookSource` joins the code cells of a notebook into one Python text (IPython magics,
shell escapes and `?` help lines blanked so that line numbers stay), and maps positions,
ranges, findings and fix edits between that joined text and the cells. The command line and
the language server (LSP notebook sync) both use it; it knows nothing of files.

`NotebookFile` is the .ipynb file itself: which cells are code, and writing new cell sources
back into the JSON while leaving everything else as it was.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional, Sequence

from .edits import apply_edits
from .findings import Finding, Fix, Notice, Position, Range, Related, TextEdit
from .lines import emptied, line_ending, line_starts, split_lines

# Cell magics whose body is still Python (analysed); any other `%%magic` cell is not Python.
PYTHON_BODY_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})

_LINE_MAGIC = re.compile(r"[ \t]*[%!]")
# `files = !ls`, `t = %timeit -o f()`: a name (or names) bound to a magic's result
_ASSIGNED_MAGIC = re.compile(r"[ \t]*[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*[%!]")
# `?obj`, `obj?`, `obj.attr??`
_HELP = re.compile(r"[ \t]*(?:\?{1,2}[\w.]+|[\w.]+\?{1,2})[ \t]*$")


class NotebookError(ValueError):
    """A .ipynb file that is not a notebook we can read. The message says why."""


def _blank(line: str, previous: str) -> str:
    return emptied(line, previous) if line_ending(line) else ""


def blank_magics(cell: str) -> str:
    """The cell with every IPython-only line replaced by an empty line (or `pass` where indented,
    so an enclosing block stays a block). Line count and all other lines stay as they are."""
    lines = split_lines(cell, keepends=True)
    first_code = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first_code is not None and lines[first_code].lstrip().startswith("%%"):
        magic = lines[first_code].lstrip()[2:].split(None, 1)
        name = magic[0] if magic else ""
        if name not in PYTHON_BODY_CELL_MAGICS:
            return "".join(_blank(line, lines[i - 1] if i else "") for i, line in enumerate(lines))
        lines[first_code] = _blank(lines[first_code], lines[first_code - 1] if first_code else "")
    out = []
    continued = False
    for line in lines:
        body = line[: len(line) - len(line_ending(line))]
        if continued or _LINE_MAGIC.match(body) or _ASSIGNED_MAGIC.match(body) or _HELP.match(body):
            indent = body[: len(body) - len(body.lstrip(" \t"))]
            # a continued magic line ends with a backslash; its next line belongs to it
            continued = body.rstrip().endswith("\\")
            out.append(indent + "pass" + line_ending(line) if indent else _blank(line, out[-1] if out else ""))
        else:
            out.append(line)
    return "".join(out)


@dataclass(frozen=True)
class CellEdit:
    cell: int  # index into NotebookSource.cells
    edit: TextEdit


@dataclass(frozen=True)
class CellRelated:
    cell: int
    related: Related


@dataclass(frozen=True)
class CellFix:
    fix: Fix  # the original, in joined coordinates
    edits: tuple[CellEdit, ...]


@dataclass(frozen=True)
class CellFinding:
    """A finding with every place in it expressed as (cell, range in that cell)."""

    finding: Finding  # the original, in joined coordinates
    cell: int
    range: Range
    related: tuple[CellRelated, ...]
    fixes: tuple[CellFix, ...]  # fixes whose edits cross a cell boundary are left out


class NotebookSource:
    """The code cells of one notebook as one Python module.

    Cell i occupies lines `starts[i]` .. `starts[i+1]-1` of `source`; a cell that does not end
    with a line break gets one in the joined text, so every cell starts on a line of its own.
    """

    def __init__(self, cells: Sequence[str]):
        self.cells: tuple[str, ...] = tuple(cells)
        parts, starts, line = [], [], 0
        for cell in self.cells:
            starts.append(line)
            text = blank_magics(cell)
            if not text.endswith(("\n", "\r")):
                text += "\n"
            if parts and parts[-1].endswith("\r") and text.startswith("\n"):
                # "\r" + "\n" would be one line end: end the previous cell with "\r\n" instead
                parts[-1] += "\n"
            parts.append(text)
            line += len(line_starts(text)) - 1
        self.starts: tuple[int, ...] = tuple(starts)
        self.line_count = line
        self.source: str = "".join(parts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NotebookSource) and other.cells == self.cells

    def __hash__(self) -> int:
        return hash(self.cells)

    @classmethod
    def from_cells(cls, cells: Iterable[str]) -> "NotebookSource":
        return cls(list(cells))

    def _cell_of_line(self, line: int) -> int:
        if not self.cells:
            raise ValueError("notebook has no code cells")
        return max(0, bisect.bisect_right(self.starts, line) - 1)

    def to_cell(self, pos: Position) -> tuple[int, Position]:
        """(cell index, position in that cell) of a position in the joined source."""
        if pos.line >= self.line_count and self.cells:
            # the end of the joined text: the end of the last cell
            last = len(self.cells) - 1
            return last, self._end_of_cell(last)
        cell = self._cell_of_line(pos.line)
        return cell, Position(pos.line - self.starts[cell], pos.character)

    def from_cell(self, cell: int, pos: Position) -> Position:
        """Position in the joined source of a position in cell `cell`."""
        if not 0 <= cell < len(self.cells):
            raise IndexError(f"no code cell {cell} (notebook has {len(self.cells)})")
        return Position(self.starts[cell] + pos.line, pos.character)

    def _end_of_cell(self, cell: int) -> Position:
        lines = split_lines(self.cells[cell], keepends=True)
        if not lines or line_ending(lines[-1]):
            return Position(len(lines), 0)
        return Position(len(lines) - 1, len(lines[-1]))

    def range_to_cell(self, rng: Range) -> Optional[tuple[int, Range]]:
        """(cell, range in it), or None when the range runs from one cell into another."""
        cell, start = self.to_cell(rng.start)
        end_cell, end = self.to_cell(rng.end)
        if end_cell == cell:
            return cell, Range(start, end)
        # a range ending at column 0 of the next cell's first line ends where its own cell ends
        if end_cell == cell + 1 and end == Position(0, 0):
            return cell, Range(start, self._end_of_cell(cell))
        return None

    def fix_to_cells(self, fix: Fix) -> Optional[CellFix]:
        """The fix's edits as per-cell edits, or None when one of them crosses a cell boundary."""
        edits = []
        for edit in fix.edits:
            placed = self.range_to_cell(edit.range)
            if placed is None:
                return None
            edits.append(CellEdit(placed[0], TextEdit(placed[1], edit.new_text)))
        return CellFix(fix, tuple(edits))

    def notice_to_cell(self, notice: Notice) -> tuple[Optional[int], Notice]:
        """(cell, the notice at its place in that cell); (None, notice) for a notice of the
        whole notebook. The line a syntax notice names ("cannot parse line 14: ...", the
        joined source's) becomes the cell's own."""
        if notice.range is None or not self.cells:
            return None, notice
        cell, start = self.to_cell(notice.range.start)
        message = notice.message
        joined = f"cannot parse line {notice.range.start.line + 1}:"
        if message.startswith(joined):
            message = f"cannot parse line {start.line + 1}:" + message[len(joined) :]
        return cell, Notice(message, Range(start, start))

    def finding_to_cells(self, finding: Finding) -> CellFinding:
        placed = self.range_to_cell(finding.range)
        if placed is None:
            # a finding spanning cells is shown where it starts
            cell, start = self.to_cell(finding.range.start)
            placed = (cell, Range(start, start))
        related = []
        for item in finding.related:
            if item.path is not None:
                continue  # in another file: the adapters place it there
            where = self.range_to_cell(item.range)
            if where is not None:
                related.append(CellRelated(where[0], Related(where[1], item.message)))
        fixes = tuple(f for f in (self.fix_to_cells(fix) for fix in finding.fixes) if f is not None)
        return CellFinding(finding, placed[0], placed[1], tuple(related), fixes)

    def apply_edits(self, edits: Iterable[TextEdit]) -> list[str]:
        """New cell texts after applying edits given in joined coordinates to the original cells
        (magic lines are kept). Raises ValueError for overlapping or cell-crossing edits."""
        per_cell: dict[int, list[TextEdit]] = {}
        for edit in edits:
            placed = self.range_to_cell(edit.range)
            if placed is None:
                raise ValueError("edit crosses a cell boundary")
            per_cell.setdefault(placed[0], []).append(TextEdit(placed[1], edit.new_text))
        return [apply_edits(text, per_cell[i]) if i in per_cell else text for i, text in enumerate(self.cells)]


def _source_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "".join(value)
    raise NotebookError("a cell's 'source' is neither a string nor a list of strings")


class NotebookFile:
    """A parsed .ipynb file. `code_cells[i]` is the notebook cell index of code cell i."""

    def __init__(self, text: str):
        try:
            self.data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise NotebookError(f"not valid notebook JSON: {exc}") from exc
        except ValueError as exc:  # a number too long to convert, for one
            raise NotebookError(f"not valid notebook JSON: {exc}") from None
        except RecursionError:
            raise NotebookError("not valid notebook JSON: arrays or objects nested too deeply") from None
        if not isinstance(self.data, dict) or not isinstance(self.data.get("cells"), list):
            raise NotebookError("not a Jupyter notebook (no 'cells' list); nbformat 4 is required")
        self.text = text
        self.code_cells: list[int] = []
        sources: list[str] = []
        for index, cell in enumerate(self.data["cells"]):
            if isinstance(cell, dict) and cell.get("cell_type") == "code":
                self.code_cells.append(index)
                sources.append(_source_text(cell.get("source", "")))
        self.source = NotebookSource(sources)

    @property
    def language(self) -> Optional[str]:
        """The notebook's language when it says one (kernelspec or language_info), lower case."""
        metadata = self.data.get("metadata")
        if not isinstance(metadata, dict):
            return None
        for key, field in (("language_info", "name"), ("kernelspec", "language")):
            table = metadata.get(key)
            if isinstance(table, dict) and isinstance(table.get(field), str):
                return table[field].lower()
        return None

    def cell_number(self, code_cell: int) -> int:
        """1-based number of a code cell among all cells, as editors show it."""
        return self.code_cells[code_cell] + 1

    def with_cells(self, new_sources: Sequence[str]) -> str:
        """The file's JSON text with code cell sources replaced; unchanged cells keep their exact
        value, and indentation / key order / final newline follow the original file."""
        data = json.loads(self.text)
        for code_index, new in zip(self.code_cells, new_sources):
            cell = data["cells"][code_index]
            if _source_text(cell.get("source", "")) == new:
                continue
            if isinstance(cell.get("source"), list):
                cell["source"] = split_lines(new, keepends=True) if new else []
            else:
                cell["source"] = new
        indent = _json_indent(self.text)
        try:
            out = json.dumps(data, indent=indent, ensure_ascii=not _has_raw_non_ascii(self.text))
        except RecursionError:  # writing takes more stack per level than reading did
            raise NotebookError("cannot write the fixes: its JSON is nested too deeply") from None
        return out + "\n" if self.text.endswith("\n") else out


def _json_indent(text: str) -> Optional[int]:
    match = re.search(r"\n( +)\"", text)
    return len(match.group(1)) if match else None


def _has_raw_non_ascii(text: str) -> bool:
    return any(ord(ch) > 127 for ch in text)
