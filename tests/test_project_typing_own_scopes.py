"""While typing, the project keeps the edited file's previous summary (analyze with
defer_summary); none of the file's own arg_scopes may come from it.

Found by the long differential property test (seed 20261210): deleting the ':' and line
break after `... as sc` in tower_scope broke the inner arg_scope that gives batch norm
data_format='NCHW'; analyze() from scratch reported BN007 at the outer arg_scope, but the
server did not: for a function with callers unknown (it returns its scope), "does some
arg_scope in the project supply data_format" was answered from the previous text's summary."""

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
)
# the ':' and the line break after `as sc` deleted, as the property test did
AFTER = BEFORE.replace("as sc:\n            return sc", "as sc       return sc")


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
