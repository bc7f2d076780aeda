"""Pull diagnostics (textDocument/diagnostic, workspace/diagnostic) with result ids."""

from __future__ import annotations

from lsprotocol import types

from lsp_session import BN002_SNIPPET, CLEAN


def declare_pull(capabilities: types.ClientCapabilities) -> None:
    capabilities.text_document.diagnostic = types.DiagnosticClientCapabilities(related_document_support=False)


async def pull(session, uri: str, previous: str | None = None):
    return await session.client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous
        )
    )


async def test_unchanged_document_answers_unchanged(session):
    result = await session.start(capabilities=declare_pull)
    assert result.capabilities.diagnostic_provider.workspace_diagnostics is True
    uri = session.file("model.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)

    first = await pull(session, uri)
    assert first.kind == "full" and [d.code for d in first.items] == ["BN002"]
    assert first.result_id

    again = await pull(session, uri, first.result_id)
    assert again.kind == "unchanged" and again.result_id == first.result_id

    session.replace(uri, CLEAN)
    changed = await pull(session, uri, first.result_id)
    assert changed.kind == "full" and list(changed.items) == []
    assert changed.result_id != first.result_id
    assert session.client.published == []  # pulled, so never pushed


async def test_workspace_diagnostic_covers_open_documents(session):
    await session.start(capabilities=declare_pull)
    first = session.file("a.py", BN002_SNIPPET)
    second = session.file("b.py", CLEAN)
    session.open(first, BN002_SNIPPET)
    session.open(second, CLEAN)
    report = await session.client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[]))
    by_uri = {item.uri: item for item in report.items}
    assert set(by_uri) == {first, second}
    assert [d.code for d in by_uri[first].items] == ["BN002"] and by_uri[first].version == 1
    assert list(by_uri[second].items) == []

    previous = [types.PreviousResultId(uri=uri, value=item.result_id) for uri, item in by_uri.items()]
    session.replace(second, BN002_SNIPPET)
    report = await session.client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=previous))
    kinds = {item.uri: item.kind for item in report.items}
    assert kinds == {first: "unchanged", second: "full"}
    assert session.client.published == []


async def test_workspace_diagnostic_clears_a_closed_document_once(session):
    await session.start(capabilities=declare_pull)
    uri = session.file("a.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)
    assert [d.code for d in (await pull(session, uri)).items] == ["BN002"]
    session.close_document(uri)
    report = await session.client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[]))
    assert [(item.uri, list(item.items)) for item in report.items] == [(uri, [])]
    report = await session.client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[]))
    assert list(report.items) == []
