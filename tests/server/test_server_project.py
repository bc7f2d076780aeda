"""The project around open files, over real stdio: a train op in train.py is checked against
the batch norm model.py builds; editing model.py (open, or on disk) changes train.py's
diagnostics; the workspace is indexed in the background with $/progress."""

from __future__ import annotations

from lsprotocol import types

from lsp_session import WAIT_SECONDS

MODEL = (
    "import tensorflow as tf\n"
    "\n"
    "\n"
    "def net(x, is_training):\n"
    "    return tf.contrib.layers.batch_norm(x, is_training=is_training)\n"
)
# the same batch norm with in-place updates: no update ops for a train op to miss
MODEL_IN_PLACE = MODEL.replace("is_training=is_training)", "is_training=is_training, updates_collections=None)")
TRAIN = (
    "import tensorflow as tf\n"
    "\n"
    "import model\n"
    "\n"
    "\n"
    "def train(x):\n"
    "    loss = tf.reduce_mean(model.net(x, True))\n"
    "    return tf.train.AdamOptimizer().minimize(loss)\n"
)
HELPER = "def unrelated(x):\n    return x + 1\n"


async def codes_until(session, uri: str, wanted: list, since: int = 0) -> list:
    """train.py's diagnostics once they are `wanted` (pushed ones after publish `since`; a
    pulling client asks again until then). The deadline only guards against a hang."""
    if session.pulls:
        loop = __import__("asyncio").get_running_loop()
        deadline = loop.time() + WAIT_SECONDS
        while True:
            diagnostics = await session.diagnostics(uri)
            if [d.code for d in diagnostics] == wanted or loop.time() > deadline:
                return diagnostics
            session.client.arrived.clear()
            try:
                await __import__("asyncio").wait_for(session.client.arrived.wait(), 0.2)
            except __import__("asyncio").TimeoutError:
                pass
    published = await session.wait_until(
        lambda: [p for p in session.published(uri, since=since) if [d.code for d in p.diagnostics] == wanted],
        f"{wanted} on {uri}",
    )
    return list(published[-1].diagnostics)


async def test_editing_model_changes_train_diagnostics(session):
    (session.root / "pyproject.toml").write_text("")
    model = session.file("model.py", MODEL)
    train = session.file("train.py", TRAIN)
    await session.start(settings={"debounceMs": 0})
    session.open(train, TRAIN)
    (bn001,) = await codes_until(session, train, ["BN001"])
    related = bn001.related_information
    assert related and related[0].location.uri == model
    assert related[0].location.range.start.line == 4  # the batch_norm line of model.py

    # open model.py and give its batch norm in-place updates: train.py's BN001 goes away
    session.open(model, MODEL)
    await session.diagnostics(model)
    mark = session.mark()
    session.replace(model, MODEL_IN_PLACE)
    assert await codes_until(session, train, [], since=mark) == []

    # and back: it returns, pointing at the open document's text
    mark = session.mark()
    session.replace(model, "# the model\n" + MODEL)
    (bn001,) = await codes_until(session, train, ["BN001"], since=mark)
    assert bn001.related_information[0].location.range.start.line == 5


async def test_module_changed_on_disk_updates_the_open_file(session):
    (session.root / "setup.py").write_text("")
    model_path = session.root / "model.py"
    session.file("model.py", MODEL)
    train = session.file("train.py", TRAIN)
    await session.start(settings={"debounceMs": 0})
    session.open(train, TRAIN)
    await codes_until(session, train, ["BN001"])

    mark = session.mark()
    model_path.write_text(MODEL_IN_PLACE)  # saved by another program: the watcher tells the server
    session.client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=model_path.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    assert await codes_until(session, train, [], since=mark) == []


async def test_workspace_is_indexed_with_progress(session):
    (session.root / "pyproject.toml").write_text("")
    for index in range(30):
        session.file(f"pkg/layer_{index}.py", MODEL)
    await session.start()
    await session.wait_until(
        lambda: [m for m in session.client.log_messages if "project index ready" in m.message], "the index"
    )
    (message,) = [m.message for m in session.client.log_messages if "project index ready" in m.message]
    assert "(30 modules" in message
    if session.capabilities.window and session.capabilities.window.work_done_progress:
        (reports,) = session.client.progress_reports.values()
        assert reports[0].kind == "begin" and reports[-1].kind == "end"


