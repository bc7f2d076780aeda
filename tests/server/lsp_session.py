"""A test client session against the real `bnlint serve`, with the bookkeeping tests need.

Positions are computed here independently of the server's code (lines end at \\n, \\r\\n or \\r
as LSP says, by a regex of this file; column units by encoding the line prefix), so a
conversion bug in the server shows up.
"""

from __future__ import annotations

import asyncio
import copy
import re
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

# pytest-lsp's bundled capability files: visual_studio_code_v1.65.2 (takes pushed diagnostics)
# and neovim_v0.11.0 (pulls diagnostics, UTF-8 positions, no dynamic file watchers)
PROFILES = ["visual-studio-code", "neovim"]
WAIT_SECONDS = 60  # a deadline against hanging, not a performance assertion

BN002_SNIPPET = "import tensorflow as tf\nx = tf.contrib.layers.batch_norm(y)\n"
# BN002 with a preferred fix: a parameter named is_training is in scope
BN002_PREFERRED = (
    "import tensorflow as tf\n"
    "\n"
    "\n"
    "def model(y, is_training):\n"
    "    return tf.contrib.layers.batch_norm(y)\n"
)
# BN001 (related information points at the batch norm) and nothing else
BN001_SNIPPET = (
    "import tensorflow as tf\n"
    "\n"
    "x = tf.placeholder(tf.float32, [None, 4])\n"
    "h = tf.layers.batch_normalization(x, training=True)\n"
    "loss = tf.reduce_mean(h)\n"
    "train_op = tf.train.AdamOptimizer().minimize(loss)\n"
)
CLEAN = "import tensorflow as tf\nx = tf.contrib.layers.batch_norm(y, is_training=False)\n"


def capabilities_for(profile: str) -> types.ClientCapabilities:
    capabilities = copy.deepcopy(client_capabilities(profile))
    # neither bundled profile declares LSP 3.17 notebook sync; declare it, as current VS Code
    # does, so the server advertises notebook support
    capabilities.notebook_document = types.NotebookDocumentClientCapabilities(
        synchronization=types.NotebookDocumentSyncClientCapabilities(dynamic_registration=False)
    )
    return capabilities


def _record_publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
    client.published.append(params)
    client.diagnostics[params.uri] = params.diagnostics
    client.arrived.set()


def _record_registration(client: LanguageClient, params: types.RegistrationParams):
    client.registrations.extend(params.registrations)
    client.arrived.set()


def _record_show_message(client: LanguageClient, params: types.ShowMessageParams):
    client.messages.append(params)
    client.arrived.set()


def _record_log_message(client: LanguageClient, params: types.LogMessageParams):
    client.log_messages.append(params)
    client.arrived.set()


def _count_refresh(client: LanguageClient, params: None):
    client.diagnostic_refresh_count += 1
    client.arrived.set()


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record_publish
    features[types.CLIENT_REGISTER_CAPABILITY] = _record_registration
    features[types.WINDOW_SHOW_MESSAGE] = _record_show_message
    features[types.WINDOW_LOG_MESSAGE] = _record_log_message
    features[types.WORKSPACE_DIAGNOSTIC_REFRESH] = _count_refresh
    register_lsp_features(client, features)
    client.published = []
    client.registrations = []
    client.arrived = asyncio.Event()
    return client


async def stop_server(client: LanguageClient) -> None:
    """End the server: shutdown + exit when it was initialized and is healthy, else close its
    stdin (a server must exit on that too); pytest-lsp then waits for the process."""
    server = client._server
    if server is None or server.returncode is not None:
        return
    if client.capabilities is not None and client.error is None:
        await client.shutdown_session()
    elif server.stdin is not None:
        server.stdin.close()


# ---- positions, independent of the server ---------------------------------------------------


def units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def position_at(text: str, offset: int, encoding: str) -> types.Position:
    """The position of an offset (never one between the \\r and \\n of a CRLF)."""
    before = text[:offset]
    breaks = list(_LINE_BREAK.finditer(before))
    column_text = before[breaks[-1].end() :] if breaks else before
    return types.Position(line=len(breaks), character=units(column_text, encoding))


