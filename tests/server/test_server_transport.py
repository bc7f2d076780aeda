"""`bnlint serve` as the CLI starts it: over TCP, and its argument errors."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from lsp_session import BN002_SNIPPET, WAIT_SECONDS


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def connect(port: int, server: subprocess.Popen) -> LanguageClient:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_SECONDS
    while True:
        client = LanguageClient("tcp-test", "1")
        try:
            await client.start_tcp("127.0.0.1", port)
            return client
        except OSError:
            assert server.poll() is None, "the server exited instead of listening"
            assert loop.time() < deadline, "the server never listened"
            await asyncio.sleep(0.1)


async def test_serve_over_tcp(tmp_path):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "bnlint", "serve", "--tcp", f"127.0.0.1:{port}"])
    try:
        client = await connect(port, server)
        published = asyncio.get_running_loop().create_future()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_publish(ls, params: types.PublishDiagnosticsParams):
            if not published.done():
                published.set_result(params)

        await client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities(), process_id=os.getpid())
        )
        client.initialized(types.InitializedParams())
        uri = (tmp_path / "model.py").as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "python", 1, BN002_SNIPPET))
        )
        params = await asyncio.wait_for(published, WAIT_SECONDS)
        assert params.version == 1 and [d.code for d in params.diagnostics] == ["BN002"]
        await client.shutdown_async(None)
        client.exit(None)
    finally:
        server.terminate()
        server.wait(timeout=WAIT_SECONDS)


def test_bad_tcp_address_is_a_clear_error():
    run = subprocess.run(
        [sys.executable, "-m", "bnlint.server", "--tcp", "localhost"], capture_output=True, text=True, timeout=WAIT_SECONDS
    )
    assert run.returncode == 2
    assert "HOST:PORT" in run.stderr and "Traceback" not in run.stderr