async def test_edit_of_a_file_no_one_imports_republishes_only_it(session):
    (session.root / "pyproject.toml").write_text("")
    session.file("model.py", MODEL)
    train = session.file("train.py", TRAIN)
    helper = session.file("helper.py", HELPER)
    await session.start(settings={"debounceMs": 0})
    session.open(train, TRAIN)
    session.open(helper, HELPER)
    await codes_until(session, train, ["BN001"])
    await session.diagnostics(helper)
    if session.pulls:
        return  # nothing is pushed to count
    await session.wait_until(
        lambda: [m for m in session.client.log_messages if "project index ready" in m.message], "the index"
    )
    await session.diagnostics(train)
    mark = session.mark()
    version = session.replace(helper, HELPER + "\n\ndef more(x):\n    return x\n")
    await session.diagnostics(helper, version, since=mark)
    assert session.published(train, since=mark) == []


HELPERS = (
    "import tensorflow as tf\n"
    "\n"
    "slim = tf.contrib.slim\n"
    "\n"
    "\n"
    "def unit(x):\n"
    "    return slim.batch_norm(x)\n"
)
NET = (
    "import tensorflow as tf\n"
    "\n"
    "import helpers\n"
    "\n"
    "slim = tf.contrib.slim\n"
    "\n"
    "\n"
    "def net(x, is_training):\n"
    "    with slim.arg_scope([slim.batch_norm], is_training=is_training):\n"
    "        return helpers.unit(x)\n"
)


async def test_added_workspace_folder_is_indexed(session):
    # helpers.unit is called only from net.py, which is not open, under an arg_scope that sets
    # is_training: once the added folder is indexed, helpers.py's BN002 goes away
    first = session.root / "first"
    second = session.root / "second"
    first.mkdir()
    (first / "pyproject.toml").write_text("")
    second.mkdir()
    (second / "pyproject.toml").write_text("")
    (second / "net.py").write_text(NET)
    helpers = session.file("second/helpers.py", HELPERS)
    await session.start(settings={"debounceMs": 0}, folders=[first])
    await session.wait_until(
        lambda: [m for m in session.client.log_messages if "project index ready" in m.message], "the first index"
    )
    session.client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(
                added=[types.WorkspaceFolder(uri=second.as_uri(), name="second")], removed=[]
            )
        )
    )
    session.open(helpers, HELPERS)
    assert await codes_until(session, helpers, []) == []


# an arg_scope hands out batch norm with params lacking 'is_training' (BN005), and a second
# one in the same file sets batch norm's is_training (then it stays silent)
ARG_SCOPES = (
    "import tensorflow as tf\n"
    "\n"
    "slim = tf.contrib.slim\n"
    "\n"
    "\n"
    "def resnet_arg_scope(weight_decay=0.0001):\n"
    "    with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm,\n"
    "                        normalizer_params={'decay': 0.997, 'scale': True}) as sc:\n"
    "        return sc\n"
)
TRAINING_SCOPE = (
    "\n"
    "\n"
    "def features(images, is_training):\n"
    "    with slim.arg_scope([slim.batch_norm], is_training=is_training):\n"
    "        return slim.conv2d(images, 64, [3, 3])\n"
)


async def test_own_previous_summary_does_not_answer_for_the_edited_file(session):
    # while typing, the project keeps the file's previous summary (its new one is recorded once
    # typing pauses): the arg_scope setting is_training, deleted by this edit, must not keep
    # silencing BN005 in the first diagnostics of the new text (they came 0.3 s later)
    (session.root / "pyproject.toml").write_text("")
    uri = (session.root / "nets.py").as_uri()  # not on disk: only the open document holds the scopes
    await session.start(settings={"debounceMs": 0})
    session.open(uri, ARG_SCOPES + TRAINING_SCOPE)
    assert await session.diagnostics(uri) == []
    version = session.replace(uri, ARG_SCOPES)
    assert [d.code for d in await session.diagnostics(uri, version)] == ["BN005"]
