"""Code actions from the fixes that travel in `Diagnostic.data` (see diagnostics.py).

Quick fixes come first, in diagnostic order; then "Fix all bnlint findings"
(`source.fixAll.bnlint`: every diagnostic's first preferred fix, duplicates merged, edits that
would collide with an earlier fix's left out); the "Ignore BN00X on this line" suppressions come
last and are never preferred. A fix computed for an older version of a document is not offered.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Optional, Sequence, Union

from lsprotocol import types
from lsprotocol.converters import get_converter

from ..edits import compatible_fixes
from .diagnostics import SOURCE, DiagnosticJSON, span_of, to_lsp

FIX_ALL_KIND = "source.fixAll.bnlint"
FIX_ALL_TITLE = "Fix all bnlint findings"
_CONVERTER = get_converter()

VersionOf = Callable[[str], Optional[int]]


def _valid_fix(fix: Any) -> bool:
    try:
        if not isinstance(fix["title"], str) or not isinstance(fix["changes"], list):
            return False
        for change in fix["changes"]:
            if not isinstance(change["uri"], str) or not isinstance(change["edits"], list):
                return False
            for edit in change["edits"]:
                _span(edit)
                if not isinstance(edit["newText"], str):
                    return False
        return True
    except (KeyError, TypeError, ValueError):
        return False


def fixes_of(diagnostic: Union[types.Diagnostic, DiagnosticJSON]) -> list[dict]:
    """The fixes a diagnostic carries (none if it is not ours or its data was lost or mangled).
    It is the client's (an lsprotocol object) or the server's stored copy (JSON)."""
    if isinstance(diagnostic, dict):
        source, data = diagnostic.get("source"), diagnostic.get("data")
    else:
        source, data = diagnostic.source, diagnostic.data
    if source != SOURCE or not isinstance(data, dict):
        return []
    fixes = data.get("fixes")
    if not isinstance(fixes, list):
        return []
    return [fix for fix in fixes if isinstance(fix, dict) and _valid_fix(fix)]


def is_current(fix: dict, version_of: VersionOf) -> bool:
    return all(version_of(change["uri"]) == change.get("version") for change in fix["changes"])


def _span(edit: dict) -> tuple[tuple[int, int], tuple[int, int]]:
    rng = edit["range"]
    start, end = rng["start"], rng["end"]
    return (int(start["line"]), int(start["character"])), (int(end["line"]), int(end["character"]))


def merge_fixes(fixes: Iterable[dict]) -> list[dict]:
    """Changes (per document) applying all `fixes` at once, by the policy of
    edits.compatible_fixes (the CLI's --fix uses it too)."""

    def edits_of(fix: dict) -> list[tuple[str, dict]]:
        return [(change["uri"], edit) for change in fix["changes"] for edit in change["edits"]]

    def span(item: tuple[str, dict]) -> tuple:
        uri, edit = item
        start, end = _span(edit)
        return (uri, start, end, edit["newText"])

    taken: dict[str, list[dict]] = {}
    versions: dict[str, Any] = {}
    for fix, items in compatible_fixes(fixes, edits_of, span):
        for change in fix["changes"]:
            versions.setdefault(change["uri"], change.get("version"))
        for uri, edit in items:
            taken.setdefault(uri, []).append(edit)
    return [
        {"uri": uri, "version": versions.get(uri), "edits": sorted(edits, key=_span)}
        for uri, edits in taken.items()
        if edits
    ]


def workspace_edit(changes: Sequence[dict], document_changes: bool) -> types.WorkspaceEdit:
    """A WorkspaceEdit: versioned TextDocumentEdits where the client takes them (it then refuses
    an edit for a document that changed meanwhile), else a plain `changes` map."""
    if document_changes:
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(change["uri"], change.get("version")),
                    edits=[_CONVERTER.structure(e, types.TextEdit) for e in change["edits"]],
                )
                for change in changes
            ]
        )
    merged: dict[str, list[types.TextEdit]] = {}
    for change in changes:
        merged.setdefault(change["uri"], []).extend(_CONVERTER.structure(e, types.TextEdit) for e in change["edits"])
    return types.WorkspaceEdit(changes=merged)


def wanted(kind: str, only: Optional[Sequence[str]]) -> bool:
    """Does the client's `only` filter let this kind through? ("source" covers "source.fixAll.x")."""
    if not only:
        return True
    return any(kind == want or kind.startswith(want + ".") or want == "" for want in only)


