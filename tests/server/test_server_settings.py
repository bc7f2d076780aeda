"""Settings (initializationOptions, workspace/configuration, didChangeConfiguration), multi-root
workspaces and pyproject.toml, including its changes."""

from __future__ import annotations

import pytest
from lsprotocol import types

from lsp_session import BN002_SNIPPET, CLEAN


async def test_initialization_options_set_the_severity(session):
    await session.start(settings={"severity": {"BN002": "error"}})
    uri = session.file("model.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)
    (diagnostic,) = await session.diagnostics(uri)
    assert diagnostic.severity == types.DiagnosticSeverity.Error


async def test_configuration_change_reanalyses_open_documents(session):
    await session.start(configuration={"ignore": ["BN002"]})
    uri = session.file("model.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)
    assert await session.diagnostics(uri) == []

    mark = session.mark()
    session.change_configuration({"ignore": [], "severity": {"BN002": "information"}})
    (diagnostic,) = await session.diagnostics(uri, since=mark)
    assert diagnostic.severity == types.DiagnosticSeverity.Information

    mark = session.mark()
    session.change_configuration({"enable": False})
    assert await session.diagnostics(uri, since=mark) == []


async def test_invalid_settings_one_message_and_defaults(session):
    bad = {"run": "sometimes", "debounceMs": -5, "select": ["XX9"], "enable": "yes"}
    await session.start(configuration=bad)
    uri = session.file("model.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)
    assert [d.code for d in await session.diagnostics(uri)] == ["BN002"]  # defaults: every rule
    await session.wait_until(lambda: session.client.messages, "a window/showMessage")
    (message,) = session.client.messages
    assert message.type == types.MessageType.Warning
    for key in ("'run'", "'debounceMs'", "'select'", "'enable'", "XX9"):
        assert key in message.message

    # the same wrong settings again: no second message
    mark = session.mark()
    session.change_configuration(bad)
    await session.diagnostics(uri, since=mark)
    assert len(session.client.messages) == 1


async def test_run_on_save_analyses_on_open_and_save_only(session):
    await session.start(settings={"run": "onSave", "debounceMs": 0})
    uri = session.file("model.py", CLEAN)
    session.open(uri, CLEAN)
    assert await session.diagnostics(uri) == []
    version = session.replace(uri, BN002_SNIPPET)

    # analyses run one after another: once another document's result is in, an analysis of
    # the change (had one been scheduled) would have been published before it
    other = session.file("other.py", CLEAN)
    session.open(other, CLEAN)
    await session.diagnostics(other)
    if session.pulls:
        assert await session.diagnostics(uri) == []  # still the result of the open
    else:
        assert session.published(uri, version) == []

    session.save(uri)
    assert [d.code for d in await session.diagnostics(uri, version)] == ["BN002"]


async def test_run_on_save_reanalyses_show_the_saved_text(session):
    # a settings change (like the index finishing, or another module changing) analyses the
    # open documents again: with run=onSave, what was saved, never the unsaved edits
    await session.start(settings={"run": "onSave", "debounceMs": 0})
    uri = session.file("model.py", CLEAN)
    session.open(uri, CLEAN)
    assert await session.diagnostics(uri) == []
    opened = session.versions[uri]
    version = session.replace(uri, BN002_SNIPPET)

    mark = session.mark()
    session.change_configuration({"run": "onSave", "debounceMs": 0, "severity": {"BN002": "error"}})
    assert await session.diagnostics(uri, opened, since=mark) == []

    session.save(uri)
    (diagnostic,) = await session.diagnostics(uri, version)
    assert diagnostic.severity == types.DiagnosticSeverity.Error


async def test_multi_root_folders_have_their_own_settings_and_pyproject(session):
    first = session.root / "first"
    second = session.root / "second"
    first.mkdir()
    second.mkdir()
    (second / "pyproject.toml").write_text('[tool.bnlint]\nignore = ["BN002"]\n')
    session.client.set_configuration({"severity": {"BN002": "error"}}, section="bnlint", scope_uri=first.as_uri())
    await session.start(folders=[first, second])
    in_first = session.file("first/model.py", BN002_SNIPPET)
    in_second = session.file("second/model.py", BN002_SNIPPET)
    session.open(in_first, BN002_SNIPPET)
    session.open(in_second, BN002_SNIPPET)
    (diagnostic,) = await session.diagnostics(in_first)
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert await session.diagnostics(in_second) == []


async def test_pyproject_change_is_picked_up(session):
    pyproject = session.root / "pyproject.toml"
    pyproject.write_text('[tool.bnlint]\nignore = ["BN002"]\n')
    await session.start()
    uri = session.file("pkg/model.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)
    assert await session.diagnostics(uri) == []

    if session.capabilities.workspace.did_change_watched_files.dynamic_registration:
        registration = await session.wait_until(
            lambda: [r for r in session.client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES],
            "a file watcher registration",
        )
        watchers = registration[0].register_options["watchers"]
        assert [w["globPattern"] for w in watchers] == ["**/pyproject.toml", "**/*.py"]

    mark = session.mark()
    pyproject.write_text('[tool.bnlint]\nseverity = {BN002 = "hint"}\n')
    session.client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=pyproject.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    (diagnostic,) = await session.diagnostics(uri, since=mark)
    assert diagnostic.severity == types.DiagnosticSeverity.Hint


async def test_broken_pyproject_is_reported_once_and_defaults_used(session):
    (session.root / "pyproject.toml").write_text("[tool.bnlint\nselect = \n")
    await session.start()
    first = session.file("a.py", BN002_SNIPPET)
    second = session.file("b.py", BN002_SNIPPET)
    session.open(first, BN002_SNIPPET)
    session.open(second, BN002_SNIPPET)
    assert [d.code for d in await session.diagnostics(first)] == ["BN002"]
    assert [d.code for d in await session.diagnostics(second)] == ["BN002"]
    (message,) = session.client.messages
    assert "pyproject.toml" in message.message


def without_configuration_request(capabilities: types.ClientCapabilities) -> None:
    capabilities.workspace.configuration = False


async def test_client_without_workspace_configuration_pushes_settings(session):
    # pytest-lsp turns a workspace/configuration request to this client into a failure
    await session.start(capabilities=without_configuration_request, settings={"ignore": ["BN002"]})
    uri = session.file("model.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)
    assert await session.diagnostics(uri) == []
    mark = session.mark()
    session.client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"bnlint": {"ignore": [], "severity": {"BN002": "error"}}})
    )
    (diagnostic,) = await session.diagnostics(uri, since=mark)
    assert diagnostic.severity == types.DiagnosticSeverity.Error


@pytest.mark.parametrize(
    "content,problem",
    [(b"tool = 5\n", "'tool' must be a table"), (b"[tool.bnlint]\nselect = ['BN001'] # \xff\n", "not valid UTF-8")],
    ids=["tool-not-a-table", "not-utf8"],
)
async def test_unreadable_pyproject_is_shown_once_and_defaults_used(session, content, problem):
    (session.root / "pyproject.toml").write_bytes(content)
    await session.start()
    uri = session.file("a.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)
    assert [d.code for d in await session.diagnostics(uri)] == ["BN002"]  # defaults: every rule
    mark = session.mark()
    version = session.replace(uri, BN002_SNIPPET + "y = tf.contrib.layers.batch_norm(x)\n")
    assert [d.code for d in await session.diagnostics(uri, version, since=mark)] == ["BN002", "BN002"]
    (message,) = session.client.messages
    assert message.type == types.MessageType.Warning
    assert "pyproject.toml" in message.message and problem in message.message


async def test_settings_select_that_selects_nothing_warns_and_uses_the_defaults(session):
    await session.start(configuration={"select": []})
    uri = session.file("model.py", BN002_SNIPPET)
    session.open(uri, BN002_SNIPPET)
    assert [d.code for d in await session.diagnostics(uri)] == ["BN002"]
    await session.wait_until(lambda: session.client.messages, "a window/showMessage")
    (message,) = session.client.messages
    assert message.type == types.MessageType.Warning
    assert "'select' selects no rule" in message.message
