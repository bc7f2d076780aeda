"""Code actions (quick fixes, fix-all, the noqa suppression, resolve) and hover."""

from __future__ import annotations

from lsprotocol import types

from lsp_session import BN002_PREFERRED, BN002_SNIPPET, edits_by_uri

FIX_ALL = "source.fixAll.bnlint"


async def test_preferred_quick_fix_removes_its_diagnostic(session):
    await session.start()
    uri = session.file("model.py", BN002_PREFERRED)
    session.open(uri, BN002_PREFERRED)
    diagnostics = await session.diagnostics(uri)
    assert [d.code for d in diagnostics] == ["BN002"]

    actions = await session.code_actions(uri, diagnostics)
    quick_fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert quick_fixes[0].title == "Pass is_training=is_training"
    assert quick_fixes[0].is_preferred is True
    assert list(quick_fixes[0].diagnostics) == diagnostics
    # the suppression comes last, and is never preferred
    assert quick_fixes[-1].title == "Ignore BN002 on this line"
    assert not quick_fixes[-1].is_preferred
    # a client that resolves lazily gets the edit only on codeAction/resolve
    resolves = "edit" in (session.capabilities.text_document.code_action.resolve_support.properties or [])
    assert (quick_fixes[0].edit is None) == resolves

    version = (await session.apply(quick_fixes[0]))[uri]
    assert "batch_norm(y, is_training=is_training)" in session.texts[uri]
    assert await session.diagnostics(uri, version) == []


async def test_fix_all_right_after_typing_sees_the_new_text(session):
    # codeActionsOnSave asks for fix-all before the debounced analysis of the last keystrokes ran
    await session.start(settings={"debounceMs": 10000})
    uri = session.file("model.py", BN002_PREFERRED)
    session.open(uri, BN002_PREFERRED)
    assert [d.code for d in await session.diagnostics(uri)] == ["BN002"]
    typed = BN002_PREFERRED + "    c = tf.contrib.layers.batch_norm(y)\n"
    session.replace(uri, typed)
    actions = await session.code_actions(uri, [], only=["source.fixAll"])
    assert [a.kind for a in actions] == [FIX_ALL]
    action = await session.resolved(actions[0])
    assert len(edits_by_uri(action.edit)[uri][1]) == 2


async def test_quick_fixes_under_the_cursor_without_context_diagnostics(session):
    # some clients ask with an empty context: the fixes of the diagnostic under the cursor still come
    await session.start()
    uri = session.file("model.py", BN002_PREFERRED)
    session.open(uri, BN002_PREFERRED)
    diagnostics = await session.diagnostics(uri)
    cursor = types.Range(diagnostics[0].range.start, diagnostics[0].range.start)
    actions = await session.code_actions(uri, [], only=[types.CodeActionKind.QuickFix], rng=cursor)
    assert [a.title for a in actions] == ["Pass is_training=is_training", "Ignore BN002 on this line"]
    elsewhere = types.Range(types.Position(0, 0), types.Position(0, 0))
    assert await session.code_actions(uri, [], only=[types.CodeActionKind.QuickFix], rng=elsewhere) == []


