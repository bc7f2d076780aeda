"""Findings to LSP diagnostics. Runs on the analysis thread, so it touches no server state.

Each diagnostic carries its fixes in `data` (client positions, grouped per document with the
document version they were computed for), so a code action needs no second analysis and a
fix for an older text is recognised as stale.

Diagnostics are built as plain JSON-shaped dicts and serialised once, here, to the text that
goes on the wire: building lsprotocol objects and letting cattrs unstructure them cost several
times the analysis itself on a file with hundreds of findings (each BN001 carries up to 20
related locations and two fixes). The server publishes and answers pulls with that text.
"""

from __future__ import annotations

import gc
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from lsprotocol import types

from ..analysis import AnalysisCancelled, analyze
from ..config import Config
from ..findings import Finding, Fix, Range
from ..notebook import CellEdit, CellFinding, CellFix, CellRelated, NotebookSource
from .documents import LineIndex

SEVERITY = {
    "error": int(types.DiagnosticSeverity.Error),
    "warning": int(types.DiagnosticSeverity.Warning),
    "information": int(types.DiagnosticSeverity.Information),
    "hint": int(types.DiagnosticSeverity.Hint),
}
SOURCE = "bnlint"

# A diagnostic as it goes on the wire (camelCase keys, positions in the client's encoding).
DiagnosticJSON = dict


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
    diagnostics: dict[str, list[DiagnosticJSON]] = field(default_factory=dict)
    payloads: dict[str, str] = field(default_factory=dict)  # the diagnostics as JSON text, per URI
    versions: dict[str, int] = field(default_factory=dict)
    result_ids: dict[str, str] = field(default_factory=dict)
    notices: tuple[tuple[Optional[str], str], ...] = ()  # (URI of the cell it is in, or None: the unit's; message)
    # files whose findings may change because this analysis changed what the project knows
    # of this file (its summary); empty when the edit changed no project-wide fact
    dependents: frozenset = frozenset()
    project_changes: int = -1  # the project's change count the analysis saw (-1: no project)
    # the file's new summary, computed once typing pauses (analyze's defer_summary), on the
    # analysis thread and before the next analysis of the same unit
    pending_summary: Any = None

    def set_diagnostics(self, uri: str, diagnostics: list[DiagnosticJSON], texts: Optional[list[str]] = None) -> None:
        """`texts`: each diagnostic already as JSON text (else they are serialised here)."""
        self.diagnostics[uri] = diagnostics
        if texts is None:
            payload = _dumps(diagnostics)
        else:
            payload = "[" + ",".join(texts) + "]"
        self.payloads[uri] = payload
        self.result_ids[uri] = result_id(payload)


def _dumps(value) -> str:
    return json.dumps(value, separators=(",", ":"))


def empty_result(snapshot_targets: tuple[Target, ...], version: int, generation: int) -> UnitResult:
    result = UnitResult(version, generation)
    for target in snapshot_targets:
        result.versions[target.uri] = target.version
        result.set_diagnostics(target.uri, [])
    return result


