"""Findings to LSP diagnostics. Runs on the analysis thread, so it touches no server state.

Each diagnostic's `data` is a key, the unit's version and the diagnostic's index; the server
keeps the findings (StoredDiagnostics) and converts a diagnostic's fixes (client positions,
grouped per document with the document version they were computed for) when a code action
asks for them, so a code action needs no second analysis and a key or fix for an older text
is recognised as stale.

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

from json.encoder import encode_basestring_ascii as _quote

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
    diagnostics: dict[str, "StoredDiagnostics"] = field(default_factory=dict)
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

    def set_diagnostics(self, uri: str, stored: "StoredDiagnostics") -> None:
        self.diagnostics[uri] = stored
        payload = "[" + ",".join(stored.texts) + "]"
        self.payloads[uri] = payload
        self.result_ids[uri] = result_id(payload)


def _dumps(value) -> str:
    return json.dumps(value, separators=(",", ":"))


def empty_result(snapshot_targets: tuple[Target, ...], version: int, generation: int) -> UnitResult:
    result = UnitResult(version, generation)
    for target in snapshot_targets:
        result.versions[target.uri] = target.version
        result.set_diagnostics(target.uri, StoredDiagnostics(version))
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
    version = snapshot.version
    per_target = [StoredDiagnostics(version, converter) for _ in snapshot.targets]
    # The conversion allocates many small dicts and strings and no reference cycles, which
    # makes the cyclic garbage collector run full collections over the whole heap (mostly
    # the document's astroid trees) again and again: measured, well over half the conversion
    # time of a file with 5,000 findings. Refcounting frees whatever it drops.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for finding in report.findings:  # analyze() returns them sorted
            placed = notebook.finding_to_cells(finding) if notebook else _in_document(finding)
            stored = per_target[placed.cell]
            span, text = converter.diagnostic(placed, '{"version":%d,"index":%d}' % (version, len(stored.texts)))
            stored.add(placed, span, text)
    finally:
        if collecting:
            gc.enable()
    converter.done()
    result = UnitResult(snapshot.version, generation)
    for target, stored in zip(snapshot.targets, per_target):
        result.versions[target.uri] = target.version
        result.set_diagnostics(target.uri, stored)
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
    """Findings of one snapshot to diagnostics as JSON text, and (on demand, later) their fixes.

    Findings often share their related locations (every BN001 of a file points at the same
    batch norms, up to 20): those are converted and serialised once per analysis, and the
    text is spliced into each diagnostic's. A fix is converted only when a code action asks
    for it (StoredDiagnostics.fixes): it edits the analysed texts only, whose line indexes
    this converter keeps."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self.features = snapshot.features
        self.encoding = snapshot.features.encoding
        self.indexes = [LineIndex(t.text) for t in snapshot.targets]
        self._related: Optional[dict[int, tuple[tuple, str]]] = {}
        self._files: dict[str, LineIndex] = {}
        self._quoted: dict[str, str] = {}

    def done(self) -> None:
        """The diagnostics are built: drop what only their conversion needed."""
        self._related = None
        self._files = {}
        self._quoted = {}

    def quote(self, value: str) -> str:
        quoted = self._quoted.get(value)
        if quoted is None:
            quoted = self._quoted[value] = _quote(value)
        return quoted

    def span(self, cell: int, rng: Range) -> tuple[tuple[int, int], tuple[int, int]]:
        index, encoding = self.indexes[cell], self.encoding
        return (
            index.client_pair(rng.start.line, rng.start.character, encoding),
            index.client_pair(rng.end.line, rng.end.character, encoding),
        )

    def range(self, cell: int, rng: Range) -> dict:
        (start_line, start_character), (end_line, end_character) = self.span(cell, rng)
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

    def related(self, placed: CellFinding) -> str:
        key = id(placed.finding.related)  # the findings are alive, so are their ids
        cached = self._related.get(key)
        if cached is not None and cached[0] is placed.finding.related:
            return cached[1]
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
        self._related[key] = (placed.finding.related, text)
        return text

    def diagnostic(self, placed: CellFinding, data: str) -> tuple[tuple, str]:
        """The diagnostic's client span and its JSON text; `data` is the JSON of its `data`."""
        finding = placed.finding
        span = self.span(placed.cell, placed.range)
        (start_line, start_character), (end_line, end_character) = span
        parts = [
            '{"range":{"start":{"line":%d,"character":%d},"end":{"line":%d,"character":%d}},"message":%s,'
            '"severity":%d,"code":%s,"source":"bnlint"'
            % (
                start_line,
                start_character,
                end_line,
                end_character,
                self.quote(finding.message),
                SEVERITY.get(finding.severity, SEVERITY["warning"]),
                self.quote(finding.code),
            )
        ]
        if self.features.code_description and finding.url:
            parts.append(',"codeDescription":{"href":%s}' % self.quote(finding.url))
        if self.features.related_information and finding.related:
            parts.append(',"relatedInformation":' + self.related(placed))
        parts.append(',"data":' + data + "}")
        return span, "".join(parts)

    def fix(self, compact: tuple) -> dict:
        """A fix (as _compact_fix keeps it) as JSON: title, flags, and its edits grouped per
        document as in a TextDocumentEdit."""
        title, preferred, suppression, edits = compact
        targets, encoding = self.snapshot.targets, self.encoding
        changes: dict[int, list[dict]] = {}
        for cell, start_line, start_character, end_line, end_character, new_text in edits:
            index = self.indexes[cell]
            start = index.client_pair(start_line, start_character, encoding)
            end = index.client_pair(end_line, end_character, encoding)
            changes.setdefault(cell, []).append(
                {
                    "range": {
                        "start": {"line": start[0], "character": start[1]},
                        "end": {"line": end[0], "character": end[1]},
                    },
                    "newText": new_text,
                }
            )
        return {
            "title": title,
            "preferred": preferred,
            "suppression": suppression,
            "changes": [
                {"uri": targets[cell].uri, "version": targets[cell].version, "edits": edits}
                for cell, edits in sorted(changes.items())
            ],
        }


