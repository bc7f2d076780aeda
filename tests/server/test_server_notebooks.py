"""LSP 3.17 notebook sync: code cells analysed as one module, results mapped back to cells."""

from __future__ import annotations

from lsprotocol import types

from lsp_session import apply_text_edits, edits_by_uri, range_of

CELL_IMPORT = "import tensorflow as tf\nh = tf.layers.batch_normalization(x, training=True)\n"
CELL_MARKDOWN = "# Training\nNot Python: `tf.contrib.layers.batch_norm(y)`\n"
CELL_TRAIN = "%matplotlib inline\ntrain_op = tf.train.AdamOptimizer().minimize(loss)\ny = tf.contrib.layers.batch_norm(h)\n"


class Notebook:
    """The client side of one open notebook."""

    def __init__(self, session, name: str, cells: list[tuple[types.NotebookCellKind, str, str]]):
        self.session = session
        path = session.root / name
        path.write_text("{}")
        self.uri = path.as_uri()
        self.version = 1
        self.cells = []  # (kind, uri, language)
        for i, (kind, language, text) in enumerate(cells):
            cell_uri = f"vscode-notebook-cell:{path}#C{i}"
            self.cells.append((kind, cell_uri, language))
            session.texts[cell_uri] = text
            session.versions[cell_uri] = 1

    def cell_uri(self, index: int) -> str:
        return self.cells[index][1]

    def open(self) -> None:
        self.session.client.notebook_document_did_open(
            types.DidOpenNotebookDocumentParams(
                notebook_document=types.NotebookDocument(
                    uri=self.uri,
                    notebook_type="jupyter-notebook",
                    version=self.version,
                    cells=[types.NotebookCell(kind=kind, document=uri) for kind, uri, _ in self.cells],
                ),
                cell_text_documents=[
                    types.TextDocumentItem(uri=uri, language_id=language, version=1, text=self.session.texts[uri])
                    for _, uri, language in self.cells
                ],
            )
        )

    def _send(self, cells: types.NotebookDocumentCellChanges) -> None:
        self.version += 1
        self.session.client.notebook_document_did_change(
            types.DidChangeNotebookDocumentParams(
                notebook_document=types.VersionedNotebookDocumentIdentifier(uri=self.uri, version=self.version),
                change=types.NotebookDocumentChangeEvent(cells=cells),
            )
        )

    def set_cell_text(self, uri: str, text: str) -> int:
        old = self.session.texts[uri]
        end = types.Position(old.count("\n"), len(old.rsplit("\n", 1)[-1]))
        version = self.session.versions[uri] + 1
        self.session.texts[uri] = text
        self.session.versions[uri] = version
        self._send(
            types.NotebookDocumentCellChanges(
                text_content=[
                    types.NotebookDocumentCellContentChanges(
                        document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                        changes=[
                            types.TextDocumentContentChangePartial(
                                range=types.Range(types.Position(0, 0), end), text=text
                            )
                        ],
                    )
                ]
            )
        )
        return version

    def insert_cell(self, index: int, text: str) -> str:
        uri = f"vscode-notebook-cell:{self.uri[len('file://'):]}#N{index}"
        self.cells.insert(index, (types.NotebookCellKind.Code, uri, "python"))
        self.session.texts[uri] = text
        self.session.versions[uri] = 1
        cell = types.NotebookCell(kind=types.NotebookCellKind.Code, document=uri)
        self._send(
            types.NotebookDocumentCellChanges(
                structure=types.NotebookDocumentCellChangeStructure(
                    array=types.NotebookCellArrayChange(start=index, delete_count=0, cells=[cell]),
                    did_open=[types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)],
                )
            )
        )
        return uri

    def remove_cell(self, index: int) -> None:
        _, uri, _ = self.cells.pop(index)
        self._send(
            types.NotebookDocumentCellChanges(
                structure=types.NotebookDocumentCellChangeStructure(
                    array=types.NotebookCellArrayChange(start=index, delete_count=1),
                    did_close=[types.TextDocumentIdentifier(uri=uri)],
                )
            )
        )


def jupyter(session) -> Notebook:
    return Notebook(
        session,
        "train.ipynb",
        [
            (types.NotebookCellKind.Code, "python", CELL_IMPORT),
            (types.NotebookCellKind.Markup, "markdown", CELL_MARKDOWN),
            (types.NotebookCellKind.Code, "python", CELL_TRAIN),
        ],
    )


