"""While typing, the project keeps the edited file's previous summary (analyze with
defer_summary); none of the file's own arg_scopes may come from it.

Found by the long differential property test (seed 20261210): deleting the ':' and line
break after `... as sc` in tower_scope broke the inner arg_scope that gives batch norm
data_format='NCHW'; analyze() from scratch reported BN007 at the outer arg_scope, but the
server did not: for a function with callers unknown (it returns its scope), "does some
arg_scope in the project supply data_format" was answered from the previous text's summary,
and so was "is tower_scope a function with callers unknown" (it returned its scope before the
edit; both_scope's arg_scope supplies data_format to batch norm)."""

from __future__ import annotations

from bnlint.analysis import BlockCache, analyze
from bnlint.project import Project

BEFORE = (
    "import tensorflow as tf\n\nslim = tf.contrib.slim\n\n\n"
    "def tower_scope(is_training):\n"
    "    with slim.arg_scope([slim.conv2d], data_format='NCHW',\n"
    "                        normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training}):\n"
    "        with slim.arg_scope([slim.batch_norm], data_format='NCHW') as sc:\n"
    "            return sc\n"
    "\n\n"
    "def both_scope(is_training):\n"
    "    with slim.arg_scope([slim.conv2d, slim.batch_norm], data_format='NCHW'):\n"
    "        with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm,\n"
    "                            normalizer_params={'is_training': is_training}) as sc:\n"
    "            return sc\n"
)
# the ':' and the line break after `as sc` deleted, as the property test did
AFTER = BEFORE.replace("as sc:\n            return sc", "as sc       return sc", 1)


def findings(report) -> list:
    return [(f.code, f.range.start.line, f.message) for f in report.findings]


def test_typing_reads_the_own_arg_scopes_from_the_new_text(tmp_path):
    path = str(tmp_path / "scopes.py")
    fresh = findings(analyze(AFTER, path=path, project=Project(tmp_path)))
    assert [code for code, _, _ in fresh] == ["BN007"]

    project, cache = Project(tmp_path), BlockCache()
    assert findings(analyze(BEFORE, path=path, project=project, cache=cache, defer_summary=True)) == []
    typed = analyze(AFTER, path=path, project=project, cache=cache, defer_summary=True)
    assert typed.pending_summary is not None  # the project still holds BEFORE's summary
    assert findings(typed) == fresh


def test_typing_key_by_key_with_the_project_holding_the_opened_text(tmp_path):
    """As the server does: the project gets the document's text when it is opened (and again
    when typing pauses), not at every keystroke."""
    path = str(tmp_path / "scopes.py")
    fresh = findings(analyze(AFTER, path=path, project=Project(tmp_path)))
    project, cache = Project(tmp_path), BlockCache()
    project.set_document(path, BEFORE)
    analyze(BEFORE, path=path, project=project, cache=cache, defer_summary=True)
    at = BEFORE.index("as sc:\n            return sc") + len("as sc")
    text = BEFORE
    for _ in range(len(BEFORE) - len(AFTER)):  # the Delete key, one character at a time
        text = text[:at] + text[at + 1 :]
        report = analyze(text, path=path, project=project, cache=cache, defer_summary=True)
    assert text == AFTER
    assert findings(report) == fresh
