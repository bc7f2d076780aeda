"""Bad input never kills the server: odd positions, unknown URIs and methods, binary junk,
huge files, and a client that goes away."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

from lsprotocol import types

from lsp_session import BN002_SNIPPET, CLEAN, WAIT_SECONDS

SERVER = [sys.executable, "-m", "bnlint.server"]


async def still_serves(session) -> None:
    """The server still analyses: a fresh document gets its finding."""
    uri = session.file(f"alive-{len(session.texts)}.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)
    assert [d.code for d in await session.diagnostics(uri)] == ["BN002"]


async def test_positions_outside_the_document(session):
    await session.start(settings={"debounceMs": 0})
    uri = session.file("model.py", CLEAN)
    session.open(uri, CLEAN)
    await session.diagnostics(uri)
    far = types.Position(line=10_000, character=500)
    # a change far past the end lands at the end
    session.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(range=types.Range(far, far), text="z = tf.contrib.layers.batch_norm(w)\n")
            ],
        )
    )
    session.texts[uri] += "z = tf.contrib.layers.batch_norm(w)\n"
    session.versions[uri] = 2
    assert [(d.code, d.range.start.line) for d in await session.diagnostics(uri, 2)] == [("BN002", 2)]

    document = types.TextDocumentIdentifier(uri=uri)
    assert await session.client.text_document_hover_async(types.HoverParams(document, far)) is None
    actions = await session.client.text_document_code_action_async(
        types.CodeActionParams(document, types.Range(far, far), types.CodeActionContext(diagnostics=[]))
    )
    assert all(a.kind == "source.fixAll.bnlint" for a in actions or [])

    await still_serves(session)


async def test_unknown_uris(session):
    await session.start()
    ghost = (session.root / "never-opened.py").as_uri()
    session.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=ghost, version=7),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=BN002_SNIPPET)],
        )
    )
    session.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(ghost)))
    document = types.TextDocumentIdentifier(uri=ghost)
    origin = types.Position(0, 0)
    assert await session.client.text_document_hover_async(types.HoverParams(document, origin)) is None
    assert (
        await session.client.text_document_code_action_async(
            types.CodeActionParams(document, types.Range(origin, origin), types.CodeActionContext(diagnostics=[]))
        )
        is None
    )
    report = await session.client.text_document_diagnostic_async(types.DocumentDiagnosticParams(document))
    assert list(report.items) == []
    await session.wait_until(
        lambda: [m for m in session.client.log_messages if "not open" in m.message], "a log line about the change"
    )
    await still_serves(session)


async def test_binary_junk(session):
    await session.start()
    junk = bytes(random.Random(3).randrange(256) for _ in range(4000)).decode("latin-1") + "\x00"
    uri = session.file("junk.py", "")
    session.open(uri, junk)
    await session.diagnostics(uri)  # answered (whatever it finds), no crash
    session.replace(uri, junk[::-1])
    await session.diagnostics(uri)

    # junk on the wire itself: a header-less line, then a body that is not JSON
    stdin = session.client._server.stdin
    stdin.write(b"\x00\xff\xfe garbage line\r\n")
    stdin.write(b"Content-Length: 7\r\n\r\n\xff\x00{]]}\x01")
    await still_serves(session)


async def test_very_large_file_is_skipped_with_one_log_line(session):
    await session.start(settings={"debounceMs": 0})
    huge = BN002_SNIPPET + "x = 1\n" * 400_000  # 2.4 million characters
    uri = session.file("huge.py", "")
    session.open(uri, huge)
    assert await session.diagnostics(uri) == []
    version = session.replace(uri, huge + "y = 2\n")
    assert await session.diagnostics(uri, version) == []
    lines = [m for m in session.client.log_messages if "not analysed" in m.message]
    assert len(lines) == 1 and "huge.py" in lines[0].message
    version = session.replace(uri, BN002_SNIPPET)  # small again: analysed again
    assert [d.code for d in await session.diagnostics(uri, version)] == ["BN002"]


async def test_requests_are_answered_while_an_analysis_runs(session):
    await session.start(settings={"debounceMs": 0})
    body = "".join(
        f"def block_{i}(x, is_training):\n    return tf.layers.dense(x, {i} + 1, name='d{i}')\n\n\n"
        for i in range(4000)
    )
    text = BN002_SNIPPET + body
    uri = session.file("big.py", text)
    session.open(uri, text)
    (diagnostic,) = await session.diagnostics(uri)
    # a long analysis starts now: every block changes, none can come from the block cache
    version = session.replace(uri, text.replace(" + 1, name=", " + 2, name=") + "# changed\n")
    hover = await session.client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri=uri), diagnostic.range.start)
    )
    assert hover is not None and "BN002" in hover.contents.value
    actions = await session.client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri=uri), diagnostic.range, types.CodeActionContext(diagnostics=[diagnostic])
        )
    )
    assert actions is None  # the only fixes are for the previous version: none offered
    if not session.pulls:
        assert session.published(uri, version) == [], "answered only after the analysis"
    assert [d.code for d in await session.diagnostics(uri, version)] == ["BN002"]


# ---- the raw protocol, no client library: malformed messages, a client that disappears ------


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class RawServer:
    """The server over pipes, spoken to in bare JSON-RPC."""

    def __init__(self, process_id):
        self.process = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": process_id, "capabilities": {}}})
        assert "capabilities" in self.answer(1)["result"]
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def send(self, message: dict) -> None:
        self.write(frame(message))

    def write(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def read(self) -> dict:
        length = None
        while True:
            line = self.process.stdout.readline()
            assert line, "the server closed its stdout"
            if line.startswith(b"Content-Length:"):
                length = int(line.split(b":")[1])
            elif line == b"\r\n" and length is not None:
                return json.loads(self.process.stdout.read(length))

    def answer(self, request_id) -> dict:
        """Read until the response to `request_id` (notifications on the way are skipped)."""
        while True:
            message = self.read()
            if message.get("id") == request_id and "method" not in message:
                return message

    def request(self, request_id, method: str, params) -> dict:
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        return self.answer(request_id)

    def diagnostics(self, uri: str) -> list:
        while True:
            message = self.read()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.stdin.close()
        self.process.stdout.close()
        self.process.wait()


@pytest.fixture
def raw():
    server = RawServer(os.getpid())
    yield server
    server.stop()


def open_document(raw: RawServer, uri: str, text: str) -> None:
    item = {"uri": uri, "languageId": "python", "version": 1, "text": text}
    raw.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": item}})


def test_malformed_params_get_an_error_answer(raw):
    open_document(raw, "file:///tmp/raw.py", BN002_SNIPPET)
    assert [d["code"] for d in raw.diagnostics("file:///tmp/raw.py")] == ["BN002"]
    negative = {"textDocument": {"uri": "file:///tmp/raw.py"}, "position": {"line": -1, "character": 0}}
    answer = raw.request(2, "textDocument/hover", negative)
    assert answer["error"]["code"] == -32602  # InvalidParams, instead of no answer at all
    answer = raw.request(3, "textDocument/codeAction", {"textDocument": {"uri": "file:///tmp/raw.py"}})
    assert answer["error"]["code"] == -32602
    inside = {"textDocument": {"uri": "file:///tmp/raw.py"}, "position": {"line": 1, "character": 6}}
    assert "BN002" in raw.request(4, "textDocument/hover", inside)["result"]["contents"]["value"]


def test_unknown_methods_and_junk_on_the_wire(raw):
    assert raw.request(2, "bnlint/noSuchRequest", {"x": 1})["error"]["code"] == -32601  # MethodNotFound
    raw.send({"jsonrpc": "2.0", "method": "bnlint/noSuchNotification", "params": {"x": 1}})
    raw.write(b"\x00\xff\xfe garbage line\r\n")
    raw.write(b"Content-Length: 7\r\n\r\n\xff\x00{]]}\x01")
    raw.write(frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"bogus": True}}))
    # a lone surrogate in the text (valid JSON, not valid Unicode)
    open_document(raw, "file:///tmp/odd.py", '"\ud800"\n' + BN002_SNIPPET)
    assert [d["code"] for d in raw.diagnostics("file:///tmp/odd.py")] == ["BN002"]


def test_server_exits_when_stdin_closes():
    server = RawServer(os.getpid())
    server.process.stdin.close()
    assert server.process.wait(timeout=WAIT_SECONDS) == 1  # gone without a shutdown request
    server.process.stdout.close()


def test_shutdown_then_exit_ends_with_status_0(raw):
    assert raw.request(2, "shutdown", None)["result"] is None
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.process.wait(timeout=WAIT_SECONDS) == 0


def test_server_exits_when_the_client_process_dies():
    stand_in = subprocess.Popen(["sleep", "600"])  # plays the editor that started the server
    server = RawServer(stand_in.pid)
    try:
        stand_in.kill()
        stand_in.wait()
        # stdin stays open: only the processId check can notice
        assert server.process.wait(timeout=WAIT_SECONDS) is not None
    finally:
        server.stop()