def _with_data(
    diagnostic: types.Diagnostic, stored: Sequence[DiagnosticJSON]
) -> Union[types.Diagnostic, DiagnosticJSON]:
    """The diagnostic, or for a client that did not keep `data`, the server's own copy of it."""
    if diagnostic.source != SOURCE or diagnostic.data is not None:
        return diagnostic
    rng = diagnostic.range
    key = (diagnostic.code, ((rng.start.line, rng.start.character), (rng.end.line, rng.end.character)), diagnostic.message)
    for candidate in stored:
        if (candidate["code"], span_of(candidate["range"]), candidate["message"]) == key:
            return candidate
    return diagnostic


class ActionBuilder:
    """Code actions for one request. With resolve support the edit is left out and made on
    `codeAction/resolve` from the action's data."""

    def __init__(self, version_of: VersionOf, document_changes: bool, lazy: bool):
        self.version_of = version_of
        self.document_changes = document_changes
        self.lazy = lazy

    def _action(self, title: str, kind: str, changes: list[dict], data: dict, **extra) -> types.CodeAction:
        if self.lazy:
            return types.CodeAction(title=title, kind=kind, data=data, **extra)
        return types.CodeAction(title=title, kind=kind, edit=workspace_edit(changes, self.document_changes), **extra)

    def actions(
        self,
        context_diagnostics: Sequence[types.Diagnostic],
        document_diagnostics: Sequence[DiagnosticJSON],
        only: Optional[Sequence[str]],
        requested: Optional[types.Range] = None,
    ) -> list[types.CodeAction]:
        if not context_diagnostics and requested is not None:
            # some clients send no diagnostics in the context: offer the fixes of ours under the cursor
            context_diagnostics = [to_lsp(d) for d in document_diagnostics if _overlaps(d["range"], requested)]
        fixes: list[types.CodeAction] = []
        suppressions: list[types.CodeAction] = []
        seen: set[str] = set()
        if wanted(types.CodeActionKind.QuickFix, only):
            for diagnostic in context_diagnostics:
                for fix in fixes_of(_with_data(diagnostic, document_diagnostics)):
                    if not is_current(fix, self.version_of):
                        continue
                    identity = repr((fix["title"], fix["changes"]))
                    if identity in seen:
                        continue
                    seen.add(identity)
                    action = self._action(
                        fix["title"],
                        types.CodeActionKind.QuickFix,
                        fix["changes"],
                        {"fix": fix},
                        diagnostics=[diagnostic],
                        is_preferred=True if fix.get("preferred") and not fix.get("suppression") else None,
                    )
                    (suppressions if fix.get("suppression") else fixes).append(action)
        fix_all = self.fix_all(document_diagnostics) if wanted(FIX_ALL_KIND, only) else None
        return fixes + ([fix_all] if fix_all else []) + suppressions

    def preferred_fixes(self, diagnostics: Sequence[DiagnosticJSON]) -> list[dict]:
        chosen = []
        for diagnostic in diagnostics:
            for fix in fixes_of(diagnostic):
                if fix.get("preferred") and not fix.get("suppression") and is_current(fix, self.version_of):
                    chosen.append(fix)
                    break
        return chosen

    def fix_all(self, diagnostics: Sequence[DiagnosticJSON]) -> Optional[types.CodeAction]:
        fixes = self.preferred_fixes(diagnostics)
        if not fixes:
            return None
        if self.lazy:
            return types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND, data={"fixAll": fixes})
        return types.CodeAction(
            title=FIX_ALL_TITLE, kind=FIX_ALL_KIND, edit=workspace_edit(merge_fixes(fixes), self.document_changes)
        )

    def resolve(self, action: types.CodeAction) -> types.CodeAction:
        """Fill in the edit of an action this builder made lazily. Stale or foreign data: unchanged."""
        data = action.data if isinstance(action.data, dict) else {}
        fix = data.get("fix")
        fix_all = data.get("fixAll")
        if isinstance(fix, dict) and _valid_fix(fix) and is_current(fix, self.version_of):
            action.edit = workspace_edit(fix["changes"], self.document_changes)
        elif isinstance(fix_all, list):
            current = [f for f in fix_all if isinstance(f, dict) and _valid_fix(f) and is_current(f, self.version_of)]
            if current:
                action.edit = workspace_edit(merge_fixes(current), self.document_changes)
        return action


def _overlaps(stored: dict, requested: types.Range) -> bool:
    (start, end) = span_of(stored)
    return start <= (requested.end.line, requested.end.character) and (
        requested.start.line,
        requested.start.character,
    ) <= end