def offset_at(text: str, position: types.Position, encoding: str) -> int:
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    if position.line >= len(starts):
        return len(text)
    start = starts[position.line]
    end = starts[position.line + 1] if position.line + 1 < len(starts) else len(text)
    line = text[start:end].rstrip("\r\n")
    for index in range(len(line) + 1):
        if units(line[:index], encoding) >= position.character:
            return start + index
    return start + len(line)


def range_of(text: str, needle: str, encoding: str, occurrence: int = 0) -> types.Range:
    offset = -1
    for _ in range(occurrence + 1):
        offset = text.index(needle, offset + 1)
    return types.Range(position_at(text, offset, encoding), position_at(text, offset + len(needle), encoding))


def apply_text_edits(text: str, edits: Sequence[types.TextEdit], encoding: str) -> str:
    spans = sorted(
        ((offset_at(text, e.range.start, encoding), offset_at(text, e.range.end, encoding), e.new_text) for e in edits),
        key=lambda s: s[:2],
    )
    out, cursor = [], 0
    for start, end, new in spans:
        assert start >= cursor, "overlapping edits in one WorkspaceEdit"
        out.append(text[cursor:start] + new)
        cursor = end
    return "".join(out) + text[cursor:]


def edits_by_uri(edit: types.WorkspaceEdit) -> dict[str, tuple[Optional[int], list[types.TextEdit]]]:
    """uri -> (version the edit is for, its edits), from either form of WorkspaceEdit."""
    found: dict[str, tuple[Optional[int], list[types.TextEdit]]] = {}
    for change in edit.document_changes or []:
        assert isinstance(change, types.TextDocumentEdit), "bnlint only edits text"
        found[change.text_document.uri] = (change.text_document.version, list(change.edits))
    for uri, edits in (edit.changes or {}).items():
        found[uri] = (None, list(edits))
    return found