def result_id(payload: str) -> str:
    """Names the content of a report: equal content, equal id (so pull can answer "unchanged")."""
    return hashlib.sha1(payload.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def analyse(snapshot: Snapshot, generation: int, cancelled: Optional[Callable[[], bool]] = None) -> UnitResult:
    """The snapshot's diagnostics. `cancelled()` turning true stops the analysis early with
    bnlint.analysis.AnalysisCancelled (a newer text is waiting)."""
    if snapshot.is_notebook:
        notebook = NotebookSource.from_cells([t.text for t in snapshot.targets])
        source = notebook.source
    else:
        notebook = None
        source = snapshot.targets[0].text
    path = str(snapshot.path) if snapshot.path else None
    project = snapshot.project if path is not None else None
    before = project.known(path) if project is not None else None
    try:
        report = analyze(
            source,
            path=path,
            config=snapshot.config,
            cache=snapshot.cache,
            project=project,
            cancelled=cancelled,
            defer_summary=True,
        )
    except AnalysisCancelled as stopped:
        # the project may already hold this text's summary: the next analysis compares with
        # it, so the files that depend on a changed fact are named now or never
        if project is not None:
            from ..project import same_facts

            if not same_facts(before, project.known(path)):
                stopped.dependents = frozenset(project.dependents(path))
        raise

    converter = _Converter(snapshot)
    per_target: list[list[DiagnosticJSON]] = [[] for _ in snapshot.targets]
    per_target_texts: list[list[str]] = [[] for _ in snapshot.targets]
    # The conversion allocates many small dicts and strings and no reference cycles, which
    # makes the cyclic garbage collector run full collections over the whole heap (mostly
    # the document's astroid trees) again and again: measured, well over half the conversion
    # time of a file with 5,000 findings. Refcounting frees whatever it drops.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for finding in report.findings:  # analyze() returns them sorted
            placed = notebook.finding_to_cells(finding) if notebook else _in_document(finding)
            diagnostic, text = converter.diagnostic(placed)
            per_target[placed.cell].append(diagnostic)
            per_target_texts[placed.cell].append(text)
    finally:
        if collecting:
            gc.enable()
    result = UnitResult(snapshot.version, generation)
    for target, diagnostics, texts in zip(snapshot.targets, per_target, per_target_texts):
        result.versions[target.uri] = target.version
        result.set_diagnostics(target.uri, diagnostics, texts)
    notices = []
    for notice in report.notices:
        cell, notice = notebook.notice_to_cell(notice) if notebook else (None, notice)
        notices.append((snapshot.targets[cell].uri if cell is not None else None, notice.message))
    result.notices = tuple(notices)
    if project is not None:
        from ..project import same_facts

        if not same_facts(before, project.known(path)):
            result.dependents = frozenset(project.dependents(path))
        result.project_changes = project.changes
        result.pending_summary = report.pending_summary
    return result


def _in_document(finding: Finding) -> CellFinding:
    """A plain document's finding in the notebook mapping's terms: everything in "cell" 0
    (related places in other files are placed by _Converter.related)."""
    return CellFinding(
        finding,
        0,
        finding.range,
        tuple(CellRelated(0, r) for r in finding.related if r.path is None),
        tuple(CellFix(fix, tuple(CellEdit(0, e) for e in fix.edits)) for fix in finding.fixes),
    )


class _Converter:
    """Findings of one snapshot to diagnostics, each as a dict and as its JSON text.

    Findings often share their related locations (every BN001 of a file points at the same
    batch norms, up to 20): those are converted and serialised once per analysis, and the
    text is spliced into each diagnostic's."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self.features = snapshot.features
        self.encoding = snapshot.features.encoding
        self.indexes = [LineIndex(t.text) for t in snapshot.targets]
        self._related: dict[int, tuple[tuple, list, str]] = {}
        self._files: dict[str, LineIndex] = {}

    def range(self, cell: int, rng: Range) -> dict:
        index, encoding = self.indexes[cell], self.encoding
        start_line, start_character = index.client_pair(rng.start.line, rng.start.character, encoding)
        end_line, end_character = index.client_pair(rng.end.line, rng.end.character, encoding)
        return {
            "start": {"line": start_line, "character": start_character},
            "end": {"line": end_line, "character": end_character},
        }

    def file_range(self, path: str, rng: Range) -> dict:
        """A range in another project file (open documents override disk)."""
        index = self._files.get(path)
        if index is None:
            project = self.snapshot.project
            text = project.text_of(path) if project is not None else None
            index = self._files[path] = LineIndex(text or "")
        start = index.client_pair(rng.start.line, rng.start.character, self.encoding)
        end = index.client_pair(rng.end.line, rng.end.character, self.encoding)
        return {"start": {"line": start[0], "character": start[1]}, "end": {"line": end[0], "character": end[1]}}

    def related(self, placed: CellFinding) -> tuple[list, str]:
        key = id(placed.finding.related)  # the findings are alive, so are their ids
        cached = self._related.get(key)
        if cached is not None and cached[0] is placed.finding.related:
            return cached[1], cached[2]
        targets = self.snapshot.targets
        items = [
            {
                "location": {"uri": targets[item.cell].uri, "range": self.range(item.cell, item.related.range)},
                "message": item.related.message,
            }
            for item in placed.related
        ] + [
            {
                "location": {"uri": Path(item.path).as_uri(), "range": self.file_range(item.path, item.range)},
                "message": item.message,
            }
            for item in placed.finding.related
            if item.path is not None
        ]
        text = _dumps(items)
        self._related[key] = (placed.finding.related, items, text)
        return items, text

    def diagnostic(self, placed: CellFinding) -> tuple[DiagnosticJSON, str]:
        finding = placed.finding
        diagnostic: DiagnosticJSON = {
            "range": self.range(placed.cell, placed.range),
            "message": finding.message,
            "severity": SEVERITY.get(finding.severity, SEVERITY["warning"]),
            "code": finding.code,
            "source": SOURCE,
        }
        if self.features.code_description and finding.url:
            diagnostic["codeDescription"] = {"href": finding.url}
        text = _dumps(diagnostic)[:-1]  # without its closing brace: more keys follow
        if self.features.related_information and finding.related:
            items, items_text = self.related(placed)
            diagnostic["relatedInformation"] = items
            text += ',"relatedInformation":' + items_text
        data = {"fixes": [self.fix(fix) for fix in placed.fixes]}
        diagnostic["data"] = data
        text += ',"data":' + _dumps(data) + "}"
        return diagnostic, text

    def fix(self, cell_fix: CellFix) -> dict:
        """A fix as JSON: title, flags, and its edits grouped per document as in a TextDocumentEdit."""
        fix: Fix = cell_fix.fix
        targets = self.snapshot.targets
        changes: dict[int, list[dict]] = {}
        for cell_edit in cell_fix.edits:
            changes.setdefault(cell_edit.cell, []).append(
                {"range": self.range(cell_edit.cell, cell_edit.edit.range), "newText": cell_edit.edit.new_text}
            )
        return {
            "title": fix.title,
            "preferred": bool(fix.preferred and not fix.suppression),
            "suppression": bool(fix.suppression),
            "changes": [
                {"uri": targets[cell].uri, "version": targets[cell].version, "edits": edits}
                for cell, edits in sorted(changes.items())
            ],
        }


def to_lsp(diagnostic: DiagnosticJSON) -> types.Diagnostic:
    """The lsprotocol object of one stored diagnostic (for the few places that need one)."""
    from lsprotocol.converters import get_converter

    return get_converter().structure(diagnostic, types.Diagnostic)


def span_of(rng: dict) -> tuple[tuple[int, int], tuple[int, int]]:
    """((line, character), (line, character)) of a range as JSON."""
    start, end = rng["start"], rng["end"]
    return (start["line"], start["character"]), (end["line"], end["character"])
