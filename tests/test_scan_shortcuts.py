"""Three shortcuts the project index takes must give what the plain way gives.

- NodeIndex.of(Import, ImportFrom[, one other class]) merges per-class lists by source
  position instead of filtering every indexed node: the order must stay the walk's.
- project._import_matches tries the import pattern only at lines that say `import`: the
  matches must be those of finditer over the whole text.
- mentions_project_api and summarize_source, told that a text names no batch norm (the
  analysis searched it first), skip those words: they must answer as without the hint.

Each is checked over every Python file of the rule cases and the fixture projects, plus
generated texts (odd import shapes; random mixes of API words).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from astroid import nodes

from bnlint import project
from bnlint.analysis import _relevant_blocks
from bnlint.blocks import INDEXED, parse_module

TESTS = Path(__file__).parent
SOURCES = sorted(p for folder in ("cases", "projects") for p in (TESTS / folder).rglob("*.py"))


def _walk(module, classes) -> list:
    # the walk order the index promises (AsyncFunctionDef is filed under FunctionDef)
    wanted = tuple(classes) + ((nodes.AsyncFunctionDef,) if nodes.FunctionDef in classes else ())
    return [n for n in module.nodes_of_class(INDEXED) if isinstance(n, wanted)]


def test_there_are_sources():
    assert len(SOURCES) > 50


@pytest.mark.parametrize(
    "classes",
    [
        (nodes.Import, nodes.ImportFrom),
        (nodes.Import, nodes.ImportFrom, nodes.Attribute),
        (nodes.ImportFrom, nodes.Call),
        (nodes.Import, nodes.FunctionDef),
        (nodes.Call, nodes.Attribute),  # two classes that nest: the plain filter
    ],
    ids=lambda classes: "+".join(c.__name__ for c in classes),
)
def test_merged_classes_keep_walk_order(classes):
    compared = 0
    for path in SOURCES:
        parsed = parse_module(path.read_text(encoding="utf-8"), None, lambda texts: [True] * len(texts))
        got = parsed.index.of(*classes)
        assert [id(n) for n in got] == [id(n) for n in _walk(parsed.module, classes)], path
        compared += len(got)
    assert compared > 100


def test_merged_classes_over_reused_blocks():
    # blocks taken from the cache after lines were inserted above them keep their order too
    from bnlint.analysis import BlockCache

    source = (TESTS / "cases").glob("**/*.py").__next__().read_text(encoding="utf-8")
    text = "import os\nfrom a import b\n\n\ndef f():\n    import c\n    return os.path.join(b, c.d)\n\n" + source
    cache = BlockCache()
    parse_module(text, cache, _relevant_blocks)
    moved = parse_module("import sys\n\n" + text, cache, _relevant_blocks)
    classes = (nodes.Import, nodes.ImportFrom, nodes.Attribute)
    assert [id(n) for n in moved.index.of(*classes)] == [id(n) for n in _walk(moved.module, classes)]


_PIECES = [
    "import a", "from . import (b,\n c)", "  import x.y as z\n", "from .m import *", "\\\n", "\n", "#", "import",
    "from", " ", "(", ")", "\r\n", "x = 1; import os\n", "importlib\n", "from a import b \\\n, c\n", "'''import q'''\n",
    "\timport t\n", "from..u import v\n",
]


def test_import_lines_found_as_finditer_finds_them():
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    texts += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 14))) for _ in range(5000)]
    found = 0
    for text in texts:
        plain = [(m.span(), m.groups()) for m in project._IMPORT_LINE.finditer(text)]
        assert [(m.span(), m.groups()) for m in project._import_matches(text)] == plain, repr(text[:200])
        found += len(plain)
    assert found > 1000


_API_PIECES = ["import tensorflow as tf\n", "x = 1\n", "opt.minimize(loss)\n", "# batch_norm\n", "slim.arg_scope\n",
               "BatchNorm", "tf.GraphKeys.UPDATE_OPS\n", "saver = Saver()\n", "from . import model\n", "Dropout\n"]


def test_batch_norm_hint_changes_no_answer():
    rng = random.Random(11)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    texts += ["".join(rng.choice(_API_PIECES) for _ in range(rng.randint(1, 6))) for _ in range(2000)]
    kinds = set()
    for text in texts:
        names_batch_norm = project.names_any(text, project.BATCH_NORM_SPELLINGS)
        mentions = project.mentions_project_api(text)
        assert project.mentions_project_api(text, names_batch_norm) == mentions, repr(text[:200])
        kinds.add((names_batch_norm, mentions))
        if not names_batch_norm:
            hinted = project.summarize_source(text, "/p/m.py", mentions=mentions, names_batch_norm=False)
            assert hinted == project.summarize_source(text, "/p/m.py"), repr(text[:200])
            assert not hinted.full and hinted.mentions_api == mentions  # its imports only
    assert kinds == {(False, False), (False, True), (True, True)}
