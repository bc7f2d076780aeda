"""Document sync and pushed/pulled diagnostics: open, change, save, close, versions, debounce."""

from __future__ import annotations

from lsprotocol import types

from lsp_session import BN001_SNIPPET, BN002_SNIPPET, CLEAN, edits_by_uri, range_of


async def test_open_reports_finding_with_code_source_link_and_severity(session):
    await session.start()
    uri = session.file("model.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)
    diagnostics = await session.diagnostics(uri)
    assert [d.code for d in diagnostics] == ["BN002"]
    diagnostic = diagnostics[0]
    assert diagnostic.range == range_of(BN002_SNIPPET, "tf.contrib.layers.batch_norm", session.encoding)
    assert diagnostic.source == "bnlint"
    assert diagnostic.severity == types.DiagnosticSeverity.Warning
    assert diagnostic.code_description.href.endswith("/docs/rules/BN002.md")
    if not session.pulls:
        assert session.published(uri)[-1].version == 1


async def test_bn001_related_information_points_at_batch_norm(session):
    await session.start()
    uri = session.file("train.py", BN001_SNIPPET)
    session.open(uri, BN001_SNIPPET)
    diagnostics = await session.diagnostics(uri)
    bn001 = [d for d in diagnostics if d.code == "BN001"]
    assert len(bn001) == 1
    assert bn001[0].range == range_of(BN001_SNIPPET, "minimize", session.encoding)
    related = bn001[0].related_information
    assert related and related[0].location.uri == uri
    assert related[0].location.range.start.line == 3  # the tf.layers.batch_normalization line


async def test_change_save_close_follow_the_document(session):
    await session.start()
    uri = session.file("model.py", CLEAN)
    session.open(uri, CLEAN)
    assert await session.diagnostics(uri) == []

    version = session.replace(uri, BN002_SNIPPET)
    assert version == 2
    assert [d.code for d in await session.diagnostics(uri, version)] == ["BN002"]

    version = session.replace(uri, CLEAN)
    session.save(uri)
    assert await session.diagnostics(uri, version) == []

    session.replace(uri, BN002_SNIPPET)
    assert [d.code for d in await session.diagnostics(uri)] == ["BN002"]
    session.close_document(uri)
    if session.pulls:
        assert session.client.published == []  # a pulling client gets no pushes at all
    else:
        last = lambda: session.client.published[-1]  # noqa: E731
        await session.wait_until(lambda: last().uri == uri and not last().diagnostics, "diagnostics cleared on close")
        assert last().version is None


async def test_typing_burst_publishes_only_the_last_version(session):
    await session.start(settings={"debounceMs": 400})
    uri = session.file("model.py", CLEAN)
    session.open(uri, CLEAN)
    await session.diagnostics(uri, 1)
    text = CLEAN
    # type ", momentum=0.9" one character at a time, then delete is_training: each is a version
    typed = ", momentum=0.9"
    insert_at = text.index(")")
    for i in range(1, len(typed) + 1):
        session.replace(uri, text[:insert_at] + typed[:i] + text[insert_at:])
    final_text = session.texts[uri].replace("is_training=False, ", "")
    last = session.replace(uri, final_text)
    diagnostics = await session.diagnostics(uri, last)
    assert [d.code for d in diagnostics] == ["BN002"]
    if session.pulls:
        assert session.client.published == []
        assert diagnostics[0].data == {"version": last, "index": 0}
        actions = await session.code_actions(uri, diagnostics, only=[types.CodeActionKind.QuickFix])
        versions = [edits_by_uri((await session.resolved(a)).edit)[uri][0] for a in actions]
        assert actions and set(versions) <= {last, None}
    else:
        versions = [p.version for p in session.published(uri)]
        assert versions == [1, last], versions


async def test_incremental_changes_with_several_ranges(session):
    await session.start(settings={"debounceMs": 0})
    text = "import tensorflow as tf\n\nx = 1\n\n\ny = 2\n"
    uri = session.file("model.py", text)
    session.open(uri, text)
    await session.diagnostics(uri)
    version = session.edit(
        uri,
        [
            types.TextEdit(range_of(text, "x = 1", session.encoding), "a = tf.contrib.layers.batch_norm(b)"),
            types.TextEdit(range_of(text, "y = 2", session.encoding), "c = tf.contrib.layers.batch_norm(d)"),
        ],
    )
    diagnostics = await session.diagnostics(uri, version)
    assert [(d.code, d.range.start.line) for d in diagnostics] == [("BN002", 2), ("BN002", 5)]


async def test_non_ascii_text_positions_use_the_negotiated_encoding(session):
    await session.start()
    text = 'import tensorflow as tf\nlabel = "é😀"; x = tf.contrib.layers.batch_norm(y)\n'
    uri = session.file("unicode.py", text)
    session.open(uri, text)
    diagnostics = await session.diagnostics(uri)
    assert [d.range for d in diagnostics] == [range_of(text, "tf.contrib.layers.batch_norm", session.encoding)]


async def test_untitled_buffers_are_checked_and_other_languages_are_not(session):
    await session.start()
    untitled = "untitled:Untitled-1"
    session.open(untitled, BN002_SNIPPET)
    assert [d.code for d in await session.diagnostics(untitled)] == ["BN002"]  # default config
    notes = session.file("notes.md", BN002_SNIPPET)
    session.open(notes, BN002_SNIPPET, language_id="markdown")
    after = session.file("after.py", CLEAN)
    session.open(after, CLEAN)
    await session.diagnostics(after)  # analysed after the markdown file was opened
    if session.pulls:
        assert await session.diagnostics(notes) == []
    else:
        assert session.published(notes) == []


# a form feed (and \x85, U+2028 ...) is no line end for Python, nor for LSP
FORM_FEED_BEFORE = (
    "import tensorflow as tf\n"
    "# part 1\x0c part 2 \u2028 \x85\n"
    "\n"
    "\n"
    "def model(y, is_training):\n"
    "    return tf.contrib.layers.batch_norm(y)\n"
)


async def test_separators_that_are_not_line_ends_keep_diagnostics_and_fixes_in_place(session):
    await session.start()
    uri = session.file("model.py", FORM_FEED_BEFORE)
    session.open(uri, FORM_FEED_BEFORE)
    diagnostics = await session.diagnostics(uri)
    assert [(d.code, d.range) for d in diagnostics] == [
        ("BN002", range_of(FORM_FEED_BEFORE, "tf.contrib.layers.batch_norm", session.encoding))
    ]
    actions = await session.code_actions(uri, diagnostics)
    version = (await session.apply(actions[0]))[uri]
    assert session.texts[uri] == FORM_FEED_BEFORE.replace("batch_norm(y)", "batch_norm(y, is_training=is_training)")
    assert await session.diagnostics(uri, version) == []


DUPLICATED = "def model(y):\n    return tf.contrib.layers.batch_norm(y)\n\n\n"


async def test_a_duplicated_function_keeps_the_findings_of_both_copies(session):
    # the user duplicates a function to edit the copy: its text is the original's
    await session.start()
    text = "import tensorflow as tf\n\n\n" + DUPLICATED
    uri = session.file("model.py", text)
    session.open(uri, text)
    assert len(await session.diagnostics(uri)) == 1
    since = session.mark()
    version = session.replace(uri, text + DUPLICATED)
    diagnostics = await session.diagnostics(uri, version, since)
    assert [(d.code, d.range.start.line) for d in diagnostics] == [("BN002", 4), ("BN002", 8)]