class Session:
    """One client connected to one server process, plus the texts the client has open."""

    def __init__(self, client: LanguageClient, profile: str, root: Path):
        self.client = client
        self.profile = profile
        self.root = root
        self.capabilities = capabilities_for(profile)
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}
        self.encoding = "utf-16"
        self.initialize_result: Optional[types.InitializeResult] = None

    @property
    def pulls(self) -> bool:
        return self.capabilities.text_document.diagnostic is not None

    async def start(
        self,
        settings: Optional[dict] = None,
        configuration: Optional[dict] = None,
        folders: Optional[Sequence[Path]] = None,
        capabilities: Optional[Callable[[types.ClientCapabilities], None]] = None,
        process_id: Optional[int] = None,
    ) -> types.InitializeResult:
        if capabilities is not None:
            capabilities(self.capabilities)
        if configuration is not None:
            self.client.set_configuration(configuration, section="bnlint")
        folders = list(folders or [self.root])
        self.initialize_result = await self.client.initialize_session(
            types.InitializeParams(
                capabilities=self.capabilities,
                initialization_options={"bnlint": settings} if settings is not None else None,
                workspace_folders=[types.WorkspaceFolder(uri=f.as_uri(), name=f.name) for f in folders],
                root_uri=folders[0].as_uri(),
                process_id=process_id,
            )
        )
        self.encoding = self.initialize_result.capabilities.position_encoding or "utf-16"
        return self.initialize_result

    # ---- waiting ------------------------------------------------------------------------------

    async def wait_until(self, predicate: Callable[[], Any], what: str) -> Any:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT_SECONDS
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"gave up waiting for {what}; published: {[(p.uri[-12:], p.version, len(p.diagnostics)) for p in self.client.published]}")
            self.client.arrived.clear()
            try:
                await asyncio.wait_for(self.client.arrived.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    def published(
        self, uri: str, version: Optional[int] = None, since: int = 0
    ) -> list[types.PublishDiagnosticsParams]:
        return [p for p in self.client.published[since:] if p.uri == uri and (version is None or p.version == version)]

    def mark(self) -> int:
        """How many publishes so far: pass as `since` to wait for a newer one."""
        return len(self.client.published)

    async def diagnostics(self, uri: str, version: Optional[int] = None, since: int = 0) -> list[types.Diagnostic]:
        """The diagnostics of a document at `version` (default: the version the client has);
        pushed ones must have arrived after publish number `since`."""
        version = self.versions[uri] if version is None else version
        if self.pulls:
            report = await self.client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
            assert report.kind == "full"
            return list(report.items)
        published = await self.wait_until(
            lambda: self.published(uri, version, since), f"diagnostics of {uri} v{version}"
        )
        return list(published[-1].diagnostics)

    def change_configuration(self, section_value: Any, scope_uri: Optional[str] = None) -> None:
        """Change the client's "bnlint" settings and tell the server, as VS Code does."""
        self.client.set_configuration(section_value, section="bnlint", scope_uri=scope_uri)
        # a client without workspace/configuration sends the settings along
        self.client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"bnlint": section_value})
        )

    # ---- documents ----------------------------------------------------------------------------

    def file(self, relative: str, text: str) -> str:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path.as_uri()

    def open(self, uri: str, text: str, version: int = 1, language_id: str = "python") -> None:
        self.texts[uri] = text
        self.versions[uri] = version
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id=language_id, version=version, text=text)
            )
        )

    def edit(self, uri: str, edits: Sequence[types.TextEdit]) -> int:
        """Send edits (ranges in the current text) as incremental changes; returns the new version."""
        text = self.texts[uri]
        changes = []
        # later edits first, so each range still refers to the text the server has at that point
        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            changes.append(types.TextDocumentContentChangePartial(range=e.range, text=e.new_text))
            text = apply_text_edits(text, [e], self.encoding)
        return self._send_changes(uri, text, changes)

    def replace(self, uri: str, new_text: str) -> int:
        """Change the document to `new_text` with one incremental change around what differs."""
        old = self.texts[uri]
        start = 0
        while start < min(len(old), len(new_text)) and old[start] == new_text[start]:
            start += 1
        end_old, end_new = len(old), len(new_text)
        while end_old > start and end_new > start and old[end_old - 1] == new_text[end_new - 1]:
            end_old -= 1
            end_new -= 1
        # a position between the \r and \n of a CRLF does not exist: widen to the whole break
        if 0 < start < len(old) and old[start - 1] == "\r" and old[start] == "\n":
            start -= 1
        if 0 < end_old < len(old) and old[end_old - 1] == "\r" and old[end_old] == "\n":
            end_old += 1
            end_new += 1
        rng = types.Range(position_at(old, start, self.encoding), position_at(old, end_old, self.encoding))
        change = types.TextDocumentContentChangePartial(range=rng, text=new_text[start:end_new])
        return self._send_changes(uri, new_text, [change])

    def _send_changes(self, uri: str, new_text: str, changes: list) -> int:
        version = self.versions[uri] + 1
        self.texts[uri] = new_text
        self.versions[uri] = version
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=changes,
            )
        )
        return version

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    def close_document(self, uri: str) -> None:
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        self.texts.pop(uri, None)
        self.versions.pop(uri, None)

    # ---- code actions -------------------------------------------------------------------------

    async def code_actions(
        self,
        uri: str,
        diagnostics: Sequence[types.Diagnostic],
        only: Optional[list[str]] = None,
        rng: Optional[types.Range] = None,
    ) -> list[types.CodeAction]:
        if rng is None:
            rng = diagnostics[0].range if diagnostics else types.Range(types.Position(0, 0), types.Position(0, 0))
        actions = await self.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=rng,
                context=types.CodeActionContext(diagnostics=list(diagnostics), only=only),
            )
        )
        return [a for a in actions or [] if isinstance(a, types.CodeAction)]

    async def resolved(self, action: types.CodeAction) -> types.CodeAction:
        if action.edit is None:
            action = await self.client.code_action_resolve_async(action)
        assert action.edit is not None, f"code action {action.title!r} has no edit after resolve"
        return action

    async def apply(self, action: types.CodeAction) -> dict[str, int]:
        """Apply a code action's edit like an editor does: checks the versions, sends didChange."""
        action = await self.resolved(action)
        new_versions = {}
        for uri, (version, edits) in edits_by_uri(action.edit).items():
            if version is not None:
                assert version == self.versions[uri], "edit is for another version of the document"
            new_text = apply_text_edits(self.texts[uri], edits, self.encoding)
            new_versions[uri] = self.replace(uri, new_text)
        return new_versions