async def test_cells_are_one_module_and_findings_land_in_their_cell(session):
    result = await session.start()
    assert result.capabilities.notebook_document_sync is not None
    notebook = jupyter(session)
    notebook.open()
    train_cell = notebook.cell_uri(2)
    diagnostics = await session.diagnostics(train_cell)
    by_code = {d.code: d for d in diagnostics}
    assert sorted(by_code) == ["BN001", "BN002"]
    # BN001: minimize in the third cell, its batch norm in the first (related information)
    assert by_code["BN001"].range == range_of(CELL_TRAIN, "minimize", session.encoding)
    assert by_code["BN001"].related_information[0].location.uri == notebook.cell_uri(0)
    assert by_code["BN002"].range == range_of(CELL_TRAIN, "tf.contrib.layers.batch_norm", session.encoding)
    assert await session.diagnostics(notebook.cell_uri(0)) == []
    # markdown is not analysed
    markdown_cell = notebook.cell_uri(1)
    if session.pulls:
        assert await session.diagnostics(markdown_cell) == []
    else:
        assert session.published(markdown_cell) == []


async def test_fix_in_a_cell_edits_that_cell(session):
    await session.start()
    notebook = jupyter(session)
    notebook.open()
    train_cell = notebook.cell_uri(2)
    diagnostics = await session.diagnostics(train_cell)
    bn002 = [d for d in diagnostics if d.code == "BN002"]
    actions = await session.code_actions(train_cell, bn002, only=[types.CodeActionKind.QuickFix])
    noqa = await session.resolved(actions[-1])
    assert noqa.title == "Ignore BN002 on this line"
    ((uri, (version, edits)),) = edits_by_uri(noqa.edit).items()
    assert uri == train_cell
    assert version in (None, session.versions[train_cell])
    new_version = notebook.set_cell_text(uri, apply_text_edits(session.texts[uri], edits, session.encoding))
    assert session.texts[uri].splitlines()[2].endswith("# noqa: BN002")
    remaining = await session.diagnostics(train_cell, new_version)
    assert [d.code for d in remaining] == ["BN001"]


async def test_cells_added_and_removed(session):
    await session.start()
    notebook = jupyter(session)
    notebook.open()
    await session.diagnostics(notebook.cell_uri(2))
    mark = session.mark()
    added = notebook.insert_cell(3, "z = tf.contrib.layers.batch_norm(w)\n")
    assert [d.code for d in await session.diagnostics(added, 1, since=mark)] == ["BN002"]

    removed = notebook.cell_uri(2)
    mark = session.mark()
    notebook.remove_cell(2)
    # the removed cell held the minimize call: BN001 is gone, the new cell's BN002 stays
    assert [d.code for d in await session.diagnostics(added, 1, since=mark)] == ["BN002"]
    if not session.pulls:
        await session.wait_until(
            lambda: [p for p in session.published(removed, since=mark) if not p.diagnostics],
            "the removed cell's diagnostics cleared",
        )


async def test_closing_the_notebook_clears_its_cells(session):
    await session.start()
    notebook = jupyter(session)
    notebook.open()
    train_cell = notebook.cell_uri(2)
    assert await session.diagnostics(train_cell)
    session.client.notebook_document_did_close(
        types.DidCloseNotebookDocumentParams(
            notebook_document=types.NotebookDocumentIdentifier(uri=notebook.uri),
            cell_text_documents=[types.TextDocumentIdentifier(uri=uri) for _, uri, _ in notebook.cells],
        )
    )
    if session.pulls:
        report = await session.client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=train_cell))
        )
        assert list(report.items) == []
    else:
        await session.wait_until(
            lambda: [p for p in session.published(train_cell) if p.version is None and not p.diagnostics],
            "the cell's diagnostics cleared",
        )


async def test_a_cell_that_does_not_parse_is_logged_with_its_own_line(session):
    # the log line names the cell and the line in it (2), not the line in the joined cells (4)
    await session.start()
    notebook = Notebook(
        session,
        "broken.ipynb",
        [
            (types.NotebookCellKind.Code, "python", CELL_IMPORT),
            (types.NotebookCellKind.Code, "python", "x = 1\nprint x\ny = tf.contrib.layers.batch_norm(x)\n"),
        ],
    )
    notebook.open()
    (bn002,) = await session.diagnostics(notebook.cell_uri(1))
    assert bn002.code == "BN002" and bn002.range.start.line == 2
    await session.wait_until(
        lambda: [m for m in session.client.log_messages if "cannot parse" in m.message], "the notice in the log"
    )
    (line,) = [m.message for m in session.client.log_messages if "cannot parse" in m.message]
    assert line.startswith(f"{notebook.cell_uri(1)}: cannot parse line 2: "), line
