"""A document closed without being saved stops counting for the project's other files.

Found by the long differential property test: the server, which keeps one project per
workspace, silenced BN005 in a new document because an arg_scope in a document closed long
before (never on disk) still answered "some arg_scope sets is_training"."""

from __future__ import annotations

from bnlint.analysis import analyze
from bnlint.project import Project

MODEL = (
    "import tensorflow as tf\n\nslim = tf.contrib.slim\n\n\ndef tower(images, is_training):\n"
    "    with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm,\n"
    "                        normalizer_params={'decay': 0.997}):\n"
    "        return slim.conv2d(images, 64, [7, 7], scope='conv1')\n"
)
CALLER = (
    "import tensorflow as tf\nfrom model import tower\n\nslim = tf.contrib.slim\n"
    "with slim.arg_scope([slim.batch_norm], is_training=False):\n    net = tower(x, False)\n"
)


def codes(project: Project, path, text: str) -> list:
    project.set_document(str(path), text)
    return [f.code for f in analyze(text, path=str(path), project=project).findings]


def test_a_closed_unsaved_document_no_longer_counts(tmp_path):
    model, caller = tmp_path / "model.py", tmp_path / "caller.py"
    project = Project(tmp_path)
    assert codes(project, model, MODEL) == ["BN005"]
    assert codes(project, caller, CALLER) == []
    assert codes(project, model, MODEL) == []  # the open caller's arg_scope covers tower
    project.set_document(str(caller), None)  # closed, never saved: it does not exist
    assert codes(project, model, MODEL) == ["BN005"]


def test_a_closed_document_counts_as_saved_on_disk(tmp_path):
    model, caller = tmp_path / "model.py", tmp_path / "caller.py"
    caller.write_text(CALLER.replace("is_training=False", "scale=True"))
    project = Project(tmp_path)
    assert codes(project, caller, CALLER) == []
    assert codes(project, model, MODEL) == []
    project.set_document(str(caller), None)  # its unsaved edit is gone: the disk's text counts
    assert codes(project, model, MODEL) == ["BN005"]
