"""What the analysis core returns. Plain data, no LSP types: adapters map these.

Positions are 0-based (line, character), characters counted in Python str code points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True, order=True)
class Position:
    line: int
    character: int


@dataclass(frozen=True, order=True)
class Range:
    start: Position
    end: Position

    @classmethod
    def of(cls, line: int, col: int, end_line: int, end_col: int) -> "Range":
        return cls(Position(line, col), Position(end_line, end_col))


@dataclass(frozen=True)
class TextEdit:
    range: Range
    new_text: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[TextEdit, ...]
    preferred: bool = False
    # "Ignore BN00X on this line": offered after the real fixes, never applied by fix-all / --fix
    suppression: bool = False


@dataclass(frozen=True)
class Related:
    """Another place that explains a finding (BN001: the batch norm sites).

    `path` is None for a place in the same document, else the file it is in (a project module).
    """

    range: Range
    message: str
    path: Optional[str] = None


SEVERITIES = ("error", "warning", "information", "hint")


@dataclass(frozen=True)
class Finding:
    code: str  # "BN004"
    name: str  # "normalizer-params-missing"
    message: str
    severity: str  # one of SEVERITIES, after configuration
    range: Range
    url: str
    related: tuple[Related, ...] = ()
    fixes: tuple[Fix, ...] = ()

    def sort_key(self):
        return (self.range.start, self.range.end, self.code, self.message)


@dataclass(frozen=True)
class Notice:
    """Something the user should know that is not a finding, e.g. a file that cannot be parsed."""

    message: str
    range: Optional[Range] = None


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    summary: Optional[object] = None  # project.ModuleSummary, when analysed with a project
    questions: frozenset = frozenset()  # what the analysis asked of the project (ProjectView)
    pending_summary: Optional[object] = None  # analyze(defer_summary=True): computes the summary