async def test_noqa_action_silences_the_line(session):
    await session.start()
    uri = session.file("model.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)
    diagnostics = await session.diagnostics(uri)
    actions = await session.code_actions(uri, diagnostics, only=[types.CodeActionKind.QuickFix])
    titles = [a.title for a in actions]
    # no name to pass: two fixes, neither preferred, then the suppression
    assert titles == ["Pass is_training=False", "Pass is_training=True", "Ignore BN002 on this line"]
    assert not any(a.is_preferred for a in actions)
    version = (await session.apply(actions[-1]))[uri]
    assert session.texts[uri].splitlines()[1].endswith("# noqa: BN002")
    assert await session.diagnostics(uri, version) == []


async def test_fix_all_applies_every_preferred_fix_and_never_noqa(session):
    text = (
        "import tensorflow as tf\n"
        "\n"
        "\n"
        "def model(y, is_training):\n"
        "    a = tf.contrib.layers.batch_norm(y)\n"
        "    b = tf.contrib.layers.batch_norm(a)\n"
        "    return b\n"
        "\n"
        "\n"
        "z = tf.contrib.layers.batch_norm(w)\n"  # no preferred fix here: left alone
    )
    await session.start()
    uri = session.file("model.py", text)
    session.open(uri, text)
    diagnostics = await session.diagnostics(uri)
    assert [d.code for d in diagnostics] == ["BN002", "BN002", "BN002"]

    actions = await session.code_actions(uri, [], only=[FIX_ALL])
    assert [a.kind for a in actions] == [FIX_ALL]
    action = await session.resolved(actions[0])
    assert len(edits_by_uri(action.edit)[uri][1]) == 2
    version = (await session.apply(action))[uri]
    assert "noqa" not in session.texts[uri]
    assert session.texts[uri].count("is_training=is_training)") == 2
    remaining = await session.diagnostics(uri, version)
    assert [d.range.start.line for d in remaining] == [9]
    # nothing preferred is left: no fix-all offered
    assert await session.code_actions(uri, [], only=[FIX_ALL]) == []


async def test_source_kind_filter_and_quickfix_filter(session):
    await session.start()
    uri = session.file("model.py", BN002_PREFERRED)
    session.open(uri, BN002_PREFERRED)
    diagnostics = await session.diagnostics(uri)
    only_source = await session.code_actions(uri, diagnostics, only=[types.CodeActionKind.Source])
    assert [a.kind for a in only_source] == [FIX_ALL]
    only_fixes = await session.code_actions(uri, diagnostics, only=[types.CodeActionKind.QuickFix])
    assert {a.kind for a in only_fixes} == {types.CodeActionKind.QuickFix}
    everything = await session.code_actions(uri, diagnostics)
    kinds = [a.kind for a in everything]
    assert kinds.index(FIX_ALL) < len(kinds) - 1 and everything[-1].title.startswith("Ignore")


async def test_fix_for_an_older_version_is_not_offered(session):
    await session.start(settings={"run": "onSave"})
    uri = session.file("model.py", BN002_PREFERRED)
    session.open(uri, BN002_PREFERRED)
    diagnostics = await session.diagnostics(uri)
    session.replace(uri, "# a comment\n" + BN002_PREFERRED)  # onSave: no new analysis
    assert await session.code_actions(uri, diagnostics) == []


async def test_hover_on_a_diagnostic_shows_the_rule_page(session):
    await session.start()
    uri = session.file("model.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)
    diagnostic = (await session.diagnostics(uri))[0]
    inside = types.Position(diagnostic.range.start.line, diagnostic.range.start.character + 3)
    hover = await session.client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=inside)
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "BN002" in hover.contents.value and "is_training" in hover.contents.value
    assert hover.range == diagnostic.range
    outside = types.Position(0, 0)
    assert (
        await session.client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=outside)
        )
        is None
    )


def plain_client(capabilities: types.ClientCapabilities) -> None:
    """A client without codeAction/resolve and without versioned document changes."""
    capabilities.text_document.code_action.resolve_support = None
    capabilities.workspace.workspace_edit.document_changes = False


async def test_client_without_resolve_gets_edits_inline(session):
    await session.start(capabilities=plain_client)
    uri = session.file("model.py", BN002_PREFERRED)
    session.open(uri, BN002_PREFERRED)
    diagnostics = await session.diagnostics(uri)
    actions = await session.code_actions(uri, diagnostics)
    assert all(a.edit is not None and a.edit.changes and not a.edit.document_changes for a in actions)
    version = (await session.apply(actions[0]))[uri]
    assert await session.diagnostics(uri, version) == []


async def test_client_that_drops_diagnostic_data_still_gets_fixes(session):
    await session.start()
    uri = session.file("model.py", BN002_PREFERRED)
    session.open(uri, BN002_PREFERRED)
    (diagnostic,) = await session.diagnostics(uri)
    diagnostic.data = None  # as a client without dataSupport sends it back
    actions = await session.code_actions(uri, [diagnostic], only=[types.CodeActionKind.QuickFix])
    assert [a.title for a in actions] == ["Pass is_training=is_training", "Ignore BN002 on this line"]
