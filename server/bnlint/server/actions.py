"""Code actions from the fixes the server keeps for its diagnostics (see diagnostics.py):
a diagnostic the client sends back names its fixes by the key in its `data`.

Quick fixes come first, in diagnostic order; then "Fix all bnlint findings"
(`source.fixAll.bnlint`: every diagnostic's first preferred fix, duplicates merged, edits that
would collide with an earlier fix's left out); the "Ignore BN00X on this line" suppressions come
last and are never preferred. A fix computed for an older version of a document is not offered.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Optional, Sequence

from lsprotocol import types
from lsprotocol.converters import get_converter

from ..edits import compatible_fixes
from .diagnostics import SOURCE, StoredDiagnostics, to_lsp

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


def fixes_of(diagnostic: types.Diagnostic, stored: Optional[StoredDiagnostics]) -> list[dict]:
    """The fixes of a diagnostic the client sent back: the stored diagnostic its `data` names
    (none if it is not ours, or its key is for another version or was mangled); for a client
    that did not keep `data`, the stored diagnostic with its code, range and message."""
    if stored is None or diagnostic.source != SOURCE:
        return []
    rng = diagnostic.range
    span = ((rng.start.line, rng.start.character), (rng.end.line, rng.end.character))
    if diagnostic.data is None:
        index = stored.find(diagnostic.code, span, diagnostic.message)
    else:
        index = stored.keyed(diagnostic.data, diagnostic.code, span, diagnostic.message)
    return stored.fixes(index) if index is not None else []


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
        stored: Optional[StoredDiagnostics],
        only: Optional[Sequence[str]],
        requested: Optional[types.Range] = None,
    ) -> list[types.CodeAction]:
        if not context_diagnostics and requested is not None:
            # some clients send no diagnostics in the context: offer the fixes of ours under the cursor
            context_diagnostics = [
                to_lsp(stored.json(i)) for i in range(len(stored or ())) if _overlaps(stored.spans[i], requested)
            ]
        fixes: list[types.CodeAction] = []
        suppressions: list[types.CodeAction] = []
        seen: set[str] = set()
        if wanted(types.CodeActionKind.QuickFix, only):
            for diagnostic in context_diagnostics:
                for fix in fixes_of(diagnostic, stored):
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
        fix_all = self.fix_all(stored) if wanted(FIX_ALL_KIND, only) else None
        return fixes + ([fix_all] if fix_all else []) + suppressions

    def preferred_fixes(self, stored: Optional[StoredDiagnostics]) -> list[dict]:
        chosen = []
        for index in range(len(stored or ())):
            for fix in stored.fixes(index):
                if fix.get("preferred") and not fix.get("suppression") and is_current(fix, self.version_of):
                    chosen.append(fix)
                    break
        return chosen

    def fix_all(self, stored: Optional[StoredDiagnostics]) -> Optional[types.CodeAction]:
        fixes = self.preferred_fixes(stored)
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


def _overlaps(span: tuple, requested: types.Range) -> bool:
    (start, end) = span
    return start <= (requested.end.line, requested.end.character) and (
        requested.start.line,
        requested.start.character,
    ) <= end