def _compact_fix(cell_fix: CellFix) -> tuple:
    """A fix as a tuple of strings, numbers and tuples of them, which the cyclic garbage
    collector stops tracking: kept for every finding of every open document, Finding objects
    (about 45 per finding) made each collection during the next analysis walk them all."""
    fix: Fix = cell_fix.fix
    return (
        fix.title,
        bool(fix.preferred and not fix.suppression),
        bool(fix.suppression),
        tuple(
            (
                e.cell,
                e.edit.range.start.line,
                e.edit.range.start.character,
                e.edit.range.end.line,
                e.edit.range.end.character,
                e.edit.new_text,
            )
            for e in cell_fix.edits
        ),
    )


class StoredDiagnostics:
    """One URI's diagnostics of one result, as the server keeps them for code actions and
    hovers: each one's client span, code, message, JSON text and fixes (in the analysis'
    positions). A diagnostic's `data` is only its key, {"version": <the unit's version>,
    "index": <its place in the list>}; its fixes are converted to client positions when first
    asked for (a file with 5,000 findings sent them all in `data`, 9.8 MB of JSON per
    publish, for the few a user applies)."""

    __slots__ = ("version", "spans", "codes", "messages", "texts", "raw_fixes", "_converter", "_fixes")

    def __init__(self, version: int, converter: Optional[_Converter] = None):
        self.version = version  # the unit's version these were computed for
        self.spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        self.codes: list[str] = []
        self.messages: list[str] = []
        self.texts: list[str] = []
        self.raw_fixes: list[tuple] = []  # per diagnostic, its fixes as _compact_fix made them
        self._converter = converter
        self._fixes: dict[int, list[dict]] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, placed: CellFinding, span: tuple, text: str) -> None:
        self.spans.append(span)
        self.codes.append(placed.finding.code)
        self.messages.append(placed.finding.message)
        self.texts.append(text)
        self.raw_fixes.append(tuple(_compact_fix(fix) for fix in placed.fixes))

    def json(self, index: int) -> DiagnosticJSON:
        return json.loads(self.texts[index])

    def fixes(self, index: int) -> list[dict]:
        """The diagnostic's fixes as JSON (client positions, versioned changes), converted once."""
        fixes = self._fixes.get(index)
        if fixes is None:
            fixes = self._fixes[index] = [self._converter.fix(fix) for fix in self.raw_fixes[index]]
        return fixes

    def find(self, code: Any, span: tuple, message: Any) -> Optional[int]:
        """The index of the diagnostic with this code, span and message (None if there is none)."""
        for index, candidate in enumerate(self.spans):
            if candidate == span and self.codes[index] == code and self.messages[index] == message:
                return index
        return None

    def keyed(self, data: Any, code: Any, span: tuple, message: Any) -> Optional[int]:
        """The index `data` (a diagnostic's key, as the client sent it back) names, if it names
        one of these diagnostics and that one is the client's (same code, span and message).
        A key from another version names none: its fixes were for another text."""
        if not isinstance(data, dict):
            return None
        version, index = data.get("version"), data.get("index")
        if type(version) is not int or type(index) is not int or version != self.version:
            return None
        if not 0 <= index < len(self.texts) or self.spans[index] != span:
            return None
        return index if self.codes[index] == code and self.messages[index] == message else None


def to_lsp(diagnostic: DiagnosticJSON) -> types.Diagnostic:
    """The lsprotocol object of one stored diagnostic (for the few places that need one)."""
    from lsprotocol.converters import get_converter

    return get_converter().structure(diagnostic, types.Diagnostic)
