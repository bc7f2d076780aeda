"""Findings to LSP diagnostics. Runs on the analysis thread, so it touches no server state.

Each diagnostic carries its fixes in `data` (client positions, grouped per document with the
document version they were computed for), so a code action needs no second analysis and a
fix for an older text is recognised as stale.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from lsprotocol import types
from lsprotocol.converters import get_converter

from ..analysis import analyze
from ..config import Config
from ..findings import Finding, Fix, Range
from ..notebook import CellEdit, CellFinding, CellFix, CellRelated, NotebookSource
from .documents import LineIndex

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "information": types.DiagnosticSeverity.Information,
    "hint": types.DiagnosticSeverity.Hint,
}
SOURCE = "bnlint"
_CONVERTER = get_converter()


@dataclass(frozen=True)
class Target:
    """A text findings are shown in: a document, or one code cell of a notebook."""

    uri: str
    version: int
    text: str


@dataclass(frozen=True)
class ClientFeatures:
    """What the client accepts in a diagnostic."""

    encoding: str
    related_information: bool = True
    code_description: bool = True


@dataclass(frozen=True)
class Snapshot:
    """Everything one analysis needs, copied on the event loop so the thread shares nothing mutable."""

    version: int  # the document's or notebook's
    targets: tuple[Target, ...]  # one for a document; the code cells, in order, for a notebook
    is_notebook: bool
    path: Optional[Path]
    config: Config
    features: ClientFeatures
    cache: Any = None  # the document's bnlint.blocks.BlockCache
    project: Any = None  # the bnlint.project.Project around the file (used on the analysis thread only)


@dataclass
class UnitResult:
    """The diagnostics of one document or notebook at one version, per target URI."""

    version: int
    generation: int  # settings generation it was computed with
    diagnostics: dict[str, list[types.Diagnostic]] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    result_ids: dict[str, str] = field(default_factory=dict)
    notices: tuple[str, ...] = ()
    # files whose findings may change because this analysis changed what the project knows
    # of this file (its summary); empty when the edit changed no project-wide fact
    dependents: frozenset = frozenset()
    project_changes: int = -1  # the project's change count the analysis saw (-1: no project)


def empty_result(snapshot_targets: tuple[Target, ...], version: int, generation: int) -> UnitResult:
    result = UnitResult(version, generation)
    for target in snapshot_targets:
        result.diagnostics[target.uri] = []
        result.versions[target.uri] = target.version
        result.result_ids[target.uri] = result_id([])
    return result


def result_id(diagnostics: list[types.Diagnostic]) -> str:
    """Names the content of a report: equal content, equal id (so pull can answer "unchanged")."""
    text = json.dumps(_CONVERTER.unstructure(diagnostics), sort_keys=True)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def analyse(snapshot: Snapshot, generation: int) -> UnitResult:
    if snapshot.is_notebook:
        notebook = NotebookSource.from_cells([t.text for t in snapshot.targets])
        source = notebook.source
    else:
        notebook = None
        source = snapshot.targets[0].text
    path = str(snapshot.path) if snapshot.path else None
    project = snapshot.project if path is not None else None
    before = project.known(path) if project is not None else None
    report = analyze(source, path=path, config=snapshot.config, cache=snapshot.cache, project=project)

    indexes = [LineIndex(t.text) for t in snapshot.targets]
    result = empty_result(snapshot.targets, snapshot.version, generation)
    for finding in sorted(report.findings, key=Finding.sort_key):
        placed = notebook.finding_to_cells(finding) if notebook else _in_document(finding)
        target = snapshot.targets[placed.cell]
        result.diagnostics[target.uri].append(_diagnostic(placed, snapshot, indexes))
    for uri, diagnostics in result.diagnostics.items():
        result.result_ids[uri] = result_id(diagnostics)
    result.notices = tuple(n.message for n in report.notices)
    if project is not None:
        from ..project import same_facts

        if not same_facts(before, project.known(path)):
            result.dependents = frozenset(project.dependents(path))
        result.project_changes = project.changes
    return result


def _in_document(finding: Finding) -> CellFinding:
    """A plain document's finding in the notebook mapping's terms: everything in "cell" 0
    (related places in other files are placed by _diagnostic)."""
    return CellFinding(
        finding,
        0,
        finding.range,
        tuple(CellRelated(0, r) for r in finding.related if r.path is None),
        tuple(CellFix(fix, tuple(CellEdit(0, e) for e in fix.edits)) for fix in finding.fixes),
    )


def _file_index(path: str, snapshot: Snapshot) -> LineIndex:
    """Lines of another project file (open documents override disk), for client positions."""
    text = snapshot.project.text_of(path) if snapshot.project is not None else None
    return LineIndex(text or "")


def _client_range(index: LineIndex, rng: Range, encoding: str) -> types.Range:
    return types.Range(
        index.to_client(rng.start.line, rng.start.character, encoding),
        index.to_client(rng.end.line, rng.end.character, encoding),
    )


def _diagnostic(placed: CellFinding, snapshot: Snapshot, indexes: list[LineIndex]) -> types.Diagnostic:
    finding = placed.finding
    features = snapshot.features
    encoding = features.encoding
    related = None
    if features.related_information and finding.related:
        related = [
            types.DiagnosticRelatedInformation(
                types.Location(
                    snapshot.targets[item.cell].uri,
                    _client_range(indexes[item.cell], item.related.range, encoding),
                ),
                item.related.message,
            )
            for item in placed.related
        ] + [
            types.DiagnosticRelatedInformation(
                types.Location(
                    Path(item.path).as_uri(), _client_range(_file_index(item.path, snapshot), item.range, encoding)
                ),
                item.message,
            )
            for item in finding.related
            if item.path is not None
        ]
    return types.Diagnostic(
        range=_client_range(indexes[placed.cell], placed.range, encoding),
        message=finding.message,
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=finding.url) if features.code_description and finding.url else None,
        source=SOURCE,
        related_information=related,
        data={"fixes": [_fix_payload(fix, snapshot, indexes) for fix in placed.fixes]},
    )


def _fix_payload(cell_fix: CellFix, snapshot: Snapshot, indexes: list[LineIndex]) -> dict:
    """A fix as JSON: title, flags, and its edits grouped per document as in a TextDocumentEdit."""
    fix: Fix = cell_fix.fix
    changes: dict[int, list[dict]] = {}
    for cell_edit in cell_fix.edits:
        rng = _client_range(indexes[cell_edit.cell], cell_edit.edit.range, snapshot.features.encoding)
        changes.setdefault(cell_edit.cell, []).append(
            {"range": _CONVERTER.unstructure(rng), "newText": cell_edit.edit.new_text}
        )
    return {
        "title": fix.title,
        "preferred": bool(fix.preferred and not fix.suppression),
        "suppression": bool(fix.suppression),
        "changes": [
            {"uri": snapshot.targets[cell].uri, "version": snapshot.targets[cell].version, "edits": edits}
            for cell, edits in sorted(changes.items())
        ],
    }
